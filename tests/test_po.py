"""gettext: POT / PO / MO export in every direction, and translators' PO files back in.

Every catalogue is checked by GNU msgfmt and read back by polib, Babel and
(the MO) Python's gettext, so what translators' tools and programs load is
what the store holds.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po
from conftest import CIS, EEU, SOLOVYOV, run, run_json, snapshot, write_glossary

from glossary import Glossary, StoreBusyError, TermStatus, TermType

MSGFMT = shutil.which("msgfmt")

RESOLUTION = """\
id: resolution
subjects: [international-organizations]
langs:
  en:
    terms:
    - text: resolution
      type: fullForm
      status: preferred
      forms: {one: resolution, other: resolutions}
  ru:
    terms:
    - text: резолюция
      type: fullForm
      status: preferred
      forms: {one: резолюция, few: резолюции, many: резолюций}
    - text: постановление
      type: variant
      status: deprecated
      note: A decision of a domestic body, not of the UN.
  kk:
    terms:
    - text: қарар
      type: fullForm
      status: preferred
      forms: {one: қарар, other: қарарлар}
"""

ODD = """\
id: odd
langs:
  en:
    terms:
    - text: Odd Union
      type: fullForm
      status: preferred
    - text: Odd Union
      type: variant
      status: admitted
    - text: "He said \\"no\\"\\\\"
      type: phrase
      status: admitted
  kk:
    terms:
    - text: Тақ одақ
      type: fullForm
      status: preferred
      reviewed: false
