"""An opponent-modelling negotiator: concedes on a Boulware-like schedule and trades across issues.

It learns the other side's priorities and preferred options from its offers and
statements (`OpponentModel`: frequency counts, statements trusted as far as the
offers bear them out). Its own time rule gives way a share t ** (1 / `exponent`)
of its range by progress t, gated like every strategy's by reciprocity
(`negotiator.py`); every strategy offers the package the other side likely
values most at its level, so what sets the modeller apart is the trade-off
(`trade`, default on): before the last round, when an offer is good enough to
accept but it sees a package worth at least as much to itself that the other
side likely values clearly more (by `TRADE_MARGIN` of its estimated range), it
proposes that package instead of accepting: a trade that leaves both better off
(never one worse for both than an earlier offer of its own, as `bidding.choose`).

At its first turn it asks the other side what matters most, and answers that
question itself with a `matters_most` statement (the truth when `honest`).
"""

from __future__ import annotations

from game.i18n import N_

import numpy as np

from game.agents.base import Response
from game.agents.bidding import worse_for_both
from game.agents.negotiator import Negotiator
from game.agents.opponent import best_for_them
from game.agents.timebased import schedule, time_share
from game.negotiation.view import PartyView

TRADE_MARGIN = 0.15  # estimated gain for the other side (0..1 scale) that makes a trade-off worth a turn


class Modeller(Negotiator):
    name = "modeller"
    summary = N_("Works out what the other side values and trades across issues to give it that.")
    PARAMS = {**Negotiator.PARAMS, "exponent": (float, 0.5), "trade": (bool, True)}
    asks_priorities = True

    def __init__(self, params=None, rng=None):
        super().__init__(params, rng)
        self._counter: int | None = None  # a trade-off found while answering an offer

    def time_share(self, view: PartyView, t: float) -> float:
        return time_share(t, self.params["exponent"])

    def target(self, view: PartyView, t: float | None = None) -> float:
        own = self.own(view)
        return schedule(own.walk_away, own.best, view.progress if t is None else t, self.params["exponent"])

    def propose(self, view: PartyView) -> tuple | None:
        row, self._counter = self._counter, None
        if row is None:
            return super().propose(view)
        self.watcher.update(view)
        self.gate.record(self.share(view), self.level(view))
        self.mine.append(row)
        self.levels.append(self.level(view))
        return view.package(row)

    def respond(self, view: PartyView, offer: tuple) -> Response:
        answer = super().respond(view, offer)
        if answer is Response.ACCEPT and self.params["trade"] and not view.is_last_round:
            own, model = self.own(view), self.watcher.update(view)
            row = best_for_them(own, model, max(view.points(offer), self.floor(view)))
            if (row is not None and model.at([row])[0] > model.at([view.row(offer)])[0] + TRADE_MARGIN
                    and not worse_for_both(own, model, np.array([row]), self.mine)[0]):
                self._counter = row
                return Response.REJECT
        return answer
