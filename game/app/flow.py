"""The order of screens in a game, in one place.

Against the computer: briefing, table, outcome, debrief. Hot-seat: each player
gets the computer through a handover screen that hides the other side's
confidential information, before their briefing and before each of their turns, once
per turn (the opener's briefing leads straight to its first turn).
"""

from __future__ import annotations

from game.app.game_state import Game


def begin(app, game: Game, push: bool = False) -> None:
    """Replace the setup screen (or push, from the command line) with the first screen of the game.

    Hot-seat: the side that does not open reads its briefing first, then the opener gets the
    computer once, reads its briefing and goes straight to the table: one hand-over per turn."""
    from game.app.screens.briefing import BriefingScreen
    from game.app.screens.handover import HandoverScreen

    setup = game.setup
    place = app.stack.push if push else app.stack.replace
    if not setup.hotseat:
        place(BriefingScreen(app, game, setup.player, on_done=lambda: to_table(app, game)))
        return
    opener = viewer_on_turn(game)
    first = game.scenario.other(opener)

    def opener_briefing() -> None:
        app.stack.replace(HandoverScreen(app, game, opener, then=lambda: app.stack.replace(
            BriefingScreen(app, game, opener, on_done=lambda: to_table(app, game, previous=opener)))))

    place(HandoverScreen(app, game, first, then=lambda: app.stack.replace(
        BriefingScreen(app, game, first, on_done=opener_briefing))))


def viewer_on_turn(game: Game) -> str:
    """Whose screen the table shows: the human on turn in hot-seat, else the player."""
    if game.setup.hotseat and not game.finished:
        return game.session.turn
    return game.setup.player


def to_table(app, game: Game, previous: str | None = None) -> None:
    from game.app.screens.handover import HandoverScreen
    from game.app.screens.table import TableScreen

    if game.finished:
        to_outcome(app, game)
        return
    party = viewer_on_turn(game)
    if game.setup.hotseat and party != previous:
        app.stack.replace(HandoverScreen(app, game, party, then=lambda: app.stack.replace(TableScreen(app, game, party))))
    else:
        app.stack.replace(TableScreen(app, game, party))


def to_outcome(app, game: Game) -> None:
    from game.app.screens.outcome import OutcomeScreen

    app.stack.replace(OutcomeScreen(app, game))


def to_title(app) -> None:
    from game.app.screens.title import TitleScreen

    app.stack.clear(TitleScreen(app))
