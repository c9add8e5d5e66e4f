"""`parley analyze SCENARIO`: the map of a scenario's outcome space.

Prints the counts, walk-away values, the Nash, Kalai-Smorodinsky and
maximum-welfare packages, the historical package's position and the Pareto
frontier as a table; `--json` prints the same as JSON (keys: outcome_count,
parties, walk_away, pareto, deal_zone_count, nash, kalai_smorodinsky,
max_welfare, historical); `--outcomes FILE.csv` writes every package with its
points; `--after-event ID` analyses the scenario as it stands after that event.
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from game.analysis import Analysis, Point, standing_after, write_outcomes_csv
from game.i18n import _, local, ngettext, number
from game.cli.common import scenario_argument
from game.play.catalog import load_scenario

FRONTIER_ROWS = 20
LISTED = 5


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("analyze", help=_("map a scenario's outcome space: Pareto frontier, deal zone, Nash"),
                              description=_("Analyse every package of a scenario: the Pareto frontier, the deal "
                                            "zone, the Nash and Kalai-Smorodinsky packages, maximum welfare and "
                                            "where the historical deal stands."))
    scenario_argument(p)
    p.add_argument("--json", action="store_true", help=_("print the analysis as JSON"))
    p.add_argument("--outcomes", metavar="FILE.csv", help=_("write every package and its points to a CSV file"))
    p.add_argument("--after-event", metavar="ID", action="append", default=[], dest="after_event",
                   help=_("analyse the scenario as it stands after this event (repeat for several, in order)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    standing = standing_after(scenario, args.after_event) if args.after_event else None
    analysis = Analysis(scenario, standing)
    written = write_outcomes_csv(analysis, args.outcomes) if args.outcomes else None
    if args.json:
        print(json.dumps(analysis.to_json(), ensure_ascii=False, indent=2))
    else:
        print(summary(analysis, args.after_event))
        if written is not None:
            print(ngettext("Wrote {n:,} package to {file}.", "Wrote {n:,} packages to {file}.", written).format(
                n=written, file=args.outcomes))
    return 0


def fmt(x: float) -> str:
    """Points for people, by the locale: at most two decimals, no trailing zeros, no "-0"."""
    return number(x, 2, trim=True)


def _scores(a: Analysis, p: Point) -> str:
    return ", ".join(f"{pid} {fmt(p.scores[pid])}" for pid in a.party_ids)


def _package(p: Point) -> str:
    return ", ".join(f"{iid}={oid}" for iid, oid in p.outcome.items())


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[c]) for r in [header] + rows) for c in range(len(header))]
    return ["  " + "  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in [header] + rows]


def summary(a: Analysis, events: list[str] | None = None) -> str:
    lines = [local(a.scenario.title)]
    frontier = len(a.frontier)
    lines.append(_("{packages}; {zone} in the deal zone; {front} on the Pareto frontier").format(
        packages=ngettext("{n:,} package", "{n:,} packages", a.outcome_count).format(n=a.outcome_count),
        zone=f"{len(a.deal_zone):,}", front=f"{frontier:,}"))
    walk = ", ".join(f"{pid} {fmt(v)}" for pid, v in zip(a.party_ids, a.walk_away))
    lines.append(_("Walk-away values: {values}").format(values=walk))
    if events:
        lines.append(_("After the event(s): {ids}").format(ids=", ".join(events)))
    if a.respect_red_lines and a.red_line_mask.any():
        n = int(a.red_line_mask.sum())
        lines.append(ngettext("{n:,} package crosses a red line and is left out of the deal zone.",
                              "{n:,} packages cross a red line and are left out of the deal zone.", n).format(n=n))
    lines.append("")
    solutions = [(_("Nash bargaining"), a.nash), (_("Kalai-Smorodinsky"), a.kalai_smorodinsky),
                 (_("Maximum welfare"), a.max_welfare)]
    width = max(len(name) for name, _p in solutions)
    for name, point in solutions:
        if point is None:
            text = _("none: the deal zone is empty")
        else:
            text = f"{_scores(a, point)}  ({_package(point)})"
        lines.append(f"{name.ljust(width)}  {text}")
    lines.append("")
    lines.extend(_historical(a))
    lines.append("")
    lines.append(ngettext("Pareto frontier ({n:,} package):", "Pareto frontier ({n:,} packages):", frontier).format(
        n=frontier))
    shown = a.frontier
    if frontier > FRONTIER_ROWS:  # evenly spaced along the frontier, both ends included
        shown = a.frontier[np.unique(np.linspace(0, frontier - 1, FRONTIER_ROWS).round().astype(int))]
    rows = [[fmt(p.scores[pid]) for pid in a.party_ids] + [p.outcome[iid] for iid in a.issue_ids]
            for p in a.points_at(shown)]
    lines.extend(_table(list(a.party_ids) + list(a.issue_ids), rows))
    if frontier > FRONTIER_ROWS:
        lines.append("  " + _("({shown} of {n:,} shown, evenly spaced; see --json or --outcomes for all)").format(
            shown=len(shown), n=frontier))
    return "\n".join(lines)


def _historical(a: Analysis) -> list[str]:
    if a.scenario.historical is None:
        return [_("Historical package: none in this scenario")]
    if a.historical is None:
        return [_("Historical package: incomplete, no option for: {issues}").format(
            issues=", ".join(a.historical_missing))]
    h = a.historical
    where = [_("on the Pareto frontier") if h.on_frontier else _("not on the Pareto frontier"),
             _("in the deal zone") if h.in_deal_zone else _("outside the deal zone")]
    lines = [_("Historical package: {scores} ({package})").format(scores=_scores(a, h.point), package=_package(h.point)),
             "  " + ", ".join(where)]
    lines.append("  " + _("distance to the frontier: {d}").format(d=fmt(h.distance_to_frontier)))
    if h.distance_to_nash is not None:
        lines.append("  " + _("distance to the Nash package: {d}").format(d=fmt(h.distance_to_nash)))
    n = len(h.beaten_by)
    lines.append("  " + ngettext("{n:,} package is better for every party", "{n:,} packages are better for every party",
                                 n).format(n=n))
    for p in h.beaten_by[:LISTED]:
        lines.append(f"    {_scores(a, p)}  ({_package(p)})")
    trades = h.missed_trades
    if trades:
        lines.append("  " + ngettext("{n} missed trade (one or two issues changed, better for every party):",
                                     "{n} missed trades (one or two issues changed, better for every party):",
                                     len(trades)).format(n=len(trades)))
        for t in trades[:LISTED]:
            change = "; ".join(f"{c.issue}: {c.before} -> {c.after}" for c in t.changes)
            lines.append(f"    {change}  ({_scores(a, t.point)})")
    return lines
