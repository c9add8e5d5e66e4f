"""Where the client keeps its files: the user data folder and what is in it.

The folder is platformdirs' user data dir for "parley", or `$PARLEY_HOME` when
set (tests and classroom machines with a shared drive). In it:
`scenarios/` (the teacher's own scenarios), `transcripts/` (JSON Lines of every
game), `results/` (one JSON file per finished game) and `settings.json`.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"
SHIPPED_SCENARIOS = Path(__file__).resolve().parent.parent.parent / "scenarios"


def data_dir() -> Path:
    override = os.environ.get("PARLEY_HOME")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("parley", appauthor=False))


def user_scenarios(base: Path | None = None) -> Path:
    return (base or data_dir()) / "scenarios"


def transcripts(base: Path | None = None) -> Path:
    return (base or data_dir()) / "transcripts"


def results(base: Path | None = None) -> Path:
    return (base or data_dir()) / "results"


def settings_file(base: Path | None = None) -> Path:
    return (base or data_dir()) / "settings.json"


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that a reader sees the old file or the whole new one, never half.

    A temporary file in the same folder is written, flushed and fsynced, then
    moved over the target with `os.replace` (atomic on one file system).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
