"""Cells for files meant for spreadsheets: no text may turn into a formula.

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula (``=HYPERLINK(…)`` in a note becomes a live link; DDE payloads can
start programs), and a leading tab or carriage return can hide such a start. OWASP's
advice, followed here: put a single quote before such a cell. Spreadsheets show the
text as typed; a reader of the raw file sees the added quote. Numbers Glossa computes
(offsets, counts, kappa) are not text and are written as they are.
"""

from __future__ import annotations

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """``value`` with a ``'`` before it when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def formula_guard_sql(column: str) -> str:
    """SQL for what ``spreadsheet_text`` puts before ``column``: a quote or nothing.

    For rows SQLite formats itself; the guard goes inside any CSV quotes.
    """
    starts = ", ".join(f"char({ord(c)})" for c in FORMULA_STARTS)
    return f"CASE WHEN substr({column}, 1, 1) IN ({starts}) THEN char(39) ELSE '' END"


__all__ = ["FORMULA_STARTS", "formula_guard_sql", "spreadsheet_text"]
