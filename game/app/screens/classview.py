"""The debrief's Class tab: a folder of results summarised for the scenario just played.

`ClassView` keeps the folder and the `ClassSummary` read from it (`load_class`);
the debrief screen calls `build(screen, m, body)` to draw it: a folder entry, the
scatter of every pair's deal over the frontier, the Nash package and the real
deal, and a text column with the agreement rate, the option frequencies next to
the real choice, the means by role and by opponent, and the files set aside.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from game.app import paths
from game.app.charts import outcome_space
from game.app.debrief_data import Space
from game.app.layout import row, split_h, split_v
from game.app.screens.base import esc
from game.i18n import _, ngettext, number
from game.scenario import labels
from game.report.summary import ClassSummary, load_class, opponent_label

BAR = "■"


def _h(text: str) -> str:
    return f"<b><font color='#e0a526'>{esc(text)}</font></b>"


def rate_text(s: ClassSummary) -> str:
    if s.agreement_rate is None:
        return _("No games yet")
    return _("Agreement rate: {rate}% ({deals} of {games} games)").format(
        rate=number(100 * s.agreement_rate, 0), deals=s.agreements, games=s.games)


def frequencies_html(s: ClassSummary) -> str:
    out = []
    for issue in s.issues:
        out.append(f"<b>{esc(issue.title)}</b>")
        for o in issue.options:
            bar = BAR * o.count if o.count <= 30 else BAR * 30 + "…"
            real = "  <font color='#4fb39d'>" + esc(_("← the real choice")) + "</font>" if o.historical else ""
            out.append(f"  {esc(o.label)}: <font color='#e0a526'>{bar}</font> {o.count}{real}")
    return "<br>".join(out)


def means_html(s: ClassSummary) -> str:
    out = [_h(_("Mean points by role"))]
    for mean in s.mean_by_role:
        out.append(esc(_("{party}: {points} (n = {n})").format(party=s.parties.get(mean.party, mean.party),
                                                            points=number(mean.mean), n=mean.n)))
    out += ["", _h(_("Mean points by opponent"))]
    for mean in s.mean_by_opponent:
        out.append(esc(_("{party} against {opponent}: {points} (n = {n})").format(
            party=s.parties.get(mean.party, mean.party), opponent=opponent_label(mean.group),
            points=number(mean.mean), n=mean.n)))
    return "<br>".join(out)


def notes_html(s: ClassSummary) -> str:
    if not s.set_aside:
        return esc(_("No files were set aside."))
    return "<br>".join(f"• <b>{esc(a.file)}</b>: {esc(a.note)}" for a in s.set_aside)


def summary_html(s: ClassSummary) -> str:
    parts = [_h(rate_text(s))]
    if s.dates:
        parts.append(esc(_("Played from {first} to {last}").format(first=s.dates[0], last=s.dates[1])))
    parts += ["", _h(_("Options chosen in the deals")), frequencies_html(s), "", means_html(s), "",
              _h(_("Set aside")), notes_html(s)]
    return "<br>".join(parts)


def empty_html(folder: Path, s: ClassSummary | None) -> str:
    out = [esc(_("No games of this scenario in {folder} yet.").format(folder=folder)), "",
           esc(_("Each finished game writes a results file there. Type another folder above "
                 "(for example your students' shared drive) and press Load."))]
    if s is not None and s.set_aside:
        out += ["", _h(_("Set aside")), notes_html(s)]
    return "<br>".join(out)


def chart_space(s: ClassSummary) -> tuple[Space, np.ndarray]:
    """The class summary's chart points as the debrief's `Space` (first party across), plus the deals."""
    a, b = list(s.parties)[:2]

    def xy(p):
        return None if p is None else (p.points[a], p.points[b])

    front = np.array([xy(p) for p in s.frontier], dtype=float).reshape(-1, 2)
    front = front[np.argsort(front[:, 0], kind="stable")]
    deals = np.array([(p.points[a], p.points[b]) for p in s.pairs if p.agreement], dtype=float).reshape(-1, 2)
    wa = (s.walk_away.get(a, 0.0), s.walk_away.get(b, 0.0))
    return Space(np.zeros((0, 2)), front, wa, xy(s.nash), None, xy(s.historical), 0), deals


class ClassView:
    """The state of the Class tab: which folder, and what was read from it."""

    def __init__(self, app, scenario):
        self.app = app
        self.scenario = scenario
        self.folder = paths.results(app.base)
        self.summary: ClassSummary | None = None
        self.error = ""
        self.entry = self.text = self.chart = None

    def load(self, folder: str | Path | None = None) -> None:
        if folder is not None:
            self.folder = Path(str(folder).strip()).expanduser()
        self.summary, self.error = None, ""
        if not self.folder.is_dir():
            self.error = _("There is no folder {folder}.").format(folder=self.folder)
            return
        try:
            self.summary = load_class(self.folder, self.scenario)
        except Exception as exc:  # a folder we cannot read: say so, do not crash the debrief
            self.error = _("The folder could not be read: {error}").format(error=exc)

    @property
    def empty(self) -> bool:
        return self.summary is None or self.summary.games == 0

    def build(self, screen, m, body) -> None:
        if self.summary is None and not self.error:
            self.load()
        bar, rest = split_v(body, [m.line, 1.0], gap=m.gap)
        label_w = screen.app.fonts.get(screen.font_px(None)).size(_("Results folder:"))[0] + 24
        load_w = round(m.font * 8)
        lab, entry, load = row(bar, [label_w, bar[2] - label_w - load_w - 2 * m.gap, load_w], m.gap)
        screen.label(lab, _("Results folder:"))
        self.entry = screen.entry(entry, str(self.folder))
        screen.button(load, screen.hinted(_("Load"), "reload_class"), lambda: screen.class_load(self.entry.get_text()))
        self.chart = None
        if self.error or self.empty:
            html = esc(self.error) if self.error else empty_html(self.folder, self.summary)
            self.text = screen.text_box(rest, html)
            return
        s = self.summary
        if rest[2] / max(1.0, self.app.settings.text_scale) < 900:
            chart_rect, text_rect = split_v(rest, [0.6, 0.4], gap=m.gap)
        else:
            chart_rect, text_rect = split_h(rest, [0.55, 0.45], gap=m.margin)
        names = list(s.parties.values())
        space, deals = chart_space(s)
        surface = outcome_space((chart_rect[2], chart_rect[3]), space, _("{party}: points").format(party=names[0]),
                                _("{party}: points").format(party=names[1]), self.app.palette, self.app.fonts,
                                historical_label=labels.agreement_mark(self.scenario),
                                deals=deals, deals_label=ngettext("{n} deal of the class", "{n} deals of the class",
                                                                  len(deals)).format(n=len(deals)))
        self.chart = screen.image(chart_rect, surface)
        self.text = screen.text_box(text_rect, summary_html(s))
