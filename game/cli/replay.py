"""`parley replay`: run a transcript's moves again and print the same result."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli.common import account, print_json
from game.play.catalog import load_scenario
from game.errors import ParleyError, Problem
from game.i18n import _
from game.negotiation import transcript as tr


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help=_("replay a transcript and print its result"))
    p.add_argument("transcript")
    p.add_argument("--scenario", help=_("the scenario file (default: the one named in the transcript)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=main)


def scenario_for(transcript: tr.Transcript, override: str | None):
    if override:
        return load_scenario(override)
    named = transcript.header.get("scenario_file") or ""
    for candidate in (Path(named), Path(transcript.file).parent / Path(named).name):
        if named and candidate.exists():
            return load_scenario(str(candidate))
    try:
        return load_scenario(str(transcript.header.get("scenario", "")))
    except ParleyError:
        raise ParleyError([Problem(_("cannot find the scenario file {path} named in the transcript").format(path=named),
                                   file=transcript.file, line=1, col=1, hint=_("give it with --scenario FILE"),
                                   code="transcript")]) from None


def main(args: argparse.Namespace) -> int:
    transcript = tr.read(args.transcript)
    scenario = scenario_for(transcript, args.scenario)
    session = tr.replay(transcript, scenario)
    result = session.result()
    if args.json:
        print_json(result)
    else:
        print(account(scenario, session.log, result))
    return 0
