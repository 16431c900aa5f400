"""argparse's own words ("usage:", "options", "the following arguments are required")
in the language in use.

argparse looks its messages up through module-level ``_`` and ``ngettext`` taken from
the gettext module, i.e. the system's "messages" domain, which knows no German for them.
The ones a user meets are listed here for Glossa's catalog, and ``speak`` points
argparse's lookups at ``core.i18n``. Others stay in English.
"""

from __future__ import annotations

import argparse

from core import i18n
from core.i18n import N_, Nn_

#: argparse's messages (Python 3.11's wording) that Glossa translates.
MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    Nn_("expected %s argument", "expected %s arguments"),
)


def speak() -> None:
    """Route argparse's message lookups through ``core.i18n`` (the language in use)."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
