"""Output the command line shares between its modules: JSON arrays and annotations."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from core.model import Annotation


def print_json_array(items: Iterable[Any]) -> None:
    """Exactly ``json.dumps(list(items), ensure_ascii=False, indent=2)``, one item at a time."""
    out = sys.stdout
    count = 0
    for item in items:
        out.write(",\n  " if count else "[\n  ")
        # Strings never contain a raw newline in JSON, so this only indents structure.
        out.write(json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        count += 1
    out.write("\n]\n" if count else "[]\n")


def passage(text: str, annotation: Annotation) -> str:
    return text[annotation.start:annotation.end]


def annotation_json(a: Annotation, text: str, path: str) -> dict[str, Any]:
    return {
        "id": a.id, "doc": a.document_id, "start": a.start, "end": a.end,
        "text": passage(text, a), "tag": path, "attributes": a.attributes, "note": a.note,
        "author": a.author, "origin": a.origin.value, "status": a.status.value,
        "created": a.created, "modified": a.modified,
    }
