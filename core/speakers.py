"""Who may have said it: names for the speaker field's completion.

Two sources, in this order: speakers already recorded in the project (most used
first), then names the article itself mentions — runs of two to four capitalised
words ("Matthias Kühn", "Landrat Matthias Kühn", "Хельга Штернберг"), each offered
also without its leading words, so "Kühn" completes to the full name.
"""

from __future__ import annotations

import re

from core.project import Project

#: A word: a letter, then letters, digits, apostrophes or inner hyphens.
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Words that start a capitalised run without naming anyone (sentence starts, German
#: nouns after an article).
_NOT_NAMES = frozenset("""
der die das den dem des ein eine einer eines einem einen und oder aber auch als am im in
zum zur vom beim für mit nach seit bei von zu auf aus an es sie er wir ihr ich man
the a an and or but in on at of to for with from by as it he she we they this that these
""".split())
_MAX_NAMES = 300


def _runs(text: str) -> list[str]:
    """Runs of two to four capitalised words joined by single spaces, with each run's
    shorter endings ("Landrat Matthias Kühn", "Matthias Kühn")."""
    found: dict[str, None] = {}
    run: list[str] = []
    last_end = -2

    def close() -> None:
        words = list(run)
        while words and words[0].casefold() in _NOT_NAMES:
            words = words[1:]
        words = words[-4:]
        for start in range(len(words) - 1):
            found.setdefault(" ".join(words[start:]), None)

    for match in _WORD.finditer(text):
        word = match.group(0).rstrip("-'’")
        joined = text[last_end:match.start()] in (" ", "\u00a0")
        if word[:1].isupper():
            if not joined:
                close()
                run = []
            run.append(word)
        else:
            close()
            run = []
        last_end = match.end()
        if len(found) >= _MAX_NAMES:
            break
    close()
    return list(found)


def speaker_candidates(project: Project, document_id: str | None) -> list[str]:
    """Recorded speakers first (most used first), then names from the document's text."""
    known = project.store.annotations.attribute_values("speaker")
    names: list[str] = []
    if document_id:
        names = _runs(project.document(document_id).text)
    seen = set(known)
    return known + [n for n in names if n not in seen]
