"""Time-based concession (Boulware, linear, Conceder), after Faratin et al. (1998).

The target falls from the best package to the walk-away value as the rounds run
out: target(t) = w + (best - w) * (1 - t ** (1 / e)), t in [0, 1]. An exponent
below 1 holds firm until late (Boulware); above 1 concedes early (Conceder).
It proposes a package near its target (a random one among those within a small
band above it) and accepts an offer worth at least its current target; in the
last round it takes any offer above its walk-away value. It never proposes or
accepts a package at or below its walk-away value, nor one across a red line.
"""

from __future__ import annotations

import numpy as np

from game.agents.base import Response, Strategy
from game.negotiation.view import PartyView

BAND = 0.02  # share of the (best - walk-away) range treated as "at the target"


class TimeBased(Strategy):
    name = "timebased"
    summary = "Concedes on a fixed schedule as the deadline nears."
    PARAMS = {"exponent": (float, 1.0)}

    # -- helpers shared by subclasses --------------------------------------------
    def acceptable(self, view: PartyView) -> np.ndarray:
        """Mask of packages strictly above the walk-away value and inside the red lines."""
        return (view.utilities() > view.walk_away) & ~view.red_line_mask

    def best(self, view: PartyView) -> float:
        u = view.utilities()[self.acceptable(view)]
        return float(u.max()) if u.size else view.walk_away

    def target(self, view: PartyView, t: float | None = None) -> float:
        t = view.progress if t is None else t
        e = max(self.params["exponent"], 1e-6)
        reserve, best = view.walk_away, self.best(view)
        return reserve + (best - reserve) * (1.0 - t ** (1.0 / e))

    def candidates(self, view: PartyView, target: float) -> np.ndarray:
        """Rows at or above the target (within the band), the most modest first."""
        u = view.utilities()
        ok = self.acceptable(view) & (u >= target - 1e-9)
        rows = np.flatnonzero(ok)
        if rows.size == 0:
            return rows
        band = BAND * max(self.best(view) - view.walk_away, 1e-9)
        low = u[rows].min()
        return rows[u[rows] <= low + band]

    # -- decisions ------------------------------------------------------------------
    def propose(self, view: PartyView) -> tuple | None:
        rows = self.candidates(view, self.target(view))
        if rows.size == 0:
            return None  # nothing beats walking away
        return view.package(int(rows[self.rng.randrange(rows.size)]))

    def respond(self, view: PartyView, offer: tuple) -> Response:
        if self.best(view) <= view.walk_away:
            return Response.WALK_AWAY
        value = view.points(offer)
        if value <= view.walk_away or view.crosses_red_line(offer):
            return Response.REJECT
        if value >= self.target(view) - 1e-9:
            return Response.ACCEPT
        if view.is_last_round and view.party != view.opener:
            return Response.ACCEPT  # the last chance: a deal above the walk-away beats none
        return Response.REJECT


class Boulware(TimeBased):
    name = "boulware"
    summary = "Holds firm and concedes only near the deadline."
    PARAMS = {"exponent": (float, 0.2)}


class Linear(TimeBased):
    name = "linear"
    summary = "Concedes at a steady pace, round by round."
    PARAMS = {"exponent": (float, 1.0)}


class Conceder(TimeBased):
    name = "conceder"
    summary = "Concedes early to reach a deal quickly."
    PARAMS = {"exponent": (float, 3.0)}
