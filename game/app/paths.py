"""Where the client keeps its files: the user data folder and what is in it.

The folder is platformdirs' user data dir for "parley", or `$PARLEY_HOME` when
set (tests and classroom machines with a shared drive). In it:
`scenarios/` (the teacher's own scenarios), `transcripts/` (JSON Lines of every
game), `results/` (one JSON file per finished game) and `settings.json`.
"""

from __future__ import annotations

import os
from pathlib import Path



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
