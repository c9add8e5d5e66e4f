"""Outcome: the agreement or no deal, its story, both sides' points and the indicators."""

from __future__ import annotations

import pygame

from game.app import flow, table_model, verdict
from game.app import keymap as keys
from game.app.charts import bars
from game.app.layout import Metrics, row, split_h, split_v
from game.app.screens.base import Screen, accent, esc, scroll_text
from game.i18n import _, local


def verdict_html(game) -> str:
    """The verdict for each person at the screen (both players in hot-seat), red lines first."""
    out = []
    humans = game.setup.humans or [game.setup.player]
    for party in humans:
        v = verdict.build(game, party)
        if len(humans) > 1:
            out.append(accent(local(game.scenario.party(party).name)))
        elif not out:
            out.append(accent(_("Verdict")))
        if v.red_line:
            out.append("<font color='#e46e5a'><b>" + esc(table_model.RED_MARK + " " + v.red_line) + "</b></font>")
        out += [esc(line) for line in v.lines]
        out.append("")
    return "<br>".join(out)


def outcome_html(game) -> str:
    scenario = game.scenario
    result = game.result()
    names = {p.id: local(p.name) for p in scenario.parties}
    out = [verdict_html(game)]
    how = result["ended_by"]
    if how == "accept":
        out.append(esc(_("Agreed in round {n}.").format(n=result["rounds"])))
    elif how == "walkaway":
        last = game.session.log[-2]["party"] if len(game.session.log) > 1 else ""
        out.append(esc(_("Walked away in round {n}: {who}.").format(who=names.get(last, "?"), n=result["rounds"])))
    else:
        out.append(esc(_("The deadline passed after round {n} without an agreement.").format(n=result["rounds"])))
    out.append("")
    agreement = result["agreement"]
    if agreement:
        out.append(accent(_("The agreement")))
        for issue in scenario.issues:
            option = next(o for o in issue.options if o.id == agreement[issue.id])
            out.append(f"• <b>{esc(local(issue.title))}:</b> {esc(local(option.label))}")
        tags = {r.tag.id: r.tag for r in scenario.rules if r.tag is not None}
        if result["tags"]:
            out += ["", accent(_("What it means"))]
            for tag_id in result["tags"]:
                tag = tags.get(tag_id)
                if tag is not None:
                    out.append(f"<b>{esc(local(tag.title))}.</b> {esc(local(tag.text))}")
    else:
        out.append(accent(_("No deal")))
        out.append(esc(local(scenario.no_deal.narrative)))
    return "<br>".join(out)


class OutcomeScreen(Screen):
    name = "outcome"

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.saved_error = ""
        try:
            game.save_results()
        except OSError as exc:
            self.saved_error = str(exc)

    @property
    def help_title(self) -> str:
        return _("Outcome")

    def build(self, m: Metrics) -> None:
        game, scenario = self.game, self.game.scenario
        result = game.result()
        head, body, bottom = split_v(m.content(), [m.heading, 1.0, m.line], gap=m.gap)
        self.label(head, _("Agreement") if result["agreement"] else _("No deal"), "@heading")
        left, right = split_h(body, [0.55, 0.45], gap=m.margin)
        self.story = self.log_text(left, self.story_html())
        palette = self.app.palette
        rows = []
        for n, party in enumerate(scenario.parties):
            pts, walk = result["scores"][party.id], result["walk_away"][party.id]
            rows.append((local(party.name), pts, walk, palette.party(n),
                         _("{points:.1f} (walk-away {walk:g})").format(points=pts, walk=walk)))
        sections = [(_("Points (the line: walk-away value)"), rows)]
        if scenario.indicators:
            rows = []
            for ind in scenario.indicators:
                value = result["indicators"].get(ind.id, ind.start)
                better = (value >= ind.start) == (ind.higher_is == "better")
                span = max(1e-9, ind.max - ind.min)
                rows.append((local(ind.title), (value - ind.min) / span * 100, (ind.start - ind.min) / span * 100,
                             palette["good"] if better else palette["bad"],
                             _("{value:g} (from {start:g})").format(value=round(value, 1), start=ind.start)))
            sections.append((_("Indicators (the line: where they started)"), rows))
        self.image(right, bars((right[2], right[3]), sections, palette, self.app.fonts))
        w = round(m.font * 12)
        debrief, again, title = row(bottom, [w, w, w], m.gap)
        self.button(debrief, self.hinted(_("Debrief"), "debrief"), self.debrief, cls="@primary")
        self.button(again, self.hinted(_("New game"), "new_game"), self.new_game)
        self.button(title, self.hinted(_("Title"), "to_title"), self.to_title)

    def story_html(self) -> str:
        """The outcome's story, with why the results could not be saved above it, or where they went below it."""
        if self.saved_error:
            error = _("Could not save the results: {error}").format(error=self.saved_error)
            return accent(error) + "<br><br>" + outcome_html(self.game)
        game = self.game
        saved = _("Saved: {transcript} and {results}").format(
            transcript=game.transcript.name, results=game.results_path.name if game.results_path else "")
        return outcome_html(game) + "<br><br><font color='#8d97a8'>" + esc(saved) + "</font>"

    def scroll_by_key(self, key: int) -> None:
        scroll_text(self.story, key)

    def debrief(self) -> None:
        from game.app.screens.debrief import DebriefScreen

        self.app.stack.replace(DebriefScreen(self.app, self.game))

    def new_game(self) -> None:
        from game.app.screens.setup import SetupScreen
        from game.app.screens.title import TitleScreen

        self.app.stack.clear(TitleScreen(self.app, select=self.game.scenario.id))
        self.app.stack.push(SetupScreen(self.app, self.game.scenario, seed=self.game.setup.seed + 1))

    def to_title(self) -> None:
        flow.to_title(self.app)

    def keymap(self) -> list[keys.Binding]:
        return [keys.Binding(keys.SCROLL, "scroll_by_key", _("Up / Down, Page Up / Down"), _("Scroll the text"),
                             pass_key=True),
                keys.Binding(keys.ENTER, "debrief", _("Enter"), _("Debrief"), guard="no_button_focused"),
                keys.Binding((pygame.K_n,), "new_game", "N", _("New game with this scenario")),
                keys.Binding((pygame.K_ESCAPE,), "to_title", "Esc", _("Back to the title"))]

    def autoplay_step(self) -> None:
        self.debrief()
