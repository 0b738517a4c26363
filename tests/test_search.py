"""Finding a term however it is typed: the query table, ranking, explanations, bad queries.

Run against the bundled glossary, through the Python API and the CLI.
"""

from __future__ import annotations

import json

import pytest
from conftest import run, run_json

from glossary import Concept, Glossary, InputError, kk_to_latin
from glossary.search import STAGES

# (query, concept that must come first, how it must match)
FIRST = [
    # exact, any language and case; ё/е; quotes, dots, hyphens, spacing
    ("Eurasian Economic Union", "eeu", "exact"),
    ("eurasian economic union", "eeu", "exact"),
    ("Евразийский экономический союз", "eeu", "exact"),
    ("ЕУРАЗИЯЛЫҚ ЭКОНОМИКАЛЫҚ ОДАҚ", "eeu", "exact"),
    ("Ұжымдық қауіпсіздік туралы шарт ұйымы", "csto", "exact"),
    ("Тәуелсіз Мемлекеттер Достастығы", "cis", "exact"),
    ("стратегическое партнерство", "strategic-partnership", "exact"),
    ("Владимир Соловьев", "vladimir-solovyov", "exact"),
    ("владимир соловьёв", "vladimir-solovyov", "exact"),
    ("«Крымнаш»", "krymnash", "exact"),
    ("“KrymNash”", "krymnash", "exact"),
    ("national patriots", "national-patriots", "exact"),
    ("national-patriots", "national-patriots", "exact"),
    ("multi vector foreign policy", "multi-vector-foreign-policy", "exact"),
    ("  State   Duma ", "state-duma", "exact"),
    ("Rossiya 1", "rossiya-1", "exact"),
    ("көпвекторлы сыртқы саясат", "multi-vector-foreign-policy", "exact"),
    ("визасыз режим", "visa-free-regime", "exact"),
    ("Мемлекеттік Дума", "state-duma", "exact"),
    ("латын әліпбиіне көшу", "transition-to-latin-alphabet", "exact"),
    ("Батыс санкциялары", "western-sanctions", "exact"),
    ("sanctions", "western-sanctions", "exact"),
    # exact abbreviations
    ("EEU", "eeu", "abbreviation"),
    ("E.E.U.", "eeu", "abbreviation"),
    ("eaeu", "eeu", "abbreviation"),
    ("ЕАЭС", "eeu", "abbreviation"),
    ("ЕАЭО", "eeu", "abbreviation"),
    ("ОДКБ", "csto", "abbreviation"),
    ("ҰҚШҰ", "csto", "abbreviation"),
    ("CSTO", "csto", "abbreviation"),
    ("СНГ", "cis", "abbreviation"),
    ("ТМД", "cis", "abbreviation"),
    ("БҰҰ", "united-nations", "abbreviation"),
    ("ООН", "united-nations", "abbreviation"),
    ("U.N.", "united-nations", "abbreviation"),
    ("UNSC", "un-security-council", "abbreviation"),
    ("СБ ООН", "un-security-council", "abbreviation"),
    ("МИД", "ministry-of-foreign-affairs", "abbreviation"),
    ("СІМ", "ministry-of-foreign-affairs", "abbreviation"),
    ("НАТО", "nato", "abbreviation"),
    ("ҚР", "kazakhstan", "abbreviation"),
    # prefixes (search as you type)
    ("Еураз", "eeu", "prefix"),
    ("Federa", "federation-council", "prefix"),
    ("ҰҚШ", "csto", "prefix"),
    ("Госду", "state-duma", "prefix"),
    ("Тәуелсіз Мем", "cis", "prefix"),
    ("multi-vec", "multi-vector-foreign-policy", "prefix"),
    ("annexation of Cri", "annexation-of-crimea", "prefix"),
    ("Совбез", "un-security-council", "prefix"),
    ("Қауіпсіздік Кеңесінің тұр", "permanent-member", "prefix"),
    # Kazakh in the 2021 Latin alphabet and everyday ASCII
    ("Qazaqstan", "kazakhstan", "exact"),  # recorded as a (deprecated) English spelling
    ("Qazaqstan Respublikasy", "kazakhstan", "translit"),
    ("Memlekettik Duma", "state-duma", "translit"),
    ("Memlekettık Duma", "state-duma", "translit"),
    ("Ūjymdyq qauıpsızdık turaly şart ūiymy", "csto", "translit"),
    ("Ujymdyk kauipsizdik turaly shart uiymy", "csto", "translit"),
    ("Täuelsız Memleketter Dostastyğy", "cis", "translit"),
    ("Tauelsiz Memleketter Dostastygy", "cis", "translit"),
    ("Köpvektorly syrtqy saiasat", "multi-vector-foreign-policy", "translit"),
    ("Euraziialyq ekonomikalyq odaq", "eeu", "translit"),
    ("Eurazialyq ekonomikalyq odaq", "eeu", "translit"),
    ("Sovbez OON", "un-security-council", "translit"),
    # ... in the older official alphabets: 2018's acutes, 2017's apostrophes (typed any way)
    ("Qazaqstan Respýblıkasy", "kazakhstan", "translit"),
    ("QAZAQSTAN RESPÝBLIKASY", "kazakhstan", "translit"),
    ("Qazaqstan Respy\u0301blıkasy", "kazakhstan", "translit"),  # a combining acute
    ("Eýrazııalyq ekonomıkalyq odaq", "eeu", "translit"),
    ("Ujymdyq qaýipsizdik týraly shart uıymy", "csto", "translit"),
    ("Qazaqstan Respy'bli'kasy", "kazakhstan", "translit"),
    ("Qazaqstan Respy’bli’kasy", "kazakhstan", "translit"),
    ("Qazaqstan Respyʼbliʼkasy", "kazakhstan", "translit"),
    ("Ey'razi'i'alyq ekonomi'kalyq odaq", "eeu", "translit"),
    ("Ujymdyq qay'ipsizdik ty'raly s'art ui'ymy", "csto", "translit"),
    ("Eýraz", "eeu", "translit"),
    ("Ey'raz", "eeu", "translit"),
    # letters outside the 2021 alphabet: ц as s, ч as ş, ё as io; everyday ts and ch still work
    ("Federasiia Keñesı", "federation-council", "translit"),
    ("Federasiia Kenesi", "federation-council", "translit"),
    ("Federatsiia Kenesi", "federation-council", "translit"),
    ("Veşer s Vladimirom Soloviovym", "evening-with-vladimir-solovyov", "translit"),
    ("Vecher s Vladimirom Solovyovym", "evening-with-vladimir-solovyov", "translit"),
    # Russian in BGN/PCGN, ISO 9, GOST 7.79-B and everyday spellings
    ("Krymnash", "krymnash", "exact"),
    ("Sovet Federatsii", "federation-council", "translit"),
    ("Sovet Federacii", "federation-council", "translit"),
    ("Sovet Federaczii", "federation-council", "translit"),
    ("Gosudarstvennaya duma", "state-duma", "translit"),
    ("Gosudarstvennaâ duma", "state-duma", "translit"),
    ("Yevraziyskiy ekonomicheskiy soyuz", "eeu", "translit"),
    ("Evrazijskij èkonomičeskij soûz", "eeu", "translit"),
    ("Evraziiskii ekonomicheskii soiuz", "eeu", "translit"),
    ("Sodruzhestvo Nezavisimykh Gosudarstv", "cis", "translit"),
    ("Sodruzhestvo Nezavisimy'x Gosudarstv", "cis", "translit"),
    ("Organizatsiya Dogovora o kollektivnoy bezopasnosti", "csto", "translit"),
    ("Vladimir Solov'yëv", "vladimir-solovyov", "translit"),
    ("mnogovektornaya vneshnyaya politika", "multi-vector-foreign-policy", "translit"),
    ("Posolstvo", "embassy", "translit"),
    # Kazakh typed without its own letters (a Russian keyboard): the same loose key
    ("Казакстан", "kazakhstan", "translit"),
    ("Ужымдык кауипсиздик туралы шарт уйымы", "csto", "translit"),
    ("Тауелсиз Мемлекеттер Достастыгы", "cis", "translit"),
    ("Бириккен Улттар Уйымы", "united-nations", "translit"),
    ("копвекторлы сырткы саясат", "multi-vector-foreign-policy", "translit"),
    ("Мемлекеттик Дума", "state-duma", "translit"),
    # look-alike letters of the other script, invisible on screen: looked up as meant
    ("EAЭC", "eeu", "abbreviation"),  # a Latin E, A and C
    ("CSTО", "csto", "abbreviation"),  # a Cyrillic О
    ("Қазaқстан", "kazakhstan", "exact"),  # a Latin a
    ("Кaзахстана", "kazakhstan", "lemma"),
    # wrong keyboard layout
    ("tf'c", "eeu", "layout"),
    ("JLR<", "csto", "layout"),
    ("СЫЕЩ", "csto", "layout"),
    ("ЫЕФЕУ Вгьф", "state-duma", "layout"),
    ("vfqlfy", "maidan", "layout"),
    ("0fpf0cnfy", "kazakhstan", "layout"),
    ("ntcbp", "kazakhstan", None),  # not a word on either layout: nothing, or not Kazakhstan
    # inflected forms
    ("Майдана", "maidan", "lemma"),
    ("Совбезе ООН", "un-security-council", "lemma"),
    ("Государственной думы", "state-duma", "lemma"),
    ("Государственной Думе", "state-duma", "lemma"),
    ("ЕАЭС-а", "eeu", "lemma"),
    ("ЕАЭС-ом", "eeu", "lemma"),
    ("ОДКБ-шная", "csto", "lemma"),
    ("Кремля", "kremlin", "lemma"),
    ("Кремлем", "kremlin", "lemma"),
    ("западных санкций", "western-sanctions", "lemma"),
    ("многовекторной внешней политики", "multi-vector-foreign-policy", "lemma"),
    ("Совета Федерации", "federation-council", "lemma"),
    ("посольства", "embassy", "lemma"),
    ("Қазақстанның", "kazakhstan", "lemma"),
    # a whole term inflected before a longer term it begins (the Security Council's)
    ("Біріккен Ұлттар Ұйымының", "united-nations", "lemma"),
    ("Госдум", "state-duma", "lemma"),  # genitive plural, also a prefix of Госдума
    ("Қазақстанда", "kazakhstan", "lemma"),
    ("Қазақстанға", "kazakhstan", "lemma"),
    ("ЕАЭО-ға", "eeu", "lemma"),
    ("ҰҚШҰ-ның", "csto", "lemma"),
    ("Еуразиялық экономикалық одағының", "eeu", "lemma"),
    ("Еуразиялық экономикалық одаққа", "eeu", "lemma"),
    ("елшілігі", "embassy", "lemma"),
    ("елшіліктер", "embassy", "lemma"),
    ("визасыз режимнің", "visa-free-regime", "lemma"),
    ("Ресейдің", "russia", "lemma"),
    ("Мемлекеттік Думасы", "state-duma", "lemma"),
    # ... and typed without its own letters, as on a Russian keyboard
    ("Казакстаннын", "kazakhstan", "lemma"),
    ("Казакстанга", "kazakhstan", "lemma"),
    ("Еуразиялык экономикалык одагынын", "eeu", "lemma"),
    ("Еуразиялык экономикалык одакка", "eeu", "lemma"),
    ("елшиликтер", "embassy", "lemma"),
    ("Ресейдин", "russia", "lemma"),
    # ... and typed in Latin letters (2021's alphabet, or plain Latin)
    ("Qazaqstannyñ", "kazakhstan", "lemma"),
    ("qazaqstannyn", "kazakhstan", "lemma"),
    ("Qazaqstanğa", "kazakhstan", "lemma"),
    ("Eurazialyq ekonomikalyq odaqtyñ", "eeu", "lemma"),
    ("Eurazialyq ekonomikalyq odaqqa", "eeu", "lemma"),
    ("Birikken Ulttar Uiymynyñ", "united-nations", "lemma"),
    ("Reseidiñ", "russia", "lemma"),
    ("Qazaqstannyń", "kazakhstan", "lemma"),  # 2018
    ("Qazaqstannyn'", "kazakhstan", "lemma"),  # 2017
    ("Eýrazııalyq ekonomıkalyq odaqtyń", "eeu", "lemma"),
    ("Ey'razi'i'alyq ekonomi'kalyq odaqtyn'", "eeu", "lemma"),
    ("CSTO's", "csto", "lemma"),
    ("Kremlin’s", "kremlin", "lemma"),
    ("embassies", "embassy", "lemma"),
    ("resolutions", "resolution", "lemma"),
    ("vetoes", "veto", "lemma"),
    # a word of a longer term
    ("экономикалық одағының", "eeu", "word"),  # одағының alone also meets Кеден одағы
    ("Azattyq", "azattyk", "exact"),
    ("Nazarbaev", "nursultan-nazarbayev", "translit"),  # the surname-only term Назарбаев
    ("Абишевич", "nursultan-nazarbayev", "word"),
    ("Назарбаева", "nursultan-nazarbayev", "lemma"),  # of the surname-only term
    ("Рудольфовича", "vladimir-solovyov", "word"),
]

