"""Standings for the debrief: the scenario as it stands after some of its events.

`standing_after(scenario, ["waiting-room"])` applies each named event's effects in
order (`Standing.apply`), so `Analysis(scenario, standing)` shows how the deal
zone moved. An unknown event id is the user's mistake: a `ParleyError` with a
"did you mean" and the list of known events.
"""

from __future__ import annotations

from typing import Iterable

from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _
from game.rules.engine import Standing
from game.scenario.model import Scenario


def standing_after(scenario: Scenario, event_ids: Iterable[str], standing: Standing | None = None) -> Standing:
    """The standing after the events `event_ids` (in order), from `standing` or the initial one."""
    events = {e.id: e for e in scenario.events}
    event_ids = list(event_ids)
    unknown = [eid for eid in event_ids if eid not in events]
    if unknown:
        file, line, col = scenario.pos
        known = ", ".join(events) if events else _("none")
        raise ParleyError([Problem(_("'{id}' is not an event of this scenario").format(id=eid),
                                   file=file, code="unknown-event", suggestion=did_you_mean(eid, events),
                                   hint=_("known events: {names}").format(names=known))
                           for eid in unknown])
    current = standing or Standing.initial(scenario)
    for eid in event_ids:
        for effect in events[eid].effects:
            current = current.apply(effect, scenario)
    return current
