"""The game window at a class table: "Join a class", a whole game against the host's computer seat."""

from __future__ import annotations

import json
import signal
import subprocess
import time

import pygame
from websockets.sync.client import connect

from game.negotiation import transcript as tr
from game.play.remote import protocol as proto
from test_app_support import click, find_button, negotiate_by_keyboard, press, title_app, top_name, type_text
from test_net_host import start_host


def pump_while(app, waiting, timeout: float = 20.0) -> None:
    """Frames at the window's own pace while `waiting()`: a frame loop that never sleeps starves
    the link's thread of the GIL (seconds per handshake), which the real loop's clock.tick never does."""
    end = time.monotonic() + timeout
    while waiting() and time.monotonic() < end:
        app.pump(1)
        time.sleep(0.01)


def pump_until(app, names: tuple[str, ...], timeout: float = 30.0) -> str:
    pump_while(app, lambda: top_name(app) not in names, timeout)
    if top_name(app) in names:
        return top_name(app)
    raise AssertionError(f"expected {names}, the screen is {top_name(app)!r}")


def test_the_window_plays_a_whole_class_game_against_a_computer_seat(make_app, tmp_path):
    folder = tmp_path / "class"
    host = start_host(folder, tmp_path / "host.json", "--port", "0", "--tables", "1", "--ai-fill", "conceder")
    where = json.loads((tmp_path / "host.json").read_text())
    try:
        app = title_app(make_app)
        press(app, pygame.K_j)
        assert top_name(app) == "join"
        screen = app.stack.top
        for key, text in (("url", where["url"]), ("code", where["code"].lower()), ("name", "Zeynep")):
            click(app, screen.entries[key])
            type_text(app, text)
        click(app, screen.join_button)
        assert pump_until(app, ("briefing",)) == "briefing"
        game = app.stack.top.game
        party = game.setup.player
        assert game.thinking  # no partner yet: moves wait
        teacher = where["teacher_url"].replace("http://", "ws://").replace("/teacher#key=", "/ws/teacher?key=")
        with connect(teacher) as ws:
            ws.recv()
            ws.send(proto.encode(proto.message("fill")))
            pump_while(app, lambda: game.thinking)
        assert not game.thinking and game.state.names[game.scenario.other(party)].startswith("Computer")
        press(app, pygame.K_RETURN)
        negotiate_by_keyboard(app, game, party)
        assert top_name(app) == "outcome"
        told = tr.read(folder / "transcripts" / "table-1.jsonl")
        assert game.result() == told.records[-1]["result"]
        assert game.session.log == told.records  # the full session of the debrief is the host's game
        assert game.results_path is not None and game.results_path.exists()
        # the statements, judged by the host with both profiles, are the host's in the student's own copy
        mine = json.loads(game.results_path.read_text(encoding="utf-8"))
        [hosts] = [json.loads(p.read_text(encoding="utf-8")) for p in (folder / "results").glob("*.json")]
        assert game.state.statements is not None and mine["statements"] == hosts["statements"]
        assert any(s["truthful"] is not None for s in mine["statements"])
        press(app, pygame.K_RETURN)
        assert top_name(app) == "debrief"
        press(app, pygame.K_ESCAPE)
        assert top_name(app) == "title"
    finally:
        host.send_signal(signal.SIGINT)
        try:
            host.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            host.kill()


def test_a_wrong_code_is_said_on_the_join_screen(make_app, tmp_path):
    host = start_host(tmp_path / "class", tmp_path / "host.json", "--port", "0", "--tables", "1")
    where = json.loads((tmp_path / "host.json").read_text())
    try:
        app = title_app(make_app)
        click(app, find_button(app, "Join a class"))
        screen = app.stack.top
        for key, text in (("url", where["url"]), ("code", "WRONG7"), ("name", "Ali")):
            click(app, screen.entries[key])
            type_text(app, text)
        press(app, pygame.K_RETURN)
        pump_while(app, lambda: "not the code" not in screen.message)
        assert "not the code of this class" in screen.message and top_name(app) == "join"
        press(app, pygame.K_ESCAPE)
        assert top_name(app) == "title"
        app.stack.clear()
        # `parley join URL --code CODE --name NAME` without --ai: the window opens on the seat
        from game.app.launch import launch_join

        opened = []
        code = launch_join([where["url"]], where["code"], "Ali", base=tmp_path / "user", max_seconds=6,
                           ready=opened.append)
        assert code == 3 and "briefing" in opened[0].shown  # stopped by max_seconds, on the seat's briefing
    finally:
        host.send_signal(signal.SIGINT)
        host.communicate(timeout=20)
