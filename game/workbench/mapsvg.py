"""A scenario's schematic map as inline SVG, for the printed handouts.

The same map the briefing draws (`game.app.mapview`), from the same data and
geometry (`game.scenario.mapgeo`), in black and greys so that it prints on any
printer: zones as grey fills, the border dashed, the line of contact
heavy with ticks, roads solid, routes dashed, posts as triangles. The map's own
note (schematic, not to scale) is written on it, and a legend follows in HTML.
"""

from __future__ import annotations

import math
from html import escape

from game.i18n import _, local
from game.scenario import mapgeo, maplabels
from game.scenario import model as m
from game.workbench import fontmetrics

WIDTH, HEIGHT = 640.0, 520.0
_ZONE_FILL = {"band": "#cfcfcf", "area": "#e2e2e2", "foreign": "#f0f0f0"}


def _path(points, proj) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in (proj(p) for p in points))


def _ticks(points, proj, gap: float, size: float) -> str:
    out = []
    carry = gap / 2
    screen = [proj(p) for p in points]
    for (x1, y1), (x2, y2) in zip(screen, screen[1:]):
        length = math.hypot(x2 - x1, y2 - y1)
        if length == 0:
            continue
        nx, ny = -(y2 - y1) / length * size, (x2 - x1) / length * size
        pos = carry
        while pos < length:
            cx, cy = x1 + (x2 - x1) * pos / length, y1 + (y2 - y1) * pos / length
            out.append(f"M{cx - nx:.1f},{cy - ny:.1f}L{cx + nx:.1f},{cy + ny:.1f}")
            pos += gap
        carry = pos - length
    return "".join(out)


