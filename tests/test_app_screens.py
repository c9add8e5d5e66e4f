"""Each screen driven with hand-built pygame events under the dummy video driver."""

import json
from pathlib import Path

import pygame
import pygame_gui

from test_app_support import click, find_button, press, settle, title_app, top_name, type_text  # noqa: F401

from game.app import paths
from game.scenario import load

ROOT = Path(__file__).resolve().parent.parent


def start_table(app, party="turkey", opponent_key=None):
    """From the title (tutorial selected) to the table, by keyboard."""
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1 if party == "russia" else pygame.K_2)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    settle(app)
    if top_name(app) == "notice":
        press(app, pygame.K_RETURN)
    assert top_name(app) == "table"
    return app.stack.top


# -- title -------------------------------------------------------------------------------

def test_a_click_on_a_button_posts_ui_button_pressed(make_app):
    app = title_app(make_app)
    button = app.stack.top.play_button
    pos = button.rect.center
    pygame.event.clear()
    app.manager.process_events(pygame.event.Event(pygame.MOUSEBUTTONDOWN, {"button": 1, "pos": pos}))
    app.manager.process_events(pygame.event.Event(pygame.MOUSEBUTTONUP, {"button": 1, "pos": pos}))
    pressed = [e for e in pygame.event.get() if e.type == pygame_gui.UI_BUTTON_PRESSED]
    assert len(pressed) == 1 and pressed[0].ui_element is button


def test_title_lists_the_shipped_scenarios_and_shows_the_user_folder(make_app):
    app = title_app(make_app, select="moscow_2020")
    title = app.stack.top
    ids = [e.id for e in title.entries]
    assert "tutorial" in ids
    assert title.current.id == ("moscow_2020" if "moscow_2020" in ids else title.current.id)
    texts = " ".join(getattr(e, "html_text", "") or "" for e in title.root.elements)
    assert str(paths.user_scenarios(app.base)) in texts
    before = title.selected
    press(app, pygame.K_DOWN)
    assert title.selected == (before + 1) % len(ids)
    press(app, pygame.K_UP)
    assert title.selected == before


def test_a_broken_scenario_shows_its_problems_instead_of_crashing(make_app):
    from game.app.screens.title import TitleScreen

    app = make_app(catalog=False)
    folder = paths.user_scenarios(app.base)
    folder.mkdir(parents=True)
    (folder / "draft.yaml").write_text("format: 1\nid: draft\ntitle: [unclosed\n", encoding="utf-8")
    title = TitleScreen(app)
    app.stack.push(title)
    title.wait_until_loaded()
    app.pump(2)
    broken = [n for n, e in enumerate(title.entries) if not e.ok]
    assert broken
    title.choose(broken[0])
    assert title.play_button.text.startswith("Show problems")
    press(app, pygame.K_RETURN)
    assert top_name(app) == "problems"
    text = app.stack.top.problems_box.html_text
    assert f"{folder / 'draft.yaml'}:" in text and "error" in text
    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "title"


# -- setup -------------------------------------------------------------------------------

def test_setup_chooses_party_opponent_and_a_typed_seed(make_app):
    app = title_app(make_app)
    press(app, pygame.K_RETURN)
    setup = app.stack.top
    press(app, pygame.K_1)
    assert app.stack.top.party == "russia"
    setup = app.stack.top
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    assert setup.choice == 2
    click(app, setup.seed_entry)
    press(app, pygame.K_END, frames=1)
    for _n in range(8):
        press(app, pygame.K_BACKSPACE, frames=1)
    type_text(app, "42")
    assert setup.seed_entry.get_text() == "42"
    press(app, pygame.K_RETURN)               # Enter in the seed box starts the game
    assert top_name(app) == "briefing"
    game = app.stack.top.game
    assert game.setup.seed == 42 and game.setup.player == "russia"
    assert str(game.setup.opponent) == setup.choices()[2][0]


# -- briefing ------------------------------------------------------------------------------

