"""Hostile input: every file gets a clean list of problems, never an exception, and
loading it stays small in memory.

Memory is measured with tracemalloc (the peak of Python allocations while loading);
there are no timed assertions. Alias bombs must be refused before they expand,
deep nesting before the recursive composer sees it, and oversized files before
they are parsed. Invisible characters (bidi overrides, control characters) never
crash the reader; in texts they are warnings, in ids they are errors, and no
message quotes them raw.
"""

from __future__ import annotations

import inspect
import random
import re
import tracemalloc
from pathlib import Path

import pytest

from game.scenario import LoadResult, load_file, load_text
from game.scenario.references import hidden_characters
from game.scenario.source import MAX_BYTES, MAX_DEPTH, MAX_NODES

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = (Path(__file__).resolve().parent / "broken" / "base" / "tutorial.yaml").read_text(encoding="utf-8")
PEAK_LIMIT = 100 * 1024 * 1024  # bytes; the worst input just under every bound peaks near 60 MB


def load_bounded(data: bytes | str, file: str = "hostile.yaml") -> LoadResult:
    """`load_text` under tracemalloc: it must return, stay under PEAK_LIMIT, and
    give either a scenario or at least one error, every problem placed at line:col."""
    tracemalloc.start()
    try:
        result = load_text(data, file)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(result, LoadResult)
    assert peak < PEAK_LIMIT, f"peak {peak / 1e6:.1f} MB"
    assert result.scenario is not None or any(p.is_error for p in result.problems)
    for p in result.problems:
        assert p.file == file and p.line >= 1 and p.col >= 1, p
        assert p.message and "\u202e" not in p.message
    return result


def codes(result: LoadResult) -> list[str]:
    return [p.code for p in result.problems]


def only(result: LoadResult, code: str):
    assert codes(result) == [code], [p.headline() for p in result.problems]
    return result.problems[0]


# -- alias bombs -------------------------------------------------------------------------------


def laughs(levels: int, width: int, indent: str = "") -> str:
    """The classic 'billion laughs': each anchor is a list of `width` aliases to the one before."""
    lines = [f'{indent}l0: &l0 ["lol"]']
    lines += [f"{indent}l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels,width", [(9, 9), (4, 50), (6, 10), (20, 2), (30, 3), (100, 2)])
def test_alias_bomb_is_refused_before_it_expands(levels, width):
    problem = only(load_bounded(laughs(levels, width)), "alias-bomb")
    # reported at the first anchor whose expansion passes the bound
    sizes = [2]
    for _ in range(1, levels):
        sizes.append(1 + width * sizes[-1])
    first = next(i for i, size in enumerate(sizes) if size > MAX_NODES)
    assert problem.line == first + 1
    assert "anchors and aliases" in problem.message


def test_alias_bomb_of_mappings():
    text = 'a: &a {k0: "lol", k1: "lol", k2: "lol", k3: "lol"}\n'
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        text += f"{name}: &{name} {{" + ", ".join(f"k{j}: *{prev}" for j in range(5)) + "}\n"
    only(load_bounded(text), "alias-bomb")


def test_alias_bomb_inside_a_scenario():
    bomb = "".join(f"  - &l{i} [" + ", ".join(([f"*l{i - 1}"] if i else ['"lol"']) * 9) + "]\n" for i in range(9))
    only(load_bounded(TUTORIAL.replace("reflection:\n", "reflection:\n" + bomb)), "alias-bomb")


def test_many_plain_aliases_below_the_bound_load():
    """Aliases are allowed; only expansion past the bound is refused."""
    text = TUTORIAL.replace("reflection:\n", "reflection:\n  - &q {en: \"Who conceded first?\"}\n" + "  - *q\n" * 50)
    result = load_bounded(text)
    assert result.ok, [p.headline() for p in result.problems]


@pytest.mark.parametrize("text", [
    "a: &a [*a]\n",
    "a: &a {b: *a}\n",
    "a: &a [1, [2, [3, *a]]]\n",
    "a: &a\n  - &b\n    - *a\n",
    TUTORIAL.replace("learning_goals:\n", "learning_goals: &goals\n  - *goals\n"),
], ids=["list", "mapping", "nested", "block", "in-scenario"])
def test_alias_to_itself_is_refused(text):
    only(load_bounded(text), "alias-loop")


