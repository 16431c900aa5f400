"""Code point <-> UTF-16 conversion, checked against Python's own UTF-16 encoder."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.offsets import Utf16Map


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_astral_characters_count_twice_in_utf16() -> None:
    text = "a😀b𝔘c"
    m = Utf16Map(text)
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert m.length_utf16 == utf16_len(text) == 7
    assert not m.is_identity


def test_position_inside_surrogate_pair_rounds_down() -> None:
    m = Utf16Map("a😀b")
    assert m.to_code_point(2) == 1  # between the two halves of 😀
    assert m.to_code_point(3) == 2


def test_bmp_text_is_identity() -> None:
    m = Utf16Map("Grüße „Zitat“ Удар")
    assert m.is_identity
    assert m.to_utf16(7) == 7 and m.to_code_point(7) == 7


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200))
def test_round_trip_matches_utf16_encoding(text: str) -> None:
    m = Utf16Map(text)
    for cp in range(len(text) + 1):
        u16 = m.to_utf16(cp)
        assert u16 == utf16_len(text[:cp])
        assert m.to_code_point(u16) == cp
