"""The client's commands: `parley play` (with --autoplay) and `parley screenshots`."""

import os
import subprocess
import sys

import pygame

from game.app.launch import launch


def env(tmp_path):
    e = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PARLEY_HOME=str(tmp_path),
             PYGAME_HIDE_SUPPORT_PROMPT="1")
    return e


def test_autoplay_plays_through_every_screen_and_exits_0(tmp_path):
    out = subprocess.run([sys.executable, "-m", "game", "play", "--autoplay", "--autoplay-delay", "0"],
                         env=env(tmp_path), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert list((tmp_path / "results").glob("*.json")), "a results file is written"
    assert list((tmp_path / "transcripts").glob("*.jsonl"))
    # the join: a game played in the window reaches the class report, with no --scenario to name
    report = subprocess.run([sys.executable, "-m", "game", "report", str(tmp_path / "results"),
                             "--out", str(tmp_path / "class.html")],
                            env=env(tmp_path), capture_output=True, text=True, timeout=300)
    assert report.returncode == 0, report.stderr[-2000:]
    assert "1 game of moscow_2020" in report.stdout and "skipped" not in report.stderr
    from game.play.results import read_folder
    from game.report import load_class
    from game.play.catalog import load_scenario

    summary = load_class(tmp_path / "results", load_scenario("moscow_2020"))  # what the debrief's Class tab draws
    assert summary.games == 1 and not summary.set_aside
    game = read_folder(tmp_path / "results").results[0]
    assert (tmp_path / "results" / game.transcript).is_file()


def test_play_with_a_wrong_party_is_an_author_error(tmp_path):
    out = subprocess.run([sys.executable, "-m", "game", "play", "tutorial", "--as", "tukey"],
                         env=env(tmp_path), capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "did you mean 'turkey'" in out.stderr


def test_play_starts_a_game_directly(tmp_path):
    seen = {}

    def ready(app):
        seen["screen"] = app.stack.top.name
        seen["setup"] = app.stack.top.game.setup
        seen["under"] = [s.name for s in app.stack]
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    code = launch("tutorial", party="turkey", opponent="ai:linear", seed=3, base=tmp_path, size="1024x600",
                  ready=ready)
    assert code == 0
    assert seen["screen"] == "briefing" and seen["under"] == ["title", "briefing"]
    setup = seen["setup"]
    assert (setup.player, str(setup.opponent), setup.seed) == ("turkey", "ai:linear", 3)


def test_play_hotseat_from_the_command_line_starts_with_a_handover(tmp_path):
    seen = {}

    def ready(app):
        seen["screen"] = app.stack.top.name
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    assert launch("tutorial", party="russia", opponent="human", base=tmp_path, ready=ready) == 0
    assert seen["screen"] == "handover"


def test_screenshots_saves_a_png_of_every_screen(tmp_path):
    shots = tmp_path / "shots"
    out = subprocess.run([sys.executable, "-m", "game", "screenshots", str(shots), "--size", "1024x600",
                          "--scenario", "tutorial"], env=env(tmp_path), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    names = sorted(p.name for p in shots.glob("*.png"))
    for screen in ("title", "problems", "setup", "briefing", "table", "help", "statements", "outcome",
                   "debrief-space", "debrief-concessions", "settings", "handover"):
        assert any(f"-{screen}-1024x600.png" in n for n in names), (screen, names)
    image = pygame.image.load(str(shots / names[0]))
    assert image.get_size() == (1024, 600)
