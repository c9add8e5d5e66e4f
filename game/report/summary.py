"""The class view of a folder of results: what the report page and the debrief screen draw.

    summary = class_summary(scenario, results, skipped=problems)   # pure: no files, no clock
    summary = load_class(folder, scenario)                         # reads the folder, then the same

`class_summary` takes the scenario being reported on and the games already read
(`game.play.results.GameResults`). Games of another scenario, or played on another
version of the scenario file (its SHA-256 differs), are not counted: they go to
`set_aside` with a note, as do the files that could not be read (`skipped`).

Decisions:
- points are what each party scored, a deal's or the walk-away value after a
  walk-out or the deadline; the means by role and by opponent count every game;
- option frequencies count deals only;
- a deal's distance to the Pareto frontier is measured in the outcome space as
  the game left it (after the events that fired in that game), in points;
- the chart (frontier, Nash package, the historical deal, walk-away values) is
  drawn for the standing most of the class's deals ended in (`chart_events`),
  or the scenario's starting standing when there is no deal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from game.analysis import Analysis, standing_after
from game.errors import Problem
from game.i18n import _, local
from game.scenario import labels
from game.play.results import GameResults, read_folder
from game.rules import crossed_red_lines
from game.scenario.model import Scenario

ENDINGS = ("accept", "walkaway", "deadline")


def opponent_label(kind: str) -> str:
    """A player type (`ai:boulware`, `human`, `script`, `unknown`) as people read it."""
    if kind.startswith("ai:"):
        return _("AI ({strategy})").format(strategy=kind[3:])
    return {"human": _("human"), "script": _("scripted"), "unknown": _("unknown")}.get(kind, kind)


def ending_label(ended_by: str) -> str:
    return {"accept": _("agreement"), "walkaway": _("walked away"), "deadline": _("deadline passed")}.get(ended_by, ended_by)


@dataclass(frozen=True)
class Pair:
    """One game of the class, one row of the table."""

    file: str                      # the results file's name
    date: str
    seed: int
    players: dict[str, str]        # party -> student's name, or the player type as text
    names: dict[str, Optional[str]]  # party -> student's name as recorded (None if not given)
    types: dict[str, str]          # party -> ai:STRATEGY | human | script | unknown
    agreement: Optional[dict[str, str]]
    ended_by: str
    points: dict[str, float]
    rounds: int
    distance: Optional[float]      # to the Pareto frontier (deals only), in points
    on_frontier: Optional[bool]
    red_lines: dict[str, list[str]] = field(default_factory=dict)  # party -> its red lines the deal crosses (text)

    @property
    def joint(self) -> float:
        return sum(self.points.values())


@dataclass(frozen=True)
class OptionCount:
    id: str
    label: str
    count: int
    historical: bool               # the option really chosen in the historical deal


@dataclass(frozen=True)
class IssueCount:
    id: str
    title: str
    options: list[OptionCount]
    historical: Optional[str]      # the option id really chosen, if the scenario says


@dataclass(frozen=True)
class Mean:
    group: str                     # a party id, or a player type (`ai:boulware`, `human`)
    party: str
    mean: float
    n: int


@dataclass(frozen=True)
class ChartPoint:
    points: dict[str, float]
    outcome: dict[str, str]


@dataclass(frozen=True)
class SetAside:
    file: str
    reason: str                    # other-scenario | changed-file | mismatch | unreadable
    note: str
    scenario: str = ""
    date: str = ""
    seed: Optional[int] = None
    agreement: Optional[bool] = None


@dataclass
class ClassSummary:
    scenario: str
    title: str
    scenario_hash: str
    parties: dict[str, str]                    # party id -> name, scenario order
    games: int = 0
    agreements: int = 0
    endings: dict[str, int] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)
    issues: list[IssueCount] = field(default_factory=list)
    mean_by_role: list[Mean] = field(default_factory=list)
    mean_by_opponent: list[Mean] = field(default_factory=list)
    frontier: list[ChartPoint] = field(default_factory=list)
    nash: Optional[ChartPoint] = None
    historical: Optional[ChartPoint] = None
    walk_away: dict[str, float] = field(default_factory=dict)
    chart_events: list[str] = field(default_factory=list)
    event_titles: dict[str, str] = field(default_factory=dict)  # event id -> title
    set_aside: list[SetAside] = field(default_factory=list)
    dates: tuple[str, str] | None = None        # first and last day of play
    agreement: str = ""                         # the scenario's name for the real agreement
    agreement_mark: str = ""                    # its short label on the chart

    @property
    def agreement_rate(self) -> Optional[float]:
        """Share of games that ended in agreement (0..1), None with no games."""
        return self.agreements / self.games if self.games else None

    def to_json(self) -> dict:
        out = asdict(self)
        out["agreement_rate"] = self.agreement_rate
        for row, pair in zip(out["pairs"], self.pairs):
            row["joint"] = pair.joint
        return out


def _fit_problem(scenario: Scenario, game: GameResults) -> str:
    """Why a game of this scenario (same hash) still cannot be counted, or ""."""
    if set(game.players) != set(scenario.party_ids):
        return _("its parties are not those of the scenario")
    known_events = {e.id for e in scenario.events}
    if any(e not in known_events for e in game.events):
        return _("it names events the scenario does not have")
    if game.agreement is not None:
        for issue in scenario.issues:
            if game.agreement.get(issue.id) not in {o.id for o in issue.options}:
                return _("its agreement does not fit the scenario's issues and options")
    return ""


def _set_aside(scenario: Scenario, game: GameResults) -> SetAside | None:
    name = Path(game.file).name if game.file else ""
    common = dict(scenario=game.scenario, date=game.date.isoformat(), seed=game.seed,
                  agreement=game.agreement is not None)
    if game.scenario != scenario.id:
        return SetAside(name, "other-scenario", _("a game of scenario '{other}', not '{this}': listed apart, not counted").format(
            other=game.scenario, this=scenario.id), **common)
    if game.scenario_hash != scenario.content_hash:
        return SetAside(name, "changed-file", _(
            "played with a different version of the scenario file (it has changed since): listed apart, not counted"), **common)
    problem = _fit_problem(scenario, game)
    if problem:
        return SetAside(name, "mismatch", _("{problem}: listed apart, not counted").format(problem=problem), **common)
    return None


class _Analyses:
    """One `Analysis` per set of fired events (events move walk-away values and weights)."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self._by_events: dict[tuple[str, ...], Analysis] = {}
        self._distance: dict[tuple, tuple[float, bool]] = {}

    def get(self, events: Iterable[str]) -> Analysis:
        key = tuple(events)
        if key not in self._by_events:
            standing = standing_after(self.scenario, key)
            book = next(iter(self._by_events.values())).book if self._by_events else None
            self._by_events[key] = Analysis(book or self.scenario, standing)
        return self._by_events[key]

    def distance(self, events: Iterable[str], agreement: dict[str, str]) -> tuple[float, bool]:
        key = (tuple(events), tuple(sorted(agreement.items())))
        if key not in self._distance:
            position = self.get(events).position(agreement)
            self._distance[key] = (position.distance_to_frontier, position.on_frontier)
        return self._distance[key]


