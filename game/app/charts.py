"""Charts drawn with pygame primitives onto surfaces: the points meter, the
outcome space, the concession curves, and labelled bars."""

from __future__ import annotations

import numpy as np
import pygame

from game.app.theme import Fonts, Palette, fit_text, wrap_text
from game.i18n import _


def _text(surface, font, text, colour, **anchor) -> pygame.Rect:
    img = font.render(text, True, colour)
    rect = img.get_rect(**anchor)
    surface.blit(img, rect)
    return rect


def meter(size, value: float, walk_away: float, offer: float | None, palette: Palette, fonts: Fonts,
          red_line: bool = False) -> pygame.Surface:
    """Your package's points on a 0-100 bar, with your walk-away value and their offer marked.

    Every text stays whole: the verdict moves under the points when the line is
    too short, and when the box is too small for everything at the chosen text
    size the meter's text steps down (to half, which at 200% is the 100% size).
    """
    return stepped(lambda step, force: _meter(size, value, walk_away, offer, palette, fonts, red_line, step, force))


TEXT_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)  # a chart's text scales, tried in turn until everything fits


def stepped(draw) -> pygame.Surface:
    """`draw(step, force)` at each of `TEXT_STEPS` until it fits (returns a surface, not None); else forced."""
    for step in TEXT_STEPS:
        surface = draw(step, False)
        if surface is not None:
            return surface
    return draw(TEXT_STEPS[-1], True)