"""

DIRECTIONS = [("en", "ru"), ("en", "kk"), ("ru", "kk"), ("kk", "ru")]


@pytest.fixture
def po_store(tmp_path: Path) -> Path:
    """The mini glossary plus plural forms, an unreviewed term and odd data."""
    root = write_glossary(tmp_path / "po-data", {"eeu": EEU, "cis": CIS, "solovyov": SOLOVYOV,
                                                 "resolution": RESOLUTION, "odd": ODD})
    path = tmp_path / "po.sqlite3"
    with Glossary.open(path, seed=False) as g:
        g.import_path(root)
    return path


def export(store: Path, out: Path, *args: str) -> Path:
    result = run("export", "po", "-o", out, *args, store=store)
    assert result.exit_code == 0, result.stderr
    return out


def msgfmt_check(path: Path) -> None:
    assert MSGFMT, "GNU gettext (msgfmt) is needed; .ci/run installs it"
    done = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # the only warning allowed is the template's empty Language
    warnings = [w for w in done.stderr.splitlines() if "warning" in w]
    assert all("'Language'" in w and path.suffix == ".pot" for w in warnings), done.stderr


def by_key(path: Path) -> dict[tuple[str | None, str], polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path))}


# -- layout, validity, readers ------------------------------------------------------
@pytest.mark.parametrize("source,target", DIRECTIONS)
def test_every_direction_is_valid_for_msgfmt_polib_babel_and_gettext(
        bundled_store: Path, tmp_path: Path, source: str, target: str) -> None:
    out = export(bundled_store, tmp_path / "po", "--source", source, "--target", target)
    po = out / target / "LC_MESSAGES" / "glossary.po"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "glossary.pot", f"{target}/LC_MESSAGES/glossary.mo", f"{target}/LC_MESSAGES/glossary.po"]
    msgfmt_check(out / "glossary.pot")
    msgfmt_check(po)
    with Glossary.open(bundled_store) as g:
        concepts = {c.id: c for c in g.concepts()}
    polib_entries = polib.pofile(str(po))
    assert polib_entries.metadata["Language"] == target
    assert polib_entries.metadata["X-Source-Language"] == source
    babel_catalog = read_po(po.open("rb"))
    assert str(babel_catalog.locale) == target
    assert len(babel_catalog) == len(polib_entries)  # Babel does not count the header
    translation = gettext.translation("glossary", localedir=str(out), languages=[target])
    checked = 0
    for entry in polib_entries:
        concept = concepts[entry.msgctxt]
        source_texts = {t.forms.get("one", t.text) for t in concept.langs[source].terms}
        assert entry.msgid in source_texts
        target_texts = {t.text for t in concept.langs[target].terms} | {
            f for t in concept.langs[target].terms for f in t.forms.values()}
        message = babel_catalog.get(entry.msgid, context=entry.msgctxt)
        if entry.msgid_plural:
            strings = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            assert list(message.string) == strings
        else:
            strings = [entry.msgstr]
            assert message.string == entry.msgstr
            if entry.msgstr and not entry.fuzzy:
                assert translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
                checked += 1
        assert all(s in target_texts for s in strings if s), (entry.msgctxt, strings)
    assert checked > 50


def test_the_mo_answers_pgettext_in_kazakh(bundled_store: Path, tmp_path: Path) -> None:
    out = export(bundled_store, tmp_path / "po")  # default: en → ru, kk
    kk = gettext.translation("glossary", localedir=str(out), languages=["kk"])
    ru = gettext.translation("glossary", localedir=str(out), languages=["ru"])
    assert kk.pgettext("eeu", "Eurasian Economic Union") == "Еуразиялық экономикалық одақ"
    assert kk.pgettext("eeu", "EEU") == "ЕАЭО"  # acronym for acronym
    assert ru.pgettext("eeu", "EEU") == "ЕАЭС"
    assert ru.pgettext("csto", "CSTO") == "ОДКБ"


def test_header(po_store: Path, tmp_path: Path) -> None:
    out = export(po_store, tmp_path / "po", "--target", "ru,kk", "--domain", "terms")
    ru = polib.pofile(str(out / "ru" / "LC_MESSAGES" / "terms.po")).metadata
    kk = polib.pofile(str(out / "kk" / "LC_MESSAGES" / "terms.po")).metadata
    pot = polib.pofile(str(out / "terms.pot")).metadata
    assert ru["Plural-Forms"].startswith("nplurals=3;") and kk["Plural-Forms"].startswith(
        "nplurals=2;")
    assert ru["Language"] == "ru" and kk["Language"] == "kk" and pot["Language"] == ""
    for meta in (ru, kk, pot):
        assert meta["Content-Type"] == "text/plain; charset=UTF-8"
        assert meta["X-Generator"].startswith("Sozdik")
        assert "terms" in meta["Project-Id-Version"]
    with Glossary.open(po_store) as g:
        changed = g.stats()["last_change"]
    assert ru["PO-Revision-Date"] == f"{changed[:10]} {changed[11:16]}+0000"


def test_entries_terms_types_and_fallbacks(mini_store: Path, tmp_path: Path) -> None:
    out = export(mini_store, tmp_path / "po")
    kk = by_key(out / "kk" / "LC_MESSAGES" / "glossary.po")
    ru = by_key(out / "ru" / "LC_MESSAGES" / "glossary.po")
    # one entry per preferred/admitted English term, msgctxt the concept id
    assert sorted(k for k in kk if k[0] == "eeu") == [
        ("eeu", "EAEU"), ("eeu", "EEU"), ("eeu", "Eurasian Economic Union")]
    assert kk[("eeu", "EEU")].msgstr == "ЕАЭО"          # acronym → acronym
    assert kk[("eeu", "EAEU")].msgstr == "ЕАЭО"         # admitted acronym → preferred acronym
    assert ru[("solovyov", "Vladimir Solovyev")].msgstr == "Владимир Соловьёв"  # no variant: preferred
    assert kk[("solovyov", "Vladimir Solovyov")].msgstr == ""  # no Kazakh yet
    pot = by_key(out / "glossary.pot")
    assert set(pot) == set(kk) and all(e.msgstr == "" for e in pot.values())


def test_comments_carry_what_a_translator_needs(mini_store: Path, tmp_path: Path) -> None:
    out = export(mini_store, tmp_path / "po")
    entry = by_key(out / "ru" / "LC_MESSAGES" / "glossary.po")[("eeu", "EEU")]
    comments = entry.comment.splitlines()
    assert "Definition (English): An economic union of five post-Soviet states." in comments
    assert "Definition (Russian): Экономический союз пяти постсоветских государств." in comments
    assert ("do not use: ЕврАзЭС (deprecated): A different, dissolved organization."
            in comments)
    assert "Context (English, src-one): The EEU has three founding members." in comments
    assert ("Context (Russian, our translation of the English quotation): "
            "У ЕАЭС три государства-основателя.") in comments
    assert entry.occurrences == [("src-one", "")]
    kk_entry = by_key(out / "kk" / "LC_MESSAGES" / "glossary.po")[("eeu", "EEU")]
    assert not any("ЕврАзЭС" in c for c in kk_entry.comment.splitlines())


def test_plural_forms_follow_each_languages_rule(po_store: Path, tmp_path: Path) -> None:
    out = export(po_store, tmp_path / "po")
    for lang in ("ru", "kk"):
        msgfmt_check(out / lang / "LC_MESSAGES" / "glossary.po")
    ru = by_key(out / "ru" / "LC_MESSAGES" / "glossary.po")[("resolution", "resolution")]
    kk = by_key(out / "kk" / "LC_MESSAGES" / "glossary.po")[("resolution", "resolution")]
    assert ru.msgid_plural == "resolutions"
    assert ru.msgstr_plural == {0: "резолюция", 1: "резолюции", 2: "резолюций"}
    assert kk.msgstr_plural == {0: "қарар", 1: "қарарлар"}
    ru_mo = gettext.translation("glossary", localedir=str(out), languages=["ru"])
    kk_mo = gettext.translation("glossary", localedir=str(out), languages=["kk"])
    assert [ru_mo.npgettext("resolution", "resolution", "resolutions", n)
            for n in (1, 3, 5, 21, 11)] == ["резолюция", "резолюции", "резолюций", "резолюция",
                                            "резолюций"]
    assert kk_mo.npgettext("resolution", "resolution", "resolutions", 7) == "қарарлар"
    # from Russian, the msgid is the singular and msgid_plural the "many" form
    back = export(po_store, tmp_path / "back", "--source", "ru", "--target", "en")
    en = by_key(back / "en" / "LC_MESSAGES" / "glossary.po")[("resolution", "резолюция")]
    assert en.msgid_plural == "резолюций" and en.msgstr_plural == {0: "resolution",
                                                                   1: "resolutions"}


def test_unreviewed_is_fuzzy_and_left_out_of_the_mo(po_store: Path, tmp_path: Path) -> None:
    out = export(po_store, tmp_path / "po", "--target", "kk")
    entry = by_key(out / "kk" / "LC_MESSAGES" / "glossary.po")[("odd", "Odd Union")]
    assert entry.msgstr == "Тақ одақ" and "fuzzy" in entry.flags
    kk = gettext.translation("glossary", localedir=str(out), languages=["kk"])
    assert kk.pgettext("odd", "Odd Union") == "Odd Union"  # gettext's "not translated"


def test_same_text_twice_in_a_concept_gives_one_entry(po_store: Path, tmp_path: Path) -> None:
    out = export(po_store, tmp_path / "po", "--target", "kk")
    po = out / "kk" / "LC_MESSAGES" / "glossary.po"
    msgfmt_check(po)  # msgfmt refuses a duplicate msgctxt + msgid
    entries = [e for e in polib.pofile(str(po)) if e.msgctxt == "odd"]
    assert [e.msgid for e in entries] == ["Odd Union", 'He said "no"\\']
    assert "Also recorded as: variant, admitted" in entries[0].comment


def test_export_is_deterministic(po_store: Path, tmp_path: Path) -> None:
    first = export(po_store, tmp_path / "one")
    second = export(po_store, tmp_path / "two")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) == 5
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_bad_directions_exit_2(mini_store: Path, tmp_path: Path) -> None:
    for args, field in [(["--target", "de"], "--target"), (["--source", "kk", "--target", "kk"],
                                                           "--target"),
                        (["--domain", "../x"], "--domain")]:
        result = run("export", "po", "-o", tmp_path / "po", *args, store=mini_store)
        assert result.exit_code == 2 and field in result.stderr, result.stderr
    assert not (tmp_path / "po").exists()


# -- import -------------------------------------------------------------------------
def edit(po: Path, changes: dict[tuple[str, str], str], out: Path) -> Path:
    catalog = polib.pofile(str(po))
    for entry in catalog:
        if (entry.msgctxt, entry.msgid) in changes:
            entry.msgstr = changes[(entry.msgctxt, entry.msgid)]
    catalog.save(str(out))
    return out


def test_unchanged_file_changes_nothing(mini_store: Path, tmp_path: Path) -> None:
    out = export(mini_store, tmp_path / "po")
    before = snapshot(mini_store)
    with Glossary.open(mini_store) as g:
        last = g.stats()["last_change"]
    data = run_json("import", out / "kk" / "LC_MESSAGES" / "glossary.po", store=mini_store)
    assert data["added"] == data["changed"] == data["conflicts"] == []
    assert len(data["unchanged"]) == 5 and len(data["untranslated"]) == 2
    assert snapshot(mini_store) == before
    with Glossary.open(mini_store) as g:
        assert g.stats()["last_change"] == last


def test_translators_work_comes_back_for_review(mini_store: Path, tmp_path: Path) -> None:
    out = export(mini_store, tmp_path / "po", "--target", "kk")
    po = edit(out / "kk" / "LC_MESSAGES" / "glossary.po",
              {("solovyov", "Vladimir Solovyov"): "Владимир Соловьев",
               ("eeu", "EEU"): "ЕЭО"}, tmp_path / "kk.po")
    result = run("import", po, store=mini_store)
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.endswith("1 added, 0 changed, 4 unchanged, 1 conflict, 1 untranslated")
    assert "differs from the reviewed term «ЕАЭО», which stays" in result.stdout
    with Glossary.open(mini_store) as g:
        solovyov = g.get("solovyov").langs["kk"].terms
        assert [(t.text, t.status, t.reviewed) for t in solovyov] == [
            ("Владимир Соловьев", TermStatus.PREFERRED, False)]
        kk = g.get("eeu").langs["kk"].terms
        assert kk[1].text == "ЕАЭО" and kk[1].reviewed  # the reviewed term is untouched
        assert (kk[-1].text, kk[-1].type, kk[-1].status, kk[-1].reviewed) == (
            "ЕЭО", TermType.ACRONYM, TermStatus.ADMITTED, False)
        queue = g.review_queue()
        assert {(i.concept_id, i.text) for i in queue} == {("solovyov", "Владимир Соловьев"),
                                                           ("eeu", "ЕЭО")}
        revisions = {c: len(g.history(c)) for c in ("eeu", "cis", "solovyov")}
    # the same file again: nothing new
    again = run_json("import", po, store=mini_store)
    assert again["added"] == again["changed"] == again["conflicts"] == []
    with Glossary.open(mini_store) as g:
        assert {c: len(g.history(c)) for c in revisions} == revisions
        g.review(next(i for i in g.review_queue() if i.text == "ЕЭО"), approve=False)
        assert [t.text for t in g.get("eeu").langs["kk"].terms] == ["Еуразиялық экономикалық одақ",
                                                                    "ЕАЭО"]


def test_a_proposal_is_revised_in_place(mini: Glossary, tmp_path: Path) -> None:
    mini.export_po(tmp_path / "po", targets=["kk"])
    po = edit(tmp_path / "po" / "kk" / "LC_MESSAGES" / "glossary.po",
              {("solovyov", "Vladimir Solovyov"): "Владимир Соловьёв"}, tmp_path / "a.po")
    mini.import_po(po)
    po = edit(po, {("solovyov", "Vladimir Solovyov"): "Владимир Соловьев"}, tmp_path / "b.po")
    plan = mini.import_po(po)
    assert [o.concept_id for o in plan.changed] == ["solovyov"] and not plan.conflicts
    assert [t.text for t in mini.get("solovyov").langs["kk"].terms] == ["Владимир Соловьев"]


def entry_lines(po: Path) -> dict[tuple[str, str], int]:
    """(msgctxt, msgid) → the entry's line, as an import names it: its msgctxt's."""
    text = po.read_text(encoding="utf-8").splitlines()
    return {(text[i][len('msgctxt "'):-1], text[i + 1][len('msgid "'):-1]): i + 1
            for i in range(len(text) - 1) if text[i].startswith('msgctxt "')}


def test_an_entry_repeating_an_earlier_ones_rendering_is_counted_as_that_one(
        mini_store: Path, tmp_path: Path) -> None:
    """Two msgids of a concept rendered alike: the second brings what the first did (the
    store had neither), so it is counted as that, naming the first's line, not unchanged."""
    out = export(mini_store, tmp_path / "po", "--target", "kk")
    kk = out / "kk" / "LC_MESSAGES" / "glossary.po"
    alike = {("solovyov", "Vladimir Solovyov"): "Владимир Соловьёв",
             ("solovyov", "Vladimir Solovyev"): "Владимир Соловьёв",
             ("eeu", "EEU"): "ЕЭО", ("eeu", "EAEU"): "ЕЭО"}
    po = edit(kk, alike, tmp_path / "first.po")
    msgfmt_check(po)
    lines = entry_lines(po)
    data = run_json("import", po, store=mini_store)
    first, second = (lines[("solovyov", "Vladimir Solovyov")],
                     lines[("solovyov", "Vladimir Solovyev")])
    assert [(o["msgid"], o["line"], o.get("reason")) for o in data["added"]] == [
        ("Vladimir Solovyov", first, None),
        ("Vladimir Solovyev", second, f"the same rendering as line {first}")]
    acronyms = [(o["msgid"], o["reason"]) for o in data["conflicts"]]
    assert acronyms[0] == ("EEU", "differs from the reviewed term «ЕАЭО», which stays; added "
                                  "beside it for review")
    assert acronyms[1] == ("EAEU", f"the same rendering as line {lines[('eeu', 'EEU')]}: "
                                   f"{acronyms[0][1]}")
    assert "Vladimir" not in str(data["unchanged"]) and "EAEU" not in str(data["unchanged"])
    # a proposal revised: both entries again, alike; each is a change to what was stored
    po = edit(po, {key: "Владимир Соловьев" for key in alike if key[0] == "solovyov"},
              tmp_path / "second.po")
    msgfmt_check(po)
    first, second = (entry_lines(po)[("solovyov", "Vladimir Solovyov")],
                     entry_lines(po)[("solovyov", "Vladimir Solovyev")])
    result = run("import", po, store=mini_store)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith(
        "0 added, 2 changed, 5 unchanged, 0 conflicts")
    assert (f"line {second}: solovyov «Vladimir Solovyev» → «Владимир Соловьев»: the same "
            f"rendering as line {first}") in result.stdout
    with Glossary.open(mini_store) as g:
        assert [t.text for t in g.get("solovyov").langs["kk"].terms] == ["Владимир Соловьев"]


