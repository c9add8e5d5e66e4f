"""Meaning checks: each check's own passing and failing snippet, and the shipped scenarios.

A snippet is laid over BASE (a small scenario that passes every check): each
top-level section replaces the base's, except that in a list of items with an
`id` (parties, issues, rules...) an item with a known id has just the fields it
names replaced and a new id is added; `null` removes a section or field.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.play import check as runner
from game.play.check import CHECKS, check_file, check_text
from game.scenario.checks import Check, _dominated
from game.scenario.source import parse

ROOT = Path(__file__).resolve().parent.parent
SCENARIO_FILES = sorted(p for p in (ROOT / "scenarios").rglob("*") if p.suffix in (".yaml", ".yml"))

BASE = """\
format: 1
id: river
title: The river
date: 2020-03-05
summary: Two villages share a river valley.
parties:
  - id: north
    name: North
    weights: {land: 60, water: 40}
    values:
      land: {north: 100, half: 60, south: 0}
      water: {share: 40, north-only: 100}
    walk_away: {value: 30}
    persona: {name: Mayor of North}
  - id: south
    name: South
    weights: {land: 40, water: 60}
    values:
      land: {north: 0, half: 60, south: 100}
      water: {share: 100, north-only: 0}
    walk_away: {value: 30}
    persona: {name: Mayor of South}
issues:
  - id: land
    title: Land
    options:
      - {id: north, label: North keeps the land, attributes: {km: 10}}
      - {id: half, label: Half each, attributes: {km: 5}}
      - {id: south, label: South keeps the land, attributes: {km: 0}}
  - id: water
    title: Water
    options:
      - {id: share, label: Shared}
      - {id: north-only, label: North only}
no_deal:
  narrative: The valley stays divided.
protocol: {rounds: 4, opens: north}
historical:
  package: {land: half, water: share}
"""


def merge(base: dict, patch: dict) -> dict:
    """BASE with the snippet laid over it (see the module docstring)."""
    out = dict(base)
    for key, value in (patch or {}).items():
        old = out.get(key)
        if value is None:
            out.pop(key, None)
        elif isinstance(old, list) and isinstance(value, list) and all(isinstance(x, dict) and "id" in x for x in value):
            items = [dict(x) for x in old]
            for item in value:
                at = next((n for n, x in enumerate(items) if x.get("id") == item["id"]), None)
                if at is None:
                    items.append(item)
                else:
                    items[at] = {k: v for k, v in {**items[at], **item}.items() if v is not None}
            out[key] = items
        else:
            out[key] = value
    return out


def scenario_with(snippet: str) -> str:
    return yaml.safe_dump(merge(yaml.safe_load(BASE), yaml.safe_load(snippet)), sort_keys=False, allow_unicode=True)


def codes(text: str) -> list[str]:
    return [p.code for p in check_text(text, "case.yaml").problems]


def test_base_passes_every_check():
    assert check_text(BASE, "base.yaml").problems == []
    assert check_text(scenario_with("{}"), "base.yaml").problems == []


def test_every_check_has_an_id_and_both_snippets():
    ids = [c.id for c in CHECKS]
    assert len(ids) == len(set(ids))
    for c in CHECKS:
        assert isinstance(c, Check) and c.summary
        assert set(c.examples()) == {"passing", "failing"}, c.id


def test_every_check_is_documented_for_authors():
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for c in CHECKS:
        assert f"### {c.id}" in guide, c.id


@pytest.mark.parametrize("chk", CHECKS, ids=lambda c: c.id)
def test_passing_snippet(chk):
    result = check_text(scenario_with(chk.examples()["passing"]), "case.yaml")
    assert result.ok, result.problems
    assert chk.id not in [p.code for p in result.problems], result.problems


@pytest.mark.parametrize("chk", CHECKS, ids=lambda c: c.id)
def test_failing_snippet(chk):
    text = scenario_with(chk.examples()["failing"])
    result = check_text(text, "case.yaml")
    found = [p for p in result.problems if p.code == chk.id]
    assert found, result.problems
    lines = text.splitlines()
    for p in found:
        assert p.file == "case.yaml" and 1 <= p.line <= len(lines) and p.col >= 1
        assert p.message and p.level == "warning"


def test_failing_snippets_point_at_the_object():
    by_id = {c.id: c for c in CHECKS}
    expect = {"weights-sum": "id: north", "dominated-option": "id: north-only",
              "historical-incomplete": "package:", "condition-never-holds": "issue: land",
              "issue-nobody-cares": "id: water", "no-deal-zone": "value: 90"}
    for check_id, needle in expect.items():
        text = scenario_with(by_id[check_id].examples()["failing"])
        p = next(p for p in check_text(text, "case.yaml").problems if p.code == check_id)
        assert needle in text.splitlines()[p.line - 1][p.col - 1:], (check_id, p)


def test_checks_do_not_run_on_a_scenario_with_errors():
    text = scenario_with("parties: [{id: north, weights: {land: 60, water: 30}, persona: {strategy: Bad}}]")
    result = check_text(text, "case.yaml")
    assert not result.ok
    assert "weights-sum" not in [p.code for p in result.problems]


def test_red_lines_and_events_that_never_hold():
    text = scenario_with("""