def _meter(size, value, walk_away, offer, palette, fonts, red_line, step, force=False) -> pygame.Surface | None:
    w, h = size
    s = pygame.Surface((w, h))
    s.fill(palette["panel"])
    font = fonts.get(13 * step)
    big = fonts.get(18 * step, bold=True)
    pad = max(4, min(h // 10, font.get_height() // 2))
    room = w - 2 * pad
    good = value > walk_away and not red_line
    colour = palette["good"] if good else palette["bad"]
    head = _text(s, big, _("{points:.1f} points").format(points=value), colour, topleft=(pad, pad))
    verdict = (_("crosses a red line") if red_line else
               _("above your walk-away value") if good else _("not better than walking away"))
    vw = font.size(verdict)[0]
    if head.width + pad + vw <= room:
        under = _text(s, font, verdict, palette["text"], midleft=(head.right + pad, head.centery)).bottom
        top = head.bottom
    else:
        if not force and (vw > room or head.width > room):
            return None
        top = under = _text(s, font, fit_text(font, verdict, room), palette["text"], topleft=(pad, head.bottom)).bottom
    bar = pygame.Rect(pad, max(top, under) + pad, room, max(6, font.get_height() * 2 // 3))
    pygame.draw.rect(s, palette["grid"], bar, border_radius=4)
    fill = bar.copy()
    fill.width = round(bar.width * max(0.0, min(100.0, value)) / 100)
    pygame.draw.rect(s, colour, fill, border_radius=4)
    wx = bar.x + round(bar.width * walk_away / 100)
    pygame.draw.line(s, palette["text"], (wx, bar.top - 4), (wx, bar.bottom + 4), 3)
    below = bar.bottom + 5
    text = _("walk-away {points:.0f}").format(points=walk_away)
    place = font.render(text, True, palette["text"]).get_rect(midtop=(wx, below))
    place.clamp_ip(pygame.Rect(bar.x, below, bar.width, place.height))  # whole at any text size
    label = _text(s, font, text, palette["text"], topleft=place.topleft)
    bottom = label.bottom
    if offer is not None:
        ox = bar.x + round(bar.width * max(0.0, min(100.0, offer)) / 100)
        mark = max(5, font.get_height() // 3)
        pygame.draw.polygon(s, palette["party_1"], [(ox, bar.top - 2), (ox - mark, bar.top - 2 - mark * 3 // 2),
                                                    (ox + mark, bar.top - 2 - mark * 3 // 2)])
        text = _("their offer {points:.1f}").format(points=offer)
        rect = font.render(text, True, palette["party_1"]).get_rect(midtop=(ox, below))
        rect.clamp_ip(pygame.Rect(bar.x, below, bar.width, rect.height))
        if rect.colliderect(label.inflate(8, 0)):
            rect.top = label.bottom + 1
        bottom = _text(s, font, text, palette["party_1"], topleft=rect.topleft).bottom
    if bottom > h and not force:
        return None
    return s


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    span = max(hi - lo, 1e-9)
    raw = span / count
    mag = 10 ** np.floor(np.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=mag * 10)
    start = np.ceil(lo / step) * step
    return [float(v) for v in np.arange(start, hi + step * 0.001, step)]


class _Axes:
    def __init__(self, surface, rect: pygame.Rect, xr, yr):
        self.surface, self.rect, self.xr, self.yr = surface, rect, xr, yr

    def x(self, v):
        return self.rect.x + (np.asarray(v) - self.xr[0]) / (self.xr[1] - self.xr[0]) * self.rect.width

    def y(self, v):
        return self.rect.bottom - (np.asarray(v) - self.yr[0]) / (self.yr[1] - self.yr[0]) * self.rect.height

    def p(self, v):
        return (round(float(self.x(v[0]))), round(float(self.y(v[1]))))


def _fitting(fonts: Fonts, size: float, text: str, width: int, bold: bool = True) -> pygame.font.Font:
    """The font of `size` a step smaller (to half) until `text` fits `width`; the smallest if it never does."""
    for step in TEXT_STEPS:
        font = fonts.get(size * step, bold=bold)
        if font.size(text)[0] <= width:
            break
    return font


def _frame(s, rect, xr, yr, xlabel, ylabel, palette, fonts) -> _Axes:
    font = fonts.get(12)
    axes = _Axes(s, rect, xr, yr)
    for t in _nice_ticks(*xr):
        x = round(float(axes.x(t)))
        pygame.draw.line(s, palette["grid"], (x, rect.top), (x, rect.bottom))
        _text(s, font, f"{t:g}", palette["muted"], midtop=(x, rect.bottom + 4))
    for t in _nice_ticks(*yr):
        y = round(float(axes.y(t)))
        pygame.draw.line(s, palette["grid"], (rect.left, y), (rect.right, y))
        _text(s, font, f"{t:g}", palette["muted"], midright=(rect.left - 4, y))
    pygame.draw.rect(s, palette["muted"], rect, 1)
    x_font = _fitting(fonts, 13, xlabel, rect.width)
    _text(s, x_font, fit_text(x_font, xlabel, rect.width), palette["text"],
          midtop=(rect.centerx, rect.bottom + font.get_linesize() + 6))
    y_font = _fitting(fonts, 13, ylabel, rect.height)
    img = pygame.transform.rotate(y_font.render(fit_text(y_font, ylabel, rect.height), True, palette["text"]), 90)
    s.blit(img, img.get_rect(midleft=(4, rect.centery)))
    return axes


def _marker(s, kind, centre, r, colour, edge) -> None:
    x, y = centre
    if kind == "diamond":
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        pygame.draw.polygon(s, colour, pts)
        pygame.draw.polygon(s, edge, pts, 2)
    elif kind == "square":
        rect = pygame.Rect(0, 0, r * 2 - 2, r * 2 - 2)
        rect.center = centre
        pygame.draw.rect(s, colour, rect)
        pygame.draw.rect(s, edge, rect, 2)
    elif kind == "triangle":
        pts = [(x, y - r), (x + r, y + r - 1), (x - r, y + r - 1)]
        pygame.draw.polygon(s, colour, pts)
        pygame.draw.polygon(s, edge, pts, 2)
    elif kind == "cross":
        for a, b in (((x - r, y - r), (x + r, y + r)), ((x - r, y + r), (x + r, y - r))):
            pygame.draw.line(s, edge, a, b, 5)
            pygame.draw.line(s, colour, a, b, 3)
    else:
        pygame.draw.circle(s, colour, centre, r)
        pygame.draw.circle(s, edge, centre, r, 2)


SERIES_SHAPES = ("circle", "square", "triangle", "diamond")  # one shape per series: never colour alone


def outcome_space(size, space, xlabel: str, ylabel: str, palette: Palette, fonts: Fonts,
                  deals=None, deals_label: str = "", historical_label: str = "") -> pygame.Surface:
    """Every package as a dot in points space, the Pareto frontier, the Nash package,
    the players' deal and the real deal (labelled `historical_label`, the scenario's
    name for it), with both walk-away values.

    `deals` (optional, (n, 2) points) are drawn as rings, e.g. every pair's deal of a class."""
    w, h = size
    fonts = chart_fonts(fonts, size)
    s = pygame.Surface((w, h))
    s.fill(palette["panel"])
    font = fonts.get(12)
    historical_label = historical_label or _("real deal")
    names = [_("every package"), _("Pareto frontier"), _("Nash package"), historical_label, _("your deal"),
             _("no deal"), _("walk-away values; shaded: both gain")]
    legend_h = _legend_height([(n, "", None) for n in names], font, w - 16)
    left = fonts.get(13).get_linesize() + font.size("100")[0] + 14
    rect = pygame.Rect(left, 10, w - left - 14, h - legend_h - font.get_linesize() * 2 - 28)
    pts = space.points
    deals = np.zeros((0, 2)) if deals is None else np.asarray(deals, dtype=float).reshape(-1, 2)
    seen = np.concatenate([np.asarray(pts, dtype=float).reshape(-1, 2), np.asarray(space.frontier, dtype=float).reshape(-1, 2), deals])
    lo = min(float(seen.min()), min(space.walk_away)) if len(seen) else 0.0
    hi = max(float(seen.max()), max(space.walk_away)) if len(seen) else 100.0
    lo, hi = max(0.0, np.floor(lo / 10) * 10), min(100.0, np.ceil(hi / 10) * 10) if hi <= 100 else hi
    axes = _frame(s, rect, (lo, hi), (lo, hi), xlabel, ylabel, palette, fonts)
    # deal zone: beats both walk-away values
    zone = pygame.Rect(round(float(axes.x(space.walk_away[0]))), rect.top, 0, 0)
    zone.width = rect.right - zone.x
    zone.height = round(float(axes.y(space.walk_away[1]))) - rect.top
    shade = pygame.Surface(zone.size, pygame.SRCALPHA) if zone.width > 0 and zone.height > 0 else None
    if shade is not None:
        shade.fill((*palette["deal_zone"][:3], 50))
        s.blit(shade, zone)
    # every package: unique pixels, so a large space costs one array write
    if len(pts):
        xs = np.clip(axes.x(pts[:, 0]).round().astype(int), rect.left + 1, rect.right - 2)
        ys = np.clip(axes.y(pts[:, 1]).round().astype(int), rect.top + 1, rect.bottom - 2)
        seen = np.zeros((w, h), dtype=bool)  # a pixel grid, not a sort: linear in the number of packages
        seen[xs, ys] = True
        uniq = np.argwhere(seen)  # the same pixels in the same order as np.unique(..., axis=0)
        dot = palette["dots"]
        if len(uniq) <= 4000:
            for x, y in uniq:
                pygame.draw.circle(s, dot, (int(x), int(y)), 2)
        else:
            arr = pygame.surfarray.pixels3d(s)
            arr[uniq[:, 0], uniq[:, 1]] = (dot.r, dot.g, dot.b)
            del arr
    wx, wy = round(float(axes.x(space.walk_away[0]))), round(float(axes.y(space.walk_away[1])))
    for a, b in (((wx, rect.top), (wx, rect.bottom)), ((rect.left, wy), (rect.right, wy))):
        pygame.draw.line(s, palette["muted"], a, b, 1)
    no_deal = max(5, round(fonts.scale * 6))
    if len(space.frontier) > 1:
        pygame.draw.lines(s, palette["frontier"], False, [axes.p(p) for p in space.frontier], 3)
    r = max(6, round(fonts.scale * 7))
    items = [(_("every package"), "dot", palette["dots"])] if len(pts) else []
    items.append((_("Pareto frontier"), "line", palette["frontier"]))
    for d in deals:
        pygame.draw.circle(s, palette["deal"], axes.p(d), max(4, r - 2), 2)
    if len(deals):
        items.append((deals_label or _("deals"), "ring", palette["deal"]))
    if space.nash is not None:
        _marker(s, "diamond", axes.p(space.nash), r, palette["nash"], palette["background"])
        items.append((_("Nash package"), "diamond", palette["nash"]))
    if space.historical is not None:
        _marker(s, "square", axes.p(space.historical), r, palette["historical"], palette["background"])
        items.append((historical_label, "square", palette["historical"]))
    if space.deal is not None:
        _marker(s, "circle", axes.p(space.deal), r + 1, palette["deal"], palette["accent"])
        items.append((_("your deal"), "circle", palette["deal"]))
    _marker(s, "cross", (wx, wy), no_deal, palette["bad"], palette["background"])  # where no deal leaves both
    items.append((_("no deal"), "cross", palette["bad"]))
    items.append((_("walk-away values; shaded: both gain"), "zone", palette["deal_zone"]))
    _legend(s, pygame.Rect(8, h - legend_h, w - 16, legend_h), items, font, palette)
    return s


def chart_fonts(fonts: Fonts, size) -> Fonts:
    """Chart text follows the text size, but no larger than the chart can hold."""
    room = max(1.0, min(size[0] / 560, size[1] / 380))
    return fonts if fonts.scale <= room else Fonts(room)


def _legend_height(items, font, width) -> int:
    line = font.get_linesize()
    x, rows = 0, 1
    for text, _kind, _colour in items:
        w = font.size(text)[0] + line * 2 + 14
        if x + w > width and x > 0:
            x, rows = 0, rows + 1
        x += w
    return rows * (line + 4) + 8


def _legend(s, rect, items, font, palette) -> None:
    x, y = rect.x, rect.y + 4
    line = font.get_linesize()
    for text, kind, colour in items:
        width = font.size(text)[0] + line * 2 + 14
        if x + width > rect.right and x > rect.x:
            x, y = rect.x, y + line + 4
        c = (x + line // 2 + 2, y + line // 2)
        if kind == "line":
            pygame.draw.line(s, colour, (x, c[1]), (x + line, c[1]), 3)
        elif kind == "dot":
            pygame.draw.circle(s, colour, c, 3)
        elif kind == "zone":
            pygame.draw.rect(s, colour, (x, y + 2, line, line - 4))
        elif kind == "ring":
            pygame.draw.circle(s, colour, c, line // 2 - 1, 2)
        else:
            _marker(s, kind, c, line // 2 - 1, colour, palette["background"])
        _text(s, font, text, palette["text"], midleft=(x + line + 8, c[1]))
        x += width


def concession(size, curves: dict[str, list[tuple[int, float]]], rounds: int, names: dict[str, str],
               colours: dict[str, pygame.Color], walk_away: dict[str, float], palette: Palette,
               fonts: Fonts) -> pygame.Surface:
    """Each side's offers, as points to itself, round by round."""
    w, h = size
    fonts = chart_fonts(fonts, size)
    s = pygame.Surface((w, h))
    s.fill(palette["panel"])
    font = fonts.get(12)
    legend_h = _legend_height([(_("{party}'s offers (dashed: its walk-away)").format(party=names[p]), "", None)
                               for p in curves], font, w - 16)
    left = fonts.get(13).get_linesize() + font.size("100")[0] + 14
    rect = pygame.Rect(left, 10, w - left - 14, h - legend_h - font.get_linesize() * 2 - 28)
    values = [v for c in curves.values() for _r, v in c] + list(walk_away.values())
    lo = max(0.0, np.floor(min(values, default=0) / 10) * 10 - 10)
    hi = np.ceil(max(values, default=100) / 10) * 10 + 5
    axes = _frame(s, rect, (0.5, rounds + 0.5), (lo, hi), _("round"), _("points to the side that offered"),
                  palette, fonts)
    items = []
    for n, (party, pts) in enumerate(curves.items()):
        colour, shape = colours[party], SERIES_SHAPES[n % len(SERIES_SHAPES)]
        wy = round(float(axes.y(walk_away[party])))
        for x in range(rect.left, rect.right, 10):
            pygame.draw.line(s, colour, (x, wy), (min(x + 5, rect.right), wy), 1)
        coords = [axes.p((r, v)) for r, v in pts]
        if len(coords) > 1:
            pygame.draw.lines(s, colour, False, coords, 3)
        for c in coords:
            _marker(s, shape, c, 6, colour, palette["panel"])
        items.append((_("{party}'s offers (dashed: its walk-away)").format(party=names[party]), shape, colour))
    _legend(s, pygame.Rect(8, h - legend_h, w - 16, legend_h), items, font, palette)
    return s


Row = tuple  # (label, value, marker or None, colour, note)


def bars(size, sections: list[tuple[str, list[Row]]], palette: Palette, fonts: Fonts,
         maximum: float = 100.0) -> pygame.Surface:
    """Labelled horizontal bars in titled sections; every row is (label, value, marker or None, colour, note).

    A row is its text line (label left, note right, or the note on a line of
    its own when both do not fit) over its bar, so no text is ever cut; when
    the box is too small at the chosen text size the text steps down (to half,
    which at 200% is the 100% size).
    """
    return stepped(lambda step, force: _bars(size, sections, palette, fonts, maximum, step, force))


def _bars(size, sections, palette, fonts, maximum, step, force=False) -> pygame.Surface | None:
    w, h = size
    s = pygame.Surface((w, h))
    s.fill(palette["panel"])
    font, bold = fonts.get(13 * step), fonts.get(13 * step, bold=True)
    head_font = fonts.get(16 * step, bold=True)
    pad = max(4, font.get_height() // 3)
    room = w - 2 * pad
    bar_h = max(5, font.get_height() // 2)

    def lines(f, text):
        out = wrap_text(f, text, room)
        return out if force or all(f.size(line)[0] <= room for line in out) else None

    y = pad
    for title, rows in sections:
        if title:
            wrapped = lines(head_font, title)
            if wrapped is None:
                return None
            for line in wrapped:
                y = _text(s, head_font, fit_text(head_font, line, room), palette["accent"], topleft=(pad, y)).bottom
            y += pad
        for label, value, mark, colour, note in rows:
            wrapped, notes = lines(bold, label), lines(font, note) if note else []
            if wrapped is None or notes is None:
                return None
            for line in wrapped:
                last = _text(s, bold, fit_text(bold, line, room), palette["text"], topleft=(pad, y))
                y = last.bottom
            if len(notes) == 1 and last.width + pad * 2 + font.size(notes[0])[0] <= room:
                _text(s, font, notes[0], palette["text"], bottomright=(w - pad, last.bottom))
            else:
                for line in notes:
                    y = _text(s, font, fit_text(font, line, room), palette["text"], topleft=(pad, y)).bottom
            bar = pygame.Rect(pad, y + 3, room, bar_h)
            pygame.draw.rect(s, palette["grid"], bar, border_radius=3)
            fill = bar.copy()
            fill.width = round(bar.width * max(0.0, min(maximum, value)) / maximum)
            pygame.draw.rect(s, colour, fill, border_radius=3)
            if mark is not None:
                mx = bar.x + round(bar.width * max(0.0, min(maximum, mark)) / maximum)
                pygame.draw.line(s, palette["text"], (mx, bar.top - 3), (mx, bar.bottom + 3), 3)
            y = bar.bottom + pad + 2
    if y - pad > h and not force:
        return None
    return s