# -- deep nesting -------------------------------------------------------------------------------

LEVELS = 10_000


@pytest.mark.parametrize("text", [
    "[" * LEVELS + "]" * LEVELS,
    "{a: " * LEVELS + "1" + "}" * LEVELS,
    "[" * LEVELS,  # never closed
    "- " * LEVELS + "x\n",  # block lists on one line
    "a:\n" + "  - " * 1 + "- " * LEVELS + "x\n",
    "a: " + "[{b: " * (LEVELS // 2) + "1" + "}]" * (LEVELS // 2) + "\n",
    TUTORIAL.replace("params: {exponent: 0.3}", "params: {exponent: " + "[" * LEVELS + "]" * LEVELS + "}"),
], ids=["flow-lists", "flow-mappings", "unclosed", "block-lists", "block-in-mapping", "mixed", "in-scenario"])
def test_deep_nesting_is_refused_without_recursion(text):
    problem = only(load_bounded(text), "depth")
    assert str(MAX_DEPTH) in problem.message


def test_deep_block_mappings():
    """Block mappings need an indent per level: 1,200 levels fit under 1 MB, 10,000 do not."""
    text = "".join(" " * i + "a:\n" for i in range(1_200))
    assert len(text.encode()) < MAX_BYTES
    problem = only(load_bounded(text), "depth")
    assert problem.line == MAX_DEPTH + 1
    text = "".join(" " * i + "a:\n" for i in range(LEVELS))
    only(load_bounded(text), "size")


def test_nesting_up_to_the_limit_is_fine():
    # document, parties list, party, persona, params: five levels before the list
    deep = "[" * (MAX_DEPTH - 5) + "1" + "]" * (MAX_DEPTH - 5)
    result = load_bounded(TUTORIAL.replace("params: {exponent: 0.3}", "params: {exponent: 0.3, layers: " + deep + "}"))
    assert "depth" not in codes(result)


# -- size ---------------------------------------------------------------------------------------


def test_exactly_the_size_limit_loads():
    padding = MAX_BYTES - len(TUTORIAL.encode("utf-8"))
    text = TUTORIAL + "#" * (padding - 1) + "\n"
    assert len(text.encode("utf-8")) == MAX_BYTES
    result = load_bounded(text)
    assert result.ok, [p.headline() for p in result.problems]


def test_one_byte_over_the_limit():
    only(load_bounded(TUTORIAL + "#" * (MAX_BYTES - len(TUTORIAL.encode("utf-8"))) + "\n"), "size")


@pytest.mark.parametrize("text", [
    "[" + "1," * 499_990 + "1]\n",
    "- 1\n" * 249_990,
    "{" + ",".join(f"k{i}: 1" for i in range(90_000)) + "}\n",
], ids=["flow-list", "block-list", "flow-mapping"])
def test_a_megabyte_of_small_values_is_refused_before_composing(text):
    assert len(text.encode()) <= MAX_BYTES
    problem = only(load_bounded(text), "size")
    assert "keys and values" in problem.message


def test_worst_case_just_under_every_bound():
    """Just under MAX_PIECES written keys and values, and MAX_NODES values: composed and
    walked in full, the most memory any accepted file can take."""
    text = "a: {" + ",".join(f"k{i}: 1" for i in range(MAX_NODES - 10)) + "}\n"
    assert len(text.encode()) <= MAX_BYTES
    result = load_bounded(text)
    assert "size" not in codes(result) and "alias-bomb" not in codes(result)


def test_a_megabyte_of_one_text_loads():
    text = TUTORIAL.replace('  - en: "Did you check', '  - en: "' + "blah " * 190_000 + '"\n  - en: "Did you check')
    assert len(text.encode()) <= MAX_BYTES
    assert load_bounded(text).ok


def test_huge_file_is_read_only_up_to_the_limit(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.write(TUTORIAL.encode())
        handle.write(b"# padding padding padding\n" * 800_000)  # about 20 MB
    tracemalloc.start()
    try:
        result = load_file(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert codes(result) == ["size"] and peak < 8 * MAX_BYTES


# -- binary and random bytes ----------------------------------------------------------------------------

BINARY = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)),
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00",
    "elf": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64,
    "nul-after-text": TUTORIAL.encode()[:500] + b"\x00",
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_files(name):
    result = load_bounded(BINARY[name])
    assert not result.ok and set(codes(result)) <= {"binary", "encoding", "character", "syntax"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1254", "koi8-r", "latin-1"])
def test_other_encodings(encoding):
    text = "title: {tr: \"Öğretici\", ru: \"Обучение\", de: \"Übung\"}\n"
    data = text.encode(encoding, errors="replace")
    result = load_bounded(data)
    assert not result.ok and codes(result)[0] in {"binary", "encoding"}


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes(seed):
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(rng.choice([1, 10, 100, 1000, 10_000])))
    load_bounded(data)


@pytest.mark.parametrize("seed", range(10))
def test_random_printable_text(seed):
    rng = random.Random(seed)
    alphabet = "ab: -[]{},&*!|>'\"#%@`?\n\t  \\0123456789"
    load_bounded("".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 3000))))


