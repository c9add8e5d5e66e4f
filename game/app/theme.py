"""The look: the pygame_gui theme and the palette, both JSON under `assets/themes/`.

`theme_data(scale)` reads `parley.json`, resolves the font paths against
`assets/` and multiplies every font size by the text scale (fonts are set per
element: pygame_gui ignores a font in `defaults`). `Palette` holds the colours
of what the client draws itself (map, charts, meters); `Fonts` caches the
shipped DejaVu fonts for that drawing. With `contrast` (the projector preset),
both take the high-contrast colours of `contrast.json`.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

import pygame

from game.resources import asset, assets_dir

THEME_FILE = asset("themes", "parley.json")
PALETTE_FILE = asset("themes", "palette.json")
CONTRAST_FILE = asset("themes", "contrast.json")
FONT_DIR = asset("fonts")
OFFER_MARK = "◆"  # marks their offer on the cards and in the offer line: meaning never by colour alone
FONT_FILES = {
    (False, False): "DejaVuSans.ttf",
    (True, False): "DejaVuSans-Bold.ttf",
    (False, True): "DejaVuSansMono.ttf",
    (True, True): "DejaVuSansMono-Bold.ttf",
}


@lru_cache(maxsize=1)
def _raw_theme() -> dict:
    return json.loads(THEME_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _contrast() -> dict:
    return json.loads(CONTRAST_FILE.read_text(encoding="utf-8"))


def theme_data(scale: float = 1.0, contrast: bool = False) -> dict:
    data = copy.deepcopy(_raw_theme())
    if contrast:
        swap = {k.lower(): v for k, v in _contrast()["theme"].items()}
        for block in data.values():
            colours = block.get("colours") if isinstance(block, dict) else None
            for key, value in (colours or {}).items():
                colours[key] = swap.get(str(value).lower(), value)
    for block in data.values():
        font = block.get("font") if isinstance(block, dict) else None
        if not font:
            continue
        font["size"] = str(max(8, round(float(font["size"]) * scale)))  # pygame_gui reads sizes from strings only
        for key in ("regular_path", "bold_path", "italic_path", "bold_italic_path"):
            if key in font:
                font[key] = str((assets_dir() / font[key]).resolve())
    base = data["label"]["font"]
    for px, bold in sorted({(px, bold) for cls in _text_classes() for bold in [class_font(cls)[1]]
                            for px in fit_sizes(cls, scale)}):
        font = {**base, "size": str(px)}
        font.pop("bold", None)
        if bold:
            font["bold"] = "1"
        data[fit_id(px, bold)] = {"font": font}
        data[wrap_id(px, bold)] = {"font": font, "misc": {"border_width": "0", "shadow_width": "0", "padding": "0,0"}}
    return data


def _text_classes() -> list[str]:
    return [k for k, v in _raw_theme().items() if isinstance(v, dict) and v.get("font") and not k.startswith("#")]


def class_font(cls: str | None, element: str = "label") -> tuple[int, bool]:
    """Unscaled size and boldness of the theme's font for `cls` on an element type ("label", "button")."""
    raw = _raw_theme()
    font = (raw.get(cls or "") or {}).get("font") or raw[element]["font"]
    return int(font["size"]), str(font.get("bold", "0")) in ("1", "true", "True")


def fit_sizes(cls: str | None, scale: float, element: str = "label") -> list[int]:
    """Pixel sizes a text of `cls` may take to fit its widget, largest first.

    The first is the size the text scale asks for. A text too long for its
    place may step down, but never below 60% of the asked size nor below 85%
    of its size at 100% text (so at 200% never below 120%).
    """
    size, _bold = class_font(cls, element)
    full = max(8, round(size * scale))
    floor = min(full, max(round(0.85 * size), round(0.6 * full)))
    step = max(1, round(full * 0.06))
    sizes = list(range(full, floor - 1, -step))
    if sizes[-1] != floor and floor < full:
        sizes.append(floor)
    return sizes


def wrap_id(px: int, bold: bool) -> str:
    """Theme object id of a label that wraps onto lines (a text box without border or padding)."""
    return f"#wrap_{px}{'_bold' if bold else ''}"


def fit_id(px: int, bold: bool) -> str:
    """Theme object id of the fitting font of `px` pixels (used with the element's own class for the rest)."""
    return f"#fit_{px}{'_bold' if bold else ''}"


class Palette:
    def __init__(self, path: Path = PALETTE_FILE, contrast: bool = False):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if contrast:
            raw.update(_contrast()["palette"])
        self._colours = {k: pygame.Color(v) for k, v in raw.items() if not k.startswith("_")}

    def __getitem__(self, name: str) -> pygame.Color:
        return self._colours[name]

    def party(self, index: int) -> pygame.Color:
        return self._colours[f"party_{index % 2}"]


class Fonts:
    """Shipped fonts by pixel size, for text the client draws onto its own surfaces."""

    def __init__(self, scale: float = 1.0):
        self.scale = scale
        self._cache: dict[tuple[int, bool, bool], pygame.font.Font] = {}

    def get(self, size: float, bold: bool = False, mono: bool = False) -> pygame.font.Font:
        return self.px(max(8, round(size * self.scale)), bold, mono)

    def px(self, px: int, bold: bool = False, mono: bool = False) -> pygame.font.Font:
        """The font at exactly `px` pixels (no text scale applied)."""
        key = (px, bold, mono)
        font = self._cache.get(key)
        if font is None:
            font = self._cache[key] = pygame.font.Font(str(FONT_DIR / FONT_FILES[(bold, mono)]), px)
        return font


def fit_text(font: pygame.font.Font, text: str, width: int) -> str:
    """`text`, shortened with an ellipsis to fit `width` pixels."""
    if width <= 0:
        return ""
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def strip_hint(text: str) -> str:
    """`text` without its trailing key hint: "Walk away [W]" -> "Walk away" (the keys stay in the F1 help)."""
    head, sep, tail = text.rstrip().rpartition(" [")
    return head.rstrip() if sep and tail.endswith("]") and head.strip() else text


def shorten(font, text: str, width: int) -> str:
    """`text` as it fits `width` pixels: whole, else without its key hint, else cut with an ellipsis."""
    if font.size(text)[0] <= width:
        return text
    bare = strip_hint(text)
    return fit_text(font, bare, width)


def wrap_text(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` pixels."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        current = ""
        for word in words:
            trial = f"{current} {word}".strip()
            if font.size(trial)[0] <= width or not current:
                current = trial
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines
