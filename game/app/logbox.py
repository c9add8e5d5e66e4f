"""A box of short lines that changes a line at a time: the offers and the talk at the table.

pygame_gui's `UITextBox` parses and renders its whole text again on every change,
and twice once a scroll bar is needed: about half a millisecond a line, so a long
game's offer history cost the frame that brought a new offer 20 ms and more.
`LogBox` keeps each line's rendering (keyed by the line's markup and the width),
so a new offer costs one line's rendering and a few blits. It reads the small
markup the table's texts use: `<br>` between lines, `<b>`, `<font color='#rrggbb'>`
and HTML entities; a line longer than the box wraps at spaces. The box's colours,
border, padding and font come from the theme's `text_box`, as a `UITextBox`'s do;
it scrolls with the mouse wheel over it and with a pygame_gui scroll bar.
"""

from __future__ import annotations

import html
import re

import pygame
from pygame_gui.elements import UIImage, UIVerticalScrollBar

TAG = re.compile(r"<(/?)(b|font)(?:\s+color=['\"]?(#[0-9a-fA-F]{6})['\"]?)?\s*>", re.IGNORECASE)
BAR_W = 14
WHEEL_LINES = 3
LINE_SPACING = 1.25  # as pygame_gui's text boxes

Run = tuple[str, tuple[int, int, int] | None, bool]   # text, colour (None: the theme's), bold


def runs_of(markup: str) -> list[Run]:
    """The runs of one line of markup (no `<br>` in it); unknown tags are dropped."""
    runs: list[Run] = []
    colours: list[tuple[int, int, int] | None] = [None]
    bold = 0
    pos = 0
    for match in TAG.finditer(markup):
        runs.append((html.unescape(re.sub(r"<[^>]*>", "", markup[pos:match.start()])), colours[-1], bold > 0))
        closing, tag, colour = match.group(1), match.group(2).lower(), match.group(3)
        if tag == "b":
            bold = max(0, bold + (-1 if closing else 1))
        elif closing:
            colours = colours[:-1] or [None]
        else:
            c = pygame.Color(colour) if colour else None
            colours.append((c.r, c.g, c.b) if c is not None else colours[-1])
        pos = match.end()
    runs.append((html.unescape(re.sub(r"<[^>]*>", "", markup[pos:])), colours[-1], bold > 0))
    return [r for r in runs if r[0]]


def wrap(runs: list[Run], width: int, font_of) -> list[list[Run]]:
    """Rows of runs no wider than `width` (a word longer than the row gets a row of its own)."""
    rows: list[list[Run]] = [[]]
    used = 0
    for text, colour, bold in runs:
        font = font_of(bold)
        for word in re.findall(r"\S+\s*|\s+", text):
            w = font.size(word.rstrip())[0]
            if used and used + w > width:
                rows.append([])
                used = 0
                word = word.lstrip()
                if not word:
                    continue
            rows[-1].append((word, colour, bold))
            used += font.size(word)[0]
    return rows


