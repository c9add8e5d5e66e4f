"""Everything Parley ships besides code, read as package data.

The shipped scenarios, the client's themes and fonts, the translations, the
templates and the JSON Schema travel inside the installed package, so a wheel
installed anywhere (not only an editable checkout) has them. In the source tree
the scenarios, assets and schema live in the top-level `scenarios/`, `assets/`
and `schema/` folders; `pyproject.toml` maps them to the packages
`game.builtin_scenarios`, `game.assets` and `game.schema`. This module is the one
place that knows those names: everything else asks it for a path.
"""

from __future__ import annotations

import atexit
import contextlib
from importlib import resources
from pathlib import Path

SCENARIOS = "game.builtin_scenarios"
ASSETS = "game.assets"
SCHEMA = "game.schema"

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def _path(package: str, *parts: str) -> Path:
    """A real file-system path to a resource (extracted once if the package is zipped)."""
    entry = resources.files(package).joinpath(*parts)
    if isinstance(entry, Path):
        return entry
    return _extracted.enter_context(resources.as_file(entry))


def scenarios_dir() -> Path:
    """The folder of the shipped scenarios."""
    return _path(SCENARIOS)


def shipped_scenarios() -> list[Path]:
    """Every shipped scenario file, sorted by name."""
    return sorted(p for p in scenarios_dir().iterdir() if p.suffix == ".yaml")


def shipped_scenario(name: str) -> Path | None:
    """The file of the shipped scenario called `name` (`moscow_2020`), or None."""
    path = scenarios_dir() / f"{name}.yaml"
    return path if name and "/" not in name and path.is_file() else None


def asset(*parts: str) -> Path:
    """A file under the shipped assets, e.g. `asset("themes", "parley.json")`."""
    return _path(ASSETS, *parts)


def assets_dir() -> Path:
    return _path(ASSETS)


def locale_dir() -> Path:
    """The folder holding `<lang>/LC_MESSAGES/<domain>.po` and the `.pot` template."""
    return _path("game", "locale")


def template_text(name: str) -> str:
    """The text of a template shipped in `game/templates/`."""
    return resources.files("game").joinpath("templates", name).read_text(encoding="utf-8")


def schema_file() -> Path:
    """The committed JSON Schema of the scenario format."""
    return _path(SCHEMA, "scenario.schema.json")
