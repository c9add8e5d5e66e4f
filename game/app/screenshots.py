"""`parley screenshots DIR`: a PNG of every screen, made headless.

Drives the real screens (no mock-ups) through a short game against the
computer and a hot-seat handover, in a temporary data folder so nothing of the
user's is touched, at each requested window size. Files are named
`NN-screen.png` at 1280x720 and `NN-screen-WxH.png` at other sizes.

`--scenario` takes a shipped scenario's name or a teacher's file: the file is
copied into the temporary data folder (as if saved where the title screen looks)
and played through every screen; a file that does not exist or does not load is
refused before anything is drawn.

Nothing is ever overwritten: a folder that already holds screenshots (`NN-*.png`)
is refused before anything is drawn, and each PNG is written to a temporary
name and linked into place only if that name is still free (`game.atomic`), so
a reader never sees half a file and a second run into the same folder fails
with a clear message instead of replacing the first one's pictures.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import pygame

from game import resources
from game.atomic import create_exclusive
from game.app import catalog, paths
from game.errors import ParleyError, Problem
from game.i18n import _
from game.app.app import App
from game.app.game_state import Game, GameSetup
from game.app.settings import Settings
from game.play.match import PlayerSpec

BROKEN = """format: 1
id: my_broken_case
title: "A teacher's draft"
date: 2026-01-15
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


def scenario_choice(scenario: str | None) -> tuple[str, Path | None]:
    """(the id to select, the teacher's file to copy in) for `--scenario`: a shipped scenario's
    name, or a file, which must exist and load without errors."""
    if not scenario:
        return catalog.FLAGSHIP, None
    path = Path(scenario)
    if not path.is_file():
        if resources.shipped_scenario(scenario) is not None:
            return scenario, None
        raise ParleyError([Problem(_("no scenario file or shipped scenario called '{name}'").format(name=scenario),
                                   file=scenario, code="io",
                                   hint=_("give the path of a .yaml file, or the name of a shipped scenario"))])
    result = catalog.check(path)
    if not result.ok:
        raise ParleyError([p for p in result.problems if p.is_error] or result.problems)
    assert result.scenario is not None
    return result.scenario.id, path


class Tour:
    def __init__(self, out: Path, size: tuple[int, int], scenario: str | None, scale: float = 1.0, suffix: str = "",
                 lang: str = "en"):
        self.out, self.suffix = out, suffix
        self.wanted, own = scenario_choice(scenario)
        self.tmp = Path(tempfile.mkdtemp(prefix="parley-shots-"))
        folder = paths.user_scenarios(self.tmp)
        folder.mkdir(parents=True)
        (folder / "my_broken_case.yaml").write_text(BROKEN, encoding="utf-8")
        self.own = None if own is None else folder / ("teacher_" + own.name)
        if self.own is not None:
            shutil.copyfile(own, self.own)
        self.app = App(Settings(size[0], size[1], text_scale=scale, language=lang), base=self.tmp, persist_settings=False,
                       think_delay=0.0)
        self.app.keyboard_used = True
        self.saved: list[Path] = []

    def shot(self, name: str, frames: int = 3) -> None:
        self.app.pump(frames)
        path = self.out / f"{len(self.saved) + 1:02d}-{name}{self.suffix}.png"
        buffer = io.BytesIO()
        pygame.image.save(self.app.screen, buffer, "png")
        try:
            create_exclusive(path, buffer.getvalue())
        except FileExistsError:
            raise ParleyError([Problem(_("a screenshot with this name is already there; nothing is overwritten"),
                                       file=str(path), hint=_("choose an empty folder"), code="io")]) from None
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
            if not self.busy(game):
                break

    def busy(self, game: Game) -> bool:
        """The computer is to move or thinking, or the table is still showing its last move."""
        top = self.app.stack.top
        return game.thinking or game.ai_to_move() or (top is not None and top.name == "table" and top.painting())

    def run(self) -> list[Path]:
        from game.app.screens.title import TitleScreen

        app = self.app
        title = TitleScreen(app, select=self.wanted)
        app.stack.push(title)
        title.wait_until_loaded()
        if self.own is not None:  # the teacher's file, even if its id is also a shipped one's
            own = next(n for n, e in enumerate(app.catalog) if e.path == self.own)
            if own != title.selected:
                title.choose(own)
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
            for _round in range(2):  # two offers from the other side: the table shows what they changed
                table.propose()
                self.settle(game)
                table = app.stack.top
            table.focus_issue(1)
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
        self.class_and_teacher(debrief)
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
        self.news(scenario, table_party)
        app.stack.clear()
        return self.saved

    def news(self, scenario, party: str) -> None:
        """The news dialog as the table shows it: round 3's news for this side, with what it did to its numbers."""
        from game.app import flow

        other = scenario.party(scenario.other(party))
        game = Game(GameSetup(scenario, party, PlayerSpec("ai", other.persona.strategy), 2), base=self.tmp)
        flow.to_table(self.app, game)
        self.settle(game)
        while game.session.round < 3 and not game.finished and self.app.stack.top.name == "table":
            self.app.stack.top.propose()
            for _n in range(200):  # the computer's turn, then the table's check for news (not dismissed here)
                game.wait(5)
                self.app.pump(2)
                if self.app.stack.top.name == "notice" or not self.busy(game):
                    break
            if self.app.stack.top.name == "notice" and game.session.round >= 3:
                self.shot("news")
                return
            self.settle(game)

    def class_and_teacher(self, debrief) -> None:
        """The debrief's Class tab over a few computer games, then the teacher view of the scenario."""
        from game.app.screens.teacher import TeacherScreen
        from game.play.match import Match
        from game.play.results import write_results

        scenario = debrief.game.scenario
        strategies = ["boulware", "conceder", "linear", "titfortat"]
        for seed in range(6):
            players = {p.id: PlayerSpec("ai", strategies[(seed + k) % 4]) for k, p in enumerate(scenario.parties)}
            match = Match(scenario, seed=seed, players=players)
            match.run()
            write_results(match, paths.results(self.tmp), date="2026-03-05")
        debrief.set_tab(6)
        debrief.class_load()
        self.shot("debrief-class")
        teacher = TeacherScreen(self.app, scenario.path)
        self.app.stack.push(teacher)
        for n, name in enumerate(["profiles", "space", "events"]):
            teacher.set_tab(n)
            self.shot(f"teacher-{name}")
        self.app.stack.pop()
        broken = next((e for e in self.app.catalog if not e.ok), None)
        if broken is not None:
            self.app.stack.push(TeacherScreen(self.app, broken.path))
            self.shot("teacher-errors")
            self.app.stack.pop()

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


def take(out: Path, sizes: list[tuple[int, int]], scenario: str | None = None, scale: float = 1.0,
         lang: str = "en") -> list[Path]:
    scenario_choice(scenario)  # a missing or broken scenario file is refused before anything is written
    old = sorted(out.glob("[0-9][0-9]-*.png")) if out.is_dir() else []
    if old:
        raise ParleyError([Problem(_("{dir} already holds screenshots ({name}...); nothing is overwritten").format(
            dir=out, name=old[0].name), file=str(out), hint=_("choose an empty folder, or remove the old ones"),
            code="io")])
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for size in sizes:
        suffix = "" if size == (1280, 720) else f"-{size[0]}x{size[1]}"
        tour = Tour(out, size, scenario, scale, suffix, lang)
        try:
            saved += tour.run()
        finally:
            tour.close()
    return saved
