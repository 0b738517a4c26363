"""CSV and TSV: OmegaT and Weblate layouts out, header-mapped glossaries in."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import run, run_json, snapshot
from translate.storage.csvl10n import csvfile

from glossary import Glossary, TermStatus, TermType


def export(store: Path, out: Path, kind: str, *args: str) -> Path:
    result = run("export", kind, "-o", out, *args, store=store)
    assert result.exit_code == 0, result.stderr
    return out


def omegat_tsv(path: Path) -> list[list[str]]:
    """What OmegaT's TSV reader does: skip '#' lines, split on tabs, trim."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) >= 2 and cells[0]:
            rows.append(cells)
    return rows


# -- export -------------------------------------------------------------------------
def test_omegat_tsv(mini_store: Path, tmp_path: Path) -> None:
    out = export(mini_store, tmp_path / "en-kk.tsv", "tsv", "--target", "kk")
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# source:en\ttarget:kk\tcomment"
    rows = omegat_tsv(out)
    assert all(len(r) == 3 for r in rows)
    assert ["EEU", "ЕАЭО"] in [r[:2] for r in rows]
    assert ["EAEU", "ЕАЭО"] in [r[:2] for r in rows]
    assert not any(r[0].startswith("Vladimir") for r in rows)  # no Kazakh term yet: no row
    comment = next(r[2] for r in rows if r[:2] == ["EEU", "ЕАЭО"])
    assert comment.startswith("eeu · acronym, preferred")
    assert '"' not in text  # OmegaT's TSV knows no quoting


def test_omegat_csv_lists_alternatives_and_what_not_to_use(mini_store: Path,
                                                           tmp_path: Path) -> None:
    out = export(mini_store, tmp_path / "en-ru.csv", "csv", "--target", "ru")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# source:en,target:ru,comment"
    rows = list(csv.reader(io.StringIO("\n".join(lines[1:]))))
    by_source = {}
    for source, target, comment in rows:
        by_source.setdefault(source, []).append((target, comment))
    assert [t for t, _ in by_source["EEU"]] == ["ЕАЭС"]  # never the deprecated ЕврАзЭС
    assert "do not use: ЕврАзЭС" in by_source["EEU"][0][1]
    assert by_source["Vladimir Solovyev"][0][0] == "Владимир Соловьёв"


def test_weblate_csv_reads_in_translate_toolkit(mini: Glossary, tmp_path: Path) -> None:
    concept = mini.get("cis")
    concept.langs["kk"].terms[1].reviewed = False
    mini.put(concept)
    out = tmp_path / "weblate.csv"
    mini.export_csv(out, target="kk", layout="weblate")
    assert out.read_text(encoding="utf-8").splitlines()[0] == (
        "location,source,target,id,fuzzy,context,translator_comments,developer_comments")
    store = csvfile(io.BytesIO(out.read_bytes()))
    units = {(u.getcontext(), u.source): u for u in store.units}
    assert units[("eeu", "EEU")].target == "ЕАЭО"
    assert units[("cis", "CIS")].isfuzzy() and not units[("eeu", "EEU")].isfuzzy()
    assert units[("solovyov", "Vladimir Solovyov")].target == ""
    assert "Definition (Kazakh)" in units[("eeu", "EEU")].getnotes()
    assert len(store.units) == 7


def test_export_is_deterministic_and_goes_to_stdout(mini_store: Path, tmp_path: Path) -> None:
    first = export(mini_store, tmp_path / "a.csv", "csv", "--target", "kk").read_bytes()
    assert export(mini_store, tmp_path / "b.csv", "csv", "--target", "kk").read_bytes() == first
    result = run("export", "csv", "-o", "-", "--target", "kk", store=mini_store)
    assert result.stdout.encode("utf-8") == first


def test_export_needs_a_pair_of_different_languages(mini_store: Path, tmp_path: Path) -> None:
    result = run("export", "csv", "-o", tmp_path / "x.csv", "--source", "kk", "--target", "kk",
                 store=mini_store)
    assert result.exit_code == 2 and "--target" in result.stderr
    result = run("export", "tsv", "-o", tmp_path / "x.tsv", store=mini_store)
    assert result.exit_code == 2 and "--target" in result.stderr


