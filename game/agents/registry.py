"""Strategies by name, for scenario personas and `--player ai:NAME`.

The shipped strategies are listed by name and module, and a strategy's module is
imported when it is first used: checking a scenario's personas (every command that
loads one does) names the strategies without importing the agents.
"""

from __future__ import annotations

import importlib
import random
from typing import TYPE_CHECKING, Any, Mapping

from game.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    from game.agents.base import Strategy

# name -> (module, class); a test checks that each class carries its name.
_SHIPPED = {
    "boulware": ("game.agents.timebased", "Boulware"),
    "linear": ("game.agents.timebased", "Linear"),
    "conceder": ("game.agents.timebased", "Conceder"),
    "titfortat": ("game.agents.titfortat", "TitForTat"),
    "modeller": ("game.agents.modeller", "Modeller"),
}
_REGISTRY: dict[str, type[Strategy]] = {}


def register(cls: type[Strategy]) -> type[Strategy]:
    _REGISTRY[cls.name] = cls
    return cls


def names() -> list[str]:
    return sorted({*_SHIPPED, *_REGISTRY})


def get(name: str) -> type[Strategy]:
    if name not in _REGISTRY:
        module, attr = _SHIPPED[name]  # KeyError for a name that is not a strategy
        register(getattr(importlib.import_module(module), attr))
    return _REGISTRY[name]


def summaries() -> dict[str, str]:
    """Each strategy's one-line description of its style (for persona screens and help)."""
    return {name: _(get(name).summary) for name in names()}


def create(name: str, params: Mapping[str, Any] | None, seed: int, party: str) -> Strategy:
    """A strategy with its own generator, derived from the game seed and its party."""
    return get(name)(params, random.Random(f"{seed}:{party}:{name}"))
