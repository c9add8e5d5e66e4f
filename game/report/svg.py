"""The report's charts as inline SVG: no scripts, no fonts to fetch, readable without colour.

Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` that says in
words what it shows; the page repeats the figures in text and tables. Colours
come from the Okabe-Ito palette (safe for the common colour-vision deficiencies)
and never carry meaning alone: each kind of mark also has its own shape, a
pattern or a text label.
"""

from __future__ import annotations

import math
from html import escape
from typing import Iterable, Sequence

from game.i18n import _, ngettext, number, percent
from game.report.summary import ChartPoint, ClassSummary, IssueCount

# Okabe & Ito, "Color Universal Design" (2008).
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
INK = "#1a1a1a"
GREY = "#707070"
LIGHT = "#e4e4e4"
PARTY_COLOURS = (BLUE, ORANGE, GREEN, PURPLE)
FONT = "font-family:inherit"


def num(x: float, digits: int = 1) -> str:
    """A number for people, by the locale: one decimal at most, no trailing zeros, no "-0".
    (Coordinates and sizes in the SVG markup stay plain: f"{x:.1f}".)"""
    return number(x, digits, trim=True)


def _open(chart_id: str, width: int, height: int, title: str, desc: str, css_class: str) -> str:
    return (f'<svg id="{chart_id}" class="chart {css_class}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" '
            f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
            f'xmlns="http://www.w3.org/2000/svg" style="{FONT}">'
            f'<title id="{chart_id}-title">{escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{escape(desc)}</desc>')


def _text(x: float, y: float, text: str, *, size: int = 16, anchor: str = "start", weight: str = "normal",
          fill: str = INK, halo: bool = False, extra: str = "") -> str:
    style = ' stroke="#fff" stroke-width="4" paint-order="stroke" stroke-linejoin="round"' if halo else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{fill}"{style}{extra}>{escape(text)}</text>')


def _nice_range(values: Iterable[float]) -> tuple[float, float]:
    values = list(values) or [0.0, 100.0]
    lo = math.floor(min(values) / 10) * 10
    hi = math.ceil(max(values) / 10) * 10
    if hi - lo < 30:
        hi = lo + 30
    return float(lo), float(hi)


def star(cx: float, cy: float, r: float) -> str:
    pts = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + k * math.pi / 5
        pts.append(f"{cx + radius * math.cos(angle):.1f},{cy + radius * math.sin(angle):.1f}")
    return "M" + " L".join(pts) + " Z"


def diamond(cx: float, cy: float, r: float) -> str:
    return f"M{cx:.1f},{cy - r:.1f} L{cx + r:.1f},{cy:.1f} L{cx:.1f},{cy + r:.1f} L{cx - r:.1f},{cy:.1f} Z"


def legend_glyph(kind: str) -> str:
    """A small SVG of one legend mark (deal, frontier, nash, historical, walk-away, zone)."""
    body = {
        "deal": f'<circle cx="14" cy="12" r="8" fill="{BLUE}" fill-opacity="0.85" stroke="#fff" stroke-width="1.5"/>',
        "frontier": f'<path d="M2,18 L14,9 L26,5" fill="none" stroke="{INK}" stroke-width="3"/>'
                    f'<circle cx="14" cy="9" r="3" fill="{INK}"/>',
        "nash": f'<path d="{diamond(14, 12, 10)}" fill="{ORANGE}" stroke="{INK}" stroke-width="1.5"/>',
        "historical": f'<path d="{star(14, 12, 11)}" fill="{INK}" stroke="#fff" stroke-width="1"/>',
        "walk-away": f'<path d="M2,12 L26,12" stroke="{GREY}" stroke-width="2.5" stroke-dasharray="6 4"/>',
        "zone": f'<rect x="2" y="3" width="24" height="18" fill="{SKY}" fill-opacity="0.18" stroke="{SKY}"/>',
    }[kind]
    return f'<svg class="glyph" viewBox="0 0 28 24" width="28" height="24" aria-hidden="true">{body}</svg>'