CSTO = """\
id: csto
langs:
  en:
    terms:
    - text: Collective Security Treaty Organization
      type: fullForm
      status: preferred
    - text: CSTO
      type: acronym
      status: preferred
    - text: ODKB
      type: acronym
      status: admitted
  kk:
    terms:
    - text: Ұжымдық қауіпсіздік туралы шарт ұйымы
      type: fullForm
      status: preferred
"""


def test_two_entries_rendering_one_term_differently_are_a_conflict(tmp_path: Path) -> None:
    """Two msgids of a concept (two English acronyms) give different renderings of the one
    Kazakh acronym they both map to: the second overwrote the first's proposal (counted as
    added, then changed); now the first stays and the second is a conflict naming its line."""
    store = tmp_path / "csto.sqlite3"
    with Glossary.open(store, seed=False) as g:
        g.import_path(write_glossary(tmp_path / "y", {"csto": CSTO}))
    out = export(store, tmp_path / "po", "--target", "kk")
    po = edit(out / "kk" / "LC_MESSAGES" / "glossary.po",
              {("csto", "CSTO"): "ҰҚШҰ", ("csto", "ODKB"): "ҰҚШ"}, tmp_path / "x.po")
    msgfmt_check(po)
    first = entry_lines(po)[("csto", "CSTO")]
    data = run_json("import", po, store=store)
    assert [(o["msgid"], o["line"]) for o in data["added"]] == [("CSTO", first)]
    assert [(o["msgid"], o["reason"]) for o in data["conflicts"]] == [
        ("ODKB", f"line {first} of this file gave «ҰҚШҰ» for the same term, which stays; "
                 "nothing changed")]
    assert not data["changed"]
    with Glossary.open(store) as g:
        assert [t.text for t in g.get("csto").langs["kk"].terms][1:] == ["ҰҚШҰ"]


