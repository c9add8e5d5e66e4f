"""`parley play`: open the game window (also what `parley` alone does)."""

from __future__ import annotations

import argparse

from game.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help=_("open the game window (the default command)"))
    p.add_argument("scenario", nargs="?", help=_("start this scenario at once (a file or a shipped scenario's name)"))
    p.add_argument("--as", dest="party", metavar="PARTY", help=_("the party you play, e.g. turkey"))
    p.add_argument("--opponent", metavar="PLAYER",
                   help=_("ai:STRATEGY (e.g. ai:boulware), or human for two players on one computer"))
    p.add_argument("--seed", type=int, help=_("the game's random seed (same seed, same game)"))
    p.add_argument("--autoplay", action="store_true",
                   help=_("two computer players play through every screen (a demo; exits when the debrief is shown)"))
    p.add_argument("--autoplay-delay", type=float, default=1.5, metavar="SECONDS",
                   help=_("pause between autoplay steps (default 1.5; 0 for tests)"))
    p.add_argument("--size", metavar="WxH", help=_("window size, e.g. 1280x720"))
    p.add_argument("--fullscreen", action="store_true", help=_("full screen (for a projector)"))
    p.add_argument("--text-scale", type=float, metavar="X", help=_("text size, 1.0 to 2.0"))
    p.add_argument("--resume", action="store_true",
                   help=_("go on with the unfinished game saved automatically after every move "
                          "(exits 1 if there is none)"))
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.app.launch import launch  # pygame only when the window is wanted

    return launch(getattr(args, "scenario", None), party=getattr(args, "party", None),
                  opponent=getattr(args, "opponent", None), seed=getattr(args, "seed", None),
                  autoplay=getattr(args, "autoplay", False), autoplay_delay=getattr(args, "autoplay_delay", 1.5),
                  size=getattr(args, "size", None), fullscreen=getattr(args, "fullscreen", False),
                  text_scale=getattr(args, "text_scale", None), lang=getattr(args, "lang", None),
                  resume=getattr(args, "resume", False))
