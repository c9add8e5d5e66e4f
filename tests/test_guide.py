"""docs/authoring.md keeps its promises: every YAML example passes `parley check`, the table
of required fields is the models' own, and every strategy and param is described.

Examples are checked the way a teacher would use them: a complete file (one with
`parties:`) on its own; a fragment laid over the tutorial the guide refers to (a list
of objects with ids merges into the tutorial's list by id, any other key replaces
the tutorial's); a condition (a block starting with `{` or `when:`) as the condition
of an extra rule. The meaning checks' blocks show failing examples on purpose; their
passing and failing halves are tested in test_checks.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.agents import registry
from game.play.check import check_text
from game.scenario import model as m

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
TUTORIAL = yaml.safe_load((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))


def examples() -> list[tuple[str, int, str]]:
    """(section, line, text) of every ```yaml block outside the meaning checks."""
    out, section = [], ""
    lines = GUIDE.splitlines()
    n = 0
    while n < len(lines):
        line = lines[n]
        if line.startswith("## "):
            section = line[3:]
        if line.strip() == "```yaml":
            start, body = n + 1, []
            n += 1
            while lines[n].strip() != "```":
                body.append(lines[n])
                n += 1
            indent = min((len(b) - len(b.lstrip()) for b in body if b.strip()), default=0)
            if section != "Meaning checks":
                out.append((section, start + 1, "\n".join(b[indent:] for b in body)))
        n += 1
    return out


EXAMPLES = examples()


def overlay(base: dict, part: dict) -> dict:
    out = dict(base)
    for key, value in part.items():
        old = out.get(key)
        if isinstance(value, list) and isinstance(old, list) and all(isinstance(v, dict) and "id" in v for v in value):
            ids = [v["id"] for v in value]
            out[key] = [next((v for v in value if v["id"] == o.get("id")), o) for o in old]
            out[key] += [v for v in value if v["id"] not in {o.get("id") for o in old}]
            assert len(out[key]) >= len(ids)
        else:
            out[key] = value
    return out


def as_scenario(text: str) -> str:
    """The example as the complete file it is meant to be part of."""
    stripped = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not stripped:  # a comment alone, such as the schema line: first line of a file
        return text + "\n" + (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    if stripped[0].startswith("{"):
        conditions = [yaml.safe_load(line.split("#")[0]) for line in stripped]
        rules = [{"id": f"example-{n}", "when": c} for n, c in enumerate(conditions)]
        return yaml.safe_dump(overlay(TUTORIAL, {"rules": TUTORIAL["rules"] + rules}), allow_unicode=True)
    data = yaml.safe_load(text)
    if "when" in data and len(data) == 1:
        return yaml.safe_dump(overlay(TUTORIAL, {"rules": TUTORIAL["rules"] + [{"id": "example", **data}]}),
                              allow_unicode=True)
    if "parties" in data and "format" in data:
        return text
    return yaml.safe_dump(overlay(TUTORIAL, data), allow_unicode=True)


def test_the_guide_has_examples_in_every_part():
    sections = {s for s, _l, _t in EXAMPLES}
    assert {"Conventions", "The file, field by field", "Required fields of every object", "Conditions",
            "Tests in the scenario", "Editor support"} <= sections
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize("section, line, text", EXAMPLES, ids=[f"line-{line}" for _s, line, _t in EXAMPLES])
def test_every_example_passes_parley_check(section, line, text):
    result = check_text(as_scenario(text), f"authoring.md:{line}", registry.names())
    errors = [p for p in result.problems if p.is_error]
    assert result.ok and not errors, [p.headline() for p in errors]


def test_a_broken_example_would_be_caught():
    section, line, text = next(e for e in EXAMPLES if "persona:" in e[2] and "red_lines:" in e[2])
    result = check_text(as_scenario(text.replace("is: open-ended", "is: all-night")), "x.yaml", registry.names())
    assert not result.ok


MODELS = {"the file": m.Scenario, "source": m.Source, "party": m.Party, "`walk_away`": m.WalkAway,
          "red line": m.RedLine, "`persona`": m.Persona, "issue": m.Issue, "option": m.Option,
          "indicator": m.Indicator, "rule": m.Rule, "`tag`": m.Tag, "`no_deal`": m.NoDeal, "event": m.Event,
          "effect": m.Effect, "`protocol`": m.Protocol, "`historical`": m.Historical,
          "milestone (`aftermath`)": m.Milestone, "test": m.ScenarioTest, "move": m.TestMove, "`say`": m.Statement,
          "`expect`": m.Expect, "`map`": m.Map, "map `view`": m.MapView, "map place": m.MapPlace,
          "map zone": m.MapZone, "map line": m.MapLine, "map road": m.MapRoad, "map route": m.MapPath,
          "map posts": m.MapPosts, "`teacher_pack`": m.TeacherPack, "concept (`teacher_pack`)": m.Concept,
          "reading (`teacher_pack`)": m.Reading, "session step (`teacher_pack`)": m.SessionStep}


def test_the_required_fields_table_is_the_models_own():
    section = GUIDE.split("## Required fields of every object")[1].split("\n## ")[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] in MODELS:
            rows[cells[0]] = cells
    assert set(rows) == set(MODELS)
    for name, (obj, required, optional) in rows.items():
        model = MODELS[name]
        fields = {info.alias or field: info for field, info in model.model_fields.items()}
        must, _sep, one_of = required.partition("one of")
        names = lambda text: set(re.findall(r"`([a-z_]+)`", re.sub(r"\([^)]*\)", "", text)))  # noqa: E731
        assert names(must) == {k for k, info in fields.items() if info.is_required()}, name
        assert names(optional) | names(one_of) == {k for k, info in fields.items() if not info.is_required()}, name


def test_every_strategy_and_param_is_described():
    section = GUIDE.split("## Computer players: strategies and their params")[1].split("\n## ")[0]
    for name in registry.names():
        row = next((line for line in section.splitlines() if line.startswith(f"| `{name}` |")), None)
        assert row is not None, name
        cls = registry.get(name)
        assert cls.summary in row, name
        for key, (_kind, default) in cls.PARAMS.items():
            if key in ("talk", "honest", "bluff") and not (key == "bluff" and default):
                assert f"`{key}`" in section  # the statement params, described once for all
                continue
            shown = str(default).lower() if isinstance(default, bool) else f"{default}"
            assert re.search(rf"`{key}` \({re.escape(shown)}[;):]", row), (name, key, shown)
