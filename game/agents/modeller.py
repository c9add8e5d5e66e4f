"""An opponent-modelling negotiator: concedes on a schedule, but trades across issues.

It learns the other side's priorities and preferred options from its offers and
statements (`OpponentModel`: frequency counts, statements trusted as far as the
offers bear them out). Its own target follows the time-based schedule
(`exponent`, as Boulware/Conceder); at that target it proposes the package the
other side likely values most among the packages worth at least the target to
itself: instead of splitting every issue, it gives way where the other side cares
and holds where it cares itself, which lands near the Pareto frontier.

It accepts an offer worth at least its next target (what it would ask for on its
next turn), and at its very last turn any offer above its walk-away value, with
one refinement (`trade`, default on): before the last round, when it sees a
package worth at least as much to itself that the other side likely values
clearly more (by `TRADE_MARGIN` of its estimated range), it proposes that package
instead of accepting: a trade-off that leaves both sides better off.

At its first turn it asks the other side what matters most, and answers that
question itself with a `matters_most` statement (the truth when `honest`).
"""

from __future__ import annotations

from game.i18n import N_

from game.agents.base import STATEMENT_PARAMS, Response, Strategy, last_chance
from game.agents.opponent import OpponentModel, Watcher, best_for_them
from game.agents.timebased import next_progress, schedule
from game.negotiation.view import PartyView

TRADE_MARGIN = 0.15  # estimated gain for the other side (0..1 scale) that makes a trade-off worth a turn


class Modeller(Strategy):
    name = "modeller"
    summary = N_("Works out what the other side values and trades across issues to give it that.")
    PARAMS = {**STATEMENT_PARAMS, "exponent": (float, 0.5), "trade": (bool, True)}
    asks_priorities = True

    def __init__(self, params=None, rng=None):
        super().__init__(params, rng)
        self.watcher = Watcher()
        self._counter: int | None = None  # a trade-off found while answering an offer

    @property
    def model(self) -> OpponentModel | None:
        return self.watcher.model

    def target(self, view: PartyView, t: float | None = None) -> float:
        own = self.own(view)
        t = view.progress if t is None else t
        return schedule(own.walk_away, own.best, t, self.params["exponent"])

    def propose(self, view: PartyView) -> tuple | None:
        model = self.watcher.update(view)
        own = self.own(view)
        if not own.any_ok:
            return None
        row, self._counter = self._counter, None
        if row is None:
            row = best_for_them(own, model.utilities(), min(self.target(view), own.best))
        return None if row is None else view.package(row)

    def respond(self, view: PartyView, offer: tuple) -> Response:
        model = self.watcher.update(view)
        own = self.own(view)
        if not own.any_ok:
            return Response.WALK_AWAY
        if not self.allowed(view, offer):
            return Response.REJECT
        value = view.points(offer)
        if value >= self.target(view, next_progress(view)) - 1e-9:
            if self.params["trade"] and not view.is_last_round:
                est = model.utilities()
                row = best_for_them(own, est, value)
                if row is not None and est[row] > est[view.row(offer)] + TRADE_MARGIN:
                    self._counter = row
                    return Response.REJECT
            return Response.ACCEPT
        return Response.ACCEPT if last_chance(view) else Response.REJECT
