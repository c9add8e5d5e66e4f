"""What the screens, sheets and reports call the parts of a scenario that differ from case to case.

Every label that names the real agreement, its day or the rounds' meaning is
made here from the scenario's own fields (with defaults that read well when a
teacher leaves a field out), so no front end carries words of one case.
"""

from __future__ import annotations

import datetime as _dt

from game.i18n import _, local
from game.scenario.model import Scenario


def agreement_day(scenario: Scenario) -> _dt.date:
    """The day the real agreement was made: `historical.date`, else the scenario's date."""
    hist = scenario.historical
    return hist.date if hist is not None and hist.date is not None else scenario.date


def agreement_name(scenario: Scenario) -> str:
    """The scenario's name for the real agreement ("Additional Protocol"), else a general one."""
    hist = scenario.historical
    name = local(hist.name) if hist is not None else ""
    return name or _("The real agreement")


def agreement_mark(scenario: Scenario) -> str:
    """The short legend label of the real agreement on a chart: its name, or "real deal (2011)"."""
    hist = scenario.historical
    name = local(hist.name) if hist is not None else ""
    return name or _("real deal ({year})").format(year=agreement_day(scenario).year)


def story_time(scenario: Scenario) -> str:
    """The sentence telling what one round stands for, or "" when the scenario does not say."""
    time = local(scenario.protocol.story_time)
    return _("Each round stands for {time}.").format(time=time) if time else ""
