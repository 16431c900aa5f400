"""Counts in words: "1 annotation", "3 annotations", never "annotation(s)".

In the language in use: each noun Glossa counts has its phrases here, marked for the
catalog, so "3 annotations" reads "3 Annotationen" in German, with the number grouped as
the language does.
"""

from __future__ import annotations

from core.i18n import Nn_, ngettext, number

#: Nouns whose plural is not the singular plus "s" (nouns without phrases below).
_IRREGULAR = {"match": "matches", "analysis": "analyses", "entry": "entries"}

#: The phrases of every noun Glossa counts, for translation.
_PHRASES = {
    "annotation": Nn_("%(n)s annotation", "%(n)s annotations"),
    "document": Nn_("%(n)s document", "%(n)s documents"),
    "tag": Nn_("%(n)s tag", "%(n)s tags"),
    "passage": Nn_("%(n)s passage", "%(n)s passages"),
    "step": Nn_("%(n)s step", "%(n)s steps"),
    "suggestion": Nn_("%(n)s suggestion", "%(n)s suggestions"),
    "review decision": Nn_("%(n)s review decision", "%(n)s review decisions"),
    "time": Nn_("%(n)s time", "%(n)s times"),
    "match": Nn_("%(n)s match", "%(n)s matches"),
    "character": Nn_("%(n)s character", "%(n)s characters"),
}


def plural(noun: str) -> str:
    return _IRREGULAR.get(noun, noun + "s")


def count(n: int, noun: str, many: str | None = None) -> str:
    """``n`` with ``noun`` in the right number, thousands grouped: "1,204 annotations"."""
    phrases = _PHRASES.get(noun)
    if phrases is not None and many is None:
        return ngettext(*phrases, n) % {"n": number(n)}
    return f"{number(n)} {noun if n == 1 else (many or plural(noun))}"