def test_unknown_context_is_reported_not_created(mini_store: Path, tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: kk\\n"\n"X-Source-Language: en\\n"\n\n'
                  'msgctxt "no-such-concept"\nmsgid "Thing"\nmsgstr "Нәрсе"\n\n'
                  'msgid "No context"\nmsgstr "Мәнмәтінсіз"\n', encoding="utf-8")
    before = snapshot(mini_store)
    data = run_json("import", po, store=mini_store)
    assert [(u["id"], u["line"]) for u in data["unknown"]] == [("no-such-concept", 6),
                                                               (None, 10)]
    assert snapshot(mini_store) == before


def test_deprecated_rendering_is_a_conflict_that_changes_nothing(mini_store: Path,
                                                                 tmp_path: Path) -> None:
    out = export(mini_store, tmp_path / "po", "--target", "ru")
    po = edit(out / "ru" / "LC_MESSAGES" / "glossary.po", {("eeu", "EEU"): "ЕврАзЭС"},
              tmp_path / "ru.po")
    before = snapshot(mini_store)
    data = run_json("import", po, store=mini_store)
    assert [(c["id"], c["msgstr"]) for c in data["conflicts"]] == [("eeu", "ЕврАзЭС")]
    assert "deprecated" in data["conflicts"][0]["reason"]
    # the reason names the status in the messages' language, as 'show' names it
    russian = run_json("--ui-lang", "ru", "import", po, store=mini_store)
    assert "нерекомендуемый" in russian["conflicts"][0]["reason"]
    assert "deprecated" not in russian["conflicts"][0]["reason"]
    assert snapshot(mini_store) == before


