"""The table of pairs as CSV, for a gradebook: one row per game, one column per fact.

Columns: file, date, seed, then for each party (scenario order) `<party>_name`,
`<party>_player` (ai:STRATEGY, human, script or unknown) and `<party>_points`,
then agreement (yes/no), ended_by, joint_points, distance_to_frontier (empty
without a deal), on_frontier (yes/no, empty without a deal), rounds, and
red_lines_crossed: the parties whose own red lines the deal crosses, as
"party: n" joined by "; " (empty when none). Column
names are fixed ids (not translated) so a spreadsheet formula keeps working.
The file starts with a UTF-8 byte-order mark so that Excel reads "Ayşe" right.
"""

from __future__ import annotations

import csv
import io

from game.report.summary import ClassSummary


def header(summary: ClassSummary) -> list[str]:
    cols = ["file", "date", "seed"]
    for pid in summary.parties:
        cols += [f"{pid}_name", f"{pid}_player", f"{pid}_points"]
    return cols + ["agreement", "ended_by", "joint_points", "distance_to_frontier", "on_frontier", "rounds",
                   "red_lines_crossed"]


def rows(summary: ClassSummary) -> list[list[str]]:
    out = []
    for p in summary.pairs:
        row = [p.file, p.date, str(p.seed)]
        for pid in summary.parties:
            row += [p.names.get(pid) or "", p.types[pid], f"{p.points[pid]:.2f}"]
        row += ["yes" if p.agreement else "no", p.ended_by, f"{p.joint:.2f}",
                "" if p.distance is None else f"{p.distance:.2f}",
                "" if p.on_frontier is None else ("yes" if p.on_frontier else "no"), str(p.rounds),
                "; ".join(f"{pid}: {len(texts)}" for pid, texts in p.red_lines.items())]
        out.append(row)
    return out


def csv_text(summary: ClassSummary) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header(summary))
    writer.writerows(rows(summary))
    return buffer.getvalue()
