"""The root cause first: problems that only follow from another one are folded under it.

An id written against the rules (`id: One-on-one-first`) is one mistake, but every
place that names the option then fails too: each value of it, each package, each
test move. `fold` marks those knock-on problems with the position of the root
problem (`Problem.follows`), so every output lists the root first and the rest
under it, and drops a "did you mean" that would only point back at the bad id.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from game.errors import Problem
from game.scenario.source import Located


def _value_at(data: Any, path: str) -> Any:
    for step in re.findall(r"[^.\[\]]+", path):
        if isinstance(data, list) and step.isdigit() and int(step) < len(data):
            data = data[int(step)]
        elif isinstance(data, dict) and step in data:
            data = data[step]
        else:
            return None
    return data


def fold(problems: list[Problem], located: Located) -> list[Problem]:
    """`problems`, with each error that names a badly written id marked as following from it."""
    roots: dict[str, Problem] = {}
    for p in problems:
        if p.is_error and p.code == "string_pattern_mismatch" and p.path.endswith(".id"):
            value = _value_at(located.data, p.path)
            if isinstance(value, str) and value not in roots:
                roots[value] = p
    if not roots:
        return problems
    out = []
    for p in problems:
        root = next((r for name, r in roots.items() if r is not p and p.is_error and _mentions(p, name)), None)
        if root is not None:
            p = dataclasses.replace(p, follows=root.location(),
                                    suggestion="" if p.suggestion in roots else p.suggestion)
        out.append(p)
    return out


def _mentions(p: Problem, name: str) -> bool:
    return p.suggestion == name or re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", p.message) is not None
