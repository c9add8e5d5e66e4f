"""A command pays only for what it uses: what each `parley` process imports, and that the
parser built for one command reads the same to the user as the whole one.

(How long start-up takes is measured in benchmarks/bench_startup.py, never asserted here.)
"""

import json
import os
import subprocess
import sys

import pytest

from game.agents import registry
from game.main import COMMANDS

# Runs one command line as its own process (argv None: the `parley` script's path) and
# prints which of the watched modules it imported.
PROBE = """
import contextlib, io, json, sys
sys.argv = ["parley", *{argv!r}]
import game.main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        code = game.main.main()
    except SystemExit as exc:
        code = exc.code
watched = {watched!r}
print(json.dumps({{"code": code, "imported": sorted(m for m in watched if m in sys.modules)}}))
"""
WATCHED = ["numpy", "pydantic", "yaml", "babel", "pygame", "game.agents.base", "game.negotiation",
           "game.report", "game.workbench", "game.play.match", "game.cli.run", "game.cli.check", "game.net"]


def probe(*argv: str, env: dict | None = None) -> dict:
    code = PROBE.format(argv=list(argv), watched=WATCHED)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                         env=None if env is None else {**os.environ, **env})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_analyze_imports_the_analysis_and_nothing_it_does_not_use(tmp_path):
    cache = {"PARLEY_CACHE": str(tmp_path / "cache")}
    first = probe("analyze", "moscow_2020", "--json", env=cache)
    assert first["code"] == 0 and first["imported"] == ["numpy", "pydantic", "yaml"]
    # the file read once, its validated scenario comes from the cache: no YAML reader at all
    again = probe("analyze", "moscow_2020", "--json", env=cache)
    assert again["code"] == 0 and again["imported"] == ["numpy", "pydantic"]


def test_version_imports_neither_the_scenario_format_nor_numpy():
    got = probe("--version")
    assert got["code"] == 0 and got["imported"] == []


def test_check_does_not_import_the_other_commands():
    got = probe("check", "tutorial")
    assert got["code"] == 0
    assert "game.cli.run" not in got["imported"] and "game.report" not in got["imported"]
    assert "pygame" not in got["imported"]


def run_parley(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *argv], capture_output=True, text=True, timeout=120)


def test_a_usage_error_after_a_command_names_every_command():
    """The parser built for `analyze` alone still lists every command in its usage line."""
    out = run_parley("analyze", "moscow_2020", "--no-such-option")
    assert out.returncode == 2 and "unrecognized arguments: --no-such-option" in out.stderr
    usage = out.stderr.split("parley: error")[0]
    for _module, name in COMMANDS:
        assert name in usage


@pytest.mark.parametrize("argv", [["-h"], ["--he"], ["--lang", "tr", "-h"]])
def test_help_lists_every_command_with_its_description(argv):
    out = run_parley(*argv)
    assert out.returncode == 0
    assert "analyze" in out.stdout and "screenshots" in out.stdout and "--lang" in out.stdout
    assert out.stdout.count("\n") > len(COMMANDS)  # one line (at least) per command, not just the usage


def test_shipped_strategies_are_named_without_importing_them():
    code = ("import sys; from game.agents import registry; names = registry.names(); "
            "print(names, 'game.agents.base' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == f"{registry.names()} False"
    for name in registry.names():
        assert registry.get(name).name == name


QUICK = """
import atexit, sys
atexit.register(lambda: print("exit handlers ran"))
sys.argv = ["parley", *{argv!r}]
from game.main import run
run()
"""


@pytest.mark.parametrize("argv,code", [(["check", "tutorial"], 0), (["analyze", "tutorial", "--json"], 0),
                                       (["check", "{bad}"], 1), (["--lang", "tr", "check", "tutorial"], 0)])
def test_a_quick_exit_keeps_the_exit_code_the_output_and_the_exit_handlers(tmp_path, argv, code):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    argv = [a.format(bad=bad) for a in argv]
    out = subprocess.run([sys.executable, "-c", QUICK.format(argv=argv)], capture_output=True, text=True, timeout=120)
    assert out.returncode == code, out.stderr
    assert out.stdout.rstrip().endswith("exit handlers ran")
    if "--json" in argv:
        json.loads(out.stdout.rsplit("exit handlers ran", 1)[0])
    assert "Traceback" not in out.stderr


def test_a_quick_exit_into_a_closed_pipe_says_nothing():
    """`parley analyze moscow_2020 --json | head -c 10` (120 KB, more than a pipe holds): the reader goes
    away; no traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "game", "analyze", "moscow_2020", "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout.read(10)
    proc.stdout.close()
    _out, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err
