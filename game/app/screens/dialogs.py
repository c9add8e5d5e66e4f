"""Dialogs drawn over the current screen: confirm, notice (news), help.

A dialog is a see-through scene (`opaque = False`): the screen below stays in
view behind a veil that also catches the clicks meant for it, and only the
dialog gets the keyboard. Every dialog closes with Esc.

A dialog opens in one frame (news comes in the frame that shows the other side's
move), so its veil and frame are `Backdrop` pictures drawn once and kept, not
pygame_gui panels, and its text is a `LogBox` (rendered once a line) rather than a
`UITextBox`, which parses its markup and renders it again whenever it is built.
"""

from __future__ import annotations

from typing import Callable

import pygame
from pygame_gui.core import UIContainer

from game.app import keymap as keys
from game.app.backdrop import Backdrop
from game.app.layout import Metrics, row, split_v
from game.app.logbox import LogBox
from game.app.screens.base import Screen, esc, scroll_text
from game.i18n import _


class Dialog(Screen):
    opaque = False
    layer = 40
    name = "dialog"
    width_em = 38     # dialog width in body-font ems
    height_share = 0.6

    def __init__(self, app, title: str):
        super().__init__(app)
        self.title = title

    def build(self, m: Metrics) -> None:
        manager = self.app.manager
        Backdrop((0, 0, m.width, m.height), manager, "@veil", container=self.root, starting_height=1)
        w = min(m.width - 2 * m.margin, round(m.font * self.width_em))
        h = min(m.height - 2 * m.margin, max(round(m.height * self.height_share), m.line * 6))
        x, y = (m.width - w) // 2, (m.height - h) // 2
        Backdrop((x, y, w, h), manager, "@dialog", container=self.root, starting_height=2)
        edge = 2  # inside the frame's border, where a panel's own container would start
        self.box = UIContainer(pygame.Rect(x + edge, y + edge, w - 2 * edge, h - 2 * edge), manager, starting_height=3,
                               container=self.root)
        inner = (m.gap * 2, m.gap * 2, w - m.gap * 4 - 4, h - m.gap * 4 - 4)
        title, body, buttons = split_v(inner, [m.heading, 1.0, m.line], gap=m.gap)
        self.label(title, self.title, "@heading", container=self.box)
        self.build_body(m, body, buttons)

    def build_body(self, m: Metrics, body, buttons) -> None:
        pass

    def body_text(self, rect, markup: str) -> LogBox:
        """The dialog's text (it scrolls when long)."""
        return self.log_text(rect, markup, container=self.box)

    def scroll_by_key(self, key: int) -> None:
        for box in self.log_boxes:
            scroll_text(box, key)

    def scroll_binding(self) -> keys.Binding:
        return keys.Binding(keys.SCROLL, "scroll_by_key", _("Up / Down, Page Up / Down"), _("Scroll the text"),
                            pass_key=True)

    def close(self) -> None:
        if self in self.app.stack:
            self.app.stack.remove(self)

    def keymap(self) -> list[keys.Binding]:
        return [keys.Binding((pygame.K_ESCAPE,), "close", "Esc", _("Close"))]


class ConfirmDialog(Dialog):
    name = "confirm"
    height_share = 0.42

    def __init__(self, app, title: str, text: str, yes: str, on_yes: Callable[[], None], no: str | None = None,
                 danger: bool = False):
        super().__init__(app, title)
        self.text, self.yes_text, self.no_text = text, yes, no or _("Cancel")
        self.on_yes, self.danger = on_yes, danger

    def build_body(self, m, body, buttons) -> None:
        self.body_text(body, esc(self.text))
        w = min(buttons[2] // 2 - m.gap, round(m.font * 15))
        no_rect, yes_rect = row(buttons, [w, w], m.gap, align="right")
        self.no_button = self.button(no_rect, self.hinted(self.no_text, "close"), self.close, container=self.box)
        self.yes_button = self.button(yes_rect, self.hinted(self.yes_text, "confirm"), self.confirm,
                                      cls="@danger" if self.danger else "@primary", container=self.box)
        self.focus_index = 0 if self.danger else 1  # Enter never defaults to the destructive choice

    def confirm(self) -> None:
        self.close()
        self.on_yes()

    def keymap(self) -> list[keys.Binding]:
        return [keys.Binding((pygame.K_y,), "confirm", "Y", self.yes_text),
                keys.Binding((pygame.K_n, pygame.K_ESCAPE), "close", "N", self.no_text),
                keys.Binding((), None, "Esc", self.no_text)]

    def autoplay_step(self) -> None:
        self.confirm()


class NoticeDialog(Dialog):
    """News and messages: one button to go on."""

    name = "notice"
    height_share = 0.5

    def __init__(self, app, title: str, html_text: str, button: str | None = None,
                 on_close: Callable[[], None] | None = None):
        super().__init__(app, title)
        self.html_text = html_text
        self.button_text = button or _("Continue")
        self.on_close = on_close

    def build_body(self, m, body, buttons) -> None:
        self.body_text(body, self.html_text)
        w = min(buttons[2], round(m.font * 15))
        (ok,) = row(buttons, [w], m.gap, align="right")
        self.ok_button = self.button(ok, self.hinted(self.button_text, "dismiss"), self.dismiss, cls="@primary",
                                     container=self.box)
        self.focus_index = 0

    def dismiss(self) -> None:
        self.close()
        if self.on_close is not None:
            self.on_close()

    def keymap(self) -> list[keys.Binding]:
        return [keys.Binding(keys.ENTER + (pygame.K_ESCAPE, pygame.K_SPACE), "dismiss", _("Enter"), self.button_text),
                keys.Binding((), None, _("Esc / Space"), self.button_text), self.scroll_binding()]

    def autoplay_step(self) -> None:
        self.dismiss()


class HelpDialog(Dialog):
    name = "help"
    is_help = True
    height_share = 0.8
    width_em = 44

    def __init__(self, app, title: str, shortcuts: list[tuple[str, str]]):
        super().__init__(app, _("Keys: {screen}").format(screen=title))
        self.items = shortcuts

    def build_body(self, m, body, buttons) -> None:
        lines = [f"<b>{esc(keys)}</b>    {esc(text)}" for keys, text in self.items]
        lines.append("")
        lines.append(esc(_("Everything can also be done with the mouse: every action has a button.")))
        self.body_text(body, "<br>".join(lines))
        w = min(buttons[2], round(m.font * 12))
        (ok,) = row(buttons, [w], m.gap, align="right")
        self.button(ok, self.hinted(_("Close"), "close"), self.close, cls="@primary", container=self.box)
        self.focus_index = 0

    def keymap(self) -> list[keys.Binding]:
        return [keys.Binding((pygame.K_ESCAPE, pygame.K_F1) + keys.ENTER, "close", "Esc", _("Close")),
                self.scroll_binding()]

    def autoplay_step(self) -> None:
        self.close()
