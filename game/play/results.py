"""Results files: one JSON file per finished game, for the class report and the debrief.

    path = write_results(match, "class-3b", date="2025-03-05", names={"turkey": "Ayşe"})
    game = read_results(path)          # a checked `GameResults`, or ParleyError naming the file
    folder = read_folder("class-3b")   # every results file, and a Problem for each bad one

A results file is written atomically and never overwrites another: its name is
`<scenario>-<date>-<seed>-<n>.json` with the first free `n`. The core has no
clock, so the caller passes the date (the command line passes today's). Keys of
format 1 (see `GameResults`):

    type "parley-results", format 1, parley (program version),
    scenario, scenario_hash (SHA-256 of the scenario file), scenario_file (its name),
    scenario_path (the absolute path it was loaded from, or null),
    date (YYYY-MM-DD), seed,
    players {party: {kind: ai|human|script|unknown, strategy, name}},
    agreement {issue: option} or null, ended_by accept|walkaway|deadline, rounds,
    scores {party: points}, walk_away {party: points at the end},
    indicators {id: value}, tags [id], events [id, in the order they fired],
    statements [{round, party, kind, issue, option, since, truthful}],
    red_lines_crossed {party: [index]}: for a deal, the red lines of each party
      it crosses (indexes into the party's `red_lines` in the scenario; a student
      may accept a package across their own side's red line, the AI never does);
      empty without a deal (optional: files written before it read as empty),
    transcript (file name relative to the results folder, or as given) or null

`since` is the round a `not_moved` remark refers to (null otherwise).
`truthful` says whether a statement was true to the speaker's own profile as it
stood when it was said (after the events fired so far), as judged by
`game.agents.statements.statement_truth`; null when that cannot be judged (a
question).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Mapping, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from game import __version__
from game.agents.statements import statement_truth
from game.atomic import create_unique
from game.errors import WARNING, ParleyError, Problem, problem_path
from game.i18n import _
from game.negotiation.moves import Statement, StatementKind
from game.negotiation.session import Session
from game.rules.engine import Standing
from game.scenario.model import Scenario

FORMAT = 1
STATEMENT_KINDS = tuple(k.value for k in StatementKind)  # the scenario tests' `say` allows fewer
TYPE = "parley-results"
SUFFIX = ".json"
MAX_BYTES = 2_000_000  # a real results file is a few kilobytes


# -- the format ---------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlayerRecord(_Strict):
    kind: Literal["ai", "human", "script", "unknown"]
    strategy: Optional[str] = None
    name: Optional[str] = None

    @property
    def type(self) -> str:
        """`ai:STRATEGY`, `human`, `script` or `unknown`: the opponent types of the report."""
        return f"ai:{self.strategy}" if self.kind == "ai" else self.kind


class StatementRecord(_Strict):
    round: int = Field(ge=1)
    party: str
    kind: Literal[STATEMENT_KINDS]  # type: ignore[valid-type]
    issue: Optional[str] = None
    option: Optional[str] = None
    since: Optional[int] = Field(default=None, ge=1)
    truthful: Optional[bool] = None


class GameResults(_Strict):
    type: Literal["parley-results"]
    format: Literal[1]
    parley: str = ""
    scenario: str
    scenario_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    scenario_file: str = ""
    scenario_path: Optional[str] = None  # where the scenario was loaded from, so the report can find it
    date: _dt.date
    seed: int
    players: dict[str, PlayerRecord]
    agreement: Optional[dict[str, str]]
    ended_by: Literal["accept", "walkaway", "deadline"]
    rounds: int = Field(ge=1)
    scores: dict[str, float]
    walk_away: dict[str, float]
    indicators: dict[str, float] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    statements: list[StatementRecord] = Field(default_factory=list)
    red_lines_crossed: dict[str, list[Annotated[int, Field(ge=0)]]] = Field(default_factory=dict)
    transcript: Optional[str] = None

    _file: str = PrivateAttr(default="")

    @property
    def file(self) -> str:
        """The file this was read from ("" when built in memory)."""
        return self._file

    @property
    def parties(self) -> list[str]:
        return list(self.players)

    @model_validator(mode="after")
    def _consistent(self) -> "GameResults":
        if (self.agreement is not None) != (self.ended_by == "accept"):
            raise ValueError(_("'agreement' must be given exactly when the game ended by 'accept'"))
        parties = set(self.players)
        if len(parties) != 2:
            raise ValueError(_("'players' must name the two parties"))
        for key in ("scores", "walk_away"):
            if set(getattr(self, key)) != parties:
                raise ValueError(_("'{key}' must have one value for each party in 'players'").format(key=key))
        if any(s.party not in parties for s in self.statements):
            raise ValueError(_("every statement must be made by one of the parties in 'players'"))
        if not set(self.red_lines_crossed) <= parties:
            raise ValueError(_("'red_lines_crossed' may only name the parties in 'players'"))
        if self.agreement is None and any(self.red_lines_crossed.values()):
            raise ValueError(_("'red_lines_crossed' must be empty when there is no agreement"))
        return self


# -- writing --------------------------------------------------------------------------
def statement_records(session: Session) -> list[dict[str, Any]]:
    """Every statement of the game, judged against the speaker's profile as it stood then."""
    scenario = session.scenario
    events = {e.id: e for e in scenario.events}
    standing = Standing.initial(scenario)
    out = []
    for record in session.log:
        if record.get("type") == "event":
            for effect in events[record["event"]].effects:
                standing = standing.apply(effect, scenario)
        elif record.get("type") == "move" and record["move"].get("kind") == "say":
            statement = Statement.from_json(record["move"]["statement"])
            truth = statement_truth(scenario, record["party"], statement, standing, book=session.book)
            out.append({"round": record["round"], "party": record["party"], "kind": statement.kind.value,
                        "issue": statement.issue, "option": statement.option, "since": statement.since,
                        "truthful": None if truth is None else bool(truth)})
    return out


