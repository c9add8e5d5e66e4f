"""Scenario files: reading, validating and checking what teachers write.

The names below are loaded on first use, so `from game.scenario import model` (the rules
and the analysis do) costs the model alone, not the YAML reader and its checks.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.scenario.loader import LoadResult, load, load_file, load_text
    from game.scenario.model import Scenario

__all__ = ["LoadResult", "Scenario", "load", "load_file", "load_text"]
_HOMES = {"LoadResult": "loader", "load": "loader", "load_file": "loader", "load_text": "loader", "Scenario": "model"}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(importlib.import_module(f"game.scenario.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'game.scenario' has no attribute {name!r}")
