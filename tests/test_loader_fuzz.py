"""Property tests: whatever the input, `load_text` returns a LoadResult and never raises.

(a) arbitrary text and bytes, and YAML-flavoured text; (b) mutations of the
shipped scenario files: delete, duplicate or swap lines, change a character,
change an indent, truncate. A result holds either a scenario or at least one
error, and every problem is placed at a line and column (both from 1). The
longer run is `benchmarks/fuzz_loader.py`.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import LoadResult, load_text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml")) + [Path(__file__).resolve().parent / "broken" / "base" / "tutorial.yaml"]
TEXTS = {p.name if p.parent.name == "scenarios" else "base-" + p.name: p.read_text(encoding="utf-8") for p in SHIPPED}
SMALL = sorted(TEXTS, key=lambda name: len(TEXTS[name]))[:2]  # for the stacked mutations: keeps the suite fast

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_ALPHABET = st.sampled_from(list("ab_-: \n\n  \t[]{},&*!|>'\"#%@`?~.0123456789eE+\\") +
                                ["true", "no", "yes", "null", "<<", "---", "...", "&a ", "*a", "!!python/name:os.system",
                                 "- ", "key: ", "\u202e", "\x85", "\u2028", "\ufeff", "é", "ğ", "\x01", "1e400", "nan"])


def assert_clean(result: LoadResult, file: str = "<input>") -> None:
    assert isinstance(result, LoadResult)
    assert result.scenario is not None or any(p.is_error for p in result.problems)
    if result.ok:
        assert result.scenario is not None
    for p in result.problems:
        assert p.file == file
        assert p.line >= 1 and p.col >= 1, p
        assert p.message


# -- (a) arbitrary input ----------------------------------------------------------------------------


@FAST
@given(st.text(st.characters(exclude_categories=[]), max_size=2000))  # lone surrogates included
def test_any_text(text):
    assert_clean(load_text(text))


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes(data):
    assert_clean(load_text(data))


@FAST
@given(st.lists(YAML_ALPHABET, max_size=400).map("".join))
def test_yaml_flavoured_text(text):
    assert_clean(load_text(text))


# -- (b) mutations of the shipped scenarios -------------------------------------------------------------


@st.composite
def mutation(draw, text: str) -> str:
    """One small edit of `text`, of the kinds a teacher's slip (or a bad merge) makes."""
    lines = text.split("\n")
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "character", "indent", "truncate", "join"]))
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "character":
        line = lines[i]
        at = draw(st.integers(0, len(line)))
        new = draw(st.one_of(st.characters(), st.sampled_from(list(":-[]{}&*!#'\"|> \t0123456789"))))
        replace = draw(st.booleans()) and at < len(line)
        lines[i] = line[:at] + new + line[at + replace:]
    elif kind == "indent":
        change = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
        line = lines[i]
        lines[i] = " " * change + line if change > 0 else line[min(-change, len(line) - len(line.lstrip(" "))):]
    elif kind == "join" and i + 1 < len(lines):
        lines[i:i + 2] = [lines[i] + " " + lines[i + 1].lstrip()]
    else:  # truncate
        return text[:draw(st.integers(0, len(text)))]
    return "\n".join(lines)


@FAST
@given(st.data())
def test_one_mutation_of_a_shipped_scenario(data):
    name = data.draw(st.sampled_from(sorted(TEXTS)))
    text = data.draw(mutation(TEXTS[name]))
    assert_clean(load_text(text, name), name)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_several_mutations_of_a_shipped_scenario(data):
    name = data.draw(st.sampled_from(SMALL))
    text = TEXTS[name]
    for _ in range(data.draw(st.integers(2, 6))):
        text = data.draw(mutation(text))
    assert_clean(load_text(text, name), name)


def test_the_shipped_scenarios_load():
    """The mutations start from valid files (otherwise the test above proves little)."""
    for name, text in TEXTS.items():
        result = load_text(text, name)
        assert result.ok, [p.headline() for p in result.problems]
