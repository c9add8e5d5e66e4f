"""The broken-scenario corpus: every file in tests/broken/ must be refused, with
exactly the problems written at its top.

Each file is a small variation of scenarios/tutorial.yaml and starts with one
`# expect:` line per problem:

    # expect: LINE:COL LEVEL: TEXT [| hint: HINT]

TEXT must occur in the problem's headline after `file:line:col: level: ` (so it
may include "(did you mean 'x'?)"), HINT in its hint. Every problem the loader
reports must be expected, and every expectation met: this catches wrong
positions, missed errors, only-the-first-error reporting, and cascades of
spurious errors alike. Inputs that cannot be committed as text (over 1 MB, bad
UTF-8, random bytes) are generated into tmp_path.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.errors import Problem
from game.scenario import load_file, load_text
from game.scenario.source import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).resolve().parent / "broken"
TUTORIAL = BROKEN / "base" / "tutorial.yaml"  # the valid scenario the corpus varies
CORPUS = sorted(BROKEN.glob("*.yaml"))

_EXPECT = re.compile(r"^# expect: (\d+):(\d+) (error|warning): (.*?)(?: \| hint: (.*))?$")


@dataclass(frozen=True)
class Expect:
    line: int
    col: int
    level: str
    text: str
    hint: str | None

    def matches(self, p: Problem) -> bool:
        said = p.headline()[len(p.location()) + 2:].split(": ", 1)[-1]
        return ((p.line, p.col, p.level) == (self.line, self.col, self.level) and self.text in said
                and (self.hint is None or self.hint in p.hint))

    def __str__(self) -> str:
        return f"{self.line}:{self.col} {self.level}: {self.text}" + (f" | hint: {self.hint}" if self.hint else "")


def expectations(path: Path) -> list[Expect]:
    """The `# expect:` lines at the top of a corpus file (read as text even when it is not)."""
    found = []
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        match = _EXPECT.match(line)
        if not match:
            break
        found.append(Expect(int(match[1]), int(match[2]), match[3], match[4], match[5]))
    return found


def assert_reports_exactly(problems: list[Problem], expected: list[Expect], file: str) -> None:
    shown = "\n".join("    " + p.headline() + (f"  [hint: {p.hint}]" if p.hint else "") for p in problems)
    for e in expected:
        assert any(e.matches(p) for p in problems), f"expected  {e}\nreported:\n{shown}"
    for p in problems:
        assert any(e.matches(p) for e in expected), f"unexpected problem {p.headline()}\nreported:\n{shown}"
        assert p.file == file
        assert p.line >= 1 and p.col >= 1, p


def test_the_base_scenario_is_valid():
    result = load_file(TUTORIAL)
    assert result.ok and not result.problems, result.problems


def test_the_corpus_is_big_enough():
    assert len(CORPUS) >= 35
    assert sum(len(expectations(f)) > 1 for f in CORPUS) >= 5  # files with several errors


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_broken_file(path: Path):
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' line at its top"
    result = load_file(path)
    assert not result.ok
    assert result.scenario is None or any(p.is_error for p in result.problems)
    assert_reports_exactly(result.problems, expected, str(path))
    for problem in result.problems:  # one format for a problem's place, whoever found it: parties.0.weights.x
        assert "[" not in problem.path and not problem.path.startswith("."), problem.path


# -- inputs generated here rather than committed --------------------------------------------


def _load_bytes(tmp_path: Path, data: bytes, name: str = "generated.yaml"):
    path = tmp_path / name
    path.write_bytes(data)
    return path, load_file(path)


def test_file_over_one_megabyte(tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8") + "# padding\n" * (MAX_BYTES // 10 + 1)
    path, result = _load_bytes(tmp_path, text.encode("utf-8"))
    assert_reports_exactly(result.problems, [Expect(1, 1, "error", "larger than a scenario may be (1,000,000 bytes)",
                                                    "remove pasted material")], str(path))


def test_non_utf8_bytes(tmp_path):
    """A line pasted from a file in the Turkish Windows code page ('ğ' is the byte 0xf0 there)."""
    text = TUTORIAL.read_text(encoding="utf-8")
    line_no, line = next((i + 1, l) for i, l in enumerate(text.splitlines()) if "ğ" in l)
    lines = text.encode("utf-8").split(b"\n")
    lines[line_no - 1] = line.encode("cp1254", errors="replace")
    path, result = _load_bytes(tmp_path, b"\n".join(lines))
    col, char = next((i + 1, c) for i, c in enumerate(line) if ord(c) > 127)  # the first byte UTF-8 cannot read
    byte = char.encode("cp1254", errors="replace")[0]
    assert_reports_exactly(result.problems, [Expect(line_no, col, "error", f"byte 0x{byte:02x} is not valid UTF-8",
                                                    "save the file as UTF-8")], str(path))


def test_bad_byte_column_counts_characters(tmp_path):
    data = "format: 1\ntitle: {tr: \"Çavuşoğlu\"} ".encode("utf-8") + b"\xff\n"
    path, result = _load_bytes(tmp_path, data)
    assert_reports_exactly(result.problems, [Expect(2, 26, "error", "byte 0xff", None)], str(path))


def test_utf16_file(tmp_path):
    path, result = _load_bytes(tmp_path, TUTORIAL.read_text(encoding="utf-8").encode("utf-16"))
    assert_reports_exactly(result.problems, [Expect(1, 1, "error", "saved as UTF-16", "UTF-8")], str(path))


def test_generated_binary_file(tmp_path):
    data = bytes(random.Random(7).randrange(256) for _ in range(4096)) + b"\x00" * 16
    path, result = _load_bytes(tmp_path, data, "photo.yaml")
    assert_reports_exactly(result.problems, [Expect(1, 1, "error", "binary file", None)], str(path))


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes(tmp_path, seed):
    data = bytes(random.Random(seed).randrange(1, 256) for _ in range(2000))  # no NUL: not caught as binary
    path, result = _load_bytes(tmp_path, data)
    assert not result.ok and result.problems
    for p in result.problems:
        assert p.file == str(path) and p.line >= 1 and p.col >= 1


def test_option_called_no_stays_text():
    """YAML 1.1 would turn the option id `no` into false; the reader keeps it as text."""
    text = TUTORIAL.read_text(encoding="utf-8")
    for old, new in (("short", "no"), ("half-day", "yes")):  # as an id, a key, or a value in a package
        text = re.sub(rf"(?<=id: ){old}$|(?<=[{{ ]){old}(?=:)|(?<=: ){old}(?=[}},])", new, text, flags=re.M)
    result = load_text(text, "tutorial-no.yaml")
    assert result.ok, result.problems
    ids = [o.id for o in result.scenario.issue("length").options]
    assert "no" in ids and "yes" in ids


# -- the command line ------------------------------------------------------------------------------

CLI_CASES = ["syntax-unclosed-quote", "alias-bomb", "tag-python-apply", "type-error-and-references",
             "unknown-keys", "hidden-characters", "top-level-list", "empty", "binary"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_parley_check_reports_without_traceback(name: str):
    path = BROKEN / f"{name}.yaml"
    run = subprocess.run([sys.executable, "-m", "game", "check", str(path)], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", errors="replace", timeout=120,
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Traceback" not in output
    for e in expectations(path):
        assert f"{path}:{e.line}:{e.col}" in output, output
