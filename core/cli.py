"""The ``glossa`` command line: the same project services as the GUI, without a window.

Every subcommand opens the project, does one thing and closes it. Output for people is
aligned columns; ``--json`` gives UTF-8 JSON whatever the locale. Failures print one
line, ``glossa: <message>``, and exit 2 for bad usage, 1 for bad input (unknown
document, span outside the text, unreadable file...), 130 when interrupted; never a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import os
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, NoReturn

from core.anchoring import check_span, locate_quote
from core.cli_output import annotation_json, passage, print_json_array
from core.cli_suggest import cmd_suggest
from core.errors import GlossaError, ImportFailed, InvalidValue
from core.exporters import annotations_by_document, selected_documents, tag_filter
from core.exporters.registry import FORMATS
from core.importers.interchange import interchange_kind
from core.model import Annotation, Status, Tag
from core.project import Project

PROG = "glossa"
SHORT_ID = 8  # characters of an id shown in tables; lengthened where prefixes clash
TEXT_COLUMN = 60  # widest passage, title or snippet shown in a table
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


class UsageError(Exception):
    """Arguments that do not make sense together: exit status 2, like argparse's own."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as ``UsageError`` so ``main`` prints one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# --- argument types -------------------------------------------------------------------


def _offset(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not an offset (a whole number >= 0)")
    return number


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= 1")
    return number


def _text(value: str) -> str:
    """Text from the command line; bytes that were not UTF-8 arrive as lone surrogates."""
    if _SURROGATE.search(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not valid UTF-8 text")
    return value


def _name(value: str) -> str:
    value = _text(value).strip()
    if not value or _CONTROL.search(value):
        raise argparse.ArgumentTypeError(f"{value!r} must be non-empty text on one line")
    return value


def _attribute(value: str) -> tuple[str, str]:
    key, sep, text = _text(value).partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{value!r} is not of the form KEY=VALUE")
    return key.strip(), text


# --- output ---------------------------------------------------------------------------


def _use_utf8_output() -> None:
    """UTF-8 on stdout and stderr whatever the locale (a C locale would mangle „Grüße“)."""
    for stream, errors in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(encoding="utf-8", errors=errors)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: wide for CJK and emoji, none for combining marks."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _cell(value: object, limit: int | None = None) -> str:
    """One table cell: on one line, cut with "…" beyond ``limit`` columns."""
    text = _CONTROL.sub(" ", str(value))
    if limit is None or _width(text) <= limit:
        return text
    kept, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > limit - 1:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                 right: frozenset[int] = frozenset()) -> None:
    """Aligned columns; numbers (columns in ``right``) aligned to the right."""
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    for row in [list(headers), *rows]:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            if i in right:
                cells.append(pad + cell)
            elif i == len(row) - 1:
                cells.append(cell)
            else:
                cells.append(cell + pad)
        print("  ".join(cells))


def _short_ids(ids: Iterable[str]) -> dict[str, str]:
    """The shortest prefix (at least ``SHORT_ID``) that tells every id apart: usable as DOC."""
    unique = sorted(set(ids))
    length = SHORT_ID
    while len({i[:length] for i in unique}) < len(unique):
        length += 1
    return {i: i[:length] for i in unique}


# --- commands -------------------------------------------------------------------------


def _open(args: argparse.Namespace) -> Project:
    project = Project.open(args.project)
    if project.store.upgrade is not None:
        _say(f"{PROG}: {project.store.upgrade.message()}")
    return project


def _cmd_new(args: argparse.Namespace) -> int:
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
        _say(f"{file}: not placed: {_cell(item.ref)}: {_cell(item.reason)}")
    for warning in report.warnings:
        _say(f"{file}: warning: {_cell(warning)}")
    print(f"{file}: {report.summary()}")


def _cmd_import(args: argparse.Namespace) -> int:
    if args.title is not None and len(args.files) > 1:
        raise UsageError("--title can only be given with one FILE")
    total = len(args.files)
    progress = total > 1 and sys.stderr.isatty()
    failed = 0
    with _open(args) as project:
        for number, file in enumerate(args.files, start=1):
            if progress:
                _say(f"[{number}/{total}] {file}")
            try:
                kind = interchange_kind(file) if Path(file).is_file() else None
                if kind is not None:
                    _import_annotations(project, file, kind)
                    continue
                result = project.import_file(file, title=args.title)
            except ImportFailed as err:
                _say(f"{PROG}: {file}: {err.reason}")
                failed += 1
                continue
            except GlossaError as err:
                _say(f"{PROG}: {file}: {err}")
                failed += 1
                continue
            for warning in result.warnings:
                _say(f"{file}: warning: {warning}")
            if result.duplicate:
                _say(f"{file}: already in the project")
            print(f"{result.document.id}\t{_cell(result.document.title)}", flush=True)
    return 1 if failed else 0


def _cmd_docs(args: argparse.Namespace) -> int:
    with _open(args) as project:
        documents = project.documents()
    if args.json:
        print_json_array(
            {"id": d.id, "title": d.title, "format": d.format, "language": d.language,
             "chars": d.chars, "annotations": d.annotation_count}
            for d in documents
        )
        return 0
    if not documents:
        _say("no documents yet; add some with: glossa import PROJECT FILE...")
        return 0
    short = _short_ids(d.id for d in documents)
    _print_table(
        ("ID", "TITLE", "FORMAT", "LANG", "CHARS", "ANNOTATIONS"),
        [(short[d.id], _cell(d.title, TEXT_COLUMN), d.format, d.language, str(d.chars),
          str(d.annotation_count)) for d in documents],
        right=frozenset({4, 5}),
    )
    return 0


def _cmd_text(args: argparse.Namespace) -> int:
    with _open(args) as project:
        text = project.text(project.resolve_document(args.doc))
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


def _check_attributes(path: str, specs: Sequence[str], attributes: dict[str, str]) -> None:
    """Refuse attribute names the tag does not define: a typo would be stored silently."""
    unknown = sorted(set(attributes) - set(specs))
    if not unknown:
        return
    if not specs:
        raise InvalidValue(f"tag {path!r} takes no attributes (got {unknown[0]!r})")
    raise InvalidValue(
        f"tag {path!r} has no attribute {unknown[0]!r} (it has: {', '.join(specs)})"
    )


def _cmd_tag(args: argparse.Namespace) -> int:
    if args.occurrence is not None and args.quote is None:
        raise UsageError("--occurrence goes with --quote")
    attributes: dict[str, str] = {}
    for key, value in args.attr or ():
        if key in attributes:
            raise UsageError(f"attribute {key!r} is given twice")
        attributes[key] = value
    with _open(args) as project:
        doc_id = project.resolve_document(args.doc)
        text = project.text(doc_id)
        codebook = project.codebook()
        tag = codebook.find(args.tag)
        codebook.check_taggable(tag.id)
        specs = [spec.name for spec in codebook.attribute_specs(tag.id)]
        _check_attributes(codebook.path(tag.id), specs, attributes)
        if args.span is not None:
            start, end = args.span
            check_span(text, start, end)
        else:
            start, end = locate_quote(text, args.quote, args.occurrence or 1)
        annotation = project.annotate(doc_id, start, end, tag.id, attributes=attributes,
                                      note=args.note or "", author=args.author)
    print(annotation.id)
    return 0


def _cmd_annotations(args: argparse.Namespace) -> int:
    with _open(args) as project:
        documents = selected_documents(project, None if args.doc is None else [args.doc])
        tag_ids = tag_filter(project, args.tag)
        codebook = project.codebook()

        def found() -> Iterator[tuple[Annotation, str]]:
            for document, annotations in annotations_by_document(
                project, documents, tag_ids=tag_ids, author=args.author
            ):
                if annotations:
                    text = project.text(document.id)
                    for a in annotations:
                        yield a, text

        if args.json:
            print_json_array(annotation_json(a, text, codebook.path(a.tag_id))
                              for a, text in found())
            return 0
        short = _short_ids(d.id for d in project.documents())
        rows = [
            (a.id[:SHORT_ID], short[a.document_id], str(a.start), str(a.end),
             codebook.path(a.tag_id), _cell(a.author, 20), a.status.value,
             _cell(passage(text, a), TEXT_COLUMN))
            for a, text in found()
        ]
    if not rows:
        _say("no annotations match")
        return 0
    _print_table(("ID", "DOC", "START", "END", "TAG", "AUTHOR", "STATUS", "TEXT"), rows,
                 right=frozenset({2, 3}))
    return 0


def _tree(project: Project) -> list[Tag]:
    """Live tags depth first, as the codebook panel shows them."""
    codebook = project.codebook()
    ordered: list[Tag] = []
    stack = list(reversed(codebook.children(None)))
    while stack:
        tag = stack.pop()
        ordered.append(tag)
        stack.extend(reversed(codebook.children(tag.id)))
    return ordered


def _cmd_tags(args: argparse.Namespace) -> int:
    with _open(args) as project:
        tags = _tree(project)
        codebook = project.codebook()
        counts = project.store.tags.usage_counts()
    rows = [(codebook.path(t.id), t.key, t.color, t.kind.value, counts.get(t.id, 0))
            for t in tags]
    if args.json:
        print_json_array(
            {"id": t.id, "path": path, "key": key, "color": color, "kind": kind, "count": count}
            for t, (path, key, color, kind, count) in zip(tags, rows, strict=True)
        )
        return 0
    _print_table(("PATH", "KEY", "COLOUR", "KIND", "COUNT"),
                 [(_cell(path), key, color, kind, str(count))
                  for path, key, color, kind, count in rows],
                 right=frozenset({4}))
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    if not re.search(r"\w", args.query):
        raise InvalidValue(f"nothing to search for in {args.query!r}; give a word")
    with _open(args) as project:
        hits = project.search(args.query)
        short = _short_ids(d.id for d in project.documents())
    if args.json:
        print_json_array(
            {"kind": h.kind, "doc": h.document_id, "title": h.title, "snippet": h.snippet,
             "annotation": h.annotation_id or None,
             "start": h.start if h.start >= 0 else None, "end": h.end if h.end >= 0 else None}
            for h in hits
        )
        return 0
    if not hits:
        _say(f"nothing matches {args.query!r}")
        return 0
    _print_table(("KIND", "DOC", "TITLE", "MATCH"),
                 [(h.kind, short.get(h.document_id, h.document_id[:SHORT_ID]),
                   _cell(h.title, 40), _cell(h.snippet, 2 * TEXT_COLUMN)) for h in hits])
    return 0


def _cmd_merge(args: argparse.Namespace) -> int:
    from core.review.merge import merge_file

    kind = interchange_kind(args.other) if Path(args.other).is_file() else None
    with _open(args) as project:
        if kind in ("w3c", "qdpx"):  # no documents or codebook to merge: placed onto ours
            _import_annotations(project, args.other, kind)
            return 0
        report = merge_file(project, args.other)
    for item in report.unplaced:
        _say(f"not placed: {item.annotation_id} in {item.document_title!r} "
             f"({_cell(item.exact, 40)}): {item.reason}")
    print(report.summary())
    return 0


def _cmd_agreement(args: argparse.Namespace) -> int:
    from core.review.agreement import agreement, alpha_among

    among = args.among is not None
    analysts: list[str] = args.among if among else args.between
    if len(analysts) < 2 or len(set(analysts)) < len(analysts):
        raise UsageError(f"--{'among' if among else 'between'} needs two or more "
                         "different analysts")
    with _open(args) as project:
        if among:
            alpha = alpha_among(project, analysts, unit=args.unit)
            pairs = [(a, b, agreement(project, a, b, unit=args.unit).to_json())
                     for a, b in itertools.combinations(analysts, 2)]
        else:
            figures = agreement(project, analysts[0], analysts[1], unit=args.unit).to_json()
    if among:
        return _print_alpha_among(analysts, alpha, pairs, as_json=args.json)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2, allow_nan=False))
        return 0
    exact, overlap = figures["f1"]["exact"], figures["f1"]["overlap"]
    names = ["overall", *sorted(k for k in figures["kappa"] if k != "overall")]
    _print_table(("TAG", "KAPPA", "ALPHA", "F1 EXACT", "F1 OVERLAP"),
                 [(name, _figure(figures["kappa"].get(name)), _figure(figures["alpha"].get(name)),
                   _figure(exact.get(name)), _figure(overlap.get(name))) for name in names])
    return 0


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _print_alpha_among(analysts: list[str], among: dict[str, float | None],
                       pairs: list[tuple[str, str, dict[str, Any]]], *, as_json: bool) -> int:
    """Alpha among the analysts per tag, then each pair's overall figures (to see whose
    coding stands apart)."""
    def overall(figures: dict[str, Any]) -> dict[str, float | None]:
        return {"kappa": figures["kappa"]["overall"], "alpha": figures["alpha"]["overall"],
                "f1_exact": figures["f1"]["exact"]["overall"],
                "f1_overlap": figures["f1"]["overlap"]["overall"]}

    if as_json:
        print(json.dumps({"analysts": analysts, "alpha": among,
                          "pairs": [{"between": [a, b], **overall(f)} for a, b, f in pairs]},
                         ensure_ascii=False, indent=2, allow_nan=False))
        return 0
    names = ["overall", *sorted(k for k in among if k != "overall")]
    _print_table(("TAG", f"ALPHA ({len(analysts)} ANALYSTS)"),
                 [(name, _figure(among[name])) for name in names])
    print()
    _print_table(("A", "B", "KAPPA", "ALPHA", "F1 EXACT", "F1 OVERLAP"),
                 [(a, b, *(_figure(v) for v in overall(f).values())) for a, b, f in pairs])
    return 0


