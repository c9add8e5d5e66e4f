"""The shared shape of every AI strategy: a time rule, gated by reciprocity, an AC_combi answer.

A strategy says only how much of its range its own time rule would give way by
progress t (`time_share`, 0 at its best package, 1 at its walk-away value); the
rest is common (see `concession.py` and `bidding.py`):

- its level now: best - share x range, where the share is gated by what the
  other side has conceded (plus a little goodwill), never taken back, at most
  `MAX_STEP` a turn, and never past this game's drawn minimum; never below the
  best allowed offer the other side has already made (that one is in reach);
- it proposes, at that level, the package the opponent model says the other side
  values most (`bidding.choose`), or walks away when nothing beats walking away;
- it answers with AC_combi (`concession.accepts`).

The parameters every strategy has (besides the statement ones):
`minimum` (the persona's minimum, a share of its range, drawn per game +-
`SPREAD`), `reciprocity` (how much of the other side's movement it returns) and
`goodwill` (the share of its range it gives each turn regardless; drawn per game
between half and one and a half times the setting).
"""

from __future__ import annotations

from typing import Any

from game.agents.base import STATEMENT_PARAMS, Response, Strategy, last_chance
from game.agents.bidding import choose
from game.agents.concession import Gate, accepts, draw_minimum
from game.agents.explain import Explainer
from game.agents.opponent import OpponentModel, Watcher
from game.negotiation.moves import Statement
from game.negotiation.view import PartyView

CONCESSION_PARAMS: dict[str, tuple[type, Any]] = {
    "minimum": (float, 0.3),
    "reciprocity": (float, 1.0),
    "goodwill": (float, 0.02),
}


GOODWILL_SPREAD = 0.5  # this game's goodwill is the persona's x a draw in 1 +- this


class Negotiator(Strategy):
    PARAMS = {**STATEMENT_PARAMS, **CONCESSION_PARAMS}

    def __init__(self, params=None, rng=None):
        super().__init__(params, rng)
        p = self.params
        self.gate = Gate(draw_minimum(p["minimum"], self.rng), p["reciprocity"],
                         p["goodwill"] * self.rng.uniform(1.0 - GOODWILL_SPREAD, 1.0 + GOODWILL_SPREAD))
        self.watcher = Watcher()
        self.mine: list[int] = []       # rows I proposed
        self.levels: list[float] = []   # and the level of each, in my points
        self._received: tuple | None = None
        self.explainer = Explainer()

    @property
    def model(self) -> OpponentModel | None:
        return self.watcher.model

    # -- the strategy's own time rule ---------------------------------------------------
    def time_share(self, view: PartyView, t: float) -> float:
        raise NotImplementedError

    # -- shared --------------------------------------------------------------------------
    def span(self, view: PartyView) -> float:
        own = self.own(view)
        return max(own.best - own.walk_away, 1e-9)

    def reserve(self, view: PartyView) -> float:
        """This game's minimum, in my points as the standing is now."""
        own = self.own(view)
        return own.walk_away + self.gate.minimum * (own.best - own.walk_away)

    def received(self, view: PartyView) -> list[float]:
        """My points for each offer the other side has made (oldest first)."""
        key = (len(view.offers), self.own(view))
        if self._received is None or self._received[0] != key:
            values = [view.points(o.package) for o in view.offers_by(view.other)]
            self._received = (key, values)
        return self._received[1]

    def floor(self, view: PartyView) -> float:
        """My points for the best allowed offer the other side has made (-1 when none)."""
        offers = view.offers_by(view.other)
        return max((v for v, o in zip(self.received(view), offers) if self.allowed(view, o.package)), default=-1.0)

    def share(self, view: PartyView) -> float:
        return self.gate.share(self.time_share(view, view.progress), self.received(view), self.span(view))

    def level(self, view: PartyView) -> float:
        """What I would ask for now, in my points (before the floor of offers received)."""
        return self.own(view).best - self.share(view) * self.span(view)

    def propose(self, view: PartyView) -> tuple | None:
        own = self.own(view)
        model = self.watcher.update(view)
        if not own.any_ok:
            return None
        share = self.share(view)
        level = own.best - share * self.span(view)
        row = choose(own, model, max(level, self.floor(view)), view.issue_sizes, self.mine, self.rng)
        if row is None:
            return None
        self.gate.record(share, level)
        self.mine.append(row)
        self.levels.append(level)
        return view.package(row)

    def explain(self, view: PartyView, package: tuple) -> list[Statement]:
        if not self.params["talk"]:
            return []
        previous = view.package(self.mine[-2]) if len(self.mine) >= 2 else None
        return self.explainer.remarks(view, package, self.levels, self.reserve(view), self.received(view), previous)

    def respond(self, view: PartyView, offer: tuple) -> Response:
        own = self.own(view)
        self.watcher.update(view)
        if not own.any_ok:
            return Response.WALK_AWAY
        if not self.allowed(view, offer):
            return Response.REJECT
        received = self.received(view)
        value = view.points(offer)
        recent = received[:-1] if received and abs(received[-1] - value) < 1e-12 else received
        ok = accepts(value, self.level(view), self.reserve(view), self.span(view), view.progress, recent,
                     last_chance(view))
        return Response.ACCEPT if ok else Response.REJECT
