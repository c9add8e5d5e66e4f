"""The scenarios the title screen offers: the shipped ones and the teacher's own.

Every `*.yaml` file of the shipped folder and of the user folder becomes an
`Entry`, loaded and checked like `parley check` does (`game.play.check.check_file`),
so a broken file is listed with the very problems the command line prints, not
dropped and not a crash.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import Problem, SourceLines, format_human
from game.i18n import _, local
from game.play.catalog import FLAGSHIP

if TYPE_CHECKING:  # the loader pulls in pydantic and numpy: imported when first needed
    from game.scenario.loader import LoadResult
    from game.scenario.model import Scenario



def check(path: Path) -> "LoadResult":
    """Load and check one file the way `parley check` does."""
    from game.play.check import check_file

    return check_file(path)


@dataclass
class Entry:
    path: Path
    origin: str  # "shipped" or "user"
    result: "LoadResult"

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def scenario(self) -> "Scenario | None":
        return self.result.scenario if self.ok else None

    @property
    def id(self) -> str:
        return self.result.scenario.id if self.result.scenario is not None else self.path.stem

    @property
    def title(self) -> str:
        if self.result.scenario is not None:
            return local(self.result.scenario.title)
        return self.path.name

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.result.problems if p.is_error]

    def problems_text(self) -> str:
        """The problems exactly as `parley check` prints them, lines quoted."""
        sources = SourceLines()
        if self.result.text:
            sources.add(self.result.file, self.result.text)
        text = format_human(self.result.problems, sources)
        return text or _("No problems found.")


def scenario_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def discover(shipped: Path, user: Path) -> list[Entry]:
    entries = [Entry(p, "shipped", check(p)) for p in scenario_files(shipped)]
    entries += [Entry(p, "user", check(p)) for p in scenario_files(user)]
    flagship = [e for e in entries if e.id == FLAGSHIP and e.origin == "shipped"]
    rest = [e for e in entries if e not in flagship]
    return flagship + rest


def default_index(entries: list[Entry], wanted: str = FLAGSHIP) -> int:
    """The flagship if it is there and valid, else the first valid scenario, else 0."""
    for n, e in enumerate(entries):
        if e.id == wanted and e.ok:
            return n
    for n, e in enumerate(entries):
        if e.ok:
            return n
    return 0


class Loader:
    """Discover the scenarios in a worker thread, so the first frame does not wait for them."""

    def __init__(self, shipped: Path, user: Path, notify=None, start: bool = True):
        self.entries: list[Entry] | None = None
        self.error: BaseException | None = None
        self.started = False
        self._thread = threading.Thread(target=self._work, args=(shipped, user, notify), name="parley-catalog",
                                        daemon=True)
        if start:
            self.start()

    def start(self) -> None:
        if not self.started:
            self.started = True
            self._thread.start()

    def _work(self, shipped: Path, user: Path, notify) -> None:
        try:
            self.entries = discover(shipped, user)
        except BaseException as exc:  # shown on the title screen
            self.error = exc
            self.entries = []
        if notify is not None:
            notify()

    @property
    def done(self) -> bool:
        return self.entries is not None

    def wait(self, timeout: float | None = None) -> list[Entry]:
        self._thread.join(timeout)
        return self.entries or []
