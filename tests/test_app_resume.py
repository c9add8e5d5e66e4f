"""Nothing lost: the client autosaves after every move and offers the game again.

(a) in-process, by keyboard under the dummy driver; (b) the acceptance test: a
`parley play --autoplay` child killed with SIGKILL at a random completed move,
then `parley play --resume --autoplay`; (c) a changed scenario file is refused
with a clear message on screen and at the command line.
"""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pygame

from test_app_support import press, settle, title_app, top_name, wait_for  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def env(tmp_path):
    return dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PARLEY_HOME=str(tmp_path),
                PYGAME_HIDE_SUPPORT_PROMPT="1", PYTHONPATH=str(ROOT))


def play_a_few_moves(app, moves=3):
    press(app, pygame.K_RETURN)                  # title -> setup
    assert top_name(app) == "setup"
    press(app, pygame.K_2)                       # Turkey
    press(app, pygame.K_RETURN)                  # -> briefing
    press(app, pygame.K_RETURN)                  # -> table
    game = app.stack.top.game
    for _n in range(moves):
        name = wait_for(app, ("table", "notice"))
        if name == "notice":
            press(app, pygame.K_RETURN)
            wait_for(app, ("table",))
        press(app, pygame.K_RIGHT)
        press(app, pygame.K_1)
        press(app, pygame.K_RETURN)
    wait_for(app, ("table", "notice"))
    return game


def offers_of(game):
    return [(o.round, o.party, o.package) for o in game.offers]


def test_resume_offer_after_a_closed_window_brings_back_the_same_table(make_app, tmp_path):
    app = title_app(make_app, select="tutorial")
    app.preset = {"seed": 5}
    game = play_a_few_moves(app)
    (save,) = (tmp_path / "autosaves").glob("*.json")
    assert save.stem == game.transcript.stem     # one save per game, named after its transcript
    saved = json.loads(save.read_text())
    assert saved["moves"] and not saved["finished"]
    before_round, before_offers, before_news = game.session.round, offers_of(game), list(game.news)
    assert before_offers
    game.wait(10)
    app.stack.clear()                            # the window is closed: nothing else is saved

    app2 = title_app(make_app, select="tutorial")
    app2.pump(2)
    assert top_name(app2) == "resume"
    assert f"at round {before_round}" in app2.stack.top.line and app2.stack.top.game_buttons[0].text.startswith("[R] ")
    press(app2, pygame.K_r)
    settle(app2)
    assert top_name(app2) in ("table", "notice")
    resumed = next(s for s in app2.stack if s.name == "table").game
    assert resumed.session.round == before_round
    assert offers_of(resumed) == before_offers
    assert resumed.news == before_news
    assert resumed.transcript == game.transcript


def test_the_resume_offer_can_be_dismissed(make_app, tmp_path):
    app = title_app(make_app, select="tutorial")
    app.preset = {"seed": 5}
    game = play_a_few_moves(app, moves=1)
    game.wait(10)
    app.stack.clear()
    app2 = title_app(make_app, select="tutorial")
    app2.pump(2)
    assert top_name(app2) == "resume"
    press(app2, pygame.K_n)
    assert top_name(app2) == "title"


