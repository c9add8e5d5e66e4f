"""Maps as scenario data: the `map` section is checked with positions, drawn on screen and on paper,
and a scenario without one shows none."""

from pathlib import Path

import pygame

from game.app.mapview import draw_map
from game.app.theme import Fonts, Palette
from game.scenario import load
from game.scenario.loader import load_text
from game.workbench import handouts, mapsvg

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")

MAP = """
map:
  reference: {en: "the old well", tr: "eski kuyu", ru: "старый колодец"}
  note: {en: "Schematic, not to scale", tr: "Şematik, ölçeksiz", ru: "Схема, не в масштабе"}
  view: {west: -12, east: 12, south: -10, north: 10}
  zones:
    - {id: strip, style: band, label: {en: "Buffer strip", tr: "Tampon şerit", ru: "Буферная полоса"}, along: [[0, -8], [0, 8]], width_km: 2}
  lines:
    - {id: front, style: front, label: {en: "Front", tr: "Cephe", ru: "Фронт"}, points: [[-9, 0], [9, 1]]}
  roads:
    - {id: road, shield: R1, label: {en: "Valley road", tr: "Vadi yolu", ru: "Дорога"}, points: [[-10, 4], [10, 4]]}
  routes:
    - {id: patrol, label: {en: "Patrol", tr: "Devriye", ru: "Патруль"}, points: [[-6, 4], [6, 4]]}
  posts:
    - {id: guards, label: {en: "Guard posts", tr: "Nöbet noktaları", ru: "Посты"}, at: [[-3, 6], [3, 6]]}
  places:
    - {id: well, kind: town, label: {en: "Wellton", tr: "Kuyuköy", ru: "Колодцево"}, at: [0, 0]}
    - {id: base, kind: base, label: {en: "Airfield", tr: "Havaalanı", ru: "Аэродром"}, at: [5, -5]}
"""


def with_map(extra: str):
    return load_text(TUTORIAL.rstrip("\n") + "\n" + extra, "case.yaml")


def test_a_map_loads_and_draws_on_screen_and_on_paper():
    result = with_map(MAP)
    assert result.ok, result.problems
    drawing = result.scenario.map
    pygame.init()
    surface = draw_map((640, 520), Palette(), Fonts(), drawing)
    assert surface.get_size() == (640, 520)
    svg = mapsvg.svg(drawing)
    assert svg.startswith('<svg class="map"') and "Wellton" in svg and "Schematic, not to scale" in svg
    sheet = dict(handouts.sheets(result.scenario))["tutorial-map-a4.html"]
    assert "Guard posts" in sheet and "Buffer strip" in sheet


def test_mistakes_in_a_map_point_at_their_line():
    text = MAP.replace("width_km: 2}", "}").replace("at: [5, -5]}", "at: [5]}").replace("id: guards", "id: road")
    result = with_map(text)
    assert not result.ok
    lines = (TUTORIAL.rstrip("\n") + "\n" + text).splitlines()
    zone = next(p for p in result.problems if "'along' and 'width_km' go together" in p.message)
    assert "id: strip" in lines[zone.line - 1]
    short = next(p for p in result.problems if p.line and "at: [5]" in lines[p.line - 1])
    assert short.is_error
    dup = with_map(MAP.replace("id: guards", "id: road"))
    problem = next(p for p in dup.problems if p.code == "duplicate-id")
    assert "duplicate map item id 'road'" in problem.message and "id: road" in (
        TUTORIAL.rstrip("\n") + "\n" + MAP.replace("id: guards", "id: road")).splitlines()[problem.line - 1]


def test_a_place_outside_the_view_is_a_warning():
    result = with_map(MAP.replace("at: [0, 0]}", "at: [0, 30]}"))
    assert result.ok
    assert any(p.code == "map-off-view" for p in check_problems(result.scenario))


def check_problems(scenario):
    from game.scenario.checks import MODEL_CHECKS

    return [p for c in MODEL_CHECKS for p in c(scenario)]


def test_a_scenario_without_a_map_has_no_map_sheet():
    tutorial = load(ROOT / "scenarios" / "tutorial.yaml")
    assert tutorial.map is None
    names = [name for name, _party, _paper in handouts.file_names(tutorial, ["a4"])]
    assert not any("-map-" in n for n in names)


def test_nothing_in_the_drawing_belongs_to_one_scenario():
    code = (ROOT / "game" / "app" / "mapview.py").read_text(encoding="utf-8")
    code += (ROOT / "game" / "workbench" / "mapsvg.py").read_text(encoding="utf-8")
    for word in ("Idlib", "Saraqib", "M4", "Trumba", "Turkey", "moscow_2020"):
        assert word not in code, word
