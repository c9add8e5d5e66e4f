"""`parley check` and `parley schema` from the command line: output forms and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.main import main

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
HEADLINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning): (?P<message>.+)$")


def broken_tutorial(tmp_path: Path, name: str = "broken.yaml") -> Path:
    """The tutorial with a misspelt top-level key."""
    text = TUTORIAL.read_text(encoding="utf-8")
    text = text.replace("summary:\n  en: >-", "sumary:\n  en: >-", 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def bad_reference(tmp_path: Path, name: str = "typo.yaml") -> Path:
    text = TUTORIAL.read_text(encoding="utf-8").replace("opens: turkey", "opens: turky")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_exits_0_and_prints_a_summary_on_stderr(capsys):
    assert main(["check", str(TUTORIAL)]) == 0
    captured = capsys.readouterr()
    assert "checked" not in captured.out
    assert captured.err.strip().splitlines()[-1].startswith("1 file checked: 0 errors")


def test_parsable_output_holds_only_problem_lines(tmp_path, capsys):
    path = bad_reference(tmp_path)
    assert main(["check", "--format", "parsable", str(path)]) == 1
    captured = capsys.readouterr()
    assert [HEADLINE.match(line) is not None for line in captured.out.splitlines()] == [True]
    assert "1 file checked: 1 error" in captured.err


def test_error_exits_1_with_file_line_col_and_a_caret(tmp_path, capsys):
    path = bad_reference(tmp_path)
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    at = next(n for n, line in enumerate(lines) if ": error: " in line)
    m = HEADLINE.match(lines[at])
    assert m and m["file"] == str(path)
    assert "'turky' is not a party" in m["message"] and "(did you mean 'turkey'?)" in m["message"]
    line, col = int(m["line"]), int(m["col"])
    source = path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert lines[at + 1] == "    " + source
    assert lines[at + 2] == "    " + " " * (col - 1) + "^"
    assert source[col - 1:].startswith("turky")
    assert "1 error" in captured.err


def test_unknown_key_is_reported_with_a_suggestion(tmp_path, capsys):
    path = broken_tutorial(tmp_path)
    assert main(["check", "--format", "parsable", str(path)]) == 1
    out = capsys.readouterr().out
    line = path.read_text(encoding="utf-8").splitlines().index("sumary:") + 1
    assert f"{path}:{line}:1: error: unknown key 'sumary' (did you mean 'summary'?)" in out


def test_missing_path_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.yaml")]) == 2
    err = capsys.readouterr().err
    assert "nope.yaml" in err and "does not exist" in err


def test_no_path_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2


def test_empty_folder_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "no *.yaml" in capsys.readouterr().err


def test_folder_is_searched_recursively_in_sorted_order(tmp_path, capsys):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    good = tmp_path / "a" / "good.yml"
    good.write_text(TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8")
    bad = bad_reference(tmp_path / "b" / "deep", "typo.yaml")
    (tmp_path / "notes.txt").write_text("not a scenario", encoding="utf-8")
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    problems = json.loads(capsys.readouterr().out)
    files = [p["file"] for p in problems]
    assert str(bad) in files and files == sorted(files)
    assert main(["check", str(tmp_path)]) == 1
    assert "2 files checked" in capsys.readouterr().err.splitlines()[-1]


def test_json_output_is_only_json(tmp_path, capsys):
    path = bad_reference(tmp_path)
    assert main(["check", "--format", "json", str(path), str(TUTORIAL)]) == 1
    out = capsys.readouterr().out
    problems = json.loads(out)
    assert isinstance(problems, list) and problems
    first = next(p for p in problems if p["level"] == "error")
    assert {"file", "line", "col", "message", "level", "code", "hint", "suggestion", "path"} <= set(first)
    assert first["suggestion"] == "turkey" and first["line"] > 0 and first["col"] > 0


def test_warnings_pass_unless_strict(tmp_path, capsys):
    text = TUTORIAL.read_text(encoding="utf-8").replace("weights: {format: 40, readout: 40, length: 20}",
                                                        "weights: {format: 40, readout: 40, length: 10}")
    path = tmp_path / "light.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert ": warning: the weights of party 'russia' add up to 90" in capsys.readouterr().out
    assert main(["check", "--strict", str(path)]) == 1


@pytest.mark.parametrize("content", [
    b"", b"\x00\x01\x02binary", b"\xff\xfe not utf-8", b"a: [", b"- just\n- a list\n", b"format: 1\n\tid: x\n",
    b"a: &a [*a]\n", b"x: !!python/object:os.system ls\n", b"[" * 100, b"id: x\nid: y\n",
])
def test_never_a_traceback(tmp_path, capsys, content):
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert HEADLINE.match(captured.out.splitlines()[0])


def test_python_m_game_check_in_a_subprocess(tmp_path):
    path = bad_reference(tmp_path)
    run = subprocess.run([sys.executable, "-m", "game", "check", str(path), str(tmp_path / "missing.yaml")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    run = subprocess.run([sys.executable, "-m", "game", "check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert f"{path}:" in run.stdout


def test_schema_prints_json_and_writes_a_file(tmp_path, capsys):
    from game.cli.schema import generate

    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == generate() and printed["$schema"].startswith("https://json-schema.org/")
    out = tmp_path / "s.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == printed
    assert main(["schema", "--out", str(tmp_path / "no" / "such" / "dir.json")]) == 2