def _pair(game: GameResults, analyses: _Analyses) -> Pair:
    players, types = {}, {}
    for pid, player in game.players.items():
        types[pid] = player.type
        players[pid] = player.name or opponent_label(player.type)
    distance = on_frontier = None
    if game.agreement is not None:
        distance, on_frontier = analyses.distance(game.events, game.agreement)
    names = {pid: player.name for pid, player in game.players.items()}
    crossed = {}
    if game.agreement is not None:  # the same question the results file answered when it was written
        book = analyses.get(game.events).book
        crossed = {pid: [local(r.text) for r in crossed_red_lines(book, pid, game.agreement)]
                   for pid in analyses.scenario.party_ids}
    return Pair(Path(game.file).name if game.file else "", game.date.isoformat(), game.seed, players, names, types,
                dict(game.agreement) if game.agreement else None, game.ended_by, dict(game.scores),
                game.rounds, distance, on_frontier, {pid: t for pid, t in crossed.items() if t})


def _issue_counts(scenario: Scenario, pairs: list[Pair]) -> list[IssueCount]:
    hist = scenario.historical.package if scenario.historical else {}
    out = []
    for issue in scenario.issues:
        counts = Counter(p.agreement[issue.id] for p in pairs if p.agreement)
        options = [OptionCount(o.id, local(o.label), counts.get(o.id, 0), hist.get(issue.id) == o.id)
                   for o in issue.options]
        out.append(IssueCount(issue.id, local(issue.title), options, hist.get(issue.id)))
    return out


