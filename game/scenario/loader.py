"""Load a scenario file: read, validate, resolve references, and remember positions.

`load(path)` returns a `Scenario` or raises `ScenarioError` with every problem
found (never only the first). Warnings do not stop loading; they are kept on
`LoadResult.problems` for the checker and the teacher view.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection

from pydantic import BaseModel, ValidationError

from game.errors import Problem, ScenarioError
from game.scenario import model as m
from game.scenario import references
from game.scenario.source import MAX_BYTES, Located, SourceError, parse
from game.scenario.validate import problems_from


@dataclass
class LoadResult:
    file: str
    text: str = ""
    scenario: m.Scenario | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not any(p.is_error for p in self.problems)


def _place(obj: Any, path: tuple, located: Located) -> None:
    """Give every model object the position of the mapping it came from."""
    if isinstance(obj, BaseModel):
        line, col = located.where(path)
        if isinstance(obj, m.Node):
            obj._pos = (located.file, line, col)
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            _place(value, path + (info.alias or name,), located)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            _place(item, path + (i,), located)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            if isinstance(item, (BaseModel, list, dict)):
                _place(item, path + (key,), located)


def load_text(data: bytes | str, file: str = "<input>", known_strategies: Collection[str] | None = None) -> LoadResult:
    result = LoadResult(file=file)
    try:
        located = parse(data, file)
    except SourceError as exc:
        result.problems.append(exc.problem)
        return result
    result.text = located.text
    result.problems.extend(located.problems)
    if not isinstance(located.data, dict):
        result.problems.append(Problem(
            "the file must be a mapping of keys such as 'id:', 'title:' and 'parties:'",
            file=file, line=1, col=1, code="root"))
        return result
    try:
        scenario = m.Scenario.model_validate(located.data)
    except ValidationError as exc:
        result.problems.extend(problems_from(exc, located, m.Scenario))
        return result
    _place(scenario, (), located)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    scenario._hash = hashlib.sha256(raw).hexdigest()
    scenario._path = file
    result.problems.extend(references.check(scenario, located, known_strategies))
    result.scenario = scenario
    return result


def load_file(path: str | Path, known_strategies: Collection[str] | None = None) -> LoadResult:
    file = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return LoadResult(file=file, problems=[Problem(f"cannot read the file: {exc.strerror or exc}", file=file, code="io")])
    return load_text(data, file, known_strategies)




def load(path: str | Path, known_strategies: Collection[str] | None = None) -> m.Scenario:
    """The scenario at `path`, or `ScenarioError` listing every error (warnings are ignored)."""
    result = load_file(path, known_strategies)
    if not result.ok:
        raise ScenarioError([p for p in result.problems if p.is_error] or result.problems)
    assert result.scenario is not None
    return result.scenario
