"""Test set-up: SDL's dummy drivers before anything imports pygame."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def scenarios_dir() -> Path:
    return SCENARIOS


@pytest.fixture(scope="module")
def tutorial():
    """The shipped tutorial scenario, loaded and checked (one per test module)."""
    from game.play.catalog import load_scenario

    return load_scenario("tutorial")


@pytest.fixture(scope="module")
def flagship():
    """The shipped flagship scenario, Moscow 2020 (one per test module)."""
    from game.play.catalog import load_scenario

    return load_scenario("moscow_2020")


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves the interface language as it found it: English."""
    yield
    from game import i18n

    i18n.set_language(i18n.DEFAULT_LANGUAGE)
