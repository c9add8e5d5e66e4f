"""The `parley` command: every front end's subcommands on one command line.

The command line (`game.cli`) runs the parser and prints problems; the client
(`game.app`) adds `play`, `screenshots` and `join`; the network host (`game.net`)
adds `host`. This module sits above them all, so no front end imports another. With no arguments the game window opens.
"""

from __future__ import annotations

import sys
from typing import Sequence

from game import cli

COMMANDS = [
    ("game.app.play_command", "play"),
    *cli.COMMANDS,
    ("game.app.screenshots_command", "screenshots"),
    ("game.net.host_command", "host"),
    ("game.app.join_command", "join"),
]


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, COMMANDS, default="play")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
