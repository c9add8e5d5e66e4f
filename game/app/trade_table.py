"""A table drawn as a picture: the debrief's missed trades, one row per trade.

pygame_gui's text boxes have no tables, so the debrief draws this one: the
first column wraps onto as many lines as a cell needs (never cut), the other
columns are numbers aligned right, rows are ruled. When the box is too small
at the chosen text size, the text steps down (to half, which at 200% is the
100% size), like the other charts.
"""

from __future__ import annotations

import pygame

from game.app.charts import stepped
from game.app.theme import Fonts, Palette, wrap_text


def table(size, header: list[str], rows: list[list[str]], palette: Palette, fonts: Fonts) -> pygame.Surface:
    """`header` and `rows` of text; column 0 wraps, the others are right-aligned numbers."""
    return stepped(lambda step, force: _table(size, header, rows, palette, fonts, step, force))


def _table(size, header, rows, palette, fonts, step, force=False) -> pygame.Surface | None:
    w, h = size
    font, bold = fonts.get(14 * step), fonts.get(14 * step, bold=True)
    pad = max(4, font.get_height() // 3)
    line = font.get_linesize()
    number_w = [max(bold.size(header[c])[0], *(font.size(r[c])[0] for r in rows)) + 2 * pad
                for c in range(1, len(header))]
    first_w = w - sum(number_w) - 2 * pad
    if first_w < w // 3 and not force:
        return None
    cells = [wrap_text(font, r[0], first_w - pad) for r in rows]
    head_lines = wrap_text(bold, header[0], first_w - pad)
    height = pad + len(head_lines) * line + pad + sum(len(c) * line + 2 * pad for c in cells)
    if height > h and not force:
        return None
    s = pygame.Surface((w, max(h, 1)))
    s.fill(palette["panel"])
    y = pad
    xs = [pad + first_w]
    for nw in number_w:
        xs.append(xs[-1] + nw)
    for n, text in enumerate(head_lines):
        s.blit(bold.render(text, True, palette["accent"]), (pad, y + n * line))
    for c, text in enumerate(header[1:]):
        s.blit(bold.render(text, True, palette["accent"]), (xs[c + 1] - pad - bold.size(text)[0], y))
    y += len(head_lines) * line + pad
    pygame.draw.line(s, palette["muted"], (pad, y), (w - pad, y), 2)
    for row_cells, lines in zip(rows, cells):
        top = y + pad
        for n, text in enumerate(lines):
            s.blit(font.render(text, True, palette["text"]), (pad, top + n * line))
        for c, text in enumerate(row_cells[1:]):
            s.blit(font.render(text, True, palette["good"]), (xs[c + 1] - pad - font.size(text)[0], top))
        y = top + len(lines) * line + pad
        pygame.draw.line(s, palette["grid"], (pad, y), (w - pad, y), 1)
    return s