parties:
  - id: north
    red_lines:
      - text: Never both
        when: {all: [{issue: water, is: share}, {issue: water, is: north-only}]}
events:
  - id: flood
    title: Flood
    when: {issue: land, in: []}
""")
    messages = [p.message for p in check_text(text, "case.yaml").problems if p.code == "condition-never-holds"]
    assert len(messages) == 2
    assert any("red line 1 of party 'north'" in m for m in messages)
    assert any("event 'flood'" in m for m in messages)


def test_deal_zone_closed_by_red_lines():
    text = scenario_with("""
parties:
  - id: north
    red_lines:
      - text: The land stays ours
        when: {not: {issue: land, is: north}}
  - id: south
    red_lines:
      - text: The land is not theirs
        when: {issue: land, is: north}
""")
    found = [p for p in check_text(text, "case.yaml").problems if p.code == "no-deal-zone"]
    assert len(found) == 1 and "red line" in found[0].message


def test_too_many_packages_skip_the_deal_zone_with_a_warning(monkeypatch):
    monkeypatch.setattr(runner, "MAX_OUTCOMES", 2)
    found = [p for p in check_text(BASE, "case.yaml").problems if p.code == "no-deal-zone"]
    assert len(found) == 1 and "skipped" in found[0].message and found[0].level == "warning"


def test_no_issues_is_an_error():
    data = yaml.safe_load(BASE)
    data["issues"] = []
    for party in data["parties"]:
        party["weights"], party["values"] = {}, {}
    del data["historical"]
    result = check_text(yaml.safe_dump(data, sort_keys=False), "case.yaml")
    assert not result.ok
    assert any(p.code == "no-deal-zone" and p.is_error for p in result.problems)


def test_issue_used_by_a_rule_is_not_reported():
    text = scenario_with("""
parties:
  - {id: north, weights: {land: 100, water: 0}}
  - {id: south, weights: {land: 100, water: 0}}
indicators:
  - {id: trust, title: Trust}
rules:
  - {id: shared-water, when: {issue: water, is: share}, indicators: {trust: 10}}
""")
    assert "issue-nobody-cares" not in codes(text)


def test_dominance_sweep_agrees_with_pairwise():
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 9)
        table = [[float(rng.randint(0, 3)), float(rng.randint(0, 3))] for _ in range(n)]
        fast = {i for i, _j in _dominated(table)}
        slow = {i for i, a in enumerate(table)
                if any(all(y >= x for x, y in zip(a, b)) and any(y > x for x, y in zip(a, b)) for b in table)}
        assert fast == slow, table
        for i, j in _dominated(table):
            assert all(y >= x for x, y in zip(table[i], table[j])) and table[i] != table[j]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.name)
def test_shipped_scenarios_have_no_errors(path):
    result = check_file(path)
    assert result.ok, "\n".join(p.headline() for p in result.problems if p.is_error)


def test_committed_schema_is_the_generated_schema():
    from game.cli.schema import generate, render

    committed = (ROOT / "schema" / "scenario.schema.json").read_text(encoding="utf-8")
    assert json.loads(committed) == generate(), "run: parley schema --out schema/scenario.schema.json"
    assert committed == render()


@pytest.mark.parametrize("path", [ROOT / "scenarios" / "tutorial.yaml"], ids=lambda p: p.name)
def test_schema_accepts_the_tutorial(path):
    schema = json.loads((ROOT / "schema" / "scenario.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = parse(path.read_bytes(), str(path)).data
    jsonschema.Draft202012Validator(schema).validate(data)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/scenario.schema.json"


def test_schema_rejects_an_unknown_key():
    from game.cli.schema import generate

    data = parse(BASE.replace("summary:", "sumary:"), "x").data
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(generate()).validate(data)
