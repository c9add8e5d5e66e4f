"""One autosave per game: games sharing a data folder never lose each other's saves.

Two windows (or a class on one network drive) play in the same data folder: each
game saves under its own name and removes only its own save; the title offers
every unfinished game; a game the student chose to leave is not offered again;
Enter in the leave dialog does not leave.
"""

import json
import shutil

import pygame

from test_app_support import press, settle, title_app, top_name  # noqa: F401

from game.app import flow
from game.app.game_state import Game, GameSetup, autosave_dir, unfinished_games
from game.negotiation.moves import Move
from game.play.match import PlayerSpec

DEAL = {"format": "leaders-only", "readout": "separate-statements", "length": "short"}


def started(tutorial, base, seed):
    """A game against the AI with one move by each side made (so it is autosaved)."""
    game = Game(GameSetup(tutorial, "turkey", PlayerSpec("ai", "boulware"), seed=seed), base=base)
    if game.match.waiting_for_human():
        game.submit(Move.propose("turkey", DEAL))
    game.play_ai_turn_now()
    if game.match.waiting_for_human():
        game.submit(Move.propose("turkey", DEAL))
    return game


def finish(game):
    while not game.finished:
        if game.match.waiting_for_human():
            game.submit(Move.walk_away("turkey"))
        else:
            game.play_ai_turn_now()
    game.save_results()


def test_each_game_saves_under_its_own_name_and_removes_only_its_own(tutorial, tmp_path):
    first, second = started(tutorial, tmp_path, 1), started(tutorial, tmp_path, 2)
    assert first.autosave_file != second.autosave_file
    assert sorted(unfinished_games(tmp_path)) == sorted([first.autosave_file, second.autosave_file])
    finish(second)                                    # the other window's game ends ...
    assert unfinished_games(tmp_path) == [first.autosave_file]   # ... and this one's save survives
    resumed = Game.resume(tmp_path, path=first.autosave_file)
    assert resumed.session.round == first.session.round and resumed.autosave_file == first.autosave_file
    finish(resumed)
    assert unfinished_games(tmp_path) == []


def test_an_abandoned_game_is_not_offered_again(tutorial, tmp_path):
    game = started(tutorial, tmp_path, 3)
    assert unfinished_games(tmp_path) == [game.autosave_file]
    game.abandon()
    assert unfinished_games(tmp_path) == []
    assert game.transcript.exists()                   # what the dialog promises: the transcript stays


def test_the_save_of_parley_0_1_is_offered_and_removed_when_its_game_ends(tutorial, tmp_path):
    game = started(tutorial, tmp_path, 4)
    legacy = tmp_path / "autosave.json"
    shutil.move(game.autosave_file, legacy)
    assert unfinished_games(tmp_path) == [legacy]
    resumed = Game.resume(tmp_path)
    assert resumed.autosave_file == legacy
    finish(resumed)
    assert not legacy.exists() and unfinished_games(tmp_path) == []


def test_the_title_offers_every_unfinished_game(make_app, tutorial, tmp_path):
    games = [started(tutorial, tmp_path, seed) for seed in (5, 6)]
    for game in games:
        game.wait(10)
    app = title_app(make_app, select="tutorial")
    app.pump(2)
    assert top_name(app) == "resume"
    offer = app.stack.top
    assert len(offer.game_buttons) == 2
    assert all("Resume your game of" in b.text for b in offer.game_buttons)
    newest = json.loads(unfinished_games(tmp_path)[1].read_text())  # the older one, chosen by key 2
    press(app, pygame.K_2)
    settle(app)
    table = next(s for s in app.stack if s.name == "table")
    assert table.game.transcript.name == newest["transcript"].rsplit("/", 1)[-1]
    assert len(unfinished_games(tmp_path)) == 2        # resuming one leaves the other saved


def test_enter_in_the_leave_dialog_stays_and_leave_removes_the_save(make_app, tutorial, tmp_path):
    app = title_app(make_app, select="tutorial")
    game = started(tutorial, tmp_path, 7)
    game.wait(10)
    flow.to_table(app, game)
    settle(app)
    while top_name(app) == "notice":                  # news of the rounds played so far
        press(app, pygame.K_RETURN)
    assert top_name(app) == "table"
    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "confirm"
    press(app, pygame.K_RETURN)                       # the focus is on "Cancel"
    assert top_name(app) == "table" and game.autosave_file.exists()
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_y)
    settle(app)
    assert top_name(app) == "title"
    assert not game.autosave_file.exists() and not list(autosave_dir(tmp_path).glob("*.json"))
