"""Time-based concession (Boulware, linear, Conceder), after Faratin et al. (1998).

Its own time rule gives way a share t ** (1 / e) of its range by progress t in
[0, 1]: an exponent below 1 holds firm until late (Boulware), above 1 concedes
early (Conceder). Like every strategy (`negotiator.py`) that rule is gated by
reciprocity: it gives way only as far as the other side's offers have moved
towards it, plus its goodwill a turn, never more than a quarter of its range in
one turn, and never past this game's minimum; it offers at that level the
package the other side likely values most, and answers with AC_combi.

`target(view, t)` is the time rule alone, in points: walk-away + range x (1 - t ** (1 / e)).
"""

from __future__ import annotations

from game.i18n import N_

from game.agents.negotiator import Negotiator
from game.negotiation.view import PartyView


def schedule(walk_away: float, best: float, t: float, exponent: float) -> float:
    """The time-based target at progress t (0..1)."""
    return best - (best - walk_away) * time_share(t, exponent)


def time_share(t: float, exponent: float) -> float:
    """The share of the range the time rule gives way by progress t."""
    t = min(1.0, max(0.0, t))
    return t ** (1.0 / max(exponent, 1e-6))


class TimeBased(Negotiator):
    name = "timebased"
    summary = N_("Concedes on a fixed schedule as the deadline nears.")
    PARAMS = {**Negotiator.PARAMS, "exponent": (float, 1.0)}

    def time_share(self, view: PartyView, t: float) -> float:
        return time_share(t, self.params["exponent"])

    def target(self, view: PartyView, t: float | None = None) -> float:
        own = self.own(view)
        return schedule(own.walk_away, own.best, view.progress if t is None else t, self.params["exponent"])


class Boulware(TimeBased):
    name = "boulware"
    summary = N_("Holds firm; gives ground late, and only as far as you give ground.")
    PARAMS = {**TimeBased.PARAMS, "exponent": (float, 0.2), "bluff": (bool, True),
              "minimum": (float, 0.4), "goodwill": (float, 0.01)}


class Linear(TimeBased):
    name = "linear"
    summary = N_("Concedes at a steady pace when you concede too.")
    PARAMS = {**TimeBased.PARAMS, "exponent": (float, 1.0)}


class Conceder(TimeBased):
    name = "conceder"
    summary = N_("Concedes early and generously, but not to a side that never moves.")
    PARAMS = {**TimeBased.PARAMS, "exponent": (float, 3.0), "minimum": (float, 0.2), "goodwill": (float, 0.04),
              "reciprocity": (float, 1.2)}