def _player_records(scenario: Scenario, players: Mapping[str, Any] | None,
                    names: Mapping[str, str] | None) -> dict[str, dict[str, Any]]:
    out = {}
    for pid in scenario.party_ids:
        spec = (players or {}).get(pid)
        text = str(spec) if spec is not None else "unknown"
        kind, _sep, strategy = text.partition(":")
        if kind not in ("ai", "human", "script"):
            kind, strategy = "unknown", ""
        name = (names or {}).get(pid)
        out[pid] = {"kind": kind, "strategy": strategy or None, "name": name or None}
    return out


def _transcript_name(transcript: str | Path | None, folder: Path) -> str | None:
    if transcript is None:
        return None
    path = Path(transcript)
    try:  # relative to the results folder (`../transcripts/x.jsonl` in the client's data folder)
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return str(path)


def results_record(game: Any, *, date: _dt.date | str, names: Mapping[str, str] | None = None,
                   transcript: str | Path | None = None, players: Mapping[str, Any] | None = None,
                   folder: str | Path = ".", statements: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The results of a finished game as the JSON object `write_results` stores (no I/O).

    `statements`: the game's `statement_records` when the caller has them already (a class
    table's host sends them with the end of the game); else they are judged here."""
    session: Session = game if isinstance(game, Session) else game.session
    if not session.finished:
        raise ValueError("the game is not finished: there are no results to write yet")
    if players is None:
        players = getattr(game, "players", None)
    if transcript is None and getattr(game, "writer", None) is not None:
        transcript = game.writer.path
    day = _dt.date.fromisoformat(date) if isinstance(date, str) else date
    scenario = session.scenario
    result = session.result()
    record = {
        "type": TYPE, "format": FORMAT, "parley": __version__,
        "scenario": scenario.id, "scenario_hash": scenario.content_hash,
        "scenario_file": Path(scenario.path).name if scenario.path else "",
        "scenario_path": str(Path(scenario.path).resolve()) if scenario.path else None,
        "date": day.isoformat(), "seed": session.seed,
        "players": _player_records(scenario, players, names),
    }
    for key in ("agreement", "ended_by", "rounds", "scores", "walk_away", "indicators", "tags", "events"):
        record[key] = result[key]
    record["statements"] = statement_records(session) if statements is None else list(statements)
    agreement = session.outcome.agreement if session.outcome is not None else None
    record["red_lines_crossed"] = ({pid: session.book.red_lines_crossed(pid, session.book.to_indexes(agreement))
                                    for pid in scenario.party_ids} if agreement else {})
    record["transcript"] = _transcript_name(transcript, Path(folder))
    return record


def write_results(game: Any, folder: str | Path, *, date: _dt.date | str, names: Mapping[str, str] | None = None,
                  transcript: str | Path | None = None, players: Mapping[str, Any] | None = None,
                  statements: list[dict[str, Any]] | None = None) -> Path:
    """Write the results of a finished `Match` (or `Session`) into `folder`; returns the new file.

    `date` is the day the game was played (the caller's clock); `names` maps party
    ids to the students' names (optional); `transcript` defaults to the match's
    transcript file. A `Session` has no players: pass `players` ({party: "ai:NAME" |
    "human" | PlayerSpec}), else they are recorded as "unknown".
    """
    folder = Path(folder)
    record = results_record(game, date=date, names=names, transcript=transcript, players=players, folder=folder,
                            statements=statements)
    return save_record(record, folder)


def save_record(record: Mapping[str, Any], folder: str | Path) -> Path:
    """Check a results record and write it as `<scenario>-<date>-<seed>-<n>.json`, a new file."""
    GameResults.model_validate(record)  # never write a file that would not read back
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    stem = f"{record['scenario']}-{record['date']}-{record['seed']}"
    return create_unique(folder, stem, SUFFIX, text)


# -- reading --------------------------------------------------------------------------
def _bad(file: str, message: str, *, line: int = 0, col: int = 0, path: str = "", hint: str = "") -> Problem:
    return Problem(message, file=file, line=line, col=col, path=path, hint=hint, code="results")


def _validation_problems(file: str, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors():
        where = problem_path(error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        problems.append(_bad(file, f"{where}: {message}" if where else message, path=where))
    return problems


_EARLY_CLIENT_KEYS = {"format", "scenario", "scenario_hash", "seed", "roles", "strategies", "finished_at"}


def _is_early_client_file(raw: dict) -> bool:
    return _EARLY_CLIENT_KEYS <= set(raw) and raw.get("format") == 1


def upgrade_early_client_file(raw: dict) -> dict[str, Any]:
    """A results file of the first client (0.1: `roles`, `strategies`, `finished_at`, no `type`) in format 1.

    Those files hold everything the report needs except the statements, which
    they did not record; the date is the day part of `finished_at`.
    """
    roles, strategies = raw.get("roles"), raw.get("strategies")
    roles = roles if isinstance(roles, dict) else {}      # anything else fails the format check below
    strategies = strategies if isinstance(strategies, dict) else {}
    players = {}
    for pid, kind in roles.items():
        kind = kind if kind in ("ai", "human", "script") else "unknown"
        players[pid] = {"kind": kind, "strategy": strategies.get(pid) if kind == "ai" else None, "name": None}
    record = {"type": TYPE, "format": FORMAT, "parley": "0.1",
              "scenario": raw.get("scenario"), "scenario_hash": raw.get("scenario_hash"),
              "scenario_file": Path(str(raw.get("scenario_file") or "")).name,
              "date": str(raw.get("finished_at", ""))[:10], "seed": raw.get("seed"), "players": players}
    for key in ("agreement", "ended_by", "rounds", "scores", "walk_away", "indicators", "tags", "events", "transcript"):
        if key in raw:
            record[key] = raw[key]
    return record


def read_results(path: str | Path) -> GameResults:
    """The checked contents of a results file, or a ParleyError naming the file and what is wrong."""
    file = str(path)
    hint = _("the file is damaged or is not a Parley results file; remove it or play the game again")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ParleyError([_bad(file, _("cannot read the results file: {reason}").format(
            reason=exc.strerror or exc))]) from None
    if len(data) > MAX_BYTES:
        raise ParleyError([_bad(file, _("the file is too large to be a results file"), hint=hint)])
    if not data.strip():
        raise ParleyError([_bad(file, _("the results file is empty"), hint=hint)])
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ParleyError([_bad(file, _("the results file is not UTF-8 text"), hint=hint)]) from None
    except json.JSONDecodeError as exc:
        raise ParleyError([_bad(file, _("the results file is not valid JSON ({reason}): it is corrupt or cut off").format(
            reason=exc.msg), line=exc.lineno, col=exc.colno, hint=hint)]) from None
    except ValueError:  # e.g. an integer of 20,000 digits, which Python refuses to convert
        raise ParleyError([_bad(file, _("the results file holds a number too long to read"), hint=hint)]) from None
    if isinstance(raw, dict) and "type" not in raw and _is_early_client_file(raw):
        raw = upgrade_early_client_file(raw)
    if not isinstance(raw, dict) or raw.get("type") != TYPE:
        raise ParleyError([_bad(file, _("this is not a Parley results file"), hint=hint)])
    if isinstance(raw.get("format"), int) and raw["format"] > FORMAT:
        raise ParleyError([_bad(file, _("this results file has format {found}; this version of Parley reads format {known}").format(
            found=raw["format"], known=FORMAT), hint=_("update Parley to read it"))])
    try:
        results = GameResults.model_validate(raw)
    except ValidationError as exc:
        problems = _validation_problems(file, exc)
        raise ParleyError([Problem(_("the results file is corrupt: {message}").format(message=p.message),
                                   file=p.file, path=p.path, hint=hint, code=p.code) for p in problems]) from None
    results._file = file
    return results


@dataclass
class Folder:
    """The results files of a folder: those that read, and one warning per file that did not."""

    folder: str
    results: list[GameResults] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_folder(folder: str | Path) -> Folder:
    """Every `*.json` file in `folder` (sorted by name); bad files become warnings, not errors."""
    path = Path(folder)
    if not path.is_dir():
        raise ParleyError([Problem(_("no folder of results called '{name}'").format(name=folder),
                                   file=str(folder), code="io")])
    out = Folder(str(folder))
    for file in sorted(p for p in path.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")):
        try:
            out.results.append(read_results(file))
        except ParleyError as exc:
            out.problems.extend(Problem(p.message, file=p.file, line=p.line, col=p.col, path=p.path, hint=p.hint,
                                        level=WARNING, code=p.code) for p in exc.problems[:3])
    return out
