"""The `parley` command: one subcommand per module, dispatched from here.

Author mistakes (`ParleyError`) print their problems and exit 1; usage errors
exit 2; only real bugs keep a traceback. `game.main` is the `parley` entry point:
it adds the client's commands and opens the game with no arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import sys
from typing import Collection, Iterator, Sequence

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


def build_parser(commands: Sequence[tuple[str, str]] = COMMANDS,
                 only: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The parser of `commands`, every subcommand built (`only=None`), or only those named in `only`.

    A command pays only for what it uses: `parley analyze ...` imports the analyze
    module alone. The other subcommands stay in the usage line as bare names, so a
    usage error reads the same either way, and `-h` prints the whole parser's help.
    """
    parser = _Parser(prog="parley", description=_("Parley: a negotiation simulator for the classroom."),
                     add_help=only is None)
    if only is not None:
        parser.add_argument("-h", "--help", action=_WholeHelp, commands=commands)
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module_name, name in commands:
        if only is None or name in only:
            importlib.import_module(module_name).register(sub)
        else:
            sub.add_parser(name)
    # `--lang` is taken out of the line before parsing (see `take_language`): here for the usage and help.
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=None if only is not None else _(
        "language of the interface: {codes}").format(codes=conjunction_list(list(LANGUAGES), "or")))
    return parser


class _WholeHelp(argparse.Action):
    """`-h` on a parser built for fewer commands: the help of the whole parser."""

    def __init__(self, option_strings: list[str], dest: str, commands: Sequence[tuple[str, str]]):
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0)
        self.commands = commands

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        build_parser(self.commands).print_help()
        parser.exit()


@contextlib.contextmanager
def _starting(own_process: bool) -> Iterator[None]:
    """Start-up (the command's imports, the parser) makes objects that live as long as the
    process: with `own_process`, no garbage collection runs while they are made, and they
    are then frozen, so later collections do not walk them again (about 5% of `parley
    analyze`). Only for the process's own command line: a test calling `main([...])`
    many times keeps its collector as it is."""
    if not own_process:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


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
    named = args_list[:1] if args_list and args_list[0] in {name for _module, name in commands} else []
    with _starting(argv is None):
        args = build_parser(commands, only=named).parse_args(args_list)
    args.lang = lang
    if not getattr(args, "func", None):
        build_parser(commands).print_help()
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