# (query, concept that must be in the top three): misspellings
FUZZY = [
    ("Federaton Council", "federation-council"),
    ("Federation Counsil", "federation-council"),
    ("Solovyev", "vladimir-solovyov"),
    ("Vladimir Solovev", "vladimir-solovyov"),
    ("Nazarbaeyv", "nursultan-nazarbayev"),
    ("Securty Council", "un-security-council"),
    ("Eurasain Economic Union", "eeu"),
    ("Kazakshtan", "kazakhstan"),
    ("Казахтан", "kazakhstan"),
    ("Госудраственная дума", "state-duma"),
    ("Қазақстн", "kazakhstan"),
    ("neutrallity", "neutrality"),
    ("annexaton of Crimea", "annexation-of-crimea"),
]


@pytest.mark.parametrize("query,concept,match", FIRST, ids=[q for q, *_ in FIRST])
def test_first_hit(bundled: Glossary, query: str, concept: str, match: str | None) -> None:
    hits = bundled.lookup(query)
    if match is None:
        assert not hits or hits[0].concept_id != concept
        return
    assert hits, f"nothing found for {query!r}"
    assert (hits[0].concept_id, hits[0].match) == (concept, match), hits[0].explain()


@pytest.mark.parametrize("query,concept", FUZZY, ids=[q for q, _ in FUZZY])
def test_misspellings_in_top_three(bundled: Glossary, query: str, concept: str) -> None:
    hits = bundled.lookup(query, limit=3)
    assert concept in [h.concept_id for h in hits], [h.explain() for h in hits]
    hit = next(h for h in hits if h.concept_id == concept)
    if hit.match == "fuzzy":
        assert 1 <= hit.distance <= 2


