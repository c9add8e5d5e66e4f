"""`parley report DIR`: the class report of a folder of results files, as one HTML page.

The scenario reported on is `--scenario` (a file, or a shipped scenario's name),
else the scenario most results were played on, found among the shipped ones by
its id. Results of other scenarios or of another version of the scenario file
are listed apart on the page; unreadable files are named on stderr and on the
page, and skipped.
"""

from __future__ import annotations

import argparse
import sys

from game.cli.common import load_scenario
from game.errors import ParleyError, Problem
from game.i18n import _, ngettext, percent
from game.report import class_summary, most_common_scenario, write_csv, write_report
from game.results import read_folder


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
    scenario_id = most_common_scenario(results, args.folder)
    try:
        return load_scenario(scenario_id)
    except ParleyError as exc:
        raise ParleyError([Problem(_("the results are of scenario '{id}', which is not a shipped scenario").format(
            id=scenario_id), file=args.folder, code="results",
            hint=_("name its file with --scenario FILE"))] + exc.problems[1:]) from None


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
