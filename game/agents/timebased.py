"""Time-based concession (Boulware, linear, Conceder), after Faratin et al. (1998).

The target falls from the best package to the walk-away value as the rounds run
out: target(t) = w + (best - w) * (1 - t ** (1 / e)), t in [0, 1]. An exponent
below 1 holds firm until late (Boulware); above 1 concedes early (Conceder).
It proposes a package near its target (a random one among those within a small
band above it) and accepts an offer worth at least its current target; in the
last round it takes any offer above its walk-away value. It never proposes less
for itself than the best acceptable offer the other side has already made (that
offer is evidently within reach), and never proposes or accepts a package at or
below its walk-away value, nor one across a red line.

Each move costs a few passes over the outcome space (masks, no sorting); the
arrays that depend only on the standing come from `Strategy.own`, once per
standing.
"""

from __future__ import annotations

from game.i18n import N_

import numpy as np

from game.agents.base import STATEMENT_PARAMS, Response, Strategy, last_chance
from game.negotiation.view import PartyView

BAND = 0.02  # share of the (best - walk-away) range treated as "at the target"


def schedule(walk_away: float, best: float, t: float, exponent: float) -> float:
    """The time-based target at progress t (0..1)."""
    e = max(exponent, 1e-6)
    t = min(1.0, max(0.0, t))
    return walk_away + (best - walk_away) * (1.0 - t ** (1.0 / e))


def next_progress(view: PartyView) -> float:
    """The progress of my next turn (1.0 when this is my last)."""
    if view.rounds <= 1:
        return 1.0
    return min(1.0, view.round / (view.rounds - 1))


class TimeBased(Strategy):
    name = "timebased"
    summary = N_("Concedes on a fixed schedule as the deadline nears.")
    PARAMS = {**STATEMENT_PARAMS, "exponent": (float, 1.0)}

    # -- helpers shared by subclasses --------------------------------------------
    def acceptable(self, view: PartyView) -> np.ndarray:
        """Mask of packages strictly above the walk-away value and inside the red lines."""
        return self.own(view).ok

    def best(self, view: PartyView) -> float:
        return self.own(view).best

    def target(self, view: PartyView, t: float | None = None) -> float:
        own = self.own(view)
        t = view.progress if t is None else t
        return schedule(own.walk_away, own.best, t, self.params["exponent"])

    def candidates(self, view: PartyView, target: float) -> np.ndarray:
        """Rows at or above the target (within the band), the most modest first."""
        own = self.own(view)
        above = own.u_rows >= min(target, own.best) - 1e-9
        if not above.any():
            return np.zeros(0, dtype=np.int64)
        low = float(np.min(own.u_rows, where=above, initial=np.inf))
        band = BAND * max(own.best - own.walk_away, 1e-9)
        return own.rows[above & (own.u_rows <= low + band)]

    # -- decisions ------------------------------------------------------------------
    def received_floor(self, view: PartyView) -> float:
        """My points for the best acceptable offer the other side has made so far."""
        best = -np.inf
        for offer in view.offers_by(view.other):
            if self.allowed(view, offer.package):
                best = max(best, view.points(offer.package))
        return best

    def propose(self, view: PartyView) -> tuple | None:
        rows = self.candidates(view, max(self.target(view), self.received_floor(view)))
        if rows.size == 0:
            return None  # nothing beats walking away
        return view.package(int(rows[self.rng.randrange(rows.size)]))

    def respond(self, view: PartyView, offer: tuple) -> Response:
        # the last chance: a deal above the walk-away value beats none
        return self.answer(view, offer, self.target(view), take_any=last_chance(view))


class Boulware(TimeBased):
    name = "boulware"
    summary = N_("Holds firm and concedes only near the deadline.")
    PARAMS = {**TimeBased.PARAMS, "exponent": (float, 0.2), "bluff": (bool, True)}


class Linear(TimeBased):
    name = "linear"
    summary = N_("Concedes at a steady pace, round by round.")
    PARAMS = {**TimeBased.PARAMS, "exponent": (float, 1.0)}


class Conceder(TimeBased):
    name = "conceder"
    summary = N_("Concedes early to reach a deal quickly.")
    PARAMS = {**TimeBased.PARAMS, "exponent": (float, 3.0)}
