"""The table's offers and talk boxes (`LogBox`) and the refresh spread over frames when a move arrives."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from test_app_support import press, settle, top_name

from game.app import flow, table_text
from game.app.game_state import Game, GameSetup
from game.app.logbox import LogBox, runs_of, wrap
from game.app.screens.table import PAINTS_PER_FRAME
from game.play.catalog import load_scenario
from game.play.match import PlayerSpec

ROOT = Path(__file__).resolve().parent.parent
WHITE, RED = (0xe9, 0xe6, 0xdf), (0xe4, 0x6e, 0x5a)


@pytest.fixture(scope="module")
def flagship():
    return load_scenario(str(ROOT / "scenarios" / "moscow_2020.yaml"))


def test_a_line_of_markup_becomes_coloured_and_bold_runs():
    line = "<font color='#e9e6df'>Round 2 · You: 40.5 points</font> <font color='#e46e5a'><b>⚠ crosses &amp; more</b></font>"
    assert runs_of(line) == [("Round 2 · You: 40.5 points", WHITE, False), (" ", None, False),
                             ("⚠ crosses & more", RED, True)]
    assert runs_of("<b><font color='#8d97a8'>R3</font></b> plain<br/>") == [("R3", (0x8d, 0x97, 0xa8), True),
                                                                           (" plain", None, False)]


def test_a_long_line_wraps_at_spaces_within_the_width():
    pygame.font.init()
    font = pygame.font.Font(None, 20)
    rows = wrap([("one two three four five six seven eight nine ten", None, False)], 120, lambda bold: font)
    assert len(rows) > 1
    assert all(font.size("".join(t for t, _c, _b in row).rstrip())[0] <= 120 for row in rows)
    assert " ".join("".join(t for t, _c, _b in row).strip() for row in rows) == \
        "one two three four five six seven eight nine ten"


def test_a_new_line_is_the_only_one_rendered_and_the_wheel_scrolls(make_app):
    app = make_app()
    box = LogBox((20, 20, 300, 120), app.manager, app.fonts)
    lines = [f"<font color='#e9e6df'>Round {n} · offer {n}</font>" for n in range(30)]
    box.set_text("<br>".join(lines[:2]))
    assert box.rendered == 2 and box.bar is None
    box.set_text("<br>".join(lines))  # too tall: a scroll bar, and only the 28 new lines rendered
    assert box.bar is not None and box.rendered == 30
    before = box.rendered
    box.set_text("<br>".join(["<b>news</b>"] + lines))
    assert box.rendered == before + 1  # the new line only
    assert box.html_text.startswith("<b>news</b><br>") and box.offset == 0
    app.pump(1)
    assert not box.handle_event(pygame.event.Event(pygame.MOUSEMOTION, {"pos": (60, 60)}))
    assert box.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, {"x": 0, "y": -1}))
    app.pump(2)
    box.update()
    assert box.offset > 0
    box.kill()


def test_a_move_from_the_other_side_is_shown_over_a_few_frames_then_whole(make_app, flagship):
    """The frame that applies the other side's move paints a few rows; the next frames the rest, then the
    labels, the offers and the talk: what is finally shown equals a full refresh."""
    app = make_app()
    game = Game(GameSetup(flagship, "turkey", PlayerSpec("ai", "linear"), 1), base=app.base)
    flow.to_table(app, game)
    for _n in range(20):  # to the table on our turn (news read, the computer's first move made)
        settle(app)
        game.wait(10)
        if top_name(app) == "notice":
            press(app, pygame.K_RETURN)
        elif top_name(app) == "table" and app.stack.top.my_turn():
            break
    table = app.stack.top
    table.propose()
    assert game.ai_to_move() and game.start_ai_turn()
    game.wait(10)  # the computer has moved; the screen has not seen it yet
    assert game.version != table.seen_version
    table.update(1 / 60)
    assert table.board_behind and table.due  # the frame that saw the move painted only a few rows
    frames = 1
    while table.board_behind or table.due:
        table.update(1 / 60)
        frames += 1
        assert frames < 40
    assert frames > 2
    assert top_name(app) == "table" and table.painting()  # news and the end are looked for in the next frame
    table.update(1 / 60)
    assert not table.painting()
    assert table.history.html_text == table_text.history_html(game, "turkey")
    assert table.talk.html_text == table_text.talk_html(game, "turkey")
    assert table.round_label.text.startswith(f"Round {game.session.round} of ")
    shown = list(table.board.painted_rows)
    table.refresh()  # a full refresh now changes nothing
    assert list(table.board.painted_rows) == shown
    assert PAINTS_PER_FRAME < len(flagship.issues)