def test_a_query_in_look_alike_letters_keeps_its_spelling_in_the_hits(
        bundled: Glossary) -> None:
    (hit, *_rest) = bundled.lookup("EAЭC")  # a Latin E, A and C
    assert (hit.concept_id, hit.query, hit.term) == ("eeu", "EAЭC", "ЕАЭС")
    assert hit.explain().startswith("matched «EAЭC» → ЕАЭС")


def test_table_covers_every_rule_and_language() -> None:
    kinds = {m for *_, m in FIRST} | {"fuzzy"}
    assert kinds >= {"exact", "abbreviation", "prefix", "translit", "layout", "lemma", "word",
                     "fuzzy"}
    assert len(FIRST) + len(FUZZY) >= 80


def test_ranking_exact_before_prefix_before_word(bundled: Glossary) -> None:
    hits = bundled.lookup("Duma", limit=10)
    assert hits[0].concept_id == "state-duma" and hits[0].match == "exact"
    order = [h.match for h in bundled.lookup("Security Council", limit=10)]
    ranks = ["exact", "abbreviation", "lemma", "prefix", "translit", "layout", "word", "fuzzy"]
    assert order == sorted(order, key=ranks.index)
    assert order[0] == "exact" and "word" in order or "prefix" in order


def test_preferred_before_admitted_before_deprecated(mini: Glossary) -> None:
    # "ЕврАзЭС" is a deprecated term of eeu; "Евразийский ..." is preferred: a prefix
    # shared by both picks the preferred one as the concept's hit.
    hit = mini.lookup("Евр")[0]
    assert (hit.term, hit.status) == ("Евразийский экономический союз", "preferred")
    assert mini.lookup("ЕврАзЭС")[0].status == "deprecated"


