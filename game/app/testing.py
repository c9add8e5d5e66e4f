"""Drive the client with real pygame events: for the UI tests, the screenshots and the benchmark.

Everything goes through the event queue the way a player's input does: a click
is a MOUSEBUTTONDOWN and a MOUSEBUTTONUP at the centre of a widget, a key is a
KEYDOWN (and KEYUP), typing is TEXTINPUT. Then a few frames run, so pygame_gui
posts its own events (UI_BUTTON_PRESSED...) and the screens react to them.
"""

from __future__ import annotations

import time

import pygame

from game.app.screens.base import visible_rect


def click(app, element, frames: int = 3, button: int = 1) -> None:
    """Click the middle of the visible part of `element` (a pygame_gui widget)."""
    rect = visible_rect(element)
    if rect.width <= 0 or rect.height <= 0:
        raise AssertionError(f"{element} is not visible on screen")
    pos = rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, {"pos": pos, "rel": (0, 0), "buttons": (0, 0, 0)}))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, {"button": button, "pos": pos}))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, {"button": button, "pos": pos}))
    app.pump(frames)


def press(app, key: int, mod: int = 0, frames: int = 2) -> None:
    """Press and release one key."""
    unicode = chr(key) if 32 <= key < 127 else ""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, {"key": key, "mod": mod, "unicode": unicode,
                                                          "scancode": 0}))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, {"key": key, "mod": mod, "unicode": unicode, "scancode": 0}))
    app.pump(frames)


def type_text(app, text: str, frames: int = 2) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, {"text": ch}))
    app.pump(frames)


def top_name(app) -> str:
    top = app.stack.top
    return getattr(top, "name", "") if top is not None else ""


def settle(app, timeout: float = 30.0) -> None:
    """Run frames until no computer player is thinking and the table, done painting the last move (and
    so showing its news or the end), is waiting for a person."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.pump(1)
        top = app.stack.top
        game = getattr(top, "game", None)
        if game is None:
            return
        if game.thinking:
            game.wait(1.0)
            continue
        if top_name(app) == "table" and (game.ai_to_move() or top.painting()):
            continue
        app.pump(2)
        top = app.stack.top
        if not game.thinking and not (top_name(app) == "table" and (game.ai_to_move() or top.painting())):
            return
    raise AssertionError("the computer player did not finish in time")


def wait_for(app, names: tuple[str, ...], timeout: float = 30.0) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        settle(app, timeout)
        if top_name(app) in names:
            return top_name(app)
        app.pump(1)
    raise AssertionError(f"expected one of {names}, the screen is {top_name(app)!r}")
