"""One value for every problem a user can cause, and its three renderings.

A `Problem` says where (file, line, column, path in the document), what (the
message), and how to fix it (an optional hint). Loading, meaning checks, move
validation and replay all report `Problem`s; the command line prints them for
people (with the offending line quoted and a caret), for editors
(`file:line:col: level: message`) or as JSON, and the client shows the same list
on a screen. Lines and columns are 1-based.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from typing import Iterable, Sequence

from game.i18n import _, ngettext

ERROR = "error"
WARNING = "warning"


def problem_path(steps) -> str:
    """A problem's place in the data as one format everywhere: `parties.0.weights.corridor`."""
    return ".".join(str(step) for step in steps)


@dataclass(frozen=True)
class Problem:
    message: str
    file: str = ""
    line: int = 0
    col: int = 0
    path: str = ""
    hint: str = ""
    level: str = ERROR
    code: str = ""
    suggestion: str = ""
    follows: str = ""  # "file:line:col" of the problem this one is a knock-on of (see `fold`)

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file or "parley"  # no file involved: a command-line argument

    def headline(self) -> str:
        """`file:line:col: level: message`, the form editors understand."""
        level = _("error") if self.is_error else _("warning")
        text = f"{self.location()}: {level}: {self.message}"
        if self.suggestion:
            text += " (" + _("did you mean '{name}'?").format(name=self.suggestion) + ")"
        return text


class ParleyError(Exception):
    """A mistake in the user's input (not a bug): reported, never a traceback."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.headline() for p in self.problems))


class ScenarioError(ParleyError):
    """A scenario file that cannot be used; carries every problem found."""


@dataclass
class SourceLines:
    """The text of files already read, to quote the offending line."""

    texts: dict[str, list[str]] = field(default_factory=dict)

    def add(self, file: str, text: str) -> None:
        self.texts[file] = text.splitlines()

    def line(self, file: str, line: int) -> str | None:
        lines = self.texts.get(file)
        if lines is None or not 1 <= line <= len(lines):
            return None
        return lines[line - 1]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The known name closest to `word` (first one differing only in case), or an empty string."""
    names = [str(c) for c in choices if str(c) != str(word)]
    folded = {name.casefold(): name for name in names}
    if str(word).casefold() in folded:
        return folded[str(word).casefold()]
    close = difflib.get_close_matches(str(word), names, n=1, cutoff=0.6)
    return close[0] if close else ""


def sort_key(p: Problem) -> tuple:
    """File order, except that a knock-on problem comes right after the one it follows from."""
    if p.follows:
        file, line, col = p.follows.rsplit(":", 2)
        return (file, int(line), int(col), 2, p.line, p.col, p.message)
    return (p.file, p.line, p.col, 0 if p.is_error else 1, 0, 0, p.message)


def format_human(problems: Sequence[Problem], sources: SourceLines | None = None) -> str:
    """Every problem with its line quoted and a caret under the column; the knock-on problems
    of a root cause are listed under it, indented, one line each."""
    out: list[str] = []
    ordered = sorted(problems, key=sort_key)
    for n, p in enumerate(ordered):
        if p.follows:
            if n == 0 or not ordered[n - 1].follows:
                count = sum(q.follows == p.follows for q in ordered)
                out.append("    " + ngettext("{n} more error follows from this one:",
                                             "{n} more errors follow from this one:", count).format(n=count))
            out.append("      " + p.headline())
            continue
        out.append(p.headline())
        text = sources.line(p.file, p.line) if sources else None
        if text is not None:
            shown = text.replace("\t", " ")
            out.append(f"    {shown}")
            out.append("    " + " " * max(p.col - 1, 0) + "^")
        if p.hint:
            out.append("    " + _("hint: {hint}").format(hint=p.hint))
    return "\n".join(out)


def format_json(problems: Sequence[Problem]) -> str:
    return json.dumps([asdict(p) for p in sorted(problems, key=sort_key)], ensure_ascii=False, indent=2)


def summary(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    e = ngettext("{n} error", "{n} errors", errors).format(n=errors)
    w = ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)
    f = ngettext("{n} file", "{n} files", files).format(n=files)
    return _("{files} checked: {errors}, {warnings}").format(files=f, errors=e, warnings=w)
