"""`parley test`: run the scenario tests written in scenario files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game import resources
from game.agents import registry
from game.errors import SourceLines, format_human
from game.i18n import _, ngettext
from game.scenario import load_file
from game.play.scenariotest import describe, run_all


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("test", help=_("run the scenario tests in scenario files or folders"))
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=main)


def scenario_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        elif path.exists():
            files.append(path)
        elif resources.shipped_scenario(name) is not None:  # `parley test tutorial`
            files.append(resources.shipped_scenario(name))
        else:
            print(_("parley test: error: no such file or folder: {path}").format(path=name), file=sys.stderr)
            raise SystemExit(2)
    return files


def main(args: argparse.Namespace) -> int:
    passed = failed = broken = 0
    for path in scenario_files(args.paths):
        loaded = load_file(path, known_strategies=registry.names())
        if not loaded.ok:
            sources = SourceLines()
            sources.add(str(path), loaded.text)
            print(format_human([p for p in loaded.problems if p.is_error], sources))
            broken += 1
            continue
        assert loaded.scenario is not None
        for result in run_all(loaded.scenario):
            if result.passed:
                passed += 1
                print(_("{where}: ok: {name}").format(where=result.location, name=result.test.name))
            else:
                failed += 1
                print(describe(result))
    print(ngettext("{n} test passed", "{n} tests passed", passed).format(n=passed) + ", "
          + ngettext("{n} failed", "{n} failed", failed).format(n=failed)
          + (", " + ngettext("{n} file not loadable", "{n} files not loadable", broken).format(n=broken) if broken else ""),
          file=sys.stderr)  # the count on stderr, like `parley check`
    return 1 if failed or broken else 0
