"""The client's pygame-free parts: layout arithmetic, settings, files, the game record."""

import json


from game import resources
from game.atomic import write_json_atomic
from game.app import layout, paths, settings
from game.app.game_state import Game, GameSetup
from game.play.match import PlayerSpec
from game.play.results import read_results
from game.negotiation.moves import Move

SCENARIO = resources.scenarios_dir() / "tutorial.yaml"


def test_split_v_mixes_pixels_and_shares():
    rows = layout.split_v((0, 0, 100, 200), [20, 0.5, 0.5, 30], gap=10)
    assert [r[3] for r in rows] == [20, 60, 60, 30]
    assert rows[-1][1] + rows[-1][3] == 200


def test_split_h_fills_the_width_exactly():
    cols = layout.split_h((10, 0, 301, 50), [0.6, 0.4], gap=11)
    assert cols[0][0] == 10 and cols[-1][0] + cols[-1][2] == 311


def test_grid_fits_cards_into_columns():
    assert layout.grid((0, 0, 1000, 0), 8, 300, 10) == (3, 3)
    assert layout.grid((0, 0, 200, 0), 8, 300, 10) == (1, 8)


def test_metrics_grow_with_the_text_scale():
    small, big = layout.Metrics(1280, 720, 1.0), layout.Metrics(1280, 720, 2.0)
    assert big.line == 2 * small.line and big.font == 2 * small.font


def test_settings_round_trip_and_clamp(tmp_path):
    path = tmp_path / "settings.json"
    settings.save(settings.Settings(1600, 900, True, 1.5, "en"), path)
    assert settings.load(path) == settings.Settings(1600, 900, True, 1.5, "en")
    path.write_text(json.dumps({"width": 10, "height": 99999, "text_scale": 9, "language": "xx", "extra": 1}))
    s = settings.load(path)
    assert (s.width, s.height, s.text_scale, s.language) == (1024, 2160, 2.0, "en")


def test_damaged_settings_give_the_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert settings.load(path) == settings.Settings()
    assert settings.load(tmp_path / "missing.json") == settings.Settings()


def test_write_json_atomic_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a" / "b.json"
    write_json_atomic(target, {"x": 1})
    write_json_atomic(target, {"x": 2})
    assert json.loads(target.read_text()) == {"x": 2}
    assert [p.name for p in target.parent.iterdir()] == ["b.json"]


def test_parley_home_overrides_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path))
    assert paths.data_dir() == tmp_path
    assert paths.transcripts() == tmp_path / "transcripts"


def test_a_game_records_offers_with_points_then_saves_transcript_and_results(tutorial, tmp_path):
    game = Game(GameSetup(tutorial, "turkey", PlayerSpec("ai", "boulware"), seed=3), base=tmp_path)
    package = {"format": "leaders-only", "readout": "separate-statements", "length": "short"}
    game.submit(Move.propose("turkey", package))
    assert game.start_ai_turn()
    game.wait(10)
    assert [o.party for o in game.offers][:2] == ["turkey", "russia"]
    assert game.offers[0].points == {"russia": 0.4 * 20 + 0.4 * 30 + 0.2 * 20, "turkey": 0.5 * 60 + 0.3 * 80 + 0.2 * 70}
    while not game.finished:
        if game.match.waiting_for_human():
            game.submit(Move.walk_away("turkey"))
        else:
            game.play_ai_turn_now()
    results = game.save_results()
    assert results.parent == tmp_path / "results"
    data = read_results(results)  # the one results format, the same as `parley run --results`
    assert data.type == "parley-results" and data.scenario == "tutorial" and data.seed == 3
    assert data.scenario_hash == tutorial.content_hash
    assert {p: r.type for p, r in data.players.items()} == {"turkey": "human", "russia": "ai:boulware"}
    assert data.ended_by == "walkaway" and data.agreement is None
    assert data.transcript == "../transcripts/" + game.transcript.name
    assert (results.parent / data.transcript).resolve() == game.transcript.resolve()
    lines = game.transcript.read_text().splitlines()
    assert json.loads(lines[0])["type"] == "header" and json.loads(lines[-1])["type"] == "end"


