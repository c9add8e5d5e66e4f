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

from game.scenario.limits import MAX_BYTES, MAX_DEPTH, MAX_DIGITS, MAX_NODES, MAX_PIECES  # noqa: F401 (re-exported)

Path_ = tuple  # a path in the document: keys and list indexes
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
            # callers may read only the first MAX_BYTES + 1 bytes, so the real size is unknown here
            _("the file is larger than a scenario may be ({limit:,} bytes)").format(limit=MAX_BYTES),
            file=file, line=1, col=1, code="size",
            hint=_("split long texts or remove pasted material")))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise SourceError(Problem(_("the file is saved as UTF-16; a scenario must be UTF-8"), file=file, line=1, col=1,
                                  code="encoding", hint=_("save the file as UTF-8 (most editors offer this under 'Save as')")))
    if b"\x00" in data[:8192]:
        raise SourceError(Problem(_("this is a binary file, not a YAML text file"), file=file, line=1, col=1, code="binary"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        start = before.rfind(b"\n") + 1
        if start == 0 and before.startswith(b"\xef\xbb\xbf"):
            start = 3  # the BOM is not a column
        col = len(before[start:].decode("utf-8")) + 1  # characters, not bytes: all before the bad byte is valid
        raise SourceError(Problem(
            _("byte 0x{byte:02x} is not valid UTF-8").format(byte=data[exc.start]),
            file=file, line=line, col=col, code="encoding",
            hint=_("save the file as UTF-8 (most editors offer this under 'Save as')"))) from None
    return text[1:] if text.startswith("\ufeff") else text


def _check_depth(file: str, text: str, loader: type = yaml.SafeLoader) -> list[tuple[Any, Any]]:
    """Refuse deep nesting, and more than `MAX_PIECES` keys and values, before the
    (recursive, memory-hungry) composer sees the text.

    Returns the spans (start and end marks) of quoted texts that run over several
    lines: a syntax error where one ends usually means its closing quote is missing.
    """
    depth = pieces = 0
    quoted: list[tuple[Any, Any]] = []
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, (yaml.ScalarToken, yaml.AliasToken, yaml.BlockMappingStartToken,
                                  yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                pieces += 1
                if pieces > MAX_PIECES:  # refused before the composer builds a node (and its marks) for each
                    raise SourceError(_problem(
                        file, token.start_mark,
                        _("the document holds more than {n:,} keys and values").format(n=MAX_PIECES), code="size",
                        hint=_("a scenario needs far fewer; remove pasted material")))
            if isinstance(token, (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
                                  yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SourceError(_problem(
                        file, token.start_mark,
                        _("the document is nested more than {n} levels deep").format(n=MAX_DEPTH), code="depth"))
            elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                depth -= 1
            elif (isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
                  and token.end_mark.line > token.start_mark.line):
                quoted.append((token.start_mark, token.end_mark))
    except yaml.MarkedYAMLError as exc:
        raise SourceError(_syntax_problem(file, exc, quoted)) from None
    except yaml.reader.ReaderError as exc:
        raise SourceError(_reader_problem(file, text, exc)) from None
    return quoted


def _reader_problem(file: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML refuses (a control character, U+FFFE...), at its line and column."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    col = exc.position - (before.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return Problem(_("the character U+{code:04X} is not allowed in a YAML file").format(code=char),
                   file=file, line=line, col=col, code="character",
                   hint=_("it is probably invisible in your editor: delete it, or retype the text around it"))


def _syntax_problem(file: str, exc: yaml.MarkedYAMLError, quoted: Any = ()) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or str(exc)
    if exc.context:
        message = f"{message} ({exc.context})"
    if exc.context == "expected a single document in the stream":
        return _problem(file, mark, _("YAML syntax: a second document starts here; a scenario file holds only one"),
                        hint=_("remove the '---' line and what follows it, or give each scenario its own file"),
                        code="syntax")
    if exc.context and "quoted scalar" in exc.context and "end of stream" in message and exc.context_mark:
        return _problem(file, exc.context_mark, _("YAML syntax: the quote opened here is never closed"),
                        hint=_("add the closing quote at the end of the text"), code="syntax")
    for start, end in reversed(quoted):
        if mark is not None and end.line == mark.line and mark.column >= end.column - 1 and start.line < mark.line:
            return _problem(file, start, _(
                "YAML syntax: the quote opened here is not closed on its line; the text runs on to line {line}, "
                "where YAML fails").format(line=end.line + 1),
                hint=_("add the closing quote at the end of the line"), code="syntax")
    hint = ""
    if "found character '\\t'" in message or "'\\t'" in message:
        hint = _("YAML indents with spaces, never tabs")
    elif "mapping values are not allowed" in message or "but got ':'" in message:  # block or {flow} style
        hint = _("a text containing ': ' must be put in quotes")
    elif "expected <block end>" in message:
        hint = _("check the indentation of this line: the keys of one mapping (and the '- ' of one list) "
                 "must start in the same column")
    elif "could not find expected ':'" in message:
        hint = _("each line of a mapping needs 'key: value'; a long text goes in quotes, or under '>-' on lines of its own")
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
        if _INT.match(value) or (_FLOAT.match(value) and any(ch.isdigit() for ch in value)):
            return self._number(node, value)
        return value

    def _number(self, node: yaml.ScalarNode, value: str) -> Any:
        """An integer or float as written; a number too long to be one is an error at its position, not a crash."""
        digits = sum(ch.isdigit() for ch in value)
        try:
            if digits > MAX_DIGITS:
                raise ValueError(value)
            return int(value.replace("_", "")) if _INT.match(value) else float(value.replace("_", ""))
        except (ValueError, OverflowError):
            self.problems.append(_problem(
                self.loc.file, node.start_mark,
                _("this number has {n} digits: too long to be a number in a scenario").format(n=digits),
                code="number-too-long", hint=_("write an ordinary number such as 10 or 2.5")))
            return 0  # the error above is reported; 0 keeps it from echoing as a type error


def _values(node: yaml.Node) -> list[yaml.Node]:
    """The nodes the walk visits below `node`: list items and mapping values (keys are plain names)."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [value for _key, value in node.value]
    return []


def _check_expansion(file: str, root: yaml.Node) -> None:
    """Refuse an alias inside its own anchor's value, and a document that expands past
    `MAX_NODES` values, before the walk copies anything out.

    The composed graph stays small even for a "billion laughs" file, since every
    alias is the anchored node itself; each node's expanded size is counted once,
    without recursion, so refusing a bomb costs kilobytes, not the expansion.
    """
    in_progress = -1
    size: dict[int, int] = {}
    shared = False
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            total = 1 + sum(size[id(child)] for child in _values(node))
            size[key] = total
            if total > MAX_NODES:
                if shared:
                    message = _("the document expands to more than {n:,} values through anchors and aliases").format(n=MAX_NODES)
                    hint, code = _("write the values out instead of repeating aliases"), "alias-bomb"
                else:
                    message = _("the document holds more than {n:,} values").format(n=MAX_NODES)
                    hint, code = _("a scenario needs far fewer; remove pasted material"), "size"
                raise SourceError(_problem(file, node.start_mark, message, code=code, hint=hint))
            continue
        if key in size:
            if size[key] == in_progress:
                raise SourceError(_problem(
                    file, node.start_mark,
                    _("the anchor here is used by an alias inside its own value, which would repeat forever"),
                    code="alias-loop", hint=_("an alias ('*name') may only refer to an anchor ('&name') outside it")))
            shared = True
            continue
        size[key] = in_progress
        stack.append((node, True))
        stack.extend((child, False) for child in _values(node))


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
    # a str may hold lone surrogates (text decoded with 'surrogateescape'): let decode() place them
    text = decode(file, data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data)
    located = Located(file=file, text=text)
    try:  # libyaml when present (~6x faster, same nodes and marks); on any error, redo it below for the wording
        _check_depth(file, text, _FAST_LOADER)
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except SourceError as exc:
        if exc.problem.code in ("depth", "size"):
            raise  # same marks either way; only syntax errors are worded better by the pure-Python scanner
        node = None
    except yaml.YAMLError:
        node = None
    quoted = _check_depth(file, text) if node is None else []
    try:
        node = node if node is not None else yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise SourceError(_syntax_problem(file, exc, quoted)) from None
    except yaml.reader.ReaderError as exc:
        raise SourceError(_reader_problem(file, text, exc)) from None
    except yaml.YAMLError as exc:
        raise SourceError(Problem(_("YAML: {message}").format(message=exc), file=file, line=1, col=1, code="syntax")) from None
    if node is None:
        raise SourceError(Problem(_("the file is empty"), file=file, line=1, col=1, code="empty"))
    _check_expansion(file, node)
    walker = _Walker(located)
    located.data = walker.walk(node, (), 0, frozenset())
    located.problems = walker.problems  # duplicate keys: reported, the walk went on
    return located


YAML11_BOOLS = _YAML11_BOOLS
