"""The core never imports pygame: only game/app/ may."""

import subprocess
import sys

CORE = ["game", "game.errors", "game.i18n", "game.scenario", "game.rules", "game.analysis",
        "game.negotiation", "game.agents", "game.cli", "game.report"]


def test_core_packages_do_not_import_pygame():
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {CORE!r}:\n"
        "    mod = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(getattr(mod, '__path__', []), name + '.'):\n"
        "        if info.name.startswith('game.app') or info.name == 'game.__main__':\n"
        "            continue\n"
        "        importlib.import_module(info.name)\n"
        "print('pygame' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stdout + out.stderr
