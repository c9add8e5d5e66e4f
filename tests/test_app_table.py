"""The negotiation table driven with real events under the dummy driver, at 100%, 150% and 200% text in
English, Turkish and Russian: your pick through the computer's turn, every issue in view, what changed,
one number per offer, red lines in words, private news in hot-seat, and the keymap."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pygame
import pytest

from test_app_support import click, press, settle, top_name

from game import i18n
from game.app import flow, table_model
from game.app.game_state import Game, GameSetup
from game.app.screens.base import visible_rect
from game.i18n import _
from game.play.catalog import load_scenario
from game.play.match import PlayerSpec

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = [("en", (1280, 720), 1.0), ("tr", (1920, 1080), 1.5), ("ru", (1280, 720), 2.0)]
IDS = [f"{lang}-{w}x{h}-{scale:g}" for lang, (w, h), scale in CONFIGS]


@pytest.fixture(scope="module")
def flagship():
    return load_scenario(str(ROOT / "scenarios" / "moscow_2020.yaml"))


def table_for(app, scenario, party="turkey", opponent=PlayerSpec("ai", "linear")):
    game = Game(GameSetup(scenario, party, opponent, 1), base=app.base)
    flow.to_table(app, game)
    app.pump(2)
    dismiss_news(app)
    return app.stack.top


def dismiss_news(app) -> list[str]:
    """Close every news dialog with Enter; return their texts."""
    texts = []
    settle(app)
    while top_name(app) == "notice":
        texts.append(app.stack.top.html_text)
        press(app, pygame.K_RETURN)
        settle(app)
    return texts


def looks_selected(board, k: int) -> bool:
    """The option's button is in pygame_gui's selected state, its picture shows the pick's colour and ✓,
    and it is in view (scrolled to, at large text)."""
    button, picture = board.option_buttons[k], board.option_pictures[k]
    state = button.drawable_shape.active_state.state_id
    colour = picture.get_at((3, picture.get_height() // 2))
    in_view = visible_rect(board.option_images[k]).height > 0
    return button.is_selected and state == "selected" and colour == board.palette["selected"] and in_view


@pytest.mark.parametrize("lang,size,scale", CONFIGS, ids=IDS)
def test_your_pick_stays_selected_and_looks_selected_through_the_computers_turn(make_app, flagship, lang, size,
                                                                               scale):
    app = make_app(size=size, scale=scale, language=lang)
    table = table_for(app, flagship)
    board = table.board
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_2)                                  # the third issue, its second option, by keyboard
    assert table.card == 2 and table.selection[2] == 1
    click(app, board.row_buttons[1])                        # the second issue by mouse ...
    board.scroll_to_option(3)                               # (at 200% the list scrolls)
    app.pump(1)
    click(app, board.option_buttons[3])                     # ... and its fourth option
    assert table.card == 1 and table.selection[1] == 3 and looks_selected(board, 3)
    gate = threading.Event()
    step = table.game.match.step
    table.game.match.step = lambda: (gate.wait(10), step())[1]
    press(app, pygame.K_RETURN)                             # propose: the computer thinks
    assert table.game.thinking
    app.pump(3)
    assert not board.option_buttons[3].is_enabled and looks_selected(board, 3)   # disabled, still your pick
    assert table.offer_label.text.startswith(_("Your offer is on the table"))   # not "no offer yet"
    assert not any(looks_selected(board, k) for k in (0, 1, 2))
    gate.set()
    dismiss_news(app)
    table = app.stack.top
    board = table.board
    assert top_name(app) == "table" and table.my_turn()
    assert board.option_buttons[3].is_enabled and looks_selected(board, 3)      # enabled again, still your pick
    press(app, pygame.K_4)                                  # the same number keeps it
    assert table.selection[1] == 3 and looks_selected(board, 3)
    press(app, pygame.K_LEFT)
    assert table.card == 0 and looks_selected(board, table.selection[0])


@pytest.mark.parametrize("lang,size,scale", CONFIGS[:2], ids=IDS[:2])
def test_every_issue_is_in_view_without_scrolling(make_app, flagship, lang, size, scale):
    """1280x720 at 100% and 1920x1080 at 150% (a projector): every row and every option whole on screen."""
    app = make_app(size=size, scale=scale, language=lang)
    table = table_for(app, flagship)
    window = pygame.Rect(0, 0, *size)
    for b in table.board.row_buttons:
        assert visible_rect(b) == b.rect and window.contains(b.rect)
    for n in range(len(flagship.issues)):
        table.focus_issue(n)
        app.pump(1)
        for k in range(len(flagship.issues[n].options)):
            b = table.board.option_buttons[k]
            assert visible_rect(b) == b.rect and window.contains(b.rect), (n, k)


def test_at_200_percent_the_rows_scroll_and_keep_the_focused_issue_in_view(make_app, flagship):
    app = make_app(size=(1280, 720), scale=2.0, language="ru")
    table = table_for(app, flagship)
    for n in range(1, len(flagship.issues)):
        press(app, pygame.K_RIGHT)
        assert table.card == n
        rect = visible_rect(table.board.row_buttons[n])
        assert rect.height >= table.board.row_buttons[n].rect.height - 1, n   # whole in view (to a pixel)


def test_the_rows_show_what_the_other_side_changed(make_app, flagship):
    app = make_app()
    table = table_for(app, flagship, opponent=PlayerSpec("ai", "conceder"))
    game = table.game

    def theirs():
        return [o for o in game.offers if o.party == "russia"]

    while game.session.round < game.session.rounds - 1 and (len(theirs()) < 2 or
                                                            theirs()[-1].indexes == theirs()[-2].indexes):
        press(app, pygame.K_RETURN)                          # the same package again: only they move
        dismiss_news(app)
    table = app.stack.top
    lines = table.board.lines
    moved = [line for line in lines if line.moved_by is not None]
    assert moved, "the conceder changed nothing in the whole game"
    offers = theirs()
    changed = [n for n, (a, b) in enumerate(zip(offers[-2].indexes, offers[-1].indexes)) if a != b]
    assert [line.index for line in moved] == changed


def test_one_number_for_their_offer_in_the_header_the_list_and_the_meter(make_app, flagship):
    app = make_app()
    table = table_for(app, flagship)
    news = []
    for _n in range(3):                                     # round 3 brings news that moves Turkey's weights
        press(app, pygame.K_RETURN)
        news += dismiss_news(app)
    table = app.stack.top
    view = table.view()
    value = table_model.offer_points(view, view.standing_offer.package)
    shown = f"{value:.1f}"
    assert shown in table.offer_label.text
    assert table.history.html_text.split("<br>")[0].count(f"{shown} points to you") == 1
    assert any("Your priorities shifted:" in text and "%" in text for text in news), news


def test_a_package_across_your_red_line_is_marked_and_asks_in_words(make_app, flagship):
    app = make_app()
    table = table_for(app, flagship)
    posts = [i.id for i in flagship.issues].index("observation-posts")
    north = [o.id for o in flagship.issues[posts].options].index("all-move-north")
    table.focus_issue(posts)
    app.pump(1)
    assert north in table.board.lines[posts].red                       # marked before it is picked
    press(app, getattr(pygame, f"K_{north + 1}"))
    assert table_model.RED_MARK in table.status.text and "Turkish observation posts" in table.status.text
    moves = len(table.game.session.log)
    press(app, pygame.K_RETURN)
    assert top_name(app) == "confirm"
    text = app.stack.top.text
    assert text.startswith("Your offer crosses your red line: Turkish observation posts: ")
    assert "Your instructions: “The observation posts do not all move north”" in text
    press(app, pygame.K_n)                                              # cancel: nothing was proposed
    assert top_name(app) == "table" and len(table.game.session.log) == moves
    press(app, pygame.K_RETURN)
    press(app, pygame.K_y)
    assert table.game.offers[-1].party == "turkey" and table.game.offers[-1].indexes[posts] == north


def test_hotseat_never_shows_one_sides_private_news_to_the_other(make_app, flagship):
    app = make_app()
    game = Game(GameSetup(flagship, "russia", PlayerSpec("human"), 1), base=app.base)
    flow.to_table(app, game)
    private = {e.id: e for e in flagship.events if e.audience != "both"}
    seen = {"russia": [], "turkey": []}
    handovers = 0
    for _step in range(200):
        name = top_name(app)
        if name == "handover":
            handovers += 1
            press(app, pygame.K_RETURN)
        elif name == "notice":
            below = list(app.stack)[-2]
            seen[below.party].append(app.stack.top.title + " " + app.stack.top.html_text)
            press(app, pygame.K_RETURN)
        elif name == "table":
            table = app.stack.top
            if game.session.round >= 8:
                break
            talk = table.talk.html_text
            for event in private.values():
                if event.audience != table.party:
                    assert i18n.local(event.title) not in talk
            press(app, pygame.K_RETURN)
        else:
            break
    assert game.session.round >= 8
    assert handovers <= 2 * game.session.round                 # one hand-over per turn
    fired = {f.event for f in game.session.fired}
    assert {"ocha-displaced", "spring-shield-toll"} <= fired
    for party, texts in seen.items():
        for event in private.values():
            heard = any(i18n.local(event.title) in t for t in texts)
            assert heard == (event.audience == party and event.id in fired), (party, event.id)


@pytest.mark.parametrize("lang,size,scale", CONFIGS, ids=IDS)
def test_the_keymap_drives_the_keys_the_help_and_the_hints(make_app, flagship, lang, size, scale):
    """Every key the F1 help lists for the table acts, and every hint on a button names a key of the keymap."""
    app = make_app(size=size, scale=scale, language=lang)
    table = table_for(app, flagship)
    bindings = table.keymap()
    labels = {b.label for b in bindings}
    help_keys = [k for k, _t in table.shortcuts()]
    for b in bindings:   # every key of the keymap is in the help (keys doing the same thing share a line)
        assert any(b.label in k for k in help_keys), b.label
    assert any("F1" in k for k in help_keys) and any("H" in k.split(" / ") for k in help_keys)
    for button in table.action_buttons.values():
        full = button.parley_full
        hint = re.search(r"\[([^\]]+)\]$", full)
        assert hint and hint.group(1) in labels, full
    press(app, pygame.K_F1)
    assert top_name(app) == "help"
    assert [k for k, _t in app.stack.top.items] == help_keys
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_h)
    assert top_name(app) == "help"
    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "table"


def test_in_autoplay_the_table_shows_the_computers_real_offer(make_app, flagship):
    app = make_app()
    game = Game(GameSetup(flagship, "turkey", PlayerSpec("ai", "linear"), 3, autoplay=True), base=app.base)
    flow.to_table(app, game)
    table = app.stack.top
    for _n in range(6):                                     # a few turns of both computers
        table = app.stack.top
        if top_name(app) == "notice":
            press(app, pygame.K_RETURN)
            continue
        if top_name(app) != "table":
            break
        table.autoplay_step()
        settle(app)
        app.pump(2)
    own = [o for o in game.offers if o.party == "turkey"]
    assert len(own) >= 2
    table = next(s for s in app.stack if getattr(s, "name", "") == "table")
    table.refresh()
    assert tuple(table.selection) == tuple(own[-1].indexes)
    assert [line.pick for line in table.board.lines] == list(own[-1].indexes)


def test_the_projector_preset_gives_large_text_and_high_contrast(make_app, tmp_path):
    from game.app import paths, settings as settings_mod
    from game.app.screens.settings import SettingsScreen

    app = make_app(persist_settings=True)
    app.stack.push(SettingsScreen(app))
    app.pump(2)
    normal = app.palette["background"]
    press(app, pygame.K_p)
    assert app.settings.text_scale == 1.5 and app.settings.contrast and app.settings.is_projector
    assert app.palette["background"] == pygame.Color("#000000") != normal
    assert app.stack.top.projector_button.is_selected and app.stack.top.contrast_button.is_selected
    saved = settings_mod.load(paths.settings_file(app.base))
    assert saved.contrast and saved.text_scale == 1.5
    click(app, app.stack.top.contrast_button)              # contrast off again, by mouse, then applied
    press(app, pygame.K_RETURN)
    assert not app.settings.contrast and app.palette["background"] == normal


def test_every_screens_keymap_matches_its_help_and_its_button_hints(tmp_path):
    """On every screen of the tour: each hint on a button names a key of the screen's keymap that runs the
    button's own action, and the F1 help lists every key of the keymap."""
    from game.app import keymap as keys
    from game.app.screenshots import Tour

    problems, seen = [], set()

    class KeyTour(Tour):
        def shot(self, name: str, frames: int = 3) -> None:
            self.app.pump(frames)
            top = self.app.stack.top
            seen.add(type(top).__name__)
            bindings = top.keymap()
            help_keys = {k for k, _t in top.shortcuts()}
            for b in bindings:
                if b.keys and b.in_help and not any(b.label in k for k in help_keys):
                    problems.append(f"{name}: {b.label} is missing from the F1 help")
            for button, action in top._actions.items():
                hint = re.search(r"\[([^\]]+)\]$", getattr(button, "parley_full", "") or "")
                if hint is None:
                    continue
                name_of = getattr(action, "__name__", "")
                digit = hint.group(1).isdigit() and getattr(pygame, f"K_{hint.group(1)}", None)
                ok = [b for b in bindings if b.keys and (b.label == hint.group(1) or digit in b.keys)]
                if not ok:
                    problems.append(f"{name}: the hint [{hint.group(1)}] on {button.parley_full!r} is no key")
                elif name_of != "<lambda>" and not digit and all(b.action != name_of for b in ok):
                    problems.append(f"{name}: [{hint.group(1)}] does not run {name_of}")
            self.saved.append(Path(name))

    tour = KeyTour(tmp_path, (1280, 720), None)
    try:
        tour.run()
    finally:
        tour.close()
    assert not problems, "\n".join(problems)
    assert {"TitleScreen", "SetupScreen", "BriefingScreen", "TableScreen", "HelpDialog", "StatementMenu",
            "ConfirmDialog", "OutcomeScreen", "DebriefScreen", "TeacherScreen", "SettingsScreen",
            "HandoverScreen"} <= seen
    assert keys.digit_of(pygame.K_KP3) == 3 and keys.digit_of(pygame.K_a) is None


def test_after_a_resume_your_pick_and_every_number_are_the_same(make_app, flagship):
    """Close the window mid-game and resume: the same picks marked, the same points in the list."""
    from game.app.screens.table import TableScreen

    app = make_app()
    table = table_for(app, flagship)
    for _n in range(3):                                     # past round 3's news, which moves the weights
        press(app, pygame.K_RIGHT)
        press(app, pygame.K_2)
        press(app, pygame.K_RETURN)
        dismiss_news(app)
    table = app.stack.top
    history, picks = table_text_of(table), list(table.selection)
    mine = [o for o in table.game.offers if o.party == "turkey"][-1]
    assert picks == list(mine.indexes)
    base = app.base
    app.stack.clear()

    again = make_app()
    game = Game.resume(base)
    again.stack.push(TableScreen(again, game, "turkey"))
    again.pump(3)
    dismiss_news(again)
    resumed = again.stack.top
    assert resumed.name == "table" and resumed.selection == picks
    assert table_text_of(resumed) == history                # one number per offer, before and after
    resumed.focus_issue(1)
    again.pump(2)
    assert looks_selected(resumed.board, picks[1])


def table_text_of(table) -> str:
    from game.app import table_text

    return table_text.history_html(table.game, table.party)
