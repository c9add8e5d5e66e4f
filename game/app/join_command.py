"""`parley join`: take a seat in a class served by `parley host` (in the game window, or headless with --ai).

The client's command (`game.main` puts it on the command line); with --ai no pygame is imported.
"""

from __future__ import annotations

import argparse
import json
import sys

from game.agents import registry
from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("join", help=_("join a class served by the teacher's computer"))
    p.add_argument("url", metavar="URL[,URL...]", help=_("the host's address, e.g. ws://192.168.1.20:8765 (several: comma-separated)"))
    p.add_argument("--code", required=True, help=_("the class code on the teacher's screen"))
    p.add_argument("--name", required=True, help=_("your name, as the teacher will see it"))
    p.add_argument("--ai", metavar="STRATEGY", help=_("play the seat headless with this strategy (no window)"))
    p.add_argument("--think", type=float, default=0.0, metavar="SECONDS",
                   help=_("with --ai: wait this long before each move"))
    p.add_argument("--json", action="store_true", help=_("with --ai: print one JSON object at the end"))
    p.set_defaults(func=main)


REASONS = {
    "lost": lambda: _("the teacher's computer could not be reached for ten minutes"),
    "ended": lambda: _("the teacher ended the class before this game was over"),
}


def main(args: argparse.Namespace) -> int:
    urls = [u for u in args.url.split(",") if u.strip()]
    if not args.ai:
        import os

        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        from game.app.launch import launch_join  # pygame only when the window is wanted

        return launch_join(urls, args.code, args.name, lang=getattr(args, "lang", None))
    if args.ai not in registry.names():
        raise ParleyError([Problem(_("'{name}' is not a known strategy").format(name=args.ai),
                                   suggestion=did_you_mean(args.ai, registry.names()), code="usage")])
    from game.play.remote.player import Gone, play_seat

    try:
        state = play_seat(urls, args.code, args.name, args.ai, think=max(0.0, args.think))
    except Gone as exc:
        reason = REASONS[exc.status]() if exc.status in REASONS else exc.reason
        raise ParleyError([Problem(_("cannot play in this class: {reason}").format(reason=reason), code="net")]) from None
    if args.json:
        print(json.dumps({"table": state.table, "party": state.party, "result": state.result, "acked": state.acked},
                         ensure_ascii=False, indent=2))
    else:
        print(_("Table {table}, {party}: the game is over ({ended}).").format(
            table=state.table, party=state.party, ended=state.result["ended_by"]), file=sys.stdout)
    return 0
