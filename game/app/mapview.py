"""A schematic map of the Idlib area in March 2020, drawn with pygame primitives.

Not to scale and not a survey: positions are approximate kilometres from
Saraqib (x east, y north), enough to show how the pieces of the 5 March
protocol fit together: the M4 and M5 highways meeting at Saraqib, the security
corridor 6 km either side of the M4 from Trumba (2 km west of Saraqib) to Ain
al-Havr, the joint patrol route along it, the Turkish observation posts, Idlib
city and the Turkish border. The map says so on its face.
"""

from __future__ import annotations

import re

import math

import pygame

from game.app.theme import Fonts, Palette, fit_text
from game.i18n import _, local

# Approximate km from Saraqib; schematic.
TOWNS = {
    "saraqib": (0, 0), "trumba": (-2, 0), "idlib": (-14, 8), "ariha": (-17, -5), "jisr": (-49, -6),
    "ain": (-62, -13), "maarat": (2, -25), "khan": (5, -47),
}
M4_WEST = [(0, 0), (-2, 0), (-10, -2), (-17, -5), (-31, -8), (-49, -6), (-62, -13), (-80, -22)]
M5 = [(38, 44), (16, 18), (0, 0), (2, -25), (5, -47), (8, -70)]
BORDER = [(-100, 22), (-86, 26), (-62, 37), (-36, 33), (-18, 44), (4, 50), (42, 52)]
CORRIDOR = M4_WEST[1:7]  # Trumba to Ain al-Havr
POSTS = [(-44, 22), (-62, 8), (-60, -30), (-38, -36), (-18, -42), (6, -58), (15, -34), (14, -12), (12, 8),
         (24, 24), (31, 34), (-6, 28)]
VIEW = (-86, -74, 128, 126)  # x, y (south edge), width, height in km
CORRIDOR_KM = 6


def applies(scenario) -> bool:
    """Whether the map belongs to this scenario (the Idlib talks)."""
    if scenario.id in ("moscow_2020", "tutorial"):
        return True
    text = " ".join(local(t, "en") for t in (scenario.summary, scenario.title))
    return re.search("idlib", text, re.IGNORECASE) is not None  # never change the case of text


def town_names() -> dict[str, str]:
    return {"saraqib": _("Saraqib"), "trumba": _("Trumba"), "idlib": _("Idlib"), "ariha": _("Ariha"),
            "jisr": _("Jisr al-Shughur"), "ain": _("Ain al-Havr"), "maarat": _("Maarat al-Numan"),
            "khan": _("Khan Shaykhun")}


class _Projection:
    def __init__(self, rect: pygame.Rect):
        vx, vy, vw, vh = VIEW
        self.scale = min(rect.width / vw, rect.height / vh)
        self.ox = rect.x + (rect.width - vw * self.scale) / 2 - vx * self.scale
        self.oy = rect.y + (rect.height - vh * self.scale) / 2 + (vy + vh) * self.scale

    def __call__(self, p: tuple[float, float]) -> tuple[int, int]:
        return (round(self.ox + p[0] * self.scale), round(self.oy - p[1] * self.scale))

    def km(self, d: float) -> int:
        return max(1, round(d * self.scale))


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


def _post(surface, colour, centre, r) -> None:
    x, y = centre
    pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)])
    pygame.draw.polygon(surface, (20, 20, 20), [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)], 1)


def _text(surface, font, text, colour, pos, anchor="midleft", halo=None) -> pygame.Rect:
    img = font.render(text, True, colour)
    rect = img.get_rect(**{anchor: pos})
    if halo is not None:
        shadow = font.render(text, True, halo)
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            surface.blit(shadow, rect.move(dx, dy))
    surface.blit(img, rect)
    return rect