def _means(scenario: Scenario, pairs: list[Pair]) -> tuple[list[Mean], list[Mean]]:
    by_role = []
    for pid in scenario.party_ids:
        values = [p.points[pid] for p in pairs]
        if values:
            by_role.append(Mean(pid, pid, sum(values) / len(values), len(values)))
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    for p in pairs:
        for pid in scenario.party_ids:
            groups[(p.types[scenario.other(pid)], pid)].append(p.points[pid])
    order = {pid: n for n, pid in enumerate(scenario.party_ids)}
    by_opponent = [Mean(group, pid, sum(v) / len(v), len(v))
                   for (group, pid), v in sorted(groups.items(), key=lambda kv: (kv[0][0], order[kv[0][1]]))]
    return by_role, by_opponent


def _chart(summary: ClassSummary, scenario: Scenario, games: list[GameResults], analyses: _Analyses) -> None:
    deals = [tuple(g.events) for g in games if g.agreement is not None]
    events = Counter(deals).most_common(1)[0][0] if deals else ()
    analysis = analyses.get(events)
    parties = analysis.party_ids

    def point(p) -> ChartPoint | None:
        return None if p is None else ChartPoint({k: float(v) for k, v in p.scores.items()}, dict(p.outcome))

    summary.chart_events = list(events)
    summary.event_titles = {e.id: local(e.title) for e in scenario.events}
    summary.walk_away = {pid: float(v) for pid, v in zip(parties, analysis.walk_away)}
    summary.frontier = [point(analysis.point(int(i))) for i in analysis.frontier]
    summary.nash = point(analysis.nash)
    summary.historical = point(analysis.historical.point) if analysis.historical is not None else None


def class_summary(scenario: Scenario, results: Iterable[GameResults], *,
                  skipped: Iterable[Problem] = ()) -> ClassSummary:
    """The class view of `results` for `scenario`; games that do not belong are set apart, not mixed in.

    `skipped` are the problems of files that could not be read (from `read_folder`):
    each becomes a `SetAside` entry of reason "unreadable".
    """
    summary = ClassSummary(scenario.id, local(scenario.title), scenario.content_hash,
                           {p.id: local(p.name) for p in scenario.parties},
                           agreement=labels.agreement_name(scenario), agreement_mark=labels.agreement_mark(scenario))
    analyses = _Analyses(scenario)
    counted: list[GameResults] = []
    for game in results:
        aside = _set_aside(scenario, game)
        if aside is not None:
            summary.set_aside.append(aside)
        else:
            counted.append(game)
    seen = set()
    for problem in skipped:
        if problem.file in seen:
            continue
        seen.add(problem.file)
        where = _(" (line {line}, column {col})").format(line=problem.line, col=problem.col) if problem.line else ""
        summary.set_aside.append(SetAside(Path(problem.file).name, "unreadable", problem.message + where))
    counted.sort(key=lambda g: (g.date, g.seed, g.file))
    summary.pairs = [_pair(g, analyses) for g in counted]
    summary.games = len(summary.pairs)
    summary.agreements = sum(p.agreement is not None for p in summary.pairs)
    summary.endings = {e: sum(p.ended_by == e for p in summary.pairs) for e in ENDINGS}
    summary.issues = _issue_counts(scenario, summary.pairs)
    summary.mean_by_role, summary.mean_by_opponent = _means(scenario, summary.pairs)
    if counted:
        days = sorted(g.date.isoformat() for g in counted)
        summary.dates = (days[0], days[-1])
    _chart(summary, scenario, counted, analyses)
    return summary


def load_class(folder: str | Path, scenario: Scenario) -> ClassSummary:
    """Read every results file of `folder` and summarise it for `scenario` (unreadable files set apart)."""
    read = read_folder(folder)
    return class_summary(scenario, read.results, skipped=read.problems)