# -- the outcome space -----------------------------------------------------------------
def scatter(summary: ClassSummary, chart_id: str = "deal-space") -> str:
    """Every deal of the class in the points space, with the frontier, Nash and the real deal."""
    px, py = list(summary.parties)[:2]
    names = summary.parties
    width, height, left, right, top, bottom = 800, 620, 86, 24, 24, 78
    deals = [p for p in summary.pairs if p.agreement is not None]
    marks: list[ChartPoint] = list(summary.frontier) + [m for m in (summary.nash, summary.historical) if m]
    xs = [m.points[px] for m in marks] + [d.points[px] for d in deals] + [summary.walk_away.get(px, 0.0)]
    ys = [m.points[py] for m in marks] + [d.points[py] for d in deals] + [summary.walk_away.get(py, 0.0)]
    (x0, x1), (y0, y1) = _nice_range(xs), _nice_range(ys)

    def X(v: float) -> float:
        return left + (v - x0) / (x1 - x0) * (width - left - right)

    def Y(v: float) -> float:
        return height - bottom - (v - y0) / (y1 - y0) * (height - top - bottom)

    grouped: dict[tuple[float, float], int] = {}
    for d in deals:
        key = (round(d.points[px], 6), round(d.points[py], 6))
        grouped[key] = grouped.get(key, 0) + 1
    desc = [ngettext("{n} deal plotted at {k} distinct point.", "{n} deals plotted at {k} distinct points.",
                     len(deals)).format(n=len(deals), k=len(grouped)),
            _("Horizontal axis: points for {x}; vertical axis: points for {y}.").format(x=names[px], y=names[py])]
    if summary.frontier:
        desc.append(ngettext("The Pareto frontier joins {n} package.", "The Pareto frontier joins {n} packages.",
                             len(summary.frontier)).format(n=len(summary.frontier)))
    for label, mark in ((_("Nash package"), summary.nash), (summary.agreement or _("The real deal"), summary.historical)):
        if mark:
            desc.append(_("{label}: {x} {a}, {y} {b}.").format(label=label, x=names[px], a=num(mark.points[px]),
                                                                 y=names[py], b=num(mark.points[py])))
    out = [_open(chart_id, width, height, _("Deals in the outcome space"), " ".join(desc), "scatter")]
    # grid and axes
    for v in range(int(x0), int(x1) + 1, 10):
        out.append(f'<line class="grid" x1="{X(v):.1f}" y1="{top}" x2="{X(v):.1f}" y2="{height - bottom}" stroke="{LIGHT}"/>')
        out.append(_text(X(v), height - bottom + 26, str(v), size=17, anchor="middle", fill=GREY))
    for v in range(int(y0), int(y1) + 1, 10):
        out.append(f'<line class="grid" x1="{left}" y1="{Y(v):.1f}" x2="{width - right}" y2="{Y(v):.1f}" stroke="{LIGHT}"/>')
        out.append(_text(left - 10, Y(v) + 6, str(v), size=17, anchor="end", fill=GREY))
    out.append(f'<path class="axis" d="M{left},{top} L{left},{height - bottom} L{width - right},{height - bottom}" '
               f'fill="none" stroke="{INK}" stroke-width="1.5"/>')
    out.append(_text((left + width - right) / 2, height - 18, _("points for {party} →").format(party=names[px]),
                     size=19, anchor="middle", weight="bold"))
    cy = (top + height - bottom) / 2
    out.append(_text(24, cy, _("points for {party} →").format(party=names[py]), size=19, anchor="middle",
                     weight="bold", extra=f' transform="rotate(-90 24 {cy:.1f})"'))
    # walk-away values and the zone better than no deal for both
    if px in summary.walk_away and py in summary.walk_away:
        wx, wy = X(summary.walk_away[px]), Y(summary.walk_away[py])
        zone = _("better than no deal for both")
        out.append(f'<rect class="zone" x="{wx:.1f}" y="{top}" width="{width - right - wx:.1f}" height="{wy - top:.1f}" '
                   f'fill="{SKY}" fill-opacity="0.13"><title>{escape(zone)}</title></rect>')
        dash = f'stroke="{GREY}" stroke-width="2.5" stroke-dasharray="7 5"'
        out.append(f'<line class="walk-away" x1="{wx:.1f}" y1="{top}" x2="{wx:.1f}" y2="{height - bottom}" {dash}/>')
        out.append(f'<line class="walk-away" x1="{left}" y1="{wy:.1f}" x2="{width - right}" y2="{wy:.1f}" {dash}/>')
        out.append(_text(wx + 6, top + 18, _("{party} walks away below {v}").format(
            party=names[px], v=num(summary.walk_away[px])), size=15, fill=GREY, halo=True))
        out.append(_text(left + 6, wy - 8, _("{party} walks away below {v}").format(
            party=names[py], v=num(summary.walk_away[py])), size=15, fill=GREY, halo=True))
    # the frontier
    if summary.frontier:
        front = sorted(summary.frontier, key=lambda m: (m.points[px], -m.points[py]))
        d = "M" + " L".join(f"{X(m.points[px]):.1f},{Y(m.points[py]):.1f}" for m in front)
        frontier = _("Pareto frontier")
        out.append(f'<path class="frontier" d="{d}" fill="none" stroke="{INK}" stroke-width="3" stroke-linejoin="round">'
                   f'<title>{escape(frontier)}</title></path>')
        for m in front:
            out.append(f'<circle class="frontier-point" cx="{X(m.points[px]):.1f}" cy="{Y(m.points[py]):.1f}" r="3.5" fill="{INK}"/>')
    # the class's deals, one circle per distinct point, bigger when shared
    for (vx, vy), n in sorted(grouped.items(), key=lambda kv: -kv[1]):
        r = 8 + 3.2 * math.sqrt(n - 1)
        tip = ngettext("{n} deal: {x} {a}, {y} {b}", "{n} deals: {x} {a}, {y} {b}", n).format(
            n=n, x=names[px], a=num(vx), y=names[py], b=num(vy))
        out.append(f'<circle class="deal" cx="{X(vx):.1f}" cy="{Y(vy):.1f}" r="{r:.1f}" fill="{BLUE}" '
                   f'fill-opacity="0.8" stroke="#fff" stroke-width="1.5"><title>{escape(tip)}</title></circle>')
        if n > 1:
            out.append(_text(X(vx), Y(vy) + 5.5, str(n), size=15, anchor="middle", weight="bold", fill="#fff"))
    # Nash and the real deal, labelled on the chart
    if summary.nash:
        nx, ny = X(summary.nash.points[px]), Y(summary.nash.points[py])
        nash = _("Nash package")
        out.append(f'<path class="nash" d="{diamond(nx, ny, 12)}" fill="{ORANGE}" stroke="{INK}" stroke-width="2">'
                   f'<title>{escape(nash)}</title></path>')
        out.append(_text(nx + 16, ny - 10, _("Nash"), size=18, weight="bold", halo=True))
    if summary.historical:
        hx, hy = X(summary.historical.points[px]), Y(summary.historical.points[py])
        real = summary.agreement or _("The real deal")
        out.append(f'<path class="historical" d="{star(hx, hy, 15)}" fill="{INK}" stroke="#fff" stroke-width="1.5">'
                   f'<title>{escape(real)}</title></path>')
        out.append(_text(hx + 18, hy + 22, summary.agreement_mark or _("real deal"), size=18, weight="bold",
                         halo=True))
    out.append("</svg>")
    return "".join(out)


