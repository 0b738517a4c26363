"""One approved translation per quoted sentence (issue 10, section 2), by construction.

A quoted sentence is stored once with its translations; every concept quoting
it shows them. Through the Python API and the CLI: reading, editing through
one concept, history and undo, imports that disagree, what a translation is
(back-translations, the speaker's own words), and the forms that show it.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import (
    CIS,
    CIS_QUOTING,
    EEU,
    KK,
    RU,
    SENTENCE,
    before_segments,
    cis_quoting,
    run,
    run_json,
    snapshot,
    write_glossary,
)

from glossary import (
    Context,
    Glossary,
    InputError,
    NotFoundError,
    Provenance,
    RenderingKind,
    TranslationConflictError,
)

BACK = RenderingKind.BACK_TRANSLATION


def shown(g: Glossary, concept_id: str) -> dict[str, str]:
    return g.get(concept_id).contexts[0].translations


# -- stored once, shown everywhere ---------------------------------------------------------
def test_a_sentence_quoted_by_two_concepts_is_one_segment(shared: Path) -> None:
    with Glossary.open(shared) as g:
        assert shown(g, "cis") == shown(g, "eeu") == {"ru": RU, "kk": KK}
        [segment] = g.segments()
        assert (segment.source, segment.lang, segment.text) == ("src-one", "en", SENTENCE)
        assert segment.translations == {"ru": RU, "kk": KK} and segment.concepts == ["cis", "eeu"]
        assert [s.text for s in g.segments("src-one")] == [SENTENCE]
        assert list(g.segments("another-source")) == []


def test_every_sentence_of_the_bundled_glossary_is_stored_once(bundled: Glossary) -> None:
    contexts = {}
    for concept in bundled.concepts():
        for context in concept.contexts:
            contexts.setdefault((context.source, context.lang, context.text), []).append(
                (concept.id, context))
    segments = list(bundled.segments())
    assert len(segments) == len(contexts)
    shared = 0
    for segment in segments:
        quoting = contexts[(segment.source, segment.lang, segment.text)]
        assert segment.concepts == sorted({cid for cid, _ in quoting})
        shared += len(segment.concepts) > 1
        for _cid, context in quoting:  # every concept shows the sentence's one translation
            assert context.translations == segment.translations
            assert context.provenance == segment.provenance
    assert shared >= 15


def test_spacing_does_not_make_another_sentence(shared: Path) -> None:
    with Glossary.open(shared) as g:
        cis = g.get("cis")
        cis.contexts[0].text = SENTENCE.replace(" three ", "  three\n")
        cis = g.put(cis)
        assert shown(g, "cis") == {"ru": RU, "kk": KK} and len(list(g.segments())) == 1


@pytest.mark.parametrize("spacing", [" three\u00a0", "\tthree ", " three\u2009", "  three  ",
                                     " three\u2028"])
def test_no_kind_of_spacing_makes_another_sentence(shared: Path, spacing: str) -> None:
    with Glossary.open(shared) as g:
        cis = g.get("cis")
        cis.contexts[0].text = SENTENCE.replace(" three ", spacing)
        assert cis.contexts[0].text != SENTENCE
        cis.contexts[0].translations["ru"] = "В ЕАЭС три основателя."
        g.put(cis)
        assert shown(g, "eeu") == {"ru": "В ЕАЭС три основателя.", "kk": KK}
        assert len(list(g.segments())) == 1


# -- editing one edits all, and history stays truthful ---------------------------------------
def test_editing_a_translation_through_one_concept_edits_it_for_every_concept(
        shared: Path) -> None:
    new = "ЕАЭО-ның үш негізін қалаушы мемлекеті бар."
    with Glossary.open(shared, author="bob") as g:
        eeu = g.get("eeu")
        eeu.contexts[0].translations["kk"] = new
        assert g.put(eeu).revision == 2
        assert shown(g, "cis") == shown(g, "eeu") == {"ru": RU, "kk": new}
        history = g.history("cis")
        assert [(r.revision, r.action, r.author) for r in history] == [
            (1, "import", "alice"), (2, "translation", "bob")]
        assert history[0].concept.contexts[0].translations["kk"] == KK  # what it showed then
        assert history[1].concept.contexts[0].translations["kk"] == new
        assert [r.action for r in g.history("eeu")] == ["import", "update"]
        assert [h.concept_id for h in g.lookup("негізін", scope="contexts")] == ["cis", "eeu"]


def test_undo_restores_what_the_concept_showed_for_everyone(shared: Path) -> None:
    with Glossary.open(shared) as g:
        eeu = g.get("eeu")
        eeu.contexts[0].translations["kk"] = "ЕАЭО-ның үш негізін қалаушы мемлекеті бар."
        g.put(eeu)
        g.undo("cis")  # its last change was the new translation: taken back, for eeu too
        assert shown(g, "cis") == shown(g, "eeu") == {"ru": RU, "kk": KK}
        assert [r.action for r in g.history("cis")] == ["import", "translation", "undo"]
        assert [r.action for r in g.history("eeu")] == ["import", "update", "translation"]
        for concept_id in ("cis", "eeu"):  # every revision shows what it showed
            for revision in g.history(concept_id):
                translations = revision.concept.contexts[0].translations
                assert translations["kk"] in (KK, "ЕАЭО-ның үш негізін қалаушы мемлекеті бар.")


def test_undo_of_a_sentence_once_untranslated_empties_it(tmp_path: Path) -> None:
    """Undo is exact: a revision that showed no translations shows none again."""
    path = tmp_path / "s.sqlite3"
    bare = EEU[:EEU.index("  translations:")]
    with Glossary.open(path, seed=False) as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": bare, "cis": CIS_QUOTING}))
        assert shown(g, "cis") == {}
        eeu = g.get("eeu")
        eeu.contexts[0].translations = {"ru": RU}
        g.put(eeu)
        assert shown(g, "cis") == {"ru": RU}
        g.undo("eeu")
        assert shown(g, "cis") == shown(g, "eeu") == {}
        assert [r.action for r in g.history("cis")] == ["import", "translation", "translation"]


def test_deleting_the_last_concept_quoting_a_sentence_and_undoing_it(shared: Path) -> None:
    with Glossary.open(shared) as g:
        cis = g.get("cis")
        cis.contexts = []
        g.put(cis)
        g.delete("eeu", g.get("eeu").revision, unlink=True)
        assert list(g.segments()) == []
        g.undo("eeu")  # its history holds what it showed: the translations come back
        assert shown(g, "eeu") == {"ru": RU, "kk": KK}


def test_a_context_without_translations_keeps_the_sentences(shared: Path) -> None:
    """A TBX without translations, an API caller that does not know them, a harvested
    sentence: none given erases nothing."""
    with Glossary.open(shared) as g:
        cis = g.get("cis")
        cis.contexts[0].translations = {}
        assert g.put(cis).revision == 1  # nothing changed
        assert shown(g, "cis") == {"ru": RU, "kk": KK}


def test_a_language_left_out_is_removed_everywhere(shared: Path) -> None:
    with Glossary.open(shared) as g:
        cis = g.get("cis")
        cis.contexts[0].translations = {"ru": RU}
        g.put(cis)
        assert shown(g, "eeu") == shown(g, "cis") == {"ru": RU}


def test_put_segment_sets_translations_exactly(shared: Path) -> None:
    with Glossary.open(shared, author="carol") as g:
        [segment] = g.segments()
        segment.translations["ru"] = "В ЕАЭС три государства-основателя."
        segment.provenance = {"ru": Provenance(BACK)}
        assert g.put_segment(segment) == ["cis", "eeu"]
        assert g.put_segment(segment) == []  # nothing changed
        assert shown(g, "eeu")["ru"] == "В ЕАЭС три государства-основателя."
        assert g.get("cis").contexts[0].kind("ru") is BACK
        segment.translations, segment.provenance = {}, {}
        assert g.put_segment(segment) == ["cis", "eeu"]  # explicitly emptied
        assert shown(g, "cis") == shown(g, "eeu") == {}
        assert [(r.action, r.author) for r in g.history("eeu")][-2:] == [
            ("translation", "carol"), ("translation", "carol")]
        g.undo("eeu")
        assert shown(g, "cis")["ru"] == "В ЕАЭС три государства-основателя."
        segment.text = "A sentence nobody quotes."
        with pytest.raises(NotFoundError, match="no concept quotes"):
            g.put_segment(segment)


# -- one import, one translation per sentence -------------------------------------------------
def test_two_translations_of_one_sentence_in_one_import_are_refused(shared: Path,
                                                                    tmp_path: Path) -> None:
    cis = cis_quoting(f"  translations:\n    ru: {RU}\n    kk: ЕАЭО-ның үш мүшесі бар.\n")
    folder = write_glossary(tmp_path / "conflict", {"eeu": EEU, "cis": cis})
    before = snapshot(shared)
    result = run("import", folder, store=shared)
    assert result.exit_code == 2
    cis_line = cis.splitlines().index("    kk: ЕАЭО-ның үш мүшесі бар.") + 1
    eeu_line = EEU.splitlines().index(f"    kk: {KK}") + 1
    assert result.stderr == (
        f"glossary: {folder}/concepts/eeu.yaml:{eeu_line}: field 'contexts[0].translations.kk': "
        f"the sentence «{SENTENCE}» (src-one, en) has one translation per language everywhere "
        "it is quoted, but this kk translation differs from the one given in "
        f"{folder}/concepts/cis.yaml:{cis_line} (field 'contexts[0].translations.kk')\n")
    assert snapshot(shared) == before


def test_the_same_in_json_and_jsonl(shared: Path, tmp_path: Path) -> None:
    run("export", "json", "-o", tmp_path / "g.json", store=shared)
    data = json.loads((tmp_path / "g.json").read_text())
    data["concepts"][0]["contexts"][0]["translations"]["ru"] = "Иначе."  # cis, not eeu
    (tmp_path / "g.json").write_text(json.dumps(data, ensure_ascii=False, indent=2))
    result = run("import", tmp_path / "g.json", store=shared)
    assert result.exit_code == 2
    assert f"{tmp_path / 'g.json'}:" in result.stderr and "differs from the one given in " \
        f"{tmp_path / 'g.json'}:" in result.stderr
    lines = [json.dumps({"source": s}, ensure_ascii=False) for s in data["sources"]]
    lines += [json.dumps(c, ensure_ascii=False) for c in data["concepts"]]
    (tmp_path / "g.jsonl").write_text("\n".join(lines) + "\n")
    result = run("import", tmp_path / "g.jsonl", store=shared)
    assert result.exit_code == 2
    assert (f"g.jsonl:3: field 'contexts[0].translations.ru': the sentence «{SENTENCE}» "
            f"(src-one, en) has one translation per language everywhere it is quoted, but this "
            f"ru translation differs from the one given in {tmp_path / 'g.jsonl'}:2 (field "
            "'contexts[0].translations.ru')") in result.stderr


def test_the_same_in_tbx(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    run("export", "tbx", "-o", out, store=shared)
    text = out.read_text()
    first = text.index(f"<descrip type=\"context\">{KK}</descrip>")
    out.write_text(text[:first] + text[first:].replace(KK, "ЕАЭО-ның үш мүшесі бар.", 1))
    result = run("import", out, store=shared)
    assert result.exit_code == 2
    assert "differs from the one given in" in result.stderr
    assert result.stderr.count(f"{out}:") == 2  # both entries, by line


def test_one_import_with_a_new_translation_revises_every_concept_quoting_it(
        shared: Path, tmp_path: Path) -> None:
    eeu = EEU.replace(KK, "ЕАЭО-ның үш негізін қалаушы мемлекеті бар.")
    folder = write_glossary(tmp_path / "new", {"eeu": eeu})
    dry = run_json("import", folder, "--dry-run", store=shared)
    assert dry["changed"] == ["eeu", "cis"] and dry["dry_run"] is True
    assert run_json("import", folder, store=shared)["changed"] == ["eeu", "cis"]
    assert run_json("show", "cis", store=shared)["contexts"][0]["translations"]["kk"] == (
        "ЕАЭО-ның үш негізін қалаушы мемлекеті бар.")
    assert [r["action"] for r in run_json("history", "cis", store=shared)] == [
        "import", "translation"]
    run("undo", "cis", store=shared)
    assert run_json("show", "eeu", store=shared)["contexts"][0]["translations"]["kk"] == KK


def test_a_concept_quoting_the_same_sentence_twice_cannot_translate_it_two_ways(
        shared: Path) -> None:
    with Glossary.open(shared) as g:
        cis = g.get("cis")
        cis.contexts.append(Context("en", SENTENCE, "src-one", {"ru": "Иначе.", "kk": KK}))
        with pytest.raises(TranslationConflictError) as caught:
            g.put(cis)
        assert caught.value.field == "contexts[1].translations.ru"
        assert str(caught.value).endswith(
            "differs from the one given in concept 'cis', field 'contexts[0].translations.ru'")


# -- what a translation is ---------------------------------------------------------------------
PROVENANCE = ("  provenance:\n    ru:\n      kind: back-translation\n"
              "      original: У союза три основателя\n"
              "      citation: Example Times, 18 April 2018\n"
              "      url: https://example.org/eeu\n")


def test_provenance_round_trips_through_yaml_json_and_jsonl(tmp_path: Path) -> None:
    store = tmp_path / "p.sqlite3"
    with Glossary.open(store, seed=False) as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": EEU + PROVENANCE, "cis": CIS}))
        context = g.get("eeu").contexts[0]
        assert context.provenance == {"ru": Provenance(
            BACK, "У союза три основателя", "Example Times, 18 April 2018",
            "https://example.org/eeu")}
        expected = [c.content() for c in g.concepts()]
    run("export", "yaml", "-o", tmp_path / "out", store=store)
    assert PROVENANCE in (tmp_path / "out" / "concepts" / "eeu.yaml").read_text()
    for kind, out in (("json", tmp_path / "g.json"), ("jsonl", tmp_path / "g.jsonl"),
                      ("yaml", tmp_path / "out")):
        if kind != "yaml":
            run("export", kind, "-o", out, store=store)
        again = tmp_path / f"{kind}.sqlite3"
        Glossary.open(again, seed=False).close()
        assert run("import", out, store=again).exit_code == 0
        with Glossary.open(again) as h:
            assert [c.content() for c in h.concepts()] == expected, kind


@pytest.mark.parametrize("provenance,field,message", [
    ("    ru:\n      kind: quote\n", "contexts[0].provenance.ru.kind",
     "unknown RenderingKind 'quote' (expected one of: translation, back-translation, original)"),
    ("    ru:\n      kind: back-translation\n      original: Слова\n",
     "contexts[0].provenance.ru.citation", "required field is missing: where were the "
     "speaker's words published? (citation, url)"),
    ("    ru:\n      kind: back-translation\n      citation: Somewhere\n",
     "contexts[0].provenance.ru.citation", "a citation goes with the speaker's original words: "
     "give 'original' too"),
    ("    ru:\n      original: Слова\n      citation: Somewhere\n",
     "contexts[0].provenance.ru.original", "only a back-translation has the speaker's original "
     "words and their citation (kind: back-translation), or an original (kind: original)"),
    ("    ru:\n      kind: original\n", "contexts[0].provenance.ru.citation",
     "required field is missing: where were the speaker's words published? (citation, url)"),
    ("    ru:\n      kind: original\n      citation: Somewhere\n      original: Слова\n",
     "contexts[0].provenance.ru.original", "the translation itself is the speaker's words "
     "(kind: original): leave 'original' out"),
    ("    ru:\n      kind: original\n      url: example.org\n", "contexts[0].provenance.ru.url",
     "'example.org' is not a web address (http:// or https://)"),
    ("    en:\n      kind: back-translation\n", "contexts[0].provenance.en",
     "says what the en translation is, but the context has no en translation (give "
     "translations.en too)"),
    ("    ru:\n      kind: original\n      citation: Somewhеre\n",
     "contexts[0].provenance.ru.citation", "word 'Somewhеre' mixes Latin and Cyrillic"),
])
def test_provenance_is_validated(tmp_path: Path, provenance: str, field: str,
                                 message: str) -> None:
    text = EEU + "  provenance:\n" + provenance
    folder = write_glossary(tmp_path / "y", {"eeu": text, "cis": CIS})
    result = run("import", folder, store=tmp_path / "s.sqlite3")
    # the line of the field, or of the mapping it is missing from
    first = len(EEU.splitlines()) + 2
    names = [line.strip().split(":")[0] for line in provenance.splitlines()]
    last = field.split(".")[-1]
    line = first + (names.index(last) if last in names else 0)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"glossary: {folder}/concepts/eeu.yaml:{line}: field '{field}': {message}"), \
        result.stderr


def test_what_a_translation_is_belongs_to_the_sentence(tmp_path: Path) -> None:
    """A write that does not say what a translation is keeps it; an original whose words
    are replaced becomes a back-translation keeping them as its original."""
    store = tmp_path / "p.sqlite3"
    with Glossary.open(store, seed=False) as g:
        g.import_path(write_glossary(tmp_path / "y", {"eeu": EEU + PROVENANCE, "cis": CIS}))
        eeu = g.get("eeu")
        eeu.contexts[0].provenance = {}  # a client that does not know provenance
        eeu.contexts[0].translations["ru"] = "У ЕАЭС три основателя."
        eeu = g.put(eeu)
        assert eeu.contexts[0].provenance["ru"].original == "У союза три основателя"
        eeu.contexts[0].provenance = {"ru": Provenance(RenderingKind.ORIGINAL,
                                                       citation="Example Times")}
        eeu = g.put(eeu)
        assert eeu.contexts[0].kind("ru") is RenderingKind.ORIGINAL
        eeu.contexts[0].provenance = {}
        eeu.contexts[0].translations["ru"] = "Наш перевод."
        eeu = g.put(eeu)
        assert eeu.contexts[0].provenance["ru"] == Provenance(
            BACK, "У ЕАЭС три основателя.", "Example Times")
        eeu.contexts[0].provenance = {"ru": Provenance()}  # said explicitly: ours
        assert g.put(eeu).contexts[0].provenance == {}


def test_show_po_tbx_and_dictionaries_say_what_a_translation_is(bundled_store: Path,
                                                                tmp_path: Path) -> None:
    shown_text = run("show", "konstantin-kosachev", store=bundled_store).stdout
    assert "ru (our back-translation: not the speaker's words): Константин Косачёв" in shown_text
    assert ("the speaker's words, as published (Konstantin Kosachev on Facebook, quoted by "
            "Novaya Gazeta, 17 April 2018): «Почти без неожиданностей.") in " ".join(
                shown_text.split())
    in_russian = run("--ui-lang", "ru", "show", "konstantin-kosachev", store=bundled_store).stdout
    assert "ru (наш обратный перевод, а не слова говорившего): Константин Косачёв" in in_russian
    assert "слова говорившего в публикации (Konstantin Kosachev on Facebook" in " ".join(
        in_russian.split())
    data = run_json("show", "konstantin-kosachev", store=bundled_store)
    assert data["contexts"][0]["provenance"]["ru"]["kind"] == "back-translation"

    run("export", "po", "-o", tmp_path / "po", "--target", "ru", store=bundled_store)
    po = (tmp_path / "po" / "ru" / "LC_MESSAGES" / "glossary.po").read_text()
    assert ("#. Context (Russian, our back-translation (not the speaker's words) of the English "
            "quotation): Константин Косачёв") in po
    assert "#. Russian original (Konstantin Kosachev on Facebook" in po
    assert "#. Context (Russian, our translation of the English quotation): " in po
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null",
                            tmp_path / "po" / "ru" / "LC_MESSAGES" / "glossary.po"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr

    run("export", "tbx", "-o", tmp_path / "g.tbx", store=bundled_store)
    tbx = (tmp_path / "g.tbx").read_text()
    assert ("<note>Back-translation by the glossary's editors, from the English quotation: not "
            "the speaker's own words. Russian original (Konstantin Kosachev on Facebook") in tbx

    run("export", "stardict", "-o", tmp_path / "dicts", store=bundled_store)
    sdcv = subprocess.run(["sdcv", "-n", "--data-dir", str(tmp_path / "dicts"), "Косачёв"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(sdcv.split())
    assert "ru (our back-translation: not the speaker's words): Константин Косачёв" in flat
    assert "Russian original (Konstantin Kosachev on Facebook, quoted by Novaya Gazeta" in flat


# -- stores of the previous schema -----------------------------------------------------------
def test_a_schema_5_store_is_migrated_one_translation_per_sentence(shared: Path) -> None:
    """Documents that held their own, differing translations: the most recently modified
    concept's is kept, and a concept that then shows another gets a revision saying so."""
    before_segments(shared)
    conn = sqlite3.connect(shared, isolation_level=None)
    doc = json.loads(conn.execute("SELECT doc FROM concepts WHERE id = 'cis'").fetchone()[0])
    doc["contexts"][0]["translations"]["kk"] = "ЕАЭО-ның үш мүшесі бар."
    conn.execute("UPDATE concepts SET doc = ?, modified = '2999-01-01' WHERE id = 'cis'",
                 (json.dumps(doc, ensure_ascii=False),))
    conn.close()
    with Glossary.open(shared) as g:
        assert shown(g, "eeu") == shown(g, "cis") == {"ru": RU, "kk": "ЕАЭО-ның үш мүшесі бар."}
        assert [(r.action, r.author) for r in g.history("eeu")] == [
            ("import", "alice"), ("translation", "sozdik")]
        assert g.history("eeu")[0].concept.contexts[0].translations["kk"] == KK
        assert [r.action for r in g.history("cis")] == ["import"]
        assert g.doctor() == []
        g.undo("eeu")
        assert shown(g, "cis")["kk"] == KK


