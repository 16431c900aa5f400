"""``glossa`` commands for reviewing two analysts: agreement, agreement-report,
review, decide."""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any, Literal

from core.cli.common import (
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
from core.i18n import _, ngettext, number
from core.labels import disagreement_kind_label
from core.project import Project


def cmd_agreement(args: argparse.Namespace) -> int:
    from core.review.agreement import agreement, alpha_among

    among = args.among is not None
    analysts: list[str] = args.among if among else args.between
    if len(analysts) < 2 or len(set(analysts)) < len(analysts):
        raise UsageError(_("%(option)s needs two or more different analysts")
                         % {"option": "--among" if among else "--between"})
    with open_project(args) as project:
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
    print_table((_("TAG"), _("KAPPA"), _("ALPHA"), _("F1 EXACT"), _("F1 OVERLAP")),
                 [(_tag_name(name), _figure(figures["kappa"].get(name)),
                   _figure(figures["alpha"].get(name)), _figure(exact.get(name)),
                   _figure(overlap.get(name))) for name in names],
                 right=frozenset({1, 2, 3, 4}))
    return 0


def _figure(value: float | None) -> str:
    return "–" if value is None else number(value, 3)


def _tag_name(name: str) -> str:
    """A tag's path; the row of all tags together, "overall", in the language in use."""
    return _("overall") if name == "overall" else name


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
    print_table((_("TAG"), _("ALPHA (%(n)s ANALYSTS)") % {"n": len(analysts)}),
                 [(_tag_name(name), _figure(among[name])) for name in names],
                 right=frozenset({1}))
    print()
    print_table(("A", "B", _("KAPPA"), _("ALPHA"), _("F1 EXACT"), _("F1 OVERLAP")),
                 [(a, b, *(_figure(v) for v in overall(f).values())) for a, b, f in pairs],
                 right=frozenset({2, 3, 4, 5}))
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
        raise UsageError(_("cannot tell the report format from %(path)r; name it .html, .pdf "
                           "or .csv, or give --format") % {"path": out})
    return found


def cmd_agreement_report(args: argparse.Namespace) -> int:
    from core.exporters.agreement_report import export_agreement_report

    fmt = _report_format(args.out, args.format)
    with open_project(args) as project:
        count = export_agreement_report(
            project, args.out, analyst_a=args.between[0], analyst_b=args.between[1],
            fmt=fmt, unit=args.unit, document_ids=args.doc,
        )
    print(ngettext("agreement report (%(n)s disagreement) written to %(path)s",
                   "agreement report (%(n)s disagreements) written to %(path)s", count)
          % {"n": count, "path": args.out})
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


def cmd_review(args: argparse.Namespace) -> int:
    from core.review.disagreements import find_all_disagreements

    with open_project(args) as project:
        items = find_all_disagreements(project, args.between[0], args.between[1],
                                       document_ids=None if args.doc is None else [args.doc])
        texts = {doc_id: project.text(doc_id) for doc_id in {d.document_id for d in items}}
        short_docs = short_ids(d.id for d in project.documents())
    if args.json:
        print_json_array(_disagreement_json(d, texts[d.document_id]) for d in items)
        return 0
    if not items:
        say(_("no disagreements: %(a)s and %(b)s agree on every passage compared")
            % {"a": args.between[0], "b": args.between[1]})
        return 0
    short = short_ids(d.id for d in items)
    print_table(
        (_("ID"), _("DOC"), _("START"), _("END"), _("KIND"), _("DECISION"), _("TEXT"),
         _("WHAT DIFFERS")),
        [(short[d.id], short_docs.get(d.document_id, d.document_id[:SHORT_ID]), str(d.start),
          str(d.end), disagreement_kind_label(d.kind, (args.between[0], args.between[1])),
          "–" if d.decided is None else d.decided.value.replace("_", "-"),
          cell(texts[d.document_id][d.start:d.end], 40), cell(d.summary, 2 * TEXT_COLUMN))
         for d in items],
        right=frozenset({2, 3}),
    )
    return 0


DECISIONS = ("accept-a", "accept-b", "accept-both", "reject", "comment")


def cmd_decide(args: argparse.Namespace) -> int:
    from core.review.adjudication import decide, describe_decision, resolve_disagreement

    between = None if args.between is None else (args.between[0], args.between[1])
    with Project.open(args.project, author=args.author) as project:
        item = resolve_disagreement(project, args.disagreement, between)
        command = decide(project, item, args.action, comment=args.comment or "")
    assert command.decision is not None
    print(f"{item.id}\t{item.summary}")
    print(f"{command.decision.id}\t{describe_decision(command.decision, item)}")
    return 0
