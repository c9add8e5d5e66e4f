"""Shared fixtures and helpers for the client's UI tests (no tests in here).

The dummy SDL drivers are set in conftest.py; every app here writes into a
temporary data folder and starts with the shipped scenarios already read.
"""

from __future__ import annotations

import pytest

from game import resources
from game.app.testing import click, press, settle, top_name, type_text, wait_for  # noqa: F401 (re-exported)

_CATALOG = {}


def shipped_catalog(tmp_path_factory):
    if "entries" not in _CATALOG:
        from game.app import catalog, paths

        _CATALOG["entries"] = catalog.discover(resources.scenarios_dir(), tmp_path_factory.mktemp("none"))
    return list(_CATALOG["entries"])


@pytest.fixture
def make_app(tmp_path, tmp_path_factory):
    """make_app(size=(1280, 720), scale=1.0, catalog=True) -> App with a screen stack ready to fill."""
    from game.app.app import App
    from game.app.settings import Settings

    apps = []

    def make(size=(1280, 720), scale=1.0, catalog=True, **kwargs):
        app = App(Settings(size[0], size[1], text_scale=scale), base=tmp_path, persist_settings=False,
                  think_delay=0.0, **kwargs)
        if catalog:
            app.catalog = shipped_catalog(tmp_path_factory)
        apps.append(app)
        return app

    yield make
    for app in apps:
        for scene in app.stack:
            game = getattr(scene, "game", None)
            if game is not None:
                game.wait(10)
        app.stack.clear()


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
        assert table.message == "", table.message
    raise AssertionError("the game did not reach the outcome in 40 turns")
