"""A scenario's schematic map (`Scenario.map`), drawn with pygame primitives.

Everything drawn comes from the scenario file: its zones, lines, roads, routes,
posts and places, placed in kilometres from a reference point, with their labels
in the player's language, and the map's own note (that it is schematic and not to
scale) written on its face. A scenario without a map shows none: the screens ask
`has_map` first. Geometry and the legend's entries are shared with the printed
map (`game.scenario.mapgeo`).
"""

from __future__ import annotations

import math

import pygame

from game.app.theme import Fonts, Palette, fit_text
from game.i18n import _, local
from game.scenario import mapgeo, maplabels
from game.scenario import model as m


def has_map(scenario) -> bool:
    return getattr(scenario, "map", None) is not None


def _thick(surface, colour, points, width) -> None:
    pygame.draw.lines(surface, colour, False, points, width)
    for p in points:
        pygame.draw.circle(surface, colour, p, max(1, width // 2))


def _dashed(surface, colour, points, width, dash) -> None:
    carry = 0.0
    on = True
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        length = math.hypot(x2 - x1, y2 - y1)
        pos = 0.0
        while pos < length:
            step = min(dash - carry, length - pos)
            if on:
                a = (x1 + (x2 - x1) * pos / length, y1 + (y2 - y1) * pos / length)
                b = (x1 + (x2 - x1) * (pos + step) / length, y1 + (y2 - y1) * (pos + step) / length)
                pygame.draw.line(surface, colour, a, b, width)
            pos += step
            carry += step
            if carry >= dash - 1e-6:
                carry = 0.0
                on = not on


def _front(surface, colour, points, width, gap) -> None:
    """A line of contact: a solid line with short ticks across it."""
    pygame.draw.lines(surface, colour, False, points, width)
    carry = gap / 2
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        length = math.hypot(x2 - x1, y2 - y1)
        if length == 0:
            continue
        nx, ny = -(y2 - y1) / length, (x2 - x1) / length
        pos = carry
        while pos < length:
            cx, cy = x1 + (x2 - x1) * pos / length, y1 + (y2 - y1) * pos / length
            pygame.draw.line(surface, colour, (cx - nx * gap / 3, cy - ny * gap / 3), (cx + nx * gap / 3, cy + ny * gap / 3),
                             width)
            pos += gap
        carry = pos - length


def _post(surface, colour, centre, r) -> None:
    x, y = centre
    corners = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
    pygame.draw.polygon(surface, colour, corners)
    pygame.draw.polygon(surface, (20, 20, 20), corners, 1)


def _place_mark(surface, kind, centre, r, palette) -> None:
    x, y = centre
    if kind == "base":
        pygame.draw.rect(surface, palette["map_town"], pygame.Rect(x - r, y - r, 2 * r, 2 * r))
        pygame.draw.rect(surface, (20, 20, 20), pygame.Rect(x - r, y - r, 2 * r, 2 * r), 1)
    elif kind == "crossing":
        pygame.draw.polygon(surface, palette["map_town"], [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)])
        pygame.draw.polygon(surface, (20, 20, 20), [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)], 1)
    else:
        pygame.draw.circle(surface, palette["map_town"], (x, y), r)


def _text(surface, font, text, colour, pos, anchor="midleft", halo=None) -> pygame.Rect:
    img = font.render(text, True, colour)
    rect = img.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
    if halo is not None:
        shadow = font.render(text, True, halo)
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            surface.blit(shadow, rect.move(dx, dy))
    surface.blit(img, rect)
    return rect


_ZONE_COLOUR = {"band": "map_corridor", "area": "map_area", "foreign": "map_foreign"}
_SIZES = (13, 11, 10)  # the label font's steps, largest first, before the text scale


