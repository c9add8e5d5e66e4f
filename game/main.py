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


# Commands that read files and print, and write files only inside `with` blocks: after them the
# process leaves without tearing the interpreter down (freeing every pydantic and numpy object
# nobody will use again costs 60-80 ms, a fifth of `parley analyze`). Exit handlers still run.
QUICK_EXIT = frozenset({"analyze", "check", "schema"})


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, COMMANDS, default="play")


def run() -> None:
    """The `parley` script and `python -m game`: `main` as a process."""
    argv = sys.argv[1:]
    code = main(argv)
    names = {name for _module, name in COMMANDS}
    if next((a for a in argv if a in names), None) in QUICK_EXIT:
        leave(code)
    sys.exit(code)


def leave(code: int) -> None:
    """Exit now: run the exit handlers, flush the standard streams, skip the interpreter's teardown."""
    import atexit
    import os

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`parley analyze X | head`): nothing more to say
            pass
    os._exit(code if isinstance(code, int) else 1)


if __name__ == "__main__":  # pragma: no cover
    run()
