"""Where a map's names go: greedy placement that never lets two labels overlap.

Both drawings of a map (`game.app.mapview` on screen, `game.workbench.mapsvg` on
paper) ask `place` where to write each name, giving it the map's frame, the
marks already drawn (places, posts, road shields, the north arrow, the note) and
a way to measure text (real font metrics: pygame's fonts on screen, the shipped
font's advance widths on paper). Names are placed in order of importance
(cities, then bases and crossings, then towns, then zone, region and note
labels), each at the first free candidate anchor: the side the scenario asks
for, then right, left, above, below and the four diagonals; a zone, region or
note label tries its own point first, then around it. A label stays inside the
frame and touches no other label and no mark. When no anchor is free at the
largest size, smaller sizes are tried; when none fits at all, the mark gets a
number and the name goes to the legend under that number (`Placed.number`), so
a name is never dropped. Everything here is plain arithmetic: same input, same
placement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # x, y, width, height (y down)

MARKED = ("city", "base", "crossing", "town")
_RANK = {"city": 0, "base": 1, "crossing": 1, "town": 2, "zone": 3, "region": 3, "note": 4}
# (dx, dy) direction of the label from its point; 0 centres it on that axis
_SIDES = {"right": (1, 0), "left": (-1, 0), "above": (0, -1), "below": (0, 1)}
_ORDER = [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1)]


@dataclass(frozen=True)
class Request:
    """A name to write: `kind` is the place's kind ("zone" for a zone's label), `at` its point in drawing
    units, `gap` how far from the point a name beside it starts (the mark's radius and a little air)."""

    key: str
    text: str
    kind: str
    at: tuple[float, float]
    gap: float = 0.0
    side: str | None = None


@dataclass(frozen=True)
class Placed:
    """Where a name went: `rect` of its text at font `step` (0 = full size), or, when `number` is set,
    `rect` of that number beside the mark and the name itself goes to the legend."""

    request: Request
    rect: Rect
    step: int
    number: int | None = None

    @property
    def text(self) -> str:
        return str(self.number) if self.number is not None else self.request.text


Measure = Callable[[str, bool, int], tuple[float, float]]  # (text, bold, step) -> (width, height)


def overlaps(a: Rect, b: Rect) -> bool:
    """Whether two rectangles share any area (touching edges do not count)."""
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def inside(a: Rect, frame: Rect) -> bool:
    return a[0] >= frame[0] and a[1] >= frame[1] and a[0] + a[2] <= frame[0] + frame[2] and \
        a[1] + a[3] <= frame[1] + frame[3]


def mark_rect(at: tuple[float, float], r: float) -> Rect:
    """The square a mark of radius `r` covers."""
    return (at[0] - r, at[1] - r, 2 * r, 2 * r)


def _candidates(req: Request, w: float, h: float, reach: float = 1.0) -> list[Rect]:
    x, y = req.at
    if req.kind in MARKED:
        first = [_SIDES[req.side]] if req.side in _SIDES else []
        dirs = first + [d for d in _ORDER if d not in first]
        gap = max(req.gap, 2.0) * reach
    else:  # centred on its point first, then moved off it by half its height
        dirs = [(0, 0)] + [(0, -1), (0, 1), (1, 0), (-1, 0)] + _ORDER[4:]
        gap = h / 2 * reach
    out = []
    for dx, dy in dirs:
        if dx > 0:
            left = x + gap
        elif dx < 0:
            left = x - gap - w
        else:
            left = x - w / 2
        if dy > 0:
            top = y + gap * (0.6 if dx else 1)
        elif dy < 0:
            top = y - gap * (0.6 if dx else 1) - h
        else:
            top = y - h / 2
        out.append((left, top, w, h))
    for dy in (-1, 1):  # above and below, slid to start or end at the point
        top = y - gap - h if dy < 0 else y + gap
        out += [(x - min(gap, w / 2), top, w, h), (x + min(gap, w / 2) - w, top, w, h)]
    return out


def _free(rect: Rect, frame: Rect, taken: Sequence[Rect]) -> bool:
    return inside(rect, frame) and not any(overlaps(rect, t) for t in taken)


def _in_polygon(p: tuple[float, float], poly: Sequence[tuple[float, float]]) -> bool:
    x, y = p
    hit = False
    for (x1, y1), (x2, y2) in zip(poly, list(poly[1:]) + [poly[0]]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _on_area(rect: Rect, areas: Sequence[Sequence[tuple[float, float]]]) -> bool:
    x, y, w, h = rect
    probes = [(x, y), (x + w, y), (x, y + h), (x + w, y + h), (x + w / 2, y + h / 2)]
    return any(_in_polygon(p, area) for area in areas for p in probes)


def place(requests: Sequence[Request], marks: Sequence[Rect], frame: Rect, measure: Measure,
          steps: int = 3, areas: Sequence[Sequence[tuple[float, float]]] = ()) -> list[Placed]:
    """Every request placed (in the order given back: by importance, then as given), none overlapping
    another or a mark, all inside `frame`; numbered (1, 2, ...) in that order when no size fits. A note
    (such as "to the next town") keeps off the `areas` (the zones' polygons) when it can.

    A name that finds no room is numbered, and the placement starts again with the numbers placed first
    (a number is small, and placed first it always finds a spot beside its mark); a name that then finds
    no room joins them, until every name has room or a number."""
    order = sorted(range(len(requests)), key=lambda i: (_RANK.get(requests[i].kind, 2), i))
    numbered: list[int] = []
    while True:
        placed, failed = _attempt(requests, order, numbered, marks, frame, measure, steps, areas)
        if not failed:
            return sorted(placed, key=lambda p: order.index(requests.index(p.request)))
        numbered = [i for i in order if i in numbered or i in failed]


def _attempt(requests, order, numbered, marks, frame, measure, steps, areas):
    """Numbers first (1, 2, ... in order of importance), then names: (placed, indices of names with no room)."""
    taken: list[Rect] = list(marks)
    placed: list[Placed] = []
    for n, i in enumerate(numbered, 1):
        req = requests[i]
        spot = None
        for reach in (1.0, 1.6, 2.4, 3.2, 4.5, 6.0):  # a number may stand a little further off than a name
            spot = _first_free(req, str(n), frame, taken, measure, steps, reach=reach)
            if spot is not None:
                break
        if spot is None:  # not even a number fits: it goes over its own mark, the legend still names it
            w, h = measure(str(n), False, steps - 1)
            spot = ((req.at[0] - w / 2, req.at[1] - h / 2, w, h), steps - 1)
        placed.append(Placed(req, spot[0], spot[1], n))
        taken.append(spot[0])
    failed = set()
    for i in order:
        if i in numbered:
            continue
        spot = _name_spot(requests[i], frame, taken, measure, steps, areas)
        if spot is None:
            failed.add(i)
            continue
        placed.append(Placed(requests[i], spot[0], spot[1]))
        taken.append(spot[0])
    return placed, failed


def _name_spot(req: Request, frame: Rect, taken: Sequence[Rect], measure: Measure, steps: int,
               areas: Sequence[Sequence[tuple[float, float]]]) -> tuple[Rect, int] | None:
    """A free spot for the name itself: a note off the areas if it can be, then anywhere; a name with no
    mark of its own (zone, region, note) may move up to three of its heights away before it is numbered."""
    for reach in ((1.0,) if req.kind in MARKED else (1.0, 2.0, 3.0)):
        for avoid in ((areas, ()) if req.kind == "note" and areas else ((),)):
            spot = _first_free(req, req.text, frame, taken, measure, steps, avoid, reach)
            if spot is not None:
                return spot
    return None


def _first_free(req: Request, text: str, frame: Rect, taken: Sequence[Rect], measure: Measure,
                steps: int, areas: Sequence[Sequence[tuple[float, float]]] = (), reach: float = 1.0
                ) -> tuple[Rect, int] | None:
    bold = req.kind == "city" and text == req.text
    for step in range(steps):
        w, h = measure(text, bold, step)
        for rect in _candidates(req, w, h, reach):
            if _free(rect, frame, taken) and not _on_area(rect, areas):
                return rect, step
    return None


def keyed(placed: Sequence[Placed]) -> list[tuple[int, str]]:
    """(number, name) for each name moved to the legend, in number order."""
    return sorted((p.number, p.request.text) for p in placed if p.number is not None)