def test_one_hit_per_concept_and_limit(bundled: Glossary) -> None:
    hits = bundled.lookup("Совет", limit=50)
    ids = [h.concept_id for h in hits]
    assert len(ids) == len(set(ids))
    assert len(bundled.lookup("с", limit=3)) == 3


def test_lang_filter(bundled: Glossary) -> None:
    assert {h.lang for h in bundled.lookup("Кремль", lang="kk")} == {"kk"}
    assert all(h.lang == "en" for h in bundled.lookup("Майдана", lang="en"))
    assert bundled.lookup("Майдана", lang="ru")[0].term == "Майдан"
    assert bundled.lookup("Майдан", lang="kk")[0].lang == "kk"


EXPLANATIONS = [
    ("Майдана", "matched «Майдана» → Майдан (Russian, lemma)"),
    # the Russian and Kazakh terms are the same word: Cyrillic without Kazakh letters reads
    # as Russian
    ("Майдан", "matched «Майдан» → Майдан (Russian, exact)"),
    ("ЕАЭС", "matched «ЕАЭС» → ЕАЭС (Russian, abbreviation)"),
    ("tf'c", "matched «tf'c» → ЕАЭС (Russian, keyboard layout)"),
    ("Memlekettik Duma", "matched «Memlekettik Duma» → Мемлекеттік Дума (Kazakh, transliteration)"),
    ("Federaton Council", "matched «Federaton Council» → Federation Council (English, fuzzy, 1 edit)"),
    ("Қазақстанның", "matched «Қазақстанның» → Қазақстан (Kazakh, lemma)"),
]


