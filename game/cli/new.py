"""`parley new PATH [--from SCENARIO]`: start a new scenario file.

Without `--from`, writes the commented starter (two parties, three issues, a red
line, a rule, an event, the historical package and two scenario tests), which
passes `parley check` and `parley test` as it is. With `--from SCENARIO` (a file,
or the name of a shipped scenario such as `moscow_2020`), copies that scenario
unchanged except for its id. Either way the id comes from the new file's name and
the first line points editors at the JSON Schema (see `game/workbench/starter.py`).

PATH must end in `.yaml` or `.yml`; missing folders are created. An existing
file is never overwritten: the command refuses (exit 1) and writes nothing. The
file is written atomically (`game.atomic.create_exclusive`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.atomic import create_exclusive
from game.play.catalog import resolve_scenario_path
from game.errors import ParleyError, Problem, SourceLines, format_human, summary
from game.i18n import _
from game.workbench import starter

SUFFIXES = (".yaml", ".yml")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "new", help=_("start a new scenario file: a commented example, or a copy of a scenario"),
        description=_("Write a new scenario file: a small, complete example with a comment on every field, "
                      "or (with --from) a copy of an existing scenario with a new id. Never overwrites a file."))
    p.add_argument("path", metavar="PATH", help=_("the new file, ending in .yaml or .yml"))
    p.add_argument("--from", dest="source", metavar="SCENARIO",
                   help=_("copy this scenario (a file, or a shipped name such as moscow_2020) instead of the example"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = Path(args.path)
    if not target.name.lower().endswith(SUFFIXES):
        raise ParleyError([Problem(_("the new file's name must end in .yaml or .yml: '{path}'").format(path=args.path),
                                   file=args.path, code="new", hint=_("for example: {path}.yaml").format(path=args.path))])
    if target.exists() or target.is_symlink():
        raise _exists(args.path)
    new_id = starter.scenario_id(target)
    first = starter.schema_line(target)
    if args.source:
        source = resolve_scenario_path(args.source)
        try:
            raw = source.read_bytes()
            text = raw.decode("utf-8-sig")
        except OSError as exc:
            raise ParleyError([Problem(_("cannot read the file: {reason}").format(reason=exc.strerror or exc),
                                       file=str(source), code="io")]) from None
        except UnicodeDecodeError:
            raise ParleyError([Problem(_("cannot copy '{file}': it is not UTF-8 text").format(file=source),
                                       file=str(source), code="copy",
                                       hint=_("run 'parley check' on it to see the mistake"))]) from None
        text = starter.copy_text(text, new_id, first, file=str(source))
    else:
        text = starter.starter_text(new_id, first)
    try:
        create_exclusive(target, text)
    except FileExistsError:
        raise _exists(args.path) from None
    if args.source:
        print(_("Wrote {path}: a copy of {source} with the id '{id}'.").format(path=args.path, source=source, id=new_id))
    else:
        print(_("Wrote {path}: a starter scenario with the id '{id}'.").format(path=args.path, id=new_id))
    _report(target)
    print(_("Next: edit it, then run 'parley check {path}' and 'parley test {path}'.").format(path=args.path))
    return 0


def _exists(path: str) -> ParleyError:
    return ParleyError([Problem(_("'{path}' already exists; parley new never overwrites a file").format(path=path),
                                file=path, code="exists",
                                hint=_("choose another name, or move the old file away first"))])


def _report(target: Path) -> None:
    """Check the new file and show what the checker says (a copy may carry the source's problems)."""
    from game.play.check import check_file

    result = check_file(target)
    if result.problems:
        sources = SourceLines()
        sources.add(result.file, result.text)
        print(format_human(result.problems, sources), file=sys.stderr)
    print(summary(result.problems, 1), file=sys.stderr)  # the count on stderr, like `parley check`
