"""Adjudication: deciding, disagreement by disagreement, what stands.

The outcome is the *adjudicated layer*: ordinary annotations whose author is
``ADJUDICATED``, so every list, filter and exporter treats it like any analyst's layer
(``ExportScope(author=ADJUDICATED)``, ``glossa export --author Adjudicated``).

A decision (``Decide``, a command like any other, so it is one transaction and one
undo step) records who decided what and when, and acts on the annotations:

- ``ACCEPT_A`` / ``ACCEPT_B``: that side's annotations are copied into the adjudicated
  layer and marked accepted; the other side's are marked rejected.
- ``ACCEPT_BOTH``: both sides are copied and accepted. ``REJECT``: nothing enters the
  layer and both sides are rejected.
- ``EDIT``: a new adjudicated annotation with the given span, tag, attributes and
  note; the analysts' annotations keep their status (neither stands as it was, and
  neither was judged wrong as a whole).
- ``COMMENT``: only the comment is recorded.

Deciding a disagreement again replaces the earlier decision: its adjudicated
annotations are tombstoned and the analysts' statuses go back to what they were before
any decision, then the new decision applies; undo brings the earlier one back.

Marking annotations rejected takes them out of agreement figures (which count accepted
annotations only): measure agreement before adjudicating.

Decisions stay in the project where they were made. Merging a colleague's project
brings its annotations (its adjudicated layer too, as annotations by ``ADJUDICATED``)
but not its decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from core.codebook import Codebook
from core.commands import (
    AddAnnotations,
    Batch,
    Change,
    Command,
    DeleteAnnotations,
    UpdateAnnotation,
)
from core.errors import Ambiguous, InvalidValue, NotFound
from core.i18n import N_, _, ngettext
from core.model import (
    Annotation,
    Decision,
    DecisionAction,
    Origin,
    Status,
    new_id,
    utc_now,
)
from core.review.disagreements import (
    Disagreement,
    disagreement_id,
    find_all_disagreements,
    find_disagreements,
)
from core.store import Store

if TYPE_CHECKING:
    from core.project import Project

#: The author of the adjudicated layer. Reserved: no analyst should be called this.
ADJUDICATED = "Adjudicated"


@dataclass(frozen=True, slots=True)
class EditedAnnotation:
    """What an ``EDIT`` decision puts into the adjudicated layer.

    ``tag`` is a tag path, a unique tag name or a tag id; offsets are code points.
    """

    start: int
    end: int
    tag: str
    attributes: dict[str, str] = field(default_factory=dict)
    note: str = ""


# --- the decision row as an undoable step --------------------------------------------


@dataclass
class _RecordDecision:
    """Insert a decision; revert tombstones it, a redo revives the same row."""

    decision: Decision
    text: str = N_("Record decision")
    _inserted: bool = field(default=False, repr=False)

    def apply(self, store: Store) -> Change:
        if self._inserted:
            store.decisions.set_deleted([self.decision.id], False, utc_now())
        else:
            store.decisions.insert(self.decision)
            self._inserted = True
        return Change(decisions={self.decision.id})

    def revert(self, store: Store) -> Change:
        store.decisions.set_deleted([self.decision.id], True, utc_now())
        return Change(decisions={self.decision.id})


@dataclass
class _RetireDecision:
    """Tombstone a decision that a new one replaces; revert brings it back."""

    decision_id: str
    text: str = N_("Replace decision")

    def apply(self, store: Store) -> Change:
        store.decisions.set_deleted([self.decision_id], True, utc_now())
        return Change(decisions={self.decision_id})

    def revert(self, store: Store) -> Change:
        store.decisions.set_deleted([self.decision_id], False, utc_now())
        return Change(decisions={self.decision_id})


# --- deciding ------------------------------------------------------------------------

_ACCEPTED_SIDES: dict[DecisionAction, tuple[str, ...]] = {
    DecisionAction.ACCEPT_A: ("a",),
    DecisionAction.ACCEPT_B: ("b",),
    DecisionAction.ACCEPT_BOTH: ("a", "b"),
    DecisionAction.REJECT: (),
}


def decided_statuses(decision: Decision) -> dict[str, Status]:
    """The statuses ``decision`` leaves its analysts' annotations in."""
    return _statuses_after(decision.action, decision.annotations_a, decision.annotations_b,
                           decision.statuses_before)