def test_briefing_shows_the_confidential_instructions_and_the_map(make_app):
    app = title_app(make_app)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_2)
    press(app, pygame.K_RETURN)
    briefing = app.stack.top
    html = briefing.text.html_text
    turkey = briefing.game.scenario.party("turkey")
    assert "walk-away value: 35 points" in html
    assert "Confidential" in html and "Erdoğan" in html
    assert briefing.game.scenario.map is None and briefing.map_surface is None  # no map in the file: none shown
    russia = briefing.game.scenario.party("russia")
    assert russia.confidential["en"][:30] not in html
    assert turkey.walk_away.story["en"][:20] in html


def test_flagship_briefing_draws_its_map_and_only_the_sources_before_the_talks(make_app):
    from game.app.screens.briefing import briefing_html
    from game.scenario import timing

    app = title_app(make_app, select="moscow_2020")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_2)
    press(app, pygame.K_RETURN)
    briefing = app.stack.top
    assert top_name(app) == "briefing"
    scenario = briefing.game.scenario
    assert briefing.map_surface is not None and briefing.map_image.rect.width > 200
    html = briefing_html(scenario, "turkey")
    early, later = timing.before_talks(scenario), timing.after_talks(scenario)
    assert early and later
    assert all(esc_title(s) in html for s in early)
    assert not any(esc_title(s) in html for s in later)  # e.g. "Russia suspends joint patrols"
    assert "https://" not in html  # site names only: a full address would break mid-word on screen
    assert "(partisan source)" in html and "(state media)" in html


def esc_title(source) -> str:
    from game.app.screens.base import esc
    from game.i18n import local

    return esc(local(source.title))


def test_the_map_draws_at_any_size(make_app):
    from game.app.mapview import draw_map

    app = make_app()
    for name in ("moscow_2020", "sochi_2018"):
        drawing = load(ROOT / "scenarios" / f"{name}.yaml").map
        for size in ((300, 400), (900, 500), (1800, 1900)):
            surface = draw_map(size, app.palette, app.fonts, drawing)
            assert surface.get_size() == size


# -- table ----------------------------------------------------------------------------------

def test_digits_and_arrows_compose_the_package_and_enter_proposes(make_app):
    app = title_app(make_app)
    table = start_table(app)
    press(app, pygame.K_3)
    assert table.selection[0] == 2
    press(app, pygame.K_RIGHT)
    assert table.card == 1
    before = table.selection[1]
    press(app, pygame.K_DOWN)
    assert table.selection[1] == (before + 1) % 3
    chosen = list(table.selection)
    press(app, pygame.K_RETURN)
    game = table.game
    assert game.offers[0].party == "turkey" and list(game.offers[0].indexes) == chosen
    settle(app)


def test_statements_by_keyboard(make_app):
    app = title_app(make_app)
    table = start_table(app)
    press(app, pygame.K_s)
    assert top_name(app) == "statements"
    press(app, pygame.K_1)                    # "... matters most to us"
    press(app, pygame.K_2)                    # the second issue
    assert top_name(app) == "table"
    said = table.game.said[-1]
    assert said.party == "turkey" and said.statement.kind.value == "matters_most"
    assert said.statement.issue == table.game.scenario.issues[1].id
    for _n in range(3):
        press(app, pygame.K_s)
        press(app, pygame.K_4)
    assert "at most 3" in table.message       # the rules' reason is shown


def test_walk_away_asks_first(make_app):
    app = title_app(make_app)
    table = start_table(app)
    press(app, pygame.K_w)
    assert top_name(app) == "confirm"
    press(app, pygame.K_n)
    assert top_name(app) == "table" and not table.game.finished
    click(app, table.action_buttons["walk_away"])
    click(app, app.stack.top.yes_button)
    assert top_name(app) == "outcome"
    assert table.game.result()["ended_by"] == "walkaway"


def test_help_overlay_lists_the_table_shortcuts(make_app):
    app = title_app(make_app)
    start_table(app)
    press(app, pygame.K_F1)
    assert top_name(app) == "help"
    keys = [k for k, _t in app.stack.top.items]
    assert "W" in keys and "A" in keys and "S" in keys
    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "table"


def test_briefing_can_be_read_again_from_the_table(make_app):
    app = title_app(make_app)
    table = start_table(app)
    press(app, pygame.K_b)
    assert top_name(app) == "briefing" and app.stack.top.review
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is table and table.root is not None