# -- control characters and bidi overrides --------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x80", "\x9f", "\ufffe", "\uffff"])
def test_raw_control_character_is_placed(char):
    text = TUTORIAL.replace('name: {en: "Russian delegation"}', f'name: {{en: "Russian{char} delegation"}}')
    result = load_bounded(text)
    line = next(i + 1 for i, l in enumerate(text.splitlines()) if char in l)
    problem = result.problems[0]
    assert not result.ok and len(result.problems) == 1
    if char == "\x00":
        assert problem.code == "binary"
    else:
        assert (problem.code, problem.line) == ("character", line)
        assert problem.col == text.splitlines()[line - 1].index(char) + 1
        assert f"U+{ord(char):04X}" in problem.message


@pytest.mark.parametrize("escape,code", [("\\x07", 0x07), ("\\e", 0x1B), ("\\0", 0), ("\\u202e", 0x202E),
                                         ("\\u2066", 0x2066), ("\\x85\\x86", 0x86)])
def test_escaped_hidden_character_in_a_name_is_a_warning(escape, code):
    text = TUTORIAL.replace('name: {en: "Russian delegation"}', f'name: {{en: "Russian{escape} delegation"}}')
    result = load_bounded(text)
    assert result.ok  # a warning does not stop the game
    warnings = [p for p in result.problems if p.code == "hidden-character"]
    assert len(warnings) == 1 and warnings[0].level == "warning"
    assert f"U+{code:04X}" in warnings[0].message


@pytest.mark.parametrize("where", ["name", "label", "key-text"])
def test_raw_right_to_left_override_in_free_text_is_a_warning(where):
    rlo = "\u202e"
    if where == "name":
        text = TUTORIAL.replace('name: {en: "Russian delegation"}', f'name: {{en: "Russian {rlo}noitageled"}}')
    elif where == "label":
        text = TUTORIAL.replace('label: {en: "Two hours"}', f'label: {rlo}sruoh owT')
    else:
        text = TUTORIAL.replace("reflection:\n", f'reflection:\n  - en: "{rlo}"\n')
    result = load_bounded(text)
    assert result.ok
    [warning] = [p for p in result.problems if p.code == "hidden-character"]
    line = next(i + 1 for i, l in enumerate(text.splitlines()) if rlo in l)
    assert warning.line == line and "right-to-left override" in warning.message
    assert "\\u202e" in warning.message  # quoted as an escape, so the message itself is not reordered


@pytest.mark.parametrize("before,after", [
    ("- id: russia", "- id: rus\u202eaissur"),
    ("- id: short", "- id: \u202eshort"),
    ("weights: {format: 40,", "weights: {\u202eformat: 40,"),
    ("id: tutorial", "id: tutorial\u200b"),  # a zero-width space
])
def test_hidden_character_in_an_id_is_an_error(before, after):
    result = load_bounded(TUTORIAL.replace(before, after, 1))
    assert not result.ok
    assert all("\u202e" not in p.message for p in result.problems)


