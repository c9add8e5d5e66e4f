"""Layout arithmetic: rectangles from the window size and the text scale.

Pure functions over `(x, y, w, h)` tuples (no pygame), so every screen computes
its layout the same way and the arithmetic is testable. `Metrics` turns the text
scale into the few lengths screens need: a line height, a gap, a margin.
"""

from __future__ import annotations

from dataclasses import dataclass

Rect = tuple[int, int, int, int]

BASE_FONT = 15  # px at 100 %: the body size of the theme


@dataclass(frozen=True)
class Metrics:
    width: int
    height: int
    scale: float = 1.0

    @property
    def font(self) -> int:
        return round(BASE_FONT * self.scale)

    @property
    def line(self) -> int:
        """Height of a one-line widget (button, label, entry)."""
        return round(self.font * 2.0)

    @property
    def gap(self) -> int:
        return max(4, round(self.font * 0.5))

    @property
    def margin(self) -> int:
        return max(8, round(min(self.width, self.height) * 0.02))

    @property
    def heading(self) -> int:
        return round(self.font * 2.4)

    def content(self, top: int = 0, bottom: int = 0) -> Rect:
        """The window less margins, less `top` and `bottom` bands."""
        m = self.margin
        return (m, m + top, self.width - 2 * m, self.height - 2 * m - top - bottom)


def inset(rect: Rect, dx: int, dy: int | None = None) -> Rect:
    dy = dx if dy is None else dy
    x, y, w, h = rect
    return (x + dx, y + dy, max(0, w - 2 * dx), max(0, h - 2 * dy))


def split_h(rect: Rect, fractions: list[float], gap: int = 0) -> list[Rect]:
    """Side-by-side columns taking the given shares of the width."""
    x, y, w, h = rect
    usable = max(0, w - gap * (len(fractions) - 1))
    total = sum(fractions) or 1.0
    out = []
    cursor = x
    for n, f in enumerate(fractions):
        cw = round(usable * f / total) if n < len(fractions) - 1 else x + w - cursor
        out.append((cursor, y, max(0, cw), h))
        cursor += cw + gap
    return out


def split_v(rect: Rect, heights: list[float], gap: int = 0) -> list[Rect]:
    """Stacked rows: a float up to 1.0 is a share of what is left, anything else pixels."""
    x, y, w, h = rect

    def is_share(v) -> bool:
        return isinstance(v, float) and v <= 1.0

    fixed = sum(round(v) for v in heights if not is_share(v))
    shares = sum(v for v in heights if is_share(v)) or 1.0
    rest = max(0, h - fixed - gap * (len(heights) - 1))
    out = []
    cursor = y
    for v in heights:
        rh = round(rest * v / shares) if is_share(v) else round(v)
        out.append((x, cursor, w, max(0, rh)))
        cursor += rh + gap
    return out


def grid(rect: Rect, count: int, min_width: int, gap: int) -> tuple[int, int]:
    """Columns and rows for `count` cards of at least `min_width` in `rect`."""
    if count <= 0:
        return (1, 0)
    cols = max(1, min(count, (rect[2] + gap) // max(1, min_width + gap)))
    rows = -(-count // cols)
    return cols, rows


def row(rect: Rect, widths: list[int], gap: int, align: str = "left") -> list[Rect]:
    """A row of items inside `rect`, aligned left, right or centre; shrunk evenly if too wide."""
    x, y, w, h = rect
    room = w - gap * max(0, len(widths) - 1)
    if sum(widths) > room > 0:
        widths = [max(1, int(v * room / sum(widths))) for v in widths]
    total = sum(widths) + gap * max(0, len(widths) - 1)
    if align == "right":
        x = x + w - total
    elif align == "center":
        x = x + (w - total) // 2
    out = []
    for iw in widths:
        out.append((x, y, iw, h))
        x += iw + gap
    return out