@pytest.mark.parametrize("query,text", EXPLANATIONS)
def test_every_hit_says_how_it_matched(bundled: Glossary, query: str, text: str) -> None:
    assert bundled.lookup(query)[0].explain() == text


def test_json_carries_the_explanation(bundled_store) -> None:
    result = run("lookup", "Sovbez OON", "--json", store=bundled_store)
    hit = json.loads(result.stdout)["hits"][0]
    assert hit["id"] == "un-security-council" and hit["match"] == "translit"
    assert hit["term"] == "Совбез ООН" and hit["lang"] == "ru"
    assert hit["matched"] == "sovbezon"
    assert hit["explanation"] == "matched «Sovbez OON» → Совбез ООН (Russian, transliteration)"
    fuzzy = json.loads(run("lookup", "Federaton Council", "--json", store=bundled_store).stdout)
    assert fuzzy["hits"][0]["distance"] == 1


@pytest.mark.parametrize("query", ["", "   ", "...", "«»—", "x" * 10_000, "\x00\x07\x1b",
                                   "\ud800", "\udfff abc"[:1], "\u200b\u200d"])
def test_bad_queries_get_a_clear_answer(bundled: Glossary, bundled_store, query: str) -> None:
    with pytest.raises(InputError) as info:
        bundled.lookup(query)
    assert info.value.field == "query"
    result = run("lookup", query, store=bundled_store)
    assert result.exit_code == 2 and "query" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_queries_with_control_characters_inside_still_work(bundled: Glossary) -> None:
    assert bundled.lookup("ЕА\u0000ЭС")[0].concept_id == "eeu"
    assert bundled.lookup("Кремль\u200b")[0].concept_id == "kremlin"
    assert bundled.lookup("Кремль\ud800")[0].concept_id == "kremlin"


