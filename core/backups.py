"""Backups of a project: where they live, how many are kept, listing and restoring them.

Backups live in a folder beside the project, ``study.glossa-backups/``, rather than in the
user's data folder: they move, sync and get archived with the project they belong to,
an analyst finds them without knowing where an OS keeps application data, and they stay
on the project's file system, so a restore is one atomic rename. (The price: they take
space where the project is; ``KEEP_ROLLING`` bounds it.)

Opening a project takes a *rolling* backup at most once per calendar day, so opening
stays fast all day and the last ``KEEP_ROLLING`` days of work survive a bad edit, a
botched merge or a damaged file. It never waits for a locked file and never stops the
project from opening: if it cannot be taken, opening goes on without it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from core.errors import GlossaError, ProjectError
from core.i18n import _
from core.store import Store
from core.store import backups as files
from core.store.copying import SourceBusy

#: Rolling backups kept per project: about a working week of days the project was opened.
KEEP_ROLLING = 5
FOLDER_SUFFIX = "-backups"
_STAMP = "%Y-%m-%dT%H%M%SZ"


class BackupKind(StrEnum):
    ROLLING = "auto"  # taken on open, rotated
    MANUAL = "manual"  # glossa backup, kept until deleted
    BEFORE_RESTORE = "before-restore"  # the project as it was before a restore replaced it
    BEFORE_UPGRADE = "before-upgrade"  # study.glossa.v3.bak, kept by a schema upgrade


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file, as File › Restore lists it; ``problem`` says why it cannot be used."""

    path: Path
    taken: datetime  # UTC
    kind: BackupKind
    size: int
    annotations: int | None = None
    schema_version: int | None = None
    problem: str = ""


def backup_folder(project: Path) -> Path:
    return project.with_name(project.name + FOLDER_SUFFIX)


def _pattern(project: Path) -> re.Pattern[str]:
    kinds = "|".join(re.escape(k.value) for k in BackupKind)
    return re.compile(rf"^{re.escape(project.stem)}\.(\d{{4}}-\d\d-\d\dT\d{{6}}Z)(?:-\d+)?"
                      rf"\.({kinds})\.glossa$")


def new_backup_path(project: Path, kind: BackupKind, folder: Path | None = None,
                    now: datetime | None = None) -> Path:
    """``study.2026-12-05T093000Z.auto.glossa`` in the backup folder; never an existing name."""
    folder = backup_folder(project) if folder is None else folder
    stamp = (now or datetime.now(UTC)).strftime(_STAMP)
    number = 1
    while True:
        extra = "" if number == 1 else f"-{number}"
        candidate = folder / f"{project.stem}.{stamp}{extra}.{kind.value}.glossa"
        if not candidate.exists():
            return candidate
        number += 1


def _found(project: Path) -> list[tuple[Path, datetime, BackupKind]]:
    found = []
    folder = backup_folder(project)
    pattern = _pattern(project)
    if folder.is_dir():
        for path in folder.iterdir():
            match = pattern.match(path.name)
            if match:
                taken = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
                found.append((path, taken, BackupKind(match[2])))
    for path in project.parent.glob(f"{project.name}.v*.bak"):
        found.append((path, datetime.fromtimestamp(path.stat().st_mtime, UTC),
                      BackupKind.BEFORE_UPGRADE))
    return sorted(found, key=lambda f: (f[1], f[0].name), reverse=True)


def list_backups(project: str | Path) -> list[Backup]:
    """Every backup of ``project``, newest first, with what each holds."""
    listed = []
    for path, taken, kind in _found(Path(project)):
        try:
            facts = files.facts(path)
        except GlossaError as err:
            listed.append(Backup(path, taken, kind, path.stat().st_size, problem=str(err)))
            continue
        listed.append(Backup(path, taken, kind, path.stat().st_size, facts.annotations,
                             facts.schema_version))
    return listed


def rolling_backup_due(project: Path, now: datetime | None = None) -> bool:
    """No rolling backup has been taken today (the analyst's local day)."""
    today = (now or datetime.now(UTC)).astimezone().date()
    return not any(kind is BackupKind.ROLLING and taken.astimezone().date() == today
                   for _, taken, kind in _found(project))


def take_rolling_backup(store: Store) -> Path | None:
    """A rolling backup of the open project if one is due, the oldest beyond
    ``KEEP_ROLLING`` removed; None when none was due or it could not be taken."""
    if store.read_only or not rolling_backup_due(store.path):
        return None
    target = new_backup_path(store.path, BackupKind.ROLLING)
    try:
        target.parent.mkdir(exist_ok=True)
        store.copy_to(target, wait=False)
    except (SourceBusy, ProjectError, OSError):
        return None  # a locked file, a read-only folder, a full disk: open without it
    rolling = [p for p, _, kind in _found(store.path) if kind is BackupKind.ROLLING]
    for old in rolling[KEEP_ROLLING:]:
        old.unlink(missing_ok=True)
    return target


def take_backup(store: Store, to: str | Path | None = None) -> Path:
    """A backup now (``glossa backup``): into the backup folder, or to ``to`` (a file that
    must not exist yet, or a folder to put it in)."""
    if to is None:
        target = new_backup_path(store.path, BackupKind.MANUAL)
        target.parent.mkdir(exist_ok=True)
    else:
        target = Path(to)
        if target.is_dir():
            target = new_backup_path(store.path, BackupKind.MANUAL, folder=target)
        elif target.exists():
            raise ProjectError(_("%(name)s: already exists (a backup never replaces a file)")
                               % {"name": target.name})
    store.copy_to(target)
    return target


def restore(project: str | Path, backup: str | Path) -> Path:
    """Put ``backup`` in place of ``project`` (which must not be open anywhere, this
    process included); return where the project as it was is kept.

    The backup is checked first (a Glossa file, whole by ``integrity_check``), then the
    project is copied into the backup folder, then the backup replaces it in one rename.
    Any refusal leaves the project as it was.
    """
    project, backup = Path(project), Path(backup)
    if not backup.is_file():
        raise ProjectError(_("%(name)s: does not exist") % {"name": backup.name})
    if not project.is_file():
        raise ProjectError(_("%(name)s: does not exist") % {"name": project.name})
    if backup.resolve() == project.resolve():
        raise ProjectError(_("%(name)s: is the project itself, not a backup of it")
                           % {"name": backup.name})
    files.check_whole(backup)
    kept = new_backup_path(project, BackupKind.BEFORE_RESTORE)
    with files.sole_user(project) as held:
        try:
            kept.parent.mkdir(exist_ok=True)
            files.keep_copy(project, held, kept)
        except (OSError, sqlite3.Error) as err:
            raise ProjectError(_("%(name)s: could not keep a copy of it before restoring "
                                 "(%(err)s); nothing was restored")
                               % {"name": project.name, "err": err}) from err
        files.put_in_place(backup, project)
    return kept
