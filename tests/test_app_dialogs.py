"""Dialogs over a screen: the veil stops clicks meant for the screen below, the text scrolls by key
and wheel at large text, and the pictures behind a dialog are drawn once per size and look, and shared."""

from __future__ import annotations

import pygame

from test_app_support import click, press, top_name

from game.app.backdrop import Backdrop, surface_for
from game.app.screens.dialogs import NoticeDialog
from game.app.screens.title import TitleScreen

LONG = "<br>".join(f"<b>Line {n}</b> of the news, long enough to need a few rows of its own at large text."
                   for n in range(30))


def title_with(app, dialog):
    title = TitleScreen(app)
    app.stack.push(title)
    title.wait_until_loaded()
    app.pump(2)
    app.stack.push(dialog)
    app.pump(2)
    return title


def test_a_click_on_the_veil_reaches_nothing_below_and_the_button_closes_the_dialog(make_app):
    app = make_app()
    closed = []
    dialog = NoticeDialog(app, "News", "Short news.", on_close=lambda: closed.append(True))
    title = title_with(app, dialog)
    below = next(b for b in title.focusables if b.rect.collidepoint(b.rect.center)
                 and not dialog.box.get_rect().colliderect(b.rect))
    pressed = []
    title._actions[below] = lambda: pressed.append(True)
    click(app, below)                              # on the veil, over a button of the title screen
    assert pressed == [] and top_name(app) == "notice"
    click(app, dialog.ok_button)
    assert closed == [True] and top_name(app) == "title"


def test_a_long_text_scrolls_with_the_keys_and_the_wheel_at_200_percent(make_app):
    app = make_app(scale=2.0)
    dialog = NoticeDialog(app, "News", LONG)
    title_with(app, dialog)
    (box,) = dialog.log_boxes
    assert box.bar is not None and box.offset == 0
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_DOWN)
    assert box.offset > 0 and top_name(app) == "notice"     # scrolled, not dismissed
    down = box.offset
    press(app, pygame.K_UP)
    assert 0 < box.offset < down
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, {"pos": box.image.rect.center, "rel": (0, 0),
                                                               "buttons": (0, 0, 0)}))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, {"x": 0, "y": 1, "flipped": False}))
    app.pump(3)
    assert box.offset < down - 1
    press(app, pygame.K_RETURN)
    assert top_name(app) == "title"


def test_the_veil_and_the_frame_are_drawn_once_per_size_and_look(make_app):
    app = make_app()
    veil = Backdrop((0, 0, 1280, 720), app.manager, "@veil")
    again = Backdrop((0, 0, 1280, 720), app.manager, "@veil")
    assert veil.image is again.image                        # one surface for both
    colour = app.manager.get_theme().get_colour("dark_bg", ["@veil", "panel"])
    assert tuple(veil.image.get_at((0, 0))) == tuple(colour) == tuple(veil.image.get_at((1279, 719)))
    frame = Backdrop((100, 100, 400, 200), app.manager, "@dialog")
    border = app.manager.get_theme().get_colour("normal_border", ["@dialog", "panel"])
    assert tuple(frame.image.get_at((200, 0))) == tuple(border)            # the border on the edge
    assert tuple(frame.image.get_at((0, 0)))[3] == 0                      # a rounded, see-through corner
    assert surface_for((1280, 720), colour, colour, 0, 0) is surface_for((1280, 720), colour, colour, 0, 0)  # drawn once
    for element in (veil, again, frame):
        element.kill()
