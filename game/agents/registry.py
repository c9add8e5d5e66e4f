"""Strategies by name, for scenario personas and `--player ai:NAME`."""

from __future__ import annotations

import random
from typing import Any, Mapping

from game.agents.base import Strategy
from game.agents.modeller import Modeller
from game.agents.timebased import Boulware, Conceder, Linear
from game.agents.titfortat import TitForTat
from game.i18n import _

_REGISTRY: dict[str, type[Strategy]] = {}


def register(cls: type[Strategy]) -> type[Strategy]:
    _REGISTRY[cls.name] = cls
    return cls


for _cls in (Boulware, Linear, Conceder, TitForTat, Modeller):
    register(_cls)


def names() -> list[str]:
    return sorted(_REGISTRY)


def get(name: str) -> type[Strategy]:
    return _REGISTRY[name]


def summaries() -> dict[str, str]:
    """Each strategy's one-line description of its style (for persona screens and help)."""
    return {name: _(_REGISTRY[name].summary) for name in names()}


def create(name: str, params: Mapping[str, Any] | None, seed: int, party: str) -> Strategy:
    """A strategy with its own generator, derived from the game seed and its party."""
    return _REGISTRY[name](params, random.Random(f"{seed}:{party}:{name}"))
