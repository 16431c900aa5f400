"""Tone cues: low-confidence Tone levels from small lexicons, only when asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.cli import main
from core.model import Status
from core.suggest import Kind, detect
from tests.core.helpers import add_document, new_project


@pytest.mark.parametrize("text, level, cue", [
    ("Die Opposition hat den Haushalt scharf kritisiert.", "Critical", "'scharf kritisiert'"),
    ("Moskau drohte mit Vergeltung.", "Confrontational", "'drohte', 'Vergeltung'"),
    ("The ministers welcomed the agreement.", "Cooperative", "'welcomed', 'agreement'"),
    ("Both sides signalled readiness to compromise.", "Conciliatory", "'compromise'"),
    ("МИД резко раскритиковал заявление Вашингтона.", "Critical", "'резко раскритиковал'"),
])
def test_a_cue_proposes_its_level_with_its_words(text: str, level: str, cue: str) -> None:
    [found] = [s for s in detect(text, tone=True) if s.kind is Kind.TONE]
    assert (found.start, found.end, found.level) == (0, len(text), level)
    assert found.reason == f"tone cue {cue} → {level} (low confidence)"
    assert found.attributes == {"confidence": "low"}


def test_tone_is_proposed_only_when_asked_and_only_where_cued() -> None:
    text = "Der Minister kritisierte den Plan. Das Wetter war schön.\nQuellen:\n" \
           "2024-03-05 – (dpa) – Kritik am Plan"
    assert not [s for s in detect(text) if s.kind is Kind.TONE]
    toned = [text[s.start:s.end] for s in detect(text, tone=True) if s.kind is Kind.TONE]
    assert toned == ["Der Minister kritisierte den Plan."]  # not the sources entry


def test_tone_suggestions_land_on_the_levels_tag_and_respect_the_analysts(
        tmp_path: Path) -> None:
    from core.suggest.apply import suggest

    text = "Die Opposition kritisierte den Plan. Die Regierung begrüßte die Einigung."
    with new_project(tmp_path) as project:
        doc = add_document(project, text)
        project.annotate(doc, 0, text.index(".") + 1, "Tone/Neutral")  # the analyst's view
        result = suggest(project, doc, tone=True)
        tones = [a for a in result.added if project.tag_path(a.tag_id).startswith("Tone")]
        assert [(project.tag_path(a.tag_id), text[a.start:a.end]) for a in tones] == [
            ("Tone/Cooperative", "Die Regierung begrüßte die Einigung.")]
        assert tones[0].status is Status.PROPOSED
        assert tones[0].note == "Suggested: tone cue 'begrüßte', 'Einigung' → Cooperative " \
            "(low confidence)"
        assert result.blocked == 1


def test_cli_suggest_tone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Die Opposition kritisierte den Plan."
    with new_project(tmp_path) as project:
        doc = add_document(project, text)
    path = tmp_path / "p.glossa"
    assert main(["suggest", str(path), doc[:8], "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["suggest", str(path), doc[:8], "--tone", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["tag"], row["attributes"]) == ("Tone/Critical", {"confidence": "low"})


def test_in_a_german_project_tone_lands_on_the_german_levels(tmp_path: Path) -> None:
    """The levels are called "Ton/Kooperativ" there; the proposal still finds them (by the
    default tags' ids) and its reason speaks German."""
    from core import i18n
    from core.suggest.apply import suggest

    text = "Die Opposition kritisierte den Plan. Die Regierung begrüßte die Einigung."
    i18n.use_language("de")
    try:
        with new_project(tmp_path) as project:
            doc = add_document(project, text)
            result = suggest(project, doc, tone=True)
            found = sorted((project.tag_path(a.tag_id), a.note) for a in result.added)
    finally:
        i18n.use_language("en")
    assert found == [
        ("Ton/Kooperativ", "Vorgeschlagen: Ton-Signal 'begrüßte', 'Einigung' → Kooperativ "
                           "(geringe Sicherheit)"),
        ("Ton/Kritisch", "Vorgeschlagen: Ton-Signal 'kritisierte' → Kritisch "
                         "(geringe Sicherheit)")]
