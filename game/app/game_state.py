"""A game being played in the client: the match, its AI worker thread and its record.

`Game` wraps `Match`: it names who plays what (`GameSetup`), writes the
transcript into the user data folder, runs the computer's turn in a worker
thread (`start_ai_turn`) so the window never freezes, and keeps a record the
screens read: every offer with both sides' points at the moment it was made
(for the history and the concession curves), the statements and the news. At
the end, `save_results` writes the results file atomically. No pygame here.
"""

from __future__ import annotations

import datetime as _dt
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

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


@dataclass
class Game:
    setup: GameSetup
    base: Path | None = None
    match: Match = field(init=False)
    transcript: Path = field(init=False)
    offers: list[OfferEntry] = field(default_factory=list, init=False)
    said: list[SaidEntry] = field(default_factory=list, init=False)
    news: list[tuple[int, str]] = field(default_factory=list, init=False)
    version: int = field(default=0, init=False)
    error: BaseException | None = field(default=None, init=False)
    results_path: Path | None = field(default=None, init=False)
    news_seen: dict[str, int] = field(default_factory=dict, init=False)   # per party: news already shown
    walk_seen: dict[str, float] = field(default_factory=dict, init=False)  # per party: walk-away last shown

    def __post_init__(self) -> None:
        self.base = Path(self.base) if self.base is not None else None
        scenario = self.setup.scenario
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = paths.transcripts(self.base)
        folder.mkdir(parents=True, exist_ok=True)
        self.transcript = unique_path(folder / f"{scenario.id}-{stamp}-seed{self.setup.seed}.jsonl")
        self.match = Match(scenario, seed=self.setup.seed, players=self.setup.players(), transcript=self.transcript)
        self._thread: threading.Thread | None = None
        session = self.match.session
        for record in session.log:
            self._record(record)
        session.subscribe(self._record)

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
