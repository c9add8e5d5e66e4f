"""A game being played in the client: the match, its AI worker thread and its record.

`Game` wraps `Match`: it names who plays what (`GameSetup`), writes the
transcript into the user data folder, runs the computer's turn in a worker
thread (`start_ai_turn`) so the window never freezes, and keeps a record the
screens read: every offer with both sides' points at the moment it was made
(for the history and the concession curves), the statements and the news. At
the end, `save_results` writes the results file atomically. No pygame here.

After every move the game is autosaved (`game.play.autosave`) into its own file,
`autosaves/<transcript name>.json` in the user data folder, with what the client
needs to rebuild its `GameSetup` in `meta`; a finished or abandoned game removes
its own autosave and no other. `Game.resume` rebuilds a game from one of them.
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from game.errors import ParleyError, Problem
from game.i18n import _
from game.play import autosave
from game.app import paths
from game.play.match import Match, PlayerSpec
from game.play.results import write_results
from game.negotiation.moves import Move, Statement
from game.negotiation.transcript import unique_path
from game.scenario.model import Scenario


@dataclass(frozen=True)
class GameSetup:
    scenario: Scenario
    player: str                    # the party the (first) human plays, or the viewpoint in autoplay
    opponent: PlayerSpec           # ai:NAME or human (hot-seat)
    seed: int = 0
    autoplay: bool = False         # both sides played by the computer
    player_strategy: str = ""      # the viewer's strategy in autoplay ("" = its persona's)

    @property
    def other(self) -> str:
        return self.scenario.other(self.player)

    def players(self) -> dict[str, PlayerSpec]:
        me = self.scenario.party(self.player)
        mine = PlayerSpec("ai", self.player_strategy or me.persona.strategy) if self.autoplay else PlayerSpec("human")
        return {self.player: mine, self.other: self.opponent}

    @property
    def hotseat(self) -> bool:
        return self.opponent.kind == "human" and not self.autoplay

    @property
    def humans(self) -> list[str]:
        return [p for p, spec in self.players().items() if spec.kind == "human"]


@dataclass(frozen=True)
class OfferEntry:
    round: int
    party: str
    package: dict[str, str]
    indexes: tuple
    points: dict[str, float]       # every party's points for it, as things stood then


@dataclass(frozen=True)
class SaidEntry:
    round: int
    party: str
    statement: Statement


def autosave_dir(base: Path | None = None) -> Path:
    """Where unfinished games are saved: one file per game, named after its transcript."""
    return (base or paths.data_dir()) / "autosaves"


def unfinished_games(base: Path | None = None) -> list[Path]:
    """Every autosaved game of the data folder, the most recently saved first.

    `autosave.json` at the top of the folder is the single save of Parley 0.1; it
    is offered like the others and removed when that game ends.
    """
    root = base or paths.data_dir()
    found = [p for p in autosave_dir(root).glob("*.json") if not p.name.startswith(".")]
    if (root / "autosave.json").is_file():
        found.append(root / "autosave.json")

    def saved_at(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:  # removed meanwhile (another window finished it)
            return 0.0

    return sorted(found, key=lambda p: (-saved_at(p), p.name))


def setup_meta(setup: GameSetup) -> dict:
    """What the client needs to rebuild `setup` (the scenario itself is checked by its hash)."""
    return {"player": setup.player, "opponent": str(setup.opponent), "autoplay": setup.autoplay,
            "seed": setup.seed, "player_strategy": setup.player_strategy,
            "scenario_path": str(Path(setup.scenario.path).resolve()) if setup.scenario.path else "",
            "title": setup.scenario.id}


def setup_from_meta(meta: dict, scenario: Scenario, seed: int, autoplay: bool | None = None) -> GameSetup:
    return GameSetup(scenario, str(meta["player"]), PlayerSpec.parse(str(meta["opponent"])), seed,
                     autoplay=bool(meta.get("autoplay")) if autoplay is None else autoplay,
                     player_strategy=str(meta.get("player_strategy") or ""))


@dataclass
class Game:
    setup: GameSetup
    base: Path | None = None
    restored: Match | None = None  # a game rebuilt by `autosave.restore` (see `Game.resume`)
    save_file: Path | None = None  # the autosave it was rebuilt from (default: autosaves/<transcript>.json)
    match: Match = field(init=False)
    transcript: Path = field(init=False)
    offers: list[OfferEntry] = field(default_factory=list, init=False)
    said: list[SaidEntry] = field(default_factory=list, init=False)
    news: list[tuple[int, str]] = field(default_factory=list, init=False)
    version: int = field(default=0, init=False)
    error: BaseException | None = field(default=None, init=False)
    failures: list[BaseException] = field(default_factory=list, init=False)  # every failed computer turn
    results_path: Path | None = field(default=None, init=False)
    news_seen: dict[str, int] = field(default_factory=dict, init=False)   # per party: news already shown
    walk_seen: dict[str, float] = field(default_factory=dict, init=False)  # per party: walk-away last shown
    weights_seen: dict[str, dict] = field(default_factory=dict, init=False)  # per party: weights last shown

    def __post_init__(self) -> None:
        self.base = Path(self.base) if self.base is not None else None
        scenario = self.setup.scenario
        self.autosave_error: OSError | None = None
        self._replaying = True
        if self.restored is not None:
            self.match = self.restored
            self.transcript = Path(self.match.writer.path) if self.match.writer else Path(os.devnull)
        else:
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = paths.transcripts(self.base)
            folder.mkdir(parents=True, exist_ok=True)
            self.transcript = unique_path(folder / f"{scenario.id}-{stamp}-seed{self.setup.seed}.jsonl")
            self.match = Match(scenario, seed=self.setup.seed, players=self.setup.players(), transcript=self.transcript)
        self.autosave_file = self.save_file or autosave_dir(self.base) / f"{self.transcript.stem}.json"
        self._thread: threading.Thread | None = None
        session = self.match.session
        for record in session.log:
            self._record(record)
        self._replaying = False
        session.subscribe(self._record)

    @classmethod
    def resume(cls, base: Path | None = None, *, autoplay: bool | None = None,
               data: autosave.SaveData | None = None, path: Path | None = None) -> "Game":
        """The game autosaved in `path` (default: the latest) at its last completed move; ParleyError if it
        cannot be resumed."""
        from game.play.catalog import load_scenario

        if path is None and data is not None:
            path = Path(data.file)
        if path is None:
            saves = unfinished_games(base)
            if not saves:
                raise ParleyError([Problem(_("there is no unfinished game to resume in {path}").format(
                    path=base or paths.data_dir()), hint=_("start a game with `parley play`"), code="usage")])
            path = saves[0]
        data = data or autosave.load(path)
        scenario = load_scenario(data.meta.get("scenario_path") or data.scenario_file or data.scenario_id)
        match = autosave.restore(data, scenario)
        setup = setup_from_meta(data.meta, scenario, data.seed, autoplay)
        for party, spec in setup.players().items():  # `--resume --autoplay` of a game a person was playing
            if spec.kind == "ai" and match.players[party].kind == "human":
                match.replace_player(party, spec)
        return cls(setup, base=base, restored=match, save_file=Path(path))

    # -- the record ----------------------------------------------------------------
    def _record(self, record: dict) -> None:
        """Session listener (runs in whichever thread made the move)."""
        session = self.match.session
        if record["type"] == "move":
            move = Move.from_json(record["party"], record["move"])
            if move.package is not None:
                indexes = session.book.to_indexes(move.offer)
                scorer = session.scorer()
                points = {p: scorer.points(p, indexes) for p in session.order}
                self.offers.append(OfferEntry(record["round"], move.party, move.offer, indexes, points))
            elif move.statement is not None:
                self.said.append(SaidEntry(record["round"], move.party, move.statement))
        elif record["type"] == "event":
            self.news.append((record["round"], record["event"]))
        self.version += 1
        if not self._replaying:
            self._autosave(record)

    def _autosave(self, record: dict) -> None:
        """After every move (the transcript already holds it); a finished game leaves no autosave."""
        try:
            if self.match.finished:
                self.discard_autosave()
            elif record["type"] == "move":
                meta = setup_meta(self.setup)
                meta["round"] = self.session.round
                autosave.save(self.autosave_file, self.match, meta)
        except OSError as exc:  # a full disk must not stop the game
            self.autosave_error = exc

    def discard_autosave(self) -> None:
        """Remove this game's own autosave (never another game's)."""
        try:
            self.autosave_file.unlink()
        except FileNotFoundError:
            pass

    def abandon(self) -> None:
        """The student left the game: it is not offered for resuming; its transcript stays."""
        self.discard_autosave()
        self.match.close()

    # -- state -------------------------------------------------------------------------
    @property
    def session(self):
        return self.match.session

    @property
    def scenario(self) -> Scenario:
        return self.setup.scenario

    @property
    def finished(self) -> bool:
        return self.match.finished

    @property
    def thinking(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def ai_to_move(self) -> bool:
        return not self.finished and not self.match.waiting_for_human() and not self.thinking

    def submit(self, move: Move) -> dict:
        """A human's move; raises IllegalMove (with `.reason`) when the rules refuse it."""
        if self.thinking:
            raise RuntimeError("the computer is still moving")
        return self.match.submit(move)

    # -- the computer's turn -------------------------------------------------------------
    def start_ai_turn(self, notify: Callable[[], None] | None = None) -> bool:
        """Run one computer turn in a worker thread; `notify()` is called when it is done."""
        if not self.ai_to_move():
            return False

        def work() -> None:
            try:
                self.match.step()
            except BaseException as exc:  # shown on screen by the table; never lost silently
                self.error = exc
                self.failures.append(exc)
            finally:
                if notify is not None:
                    notify()

        self._thread = threading.Thread(target=work, name="parley-ai", daemon=True)
        self._thread.start()
        return True

    def wait(self, timeout: float | None = None) -> None:
        """Block until the worker is done (tests and screenshots only)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def play_ai_turn_now(self) -> None:
        """The computer's turn in this thread (headless helpers)."""
        if self.ai_to_move():
            self.match.step()

    # -- the end --------------------------------------------------------------------------
    def result(self) -> dict:
        return self.session.result()

    def judged_statements(self) -> list[dict] | None:
        """The game's statements already judged true or false elsewhere, or None: judged when saving."""
        return None

    def save_results(self) -> Path:
        """Close the transcript and write the results file (once), in the format every front end shares."""
        if self.results_path is not None:
            return self.results_path
        self.discard_autosave()
        self.match.close()
        self.results_path = write_results(self.match, paths.results(self.base), date=_dt.date.today(),
                                          transcript=self.transcript, players=self.setup.players(),
                                          statements=self.judged_statements())
        return self.results_path
