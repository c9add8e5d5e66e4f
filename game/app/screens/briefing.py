"""Briefing: the public situation, your confidential instructions, the map and the sources."""

from __future__ import annotations

from typing import Callable
from urllib.parse import urlparse

import pygame

from game.app import mapview
from game.app.charts import chart_fonts
from game.app import keymap as keys
from game.app.layout import Metrics, row, split_h, split_v
from game.app.screens.base import Screen, esc, scroll_text
from game.i18n import _, local, ngettext
from game.scenario.labels import story_time
from game.scenario import timing


def briefing_html(scenario, party_id: str, standing=None) -> str:
    party = scenario.party(party_id)
    weights = dict(party.weights)
    walk = party.walk_away.value
    if standing is not None:
        ps = standing.parties[party_id]
        weights = {i.id: w for i, w in zip(scenario.issues, ps.weights)}
        walk = ps.walk_away
    h = lambda text: f"<b><font color='#e0a526'>{esc(text)}</font></b>"  # noqa: E731
    out = [h(_("The situation")), esc(local(scenario.summary))]
    if local(party.briefing):
        out += ["", esc(local(party.briefing))]
    opener = local(scenario.party(scenario.protocol.opens).name)
    rounds = scenario.protocol.rounds
    out += ["", esc(ngettext("The talks last {n} round. First offer: {opener}.",
                             "The talks last {n} rounds. First offer: {opener}.", rounds).format(
        n=rounds, opener=opener))]
    if story_time(scenario):
        out.append(esc(story_time(scenario)))
    out += ["", h(_("Confidential, only for: {party}").format(party=local(party.name)))]
    if local(party.confidential):
        out.append(esc(local(party.confidential)))
    out += ["", h(_("Your priorities (weights out of {total:g})").format(total=sum(weights.values())))]
    for issue in sorted(scenario.issues, key=lambda i: -weights.get(i.id, 0)):
        weight = weights.get(issue.id, 0)
        blocks = "■" * max(0, round(weight / 5))
        out.append(f"{esc(local(issue.title))}  <font color='#e0a526'>{blocks}</font> {weight:g}")
    out += ["", h(_("Your walk-away value: {points:g} points").format(points=walk))]
    if local(party.walk_away.story):
        out.append(esc(local(party.walk_away.story)))
    out.append(esc(_("Accept nothing worth less: with no deal you get this anyway.")))
    if party.red_lines:
        out += ["", h(_("Your red lines"))] + [f"• {esc(local(r.text))}" for r in party.red_lines]
    if scenario.learning_goals:
        out += ["", h(_("Learning goals"))] + [f"• {esc(local(g))}" for g in scenario.learning_goals]
    early = timing.before_talks(scenario)
    if early:
        out += ["", h(_("Sources"))]
        out += [source_line(src) for src in early]
        if len(early) < len(scenario.sources):
            out.append(esc(_("Later reporting waits for the debrief, so that it does not give the outcome away.")))
    return "<br>".join(out)


def source_line(src) -> str:
    """A source as a line of the briefing: its title, a state or partisan label, and where it is
    published (the site's name only: a full address would be broken mid-word on screen; the
    printed sheets carry it whole)."""
    label = timing.kind_label(src)
    tag = f" <i>({esc(label)})</i>" if label else ""
    host = urlparse(src.url).hostname or src.url
    return f"• {esc(local(src.title))}{tag} <font color='#8d97a8'>{esc(host)}</font>"


class BriefingScreen(Screen):
    name = "briefing"

    def __init__(self, app, game, party: str, on_done: Callable[[], None] | None = None, review: bool = False):
        super().__init__(app)
        self.game, self.party, self.on_done, self.review = game, party, on_done, review
        self.map_surface: pygame.Surface | None = None

    @property
    def help_title(self) -> str:
        return _("Briefing")

    def build(self, m: Metrics) -> None:
        scenario = self.game.scenario
        party = scenario.party(self.party)
        title = _("Briefing: {party}").format(party=local(party.name))
        if local(party.leader):
            title += f" · {local(party.leader)}"
        head_h = self.height_for(title, m.content()[2], "@heading", m.heading)
        head, body, bottom = split_v(m.content(), [head_h, 1.0, m.line], gap=m.gap)
        self.label(head, title, "@heading")
        if mapview.has_map(scenario):
            left, right = split_h(body, [0.52, 0.48], gap=m.margin)
        else:
            left, right = body, None
        standing = self.game.session.standing if self.review else None
        self.text = self.text_box(left, briefing_html(scenario, self.party, standing))
        if right is not None:
            size = (right[2], right[3])
            if self.map_surface is None or self.map_surface.get_size() != size:
                # map labels follow the text size only as far as the map can hold them (as the charts do)
                self.map_surface = mapview.draw_map(size, self.app.palette, chart_fonts(self.app.fonts, size),
                                                    scenario.map)
            self.map_image = self.image(right, self.map_surface)
        w = round(m.font * 14)
        if self.review:
            (back,) = row(bottom, [w], m.gap)
            self.button(back, self.hinted(_("Back to the table"), "done"), self.done, cls="@primary")
        else:
            (go,) = row(bottom, [w], m.gap)
            self.button(go, self.hinted(_("To the table"), "done"), self.done, cls="@primary")

    def done(self) -> None:
        if self.review:
            self.app.stack.pop()
        elif self.on_done is not None:
            self.on_done()

    def scroll_by_key(self, key: int) -> None:
        scroll_text(self.text, key)

    def keymap(self) -> list[keys.Binding]:
        B = keys.Binding
        done = (B((pygame.K_ESCAPE, pygame.K_b), "done", "Esc", _("Back to the table")) if self.review else
                B(keys.ENTER, "done", _("Enter"), _("Go to the table")))
        return [B(keys.SCROLL, "scroll_by_key", _("Up / Down, Page Up / Down"), _("Scroll the briefing"),
                  pass_key=True), done]

    def autoplay_step(self) -> None:
        self.done()