def test_hotseat_setup_has_two_humans(tutorial):
    setup = GameSetup(tutorial, "russia", PlayerSpec("human"), 1)
    assert setup.hotseat and sorted(setup.humans) == ["russia", "turkey"]
    auto = GameSetup(tutorial, "russia", PlayerSpec("ai", "linear"), 1, autoplay=True)
    assert not auto.hotseat and auto.humans == []


def test_history_shows_only_the_viewers_points(tutorial, tmp_path):
    from game.app import table_text

    game = Game(GameSetup(tutorial, "turkey", PlayerSpec("human"), 1), base=tmp_path)
    game.submit(Move.propose("turkey", {"format": "leaders-only", "readout": "joint-ministers", "length": "short"}))
    turkey, russia = table_text.history_html(game, "turkey"), table_text.history_html(game, "russia")
    points = game.offers[0].points
    assert f"{points['turkey']:.1f}" in turkey and f"{points['russia']:.1f}" not in turkey
    assert f"{points['russia']:.1f}" in russia and f"{points['turkey']:.1f}" not in russia
    game.match.close()


def test_debrief_data_places_the_deal_and_compares_clauses(tutorial, tmp_path):
    from game.app.debrief_data import build

    game = Game(GameSetup(tutorial, "turkey", PlayerSpec("human"), 1), base=tmp_path)
    package = {"format": "one-on-one-first", "readout": "separate-statements", "length": "half-day"}
    game.submit(Move.propose("turkey", package))
    game.submit(Move.accept("russia"))
    d = build(game, "turkey")
    assert d.space is not None and d.space.points.shape == (27, 2)
    assert d.axes == ("russia", "turkey")                  # the scenario's party order, whoever is looking
    assert d.space.deal == (game.result()["scores"]["russia"], game.result()["scores"]["turkey"])
    assert d.space.historical == (84.0, 72.0)
    assert [c.same for c in d.clauses] == [True, False, True]
    assert d.curves["turkey"] == [(1, game.offers[0].points["turkey"])]
    assert d.aftermath and d.reflection
    game.match.close()


def holding_game(tutorial, tmp_path):
    """Turkey (the student) offers the same package every round until the deadline."""
    game = Game(GameSetup(tutorial, "turkey", PlayerSpec("human"), 1), base=tmp_path)
    mine = {"format": "one-on-one-first", "readout": "separate-statements", "length": "half-day"}
    theirs = {"format": "leaders-only", "readout": "joint-ministers", "length": "short"}
    while not game.finished:
        game.submit(Move.propose(game.session.turn, mine if game.session.turn == "turkey" else theirs))
    return game


def test_debrief_data_names_the_patterns_of_the_viewer_s_play(tutorial, tmp_path):
    from game.app.debrief_data import build

    game = holding_game(tutorial, tmp_path)
    rounds = tutorial.protocol.rounds
    [line] = build(game, "turkey").patterns
    assert f"from round 1 to round {rounds}" in line and "no concession" in line
    game.match.close()


def test_debrief_after_no_deal_counts_the_deal_zone_in_the_language_s_digits(flagship, tmp_path):
    """Six digits read as '219,607' (en) or '219.607' (tr), as on the outcome-space tab, not '219607'."""
    from game import i18n
    from game.analysis import Analysis
    from game.app.debrief_data import build

    game = Game(GameSetup(flagship, "turkey", PlayerSpec("human"), 1), base=tmp_path)
    game.submit(Move.walk_away("turkey"))
    zone = len(Analysis(game.session.book, game.session.standing).deal_zone)
    assert zone > 1000
    try:
        for lang in ("en", "tr"):
            i18n.set_language(lang)
            note = build(game, "turkey").trades_note
            assert i18n.number(zone, 0) in note and str(zone) not in note, note
    finally:
        i18n.set_language("en")
        game.match.close()
