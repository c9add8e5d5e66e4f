"""Settings: window size, full screen and the projector preset (large text, high contrast), text size, language."""

from __future__ import annotations

import pygame

from game.app import keymap as keys
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
        content = m.content()
        # large text on a small window: the section names go left of their buttons and the note goes
        compact = m.heading + 4 * (m.line + bh) + bh * 2 + m.line * 3 + 12 * m.gap > content[3]
        label_w = round(m.font * 10) if compact else 0
        room = content[2] - (label_w + m.gap if compact else 0)
        w = round(m.font * 8) if not compact else self.app.fonts.get(15).size("3840×2160")[0] + round(m.font * 1.4)
        per_row = max(1, min(len(WINDOW_SIZES), (room + m.gap) // (w + m.gap)))
        size_rows = -(-len(WINDOW_SIZES) // per_row)  # the sizes take two rows when they do not fit in one
        sizes_h = bh * size_rows + m.gap * (size_rows - 1)
        if compact:
            head, sizes, full, scales, langs, _rest, bottom = split_v(
                content, [m.heading, sizes_h, bh, bh, bh, 1.0, m.line], gap=m.gap)
            s1, s2, s3 = ((r[0], r[1], label_w, bh) for r in (sizes, scales, langs))
            sizes, full, scales, langs = ((r[0] + label_w + m.gap, r[1], room, r[3]) for r in (sizes, full, scales, langs))
            note = None
        else:
            head, s1, sizes, full, s2, scales, s3, langs, note, _rest, bottom = split_v(
                content, [m.heading, m.line, sizes_h, bh, m.line, bh, m.line, bh, m.line * 2, 1.0, m.line], gap=m.gap)
        self.label(head, _("Settings"), "@heading")
        self.label(s1, _("Window size"), "@subheading")
        self.size_buttons = []
        rects = []
        for n in range(size_rows):
            line = (sizes[0], sizes[1] + n * (bh + m.gap), sizes[2], bh)
            rects += row(line, [w] * len(WINDOW_SIZES[n * per_row:(n + 1) * per_row]), m.gap)
        for rect, size in zip(rects, WINDOW_SIZES):
            b = self.button(rect, f"{size[0]}×{size[1]}", lambda size=size: self.set(width=size[0], height=size[1]),
                            cls="@list")
            if (p.width, p.height) == size and not p.fullscreen:
                b.select()
            self.size_buttons.append(b)
        state = _("on") if p.fullscreen else _("off")
        label = self.hinted(_("Full screen: {state}").format(state=state), "toggle_fullscreen")
        contrast = self.hinted(_("High contrast: {state}").format(state=_("on") if p.contrast else _("off")),
                               "toggle_contrast")
        projector = self.hinted(_("Projector: large text, high contrast"), "projector")
        font = self.app.fonts.get(15)
        frect, crect, prect = row(full, [font.size(t)[0] + round(m.font * 1.6) for t in (label, contrast, projector)],
                                  m.gap)
        self.full_button = self.button(frect, label, self.toggle_fullscreen, cls="@list")
        if p.fullscreen:
            self.full_button.select()
        self.contrast_button = self.button(crect, contrast, self.toggle_contrast, cls="@list")
        if p.contrast:
            self.contrast_button.select()
        self.projector_button = self.button(prect, projector, self.projector, cls="@list")
        if p.is_projector:
            self.projector_button.select()
        self.label(s2, _("Text size"), "@subheading")
        self.scale_buttons = []
        w = round(m.font * (4.5 if compact else 6))
        for rect, scale in zip(row(scales, [w] * len(TEXT_SCALES), m.gap), TEXT_SCALES):
            b = self.button(rect, f"{round(scale * 100)} %", lambda scale=scale: self.set(text_scale=scale), cls="@list")
            if abs(p.text_scale - scale) < 1e-6:
                b.select()
            self.scale_buttons.append(b)
        self.label(s3, _("Language"), "@subheading")
        font = self.app.fonts.get(15)
        widths = [max(round(m.font * (6 if compact else 9)), font.size(name)[0] + round(m.font * 1.6))
                  for name in LANGUAGES.values()]
        for rect, (code, name) in zip(row(langs, widths, m.gap), LANGUAGES.items()):
            b = self.button(rect, name, lambda code=code: self.set(language=code), cls="@list")
            if p.language == code:
                b.select()
        if note is not None:
            self.text_box(note, _("F11 switches full screen anywhere. The window can also be resized by dragging; "
                                  "the settings are saved for next time."), "@small")
        font = self.app.fonts.get(15, bold=True)
        texts = (self.hinted(_("Apply"), "apply"), self.hinted(_("Back"), "back"))
        w = max(round(m.font * 12), *(font.size(t)[0] + round(m.font * 1.6) for t in texts))
        apply_, back = row(bottom, [w, w], m.gap)
        self.button(apply_, texts[0], self.apply, cls="@primary")
        self.button(back, texts[1], self.back)

    def set(self, **changes) -> None:
        self.pending = self.pending.with_(**changes)
        self.rebuild()

    def apply(self) -> None:
        self.app.apply_settings(self.pending)
        self.pending = self.app.settings

    def back(self) -> None:
        self.app.stack.pop()

    def toggle_fullscreen(self) -> None:
        self.set(fullscreen=not self.pending.fullscreen)

    def toggle_contrast(self) -> None:
        self.set(contrast=not self.pending.contrast)

    def projector(self) -> None:
        """The projector preset (150% text, high contrast), applied at once: the room sees it straight away."""
        self.pending = self.pending.projector()
        self.apply()

    def text_step(self, key: int) -> None:
        up = key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)
        scales = TEXT_SCALES
        now = min(range(len(scales)), key=lambda n: abs(scales[n] - self.pending.text_scale))
        self.set(text_scale=scales[max(0, min(len(scales) - 1, now + (1 if up else -1)))])

    def keymap(self) -> list[keys.Binding]:
        return [keys.Binding((pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS),
                             "text_step", _("+ / −"), _("Larger or smaller text"), pass_key=True),
                keys.Binding((pygame.K_f,), "toggle_fullscreen", "F", _("Full screen on or off")),
                keys.Binding((pygame.K_c,), "toggle_contrast", "C", _("High contrast on or off")),
                keys.Binding((pygame.K_p,), "projector", "P", _("Projector preset: 150% text, high contrast")),
                keys.Binding(keys.ENTER, "apply", _("Enter"), _("Apply"), guard="no_button_focused"),
                keys.Binding((pygame.K_ESCAPE,), "back", "Esc", _("Back"))]

    def autoplay_step(self) -> None:
        self.back()
