"""Results files: what they hold, atomic never-overwriting writes, and clear errors for bad files."""

import datetime
import json
import os
import threading

import pytest

import game.play.results as results_module
from game.atomic import create_exclusive, create_unique, write_atomic
from game.main import main
from game.errors import ParleyError
from game.play.match import Match, PlayerSpec
from game.negotiation.moves import Move
from game.negotiation.session import Session
from game.play.results import GameResults, read_folder, read_results, results_record, write_results

KEYS = {"type", "format", "parley", "scenario", "scenario_hash", "scenario_file", "scenario_path", "date", "seed", "players",
        "agreement", "ended_by", "rounds", "scores", "walk_away", "indicators", "tags", "events", "statements",
        "red_lines_crossed", "transcript"}
DEAL = {"format": "one-on-one-first", "readout": "joint-ministers", "length": "half-day"}


def scripted(tutorial, moves):
    match = Match(tutorial, seed=4, players={"russia": PlayerSpec("script"), "turkey": PlayerSpec("script")},
                  script=moves)
    match.run()
    return match


# -- atomic writes ------------------------------------------------------------------------
def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path):
    path = tmp_path / "sub" / "page.html"
    write_atomic(path, "old")
    write_atomic(path, "néw")
    assert path.read_text(encoding="utf-8") == "néw"
    assert sorted(p.name for p in path.parent.iterdir()) == ["page.html"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "page.html"
    write_atomic(path, "old")

    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ParleyError) as err:
        write_atomic(path, "new")
    assert err.value.problems[0].file == str(path) and "No space left" in err.value.problems[0].message
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_create_exclusive_never_overwrites(tmp_path):
    path = create_exclusive(tmp_path / "a.json", "first")
    with pytest.raises(FileExistsError):
        create_exclusive(path, "second")
    assert path.read_text() == "first" and len(list(tmp_path.iterdir())) == 1


def test_create_unique_numbers_from_one(tmp_path):
    names = [create_unique(tmp_path, "game", ".json", str(n)).name for n in range(3)]
    assert names == ["game-1.json", "game-2.json", "game-3.json"]
    assert (tmp_path / "game-2.json").read_text() == "1"


