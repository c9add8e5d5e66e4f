"""Turn pydantic's validation errors into `Problem`s a teacher can act on.

Each error's location (a path in the document) is looked up in the positions the
reader kept, so the message names the right line and column; unknown keys get a
"did you mean" from the model's own field names, and YAML 1.1 surprises get a hint.
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from game.errors import Problem, did_you_mean, problem_path
from game.i18n import LANGUAGES, _, conjunction_list, ngettext
from game.scenario import model as m
from game.scenario.references import show_hidden
from game.scenario.source import YAML11_BOOLS, Located

_KIND = {
    "string_type": lambda: _("text"),
    "int_type": lambda: _("a whole number"),
    "int_parsing": lambda: _("a whole number"),
    "int_from_float": lambda: _("a whole number"),
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


def describe(value: Any) -> str:
    """A value as a teacher would name it: "the text 'high'", "the number 2", "a list"."""
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("the value {value}").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("the text '{value}'").format(value=show_hidden(value[:40]))
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
    for err in _one_branch(exc.errors(), located):
        loc = tuple(err["loc"])
        # pydantic adds union branch names ("str", "dict[...]") into the path: drop them.
        kind = err["type"]
        path = _real_path(located, loc, kind)
        value = err.get("input")
        on_key = kind == "extra_forbidden" or (bool(loc) and loc[-1] == "[key]")
        line, col = located.where(path, key=on_key)
        hint = suggestion = ""
        if kind == "extra_forbidden":
            key = path[-1] if path else "?"
            model = _model_at(root, path[:-1])
            allowed = _field_names(model) if model else []
            suggestion = did_you_mean(str(key), allowed)
            message = _("unknown key '{key}'").format(key=show_hidden(str(key)))
            if allowed and not suggestion:
                hint = _("allowed here: {keys}").format(keys=", ".join(allowed))
        elif _is_point(kind, loc, err):
            message = _("a point is two numbers, [x, y]: kilometres east and north of the map's reference point")
        elif kind == "missing":
            message = _("'{key}' is missing").format(key=path[-1] if path else "?")
            line, col = located.where(path[:-1])
        elif kind in ("too_short", "too_long", "string_too_long"):
            message = _length_message(kind, err.get("ctx", {}), value)
        elif kind == "union_kinds":
            message = _("expected {kind}, found {found}").format(kind=err["msg"], found=describe(value))
        elif kind in _KIND:
            message = _("expected {kind}, found {found}").format(kind=_KIND[kind](), found=describe(value))
            raw = located.raw.get(path, "")
            if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
                hint = _("put it in quotes to keep it as text: '{raw}'").format(raw=raw)
            if kind.startswith("bool") and isinstance(value, str) and value in YAML11_BOOLS:
                hint = _("write true or false; '{raw}' is text here").format(raw=value)
        elif kind == "string_pattern_mismatch":
            message = _("'{value}' is not allowed here: {what}").format(value=show_hidden(str(value)), what=_pattern_words(err))
            suggestion = _id_for(located, path, value) if "a-z0-9_-" in err.get("ctx", {}).get("pattern", "") else ""
            hint = _quote_hint(value) if "[a-z]{2}" in err.get("ctx", {}).get("pattern", "") else ""
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            ctx = err.get("ctx", {})
            bound = next(iter(ctx.values()), "?")
            ranges = {"greater_than_equal": _("{value} is out of range: it must be at least {bound:g}"),
                      "less_than_equal": _("{value} is out of range: it must be at most {bound:g}"),
                      "greater_than": _("{value} is out of range: it must be more than {bound:g}"),
                      "less_than": _("{value} is out of range: it must be less than {bound:g}")}
            message = ranges[kind].format(value=value, bound=bound)
        elif kind == "literal_error":
            message = _("{found} is not allowed here: expected {expected}").format(
                found=describe(value), expected=err.get("ctx", {}).get("expected", "?"))
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
    return _misspelt_not_missing(out)


def _is_point(kind: str, loc: tuple, err: dict) -> bool:
    """A map point ([x, y], the scenario's only fixed-length list) with a number missing or one too many."""
    return ((kind == "missing" and bool(loc) and isinstance(loc[-1], int))
            or (kind == "too_long" and err.get("ctx", {}).get("field_type") == "Tuple"))


def _length_message(kind: str, ctx: dict, value: Any) -> str:
    """Too few or too many items in a list, or too long a text, in the teacher's words."""
    found = ctx.get("actual_length", len(value) if isinstance(value, (str, list)) else "?")
    if kind == "too_short":
        n = ctx.get("min_length", 0)
        return ngettext("expected at least {n} item here, found {found}",
                        "expected at least {n} items here, found {found}", n).format(n=n, found=found)
    n = ctx.get("max_length", 0)
    if kind == "too_long":
        return ngettext("expected at most {n} item here, found {found}",
                        "expected at most {n} items here, found {found}", n).format(n=n, found=found)
    return ngettext("the text is too long: at most {n} character, found {found}",
                    "the text is too long: at most {n} characters, found {found}", n).format(n=n, found=found)


ID = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def _id_for(located: Located, path: tuple, value: Any) -> str:
    """For an id written against the rules: a known id it slips from ('Iran' -> 'iran'), else
    (and always where the id is defined) the same name in the rules ('One-on-one' -> 'one-on-one')."""
    if not isinstance(value, str):
        return ""
    if not (path and path[-1] == "id"):
        found = did_you_mean(value, _known_ids(located.data))
        if found:
            return found
    fixed = re.sub(r"[^a-z0-9_-]+", "-", value.casefold()).strip("-")[:40]
    return fixed if ID.match(fixed) else ""


def _known_ids(data: Any) -> list[str]:
    """Every id the document defines (the `id:` of any mapping)."""
    out: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                out.append(node["id"])
            stack += list(node.values())
        elif isinstance(node, list):
            stack += node
    return out


def _quote_hint(key: Any) -> str:
    """A text that became a mapping because it holds ': ' (`- Did you check: each offer?`): say to quote it.
    (A short lower-case key such as `eng` was meant as a language code and gets no hint.)"""
    if isinstance(key, str) and (len(key) > 3 or not (key.isalpha() and key.islower())):
        return _("a text containing ': ' must be put in quotes")
    return ""


def _misspelt_not_missing(problems: list[Problem]) -> list[Problem]:
    """`walkaway:` for `walk_away:` is one mistake, not two: drop "'walk_away' is
    missing" when an unknown key beside it suggests 'walk_away', and say so in its hint."""
    missing = {p.path for p in problems if p.code == "missing"}
    explained: set[str] = set()
    out = []
    for p in problems:
        if p.code == "extra_forbidden" and p.suggestion and _sibling(p.path, p.suggestion) in missing:
            explained.add(_sibling(p.path, p.suggestion))
            p = dataclasses.replace(p, hint=_("'{key}' is required here, and missing").format(key=p.suggestion))
        out.append(p)
    return [p for p in out if not (p.code == "missing" and p.path in explained)]


def _sibling(path: str, key: str) -> str:
    return f"{path.rsplit('.', 1)[0]}.{key}" if "." in path else key


def _one_branch(errors: list[dict], located: Located) -> list[dict]:
    """A field of several types (text or translations; a number, true/false or text)
    fails once per type. Keep the errors of the type the value was evidently meant
    as: the mapping branch for a mapping, the list branch for a list, the plain
    branches otherwise; plain type errors merge into one ("a number or text")."""
    groups: dict[tuple, list[tuple[str, dict]]] = {}
    out: list[dict] = []
    for err in errors:
        split = _branch_of(located, tuple(err["loc"]))
        if split is None:
            out.append(err)
        else:
            groups.setdefault(split[0], []).append((split[1], err))
    for base, members in groups.items():
        value = _value_at(located.data, base)
        wanted = "dict[" if isinstance(value, dict) else "list[" if isinstance(value, list) else ""
        if wanted and any(tag.startswith(wanted) for tag, _e in members):
            out += [e for tag, e in members if tag.startswith(wanted)]
            continue
        plain = [e for tag, e in members if not tag.startswith(("dict[", "list["))] or [e for _t, e in members]
        kinds = [e["type"] for e in plain]
        if len(plain) > 1 and all(k in _KIND for k in kinds):
            names = list(dict.fromkeys(_KIND[k]() for k in kinds))
            merged = dict(plain[0], type="union_kinds", msg=_either(names))
            out.append(merged)
        else:
            out += plain
    return out


def _either(names: list[str]) -> str:
    if len(names) <= 2:
        return _(" or ").join(names)
    return _("{some}, or {last}").format(some=", ".join(names[:-1]), last=names[-1])


def _branch_of(located: Located, loc: tuple) -> tuple[tuple, str] | None:
    """(path of the field, branch name) when `loc` goes through a union branch, else None."""
    node: Any = located.data
    for i, step in enumerate(loc):
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        elif _looks_like_branch(step):
            return tuple(loc[:i]), step
        else:
            return None
    return None


def _looks_like_branch(step: Any) -> bool:
    return isinstance(step, str) and (step in ("str", "float", "int", "bool", "none")
                                      or step.startswith(("dict[", "list[", "literal[", "constrained-")))


def _value_at(data: Any, path: tuple) -> Any:
    for step in path:
        if isinstance(data, dict) and step in data or isinstance(data, list) and isinstance(step, int):
            data = data[step]
        else:
            return None
    return data


_BOOL_WORDS = {"0", "1", "off", "on", "f", "t", "false", "true", "n", "y", "no", "yes"}


def lax_values(located: Located, root: type[BaseModel]) -> list[tuple[tuple, Problem]]:
    """Values pydantic would quietly convert into something the teacher did not write.

    `accept: yes` (or `on`, `1`) becomes true and `rounds: true` becomes 1; text
    such as `nan` or `inf` (and `1e400`) becomes a number that is not finite. The
    reader keeps YAML 1.2 meanings, so these are reported here instead, with a hint.
    Returns (path, problem) pairs: the loader withholds these values from pydantic.
    """
    out: list[tuple[tuple, Problem]] = []
    stack: list[tuple[Any, Any, tuple]] = [(root, located.data, ())]
    while stack:
        annotation, value, path = stack.pop()
        annotation = _strip(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if isinstance(value, dict):
                for name, info in annotation.model_fields.items():
                    key = info.alias or name
                    if key in value:
                        stack.append((info.annotation, value[key], path + (key,)))
            continue
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is list and isinstance(value, list) and args:
            stack += [(args[0], item, path + (i,)) for i, item in enumerate(value)]
        elif origin is dict and isinstance(value, dict) and len(args) == 2:
            stack += [(args[1], item, path + (k,)) for k, item in value.items()]
        elif annotation is bool and not isinstance(value, bool):
            if isinstance(value, (str, int)) and str(value).lower() in _BOOL_WORDS:
                hint = _("write true or false; '{raw}' is text here").format(raw=value) if isinstance(value, str) else ""
                out.append(_lax(located, path, _("expected true or false, found {found}").format(found=describe(value)), hint))
        elif annotation in (int, float):
            if isinstance(value, bool):
                what = _("a whole number") if annotation is int else _("a number")
                out.append(_lax(located, path, _("expected {kind}, found {found}").format(kind=what, found=describe(value)), ""))
            elif isinstance(value, (str, float)) and not _finite(value):
                raw = located.raw.get(path, str(value))
                out.append(_lax(located, path, _("'{raw}' is not a finite number").format(raw=raw),
                                _("write an ordinary number such as 10 or 2.5")))
    return out


def _finite(value: Any) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):
        return True  # not a number at all: pydantic reports it


def _strip(annotation: Any) -> Any:
    """`Optional[X]` and `Annotated[X, ...]` as X; other unions are left alone."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _lax(located: Located, path: tuple, message: str, hint: str) -> tuple[tuple, Problem]:
    line, col = located.where(path)
    return path, Problem(message, file=located.file, line=line, col=col, path=_dotted(path), hint=hint, code="lax-value")


def _pattern_words(err: dict) -> str:
    pattern = err.get("ctx", {}).get("pattern", "")
    if "a-z0-9_-" in pattern:
        return _("a name of lower-case letters, digits, '_' or '-', starting with a letter (at most 40)")
    if "https?" in pattern:
        return _("a web address starting with http:// or https://")
    if "\\d{4}" in pattern:
        return _("a date such as 2020-03-05, 2020-03 or 2020")
    if "[a-z]{2}" in pattern:
        return _("a two-letter language code such as {codes}").format(codes=conjunction_list(list(LANGUAGES), "or"))
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
    return problem_path(path)


ROOT = m.Scenario
