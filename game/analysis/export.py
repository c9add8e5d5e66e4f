"""Every package of an analysis as CSV: for spreadsheets and charts.

Header: the issue ids, then the party ids (scenario order), then `red_line`. One
row per package, in package-index order (first issue slowest): its option ids,
each party's points (rounded to 1e-9 like the JSON), and the ids of the parties
whose red line the package crosses, separated by spaces (empty if none): with the
walk-away values, enough to rebuild the deal zone from the file alone.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

import numpy as np

from game.analysis.position import numbers
from game.errors import ParleyError, Problem
from game.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    from game.analysis.analysis import Analysis

_BLOCK = 65_536


def write_outcomes(analysis: "Analysis", out: TextIO) -> int:
    """Write the CSV to an open text stream; returns the number of package rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(analysis.issue_ids) + list(analysis.party_ids) + ["red_line"])
    labels = [np.array([o.id for o in issue.options], dtype=object) for issue in analysis.scenario.issues]
    packages = analysis.book.space.packages
    points = analysis.points
    crossed = [(pid, analysis.book.red_line_mask(pid)) for pid in analysis.party_ids if analysis.book.red_lines.get(pid)]
    for start in range(0, len(packages), _BLOCK):
        rows = packages[start:start + _BLOCK]
        ids = [labels[j][rows[:, j]] for j in range(rows.shape[1])]
        scores = numbers(points[start:start + _BLOCK])
        red = np.full(len(rows), "", dtype=object)
        for pid, mask in crossed:
            part = mask[start:start + _BLOCK]
            red[part] = np.where(red[part] == "", pid, red[part] + " " + pid)
        writer.writerows(zip(*ids, *(col.tolist() for col in scores.T), red.tolist()))
    return len(packages)


def write_outcomes_csv(analysis: "Analysis", path: str) -> int:
    """Write the CSV to `path`; a file that cannot be written is a `ParleyError`."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            return write_outcomes(analysis, handle)
    except OSError as exc:
        raise ParleyError([Problem(_("cannot write the file: {reason}").format(reason=exc.strerror or exc),
                                   file=str(path), code="io")]) from exc
