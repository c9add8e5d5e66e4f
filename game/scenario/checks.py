"""Meaning checks that need only the model: a scenario that loads but may not play well.

Each check is one small function with an id and a docstring holding a passing and
a failing snippet (after `Passing::` and `Failing::`). A snippet is laid over a
complete scenario: each top-level section replaces the scenario's, except that in
a list of items with an `id` (parties, issues, rules...) an item with a known id
has just the fields it names replaced and a new id is added; `null` removes a
section. The tests apply exactly these snippets, and `docs/authoring.md` shows them.

A check yields `Problem`s at the position of the object concerned (`obj.pos`);
its level is a warning unless the scenario is clearly broken. Checks that need
scores (the deal zone, conditions that never hold) live in `game/play/check.py`, which
also runs them all.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from game.errors import WARNING, Problem
from game.i18n import _
from game.scenario import mapgeo
from game.scenario import model as m

CheckFunction = Callable[[m.Scenario], Iterable[Problem]]

_EXAMPLE = re.compile(r"^(?P<indent>[ \t]*)(?P<kind>Passing|Failing)::[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Check:
    """A meaning check: `id`, the function, and the examples in its docstring."""

    id: str
    func: CheckFunction

    def __call__(self, scenario: m.Scenario) -> list[Problem]:
        return list(self.func(scenario))

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.func) or ""

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")

    def examples(self) -> dict[str, str]:
        """{"passing": snippet, "failing": snippet}, as written in the docstring."""
        doc = self.doc
        found: dict[str, str] = {}
        for match in _EXAMPLE.finditer(doc):
            indent = len(match.group("indent"))
            block: list[str] = []
            for line in doc[match.end():].splitlines()[1:]:
                if line.strip() and len(line) - len(line.lstrip()) <= indent:
                    break
                block.append(line)
            found[match.group("kind").lower()] = textwrap.dedent("\n".join(block)).strip("\n") + "\n"
        return found


def check(check_id: str) -> Callable[[CheckFunction], Check]:
    """Decorator: make a function a `Check` with the given id."""

    def wrap(func: CheckFunction) -> Check:
        return Check(check_id, func)

    return wrap


def problem(node: m.Node, message: str, *, code: str, path: str = "", hint: str = "",
            level: str = WARNING) -> Problem:
    """A problem at the position where `node` was written."""
    file, line, col = node.pos
    return Problem(message, file=file, line=line, col=col, path=path, hint=hint, level=level, code=code)


def issues_in(cond: m.Condition) -> set[str]:
    """The ids of every issue a condition looks at."""
    found = {cond.issue} if cond.issue is not None else set()
    for sub in (cond.all or []) + (cond.any or []) + ([cond.not_] if cond.not_ is not None else []):
        found |= issues_in(sub)
    return found


def _point_rules_on(scenario: m.Scenario, issue_id: str) -> bool:
    return any(r.points and issue_id in issues_in(r.when) for r in scenario.rules)


def _fmt(x: float) -> str:
    return f"{x:g}"


# -- the checks ---------------------------------------------------------------------


@check("dominated-option")
def dominated_option(scenario: m.Scenario) -> Iterator[Problem]:
    """No option should be worse or equal for every party than another option of its issue.

    Compared by the parties' values. An option that is never better for anyone
    and strictly worse for someone is never worth proposing; perhaps a value is
    mistyped. Issues that a rule giving points looks at are skipped: the rule may
    make up the difference.

    Passing::

        parties:
          - id: north
            values:
              land: {north: 100, half: 60, south: 0}
              water: {share: 100, north-only: 0}
          - id: south
            values:
              land: {north: 0, half: 60, south: 100}
              water: {share: 0, north-only: 100}

    Failing::

        parties:
          - id: north
            values:
              land: {north: 100, half: 60, south: 0}
              water: {share: 100, north-only: 0}
          - id: south
            values:
              land: {north: 0, half: 60, south: 100}
              water: {share: 100, north-only: 0}
    """
    for ii, issue in enumerate(scenario.issues):
        if len(issue.options) < 2 or _point_rules_on(scenario, issue.id):
            continue
        table = [[float(p.values.get(issue.id, {}).get(o.id, 0)) for p in scenario.parties] for o in issue.options]
        for oi, better in _dominated(table):
            worse, best = issue.options[oi], issue.options[better]
            compared = ", ".join(f"{p.id} {_fmt(a)} {'=' if a == b else '<'} {_fmt(b)}"
                                 for p, a, b in zip(scenario.parties, table[oi], table[better]))
            yield problem(worse, _(
                "option '{option}' of issue '{issue}' is worse or equal for every party than '{better}', "
                "and strictly worse for one ({compared})").format(
                    option=worse.id, issue=issue.id, better=best.id, compared=compared),
                code="dominated-option", path=f"issues[{ii}].options[{oi}]",
                hint=_("nobody gains by choosing it: check its values; if it is there on purpose as a trap, ignore this"))


def _dominated(table: list[list[float]]) -> list[tuple[int, int]]:
    """(dominated row, a row that dominates it), for rows of per-party values."""
    if table and len(table[0]) == 2:
        return _dominated_2d(table)
    out = []
    for i, row in enumerate(table):
        for j, other in enumerate(table):
            if i != j and all(b >= a for a, b in zip(row, other)) and any(b > a for a, b in zip(row, other)):
                out.append((i, j))
                break
    return out


def _dominated_2d(table: list[list[float]]) -> list[tuple[int, int]]:
    """The same for two parties in O(n log n): sweep from the best first value down."""
    order = sorted(range(len(table)), key=lambda k: (-table[k][0], -table[k][1], k))
    out = []
    best_before: int | None = None  # row with the highest second value among higher first values
    start = 0
    while start < len(order):
        end = start
        while end < len(order) and table[order[end]][0] == table[order[start]][0]:
            end += 1
        group = order[start:end]
        top = group[0]  # highest second value in this group
        for k in group:
            if best_before is not None and table[best_before][1] >= table[k][1]:
                out.append((k, best_before))
            elif table[top][1] > table[k][1]:
                out.append((k, top))
        if best_before is None or table[top][1] > table[best_before][1]:
            best_before = top
        start = end
    return sorted(out)


@check("issue-nobody-cares")
def issue_nobody_cares(scenario: m.Scenario) -> Iterator[Problem]:
    """Every issue should change someone's points.

    Warns about an issue with weight 0 for every party (and no event that gives it
    weight), or whose options all have the same value for each party. Issues that
    a rule looks at are skipped: the rule makes the choice matter.

    Passing::

        parties:
          - id: north
            weights: {land: 60, water: 40}
          - id: south
            weights: {land: 40, water: 60}

    Failing::

        parties:
          - id: north
            weights: {land: 100, water: 0}
          - id: south
            weights: {land: 100, water: 0}
    """
    raised = {iid for e in scenario.events for f in e.effects for iid, d in f.change_weights.items() if d > 0}
    used = set().union(*(issues_in(r.when) for r in scenario.rules)) if scenario.rules else set()
    for ii, issue in enumerate(scenario.issues):
        if issue.id in used:
            continue
        path = f"issues[{ii}]"
        if issue.id not in raised and all(float(p.weights.get(issue.id, 0)) == 0 for p in scenario.parties):
            yield problem(issue, _("no party gives issue '{issue}' any weight: it changes nobody's points").format(
                issue=issue.id), code="issue-nobody-cares", path=path,
                hint=_("give it a weight for at least one party, or remove the issue"))
            continue
        flat = all(len({float(p.values.get(issue.id, {}).get(o.id, 0)) for o in issue.options}) <= 1
                   for p in scenario.parties)
        if flat and len(issue.options) > 1:
            yield problem(issue, _("every option of issue '{issue}' has the same value for each party: "
                                   "the choice changes nobody's points").format(issue=issue.id),
                          code="issue-nobody-cares", path=path,
                          hint=_("give the options different values for at least one party"))


@check("historical-missing")
def historical_missing(scenario: m.Scenario) -> Iterator[Problem]:
    """A scenario should say what was really agreed, for the debrief.

    Passing::

        historical:
          package: {land: half, water: share}

    Failing::

        historical: null
    """
    if scenario.historical is None:
        yield problem(scenario, _("the scenario has no 'historical:' section: the debrief cannot compare "
                                  "the class's deal with what was really agreed"),
                      code="historical-missing", path="historical",
                      hint=_("add 'historical:' with the 'package:' that was agreed"))


@check("historical-incomplete")
def historical_incomplete(scenario: m.Scenario) -> Iterator[Problem]:
    """The historical package should name an option for every issue.

    Passing::

        historical:
          package: {land: half, water: share}

    Failing::

        historical:
          package: {land: half}
    """
    hist = scenario.historical
    if hist is None:
        return
    missing = [i.id for i in scenario.issues if i.id not in hist.package]
    if missing:
        yield problem(hist, _("the historical package has no option for: {issues}").format(issues=", ".join(missing)),
                      code="historical-incomplete", path="historical.package",
                      hint=_("name the option that was really agreed for each issue (the closest one if none fits)"))


@check("weights-sum")
def weights_sum(scenario: m.Scenario) -> Iterator[Problem]:
    """A party's weights should add up to 100, so its points run from 0 to 100.

    Passing::

        parties:
          - id: north
            weights: {land: 60, water: 40}

    Failing::

        parties:
          - id: north
            weights: {land: 60, water: 30}
    """
    for pi, party in enumerate(scenario.parties):
        total = sum(float(w) for w in party.weights.values())
        if abs(total - 100.0) > 1e-6:
            yield problem(party, _("the weights of party '{party}' add up to {total}, not 100: its points run "
                                   "on another scale than its walk-away value and the other party's").format(
                party=party.id, total=_fmt(total)), code="weights-sum", path=f"parties[{pi}].weights",
                hint=_("scale the weights so that they add up to 100"))


def _texts(node: m.Node, path: str) -> Iterator[tuple[m.Node, str, dict]]:
    """Every translated text (a map of language to string) in `node`, with its owner and path."""
    for name, info in type(node).model_fields.items():
        value = getattr(node, name)
        key = info.alias or name
        here = f"{path}.{key}" if path else key
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
        if isinstance(value, m.Node):
            yield from _texts(value, here)
        elif info.annotation == m.Text and isinstance(value, dict):
            yield node, here, value
        elif items is not None:
            for k, item in items:
                sub = f"{here}[{k}]" if isinstance(k, int) else f"{here}.{k}"
                if isinstance(item, m.Node):
                    yield from _texts(item, sub)
                elif info.annotation in _TEXT_COLLECTIONS and isinstance(item, dict):
                    yield node, sub, item


_TEXT_COLLECTIONS = (list[m.Text], dict[m.Id, m.Text])


@check("missing-language")
def missing_language(scenario: m.Scenario) -> Iterator[Problem]:
    """A text given in several languages should exist in every language the scenario uses.

    Otherwise a student playing in that language meets a sudden line of English.
    Plain strings (not maps) count for every language.

    Passing::

        title: {en: "The well", tr: "Kuyu"}
        summary: {en: "Two villages share a well.", tr: "İki köy bir kuyuyu paylaşıyor."}

    Failing::

        title: {en: "The well", tr: "Kuyu"}
        summary: {en: "Two villages share a well."}
    """
    found = list(_texts(scenario, ""))
    languages = sorted({lang for _owner, _path, text in found for lang in text})
    missing_by_owner: dict[int, tuple[m.Node, list[str], set[str]]] = {}
    for owner, path, text in found:
        lacking = {lang for lang in languages if lang not in text}
        if lacking:
            entry = missing_by_owner.setdefault(id(owner), (owner, [], set()))
            entry[1].append(path)
            entry[2].update(lacking)
    for owner, paths, lacking in missing_by_owner.values():
        yield problem(owner, _("{fields}: no text in {languages}, which other texts of this scenario have").format(
            fields=", ".join(paths), languages=", ".join(sorted(lacking))), code="missing-language", path=paths[0],
            hint=_("add the translation next to the others, e.g. {lang}: \"...\"").format(lang=sorted(lacking)[0]))


@check("source-undated")
def source_undated(scenario: m.Scenario) -> Iterator[Problem]:
    """Every source should say when it was published.

    Students see before play only the sources dated on or before the talks (the
    scenario's `date`): a later article can give the outcome away. An undated
    source is kept for the debrief and the teacher's sheet.

    Passing::

        sources:
          - {id: survey, title: "The well survey", url: "https://example.org/survey", supports: "the figures", date: "2020-01"}

    Failing::

        sources:
          - {id: survey, title: "The well survey", url: "https://example.org/survey", supports: "the figures"}
    """
    for i, source in enumerate(scenario.sources):
        if source.date is None:
            yield problem(source, _("source '{id}' has no date, so students will not see it before play").format(
                id=source.id), code="source-undated", path=f"sources[{i}]",
                hint=_("add date: \"2020-03-05\" (or \"2020-03\", \"2020\"): the day it was published"))


@check("map-off-view")
def map_off_view(scenario: m.Scenario) -> Iterator[Problem]:
    """Every place and post of a map should lie inside the map's `view`.

    Passing::

        map:
          reference: "the well"
          note: "Schematic, not to scale"
          view: {west: -5, east: 5, south: -5, north: 5}
          places: [{id: well, label: "The well", at: [0, 0]}]

    Failing::

        map:
          reference: "the well"
          note: "Schematic, not to scale"
          view: {west: -5, east: 5, south: -5, north: 5}
          places: [{id: well, label: "The well", at: [0, 12]}]
    """
    if scenario.map is None:
        return
    for item, item_id in mapgeo.outside(scenario.map):
        yield problem(item, _("map item '{id}' lies outside the map's view, so it will not be seen").format(id=item_id),
                      code="map-off-view", hint=_("widen 'view:' or move the item"))


MODEL_CHECKS: tuple[Check, ...] = (
    missing_language,
    source_undated,
    map_off_view,
    dominated_option,
    issue_nobody_cares,
    historical_missing,
    historical_incomplete,
    weights_sum,
)
