"""The class report: a folder of results files as one page a teacher can project.

    summary = class_summary(scenario, results, skipped=problems)   # the data (pure)
    summary = load_class(folder, scenario)                         # read a folder, then the same
    html = render(summary, source=folder)                          # the page (self-contained)
    write_report(summary, "class.html", source=folder)             # written atomically
    write_csv(summary, "class.csv")                                # the table of pairs

The pygame debrief draws the same `ClassSummary`; nothing here imports pygame.
"""

from game.report.build import write_csv, write_report
from game.report.page import render
from game.report.summary import ClassSummary, class_summary, load_class

__all__ = ["ClassSummary", "class_summary", "load_class", "render", "write_csv",
           "write_report"]
