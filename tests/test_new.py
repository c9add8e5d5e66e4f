"""`parley new`: the commented starter, copies with a new id, and never overwriting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.play.check import check_file
from game.main import main
from game.scenario import load
from game.play.scenariotest import run_all
from game.workbench import starter

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
HEADLINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning): (?P<message>.+)$")


def new(tmp_path: Path, name: str = "river_talks.yaml", *extra: str) -> Path:
    path = tmp_path / name
    assert main(["new", str(path), *extra]) == 0
    return path


def schema_target(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    ref = Path(first.split("$schema=", 1)[1])
    return ref if ref.is_absolute() else (path.parent / ref)


def test_starter_passes_check_and_its_tests(tmp_path, capsys):
    path = new(tmp_path)
    assert "0 errors, 0 warnings" in capsys.readouterr().err
    result = check_file(path)
    assert result.ok and result.problems == []
    scenario = result.scenario
    assert scenario.id == "river_talks"
    assert [t.passed for t in run_all(scenario)] == [True] * len(scenario.tests)
    assert main(["test", str(path)]) == 0


def test_starter_is_small_but_complete(tmp_path):
    scenario = load(new(tmp_path))
    assert len(scenario.parties) == 2 and len(scenario.issues) == 3
    assert scenario.rules and scenario.events and scenario.tests
    assert any(p.red_lines for p in scenario.parties)
    assert scenario.historical is not None and set(scenario.historical.package) == set(scenario.issue_ids)


def test_starter_first_line_points_at_the_json_schema(tmp_path):
    target = schema_target(new(tmp_path))
    assert target.resolve() == (ROOT / "schema" / "scenario.schema.json").resolve()
    assert target.exists()


def test_schema_reference_is_relative_inside_the_project():
    assert starter.schema_reference(ROOT / "scenarios" / "mine.yaml") == "../schema/scenario.schema.json"
    assert starter.schema_reference(ROOT / "scenarios" / "class" / "b.yaml") == "../../schema/scenario.schema.json"
    assert starter.schema_reference("/elsewhere/mine.yaml").startswith("/")


def test_every_top_level_field_has_a_comment_above_it():
    lines = starter.template().splitlines()
    keys = [n for n, line in enumerate(lines) if re.match(r"^[a-z_]+:", line)]
    assert len(keys) >= 15
    for n in keys:
        assert lines[n - 1].startswith("#"), f"no comment above '{lines[n]}'"


def test_hand_edited_starter_passes_then_a_mistake_is_shown_at_its_line(tmp_path, capsys):
    path = new(tmp_path)
    text = path.read_text(encoding="utf-8")
    # A teacher's edits: a new title, a lower walk-away value for the south.
    text = text.replace('  en: "The river talks"', '  en: "The valley agreement"')
    text = text.replace("      value: 40\n      story: {en: \"No deal: the children",
                        "      value: 38\n      story: {en: \"No deal: the children")
    text = text.replace("scores: {north: 40, south: 40}", "scores: {north: 40, south: 38}")
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert main(["test", str(path)]) == 0
    # Now a mistake: the opener's name misspelt.
    broken = text.replace("  opens: north", "  opens: nroth")
    path.write_text(broken, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    at = next(n for n, line in enumerate(out) if ": error: " in line)
    m = HEADLINE.match(out[at])
    assert m and m["file"] == str(path)
    assert "nroth" in m["message"] and "did you mean 'north'" in m["message"]
    line_no = broken.splitlines().index("  opens: nroth") + 1
    assert int(m["line"]) == line_no
    assert out[at + 1] == "    " + "  opens: nroth"
    assert out[at + 2].index("^") - 4 == int(m["col"]) - 1 == len("  opens: ")


def test_a_wrong_value_is_shown_at_its_line(tmp_path, capsys):
    path = new(tmp_path)
    text = path.read_text(encoding="utf-8").replace("bridge: {north-pays: 0, split-costs: 50",
                                                    "bridge: {north-pays: 0, split-cost: 50")
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--format", "parsable", str(path)]) == 1
    lines = [HEADLINE.match(line) for line in capsys.readouterr().out.splitlines()]
    errors = [m for m in lines if m and m["level"] == "error"]
    wanted = next(n for n, line in enumerate(text.splitlines(), 1) if "split-cost: 50" in line)
    assert any(int(m["line"]) == wanted and "split-cost" in m["message"] for m in errors)


def test_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "mine.yaml"
    path.write_text("precious\n", encoding="utf-8")
    assert main(["new", str(path)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "never overwrites" in err
    assert path.read_text(encoding="utf-8") == "precious\n"
    assert main(["new", str(path), "--from", "tutorial"]) == 1
    assert path.read_text(encoding="utf-8") == "precious\n"


def test_refuses_a_name_without_yaml_suffix(tmp_path, capsys):
    assert main(["new", str(tmp_path / "mine.txt")]) == 1
    assert ".yaml or .yml" in capsys.readouterr().err
    assert not (tmp_path / "mine.txt").exists()


def test_from_a_shipped_name_keeps_the_content_and_sets_a_new_id(tmp_path):
    path = new(tmp_path, "Class 3B Tutorial.yaml", "--from", "tutorial")
    copy = path.read_text(encoding="utf-8").splitlines()
    original = TUTORIAL.read_text(encoding="utf-8").splitlines()
    assert len(copy) == len(original)
    changed = [(a, b) for a, b in zip(copy[1:], original[1:]) if a != b]
    assert changed == [("id: class-3b-tutorial", "id: tutorial")]
    assert schema_target(path).exists()
    scenario = load(path)
    assert scenario.id == "class-3b-tutorial"
    assert all(r.passed for r in run_all(scenario))


def test_from_a_file_without_schema_line_or_id(tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines()[1:] if not line.startswith("id: ")) + "\n"
    source = tmp_path / "source.yaml"
    source.write_text(body, encoding="utf-8")
    path = new(tmp_path, "copy.yml", "--from", str(source))
    copied = path.read_text(encoding="utf-8")
    assert copied.splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert yaml.safe_load(copied)["id"] == "copy"
    assert load(path).id == "copy"


def test_from_something_that_is_not_a_scenario(tmp_path, capsys):
    source = tmp_path / "notes.yaml"
    source.write_text("just a sentence\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "x.yaml"), "--from", str(source)]) == 1
    assert "not a scenario" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()
    assert main(["new", str(tmp_path / "x.yaml"), "--from", "no_such_scenario"]) == 1
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("name, expected", [
    ("river_talks.yaml", "river_talks"),
    ("My Moscow (B).yml", "my-moscow-b"),
    ("2020 talks.yaml", "s-2020-talks"),
    ("Ünïcode.yaml", "n-code"),
    ("___.yaml", "scenario"),
    ("x" * 60 + ".yaml", "x" * 40),
])
def test_scenario_id_from_file_name(name, expected):
    assert starter.scenario_id(name) == expected
    assert re.fullmatch(r"[a-z][a-z0-9_-]{0,39}", starter.scenario_id(name))