def _statuses_after(action: DecisionAction, annotations_a: Sequence[str],
                    annotations_b: Sequence[str],
                    before: dict[str, Status]) -> dict[str, Status]:
    """Accepted on the sides ``action`` accepts, rejected on the others; edit and comment
    leave the statuses ``before`` as they were."""
    if action not in _ACCEPTED_SIDES:
        return dict(before)
    sides = {"a": annotations_a, "b": annotations_b}
    accepted = {i for side in _ACCEPTED_SIDES[action] for i in sides[side]}
    return {i: Status.ACCEPTED if i in accepted else Status.REJECTED
            for i in (*annotations_a, *annotations_b)}


def _copy(source: Annotation) -> Annotation:
    return Annotation(
        id=new_id(), document_id=source.document_id, start=source.start, end=source.end,
        tag_id=source.tag_id, attributes=dict(source.attributes), note=source.note,
        author=ADJUDICATED, origin=Origin.MANUAL, status=Status.ACCEPTED,
    )


def parse_action(value: DecisionAction | str) -> DecisionAction:
    """A decision action from its value, ``accept_a`` or ``accept-a`` alike."""
    try:
        return DecisionAction(str(value).strip().lower().replace("-", "_"))
    except ValueError:
        choices = ", ".join(a.value.replace("_", "-") for a in DecisionAction)
        raise InvalidValue(_("unknown decision %(value)r; choose one of %(choices)s")
                           % {"value": value, "choices": choices}) from None


def action_text(disagreement: Disagreement, action: DecisionAction) -> str:
    """How a decision is named in the Edit menu ("Accept Anna Berger's Quote")."""
    if action is DecisionAction.ACCEPT_A:
        return _("Accept %(name)s's %(tag)s") % {"name": disagreement.analyst_a,
                                                 "tag": disagreement.tag_a or _("tag")}
    if action is DecisionAction.ACCEPT_B:
        return _("Accept %(name)s's %(tag)s") % {"name": disagreement.analyst_b,
                                                 "tag": disagreement.tag_b or _("tag")}
    return _({
        DecisionAction.ACCEPT_BOTH: N_("Accept both"),
        DecisionAction.REJECT: N_("Reject both"),
        DecisionAction.EDIT: N_("Edit adjudicated annotation"),
        DecisionAction.COMMENT: N_("Comment on disagreement"),
    }[action])


