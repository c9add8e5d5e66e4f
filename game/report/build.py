"""Writing the report's files: the page and the CSV, each atomically (game.atomic).

The names are the teacher's own choice (`--out`, `--csv`), so an existing file of
that name is replaced as a whole (never left half-written); the return value
says whether it was, so the front end can tell the teacher.
"""

from __future__ import annotations

from pathlib import Path

from game.atomic import write_atomic
from game.report.page import render
from game.report.summary import ClassSummary
from game.report.table import csv_text


def write_report(summary: ClassSummary, out: str | Path, *, source: str = "") -> tuple[Path, bool]:
    """Write the HTML page; returns (path, True if an older file was replaced)."""
    path = Path(out)
    existed = path.exists()
    write_atomic(path, render(summary, source=source))
    return path, existed


def write_csv(summary: ClassSummary, out: str | Path) -> tuple[Path, bool]:
    """Write the table of pairs as CSV; returns (path, True if an older file was replaced)."""
    path = Path(out)
    existed = path.exists()
    write_atomic(path, csv_text(summary))
    return path, existed
