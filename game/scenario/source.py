"""Read a scenario file into plain data, remembering where every value was written.

Nothing here runs code or trusts the file: the text is size-checked, decoded as
strict UTF-8, scanned for nesting depth without recursion, composed with PyYAML's
safe composer (which builds nodes and constructs nothing), and then walked by
hand. The walk refuses explicit tags, duplicate keys and alias expansion past a
bound, and resolves scalars by YAML 1.2 rules (only `true`/`false` are booleans,
so an option called `no` stays the text "no"). Every value's position is kept in
`Located.marks`, keyed by its path in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.errors import Problem
from game.i18n import _

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000

Path_ = tuple  # a path in the document: keys and list indexes


@dataclass
class Located:
    """Plain data (dicts, lists, str, int, float, bool, None) and where it came from."""

    file: str
    text: str
    data: Any = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """The (line, col) of the value at `path`, or of its nearest ancestor."""
        table = self.key_marks if key else self.marks
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if key and path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


class SourceError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}

_DEFAULT_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary",
    "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value", "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs",
}


def _problem(file: str, mark: Any, message: str, hint: str = "", code: str = "") -> Problem:
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    return Problem(message, file=file, line=line, col=col, hint=hint, code=code)


def decode(file: str, data: bytes) -> str:
    """Strict UTF-8 (a BOM is allowed); a bad byte is reported at its line and column."""
    if len(data) > MAX_BYTES:
        raise SourceError(Problem(
            _("the file is {size:,} bytes; a scenario may be at most {limit:,}").format(size=len(data), limit=MAX_BYTES),
            file=file, line=1, col=1, code="size",
            hint=_("split long texts or remove pasted material")))
    if b"\x00" in data[:8192]:
        raise SourceError(Problem(_("this is a binary file, not a YAML text file"), file=file, line=1, col=1, code="binary"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise SourceError(Problem(
            _("byte 0x{byte:02x} is not valid UTF-8").format(byte=data[exc.start]),
            file=file, line=line, col=col, code="encoding",
            hint=_("save the file as UTF-8 (most editors offer this under 'Save as')"))) from None
    return text[1:] if text.startswith("\ufeff") else text


def _check_depth(file: str, text: str) -> None:
    """Refuse deep nesting before the (recursive) composer sees it."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
                                  yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SourceError(_problem(
                        file, token.start_mark,
                        _("the document is nested more than {n} levels deep").format(n=MAX_DEPTH), code="depth"))
            elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise SourceError(_syntax_problem(file, exc)) from None


def _syntax_problem(file: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or str(exc)
    if exc.context:
        message = f"{message} ({exc.context})"
    hint = ""
    if "found character '\\t'" in message or "'\\t'" in message:
        hint = _("YAML indents with spaces, never tabs")
    elif "mapping values are not allowed" in message:
        hint = _("a text containing ': ' must be put in quotes")
    return _problem(file, mark, _("YAML syntax: {message}").format(message=message), hint=hint, code="syntax")


class _Walker:
    def __init__(self, located: Located):
        self.loc = located
        self.count = 0
        self.problems: list[Problem] = []

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def walk(self, node: yaml.Node, path: Path_, depth: int, active: frozenset) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise SourceError(_problem(
                self.loc.file, node.start_mark,
                _("the document expands to more than {n:,} values (anchors and aliases that repeat too much?)").format(n=MAX_NODES),
                code="alias-bomb", hint=_("write the values out instead of repeating aliases")))
        if depth > MAX_DEPTH or id(node) in active:
            raise SourceError(_problem(
                self.loc.file, node.start_mark,
                _("the document is nested more than {n} levels deep (or an alias refers to itself)").format(n=MAX_DEPTH),
                code="depth"))
        self.loc.marks[path] = self._mark(node)
        if node.tag not in _DEFAULT_TAGS:
            raise SourceError(_problem(
                self.loc.file, node.start_mark,
                _("the tag '{tag}' is not allowed in a scenario").format(tag=node.tag), code="tag",
                hint=_("scenarios hold plain data only; remove the '!' tag")))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        active = active | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(child, path + (i,), depth + 1, active) for i, child in enumerate(node.value)]
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError(_problem(self.loc.file, key_node.start_mark,
                                           _("merge keys ('<<') are not supported in scenarios"), code="merge"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(_problem(self.loc.file, key_node.start_mark,
                                           _("a key must be a plain name, not a list or mapping"), code="key"))
            key = self._scalar(key_node, None)
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                first = self.loc.key_marks.get(path + (key,), (0, 0))
                self.problems.append(_problem(
                    self.loc.file, key_node.start_mark,
                    _("duplicate key '{key}' (first written at line {line})").format(key=key, line=first[0]),
                    code="duplicate-key", hint=_("YAML would silently keep only the last one; remove or rename one")))
                continue
            self.loc.key_marks[path + (key,)] = self._mark(key_node)
            result[key] = self.walk(value_node, path + (key,), depth + 1, active)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_ | None) -> Any:
        value = node.value
        if path is not None:
            self.loc.raw[path] = value
        if node.style or node.tag == "tag:yaml.org,2002:str":
            return value  # quoted or block text: always a string
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value):
            return int(value.replace("_", ""))
        if _FLOAT.match(value) and any(ch.isdigit() for ch in value):
            return float(value.replace("_", ""))
        return value


def read(path: str | Path, display: str | None = None) -> Located:
    """Read and compose one file; raise `SourceError` for a file that is not usable YAML."""
    file = display or str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SourceError(Problem(_("cannot read the file: {reason}").format(reason=exc.strerror or exc),
                                  file=file, code="io")) from None
    return parse(data, file)


def parse(data: bytes | str, file: str = "<input>") -> Located:
    text = decode(file, data.encode("utf-8") if isinstance(data, str) else data)
    located = Located(file=file, text=text)
    _check_depth(file, text)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise SourceError(_syntax_problem(file, exc)) from None
    except yaml.YAMLError as exc:
        raise SourceError(Problem(_("YAML: {message}").format(message=exc), file=file, line=1, col=1, code="syntax")) from None
    if node is None:
        raise SourceError(Problem(_("the file is empty"), file=file, line=1, col=1, code="empty"))
    walker = _Walker(located)
    located.data = walker.walk(node, (), 0, frozenset())
    located.problems = walker.problems  # duplicate keys: reported, the walk went on
    return located


YAML11_BOOLS = _YAML11_BOOLS