def test_show_script_latn(bundled_store) -> None:
    data = json.loads(run("show", "csto", "--script", "latn", "--json", store=bundled_store).stdout)
    kk = data["langs"]["kk"]["terms"]
    assert kk[0]["latn"] == "Ūjymdyq qauıpsızdık turaly şart ūiymy"
    assert kk[1]["latn"] == "ŪQŞŪ"
    assert "latn" not in data["langs"]["ru"]["terms"][0]
    text = run("show", "kazakhstan", "--script", "latn", store=bundled_store).stdout
    assert "Qazaqstan Respublikasy" in text


def test_show_script_older_kazakh_alphabets(bundled_store, bundled: Glossary) -> None:
    for script, spelling in [("kk-latn-2017", "Qazaqstan Respy'bli'kasy"),
                             ("kk-latn-2018", "Qazaqstan Respýblıkasy"),
                             ("kk-latn-2021", "Qazaqstan Respublikasy")]:
        data = json.loads(run("show", "kazakhstan", "--script", script, "--json",
                              store=bundled_store).stdout)
        assert spelling in [t["latn"] for t in data["langs"]["kk"]["terms"]]
        assert spelling in run("show", "kazakhstan", "--script", script, store=bundled_store).stdout
        assert data == bundled.get("kazakhstan").to_dict(script=script)
    with pytest.raises(InputError, match="kk-latn-2017, kk-latn-2018") as info:
        bundled.get("kazakhstan").to_dict(script="kk-latn-2019")
    assert info.value.field == "script"
    assert run("show", "kazakhstan", "--script", "kk-latn-2019", store=bundled_store).exit_code == 2


def _genitive(term: str) -> str:
    """A Kazakh term with the genitive ending its last sound takes."""
    back = any(ch in "аоұы" for ch in term.split()[-1].lower())
    last = term[-1].lower()
    if last in "аәеиоөуұүыіэюя":
        return term + ("ның" if back else "нің")
    if last in "пфкқтсшщхцчһ":
        return term + ("тың" if back else "тің")
    return term + ("дың" if back else "дің")


def test_older_kazakh_alphabets_find_what_the_2021_one_finds(bundled: Glossary) -> None:
    """Every Kazakh term of the bundled glossary, bare and in the genitive, spelled in the
    2017 or 2018 alphabet: the same first hit as its 2021 spelling, and no concept that
    spelling does not find."""
    terms = {t.text for c in bundled.concepts() for t in c.langs["kk"].terms}
    assert len(terms) > 100
    found = 0
    for term in sorted(terms):
        for form in (term, _genitive(term)):
            meant = [h.concept_id for h in bundled.lookup(kk_to_latin(form), limit=5)]
            found += bool(meant)
            for scheme in ("kk-latn-2017", "kk-latn-2018"):
                typed = kk_to_latin(form, scheme)
                hits = [h.concept_id for h in bundled.lookup(typed, limit=5)]
                assert hits[:1] == meant[:1] and set(hits) <= set(meant), (typed, hits, meant)
    assert found > len(terms)  # most forms find their concept (the test can fail)


@pytest.mark.parametrize("term,concept", [
    ("Eurazialyq ekonomikalyq odaq", "eeu"), ("Eýrazııalyq", "eeu"),
    ("Federaciia Kenesi", "federation-council"), ("Kazakhskaya", "azattyk")])
def test_a_latin_query_finds_its_term_at_every_letter_typed(bundled: Glossary, term: str,
                                                           concept: str) -> None:
    """Search as you type: each prefix from the fifth letter on finds the concept, also
    one that stops before the vowel after a glide (``Eurazi``: the keys drop the i of ia)."""
    for n in range(5, len(term) + 1):
        hits = [h.concept_id for h in bundled.lookup(term[:n], limit=10)]
        assert concept in hits, (term[:n], hits)


