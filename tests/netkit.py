"""Helpers for the network tests: a class served in-process, and seats driven by hand or by a strategy."""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path

from game.agents import registry
from game.agents.base import decide
from game.play.catalog import load_scenario
from game.play.remote import protocol as proto
from game.net.classroom import Classroom
from game.play.remote.seat import SeatState

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from game.net.server import build_app  # noqa: E402


@contextlib.contextmanager
def served(folder: Path, *, tables: int = 1, ai_fill: str | None = None, resume: bool = False, scenario=None):
    room = Classroom(scenario or load_scenario("moscow_2020"), folder, tables=tables, ai_fill=ai_fill, resume=resume)
    try:
        with TestClient(build_app(room)) as client:
            client.students = []  # every Student opened on it, closed before the client
            try:
                yield room, client
            finally:
                for student in client.students:
                    student.close()
    finally:
        room.close()


class Student:
    """One seat over an in-process WebSocket: every message received is kept in `inbox`."""

    def __init__(self, client: TestClient, room: Classroom, name: str = "Student"):
        self.room, self.name, self.client = room, name, client
        self._cm = client.websocket_connect("/ws")
        self.ws = self._cm.__enter__()
        self._open = True
        client.students.append(self)
        self.state = SeatState()
        self.inbox: list[dict] = []
        self.raw: list[str] = []

    def send(self, msg: dict) -> None:
        self.ws.send_text(proto.encode(msg))

    def recv(self) -> dict:
        text = self.ws.receive_text()
        self.raw.append(text)
        msg = proto.decode(text, limit=proto.MAX_HOST_FRAME)
        self.inbox.append(msg)
        self.state.receive(msg)
        return msg

    def recv_until(self, kind: str) -> dict:
        while True:
            msg = self.recv()
            if msg["type"] == kind:
                return msg

    def join(self, code: str | None = None) -> dict:
        self.send(proto.message("join", code=code or self.room.code, name=self.name))
        return self.recv_until("welcome")

    def move(self, move) -> dict:
        """Send a move and read until its ack or reject."""
        msg = self.state.send_move(move)
        self.send(msg)
        while True:
            got = self.recv()
            if got["type"] in ("ack", "reject") and got.get("id") == msg["id"]:
                return got

    def close(self) -> None:
        if self._open:
            self._open = False
            try:
                self._cm.__exit__(None, None, None)
            except Exception:  # the host closed it first
                pass

    def reconnect(self, hello: dict | None = None) -> dict:
        """A new connection for the same seat (its token, or `hello`); returns the host's first reply."""
        self.close()
        self._cm = self.client.websocket_connect("/ws")
        self.ws = self._cm.__enter__()
        self._open = True
        self.send(hello or proto.message("rejoin", token=self.state.token))
        return self.recv()


def play_turn(student: Student, strategy) -> list[dict]:
    view = student.state.session.view(student.state.party)
    return [student.move(m) for m in decide(strategy, view)]


def strategy_for(student: Student, name: str = "boulware"):
    return registry.create(name, {}, student.state.seed, student.state.party)


def drain(student: Student, until_seq: int) -> None:
    """Read until the seat's mirror has caught up with `until_seq` moves (or the game ended)."""
    while student.state.seq < until_seq and not student.state.finished:
        student.recv()
