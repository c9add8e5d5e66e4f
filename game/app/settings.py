"""The player's settings: window size, fullscreen, text size, contrast and language.

Kept in `settings.json` in the user data folder; a missing or damaged file gives
the defaults (a damaged file is never a crash), and values out of range are
clamped. No pygame here: the app applies the settings.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from game.app.paths import settings_file
from game.atomic import write_json_atomic
from game.i18n import LANGUAGES  # the interface languages with a translation catalogue

WINDOW_SIZES = [(1024, 600), (1280, 720), (1600, 900), (1920, 1080), (2560, 1440), (3840, 2160)]
TEXT_SCALES = [1.0, 1.25, 1.5, 1.75, 2.0]
MIN_SIZE = (1024, 600)
PROJECTOR_SCALE = 1.5
MAX_SIZE = (3840, 2160)


@dataclass(frozen=True)
class Settings:
    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    text_scale: float = 1.0
    language: str = "en"
    contrast: bool = False         # high contrast (the projector preset)

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    def clamped(self) -> "Settings":
        width = min(MAX_SIZE[0], max(MIN_SIZE[0], int(self.width)))
        height = min(MAX_SIZE[1], max(MIN_SIZE[1], int(self.height)))
        scale = min(2.0, max(1.0, float(self.text_scale)))
        lang = self.language if self.language in LANGUAGES else "en"
        return replace(self, width=width, height=height, text_scale=scale, fullscreen=bool(self.fullscreen), language=lang,
                       contrast=bool(self.contrast))

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes).clamped()

    def projector(self) -> "Settings":
        """The projector preset: text at 150% and high contrast, readable from the back of a room."""
        return self.with_(text_scale=PROJECTOR_SCALE, contrast=True)

    @property
    def is_projector(self) -> bool:
        return self.contrast and abs(self.text_scale - PROJECTOR_SCALE) < 1e-6


def load(path: Path | None = None) -> Settings:
    path = path or settings_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {k: v for k, v in data.items() if k in Settings.__dataclass_fields__}
    try:
        return Settings(**known).clamped()
    except (TypeError, ValueError):
        return Settings()


def save(settings: Settings, path: Path | None = None) -> None:
    write_json_atomic(path or settings_file(), asdict(settings))
