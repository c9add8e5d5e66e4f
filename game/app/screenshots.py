"""`parley screenshots DIR`: a PNG of every screen, made headless.

Drives the real screens (no mock-ups) through a short game against the
computer and a hot-seat handover, in a temporary data folder so nothing of the
user's is touched, at each requested window size. Files are named
`NN-screen.png` at 1280x720 and `NN-screen-WxH.png` at other sizes.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pygame

from game.app import catalog, paths
from game.app.app import App
from game.app.game_state import Game, GameSetup
from game.app.settings import Settings
from game.match import PlayerSpec

BROKEN = """format: 1
id: my_broken_case
title: "A teacher's draft"
date: 2020-03-05
summary: "Not finished yet."
parties:
  - id: north
    name: "North"
    weights: {land: 100}
    values: {land: {all: 100, half: 50}}
    walk_away: {value: 30}
    persona: {name: "North's envoy", strategy: bouldware}
issues:
  - id: land
    title: "Land"
    options:
      - {id: all, label: "All of it"}
      - {id: half, label: "Half"}
no_deal: {narrative: "Nothing changes."}
protocol: {rounds: 4, opens: north}
"""


class Tour:
    def __init__(self, out: Path, size: tuple[int, int], scenario: str | None, scale: float = 1.0, suffix: str = ""):
        self.out, self.suffix = out, suffix
        self.tmp = Path(tempfile.mkdtemp(prefix="parley-shots-"))
        paths.user_scenarios(self.tmp).mkdir(parents=True)
        (paths.user_scenarios(self.tmp) / "my_broken_case.yaml").write_text(BROKEN, encoding="utf-8")
        self.app = App(Settings(size[0], size[1], text_scale=scale), base=self.tmp, persist_settings=False,
                       think_delay=0.0)
        self.app.keyboard_used = True
        self.wanted = scenario or catalog.FLAGSHIP
        self.saved: list[Path] = []

    def shot(self, name: str, frames: int = 3) -> None:
        self.app.pump(frames)
        path = self.out / f"{len(self.saved) + 1:02d}-{name}{self.suffix}.png"
        pygame.image.save(self.app.screen, str(path))
        self.saved.append(path)

    def settle(self, game: Game) -> None:
        """Let the computer move (its worker thread) and the table catch up."""
        for _n in range(200):
            game.wait(5)
            self.app.pump(2)
            top = self.app.stack.top
            if top is not None and top.name == "notice":
                top.dismiss()
                continue
            if not game.thinking and not game.ai_to_move():
                break

    def run(self) -> list[Path]:
        from game.app.screens.title import TitleScreen

        app = self.app
        title = TitleScreen(app, select=self.wanted)
        app.stack.push(title)
        title.wait_until_loaded()
        self.shot("title")
        broken = next((n for n, e in enumerate(app.catalog) if not e.ok), None)
        if broken is not None:
            saved = title.selected
            title.choose(broken)
            title.play()
            self.shot("problems")
            app.stack.pop()
            title.choose(saved)
        title.play()
        setup = app.stack.top
        setup.set_choice(0)
        self.shot("setup")
        setup.start()
        self.shot("briefing")
        table_party = setup.party
        app.stack.top.done()
        game = app.stack.top.game
        self.settle(game)
        table = app.stack.top
        if table.name == "table":
            table.propose()
            self.settle(game)
            table = app.stack.top
            table.set_card(1)
            self.shot("table")
            app.show_help()
            self.shot("help")
            app.stack.pop()
            table.statements()
            self.shot("statements")
            app.stack.pop()
            table.walk_away()
            self.shot("confirm-walk-away")
            app.stack.pop()
        self.play_out(game, table_party)
        self.shot("outcome")
        app.stack.top.debrief()
        debrief = app.stack.top
        for n, name in enumerate(["space", "concessions", "trades", "protocol", "aftermath", "reflection"]):
            debrief.set_tab(n)
            self.shot(f"debrief-{name}")
        from game.app.screens.settings import SettingsScreen

        app.stack.push(SettingsScreen(app))
        self.shot("settings")
        app.stack.pop()
        scenario = debrief.game.scenario
        from game.app import flow

        hot = Game(GameSetup(scenario, table_party, PlayerSpec("human"), 1), base=self.tmp)
        flow.begin(app, hot)
        self.shot("handover")
        app.stack.clear()
        return self.saved

    def play_out(self, game: Game, party: str) -> None:
        """Accept a fair offer from round 3 on (or any above walk-away at the end); else propose again."""
        for _n in range(400):
            self.settle(game)
            top = self.app.stack.top
            if top is None or top.name != "table":
                return
            view = game.session.view(party)
            offer = view.standing_offer
            if offer is not None and view.points(offer.package) > view.walk_away and (
                    view.round >= 3 or view.is_last_round):
                top.accept()
                self.app.stack.top.confirm()
            else:
                top.propose()

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def take(out: Path, sizes: list[tuple[int, int]], scenario: str | None = None, scale: float = 1.0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for size in sizes:
        suffix = "" if size == (1280, 720) else f"-{size[0]}x{size[1]}"
        tour = Tour(out, size, scenario, scale, suffix)
        try:
            saved += tour.run()
        finally:
            tour.close()
    return saved
