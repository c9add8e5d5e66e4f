"""The shipped fonts draw every character the game can show.

Every translated message (msgstr of each catalog) and every text of every
shipped scenario file must have a glyph in the faces the theme uses (DejaVu
Sans and its bold); otherwise a student sees an empty box. pygame.freetype's
`Font.get_metrics` gives None for a character the font does not have.
"""

import json
import unicodedata
from pathlib import Path

import pygame.freetype
import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
CATALOGS = sorted((ROOT / "game" / "locale").glob("*/LC_MESSAGES/parley.po"))
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def theme_faces() -> list[Path]:
    """The regular and bold faces named by the theme (and the default DejaVu Sans)."""
    theme = json.loads((ASSETS / "themes" / "parley.json").read_text(encoding="utf-8"))
    faces = {ASSETS / "fonts" / "DejaVuSans.ttf", ASSETS / "fonts" / "DejaVuSans-Bold.ttf"}
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        for key in ("regular_path", "bold_path"):
            if font and key in font:
                faces.add(ASSETS / font[key])
    return sorted(faces)


def catalog_text(path: Path) -> str:
    with path.open("rb") as f:
        catalog = read_po(f)
    parts = []
    for message in catalog:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        parts.extend(s for s in strings if s)
    return "".join(parts)


def drawable(text: str) -> set[str]:
    """The characters that need a glyph: not controls, line breaks or YAML syntax whitespace."""
    return {ch for ch in text if not unicodedata.category(ch).startswith("C") and ch not in "\n\r\t"}


def missing(face: Path, chars: set[str]) -> list[str]:
    pygame.freetype.init()
    font = pygame.freetype.Font(str(face), 16)
    gone = []
    for ch in sorted(chars):
        metrics = font.get_metrics(ch)
        if not metrics or metrics[0] is None:
            gone.append(f"{ch!r} U+{ord(ch):04X} {unicodedata.name(ch, '?')}")
    return gone


SOURCES = [pytest.param(p, id=f"catalog-{p.parent.parent.name}") for p in CATALOGS] + \
          [pytest.param(p, id=f"scenario-{p.stem}") for p in SCENARIOS]


def test_there_is_something_to_check():
    assert CATALOGS and SCENARIOS
    assert all(face.exists() for face in theme_faces())


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("face", theme_faces(), ids=lambda p: p.stem)
def test_the_font_has_every_character(source: Path, face: Path):
    text = catalog_text(source) if source.suffix == ".po" else source.read_text(encoding="utf-8")
    gone = missing(face, drawable(text))
    assert not gone, f"{face.name} has no glyph for these characters of {source.relative_to(ROOT)}: " + ", ".join(gone)


def test_a_missing_glyph_is_noticed():
    """The check itself works: DejaVu Sans has no CJK ideographs."""
    assert missing(ASSETS / "fonts" / "DejaVuSans.ttf", {"漢", "a"}) == ["'漢' U+6F22 CJK UNIFIED IDEOGRAPH-6F22"]