def test_plural_entries_come_back_as_forms(po_store: Path, tmp_path: Path) -> None:
    with Glossary.open(po_store) as g:
        concept = g.get("resolution")
        del concept.langs["kk"]
        g.put(concept)
        g.export_po(tmp_path / "po", targets=["kk"])
    po = tmp_path / "po" / "kk" / "LC_MESSAGES" / "glossary.po"
    catalog = polib.pofile(str(po))
    entry = catalog.find("resolution", msgctxt="resolution")
    entry.msgstr_plural = {0: "қарар", 1: "қарарлар"}
    catalog.save(str(po))
    with Glossary.open(po_store) as g:
        plan = g.import_po(po)
        assert [o.msgid for o in plan.added] == ["resolution"]
        term = g.get("resolution").langs["kk"].terms[0]
    assert (term.text, term.forms, term.reviewed) == ("қарар", {"one": "қарар",
                                                                "other": "қарарлар"}, False)


def test_blank_plural_forms_are_not_a_change(po_store: Path, tmp_path: Path) -> None:
    out = export(po_store, tmp_path / "po", "--target", "ru")
    po = out / "ru" / "LC_MESSAGES" / "glossary.po"
    catalog = polib.pofile(str(po))
    catalog.find("resolution", msgctxt="resolution").msgstr_plural[2] = ""
    catalog.save(str(po))
    before = snapshot(po_store)
    data = run_json("import", po, store=po_store)
    assert ["resolution"] == [u["msgid"] for u in data["unchanged"] if u["id"] == "resolution"]
    assert snapshot(po_store) == before


