"""``glossa suggest PROJECT DOC [--json] [--accept]``: propose quotes and sources.

Apart from ``core/cli.py`` so the suggestion machinery (and simplemma) loads only when
asked for. ``--json`` prints what was added in the shape of ``glossa annotations --json``.
"""

from __future__ import annotations

import argparse
import re
import sys

from core.cli_output import annotation_json, passage, print_json_array
from core.project import Project

_TEXT = 60
_CONTROL = re.compile(r"\s+")


def _short(text: str) -> str:
    text = _CONTROL.sub(" ", text)
    return text if len(text) <= _TEXT else text[:_TEXT - 1] + "…"


def cmd_suggest(args: argparse.Namespace) -> int:
    from core.suggest.apply import suggest

    with Project.open(args.project) as project:
        doc_id = project.resolve_document(args.doc)
        text = project.text(doc_id)
        result = suggest(project, doc_id, accept=args.accept)
        codebook = project.codebook()
        rows = [(a, codebook.path(a.tag_id)) for a in result.added]
    if args.json:
        print_json_array(annotation_json(a, text, path) for a, path in rows)
    else:
        for a, path in rows:
            about = ", ".join(f"{k}={v}" for k, v in a.attributes.items())
            print(f"{a.start}\t{a.end}\t{path}\t{a.status.value}\t{about}\t"
                  f"{_short(passage(text, a))}")
    blocked = f", {result.blocked} left out (tagged or rejected already)" \
        if result.blocked else ""
    print(f"{len(rows)} suggestion(s) added{blocked}", file=sys.stderr, flush=True)
    return 0
