"""The teacher's workbench: one scenario file seen from above, reloaded from disk with F5.

Four parts: both parties' private profiles side by side; the outcome space with
the deal zone, the Nash package and the real deal; each event and how it moves
the deal zone (`standing_after`); the checker's warnings (`check_file`). When the
file has errors after a reload they show in place of the view, exactly as
`parley check` prints them; a later F5 after fixing brings the view back, on the
same part and at the same scroll position.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pygame

from game.app.catalog import Entry, check
from game.app.charts import outcome_space
from game.app.debrief_data import Space
from game.app import keymap as keys
from game.app.layout import Metrics, row, split_h, split_v
from game.app.screens.base import Screen, esc, scroll_text, TabKeys
from game.errors import SourceLines, format_human
from game.i18n import _, local, ngettext, number
from game.scenario import labels

TABS = ["profiles", "space", "events", "warnings"]
SCROLL_KEYS = (pygame.K_DOWN, pygame.K_UP, pygame.K_PAGEDOWN, pygame.K_PAGEUP)


def tab_titles() -> dict[str, str]:
    return {"profiles": _("Profiles"), "space": _("Outcome space"), "events": _("Events"),
            "warnings": _("Checker")}


def _h(text: str) -> str:
    return f"<b><font color='#e0a526'>{esc(text)}</font></b>"


def _g(value: float) -> str:
    return f"{value:g}"


def _option(scenario, issue_id: str, option_id: str) -> str:
    issue = scenario.issue(issue_id)
    return next((local(o.label) for o in issue.options if o.id == option_id), option_id)


def profile_html(scenario, party) -> str:
    out = [_h(local(party.name))]
    if party.leader:
        out.append(f"<i>{esc(local(party.leader))}</i>")
    if party.confidential:
        out += ["", esc(local(party.confidential))]
    out += ["", _h(_("Weights and option values"))]
    for issue in scenario.issues:
        weight = party.weights.get(issue.id, 0)
        out.append(f"<b>{esc(local(issue.title))}</b> — " + esc(_("weight {w}").format(w=_g(weight))))
        for option in issue.options:
            value = party.values.get(issue.id, {}).get(option.id)
            out.append("   " + esc(f"{local(option.label)}: {'—' if value is None else _g(value)}"))
    out += ["", _h(_("Walk-away value: {v}").format(v=_g(party.walk_away.value)))]
    if party.walk_away.story:
        out.append(esc(local(party.walk_away.story)))
    out += ["", _h(_("Red lines"))]
    out += [f"• {esc(local(r.text))}" for r in party.red_lines] or [esc(_("none"))]
    persona = party.persona
    out += ["", _h(_("Persona")), esc(_("{name} — strategy: {strategy}").format(name=local(persona.name),
                                                                              strategy=persona.strategy))]
    if persona.style:
        out.append(f"<i>{esc(local(persona.style))}</i>")
    return "<br>".join(out)


@dataclass
class Standing:
    """The deal zone and the Nash package under one standing."""

    zone: int
    share: float
    nash: dict[str, str] | None
    nash_points: dict[str, float] | None
    walk_away: dict[str, float]


def standing_of(analysis) -> Standing:
    nash = analysis.nash
    total = max(1, analysis.outcome_count)
    return Standing(int(len(analysis.deal_zone)), len(analysis.deal_zone) / total,
                    dict(nash.outcome) if nash else None, dict(nash.scores) if nash else None,
                    {p: float(v) for p, v in zip(analysis.party_ids, analysis.walk_away)})


def standing_html(scenario, st: Standing, start: Standing | None = None) -> str:
    """The deal zone and the Nash package in words; with `start`, a Nash package that did not move is one line."""
    names = {p.id: local(p.name) for p in scenario.parties}
    out = [esc(_("Deal zone: {n} packages ({share}% of all)").format(n=number(st.zone, 0), share=number(100 * st.share)))]
    out.append(esc(_("Walk-away values: ") + ", ".join(f"{names[p]} {_g(v)}" for p, v in st.walk_away.items())))
    if st.nash is None:
        out.append(esc(_("No Nash package: no deal beats both walk-away values.")))
    else:
        pts = ", ".join(f"{names[p]} {number(v)}" for p, v in st.nash_points.items())
        if start is not None and start.nash == st.nash:
            out.append(esc(_("Nash package: the same as at the start ({points}).").format(points=pts)))
            return "<br>".join(out)
        out.append(esc(_("Nash package ({points}):").format(points=pts)))
        out += ["   " + esc(f"{local(scenario.issue(i).title)}: {_option(scenario, i, o)}") for i, o in st.nash.items()]
    return "<br>".join(out)


def effects_text(scenario, event) -> list[str]:
    names = {p.id: local(p.name) for p in scenario.parties}
    out = []
    for e in event.effects:
        who = names.get(e.party, e.party)
        if e.change_walk_away:
            out.append(_("{party}: walk-away value {delta}").format(party=who, delta=f"{e.change_walk_away:+g}"))
        for issue, delta in e.change_weights.items():
            out.append(_("{party}: weight of “{issue}” {delta}").format(
                party=who, issue=local(scenario.issue(issue).title), delta=f"{delta:+g}"))
    return out or [_("no effect on points")]


def zone_change_text(delta: int) -> str:
    """How many packages an event adds to or takes from the deal zone, in the language's digits."""
    return _("If it fires: the deal zone changes by {delta} packages.").format(
        delta=("+" if delta > 0 else "") + number(delta, 0))


