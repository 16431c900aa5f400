"""``glossa`` commands about projects and documents: new, import, docs, text, search,
merge, export."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from core.cli.common import (
    PROG,
    SHORT_ID,
    TEXT_COLUMN,
    UsageError,
    cell,
    open_project,
    print_json_array,
    print_table,
    say,
    short_ids,
)
from core.errors import GlossaError, ImportFailed, InvalidValue
from core.i18n import _
from core.importers.base import ImportOptions
from core.importers.interchange import interchange_kind
from core.labels import hit_kind_label
from core.project import Project
from core.wording import count


def cmd_new(args: argparse.Namespace) -> int:
    path = Path(args.project)
    Project.create(path).close()
    print(path.resolve())
    return 0


def _import_annotations(project: Project, file: str, kind: str) -> None:
    """Bring in annotation data: a Glossa project or JSON export merges, W3C and QDPX
    import onto matching documents."""
    if kind in ("glossa-json", "glossa-project"):
        from core.review.merge import merge_file

        print(merge_file(project, file).summary())
        return
    if kind == "w3c":
        from core.importers.w3c import import_w3c as importer
    else:
        from core.importers.qdpx import import_qdpx as importer
    report = importer(project, file)
    for item in report.unplaced:
        say(_("%(file)s: not placed: %(what)s: %(why)s")
            % {"file": file, "what": cell(item.ref), "why": cell(item.reason)})
    for warning in report.warnings:
        say(_("%(file)s: warning: %(message)s") % {"file": file, "message": cell(warning)})
    print(f"{file}: {report.summary()}")


def cmd_import(args: argparse.Namespace) -> int:
    if args.title is not None and len(args.files) > 1:
        raise UsageError(_("--title can only be given with one FILE"))
    total = len(args.files)
    progress = total > 1 and sys.stderr.isatty()
    failed = 0
    options = ImportOptions(full_page=args.full_page)
    with open_project(args) as project:
        for number, file in enumerate(args.files, start=1):
            if progress:
                say(f"[{number}/{total}] {file}")
            try:
                kind = interchange_kind(file) if Path(file).is_file() else None
                if kind is not None:
                    _import_annotations(project, file, kind)
                    continue
                result = project.import_file(file, title=args.title, options=options)
            except ImportFailed as err:
                say(f"{PROG}: {file}: {err.reason}")
                failed += 1
                continue
            except GlossaError as err:
                say(f"{PROG}: {file}: {err}")
                failed += 1
                continue
            for warning in result.warnings:
                say(_("%(file)s: warning: %(message)s") % {"file": file, "message": warning})
            if result.duplicate:
                say(_("%(file)s: already in the project") % {"file": file})
            if args.suggest and not result.duplicate:
                from core.suggest.apply import suggest  # simplemma: loaded only when asked

                proposed = len(suggest(project, result.document.id).added)
                say(_("%(file)s: %(suggestions)s to review (glossa annotations shows them as "
                      "proposed)") % {"file": file,
                                      "suggestions": count(proposed, "suggestion")})
            print(f"{result.document.id}\t{cell(result.document.title)}", flush=True)
    return 1 if failed else 0


def cmd_docs(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        documents = project.documents()
    if args.json:
        print_json_array(
            {"id": d.id, "title": d.title, "format": d.format, "language": d.language,
             "chars": d.chars, "annotations": d.annotation_count}
            for d in documents
        )
        return 0
    if not documents:
        say(_("no documents yet; add some with: glossa import PROJECT FILE..."))
        return 0
    short = short_ids(d.id for d in documents)
    print_table(
        (_("ID"), _("TITLE"), _("FORMAT"), _("LANG"), _("CHARS"), _("ANNOTATIONS")),
        [(short[d.id], cell(d.title, TEXT_COLUMN), d.format, d.language, str(d.chars),
          str(d.annotation_count)) for d in documents],
        right=frozenset({4, 5}),
    )
    return 0


def cmd_text(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        text = project.text(project.resolve_document(args.doc))
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if not re.search(r"\w", args.query):
        raise InvalidValue(_("nothing to search for in %(query)r; give a word")
                           % {"query": args.query})
    with open_project(args) as project:
        hits = project.search(args.query)
        short = short_ids(d.id for d in project.documents())
    if args.json:
        print_json_array(
            {"kind": h.kind, "doc": h.document_id, "title": h.title, "snippet": h.snippet,
             "annotation": h.annotation_id or None,
             "start": h.start if h.start >= 0 else None, "end": h.end if h.end >= 0 else None}
            for h in hits
        )
        return 0
    if not hits:
        say(_("nothing matches %(query)r") % {"query": args.query})
        return 0
    print_table((_("KIND"), _("DOC"), _("TITLE"), _("MATCH")),
                 [(hit_kind_label(h.kind), short.get(h.document_id, h.document_id[:SHORT_ID]),
                   cell(h.title, 40), cell(h.snippet, 2 * TEXT_COLUMN)) for h in hits])
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from core.review.merge import merge_file

    kind = interchange_kind(args.other) if Path(args.other).is_file() else None
    with open_project(args) as project:
        if kind in ("w3c", "qdpx"):  # no documents or codebook to merge: placed onto ours
            _import_annotations(project, args.other, kind)
            return 0
        report = merge_file(project, args.other)
    for item in report.unplaced:
        say(_("not placed: %(id)s in %(title)r (%(passage)s): %(why)s")
            % {"id": item.annotation_id, "title": item.document_title,
               "passage": cell(item.exact, 40), "why": item.reason})
    print(report.summary())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from core.exporters import ExportScope
    from core.exporters.registry import export_with_notes

    options: dict[str, Any] = {}
    if args.positions is not None:
        if args.format != "qdpx":
            raise UsageError(_("--positions goes with --format qdpx"))
        options["positions"] = args.positions
    scope = ExportScope(documents=tuple(args.doc) if args.doc else None, tag=args.tag,
                        author=args.author, status=args.status)
    with open_project(args) as project:
        outcome = export_with_notes(project, args.format, args.out, scope=scope, **options)
    for note in outcome.notes:  # what could not be placed is said, never dropped
        say(_("note: %(note)s") % {"note": note})
    print(_("%(annotations)s exported to %(path)s")
          % {"annotations": count(outcome.count, "annotation"), "path": args.out})
    return 0


# --- parser ---------------------------------------------------------------------------