ReportFormat = Literal["html", "pdf", "csv"]
_REPORT_FORMATS: dict[str, ReportFormat] = {
    "html": "html", "htm": "html", "pdf": "pdf", "csv": "csv",
}


def _report_format(out: str, given: str | None) -> ReportFormat:
    """The agreement report's format: ``--format``, else the extension of ``--out``."""
    key = given if given is not None else Path(out).suffix.lower().lstrip(".")
    found = _REPORT_FORMATS.get(key)
    if found is None:
        raise UsageError(f"cannot tell the report format from {out!r}; "
                         "name it .html, .pdf or .csv, or give --format")
    return found


def _cmd_agreement_report(args: argparse.Namespace) -> int:
    from core.exporters.agreement_report import export_agreement_report

    fmt = _report_format(args.out, args.format)
    with _open(args) as project:
        count = export_agreement_report(
            project, args.out, analyst_a=args.between[0], analyst_b=args.between[1],
            fmt=fmt, unit=args.unit, document_ids=args.doc,
        )
    print(f"agreement report ({count} disagreement{'' if count == 1 else 's'}) "
          f"written to {args.out}")
    return 0


def _disagreement_json(item: Any, text: str) -> dict[str, Any]:
    from core.review.adjudication import describe_decision

    decision = item.decision
    return {
        "id": item.id, "kind": item.kind.value, "doc": item.document_id, "start": item.start,
        "end": item.end, "text": text[item.start:item.end],
        "a": {"analyst": item.analyst_a, "tag": item.tag_a,
              "annotations": list(item.annotations_a)},
        "b": {"analyst": item.analyst_b, "tag": item.tag_b,
              "annotations": list(item.annotations_b)},
        "attributes": list(item.attributes), "ordinal_distance": item.ordinal_distance,
        "summary": item.summary,
        "decision": None if decision is None else {
            "id": decision.id, "action": item.decided.value,
            "comment": decision.comment, "decided_by": decision.decided_by,
            "decided_at": decision.decided_at,
            "created_annotations": list(decision.created_annotations),
            "description": describe_decision(decision, item),
        },
    }


