"""Map names never overlap each other or a mark: on the briefing's and the debrief's map at 1280x720 and
1024x600, at 100%, 150% and 200% text, in English, Turkish and Russian, and on the printed map; a name with no
room is numbered and listed in the legend, never dropped."""

from pathlib import Path

import pygame
import pytest
from test_app_support import click, press, settle, title_app, top_name

from game import i18n
from game.app import mapview
from game.app.charts import chart_fonts
from game.app.screens.debrief import TABS
from game.scenario import load, maplabels
from game.workbench import mapsvg

ROOT = Path(__file__).resolve().parent.parent
MAPS = ("moscow_2020", "sochi_2018")
LANGS = ("en", "tr", "ru")
SCALES = (1.0, 1.5, 2.0)
WINDOWS = ((1280, 720), (1024, 600))


def no_overlaps(placed, marks, frame):
    """Every placed name inside the frame, off every mark and off every other name."""
    for n, a in enumerate(placed):
        assert maplabels.inside(a.rect, frame), (a.request.key, a.rect, frame)
        for b in placed[n + 1:]:
            assert not maplabels.overlaps(a.rect, b.rect), (a.request.key, b.request.key)
        for mark in marks:
            assert not maplabels.overlaps(a.rect, mark), (a.request.key, mark)


def every_name_shown(drawing, placed, legend_text):
    names = {p.id for p in drawing.places} | {f"zone:{z.id}" for z in drawing.zones if z.label_at is not None}
    assert {p.request.key for p in placed} == names
    for p in placed:
        if p.number is not None:
            assert f"{p.number} {p.request.text}" in legend_text


def map_sizes(make_app, window, scale, language):
    """The sizes (and fonts) the real briefing and the debrief's "What happened next" give the flagship's map."""
    app = title_app(make_app, select="moscow_2020", size=window, scale=scale, language=language)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    briefing = app.stack.top
    assert top_name(app) == "briefing"
    sizes = [briefing.map_surface.get_size()]
    press(app, pygame.K_RETURN)
    settle(app)
    if top_name(app) == "notice":
        press(app, pygame.K_RETURN)
    assert top_name(app) == "table"
    press(app, pygame.K_a)
    press(app, pygame.K_y)
    press(app, pygame.K_RETURN)
    debrief = app.stack.top
    assert debrief.name == "debrief"
    click(app, debrief.tab_buttons[TABS.index("aftermath")])
    sizes.append(debrief.chart.image.get_size())
    return app, sizes


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("language", LANGS)
def test_screen_maps_place_every_name_apart(make_app, window, language):
    drawings = {name: load(ROOT / "scenarios" / f"{name}.yaml").map for name in MAPS}
    for scale in SCALES:
        app, sizes = map_sizes(make_app, window, scale, language)
        for size in sizes:
            fonts = chart_fonts(app.fonts, size)
            for drawing in drawings.values():
                plan = mapview.layout(size, fonts, drawing)
                marks = [maplabels.mark_rect(plan.pt(p.at), plan.dot) for p in drawing.places
                         if p.kind in maplabels.MARKED]
                marks += [maplabels.mark_rect(plan.pt(p), plan.r * 0.8) for g in drawing.posts for p in g.at]
                no_overlaps(plan.labels, marks, tuple(plan.map_rect))
                every_name_shown(drawing, plan.labels, " · ".join(plan.key_lines))
                assert plan.legend_rect.bottom <= size[1] and not plan.legend_rect.colliderect(plan.map_rect)
                assert plan.north()[1] - 2 * plan.r - 2 - plan.small.get_linesize() >= plan.map_rect.top  # "N" shows


@pytest.mark.parametrize("language", LANGS)
def test_the_printed_map_places_every_name_apart(language):
    i18n.set_language(language)
    try:
        for name in MAPS:
            drawing = load(ROOT / "scenarios" / f"{name}.yaml").map
            proj = mapsvg.mapgeo.Projection(mapsvg.mapgeo.bounds(drawing), 0, 0, mapsvg.WIDTH, mapsvg.HEIGHT)
            placed = mapsvg.labels(drawing)
            marks = [maplabels.mark_rect(proj(p.at), 3) for p in drawing.places if p.kind in maplabels.MARKED]
            marks += [maplabels.mark_rect(proj(p), 4) for g in drawing.posts for p in g.at]
            no_overlaps(placed, marks, proj.frame())
            legend = mapsvg.legend_html(drawing)
            every_name_shown(drawing, placed, legend.replace('<li><span class="key number">', "").replace(
                "</span>", " "))
            assert all(f">{p.text}<" in mapsvg.svg(drawing) for p in placed if p.number is not None)
    finally:
        i18n.set_language("en")


def test_a_name_with_no_room_is_numbered_and_keyed_in_the_legend():
    """Two places on one point in a tiny frame: the second name cannot fit and gets number 1."""
    def measure(text, bold, step):
        return (8.0 * len(text), 10.0)

    a = maplabels.Request("a", "Alpha", "city", (50, 20), 3)
    b = maplabels.Request("b", "Beta", "town", (20, 20), 3, "right")
    marks = [maplabels.mark_rect((50, 20), 2), maplabels.mark_rect((20, 20), 2)]
    placed = maplabels.place([b, a], marks, (0, 0, 100, 40), measure)
    assert [p.request.key for p in placed] == ["a", "b"]  # the city first, on the first side: right
    assert placed[0].rect == (53, 15, 40, 10) and placed[0].number is None
    assert placed[1].rect == (4, 7, 32, 10) and placed[1].number is None  # right would touch Alpha: above
    assert not maplabels.overlaps(placed[0].rect, placed[1].rect)
    crowded = maplabels.place([a, b], marks, (0, 10, 100, 20), measure)  # no room for "Beta" at any size
    assert crowded[1].number == 1 and maplabels.keyed(crowded) == [(1, "Beta")]
    assert not maplabels.overlaps(crowded[0].rect, crowded[1].rect)
