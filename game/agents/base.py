"""A negotiation strategy: two decisions and a closed set of responses.

`propose(view)` returns the package (option indexes) to offer, or None to walk
away; `respond(view, offer)` answers the other side's standing offer with a
`Response`. `statements(view)` may add menu statements before the move. A
strategy sees only its `PartyView`, owns its seeded generator and reads no clock.
`decide` turns those answers into the moves of one turn.
"""

from __future__ import annotations

import random
from enum import Enum
from typing import Any, ClassVar, Mapping

from game.negotiation.moves import Move, MoveKind, Statement
from game.negotiation.view import PartyView


class Response(Enum):
    ACCEPT = "accept"
    REJECT = "reject"
    WALK_AWAY = "walk_away"


class StrategyParamError(ValueError):
    pass


class Strategy:
    """Base class. Subclasses set `name`, `summary` and `PARAMS` (name -> (type, default))."""

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    PARAMS: ClassVar[dict[str, tuple[type, Any]]] = {}

    def __init__(self, params: Mapping[str, Any] | None = None, rng: random.Random | None = None):
        self.rng = rng or random.Random(0)
        self.params = self.resolve_params(params or {})
        self.said: list[Statement] = []

    @classmethod
    def resolve_params(cls, params: Mapping[str, Any]) -> dict[str, Any]:
        out = {key: default for key, (_type, default) in cls.PARAMS.items()}
        for key, value in params.items():
            if key not in cls.PARAMS:
                known = ", ".join(sorted(cls.PARAMS)) or "none"
                raise StrategyParamError(f"strategy '{cls.name}' has no parameter '{key}' (known: {known})")
            kind = cls.PARAMS[key][0]
            if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, kind):
                raise StrategyParamError(f"parameter '{key}' of strategy '{cls.name}' must be {kind.__name__}")
            out[key] = value
        return out

    # -- the two decisions ---------------------------------------------------------
    def propose(self, view: PartyView) -> tuple | None:
        raise NotImplementedError

    def respond(self, view: PartyView, offer: tuple) -> Response:
        raise NotImplementedError

    def statements(self, view: PartyView) -> list[Statement]:
        return []


def decide(strategy: Strategy, view: PartyView) -> list[Move]:
    """The moves of one turn: statements, then accept, walk away or a proposal."""
    party = view.party
    offer = view.standing_offer
    if offer is not None:
        answer = strategy.respond(view, offer.package)
        if answer is Response.ACCEPT:
            return [Move.accept(party)]
        if answer is Response.WALK_AWAY:
            return [Move.walk_away(party)]
    moves = [Move(party, MoveKind.SAY, statement=s) for s in strategy.statements(view)]
    package = strategy.propose(view)
    if package is None:
        return moves + [Move.walk_away(party)]
    return moves + [Move.propose(party, view.to_ids(package))]

