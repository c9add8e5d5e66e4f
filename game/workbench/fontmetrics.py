"""How wide a line of text is on the printed sheets, from the shipped font's own metrics.

The handouts ask for DejaVu Sans first (`templates/handouts.css`), the font the game
ships in `assets/fonts`; fontTools reads its advance widths (`hmtx`) and character map,
so that the printed map can place its names as the browser will draw them. Kerning is
left out, which makes a width a hair wider than the browser draws it: the safe side
for avoiding overlaps.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO

from fontTools.ttLib import TTFont

from game.resources import asset

_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


class FontMetrics:
    """Advance widths and line height of one TrueType font, in units of its em."""

    def __init__(self, data: bytes):
        ttf = TTFont(BytesIO(data), lazy=True)
        self.units = ttf["head"].unitsPerEm
        hhea = ttf["hhea"]
        self.height = (hhea.ascent - hhea.descent) / self.units
        self.ascent = hhea.ascent / self.units
        advances = {name: advance for name, (advance, _lsb) in ttf["hmtx"].metrics.items()}
        self._advance = {code: advances[name] for code, name in ttf.getBestCmap().items()}
        self._missing = advances[ttf.getGlyphOrder()[0]]  # .notdef, drawn for a character the font lacks

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at `size` (any unit: the result is in the same one)."""
        return sum(self._advance.get(ord(ch), self._missing) for ch in text) * size / self.units


@lru_cache(maxsize=2)
def font(bold: bool = False) -> FontMetrics:
    """The metrics of the handouts' font (DejaVu Sans, regular or bold)."""
    return FontMetrics(asset("fonts", _FILES[bold]).read_bytes())
