"""Load a scenario file: read, validate, resolve references, and remember positions.

`load(path)` returns a `Scenario` or raises `ScenarioError` with every problem
found (never only the first). Warnings do not stop loading; they are kept on
`LoadResult.problems` for the checker and the teacher view. When validation
fails, the reference checks still run over the sections (and list items) that
validated on their own, so a type error does not hide an unknown option.
"""

from __future__ import annotations

import hashlib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection

from pydantic import BaseModel, TypeAdapter, ValidationError

from game.errors import Problem, ScenarioError
from game.i18n import _
from game.scenario import model as m
from game.scenario.limits import MAX_BYTES

if typing.TYPE_CHECKING:
    from game.scenario.source import Located


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


def _partial(data: dict) -> m.Scenario:
    """A scenario holding the sections that validate on their own, for the reference
    checks after validation failed: a list keeps its length, with `None` for each
    item that failed; any other failed (or missing) section is `None`."""
    values: dict[str, Any] = {}
    for name, info in m.Scenario.model_fields.items():
        key = info.alias or name
        raw = data.get(key)
        args = typing.get_args(info.annotation)
        if typing.get_origin(info.annotation) is list and args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
            values[name] = [_valid(args[0].model_validate, item) for item in raw] if isinstance(raw, list) else []
        elif key not in data:
            values[name] = None if info.is_required() else info.get_default(call_default_factory=True)
        else:
            values[name] = _valid(TypeAdapter(info.annotation).validate_python, raw)
    return m.Scenario.model_construct(**values)


def _valid(validate: Any, raw: Any) -> Any:
    try:
        return validate(raw)
    except ValidationError:
        return None


class _Withheld:
    """Stands in for a value `lax_values` refused, so that validation fails there too."""


def _withhold(data: Any, paths: list[tuple]) -> Any:
    """`data` with the value at each path replaced by a `_Withheld` (copying only the way there)."""
    for path in paths:
        data = _replace(data, path)
    return data


def _replace(node: Any, path: tuple) -> Any:
    if not path:
        return _Withheld()
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replace(node[path[0]], path[1:])
    return copy


def _first_at_each_place(first: list[Problem], then: list[Problem]) -> list[Problem]:
    """`first`, then those of `then` at a position `first` does not already explain."""
    taken = {(p.line, p.col) for p in first}
    return first + [p for p in then if (p.line, p.col) not in taken]


def load_text(data: bytes | str, file: str = "<input>", known_strategies: Collection[str] | None = None) -> LoadResult:
    # The reading machinery (YAML, the checks, the error messages) is imported only to read a
    # file: a result from the scenario cache (`game.play.scenario_cache`) needs none of it.
    from game.scenario import references, rootcause
    from game.scenario.source import SourceError, parse
    from game.scenario.validate import describe, lax_values, problems_from

    result = LoadResult(file=file)
    try:
        located = parse(data, file)
    except SourceError as exc:
        result.problems.append(exc.problem)
        return result
    result.text = located.text
    result.problems.extend(located.problems)
    if not isinstance(located.data, dict):
        line, col = located.where(())
        result.problems.append(Problem(
            _("the file must be a mapping of keys such as 'id:', 'title:' and 'parties:', not {found}").format(
                found=describe(located.data)),
            file=file, line=line, col=col, code="root"))
        return result
    hidden = references.hidden_characters(located)  # warnings, where no error explains the text
    lax = lax_values(located, m.Scenario)
    checked = _withhold(located.data, [path for path, _p in lax])
    try:
        scenario = m.Scenario.model_validate(checked)
    except ValidationError as exc:
        first = located.problems + [p for _path, p in lax]  # the reader's own errors explain their places
        result.problems[:] = _first_at_each_place(first, problems_from(exc, located, m.Scenario))
        result.problems.extend(references.check(_partial(checked), located, known_strategies))
        result.problems[:] = rootcause.fold(_first_at_each_place(result.problems, hidden), located)
        return result
    _place(scenario, (), located)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    scenario._hash = hashlib.sha256(raw).hexdigest()
    scenario._path = file
    result.problems.extend(references.check(scenario, located, known_strategies))
    result.problems[:] = _first_at_each_place(result.problems, hidden)
    result.scenario = scenario
    return result


def load_file(path: str | Path, known_strategies: Collection[str] | None = None) -> LoadResult:
    file = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return LoadResult(file=file, problems=[Problem(_("cannot read the file: {reason}").format(
            reason=exc.strerror or exc), file=file, code="io")])
    return load_text(data, file, known_strategies)




def load(path: str | Path, known_strategies: Collection[str] | None = None) -> m.Scenario:
    """The scenario at `path`, or `ScenarioError` listing every error (warnings are ignored)."""
    result = load_file(path, known_strategies)
    if not result.ok:
        raise ScenarioError([p for p in result.problems if p.is_error] or result.problems)
    assert result.scenario is not None
    return result.scenario
