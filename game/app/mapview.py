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
from game.scenario import mapgeo
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
_SIDE = {"right": ("midleft", 1, 0), "left": ("midright", -1, 0), "above": ("midbottom", 0, -1),
         "below": ("midtop", 0, 1)}


def draw_map(size: tuple[int, int], palette: Palette, fonts: Fonts, drawing: m.Map) -> pygame.Surface:
    """The map at `size` pixels, its legend underneath (or beside it, when wide)."""
    w, h = size
    surface = pygame.Surface((w, h))
    surface.fill(palette["map_land"])
    small = fonts.get(13)
    bold = fonts.get(14, bold=True)
    pad = max(6, round(min(w, h) * 0.02))
    entries = _entries(drawing)
    widest = max((small.size(text)[0] for _k, _s, text in entries), default=0) + small.get_linesize() * 2 + 24
    cols = 2 if 2 * widest <= w - 2 * pad else 1  # two columns only when every label fits whole
    legend_h = round(small.get_linesize() * 1.15 * math.ceil(len(entries) / cols)) + 12
    map_rect = pygame.Rect(pad, pad, w - 2 * pad, max(40, h - legend_h - 2 * pad))
    proj = mapgeo.Projection(mapgeo.bounds(drawing), *map_rect)
    pt = lambda p: tuple(round(c) for c in proj(p))  # noqa: E731
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
        if zone.label_at is not None:
            colour = palette["muted"] if zone.style == "foreign" else palette["text"]
            _text(surface, small, local(zone.label), colour, pt(zone.label_at), "center", halo)
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
    r = max(4, round(proj.scale * 1.6))
    for group in drawing.posts:
        for p in group.at:
            _post(surface, palette["map_post"], pt(p), r)
    for road in drawing.roads:
        if road.shield:
            _shield(surface, small, road.shield, pt(road.shield_at or road.points[len(road.points) // 2]), palette)
    dot = max(3, round(proj.scale * 0.9))
    for place in drawing.places:
        x, y = pt(place.at)
        name = local(place.label)
        if place.kind in ("note", "region"):
            _text(surface, small, name, palette["muted"] if place.kind == "note" else palette["text"], (x, y), "center",
                  halo)
            continue
        _place_mark(surface, place.kind, (x, y), dot, palette)
        anchor, dx, dy = _SIDE[place.side]
        gap = dot + 3
        font = bold if place.kind == "city" else small
        _text(surface, font, name, palette["map_town"], (x + dx * gap, y + dy * gap), anchor, halo)

    nx, ny = map_rect.right - pad * 2, map_rect.top + pad * 3
    pygame.draw.polygon(surface, palette["text"], [(nx, ny - r * 2), (nx + r, ny + r), (nx, ny), (nx - r, ny + r)])
    # TRANSLATORS: the north arrow's letter (Turkish K for kuzey, Russian С for север).
    _text(surface, small, _("N"), palette["text"], (nx, ny - r * 2 - 2), "midbottom")
    note = fit_text(small, local(drawing.note), map_rect.width - 2 * pad)
    _text(surface, small, note, palette["accent"], (map_rect.right - pad, map_rect.bottom - 2), "bottomright", halo)
    surface.set_clip(previous_clip)
    _legend(surface, pygame.Rect(pad, h - legend_h - pad // 2, w - 2 * pad, legend_h), palette, small, entries, cols)
    return surface


def _shield(surface, font, text, centre, palette) -> None:
    img = font.render(text, True, (20, 20, 20))
    rect = img.get_rect(center=centre).inflate(8, 4)
    pygame.draw.rect(surface, palette["accent"], rect, border_radius=3)
    surface.blit(img, img.get_rect(center=rect.center))


def _entries(drawing: m.Map) -> list[tuple[str, str, str]]:
    names = mapgeo.place_kind_names()
    out = [(e.kind, e.style, local(e.label)) for e in mapgeo.legend(drawing)]
    return out + [("place", kind, names[kind]) for kind in mapgeo.place_kinds(drawing)]


def _legend(surface, rect: pygame.Rect, palette: Palette, font, entries, cols: int) -> None:
    pygame.draw.rect(surface, palette["background"], rect, border_radius=4)
    line = font.get_linesize()
    col_w = (rect.width - 12) // cols
    sw = round(line * 1.6)
    rows = math.ceil(len(entries) / cols) or 1
    for n, (kind, style, text) in enumerate(entries):
        cx = rect.x + 6 + (n // rows) * col_w
        cy = rect.y + 6 + (n % rows) * round(line * 1.15) + line // 2
        _swatch(surface, kind, style, pygame.Rect(cx, cy - line // 2, sw, line), palette)
        _text(surface, font, fit_text(font, text, col_w - sw - 14), palette["text"], (cx + sw + 6, cy), "midleft")


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
