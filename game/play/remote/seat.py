"""A seat's mirror of its table: what one student's client knows, kept in step with the host.

`SeatState` takes the host's messages in order (`receive`) and keeps a local
`Session` on the seat's scenario (the other party's profile taken out), with
every move the host reported applied to it, so the client's screens and
strategies read an ordinary `PartyView`. The host is the referee: the mirror
only checks a move before sending it (to say at once why it is illegal) and
never moves by itself. The records the mirror produces must equal the ones the
host sent, or the mirror stops (`MirrorError`).

`send_move` turns a move into a protocol message with the table's `seq` and a
fresh id, and keeps it as `pending` until the host acknowledges or rejects it;
after a reconnection the same message is sent again (same id: applied once).
At the end the host sends the full scenario for the debrief: `full` is then a
session on it with every move replayed, and `result` the host's result.
"""

from __future__ import annotations

import uuid
from typing import Any, Callable

from game.negotiation.moves import Move, MoveKind
from game.negotiation.session import Session
from game.play.remote import protocol as proto
from game.scenario.model import Scenario


class MirrorError(RuntimeError):
    """The host's records do not follow from the moves: the client cannot go on safely."""


class SeatState:
    def __init__(self) -> None:
        self.table: int | None = None
        self.party = ""
        self.token: str | None = None
        self.pin = ""
        self.seq = 0
        self.seed = 0
        self.scenario: Scenario | None = None
        self.session: Session | None = None
        self.names: dict[str, str] = {}
        self.started = False
        self.ended = False              # the teacher ended the class
        self.told: list[dict] = []      # every record the host sent, in order
        self.result: dict[str, Any] | None = None
        self.statements: list | None = None  # judged by the host at the end
        self.full: Session | None = None
        self.pending: dict | None = None
        self.acked = 0                  # own proposals, acceptances and walk-aways acknowledged
        self.rejected: dict | None = None
        self.on_reset: list[Callable[[Session], None]] = []   # a new mirror session (welcome)
        self._pending_move: Move | None = None

    # -- state -------------------------------------------------------------------------------
    @property
    def joined(self) -> bool:
        return self.session is not None

    @property
    def finished(self) -> bool:
        return self.result is not None

    @property
    def my_turn(self) -> bool:
        s = self.session
        return (s is not None and self.started and not self.ended and not self.finished and not s.finished
                and s.turn == self.party)

    def hello(self, code: str, name: str) -> dict:
        """The first message on a connection: join, or rejoin with the token once seated."""
        if self.token:
            return proto.message("rejoin", token=self.token)
        return proto.message("join", code=code, name=name)

    # -- the host's messages ------------------------------------------------------------------------
    def receive(self, msg: dict) -> None:
        kind = msg.get("type")
        handler = getattr(self, f"_on_{kind}", None)
        if handler is not None:
            handler(msg)

    def _on_welcome(self, msg: dict) -> None:
        self.table, self.party = msg["table"], msg["party"]
        self.token = msg.get("token") or self.token
        self.pin = msg.get("pin") or self.pin
        self.seed = int(msg["seed"])
        self.scenario = proto.scenario_from_data(msg["scenario"], content_hash=msg.get("scenario_hash", ""))
        self.session = Session(self.scenario, seed=self.seed)
        self.told = []
        self._apply(msg["records"])
        self.seq = int(msg["seq"])
        self._meta(msg)
        for callback in self.on_reset:
            callback(self.session)

    def _on_update(self, msg: dict) -> None:
        self._apply(msg.get("records", []))
        self.seq = int(msg.get("seq", self.seq))
        self._meta(msg)

    def _on_end(self, msg: dict) -> None:
        records = msg.get("records", [])
        self._apply([r for r in records if r.get("type") != "end"])
        self.told.extend(r for r in records if r.get("type") == "end")
        self.seq = int(msg.get("seq", self.seq))
        self._meta(msg)
        self.result = msg["result"]
        statements = msg.get("statements")
        self.statements = statements if isinstance(statements, list) else None
        self._settle_pending()
        assert self.scenario is not None
        full = proto.scenario_from_data(msg["scenario"], content_hash=self.scenario.content_hash)
        self.full = Session(full, seed=self.seed)
        for record in self.session.log if self.session else []:
            if record["type"] == "move":
                self.full.apply(Move.from_json(record["party"], record["move"]))
        self.pending = None

    def _settle_pending(self) -> None:
        """The game ended with our move waiting: it counts if the table's record holds it at its seq."""
        if self.pending is None or self.session is None:
            return
        moves = [r for r in self.session.log if r["type"] == "move"]
        seq = self.pending["seq"]
        if len(moves) > seq and moves[seq]["party"] == self.party and moves[seq]["move"] == self.pending["move"]:
            self._on_ack({"id": self.pending["id"]})

    def _on_ack(self, msg: dict) -> None:
        if self.pending is not None and msg.get("id") == self.pending["id"]:
            if self._pending_move is not None and self._pending_move.kind is not MoveKind.SAY:
                self.acked += 1
            self.pending, self._pending_move = None, None

    def _on_reject(self, msg: dict) -> None:
        if self.pending is not None and msg.get("id") == self.pending["id"]:
            self.pending, self._pending_move = None, None
            self.rejected = msg

    def _meta(self, msg: dict) -> None:
        if "names" in msg:
            self.names = dict(msg["names"])
        if "started" in msg:
            self.started = bool(msg["started"])
        if msg.get("ended"):
            self.ended = True

    def _apply(self, records: list[dict]) -> None:
        session = self.session
        if session is None:
            raise MirrorError("records before the welcome")
        for record in records:
            self.told.append(record)
            if record.get("type") != "move":
                continue
            start = len(session.log)
            session.apply(Move.from_json(record["party"], record["move"]))
            if session.log[start] != record:
                raise MirrorError(f"the host's move record differs from the mirror's: {record}")
        mine = [r for r in session.log if r["type"] != "end"]
        told = [r for r in self.told if r.get("type") != "end"]
        if mine != told:
            raise MirrorError("the host's events differ from the mirror's")

    # -- moving ---------------------------------------------------------------------------------------
    def send_move(self, move: Move) -> dict:
        """Check `move` on the mirror (IllegalMove if refused) and make it the pending message."""
        if self.session is None:
            raise MirrorError("not seated")
        if self.pending is not None:
            raise RuntimeError("a move is already waiting for the host")
        self.session.check(move)
        self.rejected = None
        self._pending_move = move
        self.pending = proto.message("move", seq=self.seq, id=uuid.uuid4().hex, move=move.to_json())
        return self.pending