def test_the_opponents_offer_can_be_loaded_and_accepted(make_app):
    app = title_app(make_app)
    table = start_table(app, party="russia")   # Turkey opens: an offer is on the table
    view = table.view()
    assert view.standing_offer is not None
    press(app, pygame.K_l)
    assert tuple(table.selection) == view.standing_offer.package
    press(app, pygame.K_a)
    press(app, pygame.K_y)
    assert top_name(app) == "outcome"
    assert table.game.result()["ended_by"] == "accept"


def test_the_ai_thinks_in_a_worker_thread_while_frames_go_on(make_app):
    import threading

    app = title_app(make_app)
    table = start_table(app)
    gate = threading.Event()
    match_step = table.game.match.step

    def slow_step():
        gate.wait(5)
        return match_step()

    table.game.match.step = slow_step
    press(app, pygame.K_RETURN)
    assert table.game.thinking
    frames = app.frames
    app.pump(5)                                # the window keeps drawing
    assert app.frames == frames + 5 and "thinking" in table.round_label.text
    gate.set()
    settle(app)
    assert not table.game.thinking


# -- outcome, debrief ------------------------------------------------------------------------

def test_outcome_and_every_debrief_part(make_app):
    app = title_app(make_app)
    start_table(app, party="russia")
    press(app, pygame.K_a)
    press(app, pygame.K_y)
    outcome = app.stack.top
    game = outcome.game
    data = json.loads(game.results_path.read_text())
    assert data["agreement"] == game.result()["agreement"] and data["tags"] == game.result()["tags"]
    press(app, pygame.K_RETURN)
    debrief = app.stack.top
    assert debrief.name == "debrief" and debrief.chart.image.get_width() > 300
    for n in range(6):
        click(app, debrief.tab_buttons[n])
        assert debrief.tab == n and debrief.root is not None
    press(app, pygame.K_n)
    assert top_name(app) == "setup"


# -- window, settings ------------------------------------------------------------------------

def inside(app, scene):
    w, h = app.size
    bad = []
    for element in scene.root.elements:
        r = element.rect
        if r.left < 0 or r.top < 0 or r.right > w or r.bottom > h:
            bad.append((element, r))
    return bad


def test_a_resize_rebuilds_the_layout_inside_the_window(make_app):
    app = title_app(make_app)
    table = start_table(app)
    for size in ((1024, 600), (1920, 1080), (1280, 720)):
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, {"w": size[0], "h": size[1], "size": size}))
        app.pump(2)
        assert app.size == size
        assert table.root.rect.size == size
        assert not inside(app, table)


def test_the_biggest_text_on_the_smallest_window(make_app):
    app = title_app(make_app, size=(1024, 600), scale=2.0)
    table = start_table(app)
    assert not inside(app, table)
    press(app, pygame.K_F1)
    assert top_name(app) == "help"


def test_settings_change_the_text_size_and_are_saved(make_app, tmp_path):
    from game.app.screens.settings import SettingsScreen

    app = title_app(make_app)
    app.persist_settings = True
    press(app, pygame.K_s)
    settings = app.stack.top
    assert isinstance(settings, SettingsScreen)
    old_manager = app.manager
    click(app, settings.scale_buttons[2])      # 150 %
    click(app, find_button(app, "Apply"))
    assert app.settings.text_scale == 1.5 and app.manager is not old_manager
    assert json.loads((tmp_path / "settings.json").read_text())["text_scale"] == 1.5
    press(app, pygame.K_MINUS)
    assert app.stack.top.pending.text_scale == 1.25
    click(app, settings.size_buttons[0])
    press(app, pygame.K_RETURN)
    assert app.size == (1024, 600)
    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "title" and app.stack.top.root is not None


def test_the_debrief_names_the_patterns_of_your_play(make_app, tmp_path):
    from test_app_pure import holding_game

    from game.app.screens.debrief import DebriefScreen
    from game.play.catalog import load_scenario

    app = title_app(make_app)
    game = holding_game(load_scenario("tutorial"), tmp_path)
    app.stack.push(DebriefScreen(app, game))
    debrief = app.stack.top
    click(app, debrief.tab_buttons[1])  # the concessions
    assert debrief.tab == 1
    html = debrief.text.html_text
    assert "What your offers showed" in html and "no concession" in html
    game.match.close()
