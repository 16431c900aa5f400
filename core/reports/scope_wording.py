"""What a report says about its scope: its title, the filters table, the one-line subject.

In the language in use (``core.i18n``), so a German analyst's report says
"Anmerkungsbericht" and "alle 3 Dokumente des Projekts".
"""

from __future__ import annotations

from collections.abc import Sequence

from core.codebook import Codebook
from core.exporters import ExportScope, ResolvedScope
from core.i18n import _, ngettext
from core.labels import status_label
from core.project import Project


def report_title(project: Project, titles: Sequence[str], scope: ExportScope) -> str:
    """"Annotation report: <the one document's title>" or "…: <the project's name>"."""
    if len(titles) == 1 and scope.documents is not None:
        return _("Annotation report: %(name)s") % {"name": titles[0]}
    return _("Annotation report: %(name)s") % {"name": project.name}


def scope_filters(resolved: ResolvedScope, scope: ExportScope,
                  codebook: Codebook) -> tuple[tuple[str, str], ...]:
    """(label, value) rows: which documents, tags, analysts and statuses are shown."""
    count = len(resolved.documents)
    if scope.documents is None:
        documents = ngettext("the one document of the project",
                             "all %(n)s documents of the project", count) % {"n": count}
    else:
        documents = "; ".join(d.title for d in resolved.documents) or _("none")
    if scope.tag is None:
        tag = _("all tags")
    else:
        found = codebook.find(scope.tag)
        path = codebook.path(found.id)
        tag = (_("%(tag)s and the tags nested in it") % {"tag": path}
               if codebook.descendants(found.id) else path)
    author = scope.author if scope.author is not None else _("all analysts")
    if scope.status is None:
        status = _("proposed and accepted (rejected suggestions left out)")
    else:
        status = status_label(scope.status)
    return ((_("Documents"), documents), (_("Tags"), tag), (_("Analysts"), author),
            (_("Status"), status))


def scope_sentence(scope: ExportScope, total: int) -> str:
    """The scope in one line, for a file's subject property."""
    parts = [ngettext("%(n)s document", "%(n)s documents", total) % {"n": total}]
    if scope.tag is not None:
        parts.append(_("tag %(tag)s") % {"tag": scope.tag})
    if scope.author is not None:
        parts.append(_("analyst %(name)s") % {"name": scope.author})
    parts.append(_("status %(status)s") % {"status": status_label(scope.status)}
                 if scope.status is not None else _("rejected suggestions left out"))
    return ", ".join(parts)
