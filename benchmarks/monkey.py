"""Monkey test of the pygame client: random input on every screen, no exception allowed.

`python benchmarks/monkey.py [FRAMES_PER_SCREEN] [--seed N]` opens each screen
(title, resume offer, problems, setup, briefing, table, statements, confirm,
help, outcome, debrief tabs, settings, handover) in a fresh app under SDL's
dummy driver, then for FRAMES_PER_SCREEN frames feeds it random real events
through the queue: mouse moves, clicks, wheel; KEYDOWN/KEYUP (Tab, Enter, Esc,
letters, digits, F-keys, arrows...); TEXTINPUT; VIDEORESIZE from 1024x600 to
1920x1080. Wherever the monkey wanders (it may well leave the screen it
started on) every frame must run without an exception, and no computer turn
may fail in its worker thread. Prints a table, then one JSON line.
tests/test_app_monkey.py runs the same with a few hundred frames per screen.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

KEYS = ([pygame.K_TAB, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_BACKSPACE,
         pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
         pygame.K_HOME, pygame.K_END, pygame.K_DELETE]
        + list(range(pygame.K_a, pygame.K_z + 1)) + list(range(pygame.K_0, pygame.K_9 + 1))
        + [getattr(pygame, f"K_F{n}") for n in range(1, 13)])
MODS = [0, 0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT]
TEXTS = ["a", "Z", "7", " ", "é", "İ", "ş", "你", "\u200b", "<b>", "&amp;", "'", "\"", "%s{x}"]


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    w, h = size
    pos = (rng.randrange(-5, w + 5), rng.randrange(-5, h + 5))
    kind = rng.random()
    if kind < 0.30:
        return pygame.event.Event(pygame.MOUSEMOTION, {"pos": pos, "rel": (rng.randint(-30, 30), rng.randint(-30, 30)),
                                                       "buttons": (rng.random() < 0.1, 0, 0)})
    if kind < 0.45:
        down = rng.random() < 0.5
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN if down else pygame.MOUSEBUTTONUP,
                                  {"button": rng.choice([1, 1, 1, 2, 3]), "pos": pos})
    if kind < 0.52:
        y = rng.choice([-3, -1, 1, 3])
        return pygame.event.Event(pygame.MOUSEWHEEL, {"x": 0, "y": y, "flipped": False, "precise_x": 0.0,
                                                      "precise_y": float(y), "which": 0, "touch": False})
    if kind < 0.88:
        key = rng.choice(KEYS)
        unicode = chr(key) if 32 <= key < 127 else ""
        return pygame.event.Event(pygame.KEYDOWN if rng.random() < 0.6 else pygame.KEYUP,
                                  {"key": key, "mod": rng.choice(MODS), "unicode": unicode, "scancode": 0})
    if kind < 0.99:
        return pygame.event.Event(pygame.TEXTINPUT, {"text": rng.choice(TEXTS)})
    return pygame.event.Event(pygame.VIDEORESIZE, {"w": rng.randint(1024, 1920), "h": rng.randint(600, 1080),
                                                   "size": (0, 0)})


# -- getting to each screen (the way the screenshot tour does) -----------------------------------

def _title(app, select="tutorial"):
    from game.app.screens.title import TitleScreen

    title = TitleScreen(app, select=select)
    app.stack.push(title)
    title.wait_until_loaded()
    app.pump(1)
    return title


def _game(app, party_index=1, opponent=None):
    from game.app.game_state import Game, GameSetup
    from game.play.match import PlayerSpec

    sc = next(e for e in app.catalog if e.id == "tutorial").scenario
    opens = sc.protocol.opens
    party = sc.other(opens) if party_index else opens  # 1: the computer opens
    spec = opponent or PlayerSpec("ai", sc.party(sc.other(party)).persona.strategy)
    return Game(GameSetup(sc, party, spec, 3), base=app.base)


def _settle(app, game):
    for _n in range(200):
        game.wait(5)
        app.pump(1)
        top = app.stack.top
        if top is not None and top.name == "notice":
            top.dismiss()
            continue
        if not game.thinking and not game.ai_to_move():
            return


def _table(app):
    from game.app import flow

    _title(app)
    game = _game(app)
    flow.to_table(app, game)
    _settle(app, game)
    return app.stack.top


def _finished(app):
    from game.app import flow

    _title(app)
    game = _game(app)
    flow.to_table(app, game)
    for _n in range(100):
        _settle(app, game)
        top = app.stack.top
        if top.name != "table":
            break
        top.walk_away()
        app.stack.top.confirm()
    app.pump(1)
    return game


def to_title(app):
    _title(app)


def to_resume(app):
    from game.app.launch import offer_resume

    _title(app)
    _settle(app, _game_with_moves(app))
    app.stack.clear()
    _title(app)
    if not offer_resume(app):
        raise AssertionError("no resume offer")


def _game_with_moves(app):
    from game.app import flow

    game = _game(app)  # the computer opens: its move is autosaved
    flow.to_table(app, game)
    _settle(app, game)
    return game


def to_problems(app):
    from game.app.screenshots import BROKEN
    from game.app import paths

    folder = paths.user_scenarios(app.base)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "my_broken_case.yaml").write_text(BROKEN, encoding="utf-8")
    app.catalog = None
    title = _title(app)
    broken = next(n for n, e in enumerate(app.catalog) if not e.ok)
    title.choose(broken)
    title.play()


def to_setup(app):
    _title(app).play()


def to_briefing(app):
    from game.app import flow

    _title(app)
    flow.begin(app, _game(app), push=True)


def to_table(app):
    _table(app)


def to_statements(app):
    table = _table(app)
    if table.name == "table":
        table.statements()


def to_confirm(app):
    table = _table(app)
    if table.name == "table":
        table.walk_away()


def to_help(app):
    _table(app)
    app.show_help()


def to_outcome(app):
    _finished(app)


def to_debrief(app):
    _finished(app)
    if app.stack.top.name == "outcome":
        app.stack.top.debrief()


def to_settings(app):
    from game.app.screens.settings import SettingsScreen

    _title(app)
    app.stack.push(SettingsScreen(app))


def to_handover(app):
    from game.app import flow
    from game.play.match import PlayerSpec

    _title(app)
    flow.begin(app, _game(app, opponent=PlayerSpec("human")), push=True)


SCREENS = {"title": to_title, "resume": to_resume, "problems": to_problems, "setup": to_setup,
           "briefing": to_briefing, "table": to_table, "statements": to_statements, "confirm": to_confirm,
           "help": to_help, "outcome": to_outcome, "debrief": to_debrief, "settings": to_settings,
           "handover": to_handover}


def _games(app):
    return [g for g in (getattr(s, "game", None) for s in app.stack) if g is not None]


def monkey(name: str, frames: int, seed: int, catalog=None) -> dict:
    """Random input for `frames` frames, starting on screen `name`; returns its figures."""
    from game.app.app import App
    from game.app.settings import Settings

    rng = random.Random(f"{seed}-{name}")
    stats = {"screen": name, "frames": 0, "events": 0, "exceptions": 0, "restarts": 0, "seen": set(), "errors": []}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="parley-monkey-") as home:
        app = App(Settings(1280, 720), base=Path(home), persist_settings=False, think_delay=0.0)
        app.resume_offered = True  # the resume offer is a screen of its own here
        app.catalog = list(catalog) if catalog is not None else None
        SCREENS[name](app)
        stats["seen"].add(getattr(app.stack.top, "name", "?"))
        games = {}
        while stats["frames"] < frames:
            if not len(app.stack):  # the monkey closed the last screen: start again
                stats["restarts"] += 1
                app.catalog = list(catalog) if catalog is not None else app.catalog
                SCREENS[name](app)
            for _n in range(rng.choice([0, 1, 1, 2, 3, 5])):
                pygame.event.post(random_event(rng, app.size))
                stats["events"] += 1
            try:
                app.frame(dt=1 / 60, force_draw=stats["frames"] % 3 == 0)
            except Exception:  # noqa: BLE001 - counted and reported, the run goes on from a fresh screen
                stats["exceptions"] += 1
                stats["errors"].append(traceback.format_exc())
                app.stack.clear()
            stats["frames"] += 1
            top = app.stack.top
            if top is not None:
                stats["seen"].add(getattr(top, "name", "?"))
            for game in _games(app):
                games[id(game)] = game
        for game in games.values():
            game.wait(10)
            for error in game.failures:
                stats["exceptions"] += 1
                stats["errors"].append("".join(traceback.format_exception(error)))
        app.stack.clear()
    stats["seconds"] = round(time.perf_counter() - started, 2)
    stats["seen"] = sorted(stats["seen"])
    return stats


def run(frames_per_screen: int, seed: int = 1, screens=None, catalog=None) -> list[dict]:
    if catalog is None:
        from game.app import catalog as catalog_mod

        with tempfile.TemporaryDirectory() as none:
            catalog = catalog_mod.discover(resources.scenarios_dir(), Path(none))
    return [monkey(name, frames_per_screen, seed, catalog) for name in (screens or SCREENS)]


def main(argv: list[str]) -> int:
    frames = int(argv[0]) if argv and not argv[0].startswith("--") else 2000
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
    results = run(frames, seed)
    print(f"{'screen':<12} {'frames':>7} {'events':>7} {'exceptions':>10} {'restarts':>8} {'seconds':>8}  reached")
    for r in results:
        print(f"{r['screen']:<12} {r['frames']:>7} {r['events']:>7} {r['exceptions']:>10} {r['restarts']:>8} "
              f"{r['seconds']:>8}  {', '.join(r['seen'])}")
    for r in results:
        for error in r["errors"][:3]:
            print(f"--- {r['screen']}\n{error}", file=sys.stderr)
    summary = {"seed": seed, "frames_per_screen": frames, "frames": sum(r["frames"] for r in results),
               "events": sum(r["events"] for r in results), "exceptions": sum(r["exceptions"] for r in results),
               "screens": {r["screen"]: {"frames": r["frames"], "events": r["events"], "exceptions": r["exceptions"]}
                           for r in results}}
    print(json.dumps(summary))
    return 1 if summary["exceptions"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
