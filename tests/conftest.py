"""Test set-up: SDL's dummy drivers before anything imports pygame, and the fixtures tests share.

`make_app` builds a client App writing into the test's temporary data folder, with
the shipped scenarios already read (once per session).
"""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
if "PARLEY_CACHE" not in os.environ:  # validated scenarios are cached in a folder of this run, not the user's
    import tempfile

    os.environ["PARLEY_CACHE"] = tempfile.mkdtemp(prefix="parley-test-cache-")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


def pytest_xdist_auto_num_workers(config) -> int:
    """`pytest -n auto`: one worker per core this process may use (not every core of the machine),
    at most four: the AI tests each hold the flagship's outcome table, the network tests their servers."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 4))


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


_CATALOG = {}


def shipped_catalog(tmp_path_factory) -> list:
    """The title screen's entries for the shipped scenarios, read once per session."""
    if "entries" not in _CATALOG:
        from game.app import catalog
        from game import resources

        _CATALOG["entries"] = catalog.discover(resources.scenarios_dir(), tmp_path_factory.mktemp("none"))
    return list(_CATALOG["entries"])


@pytest.fixture
def shipped_entries(tmp_path_factory) -> list:
    return shipped_catalog(tmp_path_factory)


@pytest.fixture
def make_app(tmp_path, tmp_path_factory):
    """make_app(size=(1280, 720), scale=1.0, catalog=True) -> App with a screen stack ready to fill."""
    from game.app.app import App
    from game.app.settings import Settings

    apps = []

    def make(size=(1280, 720), scale=1.0, catalog=True, language="en", **kwargs):
        app = App(Settings(size[0], size[1], text_scale=scale, language=language), base=tmp_path,
                  persist_settings=kwargs.pop("persist_settings", False), think_delay=0.0, **kwargs)
        if catalog:
            app.catalog = shipped_catalog(tmp_path_factory)
        apps.append(app)
        return app

    yield make
    for app in apps:
        for scene in app.stack:
            game = getattr(scene, "game", None)
            if game is not None:
                game.wait(10)
        app.stack.clear()
    from game import i18n

    i18n.set_language("en")  # an app in another language must not leave it to the next test
