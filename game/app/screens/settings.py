"""Settings: window size, full screen for a projector, text size, language."""

from __future__ import annotations

import pygame

from game.app.layout import Metrics, row, split_v
from game.app.screens.base import Screen
from game.app.settings import LANGUAGES, TEXT_SCALES, WINDOW_SIZES
from game.i18n import _


class SettingsScreen(Screen):
    name = "settings"

    def __init__(self, app):
        super().__init__(app)
        self.pending = app.settings

    @property
    def help_title(self) -> str:
        return _("Settings")

    def build(self, m: Metrics) -> None:
        p = self.pending
        bh = m.line
        head, s1, sizes, full, s2, scales, s3, langs, note, _rest, bottom = split_v(
            m.content(), [m.heading, m.line, bh, bh, m.line, bh, m.line, bh, m.line * 2, 1.0, m.line], gap=m.gap)
        self.label(head, _("Settings"), "@heading")
        self.label(s1, _("Window size"), "@subheading")
        w = min(round(m.font * 8), (sizes[2] - m.gap * (len(WINDOW_SIZES) - 1)) // len(WINDOW_SIZES))
        self.size_buttons = []
        for rect, size in zip(row(sizes, [w] * len(WINDOW_SIZES), m.gap), WINDOW_SIZES):
            b = self.button(rect, f"{size[0]}×{size[1]}", lambda size=size: self.set(width=size[0], height=size[1]),
                            cls="@list")
            if (p.width, p.height) == size and not p.fullscreen:
                b.select()
            self.size_buttons.append(b)
        (frect,) = row(full, [round(m.font * 16)], m.gap)
        state = _("on") if p.fullscreen else _("off")
        self.full_button = self.button(frect, _("Full screen: {state} [F]").format(state=state),
                                       lambda: self.set(fullscreen=not self.pending.fullscreen), cls="@list")
        if p.fullscreen:
            self.full_button.select()
        self.label(s2, _("Text size"), "@subheading")
        self.scale_buttons = []
        w = round(m.font * 6)
        for rect, scale in zip(row(scales, [w] * len(TEXT_SCALES), m.gap), TEXT_SCALES):
            b = self.button(rect, f"{round(scale * 100)} %", lambda scale=scale: self.set(text_scale=scale), cls="@list")
            if abs(p.text_scale - scale) < 1e-6:
                b.select()
            self.scale_buttons.append(b)
        self.label(s3, _("Language"), "@subheading")
        w = round(m.font * 9)
        for rect, (code, name) in zip(row(langs, [w] * len(LANGUAGES), m.gap), LANGUAGES.items()):
            b = self.button(rect, name, lambda code=code: self.set(language=code), cls="@list")
            if p.language == code:
                b.select()
        self.text_box(note, _("F11 switches full screen anywhere. The window can also be resized by dragging; "
                              "the settings are saved for next time."), "@small")
        w = round(m.font * 12)
        apply_, back = row(bottom, [w, w], m.gap)
        self.button(apply_, _("Apply [Enter]"), self.apply, cls="@primary")
        self.button(back, _("Back [Esc]"), self.back)

    def set(self, **changes) -> None:
        self.pending = self.pending.with_(**changes)
        self.rebuild()

    def apply(self) -> None:
        self.app.apply_settings(self.pending)
        self.pending = self.app.settings

    def back(self) -> None:
        self.app.stack.pop()

    def on_key(self, key: int, mod: int) -> bool:
        if key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS):
            up = key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)
            scales = TEXT_SCALES
            now = min(range(len(scales)), key=lambda n: abs(scales[n] - self.pending.text_scale))
            self.set(text_scale=scales[max(0, min(len(scales) - 1, now + (1 if up else -1)))])
            return True
        if key == pygame.K_f:
            self.set(fullscreen=not self.pending.fullscreen)
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not self.button_focused():
            self.apply()
            return True
        if key == pygame.K_ESCAPE:
            self.back()
            return True
        return False

    def shortcuts(self):
        return [(_("+ / −"), _("Larger or smaller text")), ("F", _("Full screen on or off")),
                (_("Enter"), _("Apply")), ("Esc", _("Back"))] + super().shortcuts()

    def autoplay_step(self) -> None:
        self.back()
