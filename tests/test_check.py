"""Terminology QA of translations: `glossary check` and `Glossary.check*`.

Text pairs through the CLI and the Python API; catalogues written with
Translate Toolkit's own classes (XLIFF 1.2, XLIFF 2.0, TMX) and by hand (PO).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run

from glossary import Glossary, Term, TermStatus, TermType

# A correct rendering, inflected as the sentence needs, is never a problem:
# (source lang, source, target lang, target, concepts the source names)
CORRECT = [
    # Russian: cases and numbers of every word of multiword terms; acronyms
    ("en", "The Eurasian Economic Union has five members.",
     "ru", "В Евразийском экономическом союзе пять членов.", {"eeu"}),
    ("en", "The bill was passed by the State Duma.",
     "ru", "Законопроект принят Государственной думой.", {"state-duma"}),
    ("en", "Russia raised the issue at the UN Security Council.",
     "ru", "Россия подняла вопрос в Совбезе ООН.", {"russia", "un-security-council"}),
    ("en", "He spoke of the impact of Western sanctions on the post-Soviet space.",
     "ru", "Он говорил о последствиях западных санкций для постсоветского пространства.",
     {"western-sanctions", "post-soviet-space"}),
    ("en", "Armenia joined the EEU in 2015.", "ru", "Армения вступила в ЕАЭС в 2015 году.",
     {"eeu"}),
    # Kazakh: case, possessive and plural endings; acronyms with endings
    ("en", "Kazakhstan joined the EEU in 2015.", "kk", "Қазақстан 2015 жылы ЕАЭО-ға кірді.",
     {"kazakhstan", "eeu"}),
    ("en", "The CSTO's members met in Moscow.", "kk", "ҰҚШҰ-ның мүшелері Мәскеуде бас қосты.",
     {"csto"}),
    ("en", "The presidency of the UN Security Council passed to Kazakhstan.",
     "kk", "БҰҰ Қауіпсіздік Кеңесінің төрағалығы Қазақстанға өтті.",
     {"un-security-council", "kazakhstan"}),
    ("en", "Russia has embassies in every CIS country.",
     "kk", "Ресейдің ТМД-ның барлық елдерінде елшіліктері бар.", {"russia", "embassy", "cis"}),
    ("kk", "Қазақстан Еуразиялық экономикалық одаққа мүше.",
     "ru", "Казахстан является членом Евразийского экономического союза.",
     {"kazakhstan", "eeu"}),
    # English: plurals, possessives
    ("ru", "Западные санкции против России ужесточились.",
     "en", "Western sanctions against Russia were tightened.", {"western-sanctions", "russia"}),
    ("ru", "Члены ОДКБ собрались в Москве.", "en", "The CSTO's members gathered in Moscow.",
     {"csto"}),
    ("ru", "Посольства Казахстана закрыты.", "en", "Kazakhstan's embassies are closed.",
     {"embassy", "kazakhstan"}),
    # the press's name for an office holds the ministry's acronym: the office is named
    ("ru", "Глава МИД Казахстана встретился с генсеком ОДКБ.",
     "en", "Kazakhstan's Foreign Minister met the CSTO Secretary General.",
     {"foreign-minister", "kazakhstan", "csto"}),
    ("kk", "Ресей СІМ басшысы Астанаға келді.", "en", "Russia's foreign minister came to Astana.",
     {"foreign-minister", "russia"}),
    ("en", "Russia's Foreign Minister Sergei Lavrov commented.",
     "ru", "Министр иностранных дел России Сергей Лавров заявил.",
     {"foreign-minister", "russia", "sergei-lavrov"}),
    # a name in quotes, inflected; an office's short form
    ("en", "It first appeared in The Jamestown Foundation's Eurasia Daily Monitor.",
     "ru", "Она впервые вышла в Eurasia Daily Monitor фонда «Джеймстаун».",
     {"jamestown-foundation", "eurasia-daily-monitor"}),
    ("en", "It first appeared in The Jamestown Foundation's Eurasia Daily Monitor.",
     "kk", "Ол алғаш «Джеймстаун» қорының Eurasia Daily Monitor басылымында шықты.",
     {"jamestown-foundation", "eurasia-daily-monitor"}),
    ("en", "Deputy Minister Yerzhan Ashikbayev promised measures.",
     "ru", "Заместитель министра Ержан Ашикбаев пообещал принять меры.",
     {"deputy-foreign-minister", "yerzhan-ashikbayev"}),
    ("ru", "Казахстан воздержался при голосовании.", "en", "Kazakhstan abstained in the vote.",
     {"kazakhstan", "abstention"}),
]


@pytest.mark.parametrize("src_lang, source, tgt_lang, target, concepts", CORRECT)
def test_a_correct_inflected_rendering_is_never_flagged(bundled: Glossary, src_lang: str,
                                                        source: str, tgt_lang: str, target: str,
                                                        concepts: set[str]) -> None:
    report = bundled.check(source, target, source_lang=src_lang, target_lang=tgt_lang)
    assert {s.concept for s in bundled.annotate(source, lang=src_lang)} >= concepts
    assert report.terms >= len(concepts)
    assert report.problems == [] and report.ok


def _files(tmp_path: Path, source: str, target: str) -> tuple[Path, Path]:
    src, tgt = tmp_path / "source.txt", tmp_path / "target.txt"
    src.write_text(source, encoding="utf-8")
    tgt.write_text(target, encoding="utf-8")
    return src, tgt


SOURCE = """\
The Eurasian Economic Union (EEU) was founded in 2014.
Kazakhstan abstained on the resolution.
The CSTO is a military alliance.
"""
TARGET = """\
Евразийский экономический союз (ЕАЭС) был основан в 2014 году.
Казахстан воздержался.
ЕврАзЭС — военный союз, как и НАТО.
"""


def test_problems_with_their_places_in_both_files(tmp_path: Path, bundled_store: Path) -> None:
    src, tgt = _files(tmp_path, SOURCE, TARGET)
    result = run("check", src, tgt, "--json", store=bundled_store)
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert (data["source_lang"], data["target_lang"], data["alignment"]) == ("en", "ru", "line")
    assert data["ok"] is False and data["segments"] == 3
    by_kind = {(p["kind"], p["concept"]): p for p in data["problems"]}
    # line 2: the resolution is not named in the translation
    missing = by_kind[("missing", "resolution")]
    assert missing["severity"] == "error"
    assert (missing["source"]["line"], missing["source"]["column"]) == (2, 29)
    assert SOURCE.splitlines()[1][28:38] == "resolution"
    assert (missing["target"]["line"], missing["target"]["column"]) == (3 - 1, 1)
    assert missing["expected"][0] == "резолюция" and missing["source_text"] == "resolution"
    # line 3: the CSTO rendered by a forbidden acronym of another body, NATO not in the source
    forbidden = by_kind[("forbidden", "eeu")]
    assert forbidden["severity"] == "error" and forbidden["target_text"] == "ЕврАзЭС"
    assert (forbidden["target"]["line"], forbidden["target"]["column"]) == (3, 1)
    assert forbidden["expected"][0] == "ЕАЭС"  # the replacement of the same type first
    assert by_kind[("missing", "csto")]["expected"] == [
        "Организация Договора о коллективной безопасности", "ОДКБ"]
    unexpected = by_kind[("unexpected", "nato")]
    assert unexpected["source"] is None and unexpected["target"]["column"] == 31
    assert TARGET.splitlines()[2][30:34] == "НАТО"
    # the problems come in source order; every one has a severity and a message
    assert [p["source"]["line"] if p["source"] else p["target"]["line"]
            for p in data["problems"]] == sorted(
        p["source"]["line"] if p["source"] else p["target"]["line"] for p in data["problems"])


def test_text_output_reads_like_a_compiler(tmp_path: Path, bundled_store: Path) -> None:
    src, tgt = _files(tmp_path, SOURCE, TARGET)
    result = run("check", src, tgt, store=bundled_store)
    assert result.exit_code == 1
    assert f"{src}:2:29: error: missing [resolution] «resolution» is not rendered: expected " \
           f"«резолюция»" in result.stdout
    assert f"(target {tgt}:2:1)" in result.stdout
    assert f"{tgt}:3:31: warning: unexpected [nato] «НАТО»" in result.stdout
    assert "en → ru:" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("ui_lang,summary", [
    # one line each: compared as a whole document
    ("en", "en → ru: 1 source term in 1 whole document; 1 error, 0 warnings, 0 notes"),
    ("ru", "en → ru: 1 термин оригинала в 1 документе целиком; 1 ошибка, 0 предупреждений, "
           "0 замечаний"),
    ("kk", "en → ru: 1 тұтас құжатта түпнұсқаның 1 термині; 1 қате, 0 ескерту, 0 ескертпе")])
def test_the_summary_counts_in_each_languages_plural_forms(
        tmp_path: Path, bundled_store: Path, ui_lang: str, summary: str) -> None:
    src, tgt = _files(tmp_path, "The CSTO is a military alliance.\n", "Это военный союз.\n")
    result = run("--ui-lang", ui_lang, "check", src, tgt, store=bundled_store)
    assert result.exit_code == 1 and result.stdout.splitlines()[-1] == summary
    two = run("--ui-lang", ui_lang, "check", *_files(tmp_path, SOURCE, TARGET),
              store=bundled_store).stdout.splitlines()[-1]
    assert two == {"en": "en → ru: 6 source terms in 3 lines; 3 errors, 1 warning, 0 notes",
                   "ru": "en → ru: 6 терминов оригинала в 3 строках; 3 ошибки, "
                         "1 предупреждение, 0 замечаний",
                   "kk": "en → ru: 3 жолда түпнұсқаның 6 термині; 3 қате, 1 ескерту, "
                         "0 ескертпе"}[ui_lang]


def test_a_clean_translation_exits_0(tmp_path: Path, bundled_store: Path) -> None:
    src, tgt = _files(tmp_path, "Kazakhstan joined the EEU.\n",
                      "Қазақстан ЕАЭО-ға кірді.\n")
    result = run("check", src, tgt, "--json", store=bundled_store)
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["problems"] == []


def test_alignment_by_paragraph_then_whole_document(tmp_path: Path, bundled: Glossary) -> None:
    source = "Kazakhstan joined the EEU.\nIt did so in 2015.\n\nThe CSTO met.\n"
    target = "Қазақстан 2015 жылы ЕАЭО-ға кірді.\n\nҰҚШҰ жиналды.\n"
    report = bundled.check(source, target)
    assert (report.alignment, report.segments, report.problems) == ("paragraph", 2, [])
    report = bundled.check(source, "Қазақстан ЕАЭО-ға 2015 жылы кірді. ҰҚШҰ жиналды.")
    assert (report.alignment, report.segments, report.problems) == ("document", 1, [])
    # aligned by line, a rendering on the wrong line is missing where it belongs
    report = bundled.check("The EEU met.\nThe CSTO met.\n", "ҰҚШҰ жиналды.\nЕАЭО жиналды.\n")
    assert report.alignment == "line"
    assert [(p.kind, p.concept, p.source.line) for p in report.problems
            if p.kind == "missing"] == [("missing", "eeu", 1), ("missing", "csto", 2)]


def test_inconsistent_variants_are_a_note(bundled: Glossary) -> None:
    source = "Russia spoke at the UNSC.\nThe UNSC voted.\nThe UNSC adjourned.\n"
    target = "Россия выступила в СБ ООН.\nСовбез ООН проголосовал.\nСБ ООН прервал заседание.\n"
    report = bundled.check(source, target)
    (note,) = [p for p in report.problems if p.kind == "inconsistent"]
    assert note.severity == "info" and note.concept == "un-security-council"
    assert note.variants == {"СБ ООН": 2, "Совбез ООН": 1}
    assert (note.target.line, note.target.column) == (2, 1)
    assert report.ok  # a note alone is not a failure
    # a full form and its acronym are house style, not inconsistency
    report = bundled.check("The EEU met.\nThe EEU voted.\n",
                           "Евразийский экономический союз собрался.\nЕАЭС проголосовал.\n")
    assert report.problems == []


def test_a_name_turned_adjective_is_only_a_note(bundled: Glossary) -> None:
    report = bundled.check("It is a pillar of Russia's diplomacy.",
                           "Это опора российской дипломатии.")
    (problem,) = report.problems
    assert (problem.kind, problem.severity) == ("missing", "info")
    assert "«российской»" in problem.message and report.ok


@pytest.mark.parametrize("source, source_lang, derived", [
    ("The Russian president spoke.", "en", "Russian"),
    ("Российский президент выступил.", "ru", "Российский"),
])
def test_a_name_standing_for_its_adjective_is_only_a_note(
        bundled: Glossary, source: str, source_lang: str, derived: str) -> None:
    target = "Ресей президенті сөйледі."  # Kazakh puts the noun where English has an adjective
    report = bundled.check(source, target, source_lang=source_lang, target_lang="kk")
    (problem,) = report.problems
    assert (problem.kind, problem.severity, problem.concept) == ("unexpected", "info", "russia")
    assert problem.message.endswith(f"; the source has the derived word «{derived}»")
    assert report.ok
    # a name the source has no trace of is still a warning
    other = bundled.check(source.replace(f"{derived} ", ""), target, source_lang=source_lang,
                          target_lang="kk")
    assert [(p.kind, p.severity) for p in other.problems] == [("unexpected", "warning")]


# a rendering written with the wrong letters: (target lang, target, concept, as written,
# the glossary term, the wrong letters named)
MISSPELLED = [
    ("kk", "Казакстан ҰҚШҰ мүшесі.", "kazakhstan", "Казакстан", "Қазақстан",
     "«К» for «Қ», «к» for «қ»"),
    # a form annotate's tables do not have (a derived word): found by the term's letters
    ("kk", "Казакстансыз ҰҚШҰ жоқ.", "kazakhstan", "Казакстансыз", "Қазақстан",
     "«К» for «Қ», «к» for «қ»"),
    ("kk", "Қазaқстан ҰҚШҰ мүшесі.", "kazakhstan", "Қазaқстан", "Қазақстан",
     "Latin «a» for Cyrillic «а»"),
    ("kk", "Қазақстан Ужымдык кауипсиздик туралы шарт уйымынын мүшесі.", "csto",
     "Ужымдык кауипсиздик туралы шарт уйымынын", "Ұжымдық қауіпсіздік туралы шарт ұйымы",
     "«У» for «Ұ», «к» for «қ», «и» for «і», «у» for «ұ», «н» for «ң»"),  # the ending too
    ("ru", "Кaзахстан входит в ОДКБ.", "kazakhstan", "Кaзахстан", "Казахстан",
     "Latin «a» for Cyrillic «а»"),
    ("ru", "Казахстан входит в ОДKБ.", "csto", "ОДKБ", "ОДКБ", "Latin «K» for Cyrillic «К»"),
]


@pytest.mark.parametrize("lang, target, concept, written, term, letters", MISSPELLED)
def test_a_rendering_with_look_alike_letters_is_misspelled_not_missing(
        bundled: Glossary, lang: str, target: str, concept: str, written: str, term: str,
        letters: str) -> None:
    report = bundled.check("Kazakhstan is a member of the CSTO.", target, source_lang="en",
                           target_lang=lang)
    (problem,) = report.problems
    assert (problem.kind, problem.severity, problem.concept) == ("misspelled", "error", concept)
    assert (problem.target_text, problem.target_term, problem.expected[0]) == (
        written, term, term)
    assert target[problem.target.offset:].startswith(written)
    assert problem.message == f"«{written}» misspells «{term}»: {letters}"


def test_an_acronym_mostly_in_look_alike_letters_is_misspelled(bundled: Glossary) -> None:
    # three Latin letters of four: the Cyrillic Э, which has no look-alike, settles it
    report = bundled.check("The EEU met.", "EAЭC собрался.", source_lang="en",
                           target_lang="ru")
    (problem,) = report.problems
    assert (problem.kind, problem.target_text, problem.expected[0]) == (
        "misspelled", "EAЭC", "ЕАЭС")
    assert problem.message == ("«EAЭC» misspells «ЕАЭС»: Latin «E» for Cyrillic «Е», "
                               "Latin «A» for Cyrillic «А», Latin «C» for Cyrillic «С»")


def test_a_misspelling_beside_a_right_rendering_is_still_named(bundled: Glossary) -> None:
    report = bundled.check("Kazakhstan is a member of the CSTO. Kazakhstan abstained.",
                           "Казахстан входит в ОДКБ. Кaзахстан воздержался.",
                           source_lang="en", target_lang="ru")
    assert [(p.kind, p.target_text, str(p.target)) for p in report.problems] == [
        ("misspelled", "Кaзахстан", "1:26")]
    twice = bundled.check("Kazakhstan and Kazakhstan.", "Кaзахстан и Кaзахстан.",
                          source_lang="en", target_lang="ru")
    assert [(p.kind, str(p.target)) for p in twice.problems] == [
        ("misspelled", "1:1"), ("misspelled", "1:13")]


def test_a_misspelled_rendering_through_the_cli(tmp_path: Path, bundled_store: Path) -> None:
    src, tgt = _files(tmp_path, "The EEU met.\nKazakhstan abstained.\n",
                      "ЕАЭО жиналды.\nКазакстан қалыс қалды.\n")
    result = run("check", src, tgt, "--target-lang", "kk", store=bundled_store)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{src}:2:1: error: misspelled [kazakhstan] «Казакстан» misspells «Қазақстан»: «К» for "
        f"«Қ», «к» for «қ» (target {tgt}:2:1)")
    russian = run("--ui-lang", "ru", "check", src, tgt, "--target-lang", "kk",
                  store=bundled_store).stdout
    assert "«Казакстан»: ошибка в написании «Қазақстан»: «К» вместо «Қ», «к» вместо «қ»" \
        in russian


def test_kazakh_typed_without_its_letters_is_recognised_as_kazakh(bundled: Glossary) -> None:
    report = bundled.check("Kazakhstan is a member of the EEU and the CSTO.",
                           "Казакстан Еуразиялык экономикалык одактын жане Ужымдык кауипсиздик "
                           "туралы шарт уйымынын мушеси.")
    assert report.target_lang == "kk"
    assert [(p.kind, p.concept) for p in report.problems] == [
        ("misspelled", "kazakhstan"), ("misspelled", "eeu"), ("misspelled", "csto")]
    # Russian stays Russian, with or without the words the two languages share
    russian = bundled.check("Kazakhstan is a member of the CSTO.",
                            "Да, Казахстан входит в ОДКБ, и те страны тоже.")
    assert russian.target_lang == "ru" and russian.problems == []


def test_look_alikes_do_not_hide_a_missing_rendering(bundled: Glossary) -> None:
    # Kazakh typed plain only stands for a term it spells; a word that is not the term
    # leaves the rendering missing
    report = bundled.check("Kazakhstan is a member of the CSTO.", "Біздің ел ҰҚШҰ-ны қолдайды.",
                           source_lang="en", target_lang="kk")
    assert [(p.kind, p.concept) for p in report.problems] == [("missing", "kazakhstan")]
    # a correct spelling beside a word of mixed scripts is no problem
    report = bundled.check("Kazakhstan is a member of the CSTO.", "Қазақстан ҰҚШҰ мүшесi.",
                           source_lang="en", target_lang="kk")
    assert report.problems == []


def test_the_bundled_translations_of_every_quotation_check_without_an_error(
        bundled: Glossary) -> None:
    # our own Russian and Kazakh translations of the articles' sentences: an error here is
    # a gap in the glossary or a false alarm of the check
    errors = []
    for sentence in bundled.segments():
        for lang, translation in sentence.translations.items():
            report = bundled.check(sentence.text, translation, source_lang=sentence.lang,
                                   target_lang=lang)
            errors += [(lang, p.concept, p.message) for p in report.problems
                       if p.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("source, src_lang, target, tgt_lang, concept, letters", [
    # a letter added, inside an inflected word of a multiword term
    ("The Eurasian Economic Union has five members.", "en",
     "В Евразийском экономичесском союзе пять членов.", "ru", "eeu",
     "«экономичесском» for «экономический»"),
    # a letter left out, before a Kazakh ending
    ("Kazakhstan is a member of the Eurasian Economic Union.", "en",
     "Қазақстан Еуразялық экономикалық одаққа мүше.", "kk", "eeu",
     "«Еуразялық» for «Еуразиялық»"),
    # two letters swapped
    ("Казахстан воздержался.", "ru", "Kazakhtsan abstained.", "en", "kazakhstan",
     "«Kazakhtsan» for «Kazakhstan»"),
    # the last letter of a name left out (the article's own typo)
    ("Программа «Вечер с Владимиром Соловьёвым» вышла.", "ru",
     "The Evening with Vladimi Solovyov aired.", "en", "evening-with-vladimir-solovyov",
     "«Vladimi» for «Vladimir»"),
])
def test_a_rendering_with_one_slip_of_the_keyboard_is_misspelled(
        bundled: Glossary, source: str, src_lang: str, target: str, tgt_lang: str,
        concept: str, letters: str) -> None:
    report = bundled.check(source, target, source_lang=src_lang, target_lang=tgt_lang)
    slips = [p for p in report.problems if p.kind == "misspelled"]
    assert [(p.severity, p.concept) for p in slips] == [("error", concept)]
    assert slips[0].message.endswith(letters)
    assert slips[0].target_text and slips[0].target_text in target
    assert not [p for p in report.problems if p.kind == "missing"]


@pytest.mark.parametrize("source, src_lang, target, tgt_lang, concept", [
    # a word derived from the term is not a slip: a letter added after its stem, or
    # another term of the glossary
    ("Россия поддержала резолюцию.", "ru", "A Russian-backed resolution.", "en", "russia"),
    ("Он говорил о казахстанской экономике.", "ru", "He spoke of Kazakhstan's economy.",
     "en", "kazakhstani"),
    # nor is a short word one letter away from an acronym
    ("The UN voted.", "en", "ОНН проголосовала.", "ru", "united-nations"),
])
def test_another_word_near_the_term_is_not_called_a_slip(
        bundled: Glossary, source: str, src_lang: str, target: str, tgt_lang: str,
        concept: str) -> None:
    report = bundled.check(source, target, source_lang=src_lang, target_lang=tgt_lang)
    assert [p.kind for p in report.problems if p.concept == concept] == ["missing"]


def test_a_slip_through_the_cli(tmp_path: Path, bundled_store: Path) -> None:
    src, tgt = _files(tmp_path, "The Eurasian Economic Union has five members.\n",
                      "В Евразийском экономичесском союзе пять членов.\n")
    result = run("check", src, tgt, store=bundled_store)
    assert result.exit_code == 1
    assert ("error: misspelled [eeu] «Евразийском экономичесском союзе» misspells "
            "«Евразийский экономический союз»: «экономичесском» for «экономический» "
            f"(target {tgt}:1:3)") in result.output


def test_a_term_inside_a_longer_rendering_is_rendered(bundled: Glossary) -> None:
    # the target names the Federation Council's committee where the source describes it:
    # the Council is rendered (inside the committee's name), the committee is unexpected
    report = bundled.check(
        "The chairman of the committee for international affairs at the Federation Council "
        "spoke.", "Федерация Кеңесінің халықаралық істер жөніндегі комитетінің төрағасы "
        "сөз сөйледі.", source_lang="en", target_lang="kk")
    assert [(p.kind, p.severity, p.concept) for p in report.problems] == [
        ("unexpected", "warning", "federation-council-committee-on-international-affairs")]
    # a longer term that does not hold the source's term leaves it missing
    report = bundled.check("The Federation Council met.", "Мемлекеттік Дума жиналды.",
                           source_lang="en", target_lang="kk")
    assert ("missing", "federation-council") in {(p.kind, p.concept) for p in report.problems}


def test_the_ministry_for_its_minister_is_flagged(bundled: Glossary) -> None:
    # the office and the body are two concepts: one rendered as the other is both a
    # missing term and an unexpected one
    report = bundled.check("Kazakhstan's Foreign Minister met the CSTO Secretary General.",
                           "Министерство иностранных дел Казахстана встретилось с генсеком ОДКБ.",
                           source_lang="en", target_lang="ru")
    assert {(p.kind, p.concept) for p in report.problems} == {
        ("missing", "foreign-minister"), ("unexpected", "ministry-of-foreign-affairs")}


def test_forbidden_rendering_gives_the_replacement(mini_store: Path, tmp_path: Path) -> None:
    with Glossary.open(mini_store) as g:
        eeu = g.get("eeu")
        eeu.langs["ru"].terms.append(Term("Евразийский союз", TermType.SHORT_FORM,
                                          TermStatus.FORBIDDEN, note="Another project."))
        g.put(eeu)
        report = g.check("The Eurasian Economic Union grows.", "Евразийский союз растёт.")
    (problem,) = report.problems
    assert (problem.kind, problem.severity, problem.concept) == ("forbidden", "error", "eeu")
    assert problem.target_text == "Евразийский союз" and problem.source_text == \
        "Eurasian Economic Union"
    assert problem.expected == ("Евразийский экономический союз", "ЕАЭС")
    assert "Another project." in problem.message and "use «Евразийский экономический союз»" \
        in problem.message


def test_bad_input_exits_2(tmp_path: Path, bundled_store: Path) -> None:
    src, tgt = _files(tmp_path, "The EEU.\n", "ЕАЭС.\n")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02")
    for args in ([src, binary], [src, tmp_path / "missing.txt"], [src],
                 [src, tgt, "--source-lang", "ru", "--target-lang", "ru"]):
        result = run("check", *args, store=bundled_store)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("glossary: ")
    assert "bin.txt" in run("check", src, binary, store=bundled_store).stderr


def test_ambiguous_spans_are_never_confident_errors(bundled: Glossary) -> None:
    """A span the engine cannot decide (its candidates) is at most a warning, and a target
    rendering of any candidate satisfies it."""
    from glossary.annotate import Span
    from glossary.check import Checker, check_texts

    def annotate(text: str, lang: str) -> list[Span]:
        word = {"en": "Security Council", "ru": "Совет Безопасности"}[lang]
        at = text.find(word)
        if at < 0:
            return []
        return [Span(at, at + len(word), word, "un-security-council", word, lang, "shortForm",
                     "admitted", "exact", ambiguous=True,
                     candidates=("un-security-council", "security-council-of-kazakhstan"))]

    checker = Checker(annotate, bundled.get, "en", "ru")
    (missing,) = check_texts(checker, "The Security Council met.", "Совбез собрался.").problems
    assert (missing.kind, missing.severity) == ("missing", "warning")
    assert "may also not be a glossary term" in missing.message
    checker = Checker(annotate, bundled.get, "en", "ru")
    assert check_texts(checker, "The Security Council met.",
                       "Совет Безопасности собрался.").problems == []
    # an ambiguous target word the source does not explain is no claim either way
    checker = Checker(annotate, bundled.get, "en", "ru")
    assert check_texts(checker, "They met.", "Совет Безопасности собрался.").problems == []


# -- catalogues and translation memories -------------------------------------------------
PO = """\
msgid ""
msgstr ""
"Language: ru\\n"
"X-Source-Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: article.txt:1
msgid "Kazakhstan joined the EEU in 2015."
msgstr "Казахстан вступил в ЕАЭС в 2015 году."

