"""A monkey on every screen: random mouse, keys, typing and window sizes, and no exception.

The same code as `benchmarks/monkey.py` (which runs many thousands of frames),
here with a few hundred frames per screen and a fixed seed.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import monkey  # noqa: E402


@pytest.mark.parametrize("screen", list(monkey.SCREENS))
def test_random_input_never_raises(screen, shipped_entries):
    stats = monkey.monkey(screen, 250, seed=2026, catalog=shipped_entries)
    assert stats["frames"] == 250 and stats["events"] > 250
    assert stats["exceptions"] == 0, stats["errors"][0]
    assert screen in stats["seen"]  # the monkey started where it was meant to
