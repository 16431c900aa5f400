"""Counts in words: "1 annotation", "3 annotations", never "annotation(s)"."""

from __future__ import annotations

#: Nouns whose plural is not the singular plus "s".
_IRREGULAR = {"match": "matches", "analysis": "analyses", "entry": "entries"}


def plural(noun: str) -> str:
    return _IRREGULAR.get(noun, noun + "s")


def count(n: int, noun: str, many: str | None = None) -> str:
    """``n`` with ``noun`` in the right number, thousands grouped: "1,204 annotations"."""
    return f"{n:,} {noun if n == 1 else (many or plural(noun))}"
