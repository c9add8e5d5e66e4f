"""Shared helpers for the client's UI tests (no tests in here; the `make_app` fixture is in conftest.py)."""

from __future__ import annotations

from game.app.testing import click, press, settle, top_name, type_text, wait_for  # noqa: F401 (re-exported)

def title_app(make_app, select="tutorial", **kwargs):
    from game.app.screens.title import TitleScreen

    app = make_app(**kwargs)
    app.stack.push(TitleScreen(app, select=select))
    app.pump(2)
    return app


def find_button(app, prefix: str, scene=None):
    """The registered button of the top scene whose text starts with `prefix`."""
    scene = scene or app.stack.top
    for element in scene._actions:
        if getattr(element, "text", "").startswith(prefix):
            return element
    texts = [getattr(e, "text", "") for e in scene._actions]
    raise AssertionError(f"no button starting with {prefix!r} on {scene.name}: {texts}")


def posted_types(events) -> list[int]:
    return [e.type for e in events]


def negotiate_by_keyboard(app, game, party: str, check_table=None) -> None:
    """Play the table with keys only until the outcome screen.

    Accept (A, then Y) an offer above the walk-away value from round 4 on;
    otherwise move to the next card (Right), pick its first option (1) and propose
    (Enter). News notices are dismissed with Enter. `check_table(table)` may look
    at the table before each turn.
    """
    import pygame

    for _turn in range(40):
        name = wait_for(app, ("table", "notice", "outcome"))
        if name == "outcome":
            return
        if name == "notice":
            press(app, pygame.K_RETURN)
            continue
        table = app.stack.top
        if check_table is not None:
            check_table(table)
        view = game.session.view(party)
        offer = view.standing_offer
        if offer is not None and view.points(offer.package) > view.walk_away and view.round >= 4:
            press(app, pygame.K_a)
            assert top_name(app) == "confirm"
            press(app, pygame.K_y)
        else:
            press(app, pygame.K_RIGHT)  # move to the next card and pick its first option
            press(app, pygame.K_1)
            press(app, pygame.K_RETURN)
            if top_name(app) == "confirm":  # the offer crosses our own red line: the table asks first
                assert "red line" in app.stack.top.text
                press(app, pygame.K_y)
        assert table.message == "", table.message
    raise AssertionError("the game did not reach the outcome in 40 turns")
