"""Colours told apart also with colour-vision deficiency, as they are shown: translucent
highlights over the page. Checked by simulation (colorspacious, Machado et al. 2009),
not by eye."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from core.codebook import DEFAULT_COLOURS
from gui.article_view import FIND_COLOUR
from gui.highlighter import FILL_ALPHA
from gui.layers import ANALYST_COLOURS

VISIONS = ("normal", "deuteranomaly", "protanomaly", "tritanomaly")
#: CIECAM02-UCS distance: about 2 is barely noticeable side by side, 5 clearly different.
TAG_MINIMUM = 4.5


def shown(colour: str, alpha: float = FILL_ALPHA / 255) -> np.ndarray:
    """``colour`` as a highlight at ``alpha`` over a white page, in sRGB 0..1."""
    rgb = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return rgb * alpha + (1 - alpha)


def seen(rgb: np.ndarray, vision: str) -> np.ndarray:
    if vision == "normal":
        return rgb
    space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
    return np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)


def closest(colours: dict[str, str], vision: str) -> tuple[float, tuple[str, str]]:
    return min((float(deltaE(seen(shown(a), vision), seen(shown(b), vision),
                             input_space="sRGB1")), (name_a, name_b))
               for (name_a, a), (name_b, b) in itertools.combinations(colours.items(), 2))


@pytest.mark.parametrize("vision", VISIONS)
def test_default_tags_and_find_matches_are_told_apart(vision: str) -> None:
    colours = {**DEFAULT_COLOURS, "find match": FIND_COLOUR}
    distance, pair = closest(colours, vision)
    assert distance >= TAG_MINIMUM, (vision, pair, round(distance, 1))


@pytest.mark.parametrize("vision", VISIONS)
def test_the_first_analysts_colours_are_told_apart(vision: str) -> None:
    two_or_three = {c: c for c in ANALYST_COLOURS[:3]}
    five = {c: c for c in ANALYST_COLOURS[:5]}
    assert closest(two_or_three, vision)[0] >= 8
    assert closest(five, vision)[0] >= 3.5
    assert FIND_COLOUR not in ANALYST_COLOURS


def test_the_tone_scale_reads_as_an_order_and_neutral_is_not_its_parent() -> None:
    assert DEFAULT_COLOURS["Tone/Neutral"] != DEFAULT_COLOURS["Tone"]
    levels = ["Confrontational", "Critical", "Neutral", "Conciliatory", "Cooperative"]
    lightness = [float(cspace_convert(shown(DEFAULT_COLOURS[f"Tone/{n}"]), "sRGB1",
                                      "CAM02-UCS")[0]) for n in levels]
    # Light in the middle, darker towards both ends: the order survives any deficiency.
    assert lightness[2] == max(lightness)
    assert lightness[0] < lightness[1] and lightness[4] < lightness[3]
