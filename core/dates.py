"""Dates as people write them ("22.09.2021", "22. September 2021", "23 сентября 2021 г.",
"2021-09-22"), read into the one form Glossa stores: YYYY-MM-DD.

Read by ``dateparser`` with German, English and Russian month names. Day first unless the
year is written first: "03/04/21" is the 3rd of April, as German, Russian and British
news write it.
"""

from __future__ import annotations

import datetime as dt
import re

_LANGUAGES = ["de", "en", "ru"]
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(part: str) -> str:
    """The part as YYYY-MM-DD when it is a date and nothing else ("22.09.2021",
    "22. September 2021", "2021-09-22"), else ""."""
    if _ISO.fullmatch(part.strip()):
        try:
            return dt.date.fromisoformat(part.strip()).isoformat()
        except ValueError:  # "2021-02-30"
            return ""
    if not any(ch.isdigit() for ch in part) or len(part) > 40:
        return ""
    import dateparser  # loaded on first use: start-up does not need it

    candidate = part.strip().rstrip(".,;:")
    # Year first only when it is written out first ("2021-09-23"): "03/04/21" and
    # "12.11.10" are day first, as German, Russian and British news write them.
    orders = ("YMD", "DMY") if re.match(r"\d{4}\D", candidate) else ("DMY",)
    for order in orders:
        found = dateparser.parse(candidate, languages=_LANGUAGES,
                                 settings={"STRICT_PARSING": True, "DATE_ORDER": order,
                                           "RETURN_AS_TIMEZONE_AWARE": False})
        if found is not None:
            return found.date().isoformat()
    return ""
