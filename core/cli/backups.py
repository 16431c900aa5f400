"""``glossa backup``, ``glossa backups`` and ``glossa restore``: the project's safety copies.

Restore does not open the project as a project: it must work when the file is damaged,
and it must refuse while any program (this one included) has it open.
"""

from __future__ import annotations

import argparse
import json

from core.backups import list_backups, restore
from core.cli.common import print_table, say
from core.i18n import _, moment, number
from core.labels import backup_kind_label
from core.project import Project


def cmd_backup(args: argparse.Namespace) -> int:
    with Project.open(args.project, rolling_backup=False) as project:
        target = project.backup(args.to)
    print(target)
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    found = list_backups(args.project)
    if args.json:
        print(json.dumps([{
            "path": str(b.path), "taken": b.taken.isoformat(timespec="seconds"),
            "kind": b.kind.value, "bytes": b.size, "annotations": b.annotations,
            "schema_version": b.schema_version, "problem": b.problem or None,
        } for b in found], ensure_ascii=False, indent=2))
        return 0
    rows = [[moment(b.taken.astimezone()), backup_kind_label(b.kind.value),
             "–" if b.annotations is None else number(b.annotations),
             b.problem or str(b.path)] for b in found]
    print_table([_("TAKEN"), _("KIND"), _("ANNOTATIONS"), _("FILE")], rows, right=frozenset({2}))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    kept = restore(args.project, args.backup)
    say(_("restored %(project)s from %(backup)s; the project as it was is kept as %(kept)s")
        % {"project": args.project, "backup": args.backup, "kept": kept})
    return 0
