"""Autosave and resume: no completed move is lost, a changed scenario is refused."""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game import resources
from game.play import autosave
from game.errors import ParleyError
from game.play.match import Match, PlayerSpec
from game.negotiation import Move
from game.scenario import load

TUTORIAL = str(resources.shipped_scenario("tutorial"))
AI = {"russia": PlayerSpec("ai", "boulware"), "turkey": PlayerSpec("ai", "linear")}


@pytest.fixture
def scenario(tmp_path):
    shutil.copy(TUTORIAL, tmp_path / "t.yaml")
    return load(tmp_path / "t.yaml")


def reference(scenario, tmp_path, players=AI, seed=4):
    match = Match(scenario, seed=seed, players=players, transcript=tmp_path / "ref.jsonl")
    return match.run(), (tmp_path / "ref.jsonl").read_bytes()


@pytest.mark.parametrize("turns_saved", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("save_lags", [False, True])
def test_resume_gives_the_uninterrupted_game(scenario, tmp_path, turns_saved, save_lags):
    want_result, want_bytes = reference(scenario, tmp_path)
    path = tmp_path / "g.jsonl"
    match = Match(scenario, seed=4, players=AI, transcript=path)
    autosave.save(tmp_path / "save.json", match)
    for _ in range(turns_saved):
        match.step()
        autosave.save(tmp_path / "save.json", match)
    if save_lags:  # killed after the transcript got a move but before the save did
        match.step()
    match.writer._file.close()
    resumed = autosave.restore(autosave.load(tmp_path / "save.json"), scenario)
    assert resumed.run() == want_result
    assert path.read_bytes() == want_bytes


def test_a_line_cut_off_mid_write_is_not_a_move(scenario, tmp_path):
    want_result, want_bytes = reference(scenario, tmp_path)
    path = tmp_path / "g.jsonl"
    match = Match(scenario, seed=4, players=AI, transcript=path)
    match.step()
    autosave.save(tmp_path / "save.json", match)
    match.writer._file.close()
    with open(path, "a") as f:
        f.write('{"move":{"kind":"prop')  # the crash hit in the middle of a line
    resumed = autosave.restore(autosave.load(tmp_path / "save.json"), scenario)
    assert resumed.run() == want_result
    assert path.read_bytes() == want_bytes


def test_human_moves_are_restored(scenario, tmp_path):
    players = {"turkey": PlayerSpec("human"), "russia": PlayerSpec("ai", "linear")}
    match = Match(scenario, seed=2, players=players, transcript=tmp_path / "g.jsonl")
    match.submit(Move.say("turkey", "matters_most", "format"))
    match.submit(Move.propose("turkey", {"format": "one-on-one-first", "readout": "separate-statements", "length": "short"}))
    autosave.save(tmp_path / "save.json", match, meta={"player": "turkey"})
    match.step()
    autosave.save(tmp_path / "save.json", match, meta={"player": "turkey"})
    before = list(match.session.log)
    match.writer._file.close()
    data = autosave.load(tmp_path / "save.json")
    assert data.meta == {"player": "turkey"}
    resumed = autosave.restore(data, scenario)
    assert resumed.session.log == before
    assert resumed.waiting_for_human() and resumed.turn == "turkey"


def test_changed_scenario_is_refused(scenario, tmp_path):
    match = Match(scenario, seed=1, players=AI)
    match.step()
    autosave.save(tmp_path / "save.json", match)
    edited = tmp_path / "t.yaml"
    edited.write_text(edited.read_text().replace("rounds: 6", "rounds: 8"))
    with pytest.raises(ParleyError, match="has changed since this game was saved"):
        autosave.restore(autosave.load(tmp_path / "save.json"), load(edited))


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"type": "parley-autosave", "format": 1}', b"\xff\xfe"])
def test_damaged_save_is_a_clear_error(tmp_path, content):
    path = tmp_path / "save.json"
    path.write_bytes(content)
    with pytest.raises(ParleyError) as err:
        autosave.load(path)
    assert err.value.problems[0].file == str(path)


def test_save_is_atomic_and_leaves_no_temporary_files(scenario, tmp_path):
    match = Match(scenario, seed=1, players=AI)
    for _ in range(3):
        match.step()
        autosave.save(tmp_path / "save.json", match)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["save.json", "t.yaml"]
    assert json.loads((tmp_path / "save.json").read_text())["moves"]


PLAYER = """
import sys, time
from game.scenario import load
from game.play.match import Match, PlayerSpec
from game.play import autosave

s = load(sys.argv[1])
m = Match(s, seed=9, players={"russia": PlayerSpec("ai", "boulware"), "turkey": PlayerSpec("ai", "linear")},
          transcript=sys.argv[2])
autosave.save(sys.argv[3], m)
while not m.finished:
    m.step()
    autosave.save(sys.argv[3], m)
    print(m.session.moves_made, flush=True)
    time.sleep(0.05)
"""


def test_sigkill_at_a_random_move_loses_nothing(scenario, tmp_path):
    want_result, want_bytes = reference(scenario, tmp_path, seed=9)
    script = tmp_path / "player.py"
    script.write_text(PLAYER)
    transcript, save = tmp_path / "g.jsonl", tmp_path / "save.json"
    env = {**os.environ, "PYTHONPATH": str(Path(autosave.__file__).resolve().parent.parent)}  # this very package
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path / "t.yaml"), str(transcript), str(save)],
                            stdout=subprocess.PIPE, text=True, env=env)
    kill_after = random.Random(os.getpid()).randint(1, 3)
    for _ in range(kill_after):
        line = proc.stdout.readline()
        assert line, "the game ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    completed = int(line)
    resumed = autosave.restore(autosave.load(save), scenario)
    assert resumed.session.moves_made >= completed  # no completed move lost
    assert resumed.run() == want_result
    assert transcript.read_bytes() == want_bytes
