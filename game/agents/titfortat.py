"""Relative tit-for-tat: concede as far as the other side concedes, measured in my own points.

After Faratin et al. (1998) and Baarslag, Hindriks & Jonker's "nice tit-for-tat"
(2013). Distances are in my own utility, relative to the Nash package as my
opponent model estimates it (the allowed package with the largest product of my
gain over my walk-away value and the other side's estimated utility):

- the other side's progress r_them = (what its latest offer gives me - what its
  first offer gave me) / (my points at the estimated Nash - its first offer),
  clipped to 0..1 (1 when its first offer already gave me that much);
- my concession r_me = min(1, reciprocity * r_them + goodwill * my turns so far):
  `goodwill` is a small unconditional step per turn, so two tit-for-tat players
  do not wait for each other forever;
- my target = best - r_me * (best - my points at the estimated Nash).

It starts from its best package (r_me = 0), never goes below the estimated Nash
point nor its walk-away value, proposes at its target the package the other side
likely values most (as the modeller does), accepts an offer worth at least its
target, and in the last round any offer above its walk-away value (there is no
time left to reciprocate).
"""

from __future__ import annotations

from game.i18n import N_

from game.agents.base import STATEMENT_PARAMS, Response, Strategy
from game.agents.opponent import OpponentModel, Watcher, best_for_them, nash_estimate
from game.negotiation.view import PartyView


class TitForTat(Strategy):
    name = "titfortat"
    summary = N_("Mirrors the other side: concedes as much as it concedes, and no more.")
    PARAMS = {**STATEMENT_PARAMS, "reciprocity": (float, 1.0), "goodwill": (float, 0.05)}

    def __init__(self, params=None, rng=None):
        super().__init__(params, rng)
        self.watcher = Watcher()
        self.turns = 0
        self._target: tuple | None = None  # (key, target) for this turn

    @property
    def model(self) -> OpponentModel | None:
        return self.watcher.model

    def target(self, view: PartyView) -> float:
        own = self.own(view)
        model = self.watcher.update(view)
        key = (own, len(model.offers), len(model.claims), self.turns)
        if self._target is not None and self._target[0] == key:
            return self._target[1]
        est = model.utilities()
        row = nash_estimate(own, est)
        nash = own.walk_away if row is None else float(own.u[row])
        r_them = 0.0
        if model.offers:
            first = view.points(model.offers[0])
            latest = view.points(model.offers[-1])
            r_them = 1.0 if nash <= first + 1e-9 else min(1.0, max(0.0, (latest - first) / (nash - first)))
        r_me = min(1.0, max(0.0, self.params["reciprocity"] * r_them + self.params["goodwill"] * self.turns))
        target = own.best - r_me * (own.best - nash)
        self._target = (key, target)
        return target

    def propose(self, view: PartyView) -> tuple | None:
        own = self.own(view)
        if not own.any_ok:
            return None
        target = self.target(view)
        self.turns += 1
        row = best_for_them(own, self.watcher.update(view).utilities(), min(target, own.best))
        return None if row is None else view.package(row)

    def respond(self, view: PartyView, offer: tuple) -> Response:
        # in the last round there is no time left to reciprocate
        return self.answer(view, offer, self.target(view), take_any=view.is_last_round)
