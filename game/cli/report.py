"""`parley report DIR`: the class report of a folder of results files, as one HTML page.

The scenario reported on is `--scenario` (a file, or a shipped scenario's name),
else the scenario most results were played on, found from the results themselves
(`game.play.catalog.scenario_of_results`): where the games loaded it, beside the
results folder, or among the shipped scenarios. Results of other scenarios or of another version of the scenario file
are listed apart on the page; unreadable files are named on stderr and on the
page, and skipped.
"""

from __future__ import annotations

import argparse
import sys

from game.play.catalog import load_scenario, scenario_of_results
from game.i18n import _, ngettext, percent
from game.report import class_summary, write_csv, write_report
from game.play.results import read_folder


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help=_("build the class report (one HTML page) from a folder of results"))
    p.add_argument("folder", metavar="DIR", help=_("the folder of results files (written by `parley run --results DIR`)"))
    p.add_argument("--out", metavar="FILE", default="class.html", help=_("the HTML page to write (default: class.html)"))
    p.add_argument("--scenario", metavar="FILE",
                   help=_("the scenario to report on (default: the one most results were played on)"))
    p.add_argument("--csv", metavar="FILE", help=_("also write the table of pairs as CSV, for a gradebook"))
    p.set_defaults(func=main)


def _scenario(args: argparse.Namespace, results: list):
    if args.scenario:
        return load_scenario(args.scenario)
    return scenario_of_results(results, args.folder)


def main(args: argparse.Namespace) -> int:
    folder = read_folder(args.folder)
    for problem in folder.problems:
        print(problem.headline() + " " + _("(skipped)"), file=sys.stderr)
    scenario = _scenario(args, folder.results)
    summary = class_summary(scenario, folder.results, skipped=folder.problems)
    path, replaced = write_report(summary, args.out, source=args.folder)
    rate = "–" if summary.agreement_rate is None else percent(summary.agreement_rate)
    print(ngettext("{n} game of {scenario}: {k} agreements ({rate}).", "{n} games of {scenario}: {k} agreements ({rate}).",
                   summary.games).format(n=summary.games, scenario=scenario.id, k=summary.agreements, rate=rate))
    apart = [a for a in summary.set_aside if a.reason != "unreadable"]
    if apart:
        print(ngettext("{n} file of another scenario or scenario version is listed apart, not counted.",
                       "{n} files of another scenario or scenario version are listed apart, not counted.",
                       len(apart)).format(n=len(apart)))
    print((_("Report (replaced): {path}") if replaced else _("Report: {path}")).format(path=path))
    if args.csv:
        path, replaced = write_csv(summary, args.csv)
        print((_("Table (replaced): {path}") if replaced else _("Table: {path}")).format(path=path))
    return 0