@pytest.mark.parametrize("query,meant", [
    ("O'Brien", "O'Brien"), ("Côte d'Ivoire", "Côte d'Ivoire"), ("café", "café"),
    ("Bogotá", "Bogotá"), ("don't know", "don't know"), ("parents' council", "parents' council")])
def test_accents_and_apostrophes_of_other_languages_still_find_their_terms(
        tmp_path, query: str, meant: str) -> None:
    """A query with a 2017 apostrophe or a 2018 acute that is English finds its English
    term first, as typed (its Kazakh reading only adds Kazakh terms it would meet)."""
    with Glossary.open(tmp_path / "accents.sqlite3", seed=False) as g:
        for i, term in enumerate(["O'Brien", "Côte d'Ivoire", "café", "Bogotá", "don't know",
                                  "parents' council"]):
            g.put(Concept.from_dict({"id": f"c{i}", "langs": {
                "en": {"terms": [{"text": term}]},
                "kk": {"terms": [{"text": ["Обрайен", "Кот-д'Ивуар", "кафе", "Богота",
                                           "білмеймін", "ата-аналар кеңесі"][i]}]}}}))
        hits = g.lookup(query)
        assert (hits[0].term, hits[0].match) == (meant, "exact"), [h.explain() for h in hits]
        assert len(hits) == 1


def _cli_hits(store, query: str) -> list[tuple[str, str, str]]:
    hits = run_json("lookup", query, "--in", "terms", store=store)["hits"]
    return [(h["id"], h["term"], h["match"]) for h in hits]


@pytest.mark.parametrize("typed,meant", [
    ("Dýma", "Duma"), ("Dy'ma", "Duma"), ("DÝMA", "DUMA"), ("Dy\u0301ma", "Duma"),
    ("Dým", "Dum"), ("Dy’m", "Dum"), ("Ey'r", "Eur"), ("Eýra", "Eura")])
def test_an_older_alphabet_query_finds_what_its_2021_reading_finds(bundled_store, typed: str,
                                                                   meant: str) -> None:
    """``glossary lookup Dýma`` (2018) or ``Dy'ma`` (2017) reads ``Duma``: the English and
    Russian terms that spelling finds exactly or as a prefix, not only the Kazakh
    transliteration keys, in the same order and the same way."""
    expected = _cli_hits(bundled_store, meant)
    assert len(expected) >= 2, expected  # the 2021 spelling finds several (can fail)
    assert _cli_hits(bundled_store, typed) == expected


def test_an_older_alphabet_query_ranks_its_readings_hits_as_that_spelling_does(tmp_path) -> None:
    """Exact, prefix and word hits of the reading, each ranked against the reading (a
    preferred term before an admitted one, the shortest completion first); the query's own
    hits as typed still count, and come first where they match alike (``Dy'ma`` folds to
    ``dyma``)."""
    with Glossary.open(tmp_path / "readings.sqlite3", seed=False) as g:
        for concept_id, text, status in [
                ("duma", "Duma", "admitted"), ("duma-pref", "Duma", "preferred"),
                ("long", "Duma committee on CIS affairs", "preferred"),
                ("short", "Duma committee", "preferred"), ("state", "State Duma", "preferred"),
                ("typed", "Dyma", "preferred")]:
            g.put(Concept.from_dict({"id": concept_id, "langs": {
                "en": {"terms": [{"text": text, "status": status}]}}}))
        meant = [(h.concept_id, h.match) for h in g.lookup("Duma")]
        assert meant == [("duma-pref", "exact"), ("duma", "exact"), ("short", "prefix"),
                         ("long", "prefix")]
        assert [(h.concept_id, h.match) for h in g.lookup("Dýma")] == meant
        assert [(h.concept_id, h.match) for h in g.lookup("Dy'ma")] == [("typed", "exact"),
                                                                       *meant]
        assert [h.matched for h in g.lookup("Dýma", limit=2)] == ["duma", "duma"]
        # a prefix: no whole term matched, so terms with a word beginning so come last
        meant = [(h.concept_id, h.match) for h in g.lookup("Dum")]
        assert meant == [("duma-pref", "prefix"), ("short", "prefix"), ("long", "prefix"),
                         ("duma", "prefix"), ("state", "word")]
        assert [(h.concept_id, h.match) for h in g.lookup("Dým")] == meant


