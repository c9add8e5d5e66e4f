"""The palette is safe for colour-blind players and readable for low vision.

Each pair of colours that tells two things apart (good/bad, the two parties, the
marks of the outcome-space chart) must stay distinct when seen with protanopia,
deuteranopia or tritanopia (Machado, Oliveira and Fernandes 2009, full severity),
measured as a CIE76 colour difference in Lab; text colours must reach WCAG AA
contrast (4.5:1) on the backgrounds they are drawn on.
"""

import itertools
import json

import numpy as np
import pytest

from game.resources import assets_dir

PALETTE = json.loads((assets_dir() / "themes" / "palette.json").read_text(encoding="utf-8"))
THEME = json.loads((assets_dir() / "themes" / "parley.json").read_text(encoding="utf-8"))

SIMULATIONS = {
    "normal vision": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
# The map tells roads, towns and the patrol route apart by shape (line, dot, dashes) and labels, not colour.
MEANING_GROUPS = [("good", "bad"), ("party_0", "party_1"), ("frontier", "nash", "historical", "deal", "dots"),
                  ("map_patrol", "map_post")]
MIN_DIFFERENCE = 20.0  # CIE76: about the difference between clearly different chart colours


def rgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")[:6]
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)]) / 255


def linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(lin: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ lin
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(colour: str, matrix: np.ndarray) -> np.ndarray:
    return lab(np.clip(matrix @ linear(rgb(colour)), 0, 1))


def contrast(a: str, b: str) -> float:
    la, lb = (float(np.array([0.2126, 0.7152, 0.0722]) @ linear(rgb(c))) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_the_helpers_measure_what_they_should():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert np.linalg.norm(seen("#ffffff", np.eye(3)) - [100, 0, 0]) < 0.5
    # pure red and pure green: far apart for most people, close for a deuteranope
    red_green = [np.linalg.norm(seen("#ff0000", m) - seen("#00a000", m)) for m in SIMULATIONS.values()]
    assert red_green[0] > 80 and red_green[2] < MIN_DIFFERENCE


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_colours_that_mean_different_things_stay_apart(vision):
    matrix = SIMULATIONS[vision]
    close = []
    for group in MEANING_GROUPS:
        for a, b in itertools.combinations(group, 2):
            difference = float(np.linalg.norm(seen(PALETTE[a], matrix) - seen(PALETTE[b], matrix)))
            if difference < MIN_DIFFERENCE:
                close.append(f"{a} {PALETTE[a]} / {b} {PALETTE[b]}: {difference:.1f}")
    assert not close, f"too close with {vision}: " + "; ".join(close)


@pytest.mark.parametrize("colour", ["text", "muted", "accent", "good", "bad", "party_0", "party_1", "focus"])
def test_text_colours_reach_wcag_aa_on_the_backgrounds(colour):
    for background in ("background", "panel"):
        assert contrast(PALETTE[colour], PALETTE[background]) >= 4.5, (colour, background)


def test_widget_text_reaches_wcag_aa():
    colours = THEME["defaults"]["colours"]
    for text, background in (("normal_text", "normal_bg"), ("hovered_text", "hovered_bg"),
                             ("selected_text", "selected_bg"), ("active_text", "active_bg")):
        assert contrast(colours[text], colours[background]) >= 4.5, (text, background)
