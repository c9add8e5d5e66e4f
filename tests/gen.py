"""Hypothesis strategies for small, valid scenarios: for property tests across the game.

    from gen import scenarios, scenario_dicts, scenario_yaml   # tests/ is on sys.path under pytest

    @given(scenarios())                    # loaded `Scenario` objects
    @given(scenario_dicts(max_issues=3))   # plain data, as a teacher's YAML would parse
    @given(scenario_yaml())                # (yaml_text, dict) pairs, for loader tests

Every generated scenario loads without errors: two parties with random ids,
2-5 issues of 2-4 options, random weights, values and walk-away values, and
optionally red lines, rules (points, indicators, tags), indicators, events
(by round or by condition, moving walk-away values and weights) and a complete
historical package; the deadline is 3-12 rounds. Numbers mix round values
(so ties and exact equalities happen often) with arbitrary floats.

`build_scenario(issues, options, seed)` makes one deterministic scenario dict of
any size without hypothesis (for benchmarks).
"""

from __future__ import annotations

import random
from typing import Any

import yaml
from hypothesis import strategies as st

LETTERS = "abcdefghijklmnopqrstuvwxyz"
IDS = st.builds(lambda head, tail: head + tail, st.sampled_from(LETTERS),
                 st.text(alphabet=LETTERS + "0123456789_-", max_size=9))
ROUND = st.sampled_from([0, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100])
SCORE = st.one_of(ROUND, st.integers(0, 100),
                  st.floats(0, 100, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2)),
                  st.floats(0, 100, allow_nan=False, allow_infinity=False))
WALK_AWAY = st.one_of(st.integers(0, 60), st.sampled_from([0, 20, 30, 35, 40, 50]), SCORE)  # mostly a deal zone
DELTA = st.one_of(st.sampled_from([-20, -10, -5, 5, 10, 20]), st.integers(-100, 100),
                  st.floats(-100, 100, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2)))


def _ids(draw, n: int, prefix: str = "") -> list[str]:
    """`n` distinct ids (an optional fixed prefix keeps kinds apart in error messages)."""
    raw = draw(st.lists(IDS, min_size=n, max_size=n, unique=True))
    return [prefix + r if prefix else r for r in raw]


@st.composite
def conditions(draw, issues: list[dict], depth: int = 2) -> dict:
    """A `when:` condition over `issues` (plain data), possibly combined."""
    kinds = ["is", "in"]
    if any(o.get("attributes") for i in issues for o in i["options"]):
        kinds.append("attribute")
    if depth > 0:
        kinds += ["all", "any", "not"]
    kind = draw(st.sampled_from(kinds))
    if kind in ("all", "any"):
        return {kind: draw(st.lists(conditions(issues, depth - 1), min_size=1, max_size=3))}
    if kind == "not":
        return {"not": draw(conditions(issues, depth - 1))}
    if kind == "attribute":
        issue = draw(st.sampled_from([i for i in issues if any(o.get("attributes") for o in i["options"])]))
        attr = draw(st.sampled_from(sorted({a for o in issue["options"] for a in o.get("attributes", {})})))
        op = draw(st.sampled_from(["at_least", "at_most", "above", "below", "equals"]))
        return {"issue": issue["id"], "attribute": attr, op: draw(st.integers(0, 10))}
    issue = draw(st.sampled_from(issues))
    options = [o["id"] for o in issue["options"]]
    if kind == "is":
        return {"issue": issue["id"], "is": draw(st.sampled_from(options))}
    return {"issue": issue["id"], "in": draw(st.lists(st.sampled_from(options), min_size=1, max_size=len(options),
                                                      unique=True))}


