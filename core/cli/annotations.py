"""``glossa`` commands about annotations and the codebook: tag, annotations, tags."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence

from core.anchoring import check_span, locate_quote
from core.cli.common import (
    SHORT_ID,
    TEXT_COLUMN,
    UsageError,
    annotation_json,
    cell,
    open_project,
    passage_of,
    print_json_array,
    print_table,
    say,
    short_ids,
)
from core.errors import DamagedProject, InvalidValue
from core.exporters import annotations_by_document, selected_documents, tag_filter
from core.i18n import _
from core.labels import status_label, tag_kind_label
from core.model import Annotation, Tag
from core.project import Project


def _check_attributes(path: str, specs: Sequence[str], attributes: dict[str, str]) -> None:
    """Refuse attribute names the tag does not define: a typo would be stored silently."""
    unknown = sorted(set(attributes) - set(specs))
    if not unknown:
        return
    if not specs:
        raise InvalidValue(_("tag %(tag)r takes no attributes (got %(name)r)")
                           % {"tag": path, "name": unknown[0]})
    raise InvalidValue(_("tag %(tag)r has no attribute %(name)r (it has: %(names)s)")
                       % {"tag": path, "name": unknown[0], "names": ", ".join(specs)})


def cmd_tag(args: argparse.Namespace) -> int:
    if args.occurrence is not None and args.quote is None:
        raise UsageError(_("--occurrence goes with --quote"))
    attributes: dict[str, str] = {}
    for key, value in args.attr or ():
        if key in attributes:
            raise UsageError(_("attribute %(name)r is given twice") % {"name": key})
        attributes[key] = value
    with open_project(args) as project:
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


def cmd_annotations(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        documents = selected_documents(project, None if args.doc is None else [args.doc])
        tag_ids = tag_filter(project, args.tag)
        codebook = project.codebook()
        known_tags = {t.id for t in project.store.tags.all()}  # tombstones too

        def found() -> Iterator[tuple[Annotation, str]]:
            for document, annotations in annotations_by_document(
                project, documents, tag_ids=tag_ids, author=args.author
            ):
                if annotations:
                    text = project.text(document.id)
                    for a in annotations:
                        if a.tag_id not in known_tags:
                            raise DamagedProject(
                                _("annotation %(id)s is damaged (its tag %(tag)r is not in "
                                  "the project)") % {"id": a.id, "tag": a.tag_id[:40]})
                        yield a, text

        if args.json:
            print_json_array(annotation_json(a, text, codebook.path(a.tag_id))
                              for a, text in found())
            return 0
        short = short_ids(d.id for d in project.documents())
        rows = [
            (a.id[:SHORT_ID], short[a.document_id], str(a.start), str(a.end),
             codebook.path(a.tag_id), cell(a.author, 20), status_label(a.status),
             cell(passage_of(text, a), TEXT_COLUMN))
            for a, text in found()
        ]
    if not rows:
        say(_("no annotations match"))
        return 0
    print_table((_("ID"), _("DOC"), _("START"), _("END"), _("TAG"), _("AUTHOR"), _("STATUS"),
                 _("TEXT")), rows,
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


def cmd_tags(args: argparse.Namespace) -> int:
    with open_project(args) as project:
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
    print_table((_("PATH"), _("KEY"), _("COLOUR"), _("KIND"), _("COUNT")),
                 [(cell(path), key, color, tag_kind_label(kind), str(count))
                  for path, key, color, kind, count in rows],
                 right=frozenset({4}))
    return 0