def test_a_changed_scenario_is_refused_on_screen_and_at_the_command_line(make_app, tmp_path):
    scenario = tmp_path / "mine.yaml"
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", scenario)
    from game.app import flow
    from game.app.game_state import Game, GameSetup
    from game.play.catalog import load_scenario
    from game.play.match import PlayerSpec

    sc = load_scenario(str(scenario))
    app = title_app(make_app, select="tutorial")
    party = sc.party_ids[0]
    game = Game(GameSetup(sc, party, PlayerSpec("ai", sc.party(sc.other(party)).persona.strategy), 2), base=tmp_path)
    flow.to_table(app, game)
    settle(app)
    game.play_ai_turn_now()
    for _n in range(3):
        if game.match.waiting_for_human():
            break
        game.play_ai_turn_now()
    game.wait(10)
    assert list((tmp_path / "autosaves").glob("*.json"))
    app.stack.clear()
    scenario.write_text(scenario.read_text() + "\n# changed\n")

    app2 = title_app(make_app, select="tutorial")
    app2.pump(2)
    if top_name(app2) == "resume":
        press(app2, pygame.K_r)
    assert top_name(app2) == "notice"
    text = app2.stack.top.html_text
    assert "has changed since this game was saved" in text
    press(app2, pygame.K_RETURN)
    assert top_name(app2) == "title"

    out = subprocess.run([sys.executable, "-m", "game", "play", "--resume", "--autoplay", "--autoplay-delay", "0"],
                         env=env(tmp_path), capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 1, out.stderr[-2000:]
    assert "has changed since this game was saved" in out.stderr


def transcript_moves(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines()[1:]
            if json.loads(line).get("type") == "move"]


def autoplay(tmp_path, *extra, delay="0"):
    return [sys.executable, "-m", "game", "play", "--autoplay", "--autoplay-delay", delay, *extra]


def test_sigkill_at_a_random_move_then_resume_loses_nothing(tmp_path):
    reference = tmp_path / "reference"
    out = subprocess.run(autoplay(reference, "tutorial", "--seed", "3"), env=env(reference),
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    (expected,) = (reference / "transcripts").glob("*.jsonl")
    total = len(transcript_moves(expected))
    assert total >= 4

    home = tmp_path / "killed"
    target = random.Random().randint(1, total - 2)
    child = subprocess.Popen(autoplay(home, "tutorial", "--seed", "3", delay="0.05"), env=env(home),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    saves = home / "autosaves"
    save = None
    try:
        end = time.monotonic() + 240
        while time.monotonic() < end and child.poll() is None:
            try:
                save = save or next(saves.glob("*.json"), None)
                if save and len(json.loads(save.read_text())["moves"]) >= target:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.005)
        assert child.poll() is None, "the game ended before it could be killed"
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    saved = json.loads(save.read_text())["moves"]
    assert len(saved) >= target
    (transcript,) = (home / "transcripts").glob("*.jsonl")
    before = [{"party": r["party"], "move": r["move"]} for r in transcript_moves(transcript)]
    assert before[: len(saved)] == saved          # the transcript holds every saved move (maybe one more)

    out = subprocess.run([sys.executable, "-m", "game", "play", "--resume", "--autoplay", "--autoplay-delay", "0"],
                         env=env(home), capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert not save.exists(), "a finished game leaves no autosave"
    after = transcript_moves(transcript)
    assert [{"party": r["party"], "move": r["move"]} for r in after][: len(before)] == before  # nothing lost
    assert after == transcript_moves(expected)
    assert transcript.read_bytes() == expected.read_bytes()
    print(f"killed after {len(saved)} of {total} moves; resumed to the end")


def test_resume_with_nothing_to_resume_exits_1(tmp_path):
    out = subprocess.run([sys.executable, "-m", "game", "play", "--resume"], env=env(tmp_path),
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 1
    assert "no unfinished game to resume" in out.stderr


def test_screenshots_never_overwrite_an_earlier_run(tmp_path):
    import pytest

    from game.app.screenshots import take
    from game.errors import ParleyError

    old = tmp_path / "01-title.png"
    old.write_bytes(b"an earlier run")
    with pytest.raises(ParleyError) as exc:
        take(tmp_path, [(1024, 600)])
    assert "nothing is overwritten" in str(exc.value.problems[0].message)
    assert old.read_bytes() == b"an earlier run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01-title.png"]


def test_resume_with_autoplay_finishes_a_game_a_person_was_playing(make_app, tmp_path):
    app = title_app(make_app, select="tutorial")
    app.preset = {"seed": 4}
    game = play_a_few_moves(app, moves=1)
    game.wait(10)
    app.stack.clear()
    out = subprocess.run([sys.executable, "-m", "game", "play", "--resume", "--autoplay", "--autoplay-delay", "0"],
                         env=env(tmp_path), capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert not list((tmp_path / "autosaves").glob("*.json"))
    records = [json.loads(line) for line in game.transcript.read_text().splitlines()]
    assert records[-1]["type"] == "end"
