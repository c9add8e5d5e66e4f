"""The class report in a real browser: headless Chromium draws the charts, and the screenshot is not blank.

Skipped when no Chromium is installed (CI installs it: `apt-get install -y chromium`).
Chromium runs with no network services, no first-run work and a fresh profile.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from game.main import main
from game.play.catalog import load_scenario
from game.play.match import Match, PlayerSpec
from game.play.results import write_results

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]
BLUE = (0x00, 0x72, 0xB2)    # a deal
ORANGE = (0xE6, 0x9F, 0x00)  # the Nash package, and the second party's bars


def chromium() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium binary found (tried: " + ", ".join(BROWSERS) + ")")


def browse(binary: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=180, check=False)


@pytest.fixture(scope="module")
def binary() -> str:
    return chromium()  # skips before any game is played when there is no browser


@pytest.fixture(scope="module")
def report(binary, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("chromium")
    scenario = load_scenario("moscow_2020")
    pairings = [("boulware", "conceder"), ("linear", "linear"), ("conceder", "boulware"), ("modeller", "linear"),
                ("titfortat", "conceder"), ("linear", "boulware")]
    for seed, (a, b) in enumerate(pairings):
        match = Match(scenario, seed=seed, players={"russia": PlayerSpec("ai", a), "turkey": PlayerSpec("ai", b)})
        match.run()
        write_results(match, root / "results", date="2025-03-05", names={"turkey": f"Student {seed}"})
    out = root / "class.html"
    assert main(["report", str(root / "results"), "--out", str(out)]) == 0
    return out


def test_charts_are_in_the_rendered_dom(binary, report, tmp_path):
    done = browse(binary, tmp_path, "--dump-dom", report.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert dom.count('class="deal"') >= 1 and dom.count("<circle") > 10
    for mark in ('class="frontier"', 'class="nash"', 'class="historical"', 'class="option-bar"', 'class="mean-bar"'):
        assert mark in dom, mark
    assert dom.count("<svg") >= 12 and "<title" in dom and "<desc" in dom


def test_screenshot_is_not_blank(binary, report, tmp_path):
    shot = tmp_path / "report.png"
    done = browse(binary, tmp_path, "--window-size=1920,1800", f"--screenshot={shot}", report.as_uri())
    assert shot.exists() and shot.stat().st_size > 10_000, done.stderr[-2000:]
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame = pytest.importorskip("pygame")
    import numpy as np

    pixels = pygame.surfarray.array3d(pygame.image.load(str(shot))).reshape(-1, 3).astype(int)
    assert pixels.shape[0] == 1920 * 1800
    not_white = (pixels.min(axis=1) < 235).mean()
    assert not_white > 0.03, f"only {not_white:.1%} of the page is drawn"

    def share(colour) -> float:
        return (np.abs(pixels - np.array(colour)).max(axis=1) <= 12).mean()

    assert share(BLUE) > 0.002, "no deal circles or agreement bar drawn"
    assert share(ORANGE) > 0.00005, "no Nash marker drawn"
