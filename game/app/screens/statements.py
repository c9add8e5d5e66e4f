"""The statement menu: pick what to say, then the issue and the option it is about."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIScrollingContainer

from game.app import keymap as keys
from game.app.layout import Metrics, split_v
from game.app.screens.base import scroll_into_view
from game.app.screens.dialogs import Dialog
from game.app.table_text import kind_menu_text, menu_kinds
from game.i18n import _, local
from game.negotiation.moves import StatementKind


class StatementMenu(Dialog):
    name = "statements"
    height_share = 0.8
    width_em = 46

    def __init__(self, app, table):
        super().__init__(app, _("Say something"))
        self.table = table
        self.kind: StatementKind | None = None
        self.issue: int | None = None

    def items(self) -> list[tuple[str, object]]:
        scenario = self.table.game.scenario
        if self.kind is None:
            return [(kind_menu_text(k), k) for k in menu_kinds()]
        if self.issue is None:
            return [(local(i.title), n) for n, i in enumerate(scenario.issues)]
        return [(local(o.label), k) for k, o in enumerate(scenario.issues[self.issue].options)]

    def prompt(self) -> str:
        if self.kind is None:
            return _("What do you tell the other side? (up to 3 statements a turn)")
        if self.issue is None:
            return _("About which issue?")
        return _("Which option can you not accept?")

    def build_body(self, m: Metrics, body, buttons) -> None:
        items = self.items()
        prompt, listing = split_v(body, [m.line, 1.0], gap=max(2, m.gap // 3))
        self.label(prompt, self.prompt(), "@small", container=self.box)
        # the choices scroll when large text leaves no room for all of them
        self.listing = UIScrollingContainer(pygame.Rect(listing), self.app.manager, container=self.box,
                                            allow_scroll_x=False)
        row_h, gap = round(m.line * 0.95), max(2, m.gap // 3)
        step = row_h + gap
        inner_w = listing[2] - (22 if len(items) * step > listing[3] else 0)  # room for the scroll bar
        self.choices = []
        for n, (text, value) in enumerate(items):
            key = f"{n + 1}. " if n < 9 else ""
            b = self.button((0, n * step, inner_w, row_h), key + text,
                            lambda value=value: self.choose(value), cls="@list", container=self.listing)
            self.choices.append(b)
        self.listing.set_scrollable_area_dimensions((inner_w, max(1, len(items) * step - gap)))
        w = round(m.font * 10)
        self.button((buttons[0] + buttons[2] - w, buttons[1], w, buttons[3]), self.hinted(_("Cancel"), "close"), self.close,
                    container=self.box)
        self.focus_index = 0

    def focus_changed(self, element) -> None:
        if element in self.choices:
            scroll_into_view(self.listing, element.relative_rect)

    def choose(self, value) -> None:
        scenario = self.table.game.scenario
        if self.kind is None:
            self.kind = value
            if not self.kind.needs_issue:
                self.close()
                self.table.say(self.kind)
                return
        elif self.issue is None:
            self.issue = value
            if not self.kind.needs_option:
                self.close()
                self.table.say(self.kind, scenario.issues[self.issue].id)
                return
        else:
            issue = scenario.issues[self.issue]
            self.close()
            self.table.say(self.kind, issue.id, issue.options[value].id)
            return
        self.rebuild()

    def choose_digit(self, key: int) -> None:
        n, items = keys.digit_of(key), self.items()
        if n is not None and n <= len(items):
            self.choose(items[n - 1][1])

    def step_focus(self, key: int) -> None:
        self.move_focus(-1 if key == pygame.K_UP else 1)

    def keymap(self) -> list[keys.Binding]:
        B = keys.Binding
        return [B(keys.DIGITS, "choose_digit", _("1 … 9"), _("Choose"), pass_key=True),
                B((pygame.K_UP, pygame.K_DOWN), "step_focus", _("Up / Down, Enter"), _("Move and choose"),
                  pass_key=True),
                B((pygame.K_ESCAPE,), "close", "Esc", _("Cancel"))]

    def shortcuts(self):
        return keys.help_items(self.keymap())
