"""A normal install is enough: the built wheel, installed outside the checkout, has everything.

The wheel is built from this checkout and installed into a fresh virtual
environment (it borrows the already-installed dependencies, not Parley). Every
command then runs from a folder outside the checkout. A first check proves that
every `game` module and every resource the commands use comes from the wheel,
never from the checkout, so a file the wheel lacks cannot hide behind it.
"""

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECK_ORIGIN = """
import importlib, pkgutil, sys
import game, game.resources as r
home = sys.argv[1]
mods = ["game"] + [m.name for m in pkgutil.walk_packages(game.__path__, "game.")
                   if m.name != "game.__main__"]
outside = []
for name in mods:
    module = importlib.import_module(name)
    where = getattr(module, "__file__", None) or str(list(getattr(module, "__path__", []))[:1])
    if not where.startswith(home):
        outside.append((name, where))
for path in [r.scenarios_dir(), r.assets_dir(), r.locale_dir(), r.schema_file(), r.asset("themes", "palette.json"),
             r.asset("fonts", "DejaVuSans.ttf")]:
    if not str(path).startswith(home) or not path.exists():
        outside.append(("resource", str(path)))
print(len(mods), outside)
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder, a working folder outside the checkout) of a venv holding the built wheel."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True, text=True, timeout=600)
    (wheel,) = dist.glob("parley-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, text=True, timeout=600)
    outside = work / "classroom"
    outside.mkdir()
    return env_dir / "bin", outside


def run(installed, *args, timeout=300):
    bin_dir, cwd = installed
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               PARLEY_HOME=str(cwd / "home"))
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(bin_dir / "parley"), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_everything_comes_from_the_wheel(installed):
    bin_dir, cwd = installed
    home = str(bin_dir.parent)
    out = subprocess.run([str(bin_dir / "python"), "-c", CHECK_ORIGIN, home], cwd=cwd, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    count, _sep, outside = out.stdout.strip().partition(" ")
    assert int(count) > 50 and outside == "[]", out.stdout


def test_a_shipped_scenario_by_name_plays_headless(installed):
    out = run(installed, "run", "moscow_2020", "--seed", "3", "--json")
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout)
    assert result["rounds"] >= 1 and set(result["walk_away"]) == {"russia", "turkey"}


def test_names_work_for_the_commands_that_take_a_scenario(installed):
    out = run(installed, "check", "moscow_2020")
    assert out.returncode == 0 and "0 errors" in out.stdout + out.stderr, out.stderr[-3000:]
    out = run(installed, "test", "tutorial")
    assert out.returncode == 0 and " 0 failed" in out.stdout + out.stderr, out.stdout[-3000:] + out.stderr[-3000:]
    out = run(installed, "analyze", "sochi_2018", "--json")
    assert out.returncode == 0 and "nash" in json.loads(out.stdout), out.stderr[-3000:]
    out = run(installed, "check", "no_such_scenario")
    assert out.returncode in (1, 2) and "Traceback" not in out.stderr


def test_the_translations_are_installed(installed):
    out = run(installed, "--lang", "tr", "run", "tutorial", "--seed", "1")
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Tur 1" in out.stdout and "Türk heyeti" in out.stdout   # Turkish, not the English fallback
    out = run(installed, "--lang", "ru", "run", "tutorial", "--seed", "1")
    assert "Раунд 1" in out.stdout or "раунд" in out.stdout.lower()


def test_the_window_draws_with_the_installed_themes_and_fonts(installed):
    _bin, cwd = installed
    shots = cwd / "shots"
    out = run(installed, "screenshots", str(shots), "--size", "1024x600")
    assert out.returncode == 0, out.stderr[-3000:]
    names = sorted(p.name for p in shots.glob("*.png"))
    assert "01-title-1024x600.png" in names and "05-table-1024x600.png" in names and len(names) >= 10
