"""Debrief: the outcome space, the concession curves, missed trades, the real
protocol clause by clause, what happened next, and questions to reflect on."""

from __future__ import annotations

import pygame

from game.app import flow, mapview, trade_table
from game.app.charts import chart_fonts, concession, outcome_space
from game.app.table_model import RED_MARK
from game.app.debrief_data import Debrief, build
from game.app import keymap as keys
from game.app.layout import Metrics, row, split_h, split_v
from game.app.screens.base import Screen, TabKeys, accent, esc, scroll_text
from game.app.screens.briefing import source_line
from game.app.screens.classview import ClassView
from game import i18n
from game.i18n import _
from game.scenario import labels
from game.scenario import timing

TABS = ["space", "curves", "trades", "protocol", "aftermath", "reflection", "class"]


def tab_titles(scenario) -> dict[str, str]:
    """The tabs' names; the real agreement's tab carries the scenario's name for it."""
    return {"space": _("Outcome space"), "curves": _("Concessions"), "trades": _("Missed trades"),
            "protocol": labels.agreement_name(scenario), "aftermath": _("What happened next"), "reflection": _("Reflection"),
            "class": _("Class")}




def space_html(d: Debrief) -> str:
    you, them = d.names[d.axes[0]], d.names[d.axes[1]]   # across, up: the scenario's party order
    if d.space is None:
        return esc(d.space_error or _("The outcome space cannot be shown."))
    s = d.space
    across, up = (_("{party} (you)").format(party=d.names[p]) if p == d.viewer else d.names[p] for p in d.axes)
    out = [esc(_("Each grey dot is one complete package. Across: its points for {across}. Up: its points for "
                 "{up}. The orange line is the Pareto frontier: packages no other package beats for both "
                 "sides.").format(across=across, up=up)), ""]

    def pair(p):
        return _("{you} {a:.1f} · {them} {b:.1f}").format(you=you, them=them, a=p[0], b=p[1])

    if s.deal is not None:
        out.append(accent(_("Your deal")) + "<br>" + esc(pair(s.deal)))
        if d.red_line:
            out.append("<font color='#e46e5a'><b>" + esc(RED_MARK + " " + d.red_line) + "</b></font>")
    else:
        out.append(accent(_("No deal")) + "<br>" + esc(_("Both sides got their walk-away values.")))
    if s.historical is not None:
        out.append(accent(d.agreement) + "<br>" + esc(pair(s.historical)))
    if s.nash is not None:
        out.append(accent(_("The Nash package")) + "<br>" + esc(pair(s.nash)) + "<br>"
                   + esc(_("It makes the product of both sides' gains over walking away as large as possible.")))
    out.append(accent(_("The deal zone")) + "<br>" + esc(_("{n} packages give both sides more than walking away "
                                                        "(walk-away values: {a:g} and {b:g}).").format(
        n=i18n.number(s.deal_zone_count, 0), a=s.walk_away[0], b=s.walk_away[1])))
    return "<br><br>".join(out)


def trades_html(d: Debrief) -> str:
    """The words above the missed-trades table (or, with none, why)."""
    out = [esc(_("Changes of one or two issues to your agreement that would have left both sides better off:"))]
    if not d.trades:
        out += ["", esc(d.trades_note)]
    return "<br>".join(out)


def trades_rows(d: Debrief) -> tuple[list[str], list[list[str]]]:
    """The missed trades as a table: the change, then each side's gain in the scenario's party order."""
    header = [_("Change to your agreement")] + [d.names[p] for p in d.axes]
    rows = []
    for t in d.trades:
        gains = {d.viewer: t.gains[0], d.other: t.gains[1]}
        rows.append(["; ".join(t.changes)] + ["+" + i18n.number(gains[p], 1) for p in d.axes])
    return header, rows


