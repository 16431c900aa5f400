"""Finding a pattern in one document: plain text, whole word or regular expression.

Pure Python over the stored text, so matches come out in code points like every
other offset; case is ignored unless asked. Empty matches are skipped.
"""

from __future__ import annotations

import re
from enum import StrEnum


class FindMode(StrEnum):
    # The values are shown in the find bar, translated there (gui.panels.search).
    PLAIN = "Plain text"
    WORD = "Whole word"
    REGEX = "Regular expression"


class BadPattern(ValueError):
    """The regular expression does not compile; ``str`` is the message to show."""


def compile_pattern(pattern: str, mode: FindMode, case_sensitive: bool = False) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    if mode is FindMode.PLAIN:
        source = re.escape(pattern)
    elif mode is FindMode.WORD:
        source = rf"(?<!\w){re.escape(pattern)}(?!\w)"
    else:
        source = pattern
    try:
        return re.compile(source, flags)
    except re.error as err:
        raise BadPattern(f"Not a valid regular expression: {err}") from err


def find_matches(text: str, pattern: str, mode: FindMode = FindMode.PLAIN,
                 case_sensitive: bool = False, limit: int = 100_000) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` of every non-empty match, at most ``limit``."""
    if not pattern:
        return []
    found: list[tuple[int, int]] = []
    for m in compile_pattern(pattern, mode, case_sensitive).finditer(text):
        if m.end() > m.start():
            found.append((m.start(), m.end()))
            if len(found) >= limit:
                break
    return found
