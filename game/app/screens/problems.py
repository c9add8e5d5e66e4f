"""A scenario that cannot be played: its problems, as `parley check` prints them."""

from __future__ import annotations

import pygame

from game.app.catalog import Entry, check
from game.app import keymap as keys
from game.app.layout import Metrics, row, split_v
from game.app.screens.base import Screen, esc, scroll_text
from game.i18n import _, ngettext


class ProblemsScreen(Screen):
    name = "problems"

    def __init__(self, app, entry: Entry):
        super().__init__(app)
        self.entry = entry

    @property
    def help_title(self) -> str:
        return _("Problems")

    def build(self, m: Metrics) -> None:
        count = len(self.entry.errors)
        title = _("“{name}” cannot be played yet").format(name=self.entry.path.name)
        line = ngettext("{n} problem to fix in {path}", "{n} problems to fix in {path}", count).format(
            n=count, path=self.entry.path)
        width = m.content()[2]
        head, sub, body, bottom = split_v(m.content(), [self.height_for(title, width, "@heading", m.heading),
                                                        self.height_for(line, width, "@small", m.line), 1.0, m.line],
                                          gap=m.gap)
        self.label(head, title, "@heading")
        self.label(sub, line, "@small")
        self.problems_box = self.text_box(body, esc(self.entry.problems_text()), "@mono")
        w = round(m.font * 12)
        back, reload_ = row(bottom, [w, w], m.gap)
        self.button(back, self.hinted(_("Back"), "back"), self.back, cls="@primary")
        self.button(reload_, self.hinted(_("Check again"), "recheck"), self.recheck)

    def back(self) -> None:
        self.app.stack.pop()

    def recheck(self) -> None:
        self.entry.result = check(self.entry.path)
        self.rebuild()

    def scroll_by_key(self, key: int) -> None:
        scroll_text(self.problems_box, key)

    def keymap(self) -> list[keys.Binding]:
        B = keys.Binding
        return [B((pygame.K_ESCAPE, pygame.K_BACKSPACE), "back", "Esc", _("Back to the scenarios")),
                B((pygame.K_r,), "recheck", "R", _("Check the file again")),
                B(keys.SCROLL, "scroll_by_key", _("Up / Down, Page Up / Down"), _("Scroll"), pass_key=True)]

    def autoplay_step(self) -> None:
        self.back()