def protocol_html(d: Debrief) -> str:
    out = []
    if d.historical_summary:
        out += [esc(d.historical_summary), ""]
    for c in d.clauses:
        mark = "<font color='#4fb39d'>=</font>" if c.same else "<font color='#e46e5a'>≠</font>"
        out.append(f"{mark} <b>{esc(c.issue)}</b>")
        out.append("   " + esc(_("Your agreement: {option}").format(option=c.ours)))
        out.append("   " + esc(d.agreement_line(c.theirs)))
        if c.clause:
            out.append(f"   <i>{esc(c.clause)}</i>")
        out.append("")
    return "<br>".join(out) or esc(_("This scenario names no historical agreement."))


def aftermath_html(d: Debrief) -> str:
    if not d.aftermath:
        return esc(_("This scenario tells nothing about what happened next."))
    return "<br><br>".join(f"<b><font color='#e0a526'>{esc(date)}</font></b>  {esc(text)}" for date, text in d.aftermath)


def later_sources_html(scenario) -> str:
    """The sources kept back from the briefing (published after the talks, or undated)."""
    later = timing.after_talks(scenario)
    if not later:
        return ""
    return "<br><br>" + accent(_("Later reporting")) + "<br>" + "<br>".join(source_line(src) for src in later)


def reflection_html(d: Debrief) -> str:
    if not d.reflection:
        return esc(_("No questions in this scenario."))
    return "<br><br>".join(f"<b>{n}.</b> {esc(q)}" for n, q in enumerate(d.reflection, start=1))


