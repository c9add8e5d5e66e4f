"""Which sources a student may see, and when: before the talks, or only in the debrief.

A source dated on or before the scenario's `date` (the day of the talks) may be
shown before play (briefing, role sheets); a later one would give the outcome
away, so it waits for the debrief and the teacher's sheet, and so does an undated
one (the meaning check `source-undated` asks the author to date it). A month or a
year counts as its last day, so "2019-06" is not before a scenario dated 2019-06-14. Primary
texts come first, then official statements, then the rest in the order written;
state-run and partisan outlets carry a label wherever they are listed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from game.i18n import _
from game.scenario import model as m

_ORDER = {"primary": 0, "official": 1}
_BREAK = re.compile(r"(?<=[/.?&=_-])")


def published(source: m.Source) -> dt.date | None:
    """The last day the source's date can mean (a month's last day, a year's 31 December)."""
    if source.date is None:
        return None
    parts = [int(p) for p in source.date.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _ordered(sources: list[m.Source]) -> list[m.Source]:
    return sorted(sources, key=lambda s: _ORDER.get(s.kind, 2))  # stable: written order within a kind


def before_talks(scenario: m.Scenario) -> list[m.Source]:
    """Sources a student may see before and during play: dated on or before the talks."""
    return _ordered([s for s in scenario.sources if (d := published(s)) is not None and d <= scenario.date])


def after_talks(scenario: m.Scenario) -> list[m.Source]:
    """Sources for the debrief and the teacher: published after the talks, or undated."""
    early = {id(s) for s in before_talks(scenario)}
    return _ordered([s for s in scenario.sources if id(s) not in early])


def kind_label(source: m.Source) -> str:
    """"state media" or "partisan source" for such outlets; empty for the others."""
    if source.kind == "state":
        return _("state media")
    if source.kind == "partisan":
        return _("partisan source")
    return ""


def url_pieces(url: str) -> list[str]:
    """The address cut after each '/', '.', '?', '&', '=', '_' or '-': where a line may break, never inside a word."""
    return [piece for piece in _BREAK.split(url) if piece]
