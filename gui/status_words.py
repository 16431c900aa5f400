"""An annotation's review state in the window's language: core stores "accepted", the
German analyst reads "angenommen" (lists, filters, the inspector)."""

from __future__ import annotations

from core.model import Status
from gui.i18n import QT_TRANSLATE_NOOP, translate

_WORDS = {Status.PROPOSED: QT_TRANSLATE_NOOP("Status", "proposed"),
          Status.ACCEPTED: QT_TRANSLATE_NOOP("Status", "accepted"),
          Status.REJECTED: QT_TRANSLATE_NOOP("Status", "rejected")}


def status_text(value: str) -> str:
    """The word for a stored status value; an unknown one is shown as stored."""
    try:
        return translate("Status", _WORDS[Status(value)])
    except ValueError:
        return value