def test_doctor_names_damaged_translations_and_a_stale_index(shared: Path,
                                                             tmp_path: Path) -> None:
    run("export", "yaml", "-o", tmp_path / "backup", store=shared)
    damage = "UPDATE segments SET doc = '{\"translations\": {\"ru\": [7]}}'"
    sqlite3.connect(shared, isolation_level=None).execute(damage).connection.close()
    result = run("doctor", "--json", store=shared)
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["kind"] == "segment" and problem["subject"].startswith("segment:")
    assert problem["fix"].startswith("import a YAML, JSON or JSONL export")  # no earlier revision
    assert "field 'translations.ru': expected text, got a list" in problem["message"]
    assert run("show", "eeu", store=shared).exit_code == 2  # damaged: named, not shown wrong
    assert run("import", tmp_path / "backup", store=shared).exit_code == 0
    assert run("doctor", store=shared).exit_code == 0
    with Glossary.open(shared) as g:  # with an earlier revision, undo repairs it too
        eeu = g.get("eeu")
        eeu.contexts[0].translations["ru"] = "В ЕАЭС три основателя."
        g.put(eeu)
    sqlite3.connect(shared, isolation_level=None).execute(damage).connection.close()
    [problem] = json.loads(run("doctor", "--json", store=shared).stdout)["problems"]
    assert problem["fix"].startswith("glossary undo cis (its previous revision sets")
    assert run("undo", "cis", store=shared).exit_code == 0
    assert run_json("show", "eeu", store=shared)["contexts"][0]["translations"]["ru"] == RU

    conn = sqlite3.connect(shared, isolation_level=None)
    conn.execute("DELETE FROM citations WHERE concept_id = 'cis'")
    conn.close()
    problems = json.loads(run("doctor", "--json", store=shared).stdout)["problems"]
    assert [p["kind"] for p in problems] == ["index"] and "cis" in problems[0]["message"]
    assert run("doctor", "--fix", store=shared).exit_code == 0
    assert run("doctor", store=shared).exit_code == 0
    assert run_json("show", "cis", store=shared)["contexts"][0]["translations"]["kk"] == KK


def test_a_model_error_names_the_field() -> None:
    with pytest.raises(InputError, match="field 'provenance.kk'"):
        Context.from_dict({"lang": "en", "text": "A.", "source": "s", "translations": {"ru": "А."},
                           "provenance": {"kk": {"kind": "back-translation"}}})