@dataclass
class Decide:
    """Record a decision on ``disagreement`` and act on the annotations (see module doc).

    ``decided_by`` is the adjudicator (``project.author``). After ``apply``,
    ``decision`` is the recorded decision. Revert restores the annotations' statuses,
    tombstones what the decision created and the decision itself, and revives the
    decision it replaced; a redo applies the very same steps again (same ids).
    """

    disagreement: Disagreement
    action: DecisionAction
    decided_by: str
    comment: str = ""
    edit: EditedAnnotation | None = None
    text: str = ""
    decision: Decision | None = field(default=None, init=False)
    _steps: list[Command] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.action = parse_action(self.action)
        if not self.text:
            self.text = action_text(self.disagreement, self.action)

    def apply(self, store: Store) -> Change:
        if self._steps:
            return Batch(self._steps).apply(store)
        steps, decision = self._plan(store)
        change = Batch(steps).apply(store)
        self._steps, self.decision = steps, decision
        return change

    def revert(self, store: Store) -> Change:
        return Batch(self._steps).revert(store)

    # --- planning (first apply only) ---------------------------------------------------

    def _check(self, store: Store) -> tuple[str, str]:
        """Validate everything but the annotations; return (decided_by, comment)."""
        d = self.disagreement
        decided_by = self.decided_by.strip()
        comment = self.comment.strip()
        if not decided_by:
            raise InvalidValue(_("a decision needs the name of whoever made it"))
        if decided_by == ADJUDICATED:
            raise InvalidValue(_("%(adjudicated)r is the name of the adjudicated layer, "
                                 "not of an adjudicator")
                               % {"adjudicated": ADJUDICATED})
        if self.action is DecisionAction.COMMENT and not comment:
            raise InvalidValue(_("a comment needs some text"))
        if (self.action is DecisionAction.EDIT) != (self.edit is not None):
            raise InvalidValue(_("an edited annotation goes with the edit decision, and "
                                 "only there"))
        if self.action is DecisionAction.ACCEPT_A and not d.annotations_a:
            raise InvalidValue(_("%(analyst_a)s has no annotation here to accept")
                               % {"analyst_a": d.analyst_a})
        if self.action is DecisionAction.ACCEPT_B and not d.annotations_b:
            raise InvalidValue(_("%(analyst_b)s has no annotation here to accept")
                               % {"analyst_b": d.analyst_b})
        if not d.annotations_a and not d.annotations_b:
            raise InvalidValue(_("this disagreement concerns no annotations"))
        try:
            store.documents.resolve(d.document_id)
        except NotFound:
            raise NotFound(_("the document of disagreement %(id)s does not exist or was "
                             "removed; nothing was decided")
                           % {"id": d.id}) from None
        return decided_by, comment

    def _annotations(self, store: Store) -> dict[str, Annotation]:
        d = self.disagreement
        current = store.annotations.by_ids([*d.annotations_a, *d.annotations_b])
        for ids, analyst in ((d.annotations_a, d.analyst_a), (d.annotations_b, d.analyst_b)):
            for annotation_id in ids:
                found = current.get(annotation_id)
                if found is None or found.deleted or found.document_id != d.document_id:
                    raise NotFound(_("annotation %(annotation_id)s of this disagreement no "
                                     "longer exists; list the disagreements again")
                                   % {"annotation_id": annotation_id})
                if found.author != analyst:
                    raise InvalidValue(_("annotation %(annotation_id)s is %(author)s's, "
                                         "not %(analyst)s's")
                                       % {"annotation_id": annotation_id,
                                          "author": found.author, "analyst": analyst})
        return current

    def _plan(self, store: Store) -> tuple[list[Command], Decision]:
        d = self.disagreement
        decided_by, comment = self._check(store)
        current = self._annotations(store)
        steps: list[Command] = []
        previous = next(
            (x for x in store.decisions.query(document_id=d.document_id) if x.key == d.key), None
        )
        before = {i: a.status for i, a in current.items()}
        if previous is not None:
            # Only adjudicated copies on this document are the previous decision's to take
            # back, whatever its record claims (it may come from a colleague's file).
            created = store.annotations.by_ids(previous.created_annotations)
            live = [i for i in previous.created_annotations
                    if (a := created.get(i)) is not None and not a.deleted
                    and a.author == ADJUDICATED and a.document_id == d.document_id]
            if live:
                steps.append(DeleteAnnotations(live, text=_("Remove adjudicated annotations")))
            before.update((i, s) for i, s in previous.statuses_before.items() if i in before)
            steps += [UpdateAnnotation(i, {"status": before[i]}) for i in sorted(before)
                      if current[i].status != before[i]]
            steps.append(_RetireDecision(previous.id))
        sides = {"a": d.annotations_a, "b": d.annotations_b}
        copies: list[Annotation] = []
        if self.action in _ACCEPTED_SIDES:
            after = _statuses_after(self.action, d.annotations_a, d.annotations_b, before)
            for i in sorted(before):
                if after[i] != before[i]:
                    steps.append(UpdateAnnotation(i, {"status": after[i]}))
            copies = [_copy(current[i]) for side in _ACCEPTED_SIDES[self.action]
                      for i in sides[side]]
        elif self.edit is not None:
            copies = [self._edited(store)]
        if copies:
            steps.append(AddAnnotations(copies, text=_("Add adjudicated annotations")))
        now = utc_now()
        decision = Decision(
            id=new_id(), document_id=d.document_id, disagreement_id=d.id, kind=d.kind,
            action=self.action, annotations_a=tuple(d.annotations_a),
            annotations_b=tuple(d.annotations_b),
            created_annotations=tuple(a.id for a in copies), statuses_before=before,
            comment=comment, decided_by=decided_by, decided_at=now,
            replaces=None if previous is None else previous.id, modified=now,
        )
        steps.append(_RecordDecision(decision))
        return steps, decision

    def _edited(self, store: Store) -> Annotation:
        edit = self.edit
        assert edit is not None
        if not isinstance(edit.start, int) or not isinstance(edit.end, int):
            raise InvalidValue(_("the edited annotation's offsets must be whole numbers"))
        tag = Codebook(store.tags.all()).find(edit.tag)
        return Annotation(
            id=new_id(), document_id=self.disagreement.document_id, start=edit.start,
            end=edit.end, tag_id=tag.id, attributes=dict(edit.attributes), note=edit.note,
            author=ADJUDICATED, origin=Origin.MANUAL, status=Status.ACCEPTED,
        )