@st.composite
def scenario_dicts(draw, min_issues: int = 2, max_issues: int = 5, min_options: int = 2, max_options: int = 4,
                   min_rounds: int = 3, max_rounds: int = 12, rules: bool = True, red_lines: bool = True,
                   events: bool = True, historical: bool = True, indicators: bool = True,
                   strategies: tuple[str, ...] = ("linear",), score=SCORE, walk_away=WALK_AWAY) -> dict:
    """A valid scenario as plain data (what `yaml.safe_load` of a teacher's file gives)."""
    party_ids = _ids(draw, 2)
    n_issues = draw(st.integers(min_issues, max_issues))
    issue_ids = _ids(draw, n_issues)
    with_attributes = draw(st.booleans())
    issues = []
    for iid in issue_ids:
        n_opts = draw(st.integers(min_options, max_options))
        options = []
        for oid in _ids(draw, n_opts):
            option: dict[str, Any] = {"id": oid, "label": f"Option {oid}"}
            if with_attributes and draw(st.booleans()):
                option["attributes"] = {"size": draw(st.integers(0, 10))}
            options.append(option)
        issues.append({"id": iid, "title": f"Issue {iid}", "options": options})

    indicator_ids = _ids(draw, draw(st.integers(0, 2)), "ind-") if indicators else []
    parties = []
    for pid in party_ids:
        party: dict[str, Any] = {
            "id": pid,
            "name": f"Party {pid}",
            "weights": {i["id"]: draw(score) for i in issues},
            "values": {i["id"]: {o["id"]: draw(score) for o in i["options"]} for i in issues},
            "walk_away": {"value": draw(walk_away)},
            "persona": {"name": f"Envoy of {pid}", "strategy": draw(st.sampled_from(list(strategies)))},
        }
        if red_lines and draw(st.integers(0, 2)) == 0:  # a third of the parties; narrow conditions
            party["red_lines"] = [{"text": "never", "when": draw(conditions(issues, depth=draw(st.integers(0, 1))))}
                                  for _ in range(draw(st.integers(1, 2)))]
        parties.append(party)

    data: dict[str, Any] = {
        "format": 1,
        "id": draw(IDS),
        "title": "A generated scenario",
        "date": "2020-03-05",
        "summary": "Generated for property tests.",
        "parties": parties,
        "issues": issues,
        "no_deal": {"narrative": "No deal."},
    }
    if indicator_ids:
        data["indicators"] = [{"id": i, "title": f"Indicator {i}"} for i in indicator_ids]
        if draw(st.booleans()):
            data["no_deal"]["indicators"] = {draw(st.sampled_from(indicator_ids)): draw(DELTA)}
    if rules:
        rule_list = []
        for rid in _ids(draw, draw(st.integers(0, 3)), "rule-"):
            rule: dict[str, Any] = {"id": rid, "when": draw(conditions(issues))}
            paid = draw(st.lists(st.sampled_from(party_ids), max_size=2, unique=True))
            if paid:
                rule["points"] = {pid: draw(DELTA) for pid in paid}
            if indicator_ids and draw(st.booleans()):
                rule["indicators"] = {draw(st.sampled_from(indicator_ids)): draw(DELTA)}
            if draw(st.booleans()):
                rule["tag"] = {"id": "tag-" + rid, "title": f"Tag {rid}"}
            rule_list.append(rule)
        if rule_list:
            data["rules"] = rule_list
    rounds = draw(st.integers(min_rounds, max_rounds))
    if events:
        event_list = []
        for eid in _ids(draw, draw(st.integers(0, 3)), "ev-"):
            event: dict[str, Any] = {"id": eid, "title": f"Event {eid}"}
            if draw(st.booleans()):
                event["at_round"] = draw(st.integers(1, rounds))
            else:
                event["when"] = draw(conditions(issues, depth=1))
            effects = []
            for pid in draw(st.lists(st.sampled_from(party_ids), max_size=2)):
                effect: dict[str, Any] = {"party": pid}
                if draw(st.booleans()):
                    effect["change_walk_away"] = draw(DELTA)
                changed = draw(st.lists(st.sampled_from(issue_ids), max_size=2, unique=True))
                if changed:
                    effect["change_weights"] = {iid: draw(DELTA) for iid in changed}
                effects.append(effect)
            if effects:
                event["effects"] = effects
            event_list.append(event)
        if event_list:
            data["events"] = event_list
    data["protocol"] = {"rounds": rounds, "opens": draw(st.sampled_from(party_ids))}
    if historical and draw(st.booleans()):
        data["historical"] = {"package": {i["id"]: draw(st.sampled_from([o["id"] for o in i["options"]]))
                                          for i in issues}}
    return data


def to_yaml(data: dict) -> str:
    """YAML text for a scenario dict (strings that YAML 1.1 would misread are quoted)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True)


def scenario_yaml(**options) -> st.SearchStrategy[tuple[str, dict]]:
    """(YAML text, the dict it was made from)."""
    return scenario_dicts(**options).map(lambda d: (to_yaml(d), d))


def load_dict(data: dict, file: str = "<generated>"):
    """The `Scenario` for a dict; a generated scenario that fails to load is a bug in this module."""
    from game.scenario import load_text

    result = load_text(to_yaml(data), file)
    assert result.ok, "\n".join(p.headline() for p in result.problems)
    return result.scenario


def scenarios(**options):
    """Loaded, valid `Scenario` objects (options as for `scenario_dicts`)."""
    return scenario_dicts(**options).map(load_dict)


def build_scenario(issues: int = 6, options: int = 10, seed: int = 0) -> dict:
    """One deterministic scenario dict of `options ** issues` packages (no hypothesis)."""
    rng = random.Random(seed)
    issue_list = [{"id": f"issue-{n}", "title": f"Issue {n}",
                   "options": [{"id": f"opt-{k}", "label": f"Option {k}", "attributes": {"size": k}}
                               for k in range(options)]} for n in range(issues)]
    parties = []
    for pid in ("east", "west"):
        raw = [rng.random() for _ in range(issues)]
        parties.append({
            "id": pid, "name": pid.title(),
            "weights": {i["id"]: round(100 * r / sum(raw), 3) for i, r in zip(issue_list, raw)},
            "values": {i["id"]: {o["id"]: round(rng.uniform(0, 100), 2) for o in i["options"]} for i in issue_list},
            "walk_away": {"value": round(rng.uniform(30, 50), 1)},
            "persona": {"name": "Envoy"},
        })
    half = options // 2
    return {
        "format": 1, "id": f"generated-{issues}x{options}", "title": f"Generated: {issues} issues of {options} options",
        "date": "2020-03-05", "summary": "Generated for benchmarks.",
        "parties": parties, "issues": issue_list,
        "rules": [{"id": "big-deal", "when": {"issue": "issue-0", "attribute": "size", "at_least": half},
                   "points": {"east": 5, "west": -5}}],
        "no_deal": {"narrative": "No deal."},
        "events": [{"id": "shock", "title": "Shock", "at_round": 2,
                    "effects": [{"party": "east", "change_walk_away": -10}]}],
        "protocol": {"rounds": 10, "opens": "east"},
        "historical": {"package": {i["id"]: i["options"][rng.randrange(options)]["id"] for i in issue_list}},
    }