# -- how the games ended ---------------------------------------------------------------
def endings_bar(summary: ClassSummary, labels: dict[str, str], chart_id: str = "endings") -> str:
    """One bar split by how the games ended, each part with its own pattern and a label."""
    width, height = 1000, 96
    total = max(summary.games, 1)
    styles = {"accept": f'fill="{BLUE}"', "walkaway": f'fill="url(#{chart_id}-hatch)"',
              "deadline": f'fill="url(#{chart_id}-dots)"'}
    parts = [(k, summary.endings.get(k, 0)) for k in ("accept", "walkaway", "deadline")]
    desc = "; ".join(f"{labels[k]}: {n}" for k, n in parts)
    out = [_open(chart_id, width, height, _("How the games ended"), desc, "endings"),
           f'<defs><pattern id="{chart_id}-hatch" width="12" height="12" patternUnits="userSpaceOnUse" '
           f'patternTransform="rotate(45)"><rect width="12" height="12" fill="{ORANGE}"/>'
           f'<line x1="0" y1="0" x2="0" y2="12" stroke="{INK}" stroke-width="3"/></pattern>'
           f'<pattern id="{chart_id}-dots" width="10" height="10" patternUnits="userSpaceOnUse">'
           f'<rect width="10" height="10" fill="{LIGHT}"/><circle cx="5" cy="5" r="2" fill="{INK}"/></pattern></defs>']
    x = 0.0
    for kind, n in parts:
        if not n:
            continue
        w = n / total * width
        out.append(f'<rect class="ending {kind}" x="{x:.1f}" y="0" width="{w:.1f}" height="52" {styles[kind]} '
                   f'stroke="#fff" stroke-width="2"><title>{escape(labels[kind])}: {n}</title></rect>')
        out.append(_text(x + 6, 80, f"{labels[kind]}: {n}", size=18, weight="bold"))
        x += w
    if not summary.games:
        out.append(f'<rect x="0" y="0" width="{width}" height="52" fill="{LIGHT}"/>')
        out.append(_text(8, 80, _("no games yet"), size=18))
    out.append("</svg>")
    return "".join(out)


