"""The geometry every drawing of a scenario's map shares: bounds, projection, legend.

A map (`Scenario.map`) places everything in kilometres east (x) and north (y) of
one reference point. The briefing and debrief draw it with pygame
(`game.app.mapview`), the handouts as SVG (`game.workbench.mapsvg`); both ask this
module where the map's edges are, how kilometres become pixels, and which entries
the legend has, so that the two drawings agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from game.i18n import _, local
from game.scenario import maplabels
from game.scenario import model as m

Bounds = tuple[float, float, float, float]  # west, south, east, north (km)


def points(drawing: m.Map) -> Iterator[tuple[float, float]]:
    """Every point the map draws."""
    for zone in drawing.zones:
        yield from zone.points or zone.along or ()
    for section in (drawing.lines, drawing.roads, drawing.routes):
        for path in section:
            yield from path.points
    for group in drawing.posts:
        yield from group.at
    for place in drawing.places:
        yield place.at


def bounds(drawing: m.Map) -> Bounds:
    """The area shown: the map's `view`, or everything it draws with a margin of a twentieth."""
    if drawing.view is not None:
        v = drawing.view
        return (v.west, v.south, v.east, v.north)
    xs, ys = zip(*points(drawing)) if any(True for _p in points(drawing)) else ((0.0,), (0.0,))
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    pad = max(east - west, north - south, 10.0) / 20
    return (west - pad, south - pad, east + pad, north + pad)


def outside(drawing: m.Map) -> list[tuple[m.Node, str]]:
    """(item, its id) for each place, post group or path with a point outside the map's `view`."""
    if drawing.view is None:
        return []
    west, south, east, north = bounds(drawing)

    def off(p) -> bool:
        return not (west <= p[0] <= east and south <= p[1] <= north)

    found: list[tuple[m.Node, str]] = [(p, p.id) for p in drawing.places if p.kind != "note" and off(p.at)]
    found += [(g, g.id) for g in drawing.posts if any(off(p) for p in g.at)]
    return found


@dataclass(frozen=True)
class Projection:
    """Kilometres to drawing units in a rectangle, the same scale both ways (north up), centred."""

    bounds: Bounds
    x: float
    y: float
    width: float
    height: float

    @property
    def scale(self) -> float:
        west, south, east, north = self.bounds
        return min(self.width / (east - west), self.height / (north - south))

    def __call__(self, p: tuple[float, float]) -> tuple[float, float]:
        west, south, east, north = self.bounds
        s = self.scale
        ox = self.x + (self.width - (east - west) * s) / 2
        oy = self.y + (self.height - (north - south) * s) / 2
        return (ox + (p[0] - west) * s, oy + (north - p[1]) * s)

    def km(self, d: float) -> float:
        return d * self.scale

    def frame(self) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the map area actually used."""
        west, south, east, north = self.bounds
        (x0, y0), (x1, y1) = self((west, north)), self((east, south))
        return (x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True)
class LegendEntry:
    kind: str  # "zone", "line", "road", "route", "posts", "place"
    style: str  # the item's style (zone: band/area/foreign; line: border/front/line; road: major/minor; place kind)
    label: m.Text


def legend(drawing: m.Map) -> list[LegendEntry]:
    """One entry per zone, line, road, route and post group, then one per kind of place drawn."""
    out = [LegendEntry("zone", z.style, z.label) for z in drawing.zones]
    out += [LegendEntry("line", line.style, line.label) for line in drawing.lines]
    out += [LegendEntry("road", r.style, r.label) for r in drawing.roads]
    out += [LegendEntry("route", "route", r.label) for r in drawing.routes]
    out += [LegendEntry("posts", "posts", g.label) for g in drawing.posts]
    return out


def place_kinds(drawing: m.Map) -> list[str]:
    """The kinds of marked places the map has (cities and towns share one mark), in a fixed order."""
    kinds = {("town" if p.kind == "city" else p.kind) for p in drawing.places}
    return [k for k in ("town", "base", "crossing") if k in kinds]


def place_kind_names() -> dict[str, str]:
    """The legend's words for each kind of marked place."""
    return {"town": _("Town"), "base": _("Air base"), "crossing": _("Border crossing")}


def label_requests(drawing: m.Map, proj: Projection, gap: float) -> list[maplabels.Request]:
    """The names a drawing writes (zone labels, then places), at their projected points; a marked place's
    name starts `gap` from its point."""
    out = [maplabels.Request(f"zone:{z.id}", local(z.label), "zone", proj(z.label_at))
           for z in drawing.zones if z.label_at is not None]
    for p in drawing.places:
        marked = p.kind in maplabels.MARKED
        out.append(maplabels.Request(p.id, local(p.label), p.kind, proj(p.at), gap if marked else 0.0,
                                     p.side if marked else None))
    return out


def areas(drawing: m.Map, proj: Projection) -> list[list[tuple[float, float]]]:
    """The zones drawn as areas, projected: notes keep off them."""
    return [[proj(p) for p in z.points] for z in drawing.zones if z.points is not None]
