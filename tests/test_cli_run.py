"""`parley run`: players, scripted moves, readable and JSON output, usage errors."""

import json

from game import resources
from game.main import main

TUTORIAL = str(resources.shipped_scenario("tutorial"))


def test_default_players_are_the_personas(capsys):
    assert main(["run", TUTORIAL, "--seed", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ended_by"] in ("accept", "walkaway", "deadline")
    assert result["seed"] == 1 and result["scenario"] == "tutorial"


def test_scripted_moves_file(tmp_path, capsys):
    moves = tmp_path / "moves.yaml"
    moves.write_text(
        "moves:\n"
        "  - {by: turkey, propose: {format: one-on-one-first, readout: joint-ministers, length: half-day}}\n"
        "  - {by: russia, accept: true}\n")
    assert main(["run", TUTORIAL, "--moves", str(moves), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["scores"] == {"russia": 84.0, "turkey": 72.0} and result["ended_by"] == "accept"


def test_script_against_ai(tmp_path, capsys):
    moves = tmp_path / "moves.yaml"
    moves.write_text("moves:\n  - {by: turkey, walk_away: true}\n")
    assert main(["run", TUTORIAL, "--player", "turkey=script", "--player", "russia=ai:linear",
                 "--moves", str(moves), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ended_by"] == "walkaway"


def test_bad_moves_file_points_at_the_line(tmp_path, capsys):
    moves = tmp_path / "moves.yaml"
    moves.write_text("moves:\n  - {by: turkey, propse: {}}\n")
    assert main(["run", TUTORIAL, "--moves", str(moves)]) == 1
    err = capsys.readouterr().err
    assert f"{moves}:2:18: error: unknown key 'propse'" in err and "did you mean 'propose'" in err


def test_illegal_scripted_move(tmp_path, capsys):
    moves = tmp_path / "moves.yaml"
    moves.write_text("moves:\n  - {by: turkey, accept: true}\n")
    assert main(["run", TUTORIAL, "--moves", str(moves)]) == 1
    assert "no offer from the other side" in capsys.readouterr().err


def test_unknown_strategy_and_party(capsys):
    assert main(["run", TUTORIAL, "--player", "russia=ai:bulware"]) == 1
    assert "did you mean 'boulware'" in capsys.readouterr().err
    assert main(["run", TUTORIAL, "--player", "rusia=ai:linear"]) == 1
    assert "did you mean 'russia'" in capsys.readouterr().err


def test_readable_account(capsys):
    assert main(["run", "tutorial", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "Round 1" in out and "points (walk-away" in out


def test_a_results_path_that_is_a_file_is_refused_before_the_game_is_played(tmp_path, capsys):
    taken = tmp_path / "results"
    taken.write_text("not a folder\n", encoding="utf-8")
    transcript = tmp_path / "game.jsonl"
    assert main(["run", TUTORIAL, "--seed", "1", "--results", str(taken), "--transcript", str(transcript)]) == 1
    err = capsys.readouterr().err
    assert f"{taken}: error: '{taken}' is a file, not a folder" in err and "hint: give --results a folder" in err
    assert not transcript.exists() and taken.read_text(encoding="utf-8") == "not a folder\n"  # nothing played