def test_racing_writers_all_get_their_own_file(tmp_path):
    paths, errors = [], []

    def write(n):
        try:
            paths.append(create_unique(tmp_path, "race", ".json", f"writer {n}"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(paths)) == 16
    assert sorted(p.read_text() for p in paths) == sorted(f"writer {n}" for n in range(16))
    assert len(list(tmp_path.iterdir())) == 16  # no temporary files left


# -- writing results ----------------------------------------------------------------------------
def test_results_file_of_an_ai_game(tutorial, tmp_path):
    match = Match(tutorial, seed=3, players={"russia": PlayerSpec("ai", "boulware"), "turkey": PlayerSpec("ai", "linear")},
                  transcript=tmp_path / "games" / "t.jsonl")
    match.run()
    # the client passes who really played; here Turkey is recorded as a student
    path = write_results(match, tmp_path / "games", date=datetime.date(2025, 3, 5), names={"turkey": "Ayşe"},
                         players={"russia": "ai:boulware", "turkey": "human"})
    assert path.name == "tutorial-2025-03-05-3-1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == KEYS
    result = match.session.result()
    for key in ("agreement", "ended_by", "rounds", "scores", "walk_away", "indicators", "tags", "events"):
        assert data[key] == result[key], key
    assert data["scenario"] == "tutorial" and data["scenario_hash"] == tutorial.content_hash
    assert data["players"] == {"russia": {"kind": "ai", "strategy": "boulware", "name": None},
                               "turkey": {"kind": "human", "strategy": None, "name": "Ayşe"}}
    assert data["transcript"] == "t.jsonl" and data["date"] == "2025-03-05"
    again = write_results(match, tmp_path / "games", date="2025-03-05")
    assert again.name == "tutorial-2025-03-05-3-2.json" and path.read_text(encoding="utf-8") == json.dumps(
        data, ensure_ascii=False, indent=2) + "\n"
    read = read_results(path)
    assert read.players["turkey"].type == "human" and read.players["russia"].type == "ai:boulware"
    assert read.file == str(path) and read.agreement == result["agreement"]


def test_match_players_are_recorded_by_default(tutorial, tmp_path):
    match = Match(tutorial, seed=1)
    match.run()
    data = json.loads(write_results(match, tmp_path, date="2025-03-06").read_text())
    assert {p: v["strategy"] for p, v in data["players"].items()} == {"russia": "boulware", "turkey": "conceder"}
    assert data["transcript"] is None


def test_statements_are_judged_against_the_speaker(tutorial, tmp_path):
    moves = [Move.say("turkey", "matters_most", "format"), Move.say("turkey", "matters_most", "length"),
             Move.say("turkey", "ask_priorities"), Move.propose("turkey", DEAL), Move.accept("russia")]
    data = json.loads(write_results(scripted(tutorial, moves), tmp_path, date="2025-03-05").read_text())
    said = [(s["party"], s["kind"], s["issue"], s["round"]) for s in data["statements"]]
    assert said == [("turkey", "matters_most", "format", 1), ("turkey", "matters_most", "length", 1),
                    ("turkey", "ask_priorities", None, 1)]
    # Turkey weighs format 50, readout 30, length 20: format is its top issue, length is not; a question is neither.
    assert [s["truthful"] for s in data["statements"]] == [True, False, None]


def test_statements_are_judged_in_the_standing_of_their_moment(tutorial, monkeypatch):
    seen = []

    def judge(scenario, party, statement, standing, book=None):
        seen.append(standing.walk_away("turkey"))
        return True

    monkeypatch.setattr(results_module, "statement_truth", judge)
    other = {"format": "leaders-only", "readout": "separate-statements", "length": "short"}
    moves = [Move.say("turkey", "alternative_strong"), Move.propose("turkey", DEAL), Move.propose("russia", other),
             Move.propose("turkey", DEAL), Move.propose("russia", other),
             Move.say("turkey", "alternative_strong"), Move.propose("turkey", DEAL), Move.accept("russia")]
    record = results_record(scripted(tutorial, moves), date="2025-03-05")
    assert record["events"] == ["waiting-room"] and seen == [35.0, 30.0]  # the event at round 3 cost Turkey 5
    assert [s["truthful"] for s in record["statements"]] == [True, True]


def test_a_session_alone_and_an_unfinished_game(tutorial, tmp_path):
    session = Session(tutorial, seed=2)
    with pytest.raises(ValueError, match="not finished"):
        write_results(session, tmp_path, date="2025-03-05")
    session.apply(Move.walk_away("turkey"))
    data = json.loads(write_results(session, tmp_path, date="2025-03-05", players={"turkey": "human"}).read_text())
    assert data["players"]["turkey"]["kind"] == "human" and data["players"]["russia"]["kind"] == "unknown"
    assert data["ended_by"] == "walkaway" and data["scores"] == {"russia": 35.0, "turkey": 35.0}


# -- reading results ------------------------------------------------------------------------------
@pytest.fixture
def good(tutorial, tmp_path):
    match = Match(tutorial, seed=1)
    match.run()
    path = write_results(match, tmp_path, date="2025-03-05")
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("damage, message", [
    (lambda text, data: text[: len(text) // 2], "not valid JSON"),
    (lambda text, data: "", "empty"),
    (lambda text, data: b"\xff\xfe".decode("latin-1"), "not UTF-8"),
    (lambda text, data: json.dumps({"format": 1}), "not a Parley results file"),
    (lambda text, data: json.dumps([1, 2]), "not a Parley results file"),
    (lambda text, data: json.dumps({**data, "format": 7}), "format 7"),
    (lambda text, data: json.dumps({**data, "ended_by": "deadline"}), "'agreement' must be given exactly"),
    (lambda text, data: json.dumps({**data, "scores": {"russia": 1}}), "'scores' must have one value"),
    (lambda text, data: json.dumps({**data, "seed": "three"}), "seed"),
    (lambda text, data: json.dumps({**data, "extra": 1}), "extra"),
])
def test_a_bad_results_file_is_named(good, damage, message):
    path, data = good
    path.write_text(damage(path.read_text(encoding="utf-8"), data), encoding="latin-1")
    with pytest.raises(ParleyError) as err:
        read_results(path)
    problems = err.value.problems
    assert all(p.file == str(path) for p in problems)
    assert any(message in p.message for p in problems), [p.message for p in problems]


def test_a_cut_file_says_where(good):
    path, _data = good
    path.write_text(path.read_text()[:200])
    with pytest.raises(ParleyError) as err:
        read_results(path)
    problem = err.value.problems[0]
    assert problem.line > 1 and problem.hint and str(path) in problem.headline()


def test_read_folder_skips_bad_files_with_a_warning(good, tmp_path):
    path, _data = good
    (tmp_path / "broken.json").write_text("{")
    (tmp_path / "notes.txt").write_text("not a results file, and not *.json")
    folder = read_folder(tmp_path)
    assert [r.file for r in folder.results] == [str(path)]
    assert [p.file for p in folder.problems] == [str(tmp_path / "broken.json")]
    assert all(p.level == "warning" for p in folder.problems)
    with pytest.raises(ParleyError, match="no folder"):
        read_folder(tmp_path / "missing")


def test_the_model_round_trips(good):
    path, data = good
    assert json.loads(read_results(path).model_dump_json()) == data
    assert GameResults.model_validate(data).scenario == "tutorial"


# -- the command line ------------------------------------------------------------------------------
def test_run_with_results_folder(tmp_path, capsys):
    folder = tmp_path / "class"
    assert main(["run", "tutorial", "--seed", "5", "--results", str(folder)]) == 0
    out = capsys.readouterr().out
    [path] = list(folder.iterdir())
    assert f"Results: {path}" in out
    today = datetime.date.today().isoformat()
    assert path.name == f"tutorial-{today}-5-1.json"
    assert read_results(path).date.isoformat() == today
    assert main(["run", "tutorial", "--seed", "5", "--results", str(folder), "--json",
                 "--transcript", str(folder / "game.jsonl")]) == 0
    assert json.loads(capsys.readouterr().out)["seed"] == 5  # --json output is unchanged
    second = folder / f"tutorial-{today}-5-2.json"
    assert read_results(second).transcript == "game.jsonl"


def test_run_with_an_unfinished_script_writes_nothing(tmp_path, capsys):
    moves = tmp_path / "moves.yaml"
    moves.write_text("moves:\n  - {by: turkey, propose: {format: one-on-one-first, readout: joint-ministers, "
                     "length: half-day}}\n")
    folder = tmp_path / "class"
    assert main(["run", "tutorial", "--moves", str(moves), "--results", str(folder)]) == 0
    assert "no results file was written" in capsys.readouterr().err
    assert not folder.exists() or not list(folder.iterdir())


def test_a_results_file_of_the_first_client_is_read_not_dropped(tutorial, tmp_path):
    """Parley 0.1's window wrote `roles`, `strategies` and `finished_at` and no `type`: read as format 1."""
    early = {"format": 1, "scenario": "tutorial", "scenario_hash": tutorial.content_hash,
             "scenario_file": "/home/t/scenarios/tutorial.yaml", "seed": 3,
             "roles": {"turkey": "human", "russia": "ai"}, "strategies": {"turkey": None, "russia": "boulware"},
             "agreement": None, "ended_by": "walkaway", "scores": {"turkey": 30.0, "russia": 35.0},
             "walk_away": {"turkey": 30.0, "russia": 35.0}, "indicators": {}, "tags": [], "events": [],
             "rounds": 4, "transcript": "tutorial-20250305-101500-seed3.jsonl", "finished_at": "2025-03-05T10:20:00"}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(early), encoding="utf-8")
    game = read_results(path)
    assert game.type == "parley-results" and str(game.date) == "2025-03-05" and game.scenario_file == "tutorial.yaml"
    assert {p: r.type for p, r in game.players.items()} == {"turkey": "human", "russia": "ai:boulware"}
    assert read_folder(tmp_path).results and not read_folder(tmp_path).problems
    broken = dict(early, roles="nonsense")
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ParleyError):               # a damaged one is named, not silently dropped
        read_results(path)