def _mark(kind: str, x: float, y: float, r: float) -> str:
    if kind == "base":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="#fff" stroke="#000"/>'
    if kind == "crossing":
        return (f'<polygon points="{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} '
                f'{x - r - 1:.1f},{y:.1f}" fill="#fff" stroke="#000"/>')
    if kind == "posts":
        return (f'<polygon points="{x:.1f},{y - r:.1f} {x + r:.1f},{y + r * 0.8:.1f} {x - r:.1f},{y + r * 0.8:.1f}" '
                f'fill="#555" stroke="#000" stroke-width="0.6"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#000"/>'


_SIZES = (11.0, 10.0, 9.0)  # the names' font sizes, largest first
_HALO = 3.0  # the white stroke behind a name


def _measure(text: str, bold: bool, step: int) -> tuple[float, float]:
    metrics = fontmetrics.font(bold)
    return metrics.width(text, _SIZES[step]) + _HALO, metrics.height * _SIZES[step]


def labels(drawing: m.Map) -> list[maplabels.Placed]:
    """Where the printed map writes each name (the same placement rules as the screen's)."""
    proj = mapgeo.Projection(mapgeo.bounds(drawing), 0, 0, WIDTH, HEIGHT)
    marks = [maplabels.mark_rect(proj(p.at), 4) for p in drawing.places if p.kind in maplabels.MARKED]
    marks += [maplabels.mark_rect(proj(p), 5) for g in drawing.posts for p in g.at]
    for road in drawing.roads:
        if road.shield:
            x, y = proj(road.shield_at or road.points[len(road.points) // 2])
            w = 7 * len(road.shield) + 6
            marks.append((x - w / 2, y - 7, w, 14))
    fx, fy, fw, fh = proj.frame()
    note_w, note_h = _measure(local(drawing.note), False, 0)
    marks.append((fx + fw - 6 - note_w, fy + fh - 6 - fontmetrics.font().ascent * _SIZES[0], note_w, note_h))
    return maplabels.place(mapgeo.label_requests(drawing, proj, 6), marks, (fx + 2, fy + 2, fw - 4, fh - 4),
                           _measure, len(_SIZES), mapgeo.areas(drawing, proj))


def _label(placed: maplabels.Placed, drawing: m.Map) -> str:
    kind = placed.request.kind
    bold = kind == "city" and placed.number is None
    size = _SIZES[placed.step]
    x, y, w, _h = placed.rect
    base = y + fontmetrics.font(bold).ascent * size
    style = ' font-weight="bold"' if bold else ""
    if kind == "region":
        style += ' font-style="italic"'
    elif kind == "note" or any(f"zone:{z.id}" == placed.request.key for z in drawing.zones):
        style += ' fill="#444"'
    return (f'<text x="{x + w / 2:.1f}" y="{base:.1f}" text-anchor="middle" font-size="{size:g}"{style} '
            f'paint-order="stroke" stroke="#fff" stroke-width="{_HALO:g}">{escape(placed.text)}</text>')


def svg(drawing: m.Map, placed: list[maplabels.Placed] | None = None) -> str:
    """The map as one `<svg role="img">`, described in words by its `<title>` and `<desc>`."""
    proj = mapgeo.Projection(mapgeo.bounds(drawing), 0, 0, WIDTH, HEIGHT)
    fx, fy, fw, fh = proj.frame()
    title = _("Map")
    distances = _("Distances in kilometres from {place}.").format(place=local(drawing.reference))
    out = [f'<svg class="map" viewBox="{fx:.1f} {fy:.1f} {fw:.1f} {fh:.1f}" role="img" font-family="inherit">',
           f"<title>{escape(title)}</title><desc>{escape(local(drawing.note))}. {escape(distances)}</desc>",
           f'<rect x="{fx:.1f}" y="{fy:.1f}" width="{fw:.1f}" height="{fh:.1f}" fill="#fff" stroke="#000" stroke-width="0.8"/>',
           '<g>']
    for zone in drawing.zones:
        if zone.points is not None:
            out.append(f'<polygon points="{_path(zone.points, proj)}" fill="{_ZONE_FILL[zone.style]}" stroke="none"/>')
        else:
            out.append(f'<polyline points="{_path(zone.along, proj)}" fill="none" stroke="{_ZONE_FILL[zone.style]}" '
                       f'stroke-width="{proj.km(zone.width_km):.1f}" stroke-linejoin="round" stroke-linecap="round"/>')
    for line in drawing.lines:
        pts = _path(line.points, proj)
        if line.style == "border":
            out.append(f'<polyline points="{pts}" fill="none" stroke="#444" stroke-width="1.4" stroke-dasharray="6 4"/>')
        elif line.style == "front":
            out.append(f'<polyline points="{pts}" fill="none" stroke="#000" stroke-width="2.2"/>'
                       f'<path d="{_ticks(line.points, proj, 9, 3.5)}" stroke="#000" stroke-width="1.4"/>')
        else:
            out.append(f'<polyline points="{pts}" fill="none" stroke="#444" stroke-width="0.8"/>')
    for road in drawing.roads:
        width = 2.6 if road.style == "major" else 1.6
        out.append(f'<polyline points="{_path(road.points, proj)}" fill="none" stroke="#222" stroke-width="{width}" '
                   f'stroke-linejoin="round"/>')
    for route in drawing.routes:
        out.append(f'<polyline points="{_path(route.points, proj)}" fill="none" stroke="#fff" stroke-width="1.4" '
                   f'stroke-dasharray="4 3"/>')
    for group in drawing.posts:
        out += [_mark("posts", *proj(p), 5) for p in group.at]
    for road in drawing.roads:
        if road.shield:
            x, y = proj(road.shield_at or road.points[len(road.points) // 2])
            w = 7 * len(road.shield) + 6
            out.append(f'<rect x="{x - w / 2:.1f}" y="{y - 7:.1f}" width="{w:.1f}" height="14" rx="2" fill="#fff" '
                       f'stroke="#000"/><text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="10" '
                       f'font-weight="bold">{escape(road.shield)}</text>')
    for place in drawing.places:
        if place.kind in maplabels.MARKED:
            out.append(_mark(place.kind, *proj(place.at), 3))
    out += [_label(p, drawing) for p in (labels(drawing) if placed is None else placed)]
    out.append("</g>")
    out.append(f'<text x="{fx + fw - 6:.1f}" y="{fy + fh - 6:.1f}" text-anchor="end" font-size="11" '
               f'font-style="italic">{escape(local(drawing.note))}</text>')
    out.append("</svg>")
    return "".join(out)


def legend_html(drawing: m.Map, placed: list[maplabels.Placed] | None = None) -> str:
    """The legend as a list: one entry per zone, line, road, route and post group, then the kinds of place."""
    rows = [(f"{e.kind} {e.style}", local(e.label)) for e in mapgeo.legend(drawing)]
    names = mapgeo.place_kind_names()
    rows += [(f"place {k}", names[k]) for k in mapgeo.place_kinds(drawing)]
    items = "".join(f'<li><span class="key {escape(cls)}"></span>{escape(text)}</li>' for cls, text in rows)
    keyed = maplabels.keyed(labels(drawing) if placed is None else placed)  # names with no room on the map
    items += "".join(f'<li><span class="key number">{n}</span>{escape(text)}</li>' for n, text in keyed)
    return f'<ul class="map-legend">{items}</ul>'


def figure(drawing: m.Map, full: bool = False) -> str:
    """The map and its legend, as one figure that does not break across pages; `full`: the map as wide as
    the page, the legend underneath (the map sheet), else the legend beside it (the teacher's sheet)."""
    caption = _("Distances in kilometres from {place}.").format(place=local(drawing.reference))
    css = "map keep full" if full else "map keep"
    placed = labels(drawing)
    return (f'<figure class="{css}">{svg(drawing, placed)}{legend_html(drawing, placed)}'
            f'<figcaption class="small muted">{escape(caption)}</figcaption></figure>')
