"""A game: a session, its players, and where its record goes.

Players are `ai:NAME` (a registered strategy, with the persona's parameters when
it is the party's own persona strategy), `script` (moves from a list, as in
scenario tests and `--moves`), or `human` (moves come from the client). `step()`
makes the computer players move (one turn), `run()` plays to the end; a human's
move is `submit(move)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from game.agents import registry
from game.agents.base import Strategy, StrategyParamError, decide
from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _
from game.negotiation.moves import Move, MoveKind
from game.negotiation.session import Session
from game.negotiation.transcript import TranscriptWriter, header
from game.scenario.model import Scenario, TestMove


@dataclass(frozen=True)
class PlayerSpec:
    kind: str           # "ai", "script" or "human"
    strategy: str = ""  # for ai

    def __str__(self) -> str:
        return f"ai:{self.strategy}" if self.kind == "ai" else self.kind

    @classmethod
    def parse(cls, text: str) -> "PlayerSpec":
        if text in ("script", "human"):
            return cls(text)
        if text.startswith("ai:"):
            name = text[3:]
            if name not in registry.names():
                raise ParleyError([Problem(_("'{name}' is not a known strategy").format(name=name),
                                           suggestion=did_you_mean(name, registry.names()),
                                           hint=_("known strategies: {names}").format(names=", ".join(registry.names())),
                                           code="player")])
            return cls("ai", name)
        raise ParleyError([Problem(_("a player is 'ai:STRATEGY', 'script' or 'human', not '{text}'").format(text=text),
                                   code="player")])


def test_move_to_move(tm: TestMove) -> Move:
    if tm.propose is not None:
        return Move.propose(tm.by, tm.propose)
    if tm.accept:
        return Move.accept(tm.by)
    if tm.walk_away:
        return Move.walk_away(tm.by)
    assert tm.say is not None
    return Move.say(tm.by, tm.say.kind, tm.say.issue, tm.say.option)


class Match:
    def __init__(self, scenario: Scenario, seed: int = 0, players: Mapping[str, PlayerSpec] | None = None,
                 script: Iterable[Move] = (), transcript: str | Path | None = None, session: Session | None = None):
        self.scenario = scenario
        self.seed = seed
        self.session = session or Session(scenario, seed)
        self.players = {p.id: (players or {}).get(p.id) or PlayerSpec("ai", p.persona.strategy) for p in scenario.parties}
        self.agents: dict[str, Strategy] = {}
        for party in scenario.parties:
            self._make_agent(party.id)
        self.queues: dict[str, list[Move]] = {p: [] for p in self.players}
        for move in script:
            self.queues.setdefault(move.party, []).append(move)
        self.writer: TranscriptWriter | None = None
        if transcript is not None:
            self.attach_transcript(TranscriptWriter(transcript, self.header()), written=0)

    def _make_agent(self, party_id: str) -> None:
        """The strategy of an AI player (its persona's parameters when it plays its persona's strategy)."""
        spec = self.players[party_id]
        self.agents.pop(party_id, None)
        if spec.kind != "ai":
            return
        party = self.scenario.party(party_id)
        params = party.persona.params if spec.strategy == party.persona.strategy else {}
        try:
            self.agents[party_id] = registry.create(spec.strategy, params, self.seed, party_id)
        except StrategyParamError as exc:
            file, line, col = party.persona.pos
            raise ParleyError([Problem(str(exc), file=file, line=line, col=col, code="persona")]) from None

    def replace_player(self, party: str, spec: PlayerSpec) -> None:
        """Let `spec` play `party` from now on (e.g. the computer takes over a resumed game a person left)."""
        if party not in self.players:
            raise KeyError(party)
        self.players[party] = spec
        self._make_agent(party)

    def header(self) -> dict:
        return header(self.scenario, self.seed, {k: str(v) for k, v in self.players.items()})

    def attach_transcript(self, writer: TranscriptWriter, written: int) -> None:
        """Record into `writer` from now on; it already holds the first `written` records."""
        self.writer = writer
        for record in self.session.log[written:]:  # e.g. events fired before the first move
            writer.write(record)
        self.session.subscribe(writer)

    @property
    def finished(self) -> bool:
        return self.session.finished

    @property
    def turn(self) -> str:
        return self.session.turn

    def waiting_for_human(self) -> bool:
        return not self.finished and self.players[self.turn].kind == "human"

    def submit(self, move: Move) -> dict:
        """Apply one move (from a human, a script or an agent); IllegalMove if refused."""
        return self.session.apply(move)

    def step(self) -> list[dict]:
        """Let the computer player on turn play one whole turn; returns the records."""
        if self.finished or self.waiting_for_human():
            return []
        party = self.turn
        spec = self.players[party]
        if spec.kind == "ai":
            moves = decide(self.agents[party], self.session.view(party))
        else:
            moves = self._script_turn(party)
        records = []
        for move in moves:
            records.append(self.submit(move))
        return records

    def _script_turn(self, party: str) -> list[Move]:
        queue = self.queues.get(party, [])
        moves = []
        while queue:
            move = queue.pop(0)
            moves.append(move)
            if move.kind is not MoveKind.SAY:
                return moves
        if not moves:
            raise ScriptExhausted(party)
        return moves

    def run(self, max_turns: int = 10_000) -> dict:
        """Play until the end (or until the script runs out); returns the result."""
        try:
            for _turn in range(max_turns):
                if self.finished or self.waiting_for_human():
                    break
                self.step()
        except ScriptExhausted:
            pass
        finally:
            self.close()
        return self.session.result()

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class ScriptExhausted(Exception):
    """A scripted party has no moves left while it is on turn."""
