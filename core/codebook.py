"""The codebook as a tree: paths like ``Tone/Conciliatory``, validation, the default set."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

from core.errors import Ambiguous, InvalidValue, NotFound
from core.i18n import N_, _
from core.model import AttributeSpec, Tag, TagKind, utc_now
from core.validation import PATH_SEPARATOR as PATH_SEPARATOR
from core.validation import check_tag_key, check_tag_name

#: The tag of a remark on a passage: imported comments (W3C, QualCoder's text
#: annotations) become annotations of the tag at this path.
NOTE_TAG = N_("Note")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

QUOTE_ATTRIBUTES = (
    AttributeSpec("speaker"),
    AttributeSpec("form", "choice", ("direct", "reported")),
)
SOURCE_ATTRIBUTES = (
    AttributeSpec("outlet"),
    AttributeSpec("date", "date"),
    AttributeSpec("title"),
    AttributeSpec("url", "url"),
)

#: The default tags' colours: told apart also with colour-vision deficiency, as highlights
#: (35 % over white), checked by simulation in tests/gui/test_colours.py. The tone scale
#: runs from wine to indigo through grey, so order shows as lightness too; a find match
#: is yellow, which no tag uses.
DEFAULT_COLOURS = {
    "Quote": "#0077BB",
    "Source": "#117733",
    "Tone": "#777777",
    "Tone/Confrontational": "#882255",
    "Tone/Critical": "#EF8A62",
    "Tone/Neutral": "#AAAAAA",
    "Tone/Conciliatory": "#56B4E9",
    "Tone/Cooperative": "#332288",
    "Note": "#D55E00",
}

#: Tone levels from most confrontational to most cooperative, with their colours.
TONE_SCALE = (
    (N_("Confrontational"), DEFAULT_COLOURS["Tone/Confrontational"]),
    (N_("Critical"), DEFAULT_COLOURS["Tone/Critical"]),
    (N_("Neutral"), DEFAULT_COLOURS["Tone/Neutral"]),
    (N_("Conciliatory"), DEFAULT_COLOURS["Tone/Conciliatory"]),
    (N_("Cooperative"), DEFAULT_COLOURS["Tone/Cooperative"]),
)


class Codebook:
    """An immutable snapshot of the live tags with lookups by id, path and key."""

    def __init__(self, tags: Iterable[Tag]) -> None:
        self.tags = [t for t in tags if not t.deleted]
        self._by_id = {t.id: t for t in self.tags}
        self._paths: dict[str, str] = {}
        self._by_path: dict[str, Tag] = {}
        for tag in self.tags:
            path = self.path(tag.id)
            self._by_path.setdefault(path.casefold(), tag)

    def __len__(self) -> int:
        return len(self.tags)

    def __contains__(self, tag_id: object) -> bool:
        return tag_id in self._by_id

    def get(self, tag_id: str) -> Tag:
        try:
            return self._by_id[tag_id]
        except KeyError:
            raise NotFound(_("no tag %(tag_id)s") % {"tag_id": tag_id}) from None

    def path(self, tag_id: str) -> str:
        """``Parent/Child`` for a tag; cycles and dangling parents end the walk."""
        cached = self._paths.get(tag_id)
        if cached is not None:
            return cached
        names: list[str] = []
        seen: set[str] = set()
        current: Tag | None = self._by_id.get(tag_id)
        while current is not None and current.id not in seen:
            seen.add(current.id)
            names.append(current.name)
            current = self._by_id.get(current.parent_id) if current.parent_id else None
        path = PATH_SEPARATOR.join(reversed(names))
        self._paths[tag_id] = path
        return path

    def children(self, parent_id: str | None) -> list[Tag]:
        kids = [t for t in self.tags if t.parent_id == parent_id]
        return sorted(kids, key=lambda t: (t.position, t.ordinal or 0, t.name.casefold()))

    def descendants(self, tag_id: str) -> list[Tag]:
        """All tags below ``tag_id`` (not itself), depth first."""
        found: list[Tag] = []
        stack = [tag_id]
        while stack:
            for child in self.children(stack.pop()):
                if child.id not in {t.id for t in found}:
                    found.append(child)
                    stack.append(child.id)
        return found

    def find(self, ref: str) -> Tag:
        """A tag by id, by full path (case-insensitive) or by a unique leaf name."""
        if ref in self._by_id:
            return self._by_id[ref]
        key = PATH_SEPARATOR.join(part.strip() for part in ref.split(PATH_SEPARATOR)).casefold()
        tag = self._by_path.get(key) or self.default_tag(key)
        if tag is not None:
            return tag
        leaves = [t for t in self.tags if t.name.casefold() == key]
        if len(leaves) == 1:
            return leaves[0]
        if len(leaves) > 1:
            paths = ", ".join(sorted(self.path(t.id) for t in leaves))
            raise Ambiguous(_("tag %(ref)r is ambiguous: %(paths)s")
                            % {"ref": ref, "paths": paths})
        raise NotFound(_("no tag %(ref)r in the codebook") % {"ref": ref})

    def default_tag(self, path: str) -> Tag | None:
        """The default tag whose English path is ``path`` ("Tone/Critical"), whatever it is
        called here: a German project names it "Ton/Kritisch" under the same id, so an
        English file, the sample or a script still finds it."""
        return self._by_id.get(default_tag_id(path))

    def by_key(self, key: str) -> Tag | None:
        for tag in self.tags:
            if tag.key and tag.key == key:
                return tag
        return None

    def levels(self, tag_id: str) -> list[Tag]:
        """The levels of the scale ``tag_id`` heads (children with an ordinal), low to
        high; empty when it heads no scale."""
        return sorted((t for t in self.children(tag_id) if t.ordinal is not None),
                      key=lambda t: t.ordinal or 0)

    def check_taggable(self, tag_id: str) -> None:
        """Refuse the head of a scale: a ``Tone`` annotation without a level says nothing
        a tone profile, agreement or review could use."""
        levels = self.levels(tag_id)
        if levels:
            names = ", ".join(self.path(t.id) for t in levels)
            raise InvalidValue(_("%(tag)r is a scale; tag one of its levels: %(names)s")
                               % {"tag": self.path(tag_id), "names": names})

    def attribute_specs(self, tag_id: str) -> tuple[AttributeSpec, ...]:
        """The attributes an annotation of this tag carries (inherited from the nearest parent)."""
        current: Tag | None = self.get(tag_id)
        seen: set[str] = set()
        while current is not None and current.id not in seen:
            if current.attributes:
                return current.attributes
            seen.add(current.id)
            current = self._by_id.get(current.parent_id) if current.parent_id else None
        return ()

    def validate(self, tag: Tag) -> None:
        """Raise ``InvalidValue`` if ``tag`` cannot join (or stay in) this codebook."""
        name = tag.name.strip()
        check_tag_name(name)
        if not _COLOUR.match(tag.color):
            raise InvalidValue(_("colour %(color)r is not of the form #RRGGBB")
                               % {"color": tag.color})
        check_tag_key(tag.key)
        for other in self.tags:
            if other.id == tag.id:
                continue
            if other.parent_id == tag.parent_id and other.name.casefold() == name.casefold():
                raise InvalidValue(_("there is already a tag %(tag)r")
                                   % {"tag": self.path(other.id)})
            if tag.key and other.key.casefold() == tag.key.casefold():
                raise InvalidValue(_("key %(key)r is already used by %(tag)r")
                                   % {"key": tag.key, "tag": self.path(other.id)})
        if tag.parent_id is not None:
            if tag.parent_id not in self._by_id:
                raise InvalidValue(_("the parent tag does not exist"))
            ancestor: str | None = tag.parent_id
            seen: set[str] = set()
            while ancestor is not None and ancestor not in seen:
                if ancestor == tag.id:
                    raise InvalidValue(_("a tag cannot be nested inside itself"))
                seen.add(ancestor)
                ancestor = self._by_id[ancestor].parent_id if ancestor in self._by_id else None


#: Default tags get the same ids in every project (uuid5 of their path), so two
#: analysts who started separately still share them when their projects merge.
DEFAULT_TAG_NAMESPACE = uuid.UUID("6f1c2a4e-5b7d-4c1e-9a53-0d3b8e6f2a10")


def default_tag_id(path: str) -> str:
    return str(uuid.uuid5(DEFAULT_TAG_NAMESPACE, path.casefold()))


def paths_by_id(tags: Iterable[Tag]) -> dict[str, str]:
    """``Parent/Child`` paths of every tag given, tombstones included (merges need them)."""
    by_id = {t.id: t for t in tags}
    paths: dict[str, str] = {}
    for tag in by_id.values():
        names = [tag.name]
        seen = {tag.id}
        parent = by_id.get(tag.parent_id or "")
        while parent is not None and parent.id not in seen:
            names.append(parent.name)
            seen.add(parent.id)
            parent = by_id.get(parent.parent_id or "")
        paths[tag.id] = PATH_SEPARATOR.join(reversed(names))
    return paths


def default_codebook() -> list[Tag]:
    """Tags of a new project: Quote, Source, Tone with its five levels, and Note, named in
    the language in use (their ids stay those of the English paths, see ``default_tag``)."""
    now = utc_now()
    colour = DEFAULT_COLOURS
    quote = Tag(default_tag_id("Quote"), _("Quote"), color=colour["Quote"], key="1",
                kind=TagKind.QUOTE,
                attributes=QUOTE_ATTRIBUTES, position=0, modified=now,
                description=_("Direct or reported speech; who said it."))
    source = Tag(default_tag_id("Source"), _("Source"), color=colour["Source"], key="2",
                 kind=TagKind.SOURCE,
                 attributes=SOURCE_ATTRIBUTES, position=1, modified=now,
                 description=_("A source the article cites: outlet, date, title, link."))
    tone = Tag(default_tag_id("Tone"), _("Tone"), color=colour["Tone"], kind=TagKind.TONE,
               position=2, modified=now,
               description=_("The tone of a passage, from confrontational to cooperative."))
    levels = [
        Tag(default_tag_id(f"Tone/{name}"), _(name), parent_id=tone.id, color=colour,
            key=str(3 + i), kind=TagKind.TONE, ordinal=i - 2, position=i, modified=now)
        for i, (name, colour) in enumerate(TONE_SCALE)
    ]
    note = Tag(default_tag_id(NOTE_TAG), _(NOTE_TAG), color=colour[NOTE_TAG],
               key=str(3 + len(TONE_SCALE)),
               kind=TagKind.CUSTOM, position=3, modified=now,
               description=_("Anything worth a remark."))
    return [quote, source, tone, *levels, note]
