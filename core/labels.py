"""How stored keywords read in reports and messages: "proposed" is "vorgeschlagen".

The project stores statuses, the default codebook's attribute names and their choices as
fixed English keywords (other tools and our own exports read them); people see them in the
language in use. Names a user gave (a custom attribute, a choice of their own) are shown
as they are.
"""

from __future__ import annotations

from core.i18n import N_, _, day, language
from core.model import DisagreementKind, TagKind

_STATUSES = {"proposed": N_("proposed"), "accepted": N_("accepted"),
             "rejected": N_("rejected")}
_ATTRIBUTES = {"speaker": N_("speaker"), "form": N_("form"), "outlet": N_("outlet"),
               "date": N_("date"), "title": N_("title"), "url": N_("url")}
_CHOICES = {"direct": N_("direct"), "reported": N_("reported")}
_ORIGINS = {"manual": N_("by hand"), "suggested": N_("suggested"), "imported": N_("imported")}
_TAG_KINDS = {TagKind.QUOTE.value: N_("quote"), TagKind.SOURCE.value: N_("source"),
              TagKind.TONE.value: N_("tone"), TagKind.CUSTOM.value: N_("custom")}
_DIFFERENCES = {DisagreementKind.TAG_DIFFERS: N_("tag differs"),
                DisagreementKind.BOUNDS_DIFFER: N_("bounds differ"),
                DisagreementKind.ATTRIBUTES_DIFFER: N_("attributes differ")}
_HIT_KINDS = {"document": N_("document"), "note": N_("note")}
_BACKUP_KINDS = {"auto": N_("auto"), "manual": N_("manual"),
                 "before-restore": N_("before-restore"), "before-upgrade": N_("before-upgrade")}


def _shown(table: dict[str, str], keyword: object) -> str:
    """``keyword`` translated when ``table`` knows it, else as it is."""
    known = table.get(str(keyword))
    return _(known) if known else str(keyword)


def status_label(status: str) -> str:
    """A review status as people read it."""
    return _shown(_STATUSES, status)


def attribute_label(name: str) -> str:
    """An attribute's name: the default codebook's translated, a user's own unchanged."""
    return _shown(_ATTRIBUTES, name)


def choice_label(value: str) -> str:
    """A choice value ("direct", "reported") translated; other values unchanged."""
    return _shown(_CHOICES, value)


def origin_label(origin: str) -> str:
    """How an annotation came to be ("suggested"), as people read it."""
    return _shown(_ORIGINS, origin)


def backup_kind_label(kind: str) -> str:
    """A backup's kind ("auto", "before-upgrade"), as people read it."""
    return _shown(_BACKUP_KINDS, kind)


def tag_kind_label(kind: str) -> str:
    """What a tag means to Glossa ("quote", "tone"), as people read it."""
    return _shown(_TAG_KINDS, kind)


def hit_kind_label(kind: str) -> str:
    """Where a search hit is ("document", "note"), as people read it."""
    return _shown(_HIT_KINDS, kind)


def disagreement_kind_label(kind: DisagreementKind, analysts: tuple[str, str]) -> str:
    """How two readings differ, as a list names it: "only Anna", "tag differs"."""
    if kind is DisagreementKind.ONLY_A:
        return _("only %(name)s") % {"name": analysts[0]}
    if kind is DisagreementKind.ONLY_B:
        return _("only %(name)s") % {"name": analysts[1]}
    return _(_DIFFERENCES[kind])


def language_name(code: str) -> str:
    """A document's language code ("de") as a name in the language in use ("Deutsch");
    an unknown code as it is."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code.replace("-", "_")).get_display_name(language()) or code)
    except (ValueError, UnknownLocaleError):
        return code


def attribute_value(value: str, name: str) -> str:
    """The value of attribute ``name`` as people read it: the default codebook's choices
    (a quote's form) translated and a source's full date written as the language does
    (22.09.2021), everything else a user typed as it is."""
    if name == "form":
        return choice_label(value)
    return day(value) if name == "date" else value