def _shared_acronym(tmp_path, count: int) -> Glossary:
    """A store where ``count`` concepts share the acronym "ABC" (one preferred, one
    admitted, ...) and one more has a longer term starting with it."""
    g = Glossary.open(tmp_path / "acronyms.sqlite3", seed=False)
    statuses = ("admitted", "preferred", "deprecated")
    for i in range(count):
        g.put(Concept.from_dict({"id": f"c{i:02}", "langs": {"en": {"terms": [
            {"text": f"Concept number {i}", "status": "preferred"},
            {"text": "ABC", "type": "acronym", "status": statuses[i % 3]}]}}}))
    g.put(Concept.from_dict({"id": "longer", "langs": {"en": {"terms": [
        {"text": "ABCDE", "type": "acronym"}]}}}))
    return g


def test_a_full_list_of_exact_hits_is_what_every_stage_would_rank_first(tmp_path) -> None:
    # once the exact stage found `limit` concepts, the later stages are skipped:
    # nothing they find can rank before an exact hit
    with _shared_acronym(tmp_path, 9) as g:
        hits = g.lookup("ABC", limit=4)
        every = g.lookup("ABC", limit=4, stages=STAGES)
        assert [(h.concept_id, h.match, h.status) for h in hits] == \
            [(h.concept_id, h.match, h.status) for h in every]
        assert [h.status for h in hits] == ["preferred"] * 3 + ["admitted"]
        assert "longer" in {h.concept_id for h in g.lookup("ABC", limit=10)}


@pytest.mark.parametrize("shared, limit", [(2, 10), (5, 3), (40, 12), (40, 50)])
def test_every_concept_sharing_the_exact_key_is_ranked_before_completions(
        tmp_path, shared: int, limit: int) -> None:
    """However many concepts share the key, the best of them come first: here the
    preferred ones were stored last, after more admitted ones than a screenful."""
    with Glossary.open(tmp_path / "shared.sqlite3", seed=False) as g:
        for i in range(shared):
            status = "preferred" if i >= shared - 4 else "admitted"
            g.put(Concept.from_dict({"id": f"c{i:02}", "langs": {"en": {"terms": [
                {"text": f"Concept number {i}", "status": "preferred"},
                {"text": "ABC", "type": "acronym", "status": status}]}}}))
        for i in range(3):
            g.put(Concept.from_dict({"id": f"longer{i}", "langs": {"en": {"terms": [
                {"text": "ABCD" + "E" * i, "type": "acronym"}]}}}))
        hits = g.lookup("ABC", limit=limit)
        exact = min(shared, limit)
        assert [h.match for h in hits[:exact]] == ["abbreviation"] * exact
        best = sorted(range(shared), key=lambda i: (i < shared - 4, i))[:exact]
        assert [h.concept_id for h in hits[:exact]] == [f"c{i:02}" for i in best]
        assert [h.concept_id for h in hits[exact:]] == \
            ["longer0", "longer1", "longer2"][: max(0, limit - shared)]
        assert all(h.match == "prefix" for h in hits[exact:])


def test_a_label_is_the_best_status_not_the_first_position(tmp_path) -> None:
    with Glossary.open(tmp_path / "labels.sqlite3", seed=False) as g:
        g.put(Concept.from_dict({"id": "x", "langs": {
            "en": {"terms": [{"text": "Old name", "status": "deprecated"},
                             {"text": "Other name", "status": "admitted"},
                             {"text": "Right name", "status": "preferred"}]},
            "ru": {"terms": [{"text": "Имя", "status": "admitted"},
                             {"text": "Название", "status": "admitted"}]}}}))
        assert g.labels(["x"]) == {"x": {"en": "Right name", "ru": "Имя"}}
        assert g.lookup("old name")[0].labels == {"en": "Right name", "ru": "Имя"}