class LogBox:
    """Lines of markup in a themed, scrolling box; `html_text` is the markup shown (as a `UITextBox`'s)."""

    def __init__(self, rect, manager, fonts, container=None):
        self.rect = pygame.Rect(rect)
        self.manager, self.fonts, self.container = manager, fonts, container
        theme = manager.get_theme()
        ids = ["text_box"]
        self.bg = theme.get_colour("dark_bg", ids)
        self.border = theme.get_colour("normal_border", ids)
        self.ink = theme.get_colour("normal_text", ids)
        self.pad_x, self.pad_y = 8, 6
        self.html_text: str | None = None
        self.offset = 0            # pixels scrolled down from the top
        self.pointer = (-1, -1)    # where the mouse was last seen (the wheel scrolls the box under it)
        self.bar: UIVerticalScrollBar | None = None
        self._rows: dict[tuple[str, int], list[pygame.Surface]] = {}
        self._surfaces: list[pygame.Surface] = []
        self.rendered = 0          # lines rendered since the box was made (the cache's misses)
        self.image = UIImage(self.rect, pygame.Surface(self.rect.size), manager, container=container)
        self.image.log_box = self  # what a reader of the widgets (tests, the screenshot tour) finds on screen

    # -- text ---------------------------------------------------------------------------------
    def set_text(self, markup: str) -> None:
        """Show `markup` from its top (only lines not shown before are rendered)."""
        if markup == self.html_text:
            return
        self.html_text = markup
        self._layout()
        self.offset = 0
        self._sync_bar()
        self._draw()

    def _font(self, bold: bool) -> pygame.font.Font:
        return self.fonts.get(15, bold=bold)

    def _text_width(self) -> int:
        """Lines are laid out beside the scroll bar's place even before there is a bar, so that the bar
        appearing (a long game's offers) never lays every line out again at a new width."""
        return max(1, self.rect.width - 2 * self.pad_x - BAR_W)

    def _layout(self) -> None:
        lines = (self.html_text or "").split("<br>")
        width = self._text_width()
        self._surfaces = self._render(lines, width)
        if len(self._rows) > 2 * len(lines) + 64:  # forget lines no longer shown (a text that changed)
            shown = {(line, width) for line in lines}
            self._rows = {k: v for k, v in self._rows.items() if k in shown}

    def _render(self, lines: list[str], width: int) -> list[pygame.Surface]:
        out: list[pygame.Surface] = []
        for line in lines:
            key = (line, width)
            rows = self._rows.get(key)
            if rows is None:
                rows = self._rows[key] = [self._row(r) for r in wrap(runs_of(line), width, self._font)]
                self.rendered += 1
            out.extend(rows)
        return out

    def _row(self, runs: list[Run]) -> pygame.Surface:
        line = self._font(False).get_linesize()
        height = round(line * LINE_SPACING)
        width = sum(self._font(b).size(t)[0] for t, _c, b in runs)
        surface = pygame.Surface((max(1, width), height), pygame.SRCALPHA)
        x = 0
        for text, colour, bold in runs:
            font = self._font(bold)
            surface.blit(font.render(text, True, colour or self.ink), (x, (height - line) // 2))
            x += font.size(text)[0]
        return surface

    # -- scrolling and drawing -------------------------------------------------------------------
    def _view_height(self) -> int:
        return max(1, self.rect.height - 2 * self.pad_y)

    def _content_height(self) -> int:
        return sum(s.get_height() for s in self._surfaces)

    def handle_event(self, event) -> bool:
        """The mouse wheel over the box scrolls it (through the scroll bar, which holds the position)."""
        if event.type == pygame.MOUSEMOTION:
            self.pointer = event.pos
            return False
        if event.type != pygame.MOUSEWHEEL or self.bar is None or not self.image.rect.collidepoint(self.pointer):
            return False
        step = WHEEL_LINES * self._font(False).get_linesize() / self._content_height()
        self.bar.set_scroll_from_start_percentage(self.bar.start_percentage - event.y * step)
        return True

    def update(self) -> None:
        """Follow the scroll bar when the student moves it (called by the screen every frame)."""
        if self.bar is not None:
            offset = round(self.bar.start_percentage * self._content_height())
            if offset != self.offset:
                self.offset = offset
                self._draw()

    def _sync_bar(self) -> None:
        content, view = self._content_height(), self._view_height()
        if content <= view:
            if self.bar is not None:
                self.bar.kill()
                self.bar = None
            return
        if self.bar is None:
            rect = pygame.Rect(self.rect.right - BAR_W - 1, self.rect.top + 1, BAR_W, self.rect.height - 2)
            self.bar = UIVerticalScrollBar(rect, view / content, self.manager, container=self.container)
        else:
            self.bar.set_visible_percentage(view / content)
            self.bar.set_scroll_from_start_percentage(0.0)

    def _draw(self) -> None:
        view = self._view_height()
        surface = pygame.Surface(self.rect.size, pygame.SRCALPHA)  # opaque: its colours are premultiplied already
        surface.fill(self.bg)
        pygame.draw.rect(surface, self.border, surface.get_rect(), 1)
        surface.set_clip(pygame.Rect(self.pad_x, self.pad_y, self.rect.width - 2 * self.pad_x, view))
        y = self.pad_y - self.offset
        for row in self._surfaces:
            h = row.get_height()
            if y + h > self.pad_y and y < self.pad_y + view:
                surface.blit(row, (self.pad_x, y))
            y += h
        surface.set_clip(None)
        self.image.set_image(surface, image_is_alpha_premultiplied=True)

    def kill(self) -> None:
        if self.bar is not None:
            self.bar.kill()
        self.image.kill()
