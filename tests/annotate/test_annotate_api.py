"""Glossary.annotate through the Python API: every form class, every trap class, offsets."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import (
    MATCH_KINDS,
    Concept,
    Glossary,
    InputError,
    MatchRules,
    Span,
    Term,
    detect_language,
)

# (form class, lang, text, the span's text, concept, match)
FORMS = [
    ("ru cases of a multiword term", "ru", "Депутаты Государственной думы согласились.",
     "Государственной думы", "state-duma", "inflected"),
    ("ru agreement, genitive", "ru", "Бюджет Евразийского экономического союза вырос.",
     "Евразийского экономического союза", "eeu", "inflected"),
    ("ru abbreviation + fixed acronym", "ru", "Вопрос обсудили в Совбезе ООН.",
     "Совбезе ООН", "un-security-council", "inflected"),
    ("ru locative of an adjective + noun", "ru", "Интеграция на постсоветском пространстве.",
     "постсоветском пространстве", "post-soviet-space", "inflected"),
    ("ru plural genitive", "ru", "Волна западных санкций.", "западных санкций",
     "western-sanctions", "inflected"),
    ("ru hyphenated apposition", "ru", "Среди государств-учредителей нет Армении.",
     "государств-учредителей", "founding-member", "inflected"),
    ("ru verb", "ru", "Казахстан воздержался.", "воздержался", "abstention", "inflected"),
    ("ru acronym with a hyphenated ending", "ru", "Бюджет ЕАЭС-а утвердили.", "ЕАЭС-а", "eeu",
     "acronym"),
    ("ru acronym with a glued ending", "ru", "Нота МИДом выпущена.", "МИДом",
     "ministry-of-foreign-affairs", "acronym"),
    ("ru ё/е", "ru", "Стратегическое партнерство укрепилось.", "Стратегическое партнерство",
     "strategic-partnership", "exact"),
    ("kk genitive", "kk", "Қазақстанның ұстанымы.", "Қазақстанның", "kazakhstan", "inflected"),
    ("kk possessive head of a compound", "kk", "Қауіпсіздік Кеңесінің отырысы БҰҰ-да өтті.",
     "Қауіпсіздік Кеңесінің", "un-security-council", "inflected"),
    ("kk plural + possessive + locative, к → г", "kk", "Елшіліктерінде жиын өтті.",
     "Елшіліктерінде", "embassy", "inflected"),
    ("kk қ → ғ before a vowel", "kk", "Еуразиялық экономикалық одағының бюджеті.",
     "Еуразиялық экономикалық одағының", "eeu", "inflected"),
    ("kk acronym + hyphen", "kk", "Қазақстан ЕАЭО-ға кірді.", "ЕАЭО-ға", "eeu", "acronym"),
    ("kk acronym + accusative", "kk", "ЕАЭО-ны құрды.", "ЕАЭО-ны", "eeu", "acronym"),
    ("kk acronym + genitive", "kk", "ҰҚШҰ-ның хатшысы.", "ҰҚШҰ-ның", "csto", "acronym"),
    ("kk acronym without a hyphen", "kk", "ЕАЭОға кіру.", "ЕАЭОға", "eeu", "acronym"),
    ("kk written apart", "kk", "Көп векторлы сыртқы саясат жалғасады.",
     "Көп векторлы сыртқы саясат", "multi-vector-foreign-policy", "spacing"),
    ("kk verb", "kk", "Қазақстан қалыс қалды.", "қалыс қалды", "abstention", "inflected"),
    ("en plural", "en", "Airstrikes were condemned.", "Airstrikes", "airstrike", "inflected"),
    ("en possessive ’s", "en", "The EEU’s budget grew.", "EEU’s", "eeu", "acronym"),
    ("en possessive 's", "en", "Russia's envoy spoke.", "Russia's", "russia", "inflected"),
    ("en title case", "en", "EURASIAN ECONOMIC UNION TO EXPAND", "EURASIAN ECONOMIC UNION",
     "eeu", "exact"),
    ("en hyphen written as a space", "en", "A multi vector foreign policy.",
     "multi vector foreign policy", "multi-vector-foreign-policy", "exact"),
    ("en written apart", "en", "Two air strikes hit.", "air strikes", "airstrike", "inflected"),
    ("en broken across a line", "en", "The United Nations Security\nCouncil met.",
     "United Nations Security\nCouncil", "un-security-council", "exact"),
    ("en hyphenated at a line end", "en", "The Eurasian Eco-\nnomic Union met.",
     "Eurasian Eco-\nnomic Union", "eeu", "hyphenation"),
    ("en dotted acronym", "en", "The U.N. voted.", "U.N.", "united-nations", "exact"),
    ("no-break space", "en", "The UN\u00a0Security Council met.", "UN\u00a0Security Council",
     "un-security-council", "exact"),
    ("typographic quotes", "ru", "Программа «Вести» вышла.", "Вести", "vesti", "exact"),
    ("a name quoted in the term, inflected", "ru", "Статья вышла в журнале фонда «Джеймстаун».",
     "фонда «Джеймстаун»", "jamestown-foundation", "inflected"),
    ("a name quoted otherwise", "ru", 'Фонд "Джеймстаун" и фонд „Джеймстаун“.',
     'Фонд "Джеймстаун"', "jamestown-foundation", "exact"),
    ("a name quoted in the term, unquoted", "ru", "Фонд Джеймстаун опубликовал статью.",
     "Фонд Джеймстаун", "jamestown-foundation", "exact"),
    ("a quoted name with an ending", "kk", "Мақала «Джеймстаун» қорының басылымында шықты.",
     "«Джеймстаун» қорының", "jamestown-foundation", "inflected"),
]


@pytest.mark.parametrize("name,lang,text,surface,concept,match", FORMS,
                         ids=[f[0] for f in FORMS])
def test_every_form_class(bundled: Glossary, name: str, lang: str, text: str, surface: str,
                          concept: str, match: str) -> None:
    spans = bundled.annotate(text, lang)
    hit = [s for s in spans if s.concept == concept]
    assert hit, (text, spans)
    assert hit[0].text == surface and text[hit[0].start:hit[0].end] == surface
    assert hit[0].match == match
    assert not hit[0].ambiguous


# (trap class, lang, text, the concept that must not be reported with confidence)
TRAPS = [
    ("part of a term: Совет", "ru", "Совет директоров собрался.", "un-security-council"),
    ("part of a term: союз", "ru", "Союз писателей провёл съезд.", "eeu"),
    ("same head: Европейский союз", "ru", "Европейский союз ввёл санкции.", "eeu"),
    ("same head: Таможенный союз", "ru", "Таможенный союз был создан раньше.", "eeu"),
    ("same head: council, union", "en", "The council of the trade union met.", "eeu"),
    ("part of a term: одақ", "kk", "Жазушылар одағы жиналды.", "eeu"),
    ("another country's Security Council", "en", "The Security Council of Kazakhstan met.",
     "un-security-council"),
    ("another country's Security Council", "ru", "Совет Безопасности России собрался.",
     "un-security-council"),
    ("another country's Security Council", "kk", "Қазақстанның Қауіпсіздік Кеңесі жиналды.",
     "un-security-council"),
    ("a city duma", "ru", "В городской думе спорили.", "state-duma"),
    ("a city duma", "en", "The Moscow City Duma voted.", "state-duma"),
    ("Гордума, Мәслихат", "ru", "Гордума и мәслихат заседали.", "state-duma"),
    ("a first name", "ru", "Майдан Сулейменов стал чемпионом.", "maidan"),
    ("a first name", "kk", "Майдан Сұлтанов жеңді.", "maidan"),
    ("a namesake", "en", "The philosopher Vladimir Solovyov wrote.", "vladimir-solovyov"),
    ("a namesake", "ru", "Философ Владимир Соловьёв писал о добре.", "vladimir-solovyov"),
    ("a verb, not the programme", "ru", "Трудно вести переговоры.", "vesti"),
    ("a verb at the start of a sentence", "ru", "Вести переговоры поручили министру.", "vesti"),
    ("the Kazakh word майдан", "kk", "Атам соғыс майданында қаза тапты.", "maidan"),
    ("the Kazakh word майдан", "kk", "Майдан даласында шайқас болды.", "maidan"),
    ("a presidential veto", "en", "The presidential veto was overridden.", "veto"),
    ("a presidential veto", "ru", "Президент наложил вето на закон.", "veto"),
    ("a domain name", "en", "Read Vesti.kz for sports.", "vesti"),
    ("a quotation ending between the words", "ru", "Он сказал: «Это фонд». Джеймстаун молчит.",
     "jamestown-foundation"),
]


@pytest.mark.parametrize("name,lang,text,concept", TRAPS, ids=[t[0] for t in TRAPS])
def test_every_trap_class(bundled: Glossary, name: str, lang: str, text: str,
                          concept: str) -> None:
    confident = [s for s in bundled.annotate(text, lang)
                 if s.concept == concept and not s.ambiguous]
    assert not confident, confident


@pytest.mark.parametrize("lang,text,concept", [
    ("ru", "Вести сообщили о переговорах.", "vesti"),
    ("ru", "Совет Безопасности соберётся в понедельник.", "un-security-council"),
    ("en", "The Security Council will meet on Monday.", "un-security-council"),
    ("kk", "Майданға аттанған жауынгерлер оралмады.", "maidan"),
])
def test_undecidable_look_alikes_are_ambiguous_with_candidates(
        bundled: Glossary, lang: str, text: str, concept: str) -> None:
    spans = [s for s in bundled.annotate(text, lang) if s.concept == concept]
    assert spans and spans[0].ambiguous
    assert spans[0].candidates[0] == concept and spans[0].reason
    data = spans[0].to_dict()
    assert data["ambiguous"] is True and data["candidates"][0] == concept and data["reason"]


def test_the_text_decides_when_it_can(bundled: Glossary) -> None:
    """The same Security Council is confident once the UN is named in the text."""
    spans = bundled.annotate("ООН созвала экстренное заседание. Совет Безопасности собрался.",
                             "ru")
    council = [s for s in spans if s.concept == "un-security-council"]
    assert council and not council[0].ambiguous


def test_longest_match_wins_and_parts_are_not_reported(bundled: Glossary) -> None:
    text = "Заседание Совета Безопасности ООН прошло в Нью-Йорке."
    spans = bundled.annotate(text, "ru")
    assert [(s.text, s.concept) for s in spans] == [
        ("Совета Безопасности ООН", "un-security-council")]


def test_span_fields_and_json_form(bundled: Glossary) -> None:
    span = bundled.annotate("Нацпаты снова спорят.", "ru")[0]
    assert isinstance(span, Span)
    assert (span.concept, span.term, span.lang, span.type, span.status) == (
        "national-patriots", "нацпаты", "ru", "abbreviation", "deprecated")
    assert span.preferred == {"en": "national-patriots", "ru": "национал-патриоты",
                              "kk": "ұлттық патриоттар"}
    assert set(span.to_dict()) == {"start", "end", "text", "concept", "term", "lang", "type",
                                   "status", "match", "preferred", "ambiguous"}
    assert span.match in MATCH_KINDS


@pytest.mark.parametrize("text, lang, found", [
    ("Қазaқстан ЕАЭO-ға кірді.", "kk",  # a Latin a; a Latin O before a Kazakh ending
     [("Қазaқстан", "kazakhstan", "Қазақстан"), ("ЕАЭO-ға", "eeu", "ЕАЭО-ға")]),
    ("The CSTО and the EЕU", "en",  # a Cyrillic О, a Cyrillic Е
     [("CSTО", "csto", "CSTO"), ("EЕU", "eeu", "EEU")]),
    ("Члены OДКБ", None, [("OДКБ", "csto", "ОДКБ")]),
])
def test_a_term_written_with_look_alike_letters_is_found_and_says_so(
        bundled: Glossary, text: str, lang: str | None,
        found: list[tuple[str, str, str]]) -> None:
    spans = bundled.annotate(text, lang)
    assert [(s.text, s.concept, s.meant) for s in spans] == found
    for span in spans:
        assert span.match == "lookalike" and text[span.start:span.end] == span.text
        assert span.to_dict()["meant"] == span.meant


def test_kazakh_typed_without_its_letters_is_found_in_a_kazakh_text(bundled: Glossary) -> None:
    text = "Казакстаннын Еуразиялык экономикалык одакка кируи. ЕЛ жаксы."  # Russian keyboard
    spans = bundled.annotate(text, "kk")
    assert [(s.text, s.concept, s.match, s.meant) for s in spans] == [
        ("Казакстаннын", "kazakhstan", "lookalike", "Қазақстанның"),
        ("Еуразиялык экономикалык одакка", "eeu", "lookalike", "Еуразиялық экономикалық одаққа")]
    assert all(text[s.start:s.end] == s.text for s in spans)
    # only where the text is said to be Kazakh: in Russian a word may be the same
    assert bundled.annotate(text, "ru") == [] and bundled.annotate(text) == []


def test_words_that_truly_mix_scripts_are_left_as_written(bundled: Glossary) -> None:
    # a letter with no look-alike on each side (ж, s): not a typo this can mend
    assert bundled.annotate("Кaзахстанжs и iPhoneы", "ru") == []
    assert [s.match for s in bundled.annotate("Казахстан и ЕАЭС", "ru")] == ["exact", "exact"]


@pytest.mark.parametrize("text", [
    unicodedata.normalize("NFD", "Ёлки. Депутаты Государственной думы и ЕАЭС."),  # NFD
    "Ка\u00adзах\u00adстан и Госуда\u0301рственной ду\u0301мы",  # soft hyphens, stress marks
    "🇰🇿 Straße\r\nGosduma: Госдума, ﬁnal EEU",  # astral, ß, CRLF, a ligature (casefold grows)
    "Eura-\nsian Economic Union and U.N. and Eurasian\u00a0Economic\u00a0Union",
])
def test_offsets_index_the_text_as_given(bundled: Glossary, text: str) -> None:
    spans = bundled.annotate(text)
    assert spans
    for span in spans:
        assert text[span.start:span.end] == span.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    "Государственной думы", "ЕАЭС-а", " ", "\n", "Совет", "Совета Безопасности ООН", "ООН",
    "Eurasian Economic", "Union", "EEU’s", "Қазақстанның", "-", "«", "»", "\u00ad", "e\u0301",
    "Security Council", "of Kazakhstan", "вести", "Вести", "майдан", ".", "ß"]), max_size=25))
def test_spans_never_overlap_and_are_in_order(bundled: Glossary, parts: list[str]) -> None:
    text = "".join(parts)
    spans = bundled.annotate(text)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end] == span.text


@pytest.mark.parametrize("text,lang", [
    ("The Eurasian Economic Union met in Astana.", "en"),
    ("Депутаты Государственной думы и члены Совета Федерации.", "ru"),
    ("Қазақстан ЕАЭО-ға 2015 жылы кірді және бұл шешім туралы айтылды.", "kk"),
    ("Қазақстан және Ресей", "kk"),
    ("Казахстан и Россия", "ru"),
    ("12345 !!!", None),
])
def test_language_detection(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_auto_language_is_detected_per_call(bundled: Glossary) -> None:
    assert bundled.annotate("Қазақстанның ұстанымы")[0].lang == "kk"
    assert bundled.annotate("позиция Казахстана")[0].lang == "ru"
    with pytest.raises(InputError, match="language"):
        bundled.annotate("text", "de")


def test_rules_are_validated_with_their_field() -> None:
    rules = MatchRules(capitalized=True, not_before=["директоров"], not_after=["городск*"],
                       not_in_name=True, confirm=["ООН"], ambiguity="why")
    data = {"id": "x", "langs": {"ru": {"terms": [{"text": "Совет", "rules": rules.to_dict()}]}}}
    concept = Concept.from_dict(data)
    assert concept.langs["ru"].terms[0].rules == rules
    assert concept.to_dict()["langs"]["ru"]["terms"][0]["rules"] == rules.to_dict()
    for bad, field in [({"capitalised": True}, "rules.capitalised"),
                       ({"not_before": "директоров"}, "rules.not_before"),
                       ({"confirm": ["О\u004fН"]}, "rules.confirm[0]"),  # a Latin O inside
                       ({"not_in_name": "yes"}, "rules.not_in_name")]:
        data["langs"]["ru"]["terms"][0]["rules"] = bad
        with pytest.raises(InputError) as err:
            Concept.from_dict(data)
        assert err.value.field == f"langs.ru.terms[0].{field}"


def test_rules_round_trip_through_yaml_json_and_jsonl(bundled: Glossary, tmp_path: Path) -> None:
    vesti = bundled.get("vesti").to_dict(meta=False)
    assert vesti["langs"]["ru"]["terms"][0]["rules"]["capitalized"] is True
    bundled.export_yaml(tmp_path / "yaml")
    bundled.export_json(tmp_path / "all.json")
    bundled.export_jsonl(tmp_path / "all.jsonl")
    for source in (tmp_path / "yaml", tmp_path / "all.json", tmp_path / "all.jsonl"):
        with Glossary.open(tmp_path / f"{source.name}.sqlite3", seed=False) as g:
            g.import_path(source)
            assert g.get("vesti").to_dict(meta=False) == vesti
            assert g.annotate("Вести переговоры трудно.", "ru") == []


def test_a_new_term_is_found_after_the_store_changes(mini: Glossary) -> None:
    assert not [s for s in mini.annotate("Кеден одағы", "kk")]
    concept = mini.get("eeu")
    concept.langs["kk"].terms.append(Term("Кеден одағы"))
    mini.put(concept)
    assert [s.text for s in mini.annotate("Кеден одағына", "kk")] == ["Кеден одағына"]


def test_the_matcher_is_cached_beside_the_store_per_revision(mini_store: Path) -> None:
    cache = mini_store.with_name(mini_store.name + ".annotate")
    with Glossary.open(mini_store) as g:
        g.annotate("ЕАЭС")
    first = cache.stat().st_mtime_ns
    with Glossary.open(mini_store) as g:  # same revision: read, not rebuilt
        assert g.annotate("ЕАЭС")[0].concept == "eeu"
    assert cache.stat().st_mtime_ns == first
    with Glossary.open(mini_store) as g:
        concept = g.get("cis")
        concept.langs["en"].note = "changed"
        g.put(concept)
        g.annotate("CIS")
    assert cache.stat().st_mtime_ns != first


def test_tbx_and_po_round_trips_keep_the_rules(bundled_store: Path, tmp_path: Path) -> None:
    """TBX has no place for them: importing into a store that has the concept keeps them."""
    import shutil

    store = tmp_path / "copy.sqlite3"
    shutil.copy(bundled_store, store)
    with Glossary.open(store) as g:
        before = g.get("veto").to_dict(meta=False)
        g.export_tbx(tmp_path / "g.tbx")
        g.import_path(tmp_path / "g.tbx")
        assert g.get("veto").to_dict(meta=False) == before


def test_a_deleted_concept_is_no_longer_found(mini: Glossary) -> None:
    assert mini.annotate("Vladimir Solovyov", "en")
    concept = mini.get("solovyov")
    mini.delete("solovyov", concept.revision)
    assert mini.annotate("Vladimir Solovyov", "en") == []
    mini.undo("solovyov")
    assert [s.concept for s in mini.annotate("Vladimir Solovyov", "en")] == ["solovyov"]