msgid "The CSTO is a military alliance."
msgstr "ЕврАзЭС — военный союз."

#, fuzzy
msgid "The EEU has five members."
msgstr "ЕврАзЭС"

msgid "Western sanctions"
msgstr ""
"
"""


def test_po_catalogue(tmp_path: Path, bundled_store: Path) -> None:
    path = tmp_path / "article.po"
    path.write_text(PO.replace('"\n"\n', '"\n'), encoding="utf-8")
    result = run("check", path, "--json", store=bundled_store)
    assert result.exit_code == 1, result.stderr
    (report,) = json.loads(result.stdout)["reports"]
    assert (report["source_lang"], report["target_lang"], report["alignment"]) == (
        "en", "ru", "entry")
    assert report["skipped"] == {"untranslated": 1, "fuzzy": 1} and report["segments"] == 2
    kinds = {(p["kind"], p["concept"], p["entry"], (p["source"] or p["target"])["line"])
             for p in report["problems"]}
    assert kinds == {("missing", "csto", "The CSTO is a military alliance.", 11),
                     ("forbidden", "eeu", "The CSTO is a military alliance.", 11)}
    text = run("check", path, store=bundled_store).stdout
    assert f"{path}:11: The CSTO is a military alliance.: error: forbidden [eeu]" in text
    assert "skipped 1 untranslated entry, 1 fuzzy entry" in text
    russian = run("--ui-lang", "ru", "check", path, store=bundled_store).stdout
    assert "пропущено: 1 непереведённая запись, 1 неточная запись" in russian


def _xliff(tmp_path: Path, version: int) -> Path:
    """An en→kk XLIFF file written by Translate Toolkit itself."""
    from translate.storage import xliff, xliff2

    if version == 1:
        store = xliff.xlifffile(sourcelanguage="en", targetlanguage="kk")
    else:
        store = xliff2.Xliff2File()
        store.setsourcelanguage("en")
        store.settargetlanguage("kk")
    for uid, source, target, fuzzy in [
        ("u1", "Kazakhstan joined the EEU in 2015.", "Қазақстан 2015 жылы ЕАЭО-ға кірді.", False),
        ("u2", "The CSTO's members met.", "Мүшелер бас қосты.", False),
        ("u3", "The CIS met.", "", False),
    ]:
        unit = store.addsourceunit(source)
        unit.setid(uid)
        if target:
            unit.target = target
        if fuzzy:
            unit.markfuzzy(True)
    path = tmp_path / f"article-{version}.xlf"
    path.write_bytes(bytes(store))
    return path


@pytest.mark.parametrize("version", [1, 2])
def test_xliff_read_with_translate_toolkit(tmp_path: Path, bundled: Glossary, version: int) -> None:
    path = _xliff(tmp_path, version)
    (report,) = bundled.check_catalogue(path)
    assert (report.source_lang, report.target_lang) == ("en", "kk")
    assert report.skipped["untranslated"] == 1 and report.segments == 2
    (problem,) = report.problems
    assert (problem.kind, problem.concept, problem.entry) == ("missing", "csto", "u2")
    unit_line = next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                     if 'id="u2"' in line or "id='u2'" in line)
    assert problem.source.line == unit_line
    assert "«ҰҚШҰ»" in problem.message


CAT_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="article.txt" source-language="en-US" target-language="ru-RU" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>The CSTO met in Minsk.</source>
        <target state="translated">Собрание прошло в Минске.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>The <g id="b">EEU</g> met in Astana.</source>
        <target state="final">В Астане собрался <g id="b">ЕврАзЭС</g>.</target>
      </trans-unit>
      <trans-unit id="3">
        <source>Kazakhstan abstained.</source>
        <target>Казахстан воздержался.</target>
      </trans-unit>
      <trans-unit id="4">
        <source>The CIS met.</source>
        <target state="new">The CIS met.</target>
      </trans-unit>
      <trans-unit id="5">
        <source>The UN met.</source>
        <target state="needs-review-translation" state-qualifier="fuzzy-match">ООН</target>
      </trans-unit>
      <trans-unit id="6">
        <source>Russia voted.</source>
        <target/>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_of_a_cat_tool_is_checked_without_approved_attributes(
        tmp_path: Path, bundled_store: Path) -> None:
    # memoQ, Trados, Weblate, Xcode and Angular say a unit is done with the target's
    # state; they do not write approved="yes", and such units are not drafts
    path = tmp_path / "article.xlf"
    path.write_text(CAT_XLIFF, encoding="utf-8")
    result = run("check", path, "--json", store=bundled_store)
    assert result.exit_code == 1, result.output
    (report,) = json.loads(result.stdout)["reports"]
    assert (report["source_lang"], report["target_lang"]) == ("en", "ru")
    assert report["segments"] == 3
    assert report["skipped"] == {"fuzzy": 2, "untranslated": 1}
    assert {(p["kind"], p["concept"], p["entry"]) for p in report["problems"]} == {
        ("missing", "csto", "1"), ("forbidden", "eeu", "2")}


def test_tmx_read_with_translate_toolkit(tmp_path: Path, bundled_store: Path) -> None:
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="en", targetlanguage="ru")
    for source, target in [("The EEU met in Astana.", "ЕАЭС собрался в Астане."),
                           ("The CSTO met in Minsk.", "ЕврАзЭС собрался в Минске."),
                           ("Not yet translated.", None)]:
        unit = store.addsourceunit(source)
        if target:
            unit.target = target
    path = tmp_path / "memory.tmx"
    path.write_bytes(bytes(store))
    result = run("check", path, "--json", store=bundled_store)
    assert result.exit_code == 1
    (report,) = json.loads(result.stdout)["reports"]
    assert (report["source_lang"], report["target_lang"]) == ("en", "ru")
    assert {(p["kind"], p["concept"]) for p in report["problems"]} == {
        ("missing", "csto"), ("forbidden", "eeu")}
    line = next(i for i, x in enumerate(path.read_text("utf-8").splitlines(), 1) if "Minsk" in x)
    assert all(line - 3 <= (p["source"] or p["target"])["line"] <= line
               for p in report["problems"])


def test_xml_with_entities_is_refused_before_parsing(tmp_path: Path, bundled_store: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The CSTO", encoding="utf-8")
    for name, body in [
        ("laughs.xlf", '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                       '<xliff version="1.2"><file source-language="en" target-language="ru">'
                       '<body><trans-unit id="1"><source>&b;</source><target>x</target>'
                       '</trans-unit></body></file></xliff>'),
        ("external.tmx", f'<!DOCTYPE tmx [<!ENTITY s SYSTEM "file://{secret}">]>'
                         '<tmx version="1.4"><header srclang="en"/><body><tu>'
                         '<tuv xml:lang="en"><seg>&s;</seg></tuv>'
                         '<tuv xml:lang="ru"><seg>x</seg></tuv></tu></body></tmx>'),
    ]:
        path = tmp_path / name
        path.write_text('<?xml version="1.0"?>\n' + body, encoding="utf-8")
        result = run("check", path, store=bundled_store)
        assert result.exit_code == 2 and "entities" in result.stderr, result.stderr


def test_a_broken_catalogue_names_its_line(tmp_path: Path, bundled_store: Path) -> None:
    path = tmp_path / "broken.xlf"
    path.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n',
                    encoding="utf-8")
    result = run("check", path, store=bundled_store)
    assert result.exit_code == 2 and f"{path}:4" in result.stderr
    po = tmp_path / "nolang.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "The EEU"\nmsgstr "ЕАЭС"\n', encoding="utf-8")
    result = run("check", po, store=bundled_store)
    assert result.exit_code == 2 and "Language" in result.stderr
    assert run("check", po, "--target-lang", "ru", store=bundled_store).exit_code == 0


def test_a_text_without_letters_asks_for_its_language(tmp_path: Path, mini_store: Path) -> None:
    """An empty translation (or one of digits only) has no language to detect: it was taken
    for English and refused as "the source and the target are both 'en'"."""
    source = tmp_path / "source.txt"
    source.write_text("The CIS met in 2019.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    digits = tmp_path / "digits.txt"
    digits.write_text("2019\n", encoding="utf-8")
    for target in (empty, digits):
        result = run("check", source, target, store=mini_store)
        assert (result.exit_code, result.stderr) == (2, (
            "glossary: field 'target-lang': the target has no letters to tell its language "
            "by: give --target-lang\n"))
    given = run("check", source, empty, "--target-lang", "ru", "--json", store=mini_store)
    assert given.exit_code == 1
    assert [p["kind"] for p in json.loads(given.stdout)["problems"]] == ["missing"]
    reverse = run("--ui-lang", "ru", "check", empty, source, store=mini_store)
    assert reverse.exit_code == 2 and "в оригинале нет букв" in reverse.stderr