class DebriefScreen(TabKeys, Screen):
    tab_count = len(TABS)
    name = "debrief"

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.data = build(game, game.setup.player)
        self.tab = 0
        self.autoplay_seen = 0
        self.classview = ClassView(app, game.scenario)

    @property
    def help_title(self) -> str:
        return _("Debrief")

    def build(self, m: Metrics) -> None:
        titles = tab_titles(self.game.scenario)
        head, tabs, body, bottom = split_v(m.content(), [m.heading, m.line, 1.0, m.line], gap=m.gap)
        self.label(head, _("Debrief: {title}").format(title=titles[TABS[self.tab]]), "@heading")
        self.tab_buttons = self.tab_row(tabs, [titles[t] for t in TABS], self.tab, self.set_tab)
        self.text = None
        getattr(self, f"_build_{TABS[self.tab]}")(m, body)
        w = round(m.font * 12)
        again, title = row(bottom, [w, w], m.gap)
        self.button(again, self.hinted(_("New game"), "new_game"), self.new_game, cls="@primary")
        self.button(title, self.hinted(_("Title"), "to_title"), self.to_title)

    def _chart_and_text(self, m, body, draw, html, share=0.64):
        if body[2] / max(1.0, self.app.settings.text_scale) < 900:  # narrow: the text goes under the chart
            chart_rect, text_rect = split_v(body, [0.68, 0.32], gap=m.gap)
        else:
            chart_rect, text_rect = split_h(body, [share, 1 - share], gap=m.margin)
        self.chart = self.image(chart_rect, draw((chart_rect[2], chart_rect[3])))
        self.text = self.text_box(text_rect, html)

    def _build_space(self, m, body) -> None:
        d = self.data
        if d.space is None:
            self.text = self.text_box(body, space_html(d))
            return
        xlabel, ylabel = (_("{party}: points (you)").format(party=d.names[p]) if p == d.viewer else
                          _("{party}: points").format(party=d.names[p]) for p in d.axes)
        mark = labels.agreement_mark(self.game.scenario)
        self._chart_and_text(m, body, lambda size: outcome_space(size, d.space, xlabel, ylabel, self.app.palette,
                                                                 self.app.fonts, historical_label=mark), space_html(d))

    def _build_curves(self, m, body) -> None:
        d = self.data
        scenario = self.game.scenario
        colours = {p.id: self.app.palette.party(n) for n, p in enumerate(scenario.parties)}
        walk = dict(self.game.result()["walk_away"])
        text = esc(_("Each line follows one side's offers, in points to that side, round by round. A falling line "
                     "is a side conceding; a flat one is a side holding firm. The dashed lines are the walk-away "
                     "values: no sensible side offers below its own."))
        if d.patterns:  # first: what the student's own play showed, then how to read the chart
            text = accent(_("What your offers showed")) + "<br>" + "<br>".join(
                "• " + esc(line) for line in d.patterns) + "<br><br>" + text
        self._chart_and_text(m, body, lambda size: concession(size, d.curves, d.rounds, d.names, colours, walk,
                                                              self.app.palette, self.app.fonts), text, share=0.7)

    def _build_trades(self, m, body) -> None:
        d = self.data
        if not d.trades:
            self.text = self.text_box(body, trades_html(d))
            return
        text_rect, table_rect = split_v(body, [m.line * 2, 1.0], gap=m.gap)
        self.text = self.text_box(text_rect, trades_html(d))
        header, rows = trades_rows(d)
        self.chart = self.image(table_rect, trade_table.table((table_rect[2], table_rect[3]), header, rows,
                                                              self.app.palette, self.app.fonts))

    def _build_protocol(self, m, body) -> None:
        self.text = self.text_box(body, protocol_html(self.data))

    def _build_aftermath(self, m, body) -> None:
        scenario = self.game.scenario
        html = aftermath_html(self.data) + later_sources_html(scenario)
        if not mapview.has_map(scenario):
            self.text = self.text_box(body, html)
            return
        self._chart_and_text(m, body, lambda size: mapview.draw_map(size, self.app.palette,
                                                                    chart_fonts(self.app.fonts, size), scenario.map),
                             html, share=0.5)

    def _build_reflection(self, m, body) -> None:
        self.text = self.text_box(body, reflection_html(self.data))

    def _build_class(self, m, body) -> None:
        self.classview.build(self, m, body)
        self.text = self.classview.text

    def class_load(self, folder: str | None = None) -> None:
        """Read the results folder again (or another one) and draw the Class tab."""
        self.classview.load(folder)
        self.rebuild()

    def typing(self) -> bool:
        entry = self.classview.entry
        return TABS[self.tab] == "class" and entry is not None and entry.alive() and entry.is_focused

    def set_tab(self, n: int) -> None:
        self.tab = n % len(TABS)
        self.rebuild()

    def new_game(self) -> None:
        from game.app.screens.setup import SetupScreen
        from game.app.screens.title import TitleScreen

        self.app.stack.clear(TitleScreen(self.app, select=self.game.scenario.id))
        self.app.stack.push(SetupScreen(self.app, self.game.scenario, seed=self.game.setup.seed + 1))

    def on_key(self, key: int, mod: int) -> bool:
        if TABS[self.tab] == "class" and self.typing() and key in keys.ENTER:
            self.reload_class()
            return True
        if self.typing():  # the folder entry has the keys
            return False
        return super().on_key(key, mod)

    def to_title(self) -> None:
        flow.to_title(self.app)

    def reload_class(self) -> None:
        if TABS[self.tab] == "class":
            self.class_load(self.classview.entry.get_text() if self.classview.entry is not None else None)

    def scroll_by_key(self, key: int) -> None:
        if self.text is not None:
            scroll_text(self.text, key)

    def keymap(self) -> list[keys.Binding]:
        B = keys.Binding
        return self.tab_bindings(_("Switch between the parts of the debrief")) + [
                B(keys.SCROLL, "scroll_by_key", _("Up / Down"), _("Scroll the text"), pass_key=True),
                B((pygame.K_n,), "new_game", "N", _("New game")),
                B((pygame.K_F5,), "reload_class", "F5", _("Class tab: read the results folder again")),
                B((pygame.K_ESCAPE,), "to_title", "Esc", _("Back to the title"))]

    def autoplay_step(self) -> None:
        self.autoplay_seen += 1
        if self.autoplay_seen >= len(TABS):
            self.app.quit(0)
        else:
            self.set_tab(self.tab + 1)
