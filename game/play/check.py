"""Check a scenario file: load it, then run every meaning check on it.

`check_file(path)` returns the `LoadResult` of loading the file, with the
problems of the meaning checks appended when the file loaded without errors. The
checks that only read the model live in `game/scenario/checks.py`; the two here
need the rules: whether any package beats both walk-away values (`no-deal-zone`)
and whether every condition can hold (`condition-never-holds`). `CHECKS` lists
them all, in the order they run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Collection, Iterator

import numpy as np

from game.errors import ERROR, Problem
from game.i18n import _
from game.rules import MAX_OUTCOMES, Rulebook
from game.rules.conditions import compile_condition
from game.scenario import model as m
from game.scenario.checks import MODEL_CHECKS, Check, check, issues_in, problem
from game.play import scenario_cache
from game.scenario.limits import MAX_BYTES
from game.scenario.loader import LoadResult, load_text


@check("no-deal-zone")
def no_deal_zone(scenario: m.Scenario) -> Iterator[Problem]:
    """Some complete package should give both parties more than their walk-away values.

    Otherwise no deal is worth making and every game ends without one. Packages
    that cross a party's red line do not count. Checked with the values at the
    start (events may move them later); skipped, with a warning, when there are
    too many packages to score.

    Passing::

        parties:
          - id: north
            walk_away: {value: 30}
          - id: south
            walk_away: {value: 30}

    Failing::

        parties:
          - id: north
            walk_away: {value: 90}
          - id: south
            walk_away: {value: 90}
    """
    if not scenario.issues:
        yield problem(scenario, _("the scenario has no issues: there is nothing to negotiate"), code="no-deal-zone",
                      path="issues", level=ERROR, hint=_("add issues under 'issues:', each with two or more options"))
        return
    book = Rulebook(scenario)
    first = scenario.parties[0]
    if book.space.size > MAX_OUTCOMES:
        yield problem(scenario, _("the deal-zone check was skipped: the scenario has {n:,} possible packages, "
                                  "more than {limit:,}").format(n=book.space.size, limit=MAX_OUTCOMES),
                      code="no-deal-zone", hint=_("remove an issue or some options; each option multiplies the count"))
        return
    scorer = book.scorer()
    if _historical_deal_works(scenario, book, scorer):
        return  # a deal zone exists: no need to score every package
    surplus = scorer.matrix - scorer.walk_away_vector()  # (packages, parties)
    beats = (surplus > 0).all(axis=1)
    walk = ", ".join(f"{p.id} {p.walk_away.value:g}" for p in scenario.parties)
    where = "parties[0].walk_away"
    if not beats.any():
        closest = int(np.argmax(surplus.min(axis=1)))
        short = -float(surplus[closest].min())
        package = ", ".join(f"{k}: {v}" for k, v in book.to_ids(book.space.package(closest)).items())
        if short > 1e-9:
            message = _("no package gives both parties more than their walk-away values ({walk}); the closest, "
                        "{{{package}}}, leaves one party {short:.4g} points short")
        else:
            message = _("no package gives both parties more than their walk-away values ({walk}); the closest, "
                        "{{{package}}}, only equals one party's walk-away value")
        yield problem(first.walk_away, message.format(walk=walk, package=package, short=short),
            code="no-deal-zone", path=where,
            hint=_("lower a walk-away value, or change the values so that some package suits both"))
        return
    crossed = np.zeros(len(beats), dtype=bool)
    for p in scenario.parties:
        crossed |= book.red_line_mask(p.id)
    if not (beats & ~crossed).any():
        yield problem(first.walk_away, _(
            "every package that gives both parties more than their walk-away values ({walk}) crosses a red line")
            .format(walk=walk), code="no-deal-zone", path=where,
            hint=_("loosen a red line or a walk-away value so that some deal is possible"))


def _historical_deal_works(scenario: m.Scenario, book: Rulebook, scorer) -> bool:
    """The quick case: the real deal beats both walk-away values and crosses no red line."""
    hist = scenario.historical
    if hist is None or any(i.id not in hist.package for i in scenario.issues):
        return False
    package = book.to_indexes(hist.package)
    return all(scorer.points(p.id, package) > scorer.walk_away(p.id) and not book.crosses_red_line(p.id, package)
               for p in scenario.parties)


@check("condition-never-holds")
def condition_never_holds(scenario: m.Scenario) -> Iterator[Problem]:
    """Every rule, red line and event condition should hold for some package.

    A condition that no complete package satisfies makes its rule never apply,
    its red line never matter, or its event never fire (an event's `when` is
    tested on offers, which are complete packages).

    Passing::

        rules:
          - id: big-share
            when: {issue: land, attribute: km, at_least: 5}
            points: {north: 5}

    Failing::

        rules:
          - id: big-share
            when: {issue: land, attribute: km, at_least: 50}
            points: {north: 5}
    """
    for ri, rule in enumerate(scenario.rules):
        if _never(rule.when, scenario):
            yield problem(rule.when, _("the condition of rule '{id}' holds for no package: the rule never applies")
                          .format(id=rule.id), code="condition-never-holds", path=f"rules[{ri}].when")
    for pi, party in enumerate(scenario.parties):
        for li, red in enumerate(party.red_lines):
            if _never(red.when, scenario):
                yield problem(red.when, _("red line {n} of party '{party}' holds for no package: it can never be crossed")
                              .format(n=li + 1, party=party.id), code="condition-never-holds",
                              path=f"parties[{pi}].red_lines[{li}].when")
    for ei, event in enumerate(scenario.events):
        if event.when is not None and _never(event.when, scenario):
            yield problem(event.when, _("the condition of event '{id}' holds for no offer: the event never fires")
                          .format(id=event.id), code="condition-never-holds", path=f"events[{ei}].when")


def _never(cond: m.Condition, scenario: m.Scenario) -> bool:
    """True when no package satisfies `cond`; only the issues it looks at are enumerated."""
    columns = [n for n, i in enumerate(scenario.issues) if i.id in issues_in(cond)]
    sizes = [len(scenario.issues[n].options) for n in columns]
    if any(s == 0 for s in sizes):
        return True
    if int(np.prod(sizes, dtype=np.float64)) > MAX_OUTCOMES:
        return False  # too many to try: say nothing
    grid = np.indices(sizes, dtype=np.int32).reshape(len(sizes), -1).T if sizes else np.zeros((1, 0), np.int32)
    rows = np.zeros((len(grid), len(scenario.issues)), dtype=np.int32)
    rows[:, columns] = grid
    return not bool(compile_condition(cond, scenario).mask(rows).any())


CHECKS: tuple[Check, ...] = (no_deal_zone, condition_never_holds, *MODEL_CHECKS)


def known_strategies() -> Collection[str]:
    """The strategy names personas may use."""
    from game.agents import registry

    return set(registry.names())


def run_checks(scenario: m.Scenario) -> list[Problem]:
    """The problems every meaning check finds in a scenario that loaded."""
    return [p for c in CHECKS for p in c(scenario)]


def persona_params(scenario: m.Scenario) -> list[Problem]:
    """Errors for `persona.params` its strategy does not take, or of the wrong kind: the same
    refusal the game would give when it starts, given by the checker first."""
    try:
        from game.agents import registry
        from game.agents.base import StrategyParamError
    except ModuleNotFoundError:
        return []
    out = []
    for party in scenario.parties:
        persona = party.persona
        if persona.strategy not in registry.names():
            continue  # reported by the loader
        try:
            registry.get(persona.strategy).resolve_params(persona.params)
        except StrategyParamError as exc:
            out.append(problem(persona, str(exc), code="persona-params", level=ERROR,
                               hint=_("see the strategies and their params in docs/authoring.md")))
    return out


def _with_checks(result: LoadResult) -> LoadResult:
    if result.scenario is not None and not any(p.is_error for p in result.problems):
        result.problems.extend(persona_params(result.scenario))
    if result.scenario is not None and not any(p.is_error for p in result.problems):
        result.problems.extend(run_checks(result.scenario))
    return result


def check_text(data: bytes | str, file: str = "<input>", strategies: Collection[str] | None = None) -> LoadResult:
    """Load scenario text and check its meaning (for tests and the editor view)."""
    return _with_checks(load_text(data, file, strategies))


def check_file(path: str | Path) -> LoadResult:
    """Load the file (naming the known strategies) and check its meaning."""
    result = _with_checks(scenario_cache.load_file(Path(path), known_strategies()))
    if not result.text:  # not even YAML: keep the text anyway, to quote the line
        try:
            with open(path, "rb") as handle:
                result.text = handle.read(MAX_BYTES).decode("utf-8", errors="replace")
        except OSError:
            pass
    return result
