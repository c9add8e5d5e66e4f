"""`parley check PATH...`: load and check scenario files, and report every problem.

Folders are searched recursively for `*.yaml` and `*.yml` files (in sorted
order). Problems print as `file:line:col: level: message` with the line quoted
and a caret (or one line each with `--format parsable`, or as a JSON list with
`--format json`) on stdout, then a summary on stderr. Exit status: 0 when every file is usable
(warnings allowed, unless `--strict`), 1 when any file has an error, 2 for a
usage error such as a path that does not exist.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game import resources
from game.errors import Problem, SourceLines, format_human, format_json, sort_key, summary
from game.i18n import _

SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    pass


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help=_("check scenario files and report every problem"),
        description=_("Load and check scenario files (or every *.yaml and *.yml file in a folder) "
                      "and report every problem found."))
    parser.add_argument("paths", nargs="+", metavar="PATH", help=_("a scenario file or a folder of them"))
    parser.add_argument("--format", choices=("human", "parsable", "json"), default="human",
                        help=_("human: lines quoted with a caret (default); parsable: one line per problem; "
                               "json: a list of problem objects"))
    parser.add_argument("--strict", action="store_true", help=_("fail (exit 1) on warnings too"))
    parser.set_defaults(func=run)


def collect(paths: list[str]) -> list[str]:
    """The files to check, in order: files as given, folders searched recursively."""
    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for folder, dirs, names in os.walk(path):
                dirs.sort()
                found += [os.path.join(folder, n) for n in names if n.lower().endswith(SUFFIXES)]
            found = sorted(f for f in found if os.path.isfile(f))
            if not found:
                raise UsageError(_("no *.yaml or *.yml files in the folder '{path}'").format(path=raw))
            files += found
        elif path.is_file():
            files.append(raw)
        elif path.exists():
            raise UsageError(_("'{path}' is neither a file nor a folder").format(path=raw))
        elif resources.shipped_scenario(raw) is not None:  # `parley check moscow_2020`
            files.append(str(resources.shipped_scenario(raw)))
        else:
            raise UsageError(_("'{path}' does not exist").format(path=raw))
    return list(dict.fromkeys(files))


def run(args: argparse.Namespace) -> int:
    from game.play.check import check_file  # the rules load only when checking

    try:
        files = collect(args.paths)
    except UsageError as exc:
        print(_("parley check: error: {message}").format(message=exc), file=sys.stderr)
        return 2
    problems: list[Problem] = []
    sources = SourceLines()
    failed = False
    for file in files:
        result = check_file(file)
        sources.add(result.file, result.text)
        found = sorted(result.problems, key=sort_key)
        problems += found
        failed |= not result.ok or (args.strict and bool(found))
        if args.format == "human" and found:
            print(format_human(found, sources))
        elif args.format == "parsable":
            for p in found:
                print(p.headline())
    if args.format == "json":
        print(format_json(problems))
    else:  # the problems on stdout, the count on stderr: a pipe or an editor reads only problems
        print(summary(problems, len(files)), file=sys.stderr)
    return 1 if failed else 0
