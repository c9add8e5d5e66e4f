"""How wide a line of text is on the printed sheets, from the shipped font's own metrics.

The handouts ask for DejaVu Sans first (`templates/handouts.css`), the font the game
ships in `assets/fonts`; this module reads its advance widths straight from the
TrueType tables (`cmap` format 4, `hmtx`, `hhea`, `head`) so that the printed map
can place its names without a font library. Kerning is left out, which makes a
width a hair wider than the browser draws it: the safe side for avoiding overlaps.
"""

from __future__ import annotations

import struct
from functools import lru_cache

from game.resources import asset

_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


class FontMetrics:
    """Advance widths and line height of one TrueType font, in units of its em."""

    def __init__(self, data: bytes):
        tables = {}
        (count,) = struct.unpack_from(">H", data, 4)
        for i in range(count):
            tag, _check, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            tables[tag.decode("latin-1")] = offset
        (self.units,) = struct.unpack_from(">H", data, tables["head"] + 18)
        ascender, descender, _gap = struct.unpack_from(">hhh", data, tables["hhea"] + 4)
        self.height = (ascender - descender) / self.units
        self.ascent = ascender / self.units
        (metrics,) = struct.unpack_from(">H", data, tables["hhea"] + 34)
        self._advance = [struct.unpack_from(">H", data, tables["hmtx"] + 4 * i)[0] for i in range(metrics)]
        self._glyph = _cmap4(data, tables["cmap"])

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at `size` (any unit: the result is in the same one)."""
        last = self._advance[-1]
        units = 0
        for ch in text:
            glyph = self._glyph.get(ord(ch), 0)
            units += self._advance[glyph] if glyph < len(self._advance) else last
        return units * size / self.units


def _cmap4(data: bytes, cmap: int) -> dict[int, int]:
    """Code point -> glyph from the Windows Unicode BMP subtable (platform 3, encoding 1)."""
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) == (3, 1):
            break
    else:
        raise ValueError("the font has no Unicode BMP character map")
    sub = cmap + offset
    (segments,) = struct.unpack_from(">H", data, sub + 6)
    segments //= 2
    ends = struct.unpack_from(f">{segments}H", data, sub + 14)
    starts = struct.unpack_from(f">{segments}H", data, sub + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, sub + 16 + 4 * segments)
    range_at = sub + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    glyphs: dict[int, int] = {}
    for s, (start, end, delta, off) in enumerate(zip(starts, ends, deltas, offsets)):
        for code in range(start, end + 1):
            if code == 0xFFFF:
                continue
            if off == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(">H", data, range_at + 2 * s + off + 2 * (code - start))
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            glyphs[code] = glyph
    return glyphs


@lru_cache(maxsize=2)
def font(bold: bool = False) -> FontMetrics:
    """The metrics of the handouts' font (DejaVu Sans, regular or bold)."""
    return FontMetrics(asset("fonts", _FILES[bold]).read_bytes())