# --- conveniences for the CLI and the GUI --------------------------------------------


def decide(project: Project, disagreement: Disagreement, action: DecisionAction | str, *,
           comment: str = "", edit: EditedAnnotation | None = None,
           decided_by: str | None = None) -> Decide:
    """Decide as ``decided_by`` (default: the project's author); return the applied command.

    Keep the command to undo it: ``project.undo(command)``.
    """
    command = Decide(disagreement, parse_action(action),
                     decided_by=project.author if decided_by is None else decided_by,
                     comment=comment, edit=edit)
    project.execute(command)
    return command


def decisions(project: Project, document_id: str | None = None, *,
              include_deleted: bool = False) -> list[Decision]:
    """Recorded decisions (of one document, or all), oldest first."""
    doc_id = None if document_id is None else project.resolve_document(document_id)
    return project.store.decisions.query(document_id=doc_id, include_deleted=include_deleted)


def analysts(project: Project) -> list[str]:
    """The analysts whose work can be compared: every author but the adjudicated layer."""
    return [name for name in project.authors() if name and name != ADJUDICATED]


def resolve_disagreement(project: Project, ref: str,
                         between: tuple[str, str] | None = None) -> Disagreement:
    """The disagreement whose id is ``ref`` or starts with it.

    ``between`` limits the search to two analysts (in either order); otherwise every
    pair of analysts is searched. The id says which analyst was A when it was listed,
    so the disagreement comes back the same way round and ``ACCEPT_A`` means the same.
    """
    ref = ref.strip().lower()
    if not ref:
        raise NotFound(_("no disagreement id given"))
    pairs = [between] if between is not None else list(combinations(analysts(project), 2))
    matches: dict[str, tuple[Disagreement, bool]] = {}
    for first, second in pairs:
        for item in find_all_disagreements(project, first, second):
            if item.id.startswith(ref):
                matches[item.id] = (item, False)
            swapped = disagreement_id(item.annotations_b, item.annotations_a)
            if swapped.startswith(ref):
                matches[swapped] = (item, True)
    if not matches:
        raise NotFound(_("no disagreement with id %(ref)r") % {"ref": ref})
    if len(matches) > 1:
        raise Ambiguous(_("more than one disagreement id starts with %(ref)r") % {"ref": ref})
    item, the_other_way = next(iter(matches.values()))
    if not the_other_way:
        return item
    again = find_disagreements(project, item.document_id, item.analyst_b, item.analyst_a)
    return next(d for d in again if d.key == item.key)


_DONE = {
    DecisionAction.ACCEPT_BOTH: N_("accepted both"),
    DecisionAction.REJECT: N_("rejected both"),
    DecisionAction.EDIT: N_("edited"),
    DecisionAction.COMMENT: N_("commented"),
}


def describe_decision(decision: Decision, disagreement: Disagreement | None = None) -> str:
    """One line for people: ``accepted Anna Berger's by Tomás Ruiz, 2026-…; 1 adjudicated``.

    With the ``disagreement`` it was made on, an accepted side is named by its analyst.
    """
    if decision.action in _DONE:
        done = _(_DONE[decision.action])
    else:
        side = "a" if decision.action is DecisionAction.ACCEPT_A else "b"
        done = _("accepted %(side)s") % {"side": side.upper()}
        if disagreement is not None:
            ids = decision.annotations_a if side == "a" else decision.annotations_b
            if ids and ids == disagreement.annotations_a:
                done = _("accepted %(name)s's") % {"name": disagreement.analyst_a}
            elif ids and ids == disagreement.annotations_b:
                done = _("accepted %(name)s's") % {"name": disagreement.analyst_b}
    text = _("%(done)s (by %(name)s, %(when)s)") % {
        "done": done, "name": decision.decided_by, "when": decision.decided_at}
    created = len(decision.created_annotations)
    if created:
        text += "; " + ngettext("%(n)s adjudicated annotation", "%(n)s adjudicated annotations",
                                created) % {"n": created}
    if decision.comment:
        text += "; " + _("“%(note)s”") % {"note": decision.comment}
    return text


__all__ = [
    "ADJUDICATED",
    "Decide",
    "DecisionAction",
    "EditedAnnotation",
    "action_text",
    "analysts",
    "decide",
    "decided_statuses",
    "decisions",
    "describe_decision",
    "parse_action",
    "resolve_disagreement",
]
