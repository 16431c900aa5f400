"""The status bar's and the empty window's words, translated: kept out of the window
class so its sentences (and their plural forms) live in one small place."""

from __future__ import annotations

from gui.i18n import counted, translate


def document_text(title: str) -> str:
    return title or translate("MainWindow", "No document")


def counts_text(here: int, documents: int) -> str:
    """"3 annotations here · 1 document"."""
    return (counted(here, translate("MainWindow", "{n} annotation here"),
                    translate("MainWindow", "{n} annotations here"))
            + " · " + counted(documents, translate("MainWindow", "{n} document"),
                              translate("MainWindow", "{n} documents")))


def analyst_text(name: str) -> str:
    return translate("MainWindow", "Analyst: {name}").format(name=name or "—")


def comparing_text(pair: tuple[str, str]) -> str:
    return translate("MainWindow", "Comparing {a} with {b} · Leave ✕").format(
        a=pair[0], b=pair[1])


def no_project_text() -> str:
    return translate("MainWindow", "No project is open. Create one with File ▸ New project "
                     "(Ctrl+N), open one (Ctrl+O), or look around in the sample project "
                     "(Help ▸ Open sample project).")


def empty_project_text() -> str:
    return translate("MainWindow",
                     "Import articles with File ▸ Import documents, or drop files here")


def remove_question(title: str, annotations: int) -> str:
    return counted(annotations, translate(
        "MainWindow", "Remove {title!r} and its {n} annotation from the project? You can "
                      "undo this."), translate(
        "MainWindow", "Remove {title!r} and its {n} annotations from the project? You can "
                      "undo this."), title=title)