class TeacherScreen(TabKeys, Screen):
    tab_count = len(TABS)
    name = "teacher"

    def __init__(self, app, path: Path | str):
        super().__init__(app)
        self.path = Path(path)
        self.tab = 0
        self.scroll: dict[str, float] = {}
        self.text = None
        self.boxes: list = []
        self.load()

    @property
    def help_title(self) -> str:
        return _("Teacher view")

    # -- the file --------------------------------------------------------------------------
    def load(self) -> None:
        self.entry = Entry(self.path, "user", check(self.path))
        self.analysis_error = ""
        self.start = None
        self.events: list[tuple] = []
        self.space: Space | None = None
        if not self.entry.ok:
            return
        scenario = self.entry.scenario
        try:
            from game.analysis import Analysis, standing_after

            analysis = Analysis(scenario)
            self.start = standing_of(analysis)
            a, b = scenario.party_ids[:2]
            pts = analysis.points[:, :2]
            front = pts[analysis.frontier]
            front = front[np.argsort(front[:, 0], kind="stable")]
            hist = analysis.historical

            def xy(p):
                return None if p is None else (p.scores[a], p.scores[b])

            self.space = Space(pts, front, (float(analysis.walk_away[0]), float(analysis.walk_away[1])),
                               xy(analysis.nash), None, xy(hist.point) if hist else None, self.start.zone)
            for event in scenario.events:
                after = Analysis(analysis.book, standing_after(scenario, [event.id]))
                self.events.append((event, standing_of(after)))
        except Exception as exc:  # too many packages to score, and the like: the rest of the view still works
            self.analysis_error = str(exc)

    @property
    def errors(self) -> bool:
        return not self.entry.ok

    def problems_text(self) -> str:
        return self.entry.problems_text()

    def warnings_text(self) -> str:
        warnings = [p for p in self.entry.result.problems if not p.is_error]
        if not warnings:
            return _("The checker found no warnings in this file.")
        sources = SourceLines()
        if self.entry.result.text:
            sources.add(self.entry.result.file, self.entry.result.text)
        return format_human(warnings, sources)

    def reload(self) -> None:
        """F5: read the file again; keep the part shown and its scroll position."""
        self._remember_scroll()
        self.load()
        self.rebuild()

    # -- layout ------------------------------------------------------------------------------
    def build(self, m: Metrics) -> None:
        titles = tab_titles()
        if self.errors:
            count = len(self.entry.errors)
            title = _("“{name}” has errors").format(name=self.path.name)
            line = ngettext("{n} problem to fix in {path}; fix it, save and press F5",
                            "{n} problems to fix in {path}; fix them, save and press F5", count).format(
                n=count, path=self.path)
        else:
            title = _("Teacher view: {title}").format(title=local(self.entry.scenario.title))
            line = str(self.path)
        width = m.content()[2]
        head, sub, tabs, body, bottom = split_v(m.content(), [self.height_for(title, width, "@heading", m.heading),
                                                              self.height_for(line, width, "@small", m.line),
                                                              m.line, 1.0, m.line], gap=m.gap)
        self.boxes = []
        self.text = self.chart = None
        self.tab_buttons = []
        self.label(head, title, "@heading")
        self.label(sub, line, "@small")
        if self.errors:
            self.text = self.problems_box = self.text_box((body[0], tabs[1], body[2], body[3] + tabs[3] + m.gap),
                                                          esc(self.problems_text()), "@mono")
            self.boxes = [("problems", self.text)]
        else:
            self.tab_buttons = self.tab_row(tabs, [titles[t] for t in TABS], self.tab, self.set_tab)
            getattr(self, f"_build_{TABS[self.tab]}")(m, body)
        w = round(m.font * 12)
        back, reload_ = row(bottom, [w, w], m.gap)
        self.button(back, self.hinted(_("Back"), "back"), self.back, cls="@primary")
        self.button(reload_, self.hinted(_("Reload"), "reload"), self.reload)
        self._restore_scroll()

    def _build_profiles(self, m, body) -> None:
        scenario = self.entry.scenario
        rects = split_h(body, [1 / len(scenario.parties)] * len(scenario.parties), gap=m.margin)
        for n, (party, rect) in enumerate(zip(scenario.parties, rects)):
            box = self.text_box(rect, profile_html(scenario, party))
            self.boxes.append((f"profiles-{n}", box))
        self.text = self.boxes[0][1]

    def _build_space(self, m, body) -> None:
        scenario = self.entry.scenario
        if self.space is None:
            self.text = self.text_box(body, esc(self.analysis_error or _("The outcome space cannot be shown.")))
            self.boxes.append(("space", self.text))
            return
        if body[2] / max(1.0, self.app.settings.text_scale) < 900:
            chart_rect, text_rect = split_v(body, [0.66, 0.34], gap=m.gap)
        else:
            chart_rect, text_rect = split_h(body, [0.6, 0.4], gap=m.margin)
        a, b = scenario.parties[:2]
        surface = outcome_space((chart_rect[2], chart_rect[3]), self.space,
                                _("{party}: points").format(party=local(a.name)),
                                _("{party}: points").format(party=local(b.name)), self.app.palette, self.app.fonts,
                                historical_label=labels.agreement_mark(scenario))
        self.chart = self.image(chart_rect, surface)
        parts = [esc(_("{n} possible packages.").format(n=number(len(self.space.points), 0))), standing_html(scenario, self.start)]
        if self.space.historical is not None:
            parts.append(_h(labels.agreement_name(scenario)) + "<br>" + esc(
                f"{local(a.name)} {number(self.space.historical[0])}, {local(b.name)} {number(self.space.historical[1])}"))
        self.text = self.text_box(text_rect, "<br><br>".join(parts))
        self.boxes.append(("space", self.text))

    def events_html(self) -> str:
        scenario = self.entry.scenario
        if self.analysis_error:
            return esc(self.analysis_error)
        out = [_h(_("At the start")), standing_html(scenario, self.start), ""]
        if not self.events:
            out.append(esc(_("This scenario has no events.")))
        for event, st in self.events:
            when = (_("at round {n}").format(n=event.at_round) if event.at_round is not None
                    else _("when an offer meets its condition") if event.when is not None else _("never by itself"))
            out.append(_h(local(event.title)) + " " + esc(f"({event.id}, {when})"))
            out += ["• " + esc(t) for t in effects_text(scenario, event)]
            delta = st.zone - self.start.zone
            out.append("<i>" + esc(zone_change_text(delta)) + "</i>")
            out += [standing_html(scenario, st, self.start), ""]
        return "<br>".join(out)

    def _build_events(self, m, body) -> None:
        self.text = self.text_box(body, self.events_html())
        self.boxes.append(("events", self.text))

    def _build_warnings(self, m, body) -> None:
        self.text = self.text_box(body, esc(self.warnings_text()), "@mono")
        self.boxes.append(("warnings", self.text))

    # -- scroll kept across reloads -----------------------------------------------------------------
    def _remember_scroll(self) -> None:
        for key, box in self.boxes:
            bar = getattr(box, "scroll_bar", None)
            if bar is not None:
                self.scroll[key] = bar.start_percentage

    def _restore_scroll(self) -> None:
        for key, box in self.boxes:
            bar = getattr(box, "scroll_bar", None)
            if bar is not None and key in self.scroll:
                bar.set_scroll_from_start_percentage(min(self.scroll[key], 1.0 - bar.visible_percentage))
                box.update(0.0)

    def scroll_position(self) -> float:
        bar = getattr(self.text, "scroll_bar", None) if self.text is not None else None
        return bar.start_percentage if bar is not None else 0.0

    # -- actions ---------------------------------------------------------------------------------
    def set_tab(self, n: int) -> None:
        self._remember_scroll()
        self.tab = n % len(TABS)
        self.rebuild()

    def back(self) -> None:
        self.app.stack.pop()

    def tabs_usable(self) -> bool:
        return not self.errors

    def scroll_by_key(self, key: int) -> None:
        if self.text is not None:
            scroll_text(self.text, key)

    def keymap(self) -> list[keys.Binding]:
        B = keys.Binding
        return self.tab_bindings(_("Switch between the parts of the view")) + [
                B(SCROLL_KEYS, "scroll_by_key", _("Up / Down"), _("Scroll the text"), pass_key=True),
                B((pygame.K_F5,), "reload", "F5", _("Read the file again")),
                B((pygame.K_ESCAPE,), "back", "Esc", _("Back to the title"))]
