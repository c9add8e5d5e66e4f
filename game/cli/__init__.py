"""The `parley` command: one subcommand per module, dispatched from here.

Author mistakes (`ParleyError`) print their problems and exit 1; usage errors
exit 2; only real bugs keep a traceback. `game.main` is the `parley` entry point:
it adds the client's commands and opens the game with no arguments.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from game import __version__
from game.errors import ParleyError, SourceLines, format_human
from game.i18n import LANGUAGES, _, conjunction_list, set_language

# (module, subcommand name); each module has register(subparsers). These are the
# command line's own; `game.main` adds the client's (play, screenshots) to them.
COMMANDS = [
    ("game.cli.check", "check"),
    ("game.cli.schema", "schema"),
    ("game.cli.run", "run"),
    ("game.cli.replay", "replay"),
    ("game.cli.testcmd", "test"),
    ("game.cli.analyze", "analyze"),
    ("game.cli.tournament", "tournament"),
    ("game.cli.report", "report"),
    ("game.cli.new", "new"),
    ("game.cli.balance", "balance"),
    ("game.cli.handouts", "handouts"),
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: exit 2 with a short message
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}\n").format(prog=self.prog, message=message))


def build_parser(commands: Sequence[tuple[str, str]] = COMMANDS, only: str | None = None) -> argparse.ArgumentParser:
    """The parser of `commands`; `only` registers a single subcommand (the game window starts faster)."""
    parser = _Parser(prog="parley", description=_("Parley: a negotiation simulator for the classroom."))
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module_name, name in commands:
        if only is None or name == only:
            importlib.import_module(module_name).register(sub)
    return parser


def take_language(args: list[str]) -> tuple[list[str], str | None]:
    """Remove `--lang X` / `--lang=X` (allowed anywhere on the line) and return X."""
    rest, lang = [], None
    it = iter(args)
    for arg in it:
        if arg == "--lang":
            lang = next(it, None)
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return rest, lang


def main(argv: Sequence[str] | None = None, commands: Sequence[tuple[str, str]] = COMMANDS,
         default: str | None = None) -> int:
    """Run one `parley` command line; `commands` are the subcommands offered, `default` runs with no arguments."""
    args_list, lang = take_language(list(sys.argv[1:] if argv is None else argv))
    if lang is not None and lang not in LANGUAGES:
        print(_("parley: error: unknown language '{lang}' (choose from {langs})").format(
            lang=lang, langs=", ".join(LANGUAGES)), file=sys.stderr)
        return 2
    set_language(lang or "en")
    if not args_list and default:
        args_list = [default]
    fast = args_list[0] if args_list and args_list[0] in {name for _module, name in commands} else None
    parser = build_parser(commands, only=fast if fast == default else None)
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("language of the interface: {codes}").format(
        codes=conjunction_list(list(LANGUAGES), "or")))
    args = parser.parse_args(args_list)
    args.lang = lang
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ParleyError as exc:
        sources = SourceLines()
        for p in exc.problems:
            if p.file and p.file not in sources.texts:
                try:
                    sources.add(p.file, open(p.file, encoding="utf-8", errors="replace").read())
                except OSError:
                    pass
        print(format_human(exc.problems, sources), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
