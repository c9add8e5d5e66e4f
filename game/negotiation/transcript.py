"""Transcripts: every move and event of a game as JSON Lines, flushed as it happens.

The first line is a header (format version, scenario id, path and content hash,
seed, players); then one line per record of the session (`move`, `event`, `end`).
Each line is written whole, flushed and fsynced before the next move, so a crash
loses no completed move, and a file is never silently overwritten: a new
transcript is created exclusively.

`read` checks a transcript line by line and says precisely what is wrong with a
truncated or corrupt file; `replay` runs the moves again through a fresh session
and insists that the events and the result come out exactly as recorded.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from game.errors import ParleyError, Problem
from game.i18n import _
from game.negotiation.moves import Move
from game.negotiation.session import IllegalMove, Session
from game.scenario.model import Scenario

FORMAT = 1


def header(scenario: Scenario, seed: int, players: dict[str, str] | None = None) -> dict[str, Any]:
    return {"type": "header", "format": FORMAT, "scenario": scenario.id, "scenario_file": scenario.path,
            "scenario_hash": scenario.content_hash, "seed": seed, "players": dict(players or {})}


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class TranscriptWriter:
    """Append records to a new transcript file, durably, one line each."""

    def __init__(self, path: str | Path, head: dict[str, Any], *, append: bool = False):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[str] = open(self.path, "a" if append else "x", encoding="utf-8", newline="\n")
        if not append:
            self.write(head)

    def write(self, record: dict) -> None:
        self._file.write(dumps(record) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    __call__ = write  # a session listener

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()

    def __enter__(self) -> "TranscriptWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def unique_path(path: str | Path) -> Path:
    """`path`, or `name-2.ext`, `name-3.ext`... if it exists: never overwrite."""
    path = Path(path)
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


@dataclass
class Transcript:
    file: str
    header: dict[str, Any]
    records: list[dict] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return bool(self.records) and self.records[-1].get("type") == "end"

    @property
    def moves(self) -> list[Move]:
        return [Move.from_json(r["party"], r["move"]) for r in self.records if r.get("type") == "move"]


def _bad(file: str, line: int, message: str, hint: str = "") -> ParleyError:
    return ParleyError([Problem(message, file=file, line=line, col=1, hint=hint, code="transcript")])


def read(path: str | Path, *, allow_unfinished: bool = False) -> Transcript:
    file = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except OSError as exc:
        raise ParleyError([Problem(_("cannot read the transcript: {reason}").format(reason=exc.strerror or exc),
                                   file=file, code="io")]) from None
    except UnicodeDecodeError:
        raise _bad(file, 1, _("the transcript is not UTF-8 text")) from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif lines:
        raise _bad(file, len(lines), _("the last line is cut off: the transcript is truncated"),
                   hint=_("the game was interrupted while writing; `parley play --resume` can continue it"))
    if not lines:
        raise _bad(file, 1, _("the transcript is empty"))
    records = []
    for n, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _bad(file, n, _("line {n} is not valid JSON ({reason}): the transcript is corrupt").format(
                n=n, reason=exc.msg)) from None
        except ValueError:  # an integer too long for Python to convert
            raise _bad(file, n, _("line {n} holds a number too long to read: the transcript is corrupt").format(
                n=n)) from None
        if not isinstance(record, dict) or "type" not in record:
            raise _bad(file, n, _("line {n} is not a transcript record").format(n=n))
        records.append(record)
    head = records[0]
    if head.get("type") != "header" or head.get("format") != FORMAT:
        raise _bad(file, 1, _("this is not a Parley transcript of format {format}").format(format=FORMAT))
    transcript = Transcript(file, head, records[1:])
    for n, record in enumerate(transcript.records[:-1], start=2):
        if record["type"] == "end":
            raise _bad(file, n, _("records follow the end of the game: the transcript is corrupt"))
    if not transcript.finished and not allow_unfinished:
        raise _bad(file, len(lines), _("the transcript ends after {n} records without a result: the game was not finished or the file was cut").format(
            n=len(transcript.records)), hint=_("`parley play --resume` continues an unfinished game"))
    return transcript


def check_scenario(transcript: Transcript, scenario: Scenario) -> None:
    """Refuse a transcript whose scenario file has changed since it was written."""
    head = transcript.header
    if head.get("scenario") != scenario.id:
        raise _bad(transcript.file, 1, _("the transcript is of scenario '{a}', not '{b}'").format(
            a=head.get("scenario"), b=scenario.id))
    if head.get("scenario_hash") != scenario.content_hash:
        raise _bad(transcript.file, 1, _("the scenario file {path} has changed since this game was played").format(
            path=scenario.path), hint=_("replay needs the exact file the game used (its SHA-256 is in the header)"))


def replay(transcript: Transcript, scenario: Scenario, *, listeners: tuple = ()) -> Session:
    """A fresh session with every recorded move applied; events and result must match."""
    check_scenario(transcript, scenario)
    session = Session(scenario, seed=int(transcript.header.get("seed", 0)))
    for listener in listeners:
        session.subscribe(listener)
    expected = transcript.records
    for line, record in enumerate(expected, start=2):
        if record["type"] != "move":
            continue
        try:
            session.apply(Move.from_json(record["party"], record["move"]))
        except (IllegalMove, KeyError, ValueError, TypeError, AttributeError) as exc:
            reason = exc.problems[0].message if isinstance(exc, IllegalMove) else _("malformed move")
            raise _bad(transcript.file, line, _("the move on line {n} cannot be replayed: {reason}").format(
                n=line, reason=reason)) from None
    produced = session.log
    for position, (want, got) in enumerate(zip(expected, produced), start=2):
        if dumps(want) != dumps(got):
            raise _bad(transcript.file, position, _("line {n} differs from the replay: the transcript is corrupt or was edited").format(n=position))
    if len(produced) != len(expected):
        raise _bad(transcript.file, len(expected) + 1, _("the replay produced {a} records, the transcript has {b}").format(
            a=len(produced), b=len(expected)))
    return session