def test_language_comes_from_the_header(mini_store: Path, tmp_path: Path) -> None:
    out = export(mini_store, tmp_path / "po", "--target", "ru")
    text = (out / "ru" / "LC_MESSAGES" / "glossary.po").read_text(encoding="utf-8")
    moved = tmp_path / "somewhere.po"
    # a translator's tool may write ru_RU and drop our X-Source-Language
    moved.write_text(text.replace('"Language: ru\\n"', '"Language: ru_RU\\n"')
                     .replace('"X-Source-Language: en\\n"\n', "")
                     .replace('msgstr "ЕАЭС"', 'msgstr "ЕАЭС-2"', 1), encoding="utf-8")
    data = run_json("import", moved, store=mini_store)
    assert (data["language"], data["source_language"]) == ("ru", "en")
    assert [(c["id"], c["msgstr"]) for c in data["conflicts"]] == [("eeu", "ЕАЭС-2")]
    no_lang = tmp_path / "nolang.po"
    no_lang.write_text(text.replace('"Language: ru\\n"\n', ""), encoding="utf-8")
    result = run("import", no_lang, store=mini_store)
    assert result.exit_code == 2 and "field 'Language'" in result.stderr
    assert f"{no_lang}:5:" in result.stderr


@pytest.mark.parametrize("body,line,message", [
    ('msgctxt "eeu"\nmsgid "EEU"\nmsgstr "ЕАЭО\n', 12, "unterminated string"),
    ('msgctxt "eeu"\nmsgid "EEU"\nmsgstr "ЕАЭО"\nmsgstr "x"\n', 13, "a second msgstr"),
    ('msgctxt "eeu"\nmsgid "EEU"\nmsgtsr "ЕАЭО"\n', 12, "unknown keyword 'msgtsr'"),
    ('msgctxt "eeu"\nmsgid "EEU"\nmsgstr "a"\n\nmsgctxt "eeu"\nmsgid "EEU"\nmsgstr "b"\n', 14,
     "duplicate entry"),
    ('msgctxt "eeu"\nmsgid "EEU"\nmsgstr "ЕАЭO"\n', 12, "mixes Latin and Cyrillic"),  # the msgstr's line
    ('msgctxt "eeu"\nmsgid "EEU"\nmsgstr "x\\q"\n', 12, "invalid escape"),
])
def test_malformed_po_is_refused_and_changes_nothing(mini_store: Path, tmp_path: Path,
                                                     body: str, line: int, message: str) -> None:
    po = tmp_path / "bad.po"
    header = ('msgid ""\nmsgstr ""\n"Language: kk\\n"\n"X-Source-Language: en\\n"\n\n'
              'msgctxt "cis"\nmsgid "CIS"\nmsgstr "ТМД-жаңа"\n\n')
    po.write_text(header + body, encoding="utf-8")
    before = snapshot(mini_store)
    result = run("import", po, store=mini_store)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"glossary: {po}:{line}: ") and message in result.stderr, \
        result.stderr
    assert snapshot(mini_store) == before


