"""Code points (how Glossa stores offsets) versus UTF-16 units (how Qt counts).

They differ by one for every character outside the Basic Multilingual Plane
(😀, 𝔘, ...). The map keeps a sorted list of those characters' positions and
converts with ``bisect``; building it is one regex scan, lookups are O(log n).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts offsets over one text between code points and UTF-16 units."""

    __slots__ = ("_astral", "_astral_u16_end", "length_code_points", "length_utf16")

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 offset just after each astral character.
        self._astral_u16_end = [p + k + 2 for k, p in enumerate(self._astral)]
        self.length_code_points = len(text)
        self.length_utf16 = len(text) + len(self._astral)

    @property
    def is_identity(self) -> bool:
        """True when the text has no astral characters, so both counts agree."""
        return not self._astral

    def to_utf16(self, code_point: int) -> int:
        return code_point + bisect_left(self._astral, code_point)

    def to_code_point(self, utf16: int) -> int:
        """Inverse of ``to_utf16``; a position inside a surrogate pair rounds down."""
        done = bisect_right(self._astral_u16_end, utf16)
        inside = done < len(self._astral) and self._astral_u16_end[done] - 1 == utf16
        return utf16 - done - (1 if inside else 0)