def _cmd_review(args: argparse.Namespace) -> int:
    from core.review.disagreements import find_all_disagreements

    with _open(args) as project:
        items = find_all_disagreements(project, args.between[0], args.between[1],
                                       document_ids=None if args.doc is None else [args.doc])
        texts = {doc_id: project.text(doc_id) for doc_id in {d.document_id for d in items}}
        short_docs = _short_ids(d.id for d in project.documents())
    if args.json:
        print_json_array(_disagreement_json(d, texts[d.document_id]) for d in items)
        return 0
    if not items:
        _say(f"no disagreements: {args.between[0]} and {args.between[1]} agree "
             "on every passage compared")
        return 0
    short = _short_ids(d.id for d in items)
    _print_table(
        ("ID", "DOC", "START", "END", "KIND", "DECISION", "TEXT", "WHAT DIFFERS"),
        [(short[d.id], short_docs.get(d.document_id, d.document_id[:SHORT_ID]), str(d.start),
          str(d.end), d.kind.value.replace("_", " "),
          "–" if d.decided is None else d.decided.value.replace("_", "-"),
          _cell(texts[d.document_id][d.start:d.end], 40), _cell(d.summary, 2 * TEXT_COLUMN))
         for d in items],
        right=frozenset({2, 3}),
    )
    return 0