# -- options chosen, issue by issue ------------------------------------------------------
def wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + ([line] if line else [])


def option_chart(issue: IssueCount, deals: int, chart_id: str) -> str:
    """For one issue: how many deals chose each option; the real choice starred and outlined."""
    width, bar_max, row_gap = 660, 420, 12
    rows, y, body = [], 8, []
    for option in issue.options:
        label = ("★ " if option.historical else "") + option.label
        lines = wrap(label, 58)
        rows.append((option, lines, y))
        y += len(lines) * 23 + 34 + row_gap
    height = y
    real = _("{option}: {n} (the real choice)")
    desc = [real.format(option=o.label, n=o.count) if o.historical else f"{o.label}: {o.count}" for o in issue.options]
    if issue.historical is None:
        desc.append(_("The scenario names no real choice for this issue."))
    for option, lines, top in rows:
        for k, line in enumerate(lines):
            body.append(_text(4, top + 18 + 23 * k, line, size=18, weight="bold" if option.historical else "normal"))
        bar_y = top + len(lines) * 23 + 4
        w = max(option.count / deals * bar_max, 3) if deals else 3
        outline = f' stroke="{INK}" stroke-width="3"' if option.historical else ""
        fill = BLUE if option.count else LIGHT
        body.append(f'<rect class="option-bar" x="4" y="{bar_y}" width="{w:.1f}" height="26" fill="{fill}"{outline}>'
                    f'<title>{escape(option.label)}: {option.count}</title></rect>')
        if deals and option.historical:
            count_text = _("{n} ({share})  — real choice").format(n=option.count, share=percent(option.count / deals))
        elif deals:
            count_text = f"{option.count} ({percent(option.count / deals)})"
        elif option.historical:
            count_text = _("{n}  — real choice").format(n=option.count)
        else:
            count_text = str(option.count)
        body.append(_text(4 + w + 10, bar_y + 20, count_text, size=17, weight="bold" if option.historical else "normal"))
    out = [_open(chart_id, width, height, _("Options chosen for: {issue}").format(issue=issue.title), "; ".join(desc),
                 "options")]
    out.extend(body)
    out.append("</svg>")
    return "".join(out)


# -- mean points ---------------------------------------------------------------------------
def mean_chart(rows: Sequence[tuple[str, Sequence[tuple[str, str, float, int]]]], chart_id: str, title: str,
               colours: dict[str, str]) -> str:
    """Horizontal bars on a 0..100 points scale: per row a label, then one bar per (party, text, mean, n)."""
    width, label_w, bar_max, bar_h, gap = 860, 230, 330, 28, 6
    x0 = label_w + 10
    y, body, desc = 30, [], []
    for label, bars in rows:
        lines = wrap(label, 22)
        height = max(len(bars) * (bar_h + gap), len(lines) * 22 + 4)
        for k, line in enumerate(lines):
            body.append(_text(0, y + 20 + 22 * k, line, size=18, weight="bold"))
        by = y
        for party, text, mean, n in bars:
            w = max(min(mean, 100.0), 0.0) / 100 * bar_max
            value = _("{text}: {mean} (n={n})").format(text=text, mean=num(mean), n=n) if text else \
                _("{mean} points (n={n})").format(mean=num(mean), n=n)
            body.append(f'<rect class="mean-bar" x="{x0}" y="{by}" width="{w:.1f}" height="{bar_h}" '
                        f'fill="{colours[party]}"><title>{escape(value)}</title></rect>')
            body.append(_text(x0 + w + 8, by + 21, value, size=17))
            desc.append(f"{label}, {value}")
            by += bar_h + gap
        y += height + 14
    out = [_open(chart_id, width, y, title, "; ".join(desc) or _("no games yet"), "means")]
    for tick in (0, 50, 100):  # the scale, behind the bars
        tx = x0 + tick / 100 * bar_max
        out.append(f'<line x1="{tx:.1f}" y1="22" x2="{tx:.1f}" y2="{y - 10}" stroke="{LIGHT}" stroke-width="1.5"/>')
        out.append(_text(tx, 16, str(tick), size=15, anchor="middle", fill=GREY))
    out.extend(body)
    out.append("</svg>")
    return "".join(out)
