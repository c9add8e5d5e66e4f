"""`parley screenshots DIR`: save a PNG of every screen of the client (headless)."""

from __future__ import annotations

import argparse
import os

from game.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("screenshots", help=_("save a PNG of every screen of the game window"))
    p.add_argument("dir", help=_("folder for the PNG files"))
    p.add_argument("--size", action="append", metavar="WxH",
                   help=_("window size (repeatable; default 1280x720 and 1024x600)"))
    p.add_argument("--scenario", metavar="SCENARIO",
                   help=_("a scenario file, or the name of a shipped scenario (default: the flagship)"))
    p.add_argument("--text-scale", type=float, default=1.0, metavar="X", help=_("text size, 1.0 to 2.0"))
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # never opens a window unless a driver was chosen
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from pathlib import Path

    from game.app.launch import parse_size
    from game.app.screenshots import take

    sizes = [parse_size(s) for s in (args.size or ["1280x720", "1024x600"])]
    saved = take(Path(args.dir), sizes, args.scenario, args.text_scale, getattr(args, "lang", None) or "en")
    for path in saved:
        print(path)
    return 0