DECISIONS = ("accept-a", "accept-b", "accept-both", "reject", "comment")


def _cmd_decide(args: argparse.Namespace) -> int:
    from core.review.adjudication import decide, describe_decision, resolve_disagreement

    between = None if args.between is None else (args.between[0], args.between[1])
    with Project.open(args.project, author=args.author) as project:
        item = resolve_disagreement(project, args.disagreement, between)
        command = decide(project, item, args.action, comment=args.comment or "")
    assert command.decision is not None
    print(f"{item.id}\t{item.summary}")
    print(f"{command.decision.id}\t{describe_decision(command.decision, item)}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from core.exporters import ExportScope
    from core.exporters.registry import export_with_notes

    options: dict[str, Any] = {}
    if args.positions is not None:
        if args.format != "qdpx":
            raise UsageError("--positions goes with --format qdpx")
        options["positions"] = args.positions
    scope = ExportScope(documents=tuple(args.doc) if args.doc else None, tag=args.tag,
                        author=args.author, status=args.status)
    with _open(args) as project:
        outcome = export_with_notes(project, args.format, args.out, scope=scope, **options)
    count = outcome.count
    for note in outcome.notes:  # what could not be placed is said, never dropped
        _say(f"note: {note}")
    print(f"{count} annotation{'' if count == 1 else 's'} exported to {args.out}")
    return 0


# --- parser ---------------------------------------------------------------------------

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Annotate news articles from the command line: import documents, "
                    "tag passages, list, search and export.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser)

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        sub.add_argument("project", metavar="PROJECT", help="the .glossa project file")
        return sub

    def json_flag(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--json", action="store_true", help="print JSON instead of a table")

    command("new", _cmd_new, "create a project with the default codebook")

    sub = command("import", _cmd_import,
                  "import documents (text, Markdown, HTML, PDF, EPUB) or annotation data "
                  "(a Glossa JSON export, W3C JSON-LD, REFI-QDA .qdpx)")
    sub.add_argument("files", metavar="FILE", nargs="+", help="files to import")
    sub.add_argument("--title", type=_name, help="title for the document (one FILE only)")

    json_flag(command("docs", _cmd_docs, "list the documents"))

    sub = command("text", _cmd_text, "print a document's stored text (UTF-8, as stored)")
    sub.add_argument("doc", metavar="DOC", help="document id or a unique prefix of it")

    sub = command("tag", _cmd_tag, "tag a passage of a document")
    sub.add_argument("doc", metavar="DOC", help="document id or a unique prefix of it")
    sub.add_argument("tag", metavar="TAG", type=_name,
                     help='tag path or name, e.g. "Quote" or "Tone/Conciliatory"')
    where = sub.add_mutually_exclusive_group(required=True)
    where.add_argument("--span", nargs=2, type=_offset, metavar=("START", "END"),
                       help="code-point offsets of the passage (end exclusive)")
    where.add_argument("--quote", type=_text, metavar="TEXT", help="the passage's exact text")
    sub.add_argument("--occurrence", type=_positive, metavar="N",
                     help="with --quote: tag the N-th occurrence (default 1)")
    sub.add_argument("--attr", type=_attribute, action="append", metavar="KEY=VALUE",
                     help="an attribute, e.g. speaker=Baerbock (repeatable)")
    sub.add_argument("--note", type=_text, metavar="TEXT", help="a note on the annotation")
    sub.add_argument("--author", type=_name, metavar="NAME",
                     help="annotator (default: $GLOSSA_AUTHOR or your login name)")

    sub = command("annotations", _cmd_annotations, "list annotations")
    sub.add_argument("--doc", metavar="DOC", help="only this document")
    sub.add_argument("--tag", type=_name, help="only this tag (and tags nested in it)")
    sub.add_argument("--author", type=_name, metavar="NAME", help="only this annotator's")
    json_flag(sub)

    sub = command("suggest", cmd_suggest,
                  "propose quotes (with speakers) and sources in a document, for review")
    sub.add_argument("doc", metavar="DOC", help="document id or a unique prefix of it")
    sub.add_argument("--accept", action="store_true", help="accept them at once")
    json_flag(sub)

    json_flag(command("tags", _cmd_tags, "show the codebook with usage counts"))

    sub = command("search", _cmd_search, "full-text search over texts, titles and notes")
    sub.add_argument("query", metavar="QUERY", type=_text,
                     help="words that must all occur; end a word with * for a prefix")
    json_flag(sub)

    sub = command("merge", _cmd_merge,
                  "merge a colleague's project (.glossa) or export (Glossa JSON, W3C "
                  "JSON-LD, REFI-QDA .qdpx) into this one")
    sub.add_argument("other", metavar="OTHER", help="the colleague's project or export")

    sub = command("agreement", _cmd_agreement,
                  "agreement between two analysts: kappa, alpha and span F1 per tag "
                  "(alpha among three or more)")
    who = sub.add_mutually_exclusive_group(required=True)
    who.add_argument("--between", nargs=2, metavar=("A", "B"), type=_name,
                     help="the two analysts' names")
    who.add_argument("--among", nargs="+", metavar="ANALYST", type=_name,
                     help="two or more analysts (after PROJECT): alpha among them all, "
                     "then each pair's overall figures")
    sub.add_argument("--unit", choices=("sentence", "char"), default="sentence",
                     help="units for kappa and alpha (default: sentence)")
    json_flag(sub)

    sub = command("agreement-report", _cmd_agreement_report,
                  "write an agreement report (figures, confusion matrix, disagreements) "
                  "as HTML, PDF or CSV")
    sub.add_argument("--between", nargs=2, metavar=("A", "B"), type=_name, required=True,
                     help="the two analysts' names")
    sub.add_argument("--out", metavar="PATH", required=True,
                     help="file to write; .html, .pdf or .csv chooses the format")
    sub.add_argument("--format", choices=("html", "pdf", "csv"),
                     help="the format, when the file name does not tell")
    sub.add_argument("--unit", choices=("sentence", "char"), default="sentence",
                     help="units for kappa, alpha and the confusion matrix (default: sentence)")
    sub.add_argument("--doc", metavar="DOC", action="append",
                     help="only this document (repeatable)")

    sub = command("review", _cmd_review,
                  "list the disagreements between two analysts, with their decisions")
    sub.add_argument("--between", nargs=2, metavar=("A", "B"), type=_name, required=True,
                     help="the two analysts' names")
    sub.add_argument("--doc", metavar="DOC", help="only this document")
    json_flag(sub)

    sub = command("decide", _cmd_decide,
                  "decide a disagreement: the outcome goes into the Adjudicated layer")
    sub.add_argument("disagreement", metavar="DISAGREEMENT_ID",
                     help="a disagreement id from glossa review, or a unique prefix of it")
    sub.add_argument("action", choices=DECISIONS,
                     help="accept A's or B's annotation, both, reject both, or only comment")
    sub.add_argument("--comment", type=_text, metavar="TEXT", help="why (required for comment)")
    sub.add_argument("--author", type=_name, metavar="NAME",
                     help="who decides (default: $GLOSSA_AUTHOR or your login name)")
    sub.add_argument("--between", nargs=2, metavar=("A", "B"), type=_name,
                     help="only look among these two analysts' disagreements (faster)")

    sub = command("export", _cmd_export, "export annotations or the whole project")
    sub.add_argument("--format", choices=tuple(FORMATS), required=True,
                     help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()))
    sub.add_argument("--out", metavar="PATH", required=True, help="file to write")
    sub.add_argument("--doc", metavar="DOC", action="append",
                     help="only this document (repeatable)")
    sub.add_argument("--tag", metavar="T", type=_name, help="only this tag (and nested tags)")
    sub.add_argument("--author", metavar="A", type=_name,
                     help="only this annotator's (or layer's, e.g. Adjudicated)")
    sub.add_argument("--status", choices=tuple(s.value for s in Status),
                     help="only annotations with this status")
    sub.add_argument("--positions", choices=("codepoints", "utf16"),
                     help="qdpx only: count positions in code points (the standard's "
                          "characters; default) or in UTF-16 units (what QualCoder counts)")
    return parser


def subcommands() -> list[str]:
    """The subcommand names, in the order ``--help`` lists them (the README test uses it)."""
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _os_message(err: OSError) -> str:
    reason = err.strerror or str(err)
    return f"{err.filename}: {reason}" if err.filename else reason


def _silence_stdout() -> None:
    """After a closed pipe (``glossa docs p | head``), drop further output quietly."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    """Run one ``glossa`` command; return the exit status (0 ok, 1 bad input, 2 bad usage)."""
    _use_utf8_output()
    try:
        args = build_parser().parse_args(argv)
        handler: Handler = args.handler
        return handler(args)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except UsageError as err:
        _say(f"{PROG}: {err}")
        return 2
    except GlossaError as err:
        _say(f"{PROG}: {err}")
        return 1
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except OSError as err:
        _say(f"{PROG}: {_os_message(err)}")
        return 1
    except sqlite3.Error as err:
        _say(f"{PROG}: the project file could not be read or written ({err})")
        return 1
    except UnicodeError as err:
        _say(f"{PROG}: text could not be converted ({err})")
        return 1
    except KeyboardInterrupt:
        _say(f"{PROG}: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
