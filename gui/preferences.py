"""What the window remembers between runs (QSettings): analyst, recent projects, layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

MAX_RECENT = 8


class Preferences:
    """Typed access to the settings; pass an isolated ``QSettings`` in tests."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings("Glossa", "Glossa")

    def analyst_name(self) -> str:
        return str(self.settings.value("analyst/name", "") or "").strip()

    def set_analyst_name(self, name: str) -> None:
        self.settings.setValue("analyst/name", name.strip())

    def recent_projects(self) -> list[Path]:
        value = self.settings.value("projects/recent", [])
        if isinstance(value, str):  # QSettings returns a lone item as a string
            value = [value]
        if not isinstance(value, list):  # an empty list comes back as None from some formats
            return []
        return [Path(str(p)) for p in value]

    def add_recent_project(self, path: Path) -> None:
        path = path.resolve()
        recent = [path] + [p for p in self.recent_projects() if p != path]
        self.settings.setValue("projects/recent", [str(p) for p in recent[:MAX_RECENT]])

    def last_project(self) -> Path | None:
        """The most recent project that still exists."""
        return next((p for p in self.recent_projects() if p.is_file()), None)

    def export_folder(self) -> Path:
        """Where exports go: the folder used last, else Documents, else home (never a
        hidden folder such as the sample project's)."""
        last = Path(str(self.settings.value("export/folder", "") or ""))
        if str(last) not in ("", ".") and last.is_dir():
            return last
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        if documents and Path(documents).is_dir():
            return Path(documents)
        return Path.home()

    def export_choices(self) -> tuple[str, str]:
        """The format and the scope ("this", "chosen", "all") chosen last time."""
        return (str(self.settings.value("export/format", "") or ""),
                str(self.settings.value("export/scope", "") or ""))

    def remember_export(self, folder: Path, format_name: str, scope: str) -> None:
        self.settings.setValue("export/folder", str(folder))
        self.settings.setValue("export/format", format_name)
        self.settings.setValue("export/scope", scope)

    def colour_scheme(self) -> str:
        """"system" (follow the desktop), "light" or "dark"."""
        value = str(self.settings.value("view/colour_scheme", "system") or "system")
        return value if value in ("system", "light", "dark") else "system"

    def set_colour_scheme(self, choice: str) -> None:
        self.settings.setValue("view/colour_scheme", choice)

    def language(self) -> str:
        """"system" (follow the locale), "en" or "de"."""
        value = str(self.settings.value("view/language", "system") or "system")
        return value if value in ("system", "en", "de") else "system"

    def set_language(self, choice: str) -> None:
        self.settings.setValue("view/language", choice)

    def suggest_on_import(self) -> bool:
        """Propose quotes and sources in each imported article (on unless turned off)."""
        return str(self.settings.value("import/suggest", "true")).lower() == "true"

    def set_suggest_on_import(self, on: bool) -> None:
        self.settings.setValue("import/suggest", "true" if on else "false")

    def suggest_tone(self) -> bool:
        """Propose Tone levels from cue words too (low confidence, so off unless chosen)."""
        return str(self.settings.value("suggest/tone", "false")).lower() == "true"

    def set_suggest_tone(self, on: bool) -> None:
        self.settings.setValue("suggest/tone", "true" if on else "false")

    def margin_labels(self) -> bool:
        return str(self.settings.value("view/margin_labels", "false")).lower() == "true"

    def set_margin_labels(self, on: bool) -> None:
        self.settings.setValue("view/margin_labels", "true" if on else "false")

    def bytes_value(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes_value(self, key: str, value: QByteArray) -> None:
        self.settings.setValue(key, value)

    def sync(self) -> None:
        self.settings.sync()
