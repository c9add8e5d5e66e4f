"""Transcripts: durable JSON Lines, exact replay, and clear refusals."""

import json
import shutil

import pytest

from game import resources
from game.main import main
from game.errors import ParleyError
from game.play.match import Match, PlayerSpec
from game.negotiation import transcript as tr
from game.scenario import load

TUTORIAL = str(resources.shipped_scenario("tutorial"))

AI = {"russia": PlayerSpec("ai", "boulware"), "turkey": PlayerSpec("ai", "conceder")}


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "tutorial.yaml"
    shutil.copy(TUTORIAL, path)
    return load(path)


def play(scenario, path, seed=5):
    match = Match(scenario, seed=seed, players=AI, transcript=path)
    return match.run()


def test_same_seed_same_bytes(scenario, tmp_path):
    play(scenario, tmp_path / "a.jsonl")
    play(scenario, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_every_record_is_on_disk_after_each_move(scenario, tmp_path):
    path = tmp_path / "t.jsonl"
    match = Match(scenario, seed=1, players=AI, transcript=path)
    while not match.finished:
        match.step()
        lines = path.read_text().splitlines()
        assert len(lines) == 1 + len(match.session.log)  # header + every record so far
    match.close()


def test_replay_gives_the_run_result(scenario, tmp_path):
    path = tmp_path / "t.jsonl"
    result = play(scenario, path)
    t = tr.read(path)
    assert tr.replay(t, scenario).result() == result
    assert t.header["scenario_hash"] == scenario.content_hash


def test_never_overwrites(scenario, tmp_path):
    path = tmp_path / "t.jsonl"
    play(scenario, path)
    with pytest.raises(FileExistsError):
        play(scenario, path)
    assert tr.unique_path(path).name == "t-2.jsonl"


def test_truncated_transcript_is_refused(scenario, tmp_path):
    path = tmp_path / "t.jsonl"
    play(scenario, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 7])
    with pytest.raises(ParleyError, match="truncated"):
        tr.read(path)


def test_unfinished_transcript_is_refused(scenario, tmp_path):
    path = tmp_path / "t.jsonl"
    play(scenario, path)
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-1]))
    with pytest.raises(ParleyError, match="without a result"):
        tr.read(path)
    assert not tr.read(path, allow_unfinished=True).finished


def test_corrupt_line_is_named(scenario, tmp_path):
    path = tmp_path / "t.jsonl"
    play(scenario, path)
    lines = path.read_text().splitlines(keepends=True)
    lines[1] = "{not json\n"
    path.write_text("".join(lines))
    with pytest.raises(ParleyError) as err:
        tr.read(path)
    assert err.value.problems[0].line == 2


def test_edited_move_is_detected(scenario, tmp_path):
    path = tmp_path / "t.jsonl"
    play(scenario, path)
    records = [json.loads(x) for x in path.read_text().splitlines()]
    end = records[-1]
    end["result"]["scores"]["turkey"] = 99.0
    path.write_text("".join(tr.dumps(r) + "\n" for r in records))
    with pytest.raises(ParleyError, match="differs from the replay"):
        tr.replay(tr.read(path), scenario)


def test_changed_scenario_file_is_refused(scenario, tmp_path):
    path = tmp_path / "t.jsonl"
    play(scenario, path)
    scenario_file = tmp_path / "tutorial.yaml"
    scenario_file.write_text(scenario_file.read_text().replace("rounds: 6", "rounds: 7"))
    changed = load(scenario_file)
    with pytest.raises(ParleyError, match="has changed"):
        tr.replay(tr.read(path), changed)


def test_cli_run_and_replay_json_identical(scenario, tmp_path, capsys):
    t = tmp_path / "game.jsonl"
    src = str(tmp_path / "tutorial.yaml")
    assert main(["run", src, "--player", "russia=ai:linear", "--player", "turkey=ai:boulware",
                 "--seed", "7", "--transcript", str(t), "--json"]) == 0
    run_out = capsys.readouterr().out
    assert main(["replay", str(t), "--json"]) == 0
    assert capsys.readouterr().out == run_out
    data = json.loads(run_out)
    assert set(data) >= {"scenario", "seed", "agreement", "ended_by", "rounds", "scores", "indicators", "tags"}


def test_cli_replay_of_broken_transcript_exits_1(scenario, tmp_path, capsys):
    t = tmp_path / "game.jsonl"
    t.write_text('{"type": "header"')
    assert main(["replay", str(t)]) == 1
    err = capsys.readouterr().err
    assert "game.jsonl:1:1: error:" in err and "Traceback" not in err
