"""The review and interchange commands end to end: merge, agreement, export and re-import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.cli import main

ARTICLE = (
    "📰 Berlin. „Wir müssen reden“, sagte die Ministerin. Der Botschafter erklärte, man sei "
    "bereit. Kritiker nannten das Treffen „eine Farce“. Удар из-за горизонта.\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two_projects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, str]:
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    anna, tomas = tmp_path / "anna.glossa", tmp_path / "tomas.glossa"
    for project, author in ((anna, "Anna"), (tomas, "Tomás")):
        assert run(capsys, "new", str(project))[0] == 0
        out = run(capsys, "import", str(project), str(article))[1]
        doc = out.split("\t")[0]
        for quote, tag in (("Wir müssen reden", "Quote"), ("eine Farce", "Tone/Critical")):
            assert run(capsys, "tag", str(project), doc, tag, "--quote", quote,
                       "--author", author)[0] == 0
    run(capsys, "tag", str(tomas), doc, "Tone/Neutral", "--quote", "man sei bereit",
        "--author", "Tomás")
    return anna, tomas, doc


def test_merge_then_agreement(two_projects: tuple[Path, Path, str],
                              capsys: pytest.CaptureFixture[str]) -> None:
    anna, tomas, _ = two_projects
    code, out, _ = run(capsys, "merge", str(anna), str(tomas))
    assert code == 0 and "3 annotations added" in out
    code, out, _ = run(capsys, "agreement", str(anna), "--between", "Anna", "Tomás", "--json")
    assert code == 0
    figures = json.loads(out)
    assert set(figures) == {"kappa", "alpha", "f1"}
    # Two of Tomás's three tags match Anna's two exactly.
    assert figures["f1"]["exact"]["overall"] == pytest.approx(2 * 2 / (2 + 3))
    assert figures["f1"]["exact"]["Quote"] == 1.0
    code, out, _ = run(capsys, "agreement", str(anna), "--between", "Anna", "Tomás")
    assert code == 0 and "overall" in out and "Tone/Critical" in out


def test_merge_of_a_foreign_file_fails_cleanly(tmp_path: Path,
                                               two_projects: tuple[Path, Path, str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    anna, _, _ = two_projects
    bogus = tmp_path / "bogus.glossa"
    bogus.write_bytes(b"not sqlite" * 50)
    code, _, err = run(capsys, "merge", str(anna), str(bogus))
    assert code == 1 and err.startswith("glossa: bogus.glossa: not a")
    assert "Traceback" not in err


@pytest.mark.parametrize("fmt, suffix", [("w3c", ".jsonld"), ("qdpx", ".qdpx")])
def test_merge_takes_a_colleagues_w3c_or_refi_qda_export(
    tmp_path: Path, two_projects: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str],
    fmt: str, suffix: str,
) -> None:
    anna, tomas, _ = two_projects
    exported = tmp_path / f"tomas{suffix}"
    assert run(capsys, "export", str(tomas), "--format", fmt, "--out", str(exported))[0] == 0
    code, out, err = run(capsys, "merge", str(anna), str(exported))
    assert code == 0, err
    assert out.endswith(f"tomas{suffix}: 3 annotations placed\n"), out
    listed = json.loads(run(capsys, "annotations", str(anna), "--json")[1])
    assert sorted(a["author"] for a in listed) == ["Anna", "Anna", "Tomás", "Tomás", "Tomás"]
    # A second merge of the same file adds nothing.
    assert run(capsys, "merge", str(anna), str(exported))[0] == 0
    assert len(json.loads(run(capsys, "annotations", str(anna), "--json")[1])) == 5


def test_agreement_among_three_analysts(two_projects: tuple[Path, Path, str],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from core.project import Project
    from core.review.agreement import agreement, alpha_among

    anna, tomas, _ = two_projects
    run(capsys, "merge", str(anna), str(tomas))
    with Project.open(anna) as project:
        (doc,) = (d.id for d in project.documents())
    for quote, tag in (("Wir müssen reden", "Quote"), ("man sei bereit", "Tone/Neutral")):
        assert run(capsys, "tag", str(anna), doc, tag, "--quote", quote, "--author", "Lea")[0] == 0
    trio = ("Anna", "Tomás", "Lea")
    code, out, err = run(capsys, "agreement", str(anna), "--among", *trio, "--json")
    assert code == 0, err
    figures = json.loads(out)
    with Project.open(anna) as project:
        assert figures["alpha"] == pytest.approx(alpha_among(project, trio))
        anna_lea = agreement(project, "Anna", "Lea")
    assert [p["between"] for p in figures["pairs"]] == [
        ["Anna", "Tomás"], ["Anna", "Lea"], ["Tomás", "Lea"]]
    assert figures["pairs"][1]["kappa"] == pytest.approx(anna_lea.kappa["overall"])
    assert figures["pairs"][1]["f1_exact"] == pytest.approx(anna_lea.f1["exact"]["overall"])
    code, out, _ = run(capsys, "agreement", str(anna), "--among", *trio)
    assert code == 0 and "ALPHA (3 ANALYSTS)" in out and "Tomás" in out
    code, _, err = run(capsys, "agreement", str(anna), "--among", "Anna")
    assert code == 2 and "--among needs two or more different analysts" in err
    code, _, err = run(capsys, "agreement", str(anna), "--between", "Anna", "Anna")
    assert code == 2 and "--between needs two or more different analysts" in err
    code, _, err = run(capsys, "agreement", str(anna), "--between", *trio)
    assert code == 2 and "unrecognized arguments: Lea" in err
    # Options may come before the project, as with every command.
    assert run(capsys, "agreement", "--between", "Anna", "Lea", str(anna))[0] == 0


def test_merge_takes_a_glossa_export_whose_keys_a_tool_sorted(
    tmp_path: Path, two_projects: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str],
) -> None:
    """Its "format" comes last, far beyond the part of the file looked at first."""
    anna, tomas, _ = two_projects
    exported = tmp_path / "tomas.json"
    assert run(capsys, "export", str(tomas), "--format", "json", "--out", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["annotations"][0]["note"] = "lang " * 1000  # pushes "format" past the first 4 KiB
    exported.write_text(json.dumps(data, sort_keys=True, indent=1), encoding="utf-8")
    assert b'"glossa-project"' not in exported.read_bytes()[:4096]
    code, out, err = run(capsys, "merge", str(anna), str(exported))
    assert code == 0 and "Merged tomas: 0 documents added, 1 matched" in out, err


def test_agreement_with_an_unknown_analyst_is_bad_input(
    two_projects: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    anna, _, _ = two_projects
    code, _, err = run(capsys, "agreement", str(anna), "--between", "Anna", "Niemand")
    assert code == 1 and "Niemand" in err


def _sorted_export(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("exported", "project", "filters"):
        data.pop(key, None)
    for key in ("codebook", "documents", "annotations", "decisions"):
        data[key] = sorted(data[key], key=lambda r: r["id"])
    for tag in data["codebook"]:
        tag.pop("modified")
    for doc in data["documents"]:
        doc.pop("imported")
    return data


def test_json_export_imports_into_an_identical_project(
    tmp_path: Path, two_projects: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    anna, tomas, _ = two_projects
    run(capsys, "merge", str(anna), str(tomas))
    # Adjudicate: the decisions and the adjudicated layer belong to the project too.
    listed = json.loads(run(capsys, "review", str(anna), "--between", "Anna", "Tomás",
                            "--json")[1])
    only_tomas = next(d for d in listed if d["kind"] == "only_b")
    assert run(capsys, "decide", str(anna), only_tomas["id"], "accept-b",
               "--between", "Anna", "Tomás", "--author", "Lea")[0] == 0
    assert run(capsys, "decide", str(anna), only_tomas["id"], "comment", "--comment",
               "„bereit“ ist neutral", "--between", "Anna", "Tomás", "--author", "Lea")[0] == 0
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run(capsys, "export", str(anna), "--format", "json", "--out", str(first))[0] == 0
    assert len(json.loads(first.read_text(encoding="utf-8"))["decisions"]) == 2
    copy = tmp_path / "copy.glossa"
    run(capsys, "new", str(copy))
    code, out, _ = run(capsys, "import", str(copy), str(first))
    assert code == 0 and "6 annotations added" in out
    assert "1 review decision added" in out  # the comment replaced the acceptance
    assert run(capsys, "export", str(copy), "--format", "json", "--out", str(second))[0] == 0
    assert _sorted_export(first) == _sorted_export(second)
    code, out, _ = run(capsys, "review", str(copy), "--between", "Anna", "Tomás", "--json")
    decided = next(d for d in json.loads(out) if d["id"] == only_tomas["id"])
    assert decided["decision"]["comment"] == "„bereit“ ist neutral"


@pytest.mark.parametrize("fmt,suffix", [("w3c", ".jsonld"), ("qdpx", ".qdpx")])
def test_interchange_export_and_import_round_trip(
    tmp_path: Path, fmt: str, suffix: str, two_projects: tuple[Path, Path, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    anna, _, _ = two_projects
    out = tmp_path / f"anna{suffix}"
    code, text, _ = run(capsys, "export", str(anna), "--format", fmt, "--out", str(out))
    assert code == 0 and "2 annotations exported" in text
    target = tmp_path / "target.glossa"
    run(capsys, "new", str(target))
    run(capsys, "import", str(target), str(tmp_path / "artikel.txt"))
    code, text, err = run(capsys, "import", str(target), str(out))
    assert code == 0, err
    code, text, _ = run(capsys, "annotations", str(target), "--json")
    rows = json.loads(text)
    assert sorted((r["text"], r["tag"], r["author"]) for r in rows) == [
        ("Wir müssen reden", "Quote", "Anna"), ("eine Farce", "Tone/Critical", "Anna")]


@pytest.mark.parametrize("command", ["import", "merge"])
def test_qdpx_import_warnings_reach_stderr_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str,
) -> None:
    from tests.core.test_qdpx import selection, write_qdpx

    text = "Ein kurzer Text über Bahnen."
    sources = ('<TextSource guid="77777777-7777-7777-7777-777777777777" name="Kurz">'
               f"<PlainTextContent>{text}</PlainTextContent>"
               + selection("88888888-8888-8888-8888-888888888888", 4, 10) + "</TextSource>")
    qdpx = write_qdpx(tmp_path / "fremd.qdpx", sources)
    project = tmp_path / "p.glossa"
    run(capsys, "new", str(project))
    code, out, err = run(capsys, command, str(project), str(qdpx))
    assert code == 0, err
    assert out == f"{qdpx}: 1 annotation placed, 1 document added, 2 tags added\n"
    assert err == (f"{qdpx}: warning: code 'Pro/Contra': '/' separates tag levels in "
                   "Glossa, became '-'\n")
