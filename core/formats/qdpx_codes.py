"""Code names in a REFI-QDA project: unique, as QualCoder needs, and reversible.

Glossa's tag names are unique among siblings only (``Themen/Militär`` and
``Akteure/Militär``); QualCoder keys codes by name, so two codes of one name collide.
A tag whose name another tag shares is written as ``Militär (Themen)``: its name, then
its parent's path in brackets (a top-level tag keeps its name). Reading a code whose
name ends in its own parent's path in brackets gives the tag name back.
"""

from __future__ import annotations

from collections import Counter

from core.codebook import PATH_SEPARATOR, Codebook


def unique_code_names(codebook: Codebook) -> dict[str, str]:
    """The code name of every tag (by id); only names other tags share are changed."""
    shared = Counter(t.name.casefold() for t in codebook.tags)
    names: dict[str, str] = {}
    for tag in codebook.tags:
        name = tag.name
        if shared[name.casefold()] > 1 and tag.parent_id is not None:
            name = f"{tag.name} ({codebook.path(tag.parent_id)})"
        names[tag.id] = name
    # A tag already called "Militär (Themen)" would clash again: number what is left.
    taken = Counter(n.casefold() for n in names.values())
    for tag in codebook.tags:
        if taken[names[tag.id].casefold()] > 1 and names[tag.id] != tag.name:
            number = 2
            while taken[f"{names[tag.id]} {number}".casefold()]:
                number += 1
            taken[names[tag.id].casefold()] -= 1
            names[tag.id] = f"{names[tag.id]} {number}"
            taken[names[tag.id].casefold()] += 1
    return names


def tag_name(code_name: str, parent_names: list[str]) -> str:
    """The tag name a code name stands for under a parent at ``parent_names``."""
    suffix = f" ({PATH_SEPARATOR.join(parent_names)})"
    if parent_names and code_name.endswith(suffix) and len(code_name) > len(suffix):
        return code_name[:-len(suffix)]
    return code_name


__all__ = ["tag_name", "unique_code_names"]
