"""Named exceptions, so callers (CLI, GUI) can turn each into one clear message."""

from __future__ import annotations

from pathlib import Path


class GlossaError(Exception):
    """Base of every error Glossa reports to a user; ``str(err)`` is the message."""


class ProjectError(GlossaError):
    """A project file cannot be created, opened or written."""


class NotAGlossaProject(ProjectError):
    """The file exists but is not a Glossa project (foreign or damaged)."""


class DamagedProject(ProjectError):
    """A row of the project cannot be read back (edited or corrupted outside Glossa)."""


class ForeignSchema(ProjectError):
    """A Glossa project holding tables, views, triggers or indexes Glossa did not create."""


class UnsupportedSchemaVersion(ProjectError):
    """The project was written by a newer (or unknown) Glossa."""


class ReadOnlyProject(ProjectError):
    """A write was attempted on a project opened read-only."""


class FileNotWritable(ProjectError):
    """The project file (or its folder) may not be written: permissions or a read-only disk."""


class DiskFull(ProjectError):
    """The disk holding the project is full; the change that needed the space was undone."""


class ProjectFileGone(ProjectError):
    """The project file was deleted or moved while open; what is open can still be copied."""


class ProjectInUse(ProjectError):
    """Another program has the project open, so its file cannot be replaced now."""


class NotFound(GlossaError):
    """A document, tag or annotation that was asked for does not exist."""


class Ambiguous(GlossaError):
    """A prefix or name matches more than one thing."""


class InvalidSpan(GlossaError):
    """Offsets that do not lie inside the document's text."""


class InvalidValue(GlossaError):
    """A value (colour, key, attribute, name) that Glossa cannot accept."""


class CannotPlace(GlossaError):
    """Annotations would not land on their own text after a change; nothing was changed."""


class ExportCancelled(GlossaError):
    """The user cancelled an export; the target file was left as it was."""


class ExportFailed(GlossaError):
    """An export could not be written; the message names the user's target path."""


class ImportFailed(GlossaError):
    """A file could not be imported; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")
