"""``glossa suggest PROJECT DOC [--json] [--accept] [--tone]``: propose quotes and sources
(and, with ``--tone``, Tone levels from cue words, marked low confidence).

A module of its own so the suggestion machinery (and simplemma) loads only when asked
for. ``--json`` prints what was added in the shape of ``glossa annotations --json``.
"""

from __future__ import annotations

import argparse

from core.cli.common import (
    TEXT_COLUMN,
    annotation_json,
    cell,
    open_project,
    passage_of,
    print_json_array,
    say,
)
from core.i18n import _
from core.wording import count


def cmd_suggest(args: argparse.Namespace) -> int:
    from core.suggest.apply import suggest

    with open_project(args) as project:
        doc_id = project.resolve_document(args.doc)
        text = project.text(doc_id)
        result = suggest(project, doc_id, accept=args.accept, tone=args.tone)
        codebook = project.codebook()
        rows = [(a, codebook.path(a.tag_id)) for a in result.added]
    if args.json:
        print_json_array(annotation_json(a, text, path) for a, path in rows)
    else:
        for a, path in rows:
            about = ", ".join(f"{k}={v}" for k, v in a.attributes.items())
            print(f"{a.start}\t{a.end}\t{path}\t{a.status.value}\t{cell(about)}\t"
                  f"{cell(passage_of(text, a), TEXT_COLUMN)}")
    added = _("%(what)s added") % {"what": count(len(rows), "suggestion")}
    if result.blocked:
        added += ", " + _("%(n)s left out (tagged or rejected already)") % {"n": result.blocked}
    say(added)
    return 0