def draw_map(size: tuple[int, int], palette: Palette, fonts: Fonts) -> pygame.Surface:
    w, h = size
    surface = pygame.Surface((w, h))
    surface.fill(palette["map_land"])
    small = fonts.get(13)
    label_font = fonts.get(14, bold=True)
    pad = max(6, round(min(w, h) * 0.02))
    two_cols = w >= small.size("M" * 34)[0] * 2 * 0.75
    legend_h = round(small.get_linesize() * (4.6 if two_cols else 8.0))
    map_rect = pygame.Rect(pad, pad, w - 2 * pad, h - legend_h - 2 * pad)
    proj = _Projection(map_rect)
    halo = palette["map_land"]

    # Turkey, beyond the border (north).
    border = [proj(p) for p in BORDER]
    north = [(0, 0), (w, 0), (w, border[-1][1])] + border[::-1] + [(0, border[0][1])]
    pygame.draw.polygon(surface, palette["panel"], north)
    _dashed(surface, palette["map_border"], border, 2, proj.km(3))
    _text(surface, small, _("TURKEY"), palette["muted"], (proj((-70, 42))[0], proj((0, 44))[1]), "midleft")
    _text(surface, small, _("Turkish border"), palette["map_border"], proj((-33, 36)), "midbottom", halo)

    # The corridor band, 6 km either side of the M4, Trumba to Ain al-Havr.
    band = pygame.Surface((w, h), pygame.SRCALPHA)
    _thick(band, palette["map_corridor"], [proj(p) for p in CORRIDOR], proj.km(2 * CORRIDOR_KM))
    surface.blit(band, (0, 0))

    # Highways.
    road_w = max(2, round(proj.scale * 1.1))
    _thick(surface, palette["map_m5"], [proj(p) for p in M5], road_w)
    _thick(surface, palette["map_road"], [proj(p) for p in M4_WEST], road_w + 1)
    _dashed(surface, palette["map_patrol"], [proj(p) for p in CORRIDOR], max(2, road_w // 2 + 1), proj.km(3))

    # Observation posts.
    r = max(4, round(proj.scale * 1.6))
    for p in POSTS:
        _post(surface, palette["map_post"], proj(p), r)

    # Towns and road shields.
    names = town_names()
    dot = max(3, round(proj.scale * 0.9))
    placement = {"saraqib": ("midleft", (4, -6)), "trumba": ("midtop", (-3, -8)), "idlib": ("midleft", (4, 2)),
                 "ariha": ("midtop", (0, -7)), "jisr": ("midtop", (0, -8)), "ain": ("midtop", (0, -8)),
                 "maarat": ("midleft", (4, 0)), "khan": ("midleft", (4, 0))}
    for key, p in TOWNS.items():
        x, y = proj(p)
        pygame.draw.circle(surface, palette["map_town"], (x, y), dot)
        anchor, (dx, dy) = placement[key]
        font = label_font if key in ("saraqib", "idlib") else small
        _text(surface, font, names[key], palette["map_town"], proj((p[0] + dx, p[1] + dy)), anchor, halo)
    _text(surface, small, _("to Aleppo ↗"), palette["muted"], proj((20, 40)), "midleft", halo)
    _text(surface, small, _("← to Latakia"), palette["muted"], proj((-85, -38)), "midleft", halo)
    _text(surface, small, _("↓ to Hama"), palette["muted"], proj((10, -66)), "midleft", halo)
    # TRANSLATORS: the town of Morek on the M5, by an encircled Turkish observation post.
    _text(surface, small, _("Morek"), palette["map_post"], proj((9, -58)), "midleft", halo)
    _shield(surface, small, "M4", proj((-39, -3)), palette)
    _shield(surface, small, "M4 · M5", proj((14, 11)), palette)
    _shield(surface, small, "M5", proj((5, -38)), palette)

    # North arrow and the disclaimer.
    nx, ny = map_rect.right - pad * 2, map_rect.top + pad * 3
    pygame.draw.polygon(surface, palette["text"], [(nx, ny - r * 2), (nx + r, ny + r), (nx, ny), (nx - r, ny + r)])
    # TRANSLATORS: the north arrow's letter (Turkish K for kuzey, Russian С for север).
    _text(surface, small, _("N"), palette["text"], (nx, ny - r * 2 - 2), "midbottom")
    _text(surface, small, _("Schematic, not to scale"), palette["accent"], (map_rect.right - pad, map_rect.bottom - 2),
          "bottomright", halo)

    _legend(surface, pygame.Rect(pad, h - legend_h - pad // 2, w - 2 * pad, legend_h), palette, small)
    return surface


def _shield(surface, font, text, centre, palette) -> None:
    img = font.render(text, True, (20, 20, 20))
    rect = img.get_rect(center=centre).inflate(8, 4)
    pygame.draw.rect(surface, palette["accent"], rect, border_radius=3)
    surface.blit(img, img.get_rect(center=rect.center))


def _legend(surface, rect: pygame.Rect, palette: Palette, font) -> None:
    pygame.draw.rect(surface, palette["background"], rect, border_radius=4)
    line = font.get_linesize()
    items = [
        ("m4", _("M4 highway")),
        ("m5", _("M5 highway")),
        ("band", _("Corridor: 6 km each side of the M4")),
        ("patrol", _("Joint patrols from 15 March")),
        ("post", _("Turkish observation post")),
        ("town", _("Town")),
    ]
    cols = 2 if rect.height < font.get_linesize() * 6 else 1
    col_w = (rect.width - 12) // cols
    sw = round(line * 1.6)
    for n, (kind, text) in enumerate(items):
        cx = rect.x + 6 + (n % cols) * col_w if cols == 2 else rect.x + 6
        cy = rect.y + 6 + (n // cols if cols == 2 else n) * round(line * 1.15) + line // 2
        _swatch(surface, kind, pygame.Rect(cx, cy - line // 2, sw, line), palette)
        label = fit_text(font, text, col_w - sw - 14)
        _text(surface, font, label, palette["text"], (cx + sw + 6, cy), "midleft")


def _swatch(surface, kind: str, r: pygame.Rect, palette: Palette) -> None:
    mid = r.centery
    if kind == "m4":
        pygame.draw.line(surface, palette["map_road"], (r.left, mid), (r.right, mid), 3)
    elif kind == "m5":
        pygame.draw.line(surface, palette["map_m5"], (r.left, mid), (r.right, mid), 3)
    elif kind == "band":
        band = pygame.Surface(r.size, pygame.SRCALPHA)
        band.fill(palette["map_corridor"])
        surface.blit(band, r)
    elif kind == "patrol":
        _dashed(surface, palette["map_patrol"], [(r.left, mid), (r.right, mid)], 3, 5)
    elif kind == "post":
        _post(surface, palette["map_post"], r.center, max(4, r.height // 3))
    else:
        pygame.draw.circle(surface, palette["map_town"], r.center, 3)