def test_octal_escapes_are_read_three_digits_at_most(mini_store: Path, tmp_path: Path
                                                     ) -> None:
    po = tmp_path / "octal.po"  # "\0502": "(" then "2"; "\51" (two digits): ")"
    po.write_text('msgid ""\nmsgstr ""\n"Language: kk\\n"\n"X-Source-Language: en\\n"\n\n'
                  'msgctxt "cis"\nmsgid "CIS"\nmsgstr "ТМД \\0502\\51"\n', encoding="utf-8")
    result = run("import", po, store=mini_store)
    assert result.exit_code == 0, result.stderr
    with Glossary.open(mini_store) as g:
        assert "ТМД (2)" in [t.text for t in g.get("cis").langs["kk"].terms]


def test_an_import_plans_under_the_write_lock(mini_store: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Another editor cannot save while an import works out its changes: the plan
    never goes stale, and concurrent imports queue up instead of failing."""
    out = export(mini_store, tmp_path / "po", "--target", "kk")
    po = edit(out / "kk" / "LC_MESSAGES" / "glossary.po",
              {("solovyov", "Vladimir Solovyov"): "Владимир Соловьев",
               ("cis", "CIS"): "ТМД-2"}, tmp_path / "kk.po")
    from glossary.formats import po as po_format
    real = po_format.plan_import
    refused = []

    def meanwhile(path, get, tick=None, **kwargs):  # another editor tries to save cis
        plan = real(path, get, tick, **kwargs)
        monkeypatch.setenv("SOZDIK_BUSY_TIMEOUT", "0.2")
        with Glossary.open(mini_store) as other:
            concept = other.get("cis")
            concept.langs["en"].note = "edited meanwhile"
            with pytest.raises(StoreBusyError, match="another process is writing"):
                other.put(concept)
            refused.append(True)
        return plan

    monkeypatch.setattr(po_format, "plan_import", meanwhile)
    with Glossary.open(mini_store) as g:
        g.import_po(po)
        assert refused and g.get("solovyov").langs["kk"].terms[0].text == "Владимир Соловьев"
        assert g.get("cis").langs["en"].note is None