# -- import -------------------------------------------------------------------------
def test_round_trip_changes_nothing(mini_store: Path, tmp_path: Path) -> None:
    before = snapshot(mini_store)
    for kind, args in [("csv", ["--target", "ru"]), ("tsv", ["--target", "kk"]),
                       ("tsv", ["--source", "ru", "--target", "kk"])]:
        out = export(mini_store, tmp_path / f"x.{kind}", kind, *args)
        data = run_json("import", out, store=mini_store)
        assert data["added"] == data["changed"] == [] and data["skipped"] == []
    weblate = export(mini_store, tmp_path / "w.csv", "csv", "--target", "kk", "--layout",
                     "weblate")
    data = run_json("import", weblate, "--source", "en", "--target", "kk", store=mini_store)
    assert data["added"] == data["changed"] == []
    assert snapshot(mini_store) == before


def test_header_of_languages_adds_terms_and_concepts(mini_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text("en,ru,kk\n"
                    "CIS,СНГ,ТМД\n"                                   # all known
                    "Commonwealth of Independent States,,Тәуелсіз елдер достастығы\n"
                    "open access,открытый доступ,ашық қолжетімділік\n"
                    "OA,,\n", encoding="utf-8")
    data = run_json("import", path, store=mini_store)
    assert data["added"] == ["open-access", "oa"] and data["changed"] == ["cis"]
    with Glossary.open(mini_store) as g:
        kk = g.get("cis").langs["kk"].terms
        assert (kk[-1].text, kk[-1].status, kk[-1].reviewed) == (
            "Тәуелсіз елдер достастығы", TermStatus.ADMITTED, False)
        new = g.get("open-access")
        assert [(lang, t.text, t.status) for lang, _, t in new.iter_terms()] == [
            ("en", "open access", TermStatus.PREFERRED), ("ru", "открытый доступ",
                                                          TermStatus.PREFERRED),
            ("kk", "ашық қолжетімділік", TermStatus.PREFERRED)]
        assert g.get("oa").langs["en"].terms[0].type is TermType.ACRONYM
        assert len(g.review_queue()) == 5


def test_source_target_comment_header(mini_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "omegat.tsv"
    path.write_text("# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
                    "source:en\ttarget:kk\tcomment\n"
                    "Vladimir Solovyov\tВладимир Соловьёв\tTV host; ё kept\n", encoding="utf-8")
    data = run_json("import", path, store=mini_store)
    assert data["changed"] == ["solovyov"]
    with Glossary.open(mini_store) as g:
        term = g.get("solovyov").langs["kk"].terms[0]
        assert (term.text, term.note, term.reviewed) == ("Владимир Соловьёв", "TV host; ё kept",
                                                         False)


def test_concept_column_and_ambiguous_rows(mini_store: Path, tmp_path: Path) -> None:
    with Glossary.open(mini_store) as g:  # a second concept with the term "CIS"
        twin = g.get("cis")
        twin.id, twin.revision, twin.related, twin.contexts = "cis-2", 0, [], []
        twin.langs = {"en": twin.langs["en"]}
        g.put(twin)
    path = tmp_path / "amb.csv"
    path.write_text("source:en,target:kk,concept\nCIS,ТМД-2,cis-2\nCIS,ТМД-3,\n",
                    encoding="utf-8")
    data = run_json("import", path, store=mini_store)
    assert data["changed"] == ["cis-2"]
    assert data["skipped"] == ["line 3: «CIS» matches concepts cis, cis-2 equally; "
                               "add a concept column"]


@pytest.mark.parametrize("text,line,field,message", [
    ("en,de\nx,y\n", 1, "de", "unknown column 'de'"),
    ("source,target\nx,y\n", 1, "source", "give --source LANG"),
    ("en,kk\nopen access,ашық қолжетімділік\nEEU,ЕАЭO\n", 3, "kk", "mixes Latin and Cyrillic"),
    ("en,kk\nEEU,ЕАЭО,extra\n", 2, None, "3 cells, but the header has 2 columns"),
    ("en,kk,concept\nEEU,ЕАЭО,Not A Slug\n", 2, "concept", "not a valid concept id"),
    ('en,kk\n"EEU,ЕАЭО\n', 2, None, "malformed CSV"),
    ("en,en\nx,y\n", 1, "en", "a second column for language 'en'"),
    ("comment\nx\n", 1, None, "names no language column"),
])
def test_bad_files_name_line_and_column_and_change_nothing(
        mini_store: Path, tmp_path: Path, text: str, line: int, field: str | None,
        message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    before = snapshot(mini_store)
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2, result.output
    where = f"glossary: {path}:{line}: " + (f"field '{field}': " if field else "")
    assert result.stderr.startswith(where) and message in result.stderr, result.stderr
    assert snapshot(mini_store) == before


def test_not_utf8_is_refused(mini_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "cp1251.csv"
    path.write_bytes("en,ru\nCIS,СНГ\n".encode("cp1251"))
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2 and f"{path}:2: not UTF-8 text" in result.stderr


# -- separators and languages told by the file ----------------------------------------------
@pytest.mark.parametrize("name,text", [
    ("semicolons.csv", "en;kk\nCIS;Тәуелсіз елдер достастығы\n"),
    ("tabs.csv", "en\tkk\nCIS\tТәуелсіз елдер достастығы\n"),
    ("commas.tsv", "en,kk\nCIS,Тәуелсіз елдер достастығы\n"),
    ("quoted.csv", '"en";"kk"\n"CIS";"Тәуелсіз елдер достастығы"\n'),
])
def test_separator_is_told_by_the_header(mini_store: Path, tmp_path: Path, name: str,
                                         text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    data = run_json("import", path, store=mini_store)
    assert data["changed"] == ["cis"], data
    assert any(note.startswith("columns separated by") for note in data["notes"])
    with Glossary.open(mini_store) as g:
        assert g.get("cis").langs["kk"].terms[-1].text == "Тәуелсіз елдер достастығы"


def test_a_header_in_no_known_layout_says_what_was_expected(mini_store: Path,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "pipes.csv"
    path.write_text("en|kk\nCIS|ТМД\n", encoding="utf-8")
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2
    assert f"{path}:1: field 'en|kk': unknown column" in result.stderr
    assert "separated by commas, semicolons or tabs" in result.stderr


def test_weblate_columns_take_the_languages_of_their_terms(mini_store: Path,
                                                           tmp_path: Path) -> None:
    weblate = export(mini_store, tmp_path / "w.csv", "csv", "--source", "ru", "--target", "en",
                     "--layout", "weblate")
    text = weblate.read_text(encoding="utf-8").replace(",СНГ,CIS,", ",СНГ,the CIS bloc,")
    weblate.write_text(text, encoding="utf-8")
    data = run_json("import", weblate, store=mini_store)
    assert data["changed"] == ["cis"]
    assert "column 'source' read as Russian" in data["notes"][0]
    assert "column 'target' read as English" in data["notes"][1]
    with Glossary.open(mini_store) as g:
        assert g.get("cis").langs["en"].terms[-1].text == "the CIS bloc"


def test_weblate_columns_of_unknown_terms_need_the_languages(mini_store: Path,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("location,source,target,id,fuzzy,context,translator_comments,"
                    "developer_comments\n,hello,сәлем,,False,greeting,,\n", encoding="utf-8")
    before = snapshot(mini_store)
    result = run("import", path, store=mini_store)
    assert result.exit_code == 2
    assert f"{path}:1: field 'source': column 'source' has no language" in result.stderr
    assert "give --source LANG" in result.stderr
    assert snapshot(mini_store) == before
    data = run_json("import", path, "--source", "en", "--target", "kk", store=mini_store)
    assert data["added"] == ["greeting"]
