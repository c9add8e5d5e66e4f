"""Relative tit-for-tat: concede as far as the other side concedes, measured in my own points.

After Faratin et al. (1998) and Baarslag, Hindriks & Jonker's "nice tit-for-tat"
(2013). It has no clock of its own: its time rule would give everything at once,
so the shared reciprocity gate (`negotiator.py`) alone sets its pace: it gives
way `reciprocity` x the share of its range the other side's offers have moved
towards it, plus `goodwill` a turn, so two tit-for-tat players do not wait for
each other forever. Its floor is this game's minimum, never an estimate built from
what the other side says: statements choose among packages of equal value to it
and move nothing else.

`target(view)` is what it would ask for now, in points.
"""

from __future__ import annotations

from game.i18n import N_

from game.agents.negotiator import Negotiator
from game.negotiation.view import PartyView


class TitForTat(Negotiator):
    name = "titfortat"
    summary = N_("Mirrors the other side: concedes as much as it concedes, and no more.")
    PARAMS = {**Negotiator.PARAMS, "goodwill": (float, 0.03)}

    def time_share(self, view: PartyView, t: float) -> float:
        return 1.0

    def target(self, view: PartyView) -> float:
        return self.level(view)
