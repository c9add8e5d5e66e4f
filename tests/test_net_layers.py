"""The class network's layering: the seat's half (game.play.remote) is pure; the host imports no other front end."""

import subprocess
import sys

PURE = ["game.play.remote.protocol", "game.play.remote.seat", "game.play.remote.link", "game.play.remote.player"]
HOST = ["game.net.security", "game.net.journal", "game.net.store", "game.net.sharing", "game.net.jetstream",
        "game.net.table", "game.net.classroom", "game.net.server", "game.net.host", "game.net.host_command"]


def imported_after(modules: list[str]) -> set[str]:
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "print(' '.join(sorted({m.split('.')[0] if not m.startswith('game.') else '.'.join(m.split('.')[:2]) "
            "for m in sys.modules})))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_clients_half_pays_nothing_for_the_server():
    loaded = imported_after(PURE)
    assert not loaded & {"starlette", "uvicorn", "pygame", "pygame_gui", "anyio", "sqlite3", "nats"}, loaded
    assert "websockets" in loaded  # the link is the websockets library's sync client


def test_the_host_imports_no_other_front_end():
    loaded = imported_after(PURE + HOST)
    assert not loaded & {"game.cli", "game.app", "pygame"}, loaded
    assert {"starlette", "uvicorn"} <= loaded


def test_join_with_ai_opens_no_window():
    loaded = imported_after(["game.app.join_command"])
    assert not loaded & {"pygame", "starlette", "uvicorn"}, loaded


def test_a_host_without_backend_needs_no_nats():
    loaded = imported_after([m for m in HOST if m != "game.net.jetstream"])
    assert "nats" not in loaded, loaded
