"""`parley tournament SCENARIO`: every strategy and persona against every other, in both roles.

Prints a table per pair and a summary per strategy; `--json` prints the list of
pair records, `--csv FILE` writes them (fields: `game.play.tournament.FIELDS`). A
progress bar goes to stderr when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from game.agents import registry
from game.cli.common import scenario_argument
from game.play.catalog import load_scenario
from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _, number
from game.play.tournament import Tournament, personas, summarize, to_csv
from game.scenario.model import Scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tournament", help=_("play every strategy against every other and compare them"),
                       description=_("Play every strategy and every persona of the scenario (its strategy "
                                     "with its parameters) against every other (and itself), in both roles, "
                                     "and report agreement rates, points and distances to the Pareto frontier "
                                     "and the Nash package."))
    scenario_argument(p)
    p.add_argument("--games", type=int, default=10, metavar="N", help=_("games per pairing (default 10)"))
    p.add_argument("--seed", type=int, default=0, metavar="S", help=_("seed of the first game (then S+1, ...)"))
    p.add_argument("--strategies", metavar="A,B,...",
                   help=_("strategies and personas to include, e.g. boulware,persona:russia (default: every "
                          "strategy, {names}, and every persona of the scenario)").format(
                       names=", ".join(registry.names())))
    p.add_argument("--json", action="store_true", help=_("print the pair records as JSON"))
    p.add_argument("--csv", metavar="FILE", help=_("write the pair records to a CSV file"))
    p.set_defaults(func=main)


def parse_strategies(text: str | None, scenario: Scenario) -> list[str]:
    if not text:
        return registry.names() + personas(scenario)
    names = [n.strip() for n in text.split(",") if n.strip()]
    known = registry.names() + personas(scenario)
    problems = [Problem(_("'{name}' is not a known strategy").format(name=n), suggestion=did_you_mean(n, known),
                        hint=_("known strategies and personas: {names}").format(names=", ".join(known)), code="usage")
                for n in names if n not in known]
    if problems:
        raise ParleyError(problems)
    if not names:
        raise ParleyError([Problem(_("--strategies needs at least one strategy"), code="usage")])
    return list(dict.fromkeys(names))


class ProgressBar:
    """A one-line bar, redrawn in place; silent unless the stream is a terminal."""

    def __init__(self, stream: TextIO, width: int = 30):
        self.stream = stream
        self.width = width
        self.enabled = stream.isatty()
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        filled = self.width * done // total
        if filled == self._shown and done != total:
            return
        self._shown = filled
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write("\r" + _("[{bar}] {done}/{total} games").format(bar=bar, done=done, total=total))
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def _num(x: float | None, digits: int = 1) -> str:
    """A figure of the human table, by the locale (the --json and --csv records stay plain numbers)."""
    return "-" if x is None else number(x, digits)


def table(records: list[dict]) -> str:
    if not records:
        return ""
    a, b = records[0]["party_a"], records[0]["party_b"]
    head = [a, b, _("deals"), _("points {party}").format(party=a), _("points {party}").format(party=b),
            _("to frontier"), _("to Nash"), _("rounds")]
    rows = [[r["strategy_a"], r["strategy_b"], f"{r['agreements']}/{r['games']}", _num(r["mean_points_a"]),
             _num(r["mean_points_b"]), _num(r["mean_distance_to_frontier"], 2), _num(r["mean_distance_to_nash"], 2),
             _num(r["mean_rounds"])] for r in records]
    summary = summarize(records)
    head2 = [_("strategy"), _("deals"), _("mean points"), _("to frontier"), _("to Nash")]
    rows2 = [[s["strategy"], f"{s['agreements']}/{s['games']}", _num(s["mean_points"]),
              _num(s["mean_distance_to_frontier"], 2), _num(s["mean_distance_to_nash"], 2)] for s in summary]
    return _grid(head, rows) + "\n\n" + _grid(head2, rows2)


def _grid(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(head), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def main(args: argparse.Namespace) -> int:
    if args.games < 1:
        raise ParleyError([Problem(_("--games must be at least 1"), code="usage")])
    scenario = load_scenario(args.scenario)
    strategies = parse_strategies(args.strategies, scenario)
    tournament = Tournament(scenario, strategies, games=args.games, seed=args.seed)
    records = tournament.run(progress=ProgressBar(sys.stderr))
    if args.csv:
        try:
            with open(args.csv, "w", encoding="utf-8", newline="") as handle:
                handle.write(to_csv(records))
        except OSError as exc:
            raise ParleyError([Problem(_("cannot write the file: {reason}").format(reason=exc.strerror or exc),
                                       file=args.csv, code="io")]) from None
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        print(table(records))
        if args.csv:
            print(_("Wrote {file}.").format(file=args.csv))
    return 0
