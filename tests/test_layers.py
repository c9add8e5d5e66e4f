"""The layers import only downward, front ends never import each other, and only game/app/ imports pygame.

    base (errors, i18n, atomic, resources) -> scenario -> rules -> analysis -> negotiation
    -> agents -> play -> workbench | report -> front ends: cli | app | net

Every `import` in every module counts, including those inside functions (a lazy
import is still a dependency), except those under `if TYPE_CHECKING:`.
"""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"

LAYERS = {
    "game": 0, "game.errors": 0, "game.i18n": 0, "game.atomic": 0, "game.resources": 0,
    "game.scenario": 1,
    "game.rules": 2,
    "game.analysis": 3,
    "game.negotiation": 4,
    "game.agents": 5,
    "game.play": 6,
    "game.workbench": 7, "game.report": 7,
    "game.cli": 8, "game.app": 8, "game.net": 8,
    "game.main": 9, "game.__main__": 9,  # the `parley` entry point, above every front end
}
PEERS_APART = {7, 8}  # packages on these layers never import one another (the two front-end families)


def unit(module: str) -> str:
    """The layer unit a module belongs to: its top package under game (or the module at game's top)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "game"
    return ".".join(parts[:2])


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):  # imports only for the type checker
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for b in node.body for n in ast.walk(b))
    here = module_name(path)
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                if not path.name == "__init__.py":
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.append((node.lineno, target))
            if target == "game":  # `from game import resources`
                out += [(node.lineno, f"game.{a.name}") for a in node.names]
    return [(line, name) for line, name in out if name == "game" or name.startswith("game.")]


MODULES = sorted(GAME.rglob("*.py"))


def test_every_package_has_a_layer():
    units = {unit(module_name(p)) for p in MODULES}
    assert units <= set(LAYERS), f"give these a layer in LAYERS: {sorted(units - set(LAYERS))}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path):
    here = unit(module_name(path))
    wrong = []
    for line, target in imports(path):
        there = unit(target)
        if there == here or there == "game" and target == "game":
            continue
        if there not in LAYERS:
            continue  # a module that does not exist fails on import anyway
        up = LAYERS[there] > LAYERS[here]
        sideways = LAYERS[there] == LAYERS[here] and LAYERS[here] in PEERS_APART
        if up or sideways:
            wrong.append(f"{path.relative_to(ROOT)}:{line}: {here} (layer {LAYERS[here]}) imports {target} "
                         f"(layer {LAYERS[there]})")
    assert not wrong, "\n".join(wrong)


def test_the_direction_check_sees_lazy_and_relative_imports(tmp_path):
    """The checker itself: an import inside a function and a relative one both count; TYPE_CHECKING does not."""
    fake = GAME / "rules" / "_layer_probe.py"
    assert not fake.exists()
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from game.play import match\n"
              "def f():\n    from game.agents import registry\nfrom ..app import theme\nfrom game import resources\n")
    probe = tmp_path / "game" / "rules" / "_layer_probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(source)
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        found = [t for _line, t in imports(probe)]
    finally:
        ROOT = saved
    assert found == ["game.agents", "game.app", "game", "game.resources"] or \
        sorted(found) == sorted(["game.agents", "game.app", "game", "game.resources"])


def test_core_packages_do_not_import_pygame():
    below_app = [u for u, layer in LAYERS.items() if layer < 8] + ["game.cli", "game.net"]  # all but the client
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {below_app!r}:\n"
        "    try:\n"
        "        mod = importlib.import_module(name)\n"
        "    except ModuleNotFoundError as exc:\n"
        "        if exc.name == name: continue\n"
        "        raise\n"
        "    for info in pkgutil.walk_packages(getattr(mod, '__path__', []), name + '.'):\n"
        "        if info.name.startswith('game.app') or info.name == 'game.__main__':\n"
        "            continue\n"
        "        importlib.import_module(info.name)\n"
        "print('pygame' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stdout + out.stderr


def test_pyproject_lists_every_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {module_name(p.parent) for p in GAME.rglob("__init__.py")}
    mapped = set(config["package-dir"])
    assert set(config["packages"]) == found | mapped
    for package, folder in config["package-dir"].items():
        assert (ROOT / folder / "__init__.py").is_file(), package
