"""One table of a class: two seats, the match they play, and what it writes at the end.

The host is the referee: a `Table` holds a `Match` (the existing session and any
computer player) and the seats, each bound to one party. A seat is `open`, a
`human` (a student's name, the hash of their token, a re-join PIN) or `ai`
(a strategy played by the host). The table's `seq` is the number of moves it has
applied; `acked` remembers, per party, which client move ids were acknowledged
at which `seq`, so a resend is acknowledged again and never applied twice.

`replay` rebuilds a table from the journal after a crash: the moves go through a
fresh session, and a computer seat decides again at each of its turns so its
inner state (its generator, its memory) comes back too.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.agents import registry
from game.agents.base import decide
from game.atomic import write_atomic
from game.i18n import local
from game.play.remote import protocol as proto
from game.play.match import Match, PlayerSpec
from game.negotiation import transcript as tr
from game.negotiation.moves import Move, MoveKind
from game.negotiation.session import Session
from game.play.results import statement_records, write_results
from game.rules import Rulebook
from game.scenario.model import Scenario


@dataclass
class Seat:
    table: int
    party: str
    kind: str = "open"                 # open, human or ai
    name: str = ""
    token_hash: str | None = None
    pin: str | None = None
    strategy: str | None = None
    peers: set = field(default_factory=set)          # connections on this seat now
    elsewhere: bool = False                          # connected to another host of a shared class
    acked: dict[str, int] = field(default_factory=dict)  # client move id -> seq after it

    @property
    def taken(self) -> bool:
        return self.kind != "open"

    @property
    def connected(self) -> bool:
        return self.kind == "ai" or bool(self.peers) or self.elsewhere

    def spec(self) -> PlayerSpec:
        return PlayerSpec("ai", self.strategy or "") if self.kind == "ai" else PlayerSpec("human")


class Table:
    def __init__(self, table_id: int, scenario: Scenario, seed: int, book: Rulebook | None = None,
                 scorers: dict | None = None):
        self.id = table_id
        self.scenario = scenario
        self.seed = seed
        humans = {p: PlayerSpec("human") for p in scenario.party_ids}
        session = Session(scenario, seed, book=book, scorers=scorers)  # one rulebook for every table
        self.match = Match(scenario, seed=seed, players=humans, session=session)
        self.seats = {p: Seat(table_id, p) for p in scenario.party_ids}
        self.seq = 0
        self.version = 0      # the store's version of this table's move log (see game.net.store)
        self.lock = asyncio.Lock()
        self.files_written = False
        self._statements: list[dict] | None = None  # judged once, when the game has ended
        self._card: tuple[tuple, dict[str, Any]] | None = None   # (what it shows, the card): see `card`
        self._card_text: tuple[dict[str, Any], str] | None = None

    @property
    def session(self):
        return self.match.session

    @property
    def full(self) -> bool:
        return all(s.taken for s in self.seats.values())

    @property
    def started(self) -> bool:
        return self.full

    def statements(self) -> list[dict]:
        """The finished game's statements judged true or false (`statement_records`), worked out once:
        the end message to each seat and the results file both carry them."""
        if self._statements is None:
            self._statements = statement_records(self.session)
        return self._statements

    def names(self) -> dict[str, str]:
        return {p: s.name for p, s in self.seats.items() if s.taken}

    def make_ai(self, party: str, strategy: str, name: str) -> None:
        seat = self.seats[party]
        seat.kind, seat.strategy, seat.name = "ai", strategy, name
        persona = self.scenario.party(party).persona
        params = persona.params if strategy == persona.strategy else {}
        self.match.players[party] = PlayerSpec("ai", strategy)
        self.match.agents[party] = registry.create(strategy, params, self.seed, party)

    def ai_on_turn(self) -> str | None:
        session = self.session
        if not self.started or session.finished or self.seats[session.turn].kind != "ai":
            return None
        return session.turn

    def ai_moves(self) -> list[Move]:
        party = self.session.turn
        return decide(self.match.agents[party], self.session.view(party))

    def apply(self, move: Move, client_id: str | None) -> list[dict]:
        """Apply a move already checked and journaled; returns its records."""
        start = len(self.session.log)
        self.session.apply(move)
        self.seq += 1
        if client_id:
            self.seats[move.party].acked[client_id] = self.seq
        return self.session.log[start:]

    def replay(self, moves: list[tuple[str, dict, str | None]]) -> None:
        """Apply journaled moves (party, move, client id) through the session, as after a crash."""
        decided: tuple | None = None
        for party, data, client_id in moves:
            session = self.session
            if self.seats[party].kind == "ai" and (session.round, party) != decided:
                self.ai_moves()  # the computer decides again: its inner state comes back
                decided = (session.round, party)
            self.apply(Move.from_json(party, data), client_id)

    # -- the teacher's view --------------------------------------------------------------
    def card(self) -> dict[str, Any]:
        """The table's card on the teacher's page. Kept until the table changes (a move, a seat taken,
        connected or left): a class of 500 tables is pushed to the page a few times a second."""
        key = (self.seq, self.session.finished, tuple((s.kind, s.name, s.connected, s.pin) for s in self.seats.values()))
        if self._card is None or self._card[0] != key:
            self._card = (key, self._make_card())
        return self._card[1]

    def card_text(self) -> str:
        """The card as JSON, encoded again only when the card changes."""
        card = self.card()
        if self._card_text is None or self._card_text[0] is not card:
            self._card_text = (card, proto.encode(card))
        return self._card_text[1]

    def _make_card(self) -> dict[str, Any]:
        session, scenario = self.session, self.scenario
        card: dict[str, Any] = {
            "id": self.id, "round": session.round, "rounds": session.rounds, "started": self.started,
            "turn": session.turn if not session.finished else None, "finished": session.finished,
            "ended_by": session.ended_by, "deal": session.ended_by == "accept",
            "moves": self.seq,
            "seats": [{"party": p, "party_name": local(scenario.party(p).name), "name": s.name, "kind": s.kind,
                       "connected": s.connected, "pin": s.pin or ""} for p, s in self.seats.items()],
            "last_offer": None, "scores": None,
        }
        if session.offers:
            offer = session.offers[-1]
            scorer = session.scorer()
            card["last_offer"] = {
                "party": offer.party,
                "package": [[local(i.title), local(i.options[k].label)] for i, k in zip(scenario.issues, offer.package)],
                "points": {p: round(scorer.points(p, offer.package), 1) for p in session.order},
            }
        if session.finished:
            card["scores"] = {p: round(v, 1) for p, v in session.result()["scores"].items()}
        return card

    # -- the files of a finished game ------------------------------------------------------
    def transcript_lines(self) -> str:
        lines = [tr.dumps(self.match.header())] + [tr.dumps(r) for r in self.session.log]
        return "".join(line + "\n" for line in lines)

    def write_files(self, folder: Path, date: _dt.date) -> Path | None:
        """Write transcripts/table-<id>.jsonl, and for a finished game its results file (once)."""
        transcript = folder / "transcripts" / f"table-{self.id}.jsonl"
        transcript.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(transcript, self.transcript_lines())
        if not self.session.finished:
            return None
        results = folder / "results"
        results.mkdir(parents=True, exist_ok=True)
        for existing in results.glob(f"{self.scenario.id}-*-{self.seed}-*.json"):
            try:
                if json.loads(existing.read_text(encoding="utf-8")).get("transcript") == str(transcript):
                    return existing  # written before a crash: never twice
            except (OSError, ValueError):
                continue
        return write_results(self.match, results, date=date, names=self.names(), transcript=transcript,
                             players={p: s.spec() for p, s in self.seats.items()}, statements=self.statements())


def is_decisive(move: Move) -> bool:
    """A proposal, acceptance or walk-away (statements are not counted as acknowledged moves)."""
    return move.kind is not MoveKind.SAY
