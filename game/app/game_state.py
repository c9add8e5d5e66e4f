"""A game being played in the client: the match, its AI worker thread and its record.

`Game` wraps `Match`: it names who plays what (`GameSetup`), writes the
transcript into the user data folder, runs the computer's turn in a worker
thread (`start_ai_turn`) so the window never freezes, and keeps a record the
screens read: every offer with both sides' points at the moment it was made
(for the history and the concession curves), the statements and the news. At
the end, `save_results` writes the results file atomically. No pygame here.

After every move the game is autosaved (`game.autosave`) into the user data
folder, with what the client needs to rebuild its `GameSetup` in `meta`; a
finished game removes its autosave. `Game.resume` rebuilds a game from it.
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from game import autosave
from game.app import paths
from game.match import Match, PlayerSpec
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


def autosave_path(base: Path | None = None) -> Path:
    return (base or paths.data_dir()) / "autosave.json"


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

    def __post_init__(self) -> None:
        self.base = Path(self.base) if self.base is not None else None
        scenario = self.setup.scenario
        self.autosave_file = autosave_path(self.base)
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
        self._thread: threading.Thread | None = None
        session = self.match.session
        for record in session.log:
            self._record(record)
        self._replaying = False
        session.subscribe(self._record)

    @classmethod
    def resume(cls, base: Path | None = None, *, autoplay: bool | None = None,
               data: autosave.SaveData | None = None) -> "Game":
        """The autosaved game at its last completed move; ParleyError if it cannot be resumed."""
        from game.cli.common import load_scenario

        data = data or autosave.load(autosave_path(base))
        scenario = load_scenario(data.meta.get("scenario_path") or data.scenario_file or data.scenario_id)
        match = autosave.restore(data, scenario)
        setup = setup_from_meta(data.meta, scenario, data.seed, autoplay)
        for party, spec in setup.players().items():  # `--resume --autoplay` of a game a person was playing
            if spec.kind == "ai" and match.players[party].kind == "human":
                from game.agents import registry

                persona = scenario.party(party).persona
                params = persona.params if spec.strategy == persona.strategy else {}
                match.players[party] = spec
                match.agents[party] = registry.create(spec.strategy, params, match.seed, party)
        return cls(setup, base=base, restored=match)

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
        try:
            self.autosave_file.unlink()
        except FileNotFoundError:
            pass

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

    def save_results(self) -> Path:
        """Close the transcript and write the results file (atomically, once)."""
        if self.results_path is not None:
            return self.results_path
        self.discard_autosave()
        self.match.close()
        scenario = self.scenario
        result = self.result()
        players = self.setup.players()
        data = {
            "format": 1,
            "scenario": scenario.id,
            "scenario_hash": scenario.content_hash,
            "scenario_file": scenario.path,
            "seed": self.setup.seed,
            "roles": {p: ("human" if spec.kind == "human" else "ai") for p, spec in players.items()},
            "strategies": {p: (spec.strategy if spec.kind == "ai" else None) for p, spec in players.items()},
            "agreement": result["agreement"],
            "ended_by": result["ended_by"],
            "scores": result["scores"],
            "walk_away": result["walk_away"],
            "indicators": result["indicators"],
            "tags": result["tags"],
            "events": result["events"],
            "rounds": result["rounds"],
            "transcript": self.transcript.name,
            "finished_at": _dt.datetime.now().isoformat(timespec="seconds"),
        }
        folder = paths.results(self.base)
        target = unique_path(folder / (self.transcript.stem + ".json"))
        paths.write_json_atomic(target, data)
        self.results_path = target
        return target
