"""A game at a class table: the `Game` the screens already read, fed by the host.

`RemoteGame` is a `Game` whose match runs on the seat's mirror session
(`game.play.remote.seat.SeatState`): the other side's moves arrive from the host and are
applied in the frame loop's thread, so the table, history and news screens work
unchanged. Nothing moves locally: `submit` checks the move on the mirror, sends
it, and the game is `thinking` (moves disabled) until the host acknowledges it,
and while the partner has not sat down yet. At the end the host sends the full
scenario; the game then switches to a session on it with every move replayed,
so the outcome and the debrief show both sides, as in a classroom debrief.
No autosave: the teacher's computer keeps the game.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from game.app import paths
from game.app.game_state import Game, GameSetup, OfferEntry, SaidEntry  # noqa: F401 (the record types)
from game.atomic import write_atomic
from game.play.match import Match, PlayerSpec
from game.negotiation import transcript as tr
from game.negotiation.moves import Move
from game.negotiation.transcript import unique_path
from game.play.remote.seat import SeatState

REMOTE = PlayerSpec("remote")  # the partner at the other computer (a student or the host's computer player)


class RemoteGame(Game):
    def __init__(self, state: SeatState, send, base: Path | None = None):
        assert state.scenario is not None and state.session is not None
        self.state = state
        self.send = send  # send(message) -> bool: the link
        self.refusal = ""  # the host's reason, when it refused a move
        setup = GameSetup(state.scenario, state.party, REMOTE, state.seed)
        super().__init__(setup, base=base, restored=self._match(state.scenario, state.session))
        self.transcript = Path("table-{n}.jsonl".format(n=state.table))
        state.on_reset.append(self.rebind)

    def _match(self, scenario, session) -> Match:
        players = {self.state.party: PlayerSpec("human"), scenario.other(self.state.party): PlayerSpec("human")}
        return Match(scenario, seed=self.state.seed, players=players, session=session)

    # -- the host's messages (in the frame loop's thread) ----------------------------------------
    def receive(self, msg: dict) -> None:
        self.state.receive(msg)
        if msg.get("type") == "reject":
            self.refusal = str(msg.get("reason", ""))
        if msg.get("type") == "end" and self.state.full is not None:
            self.rebind(self.state.full, full=True)
        self.version += 1

    def rebind(self, session, full: bool = False) -> None:
        """Follow a new session (a welcome after reconnecting, or the full one at the end)."""
        scenario = session.scenario
        self.setup = dataclasses.replace(self.setup, scenario=scenario)
        self.match = self._match(scenario, session)
        self.offers.clear()
        self.said.clear()
        self.news.clear()
        self._replaying = True
        for record in session.log:
            self._record(record)
        self._replaying = False
        session.subscribe(self._record)

    # -- what the screens ask ------------------------------------------------------------------------
    @property
    def thinking(self) -> bool:
        """Moves are disabled: ours waits for the host, or the partner has not sat down yet."""
        return (self.state.pending is not None or not self.state.started) and not self.finished

    @property
    def finished(self) -> bool:
        return self.state.finished or self.match.finished

    def ai_to_move(self) -> bool:
        return False

    def start_ai_turn(self, notify=None) -> bool:
        return False

    def play_ai_turn_now(self) -> None:
        return None

    def submit(self, move: Move) -> dict:
        """Check on the mirror (IllegalMove with the core's reason), then send; the host's update applies it."""
        message = self.state.send_move(move)
        self.refusal = ""
        self.send(message)
        return {}

    def resend(self) -> None:
        if self.state.pending is not None:
            self.send(self.state.pending)

    def result(self) -> dict:
        return self.state.result or self.session.result()

    def judged_statements(self) -> list[dict] | None:
        return self.state.statements  # the host's, judged with both profiles (else judged here)

    def _autosave(self, record: dict) -> None:
        return None  # the teacher's computer keeps the game

    def discard_autosave(self) -> None:
        return None

    def save_results(self) -> Path:
        """A copy of the game in this computer's own folders (the host keeps the class's)."""
        if self.results_path is None and self.finished:
            folder = paths.transcripts(self.base)
            folder.mkdir(parents=True, exist_ok=True)
            path = unique_path(folder / f"class-table-{self.state.table}-{self.setup.player}.jsonl")
            lines = [tr.dumps(self.match.header())] + [tr.dumps(r) for r in self.session.log]
            write_atomic(path, "".join(line + "\n" for line in lines))
            self.transcript = path
        try:
            return super().save_results()
        except ValueError:  # the host's judged statements do not read as results: judge them here
            if self.state.statements is None:
                raise
            self.state.statements = None
            return super().save_results()