class _Layout:
    """Where the map, its legend and its names go in a surface of `size` (see `layout`)."""

    def __init__(self, size, fonts: Fonts, drawing: m.Map, keyed=()):
        w, h = size
        self.small = fonts.get(13)
        self.pad = pad = max(6, round(min(w, h) * 0.02))
        self.entries = _entries(drawing)
        line = self.small.get_linesize()
        self.step = round(line * 1.15)
        widest = max((self.small.size(t)[0] for _k, _s, t in self.entries), default=0) + line * 2 + 24
        if w > 1.6 * h:  # a wide, low map (the debrief's): the legend beside it
            legend_w = min(widest, round(w * 0.5))
            self.grid = _grid(self.small, self.entries, legend_w - 12, 1)
            if self.grid[1] * self.step + 12 > h - 2 * pad:
                legend_w = round(w * 0.5)
                self.grid = _grid(self.small, self.entries, legend_w - 12, 2)
            self.key_lines = _key_lines(self.small, keyed, legend_w - 12)
            rows = self.grid[1] + len(self.key_lines)
            self.map_rect = pygame.Rect(pad, pad, w - legend_w - 3 * pad, h - 2 * pad)
            self.legend_rect = pygame.Rect(w - legend_w - pad, pad, legend_w, min(h - 2 * pad, self.step * rows + 12))
        else:  # underneath, in the columns that take the fewest lines
            self.grid = min((_grid(self.small, self.entries, w - 2 * pad - 12, cols) for cols in (1, 2)),
                            key=lambda g: g[1])
            self.key_lines = _key_lines(self.small, keyed, w - 2 * pad - 12)
            legend_h = self.step * (self.grid[1] + len(self.key_lines)) + 12
            self.map_rect = pygame.Rect(pad, pad, w - 2 * pad, max(40, h - legend_h - 2 * pad))
            self.legend_rect = pygame.Rect(pad, h - legend_h - pad // 2, w - 2 * pad, legend_h)
        self.proj = proj = mapgeo.Projection(mapgeo.bounds(drawing), *self.map_rect)
        self.r = max(4, round(proj.scale * 1.6))  # a post's size
        self.dot = max(3, round(proj.scale * 0.9))  # a place's mark
        self.note = fit_text(self.small, local(drawing.note), self.map_rect.width - 2 * pad)
        self.labels = self._place(fonts, drawing)

    def pt(self, p):
        return tuple(round(c) for c in self.proj(p))

    def north(self) -> tuple[int, int]:
        # the arrow and its letter stay inside the map, however little room the padding leaves
        return self.map_rect.right - self.pad * 2, self.map_rect.top + max(self.pad * 3,
                                                                           2 * self.r + 4 + self.small.get_linesize())

    def _place(self, fonts: Fonts, drawing: m.Map) -> list[maplabels.Placed]:
        marks = [maplabels.mark_rect(self.pt(p.at), self.dot + 1) for p in drawing.places if p.kind in maplabels.MARKED]
        marks += [maplabels.mark_rect(self.pt(p), self.r) for g in drawing.posts for p in g.at]
        marks += [tuple(_shield_rect(self.small, road.shield, self._shield_at(road))) for road in drawing.roads
                  if road.shield]
        nx, ny = self.north()
        letter = self.small.get_linesize()
        marks.append((nx - self.r - letter / 2, ny - 2 * self.r - 2 - letter, 2 * self.r + letter, 3 * self.r + letter + 2))
        nw, nh = self.small.size(self.note)
        marks.append((self.map_rect.right - self.pad - nw, self.map_rect.bottom - 2 - nh, nw, nh))

        def measure(text, bold, step):
            tw, th = fonts.get(_SIZES[step] + (1 if bold else 0), bold=bold).size(text)
            return tw + 2, th  # the halo is one pixel each side

        requests = mapgeo.label_requests(drawing, self.pt, self.dot + 3)
        return maplabels.place(requests, marks, tuple(self.map_rect), measure, len(_SIZES),
                               mapgeo.areas(drawing, self.pt))

    def _shield_at(self, road):
        return self.pt(road.shield_at or road.points[len(road.points) // 2])


def layout(size: tuple[int, int], fonts: Fonts, drawing: m.Map) -> _Layout:
    """The map's frame, legend and placed names at `size`: names that found no room are numbered and the
    legend lists them under the other entries (the room they take shrinks the map, so this runs until the
    names keyed are the ones the legend has room for)."""
    keyed: list[tuple[int, str]] = []
    for _pass in range(5):
        plan = _Layout(size, fonts, drawing, keyed)
        now = maplabels.keyed(plan.labels)
        if now == keyed:
            return plan
        keyed = now
    plan.key_lines = _key_lines(plan.small, keyed, plan.legend_rect.width - 12)  # never drop a name
    return plan


def _key_lines(font, keyed, width: int) -> list[str]:
    """The numbered names ("1 Name · 2 Name"), wrapped to `width`."""
    lines: list[str] = []
    for n, name in keyed:
        item = f"{n} {name}"
        if lines and font.size(lines[-1] + " · " + item)[0] <= width:
            lines[-1] += " · " + item
        else:
            lines.append(item)
    return lines


def draw_map(size: tuple[int, int], palette: Palette, fonts: Fonts, drawing: m.Map) -> pygame.Surface:
    """The map at `size` pixels, its legend underneath (or beside it, when wide)."""
    w, h = size
    surface = pygame.Surface((w, h))
    surface.fill(palette["map_land"])
    plan = layout(size, fonts, drawing)
    small, proj, pt, map_rect, r = plan.small, plan.proj, plan.pt, plan.map_rect, plan.r
    halo = palette["map_land"]
    previous_clip = surface.get_clip()
    surface.set_clip(map_rect)

    for zone in drawing.zones:
        layer = pygame.Surface((w, h), pygame.SRCALPHA)
        colour = palette[_ZONE_COLOUR[zone.style]]
        if zone.points is not None:
            pygame.draw.polygon(layer, colour, [pt(p) for p in zone.points])
        else:
            _thick(layer, colour, [pt(p) for p in zone.along], max(2, round(proj.km(zone.width_km))))
        surface.blit(layer, (0, 0))
    for line in drawing.lines:
        points = [pt(p) for p in line.points]
        if line.style == "border":
            _dashed(surface, palette["map_border"], points, 2, max(4, round(proj.km(3))))
        elif line.style == "front":
            _front(surface, palette["map_front"], points, max(2, round(proj.scale * 0.7)), max(6, round(proj.km(4))))
        else:
            pygame.draw.lines(surface, palette["map_border"], False, points, 1)
    road_w = max(2, round(proj.scale * 1.1))
    for road in drawing.roads:
        colour = palette["map_road"] if road.style == "major" else palette["map_m5"]
        _thick(surface, colour, [pt(p) for p in road.points], road_w if road.style == "major" else max(1, road_w - 1))
    for route in drawing.routes:
        _dashed(surface, palette["map_patrol"], [pt(p) for p in route.points], max(2, road_w // 2 + 1),
                max(4, round(proj.km(3))))
    for group in drawing.posts:
        for p in group.at:
            _post(surface, palette["map_post"], pt(p), r)
    for road in drawing.roads:
        if road.shield:
            _shield(surface, small, road.shield, plan._shield_at(road), palette)
    for place in drawing.places:
        if place.kind in maplabels.MARKED:
            _place_mark(surface, place.kind, pt(place.at), plan.dot, palette)
    for placed in plan.labels:
        kind = placed.request.kind
        bold = kind == "city" and placed.number is None
        colour = palette["muted"] if kind == "note" or (kind == "zone" and _foreign(drawing, placed)) else (
            palette["text"] if kind in ("zone", "region") else palette["map_town"])
        font = fonts.get(_SIZES[placed.step] + (1 if bold else 0), bold=bold)
        x, y, _w, _h = placed.rect
        _text(surface, font, placed.text, colour, (x + 1, y), "topleft", halo)

    nx, ny = plan.north()
    pygame.draw.polygon(surface, palette["text"], [(nx, ny - r * 2), (nx + r, ny + r), (nx, ny), (nx - r, ny + r)])
    # TRANSLATORS: the north arrow's letter (Turkish K for kuzey, Russian С for север).
    _text(surface, small, _("N"), palette["text"], (nx, ny - r * 2 - 2), "midbottom")
    _text(surface, small, plan.note, palette["accent"], (map_rect.right - plan.pad, map_rect.bottom - 2), "bottomright",
          halo)
    surface.set_clip(previous_clip)
    _legend(surface, plan.legend_rect, palette, small, plan.entries, plan.grid, plan.key_lines)
    return surface


def _foreign(drawing: m.Map, placed: maplabels.Placed) -> bool:
    return any(f"zone:{z.id}" == placed.request.key and z.style == "foreign" for z in drawing.zones)


def _shield_rect(font, text, centre) -> pygame.Rect:
    return font.render(text, True, (0, 0, 0)).get_rect(center=centre).inflate(8, 4)


def _shield(surface, font, text, centre, palette) -> None:
    img = font.render(text, True, (20, 20, 20))
    rect = _shield_rect(font, text, centre)
    pygame.draw.rect(surface, palette["accent"], rect, border_radius=3)
    surface.blit(img, img.get_rect(center=rect.center))


def _entries(drawing: m.Map) -> list[tuple[str, str, str]]:
    names = mapgeo.place_kind_names()
    out = [(e.kind, e.style, local(e.label)) for e in mapgeo.legend(drawing)]
    return out + [("place", kind, names[kind]) for kind in mapgeo.place_kinds(drawing)]


def _wrap(font, text: str, width: int) -> list[str]:
    """`text` in lines no wider than `width` (a word wider than that is shortened)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and font.size(lines[-1] + " " + word)[0] <= width:
            lines[-1] += " " + word
        else:
            lines.append(fit_text(font, word, width))
    return lines or [""]


def _grid(font, entries, width: int, cols: int):
    """The legend in `cols` columns: ([(column, first line, text lines)], lines in the tallest column); a long
    entry wraps onto several lines rather than losing its end."""
    col_w = width // cols
    text_w = col_w - round(font.get_linesize() * 1.6) - 14
    wrapped = [_wrap(font, text, text_w) for _k, _s, text in entries]
    target = math.ceil(sum(len(w) for w in wrapped) / cols)
    cells, col, used = [], 0, 0
    for lines in wrapped:
        if used and used + len(lines) > target and col < cols - 1:
            col, used = col + 1, 0
        cells.append((col, used, lines))
        used += len(lines)
    return cells, max((first + len(lines) for _c, first, lines in cells), default=1)


def _legend(surface, rect: pygame.Rect, palette: Palette, font, entries, grid, key_lines=()) -> None:
    pygame.draw.rect(surface, palette["background"], rect, border_radius=4)
    line = font.get_linesize()
    step = round(line * 1.15)
    cells, rows = grid
    cols = max((c for c, _f, _l in cells), default=0) + 1
    col_w = (rect.width - 12) // cols
    sw = round(line * 1.6)
    for (kind, style, _text_), (col, first, lines) in zip(entries, cells):
        cx = rect.x + 6 + col * col_w
        cy = rect.y + 6 + first * step + line // 2
        _swatch(surface, kind, style, pygame.Rect(cx, cy - line // 2, sw, line), palette)
        for n, text in enumerate(lines):
            _text(surface, font, text, palette["text"], (cx + sw + 6, cy + n * step), "midleft")
    for n, text in enumerate(key_lines):  # the names numbered on the map, in full
        cy = rect.y + 6 + (rows + n) * step + line // 2
        _text(surface, font, text, palette["map_town"], (rect.x + 6, cy), "midleft")


def _swatch(surface, kind: str, style: str, r: pygame.Rect, palette: Palette) -> None:
    mid = r.centery
    ends = [(r.left, mid), (r.right, mid)]
    if kind == "zone":
        band = pygame.Surface(r.size, pygame.SRCALPHA)
        band.fill(palette[_ZONE_COLOUR[style]])
        surface.blit(band, r)
    elif kind == "line" and style == "border":
        _dashed(surface, palette["map_border"], ends, 2, 4)
    elif kind == "line" and style == "front":
        _front(surface, palette["map_front"], ends, 2, 7)
    elif kind == "line":
        pygame.draw.line(surface, palette["map_border"], *ends, 1)
    elif kind == "road":
        pygame.draw.line(surface, palette["map_road" if style == "major" else "map_m5"], *ends, 3)
    elif kind == "route":
        _dashed(surface, palette["map_patrol"], ends, 3, 5)
    elif kind == "posts":
        _post(surface, palette["map_post"], r.center, max(4, r.height // 3))
    else:
        _place_mark(surface, style, r.center, 3, palette)