def test_right_to_left_scripts_are_not_hidden_characters():
    text = TUTORIAL.replace('name: {en: "Russian delegation"}',
                            'name: {en: "Russian delegation", ar: "الوفد الروسي", he: "המשלחת הרוסית\u200f"}')
    result = load_bounded(text)
    assert result.ok and not result.problems


def test_hidden_characters_docstring_examples():
    """The passing and failing snippets in the check's docstring, laid over the tutorial's first party name."""
    doc = inspect.getdoc(hidden_characters)
    passing = re.search(r"Passing::\s*\n\s*(.+)", doc)[1].strip()
    failing = re.search(r"Failing::\s*\n\s*(.+)", doc)[1].strip()
    for snippet, expected in ((passing, 0), (failing, 1)):
        text = TUTORIAL.replace('name: {en: "Russian delegation"}', snippet)
        assert snippet in text
        result = load_bounded(text)
        assert result.ok
        assert sum(p.code == "hidden-character" for p in result.problems) == expected


# -- unsafe YAML never runs -------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", [
    '!!python/object/apply:os.system ["touch {marker}"]',
    "!!python/object/new:os.system [\"touch {marker}\"]",
    "!!python/name:os.system",
    "!!python/module:os",
    '!!python/object:__main__.X {{}}',
])
def test_python_tags_are_refused_and_never_run(tmp_path, tag):
    marker = tmp_path / "ran"
    text = TUTORIAL.replace("strategy: boulware", "strategy: " + tag.format(marker=marker))
    problem = only(load_bounded(text), "tag")
    assert "is not allowed" in problem.message
    assert not marker.exists()


# -- numbers too long to convert ---------------------------------------------------------------
@pytest.mark.parametrize("number", ["1" * 20_000, "9" * 5_000 + ".5", "1" * 101], ids=["20000-digits", "long-float", "101-digits"])
def test_a_number_too_long_is_an_error_at_its_position(number):
    text = TUTORIAL.replace("rounds: 6", f"rounds: {number}", 1)
    assert text != TUTORIAL
    result = load_bounded(text)
    problem = only(result, "number-too-long")
    assert problem.is_error and "digits" in problem.message
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if number[:50] in row)
    assert (problem.line, problem.col) == (line, text.splitlines()[line - 1].index(number[:50]) + 1)


def test_a_float_that_overflows_is_an_error_at_its_position():
    text = TUTORIAL.replace("rounds: 6", "rounds: 1e400", 1)
    problems = [p for p in load_bounded(text).problems if p.is_error]
    assert problems and all(p.line > 1 for p in problems)
    assert any("1e400" in p.message for p in problems)


def test_parley_check_of_a_20000_digit_number_exits_1_with_a_position(tmp_path, capsys):
    from game.main import main

    path = tmp_path / "long.yaml"
    path.write_text(TUTORIAL.replace("rounds: 6", "rounds: " + "7" * 20_000, 1), encoding="utf-8")
    assert main(["check", "--format", "parsable", str(path)]) == 1
    out = capsys.readouterr()
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: error: this number has 20000 digits", out.out + out.err)
    assert "Traceback" not in out.err


def test_json_files_with_a_20000_digit_number_are_refused_with_their_name(tmp_path):
    from game.errors import ParleyError
    from game.negotiation.transcript import read as read_transcript
    from game.play import autosave
    from game.play.results import read_results

    huge = "1" * 20_000
    cases = {
        "results.json": (read_results, '{"type": "parley-results", "format": 1, "seed": %s}' % huge),
        "save.json": (autosave.load, '{"type": "parley-autosave", "format": 1, "seed": %s}' % huge),
        "game.jsonl": (read_transcript, '{"type": "header", "format": 1, "seed": %s}\n' % huge),
    }
    for name, (reader, text) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ParleyError) as exc:
            reader(path)
        assert exc.value.problems[0].file == str(path), name
