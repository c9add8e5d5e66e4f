"""The debrief's Class tab: a folder of real games' results, drawn; an empty folder, a kind message."""

import pygame

from test_app_support import click, press  # noqa: F401

from game import resources
from game.app import paths


def tutorial():
    from game.app import catalog

    return catalog.check(resources.scenarios_dir() / "tutorial.yaml").scenario


def write_games(folder, scenario, seeds=(1, 2, 3, 4)):
    from game.play.match import Match, PlayerSpec
    from game.play.results import write_results

    strategies = ["boulware", "conceder", "linear", "titfortat"]
    for n, seed in enumerate(seeds):
        players = {p.id: PlayerSpec("ai", strategies[(n + k) % len(strategies)]) for k, p in enumerate(scenario.parties)}
        match = Match(scenario, seed=seed, players=players)
        match.run()
        write_results(match, folder, date="2026-03-05")


def open_debrief(app, scenario):
    from game.app.game_state import Game, GameSetup
    from game.app.screens.debrief import DebriefScreen
    from game.play.match import PlayerSpec

    first = scenario.parties[0]
    game = Game(GameSetup(scenario, first.id, PlayerSpec("ai", "linear"), seed=7, autoplay=True), base=app.base)
    game.match.run()
    screen = DebriefScreen(app, game)
    app.stack.push(screen)
    app.pump(2)
    return screen


def test_the_class_tab_draws_a_folder_of_real_games(make_app, tmp_path):
    scenario = tutorial()
    folder = tmp_path / "class"
    folder.mkdir()
    write_games(folder, scenario)
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    app = make_app()
    debrief = open_debrief(app, scenario)
    press(app, pygame.K_7)
    assert debrief.tab == 6 and debrief.classview.folder == paths.results(app.base)
    view = debrief.classview
    view.entry.set_text(str(folder))
    click(app, next(b for b in debrief._actions if getattr(b, "text", "").startswith("Load")))
    summary = view.summary
    assert summary is not None and summary.games == 4 and len(summary.pairs) == 4
    assert view.chart is not None and view.chart.image.get_width() > 200
    html = view.text.html_text
    rate = round(100 * summary.agreement_rate)
    assert f"Agreement rate: {rate}% ({summary.agreements} of 4 games)" in html
    assert "broken.json" in html                     # the corrupt file is a note, not a crash
    assert all(issue.title in html for issue in summary.issues)
    press(app, pygame.K_F5)                          # reads the same folder again, keeps the tab
    assert debrief.tab == 6 and view.summary.games == 4


def test_an_empty_results_folder_shows_a_kind_message(make_app, tmp_path):
    app = make_app(size=(1024, 600))
    debrief = open_debrief(app, tutorial())
    click(app, debrief.tab_buttons[6])
    view = debrief.classview
    view.entry.set_text(str(tmp_path / "nothing-here"))
    press(app, pygame.K_F5)
    assert view.chart is None and "There is no folder" in view.text.html_text
    (tmp_path / "empty").mkdir()
    view.entry.set_text(str(tmp_path / "empty"))
    press(app, pygame.K_F5)
    assert view.summary is not None and view.summary.games == 0
    assert "No games of this scenario" in view.text.html_text
    press(app, pygame.K_ESCAPE)
    assert app.stack.top.name == "title"
