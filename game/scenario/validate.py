"""Turn pydantic's validation errors into `Problem`s a teacher can act on.

Each error's location (a path in the document) is looked up in the positions the
reader kept, so the message names the right line and column; unknown keys get a
"did you mean" from the model's own field names, and YAML 1.1 surprises get a hint.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from game.errors import Problem, did_you_mean
from game.i18n import _
from game.scenario import model as m
from game.scenario.source import YAML11_BOOLS, Located

_KIND = {
    "string_type": lambda: _("text"),
    "int_type": lambda: _("a whole number"),
    "int_parsing": lambda: _("a whole number"),
    "float_type": lambda: _("a number"),
    "float_parsing": lambda: _("a number"),
    "bool_type": lambda: _("true or false"),
    "bool_parsing": lambda: _("true or false"),
    "list_type": lambda: _("a list (lines starting with '- ')"),
    "dict_type": lambda: _("a mapping (lines of 'key: value')"),
    "model_type": lambda: _("a mapping (lines of 'key: value')"),
    "date_from_datetime_parsing": lambda: _("a date such as 2020-03-05"),
    "date_parsing": lambda: _("a date such as 2020-03-05"),
    "date_type": lambda: _("a date such as 2020-03-05"),
}


def _describe(value: Any) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("the value {value}").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("the text '{value}'").format(value=value[:40])
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__


def _model_at(root: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class whose field list applies at `path` (for did-you-mean)."""
    current: Any = root
    for step in path:
        if isinstance(step, int) or current is None:
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None:
            return None
        field = next((f for n, f in fields.items() if (f.alias or n) == step), None)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def problems_from(exc: ValidationError, located: Located, root: type[BaseModel]) -> list[Problem]:
    out: list[Problem] = []
    seen: set[tuple] = set()
    for err in exc.errors():
        loc = tuple(err["loc"])
        # pydantic adds union branch names ("str", "dict[...]") into the path: drop them.
        kind = err["type"]
        path = _real_path(located, loc, kind)
        value = err.get("input")
        line, col = located.where(path, key=(kind == "extra_forbidden"))
        hint = suggestion = ""
        if kind == "extra_forbidden":
            key = path[-1] if path else "?"
            model = _model_at(root, path[:-1])
            allowed = _field_names(model) if model else []
            suggestion = did_you_mean(str(key), allowed)
            message = _("unknown key '{key}'").format(key=key)
            if allowed and not suggestion:
                hint = _("allowed here: {keys}").format(keys=", ".join(allowed))
        elif kind == "missing":
            message = _("'{key}' is missing").format(key=path[-1] if path else "?")
            line, col = located.where(path[:-1])
        elif kind in _KIND:
            message = _("expected {kind}, found {found}").format(kind=_KIND[kind](), found=_describe(value))
            raw = located.raw.get(path, "")
            if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
                hint = _("put it in quotes to keep it as text: '{raw}'").format(raw=raw)
            if kind.startswith("bool") and isinstance(value, str) and value in YAML11_BOOLS:
                hint = _("write true or false; '{raw}' is text here").format(raw=value)
        elif kind == "string_pattern_mismatch":
            message = _("'{value}' is not allowed here: {what}").format(value=value, what=_pattern_words(err))
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            ctx = err.get("ctx", {})
            bound = next(iter(ctx.values()), "?")
            word = _("at least") if "greater" in kind else _("at most")
            message = _("{value} is out of range: it must be {word} {bound:g}").format(value=value, word=word, bound=bound)
        elif kind == "literal_error":
            message = _("{found} is not allowed here: expected {expected}").format(
                found=_describe(value), expected=err.get("ctx", {}).get("expected", "?"))
        elif kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"]))
        else:
            message = err["msg"]
        key = (line, col, message)
        if key in seen:
            continue
        seen.add(key)
        out.append(Problem(message, file=located.file, line=line, col=col, path=_dotted(path),
                           hint=hint, suggestion=suggestion, code=kind))
    return _prefer_specific(out)


def _prefer_specific(problems: list[Problem]) -> list[Problem]:
    """A text-or-translations field reports twice (once per branch); keep the clearer one."""
    by_path: dict[str, list[Problem]] = {}
    for p in problems:
        by_path.setdefault(p.path, []).append(p)
    out = []
    for group in by_path.values():
        if len(group) > 1 and any(p.code == "string_type" for p in group):
            out.append(next(p for p in group if p.code == "string_type"))
            continue
        out.extend(group)
    return out


def _pattern_words(err: dict) -> str:
    pattern = err.get("ctx", {}).get("pattern", "")
    if "a-z0-9_-" in pattern:
        return _("a name of lower-case letters, digits, '_' or '-', starting with a letter (at most 40)")
    if "https?" in pattern:
        return _("a web address starting with http:// or https://")
    if "\\d{4}" in pattern:
        return _("a date such as 2020-03-05, 2020-03 or 2020")
    if "[a-z]{2}" in pattern:
        return _("a two-letter language code such as en, tr or ru")
    return pattern


def _real_path(located: Located, loc: tuple, kind: str) -> tuple:
    """`loc` without the union branch names pydantic inserts ("str", "dict[...]")."""
    path: list = []
    node: Any = located.data
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and step in node:
            path.append(step)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            path.append(step)
            node = node[step]
        elif isinstance(node, dict) and last and kind in ("missing", "extra_forbidden"):
            path.append(step)
    return tuple(path)


def _dotted(path: tuple) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


ROOT = m.Scenario
