"""Hot-seat handover: a blank screen between the players, so neither sees the other's secrets."""

from __future__ import annotations

from typing import Callable

import pygame

from game.app import keymap as keys
from game.app.layout import Metrics, row, split_v
from game.app.screens.base import Screen, esc
from game.i18n import _, local


class HandoverScreen(Screen):
    name = "handover"

    def __init__(self, app, game, party: str, then: Callable[[], None]):
        super().__init__(app)
        self.game, self.party, self.then = game, party, then

    @property
    def help_title(self) -> str:
        return _("Handover")

    def build(self, m: Metrics) -> None:
        who = local(self.game.scenario.party(self.party).name)
        w = min(m.width - 2 * m.margin, round(m.font * 44))
        x = (m.width - w) // 2
        title = _("Hand the computer over: {who}").format(who=who)
        head_h = self.height_for(title, w, "@heading", m.heading)
        h = head_h + m.line * 6 + m.gap * 4
        y = max(m.margin, (m.height - h) // 2)
        head, text, _gap, button = split_v((x, y, w, h), [head_h, m.line * 4, 1.0, m.line], gap=m.gap)
        self.label(head, title, "@heading")
        self.text_box(text, esc(_("The other player should look away now: the next screen shows the "
                                  "confidential instructions of {who}. When only that player can see the "
                                  "screen, go on.").format(who=who)))
        text = self.hinted(_("I play {who}: show my screen").format(who=who), "go")
        bw = min(w, self.app.fonts.get(15, bold=True).size(text)[0] + round(m.font * 3))
        (b,) = row(button, [bw], m.gap, align="center")
        self.go_button = self.button(b, text, self.go, cls="@primary")

    def go(self) -> None:
        self.then()

    def keymap(self) -> list[keys.Binding]:
        return [keys.Binding(keys.ENTER + (pygame.K_SPACE,), "go", _("Enter"), _("Show the next player's screen"))]

    def autoplay_step(self) -> None:
        self.go()
