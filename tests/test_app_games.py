"""Whole games through the window: keyboard only, mouse only, and hot-seat.

Real hand-built events (KEYDOWN, MOUSEBUTTONDOWN/UP at widget centres) go
through the queue; the computer's turns run in their worker thread.
"""

import json

import pygame

from test_app_support import click, find_button, negotiate_by_keyboard, press, settle, title_app, top_name, wait_for  # noqa: F401


def test_a_whole_game_by_keyboard_only(make_app):
    app = title_app(make_app, select="tutorial")
    app.preset = {"seed": 7}
    assert top_name(app) == "title" and app.stack.top.current.id == "tutorial"
    press(app, pygame.K_RETURN)
    assert top_name(app) == "setup"
    press(app, pygame.K_2)  # the second party: Turkey in the tutorial
    setup = app.stack.top
    assert setup.party == "turkey"
    press(app, pygame.K_RETURN)
    assert top_name(app) == "briefing"
    press(app, pygame.K_RETURN)
    game = app.stack.top.game
    negotiate_by_keyboard(app, game, "turkey")
    assert top_name(app) == "outcome"
    assert game.finished and game.results_path is not None and game.results_path.exists()
    from game.play.results import read_results
    from game.report import load_class

    result = read_results(game.results_path)        # the one results format
    assert {p: r.type for p, r in result.players.items()} == {"turkey": "human", "russia": f"ai:{game.setup.opponent.strategy}"}
    assert load_class(game.results_path.parent, game.scenario).games == 1   # what the Class tab and report count
    press(app, pygame.K_RETURN)
    assert top_name(app) == "debrief"
    tabs = len(app.stack.top.tab_buttons)
    for n in range(2, tabs + 1):  # every tab by its number key...
        press(app, pygame.K_0 + n)
        assert app.stack.top.tab == n - 1
    press(app, pygame.K_RIGHT)  # ...and Right wraps round to the first
    assert app.stack.top.tab == 0
    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "title"


def test_a_whole_game_by_mouse_only(make_app):
    app = title_app(make_app, select="tutorial")
    app.preset = {"seed": 11}
    title = app.stack.top
    row = next(b for b, e in zip(title.rows, app.catalog) if e.id == "tutorial")
    other = next(b for b, e in zip(title.rows, app.catalog) if e.id != "tutorial")
    click(app, other)
    assert title.current.id != "tutorial"
    click(app, row)
    assert title.current.id == "tutorial"
    click(app, title.play_button)
    assert top_name(app) == "setup"
    setup = app.stack.top
    click(app, setup.party_buttons[0])          # Russia
    assert app.stack.top.party == "russia"
    setup = app.stack.top
    click(app, setup.choice_buttons[1])          # the first registry strategy
    assert setup.choice == 1
    click(app, find_button(app, "Start"))
    assert top_name(app) == "briefing"
    click(app, find_button(app, "To the table"))
    game = app.stack.top.game
    assert game.setup.player == "russia"
    for _turn in range(40):
        name = wait_for(app, ("table", "notice", "outcome"))
        if name == "outcome":
            break
        if name == "notice":
            click(app, app.stack.top.ok_button)
            continue
        table = app.stack.top
        view = game.session.view("russia")
        offer = view.standing_offer
        if offer is not None and view.points(offer.package) > view.walk_away:
            click(app, table.action_buttons["accept"])
            click(app, app.stack.top.yes_button)
        else:
            click(app, table.board.row_buttons[2])     # the third issue
            click(app, table.board.option_buttons[1])  # its second option
            assert table.card == 2 and table.selection[2] == 1
            click(app, table.action_buttons["propose"])
    assert top_name(app) == "outcome"
    assert game.result()["ended_by"] in ("accept", "deadline", "walkaway")
    click(app, find_button(app, "Debrief"))
    assert top_name(app) == "debrief"
    debrief = app.stack.top
    click(app, debrief.tab_buttons[3])
    assert app.stack.top.tab == 3
    click(app, find_button(app, "Title"))
    assert top_name(app) == "title"


def test_hotseat_hands_over_between_the_players(make_app):
    app = title_app(make_app, select="tutorial")
    app.preset = {"seed": 5}
    press(app, pygame.K_RETURN)
    setup = app.stack.top
    press(app, pygame.K_UP)                      # wraps to the last choice: a second player
    assert setup.choices()[setup.choice][0] == "human"
    press(app, pygame.K_RETURN)
    game = None
    seen = []
    for _step in range(12):
        name = top_name(app)
        seen.append((name, getattr(app.stack.top, "party", None)))
        if name == "handover":
            texts = " ".join(getattr(e, "text", "") or "" for e in app.stack.top.root.elements)
            game = app.stack.top.game
            for party in game.scenario.parties:
                assert party.confidential["en"][:40] not in texts  # nobody's secrets on the handover screen
        if name == "table":
            break
        press(app, pygame.K_RETURN)
    # one hand-over per turn: the opener's briefing leads straight to its table, no second hand-over
    assert [s[0] for s in seen[:5]] == ["handover", "briefing", "handover", "briefing", "table"]
    assert seen[0][1] == "russia" and seen[2][1] == seen[3][1] == "turkey"
    table = app.stack.top
    assert table.party == game.session.turn == "turkey"
    turkey = game.scenario.party("turkey").name["en"]
    assert turkey in table.round_label.text            # the header names the side whose turn it is
    press(app, pygame.K_RETURN)                  # Turkey proposes; the computer is handed to Russia
    assert top_name(app) == "handover" and app.stack.top.party == "russia"
    press(app, pygame.K_RETURN)
    if top_name(app) == "notice":
        press(app, pygame.K_RETURN)
    table = app.stack.top
    assert top_name(app) == "table" and table.party == "russia"
    press(app, pygame.K_a)
    press(app, pygame.K_y)
    assert top_name(app) == "outcome"
    assert game.result()["ended_by"] == "accept"
    players = json.loads(game.results_path.read_text())["players"]
    assert {p: r["kind"] for p, r in players.items()} == {"russia": "human", "turkey": "human"}
