"""`parley handouts SCENARIO --out DIR [--paper a4|letter|both]`: print-ready sheets.

Writes one HTML file per role and a teacher's sheet into DIR (created if
needed), named `<scenario>-<role>-<paper>.html` and `<scenario>-teacher-<paper>.html`.
`--paper` sets the CSS page size (default a4; `both` writes each sheet twice).
The files are self-contained (inline CSS, nothing loaded from a network); open
one in a browser and print it, or make a PDF with
`chromium --headless --print-to-pdf=FILE.pdf file:///.../FILE.html`.
Existing files are never overwritten: if any sheet's file is already in DIR the
command writes nothing and exits 1. See `game/workbench/handouts.py`.
"""

from __future__ import annotations

import argparse

from game.cli.common import scenario_argument
from game.play.catalog import load_scenario
from game.i18n import _, ngettext
from game.workbench.handouts import PAPERS, write_sheets


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "handouts", help=_("write print-ready sheets: one per role and one for the teacher"),
        description=_("Write print-ready HTML handouts for a scenario: for each role the public briefing, its "
                      "confidential instructions and a scoring sheet for playing on paper; for the teacher both "
                      "profiles, the deal zone, the real outcome and the aftermath."))
    scenario_argument(p)
    p.add_argument("--out", required=True, metavar="DIR", help=_("the folder to write the sheets into"))
    p.add_argument("--paper", choices=(*PAPERS, "both"), default="a4",
                   help=_("paper size: a4 (default), letter, or both (each sheet twice)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    papers = list(PAPERS) if args.paper == "both" else [args.paper]
    written = write_sheets(scenario, args.out, papers)
    print(ngettext("Wrote {n} sheet:", "Wrote {n} sheets:", len(written)).format(n=len(written)))
    for path in written:
        print(f"  {path}")
    return 0
