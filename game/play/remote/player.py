"""A seat played headless by a strategy (`parley join --ai`): the student's side without a window.

The link thread only queues the host's messages; this loop (the caller's thread)
applies them to the seat's mirror and, on its turn, waits `think` seconds and
sends the strategy's moves one at a time, each after the previous one was
acknowledged. Returns when the game is over, or raises `Gone` with the reason.
"""

from __future__ import annotations

import queue
import time
from typing import Sequence

from game.agents import registry
from game.agents.base import Strategy, decide
from game.negotiation.moves import Move
from game.play.remote.link import GIVE_UP_AFTER, Link
from game.play.remote.seat import SeatState


class Gone(Exception):
    """The host refused the seat or could not be reached; `status` says which."""

    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def play_seat(urls: Sequence[str], code: str, name: str, strategy_name: str, *, think: float = 0.0,
              give_up_after: float = GIVE_UP_AFTER, state: SeatState | None = None) -> SeatState:
    state = state or SeatState()
    inbox: queue.Queue = queue.Queue()
    link = Link(urls, lambda: state.hello(code, name), inbox.put,
                lambda status, detail: inbox.put({"type": "_status", "status": status, "detail": detail}),
                give_up_after=give_up_after).start()
    strategy: Strategy | None = None
    plan: list[Move] = []
    planned_at: tuple | None = None
    ready_at = 0.0
    try:
        while not state.finished:
            wait = max(0.0, ready_at - time.monotonic()) if plan and state.pending is None else None
            try:
                msg = inbox.get(timeout=wait if wait is not None else 1.0)
            except queue.Empty:
                msg = None
            if msg is not None:
                if msg["type"] == "_status":
                    if msg["status"] in ("refused", "lost"):
                        raise Gone(msg["status"], msg["detail"])
                    continue
                was_joined = state.joined
                state.receive(msg)
                if msg["type"] == "welcome":
                    if strategy is None:
                        persona = state.scenario.party(state.party).persona
                        params = persona.params if strategy_name == persona.strategy else {}
                        strategy = registry.create(strategy_name, params, state.seed, state.party)
                    if was_joined and state.pending is not None:
                        link.send(state.pending)  # after a reconnection: the same move, the same id
                if msg["type"] == "reject":
                    plan = []  # the table moved on: decide again from what the host says
            if state.ended and not state.finished:
                raise Gone("ended", "the teacher ended the class")
            if state.pending is not None or not state.my_turn or strategy is None:
                continue
            turn = (state.seq, state.session.round)
            if not plan and planned_at != turn:
                plan = decide(strategy, state.session.view(state.party))
                planned_at = turn
                ready_at = time.monotonic() + think
            if plan and time.monotonic() >= ready_at:
                move = plan.pop(0)
                link.send(state.send_move(move))
                ready_at = time.monotonic() + think
        return state
    finally:
        link.close()
