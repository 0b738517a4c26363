"""Synthetic English / Russian / Kazakh glossaries for benchmarks.

Terms are built combinatorially from the word lists below (politics, economy,
media): ``[adjective] [adjective] [domain] head``, e.g.

    en  regional trade council         ru  региональный совет торговли    kk  өңірлік сауда кеңесі
    en  RTC                            ru  РСТ                            kk  ӨСК

Russian adjectives agree in gender and number with the head noun; Kazakh puts
the domain noun before the head, which then takes its possessive form
(``сауда кеңесі``). Kazakh is written with the Cyrillic letters ә ғ қ ң ө ұ ү
һ і, never Latin look-alikes (checked at import by :func:`check_word_lists`).

Each concept gets, per language: a preferred fullForm term of 2–4 words, often
an acronym (initials, uppercased), sometimes an admitted variant and a
deprecated term with a note; a templated definition. Plus 1–2 subjects, 0–3
related ids (earlier concepts only, so references resolve), and one context
quoting a synthetic source, translated into the other two languages.

Output is deterministic for a given ``(n, seed)``. Preferred English terms are
unique except for about 1% deliberate homonyms (a term re-used from an earlier
concept); acronyms collide often, as real ones do.

    python -m benchmarks.synth 1000 -o benchmarks/out/synth-1k          # YAML layout
    python -m benchmarks.synth 1000 -o benchmarks/out/synth-1k.json     # JSON export
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from glossary.model import (
    Concept,
    Context,
    Gender,
    LangSection,
    PartOfSpeech,
    Source,
    Term,
    TermStatus,
    TermType,
)

# --------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------

#: Adjectives: (English, Russian masculine nominative, Kazakh). A Kazakh entry
#: may be two words ("монополияға қарсы"); Kazakh adjectives do not inflect.
ADJECTIVES: tuple[tuple[str, str, str], ...] = (
    ("national", "национальный", "ұлттық"),
    ("regional", "региональный", "өңірлік"),
    ("international", "международный", "халықаралық"),
    ("federal", "федеральный", "федералдық"),
    ("state", "государственный", "мемлекеттік"),
    ("public", "общественный", "қоғамдық"),
    ("economic", "экономический", "экономикалық"),
    ("political", "политический", "саяси"),
    ("financial", "финансовый", "қаржылық"),
    ("monetary", "денежно-кредитный", "ақша-кредиттік"),
    ("fiscal", "фискальный", "фискалдық"),
    ("budgetary", "бюджетный", "бюджеттік"),
    ("customs", "таможенный", "кедендік"),
    ("foreign", "иностранный", "шетелдік"),
    ("external", "внешний", "сыртқы"),
    ("domestic", "внутренний", "ішкі"),
    ("central", "центральный", "орталық"),
    ("local", "местный", "жергілікті"),
    ("municipal", "муниципальный", "муниципалдық"),
    ("supreme", "верховный", "жоғарғы"),
    ("constitutional", "конституционный", "конституциялық"),
    ("parliamentary", "парламентский", "парламенттік"),
    ("presidential", "президентский", "президенттік"),
    ("independent", "независимый", "тәуелсіз"),
    ("strategic", "стратегический", "стратегиялық"),
    ("military", "военный", "әскери"),
    ("civil", "гражданский", "азаматтық"),
    ("social", "социальный", "әлеуметтік"),
    ("industrial", "промышленный", "өнеркәсіптік"),
    ("agrarian", "аграрный", "аграрлық"),
    ("digital", "цифровой", "цифрлық"),
    ("legal", "правовой", "құқықтық"),
    ("information", "информационный", "ақпараттық"),
    ("joint", "совместный", "бірлескен"),
    ("permanent", "постоянный", "тұрақты"),
    ("temporary", "временный", "уақытша"),
    ("special", "специальный", "арнайы"),
    ("interstate", "межгосударственный", "мемлекетаралық"),
    ("intergovernmental", "межправительственный", "үкіметаралық"),
    ("interparliamentary", "межпарламентский", "парламентаралық"),
    ("nuclear", "ядерный", "ядролық"),
    ("energy", "энергетический", "энергетикалық"),
    ("environmental", "экологический", "экологиялық"),
    ("humanitarian", "гуманитарный", "гуманитарлық"),
    ("democratic", "демократический", "демократиялық"),
    ("sovereign", "суверенный", "егеменді"),
    ("collective", "коллективный", "ұжымдық"),
    ("common", "общий", "ортақ"),
    ("unified", "единый", "бірыңғай"),
    ("free", "свободный", "еркін"),
    ("open", "открытый", "ашық"),
    ("market", "рыночный", "нарықтық"),
    ("investment", "инвестиционный", "инвестициялық"),
    ("tax", "налоговый", "салықтық"),
    ("banking", "банковский", "банктік"),
    ("transport", "транспортный", "көліктік"),
    ("media", "медийный", "медиалық"),
    ("editorial", "редакционный", "редакциялық"),
    ("Eurasian", "евразийский", "еуразиялық"),
    ("post-Soviet", "постсоветский", "посткеңестік"),
    ("consultative", "консультативный", "консультативтік"),
    ("coordinating", "координационный", "үйлестіруші"),
    ("executive", "исполнительный", "атқарушы"),
    ("legislative", "законодательный", "заң шығарушы"),
    ("statistical", "статистический", "статистикалық"),
    ("diplomatic", "дипломатический", "дипломатиялық"),
    ("consular", "консульский", "консулдық"),
    ("scientific", "научный", "ғылыми"),
    ("technical", "технический", "техникалық"),
    ("innovative", "инновационный", "инновациялық"),
    ("territorial", "территориальный", "аумақтық"),
    ("border", "пограничный", "шекаралық"),
    ("maritime", "морской", "теңіздік"),
    ("liberal", "либеральный", "либералдық"),
    ("conservative", "консервативный", "консервативтік"),
    ("opposition", "оппозиционный", "оппозициялық"),
    ("ruling", "правящий", "билеуші"),
    ("transitional", "переходный", "өтпелі"),
    ("historical", "исторический", "тарихи"),
    ("cultural", "культурный", "мәдени"),
    ("religious", "религиозный", "діни"),
    ("ethnic", "этнический", "этникалық"),
    ("global", "глобальный", "жаһандық"),
    ("world", "мировой", "әлемдік"),
    ("bilateral", "двусторонний", "екіжақты"),
    ("multilateral", "многосторонний", "көпжақты"),
    ("preferential", "льготный", "жеңілдікті"),
    ("anti-monopoly", "антимонопольный", "монополияға қарсы"),
    ("credit", "кредитный", "кредиттік"),
    ("currency", "валютный", "валюталық"),
    ("pension", "пенсионный", "зейнетақылық"),
    ("sanitary", "санитарный", "санитарлық"),
    ("veterinary", "ветеринарный", "ветеринарлық"),
    ("emergency", "чрезвычайный", "төтенше"),
    ("rural", "сельский", "ауылдық"),
    ("urban", "городской", "қалалық"),
    ("green", "зелёный", "жасыл"),
    ("sustainable", "устойчивый", "орнықты"),
)


@dataclass(frozen=True)
class Head:
    """A head noun: the last English word, the Russian first noun, the Kazakh last word."""

    en: str
    ru: str
    #: Russian gender: "m", "f", "n", or "pl" for a plural-only noun
    gender: str
    kk: str
    #: the Kazakh third-person possessive form, used after a domain noun (сауда кеңесі)
    kk_poss: str
    subject: str
    #: an organization (its terms are names: capitalised, more often abbreviated)
    org: bool = False
    #: (deprecated English word, note)
    en_dep: tuple[str, str] | None = None
    #: (deprecated Russian word, its gender, note)
    ru_dep: tuple[str, str, str] | None = None
    #: (deprecated Kazakh word, its possessive, note): mostly Russian loans
    kk_dep: tuple[str, str, str] | None = None


_LOAN = "Russian loan «{dep}», common in older texts; the codified Kazakh term is «{ok}»."
_SPELLING = "{dep!s} is the British spelling; house style is «{ok}»."
_CALQUE = "Calque of Russian «{ru}»; in English the usual word is «{ok}»."
_TRANSLIT = "Transliteration of Russian «{ru}»; translate it as «{ok}»."

HEADS: tuple[Head, ...] = (
    Head("council", "совет", "m", "кеңес", "кеңесі", "politics", org=True),
    Head("committee", "комитет", "m", "комитет", "комитеті", "politics", org=True),
    Head("commission", "комиссия", "f", "комиссия", "комиссиясы", "politics", org=True),
    Head("agency", "агентство", "n", "агенттік", "агенттігі", "politics", org=True,
         kk_dep=("агентство", "агентствосы", _LOAN)),
    Head("ministry", "министерство", "n", "министрлік", "министрлігі", "politics", org=True,
         kk_dep=("министерство", "министерствосы", _LOAN)),
    Head("union", "союз", "m", "одақ", "одағы", "international-organizations", org=True),
    Head("organization", "организация", "f", "ұйым", "ұйымы", "international-organizations",
         org=True, en_dep=("organisation", _SPELLING)),
    Head("fund", "фонд", "m", "қор", "қоры", "finance", org=True,
         kk_dep=("фонд", "фонды", _LOAN)),
    Head("bank", "банк", "m", "банк", "банкі", "finance", org=True),
    Head("chamber", "палата", "f", "палата", "палатасы", "politics", org=True),
    Head("assembly", "ассамблея", "f", "ассамблея", "ассамблеясы", "politics", org=True),
    Head("court", "суд", "m", "сот", "соты", "law", org=True),
    Head("service", "служба", "f", "қызмет", "қызметі", "politics", org=True),
    Head("inspectorate", "инспекция", "f", "инспекция", "инспекциясы", "law", org=True,
         en_dep=("inspection", _CALQUE)),
    Head("center", "центр", "m", "орталық", "орталығы", "politics", org=True,
         en_dep=("centre", _SPELLING), kk_dep=("центр", "центрі", _LOAN)),
    Head("institute", "институт", "m", "институт", "институты", "society", org=True),
    Head("forum", "форум", "m", "форум", "форумы", "diplomacy", org=True),
    Head("policy", "политика", "f", "саясат", "саясаты", "politics",
         kk_dep=("политика", "политикасы", _LOAN)),
    Head("reform", "реформа", "f", "реформа", "реформасы", "politics"),
    Head("program", "программа", "f", "бағдарлама", "бағдарламасы", "politics",
         en_dep=("programme", _SPELLING), kk_dep=("программа", "программасы", _LOAN)),
    Head("agreement", "соглашение", "n", "келісім", "келісімі", "diplomacy"),
    Head("treaty", "договор", "m", "шарт", "шарты", "diplomacy",
         kk_dep=("договор", "договоры", _LOAN)),
    Head("market", "рынок", "m", "нарық", "нарығы", "economy"),
    Head("crisis", "кризис", "m", "дағдарыс", "дағдарысы", "economy",
         kk_dep=("кризис", "кризисі", _LOAN)),
    Head("budget", "бюджет", "m", "бюджет", "бюджеті", "finance"),
    Head("system", "система", "f", "жүйе", "жүйесі", "politics"),
    Head("strategy", "стратегия", "f", "стратегия", "стратегиясы", "politics"),
    Head("doctrine", "доктрина", "f", "доктрина", "доктринасы", "security"),
    Head("initiative", "инициатива", "f", "бастама", "бастамасы", "diplomacy"),
    Head("partnership", "партнёрство", "n", "әріптестік", "әріптестігі", "diplomacy"),
    Head("cooperation", "сотрудничество", "n", "ынтымақтастық", "ынтымақтастығы", "diplomacy"),
    Head("integration", "интеграция", "f", "интеграция", "интеграциясы", "economy"),
    Head("sanctions", "санкции", "pl", "санкциялар", "санкциялары", "diplomacy",
         ru_dep=("рестрикции", "pl", "Newsroom jargon; in print write «санкции».")),
    Head("elections", "выборы", "pl", "сайлау", "сайлауы", "elections"),
    Head("referendum", "референдум", "m", "референдум", "референдумы", "elections"),
    Head("regulation", "регулирование", "n", "реттеу", "реттеуі", "law",
         ru_dep=("регуляция", "f", "Colloquial; legal texts use «регулирование».")),
    Head("oversight", "надзор", "m", "қадағалау", "қадағалауы", "law"),
    Head("monitoring", "мониторинг", "m", "мониторинг", "мониторингі", "politics"),
    Head("audit", "аудит", "m", "аудит", "аудиті", "finance"),
    Head("report", "доклад", "m", "баяндама", "баяндамасы", "media",
         ru_dep=("репорт", "m", "Anglicism used in newsrooms; write «доклад»."),
         kk_dep=("доклад", "доклады", _LOAN)),
    Head("register", "реестр", "m", "тізілім", "тізілімі", "law",
         en_dep=("reestr", _TRANSLIT), kk_dep=("реестр", "реестрі", _LOAN)),
    Head("tariff", "тариф", "m", "тариф", "тарифі", "trade"),
    Head("quota", "квота", "f", "квота", "квотасы", "trade"),
    Head("subsidy", "субсидия", "f", "субсидия", "субсидиясы", "finance"),
    Head("loan", "заём", "m", "қарыз", "қарызы", "finance"),
    Head("debt", "долг", "m", "борыш", "борышы", "finance"),
    Head("reserve", "резерв", "m", "резерв", "резерві", "finance"),
    Head("corridor", "коридор", "m", "дәліз", "дәлізі", "transport"),
    Head("zone", "зона", "f", "аймақ", "аймағы", "economy"),
    Head("security", "безопасность", "f", "қауіпсіздік", "қауіпсіздігі", "security"),
    Head("sovereignty", "суверенитет", "m", "егемендік", "егемендігі", "politics"),
    Head("independence", "независимость", "f", "тәуелсіздік", "тәуелсіздігі", "politics"),
    Head("censorship", "цензура", "f", "цензура", "цензурасы", "media"),
    Head("newspaper", "газета", "f", "газет", "газеті", "media"),
    Head("journalism", "журналистика", "f", "журналистика", "журналистикасы", "media"),
    Head("campaign", "кампания", "f", "науқан", "науқаны", "elections"),
    Head("mandate", "мандат", "m", "мандат", "мандаты", "elections"),
    Head("veto", "вето", "n", "вето", "ветосы", "diplomacy"),
    Head("statute", "устав", "m", "жарғы", "жарғысы", "law",
         en_dep=("ustav", _TRANSLIT), kk_dep=("устав", "уставы", _LOAN)),
    Head("code", "кодекс", "m", "кодекс", "кодексі", "law"),
    Head("law", "закон", "m", "заң", "заңы", "law"),
    Head("decree", "указ", "m", "жарлық", "жарлығы", "law",
         en_dep=("ukaz", _TRANSLIT), kk_dep=("указ", "указы", _LOAN)),
    Head("resolution", "резолюция", "f", "қарар", "қарары", "diplomacy",
         kk_dep=("резолюция", "резолюциясы", _LOAN)),
    Head("protocol", "протокол", "m", "хаттама", "хаттамасы", "diplomacy",
         kk_dep=("протокол", "протоколы", _LOAN)),
    Head("memorandum", "меморандум", "m", "меморандум", "меморандумы", "diplomacy"),
    Head("declaration", "декларация", "f", "декларация", "декларациясы", "diplomacy"),
    Head("summit", "саммит", "m", "саммит", "саммиті", "diplomacy"),
    Head("mission", "миссия", "f", "миссия", "миссиясы", "diplomacy"),
)

#: Domains: (English noun modifier, Russian genitive, Kazakh noun, subject).
#: English puts it before the head, Russian after it, Kazakh before it.
DOMAINS: tuple[tuple[str, str, str, str], ...] = (
    ("trade", "торговли", "сауда", "trade"),
    ("energy", "энергетики", "энергетика", "energy"),
    ("security", "безопасности", "қауіпсіздік", "security"),
    ("transport", "транспорта", "көлік", "transport"),
    ("press", "печати", "баспасөз", "media"),
    ("information", "информации", "ақпарат", "media"),
    ("election", "выборов", "сайлау", "elections"),
    ("migration", "миграции", "көші-қон", "society"),
    ("labour", "труда", "еңбек", "society"),
    ("education", "образования", "білім", "society"),
    ("health", "здравоохранения", "денсаулық сақтау", "society"),
    ("agriculture", "сельского хозяйства", "ауыл шаруашылығы", "economy"),
    ("finance", "финансов", "қаржы", "finance"),
    ("investment", "инвестиций", "инвестиция", "finance"),
    ("taxation", "налогообложения", "салық салу", "finance"),
    ("defence", "обороны", "қорғаныс", "security"),
    ("justice", "юстиции", "әділет", "law"),
    ("human rights", "прав человека", "адам құқықтары", "law"),
    ("competition", "конкуренции", "бәсекелестік", "economy"),
    ("privatization", "приватизации", "жекешелендіру", "economy"),
    ("property", "собственности", "меншік", "law"),
    ("water resources", "водных ресурсов", "су ресурстары", "environment"),
    ("ecology", "экологии", "экология", "environment"),
    ("climate", "климата", "климат", "environment"),
    ("communications", "связи", "байланыс", "media"),
    ("statistics", "статистики", "статистика", "economy"),
    ("tourism", "туризма", "туризм", "economy"),
    ("culture", "культуры", "мәдениет", "society"),
    ("science", "науки", "ғылым", "society"),
    ("youth", "молодёжи", "жастар", "society"),
    ("sport", "спорта", "спорт", "society"),
    ("foreign affairs", "иностранных дел", "сыртқы істер", "diplomacy"),
    ("internal affairs", "внутренних дел", "ішкі істер", "security"),
    ("civil service", "государственной службы", "мемлекеттік қызмет", "politics"),
    ("procurement", "закупок", "сатып алу", "economy"),
    ("standards", "стандартизации", "стандарттау", "economy"),
    ("broadcasting", "вещания", "хабар тарату", "media"),
    ("customs", "таможни", "кеден", "trade"),
    ("oil and gas", "нефтегазовой отрасли", "мұнай-газ саласы", "energy"),
    ("mining", "горнодобывающей отрасли", "тау-кен өндірісі", "economy"),
)

#: Subject fields: slug → (English, Russian, Kazakh).
SUBJECTS: dict[str, tuple[str, str, str]] = {
    "politics": ("politics", "политика", "саясат"),
    "economy": ("economy", "экономика", "экономика"),
    "media": ("media", "СМИ", "БАҚ"),
    "trade": ("trade", "торговля", "сауда"),
    "energy": ("energy", "энергетика", "энергетика"),
    "security": ("security", "безопасность", "қауіпсіздік"),
    "finance": ("finance", "финансы", "қаржы"),
    "law": ("law", "право", "құқық"),
    "society": ("society", "общество", "қоғам"),
    "environment": ("environment", "экология", "экология"),
    "diplomacy": ("diplomacy", "дипломатия", "дипломатия"),
    "elections": ("elections", "выборы", "сайлау"),
    "international-organizations": ("international organizations",
                                    "международные организации", "халықаралық ұйымдар"),
    "transport": ("transport", "транспорт", "көлік"),
}

# Sources: outlets, author names, title templates (all synthetic).
OUTLETS: tuple[tuple[str, str], ...] = (
    ("Eurasianet", "en"), ("The Times of Central Asia", "en"), ("The Diplomat", "en"),
    ("Reuters", "en"), ("Kazinform", "en"), ("Vlast.kz", "ru"), ("Kursiv", "ru"),
    ("Tengrinews", "ru"), ("Interfax-Kazakhstan", "ru"), ("Радио Азаттык", "ru"),
    ("Egemen Qazaqstan", "kk"), ("Azattyq", "kk"), ("Ana tili", "kk"), ("Turkystan", "kk"),
)
FIRST_NAMES = ("Aida", "Almaz", "Arman", "Asel", "Aigerim", "Daniyar", "Dana", "Yerlan",
               "Gulnara", "Marat", "Nurlan", "Saule", "Timur", "Zhanna", "Anna", "Sergey",
               "Olga", "Dmitry", "Catherine", "Paul", "Joanna", "George", "Bruce", "Kate")
LAST_NAMES = ("Kumenov", "Nurpeisova", "Abenov", "Zhaksylykova", "Smagulov", "Tulegenova",
              "Iskakov", "Petrova", "Volkov", "Ivanova", "Pannier", "Putz", "Voloshin",
              "Lillis", "Mallinson", "Baimukhamedov", "Ospanova", "Sadykov")
#: Article titles by the outlet's language.
TITLES: dict[str, tuple[str, ...]] = {
    "en": ("Kazakhstan weighs {topic}", "Debate over {topic} heats up in Astana",
           "What {topic} means for Central Asia", "Officials defend {topic} amid criticism",
           "Analysts question {topic}", "{Topic}: a year on",
           "Neighbours watch {topic} closely"),
    "ru": ("Казахстан обсуждает тему «{topic}»", "В Астане спорят о теме «{topic}»",
           "«{Topic}»: год спустя", "Эксперты сомневаются: «{topic}»"),
    "kk": ("Қазақстан «{topic}» мәселесін талқылауда", "«{Topic}»: бір жылдан соң",
           "Сарапшылар «{topic}» туралы пікір білдірді"),
}

# Definitions and contexts: one template per language, same index = same sentence.
_KIND = {True: ("body", "орган", "орган"), False: ("notion", "понятие", "ұғым")}
DEFINITIONS: tuple[tuple[str, str, str], ...] = (
    ("{Term}: a {kind} in the field of {subject}, as the term is used in news reporting "
     "from Central Asia.",
     "{Term}: {kind} в сфере «{subject}» — в том значении, в каком термин употребляется "
     "в новостях из Центральной Азии.",
     "{Term}: {subject} саласындағы {kind}; термин Орталық Азия жаңалықтарында осы "
     "мағынада қолданылады."),
    ("{Term}: a {kind} of {subject}; in Kazakh texts it is usually called «{kk}».",
     "{Term}: {kind} из области «{subject}»; в казахских текстах обычно «{kk}».",
     "{Term}: {subject} саласының {kind}ы; орыс мәтіндерінде әдетте «{ru}»."),
    ("{Term}: the {kind} that the press also calls «{acr}» when reporting on {subject}.",
     "{Term}: {kind}; в материалах на тему «{subject}» его часто сокращают до «{acr}».",
     "{Term}: {subject} туралы материалдарда «{acr}» деп қысқартылатын {kind}."),
)
CONTEXTS: tuple[tuple[str, str, str], ...] = (
    ("Officials said the {term} would be discussed again at the next session.",
     "Чиновники заявили, что вопрос «{term}» вновь обсудят на следующей сессии.",
     "Шенеуніктердің айтуынша, «{term}» мәселесі келесі сессияда қайта талқыланады."),
    ("Critics argue that the {term} has done little for ordinary citizens.",
     "По мнению критиков, от того, что называют «{term}», простым гражданам мало пользы.",
     "Сыншылардың пікірінше, «{term}» қарапайым азаматтарға көп пайда әкелген жоқ."),
    ("The debate over the {term} continued in parliament on Tuesday.",
     "Дебаты по теме «{term}» продолжились в парламенте во вторник.",
     "«{term}» туралы пікірталас сейсенбі күні парламентте жалғасты."),
    ("Experts expect the {term} to be high on the agenda this year.",
     "Эксперты ожидают, что тема «{term}» в этом году будет в центре внимания.",
     "Сарапшылар биыл «{term}» мәселесі күн тәртібінің басында болады деп күтеді."),
)

_RU_HARD = set("кгх")  # adjectives in -кий/-гий/-хий take hard endings
_RU_HUSH = set("жшчщ")  # adjectives in -жий/-ший/-чий/-щий: -ая but -ее


def ru_adjective(masc: str, gender: str) -> str:
    """The Russian adjective ``masc`` agreeing with a head of ``gender`` (m/f/n/pl)."""
    if gender == "m":
        return masc
    stem, end = masc[:-2], masc[-2:]
    last = stem[-1]
    if end in ("ый", "ой"):
        soft = False
        plural_i = last in _RU_HARD or last in _RU_HUSH
    else:  # -ий
        soft = last not in _RU_HARD and last not in _RU_HUSH
        plural_i = True
    if gender == "f":
        return stem + ("яя" if soft else "ая")
    if gender == "n":
        return stem + ("ее" if soft or last in _RU_HUSH else "ое")
    return stem + ("ие" if plural_i else "ые")


# --------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------

#: How term shapes are drawn: (number of adjectives, with a domain?, weight).
PATTERNS: tuple[tuple[int, bool, int], ...] = ((1, False, 15), (2, False, 25),
                                               (1, True, 35), (2, True, 25))
HOMONYM_RATE = 0.01


@dataclass(frozen=True)
class _Shape:
    adjs: tuple[int, ...]
    domain: int | None
    head: int


def _words(text: str) -> list[str]:
    return text.split()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_SMALL_WORDS = frozenset({"of", "and", "for", "the"})


def _title(text: str) -> str:
    return " ".join(w if w in _SMALL_WORDS else w[:1].upper() + w[1:] for w in text.split())


def acronym(text: str) -> str:
    """Initials of the words of ``text``, uppercased ("өңірлік сауда кеңесі" → "ӨСК")."""
    return "".join(w[0] for w in text.split() if w.lower() not in _SMALL_WORDS).upper()


def _phrases(shape: _Shape) -> tuple[str, str, str]:
    """The en, ru and kk full forms (lowercase) of a term shape."""
    head = HEADS[shape.head]
    adjs = [ADJECTIVES[i] for i in shape.adjs]
    domain = DOMAINS[shape.domain] if shape.domain is not None else None
    en = [a[0] for a in adjs] + ([domain[0]] if domain else []) + [head.en]
    ru = [ru_adjective(a[1], head.gender) for a in adjs] + [head.ru] + (
        [domain[1]] if domain else [])
    kk = [a[2] for a in adjs] + ([domain[2], head.kk_poss] if domain else [head.kk])
    return " ".join(en), " ".join(ru), " ".join(kk)


def _sources(rng: random.Random, n: int) -> list[Source]:
    count = max(3, n // 100)
    width = max(4, len(str(count)))
    out = []
    for i in range(1, count + 1):
        outlet, lang = rng.choice(OUTLETS)
        topic = _phrases(_random_shape(rng))[("en", "ru", "kk").index(lang)]
        title = rng.choice(TITLES[lang]).format(topic=topic, Topic=_capitalise(topic))
        year, month, day = rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28)
        out.append(Source(
            id=f"src-{i:0{width}d}", title=title, outlet=outlet,
            author=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            published=f"{year}-{month:02d}-{day:02d}", lang=lang,
            url=f"https://news.example.org/{year}/{month:02d}/{i}" if rng.random() < 0.5
            else None))
    return out


def _random_shape(rng: random.Random) -> _Shape:
    n_adj, with_domain, _ = rng.choices(PATTERNS, weights=[p[2] for p in PATTERNS])[0]
    adjs = tuple(rng.sample(range(len(ADJECTIVES)), n_adj))
    domain = rng.randrange(len(DOMAINS)) if with_domain else None
    return _Shape(adjs, domain, rng.randrange(len(HEADS)))


def _fits(phrases: tuple[str, str, str]) -> bool:
    return all(2 <= len(_words(p)) <= 4 for p in phrases)


def generate(n: int, seed: int = 0) -> tuple[list[Source], Iterator[Concept]]:
    """Sources (generated now) and ``n`` concepts (generated lazily, in id order).

    Deterministic for ``(n, seed)``; the iterator can be consumed only once.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(seed)
    sources = _sources(rng, n)
    concept_seed = rng.getrandbits(64)
    return sources, _concepts(n, random.Random(concept_seed), sources)


def _concepts(n: int, rng: random.Random, sources: list[Source]) -> Iterator[Concept]:
    width = max(6, len(str(n)))
    used: set[_Shape] = set()
    earlier_en: list[str] = []
    for i in range(1, n + 1):
        for _ in range(100):
            shape = _random_shape(rng)
            phrases = _phrases(shape)
            if shape not in used and _fits(phrases):
                break
        used.add(shape)
        homonym = earlier_en and rng.random() < HOMONYM_RATE
        concept = _concept(rng, f"c{i:0{width}d}", shape, phrases, i, width, sources,
                           homonym_of=rng.choice(earlier_en) if homonym else None)
        earlier_en.append(concept.langs["en"].terms[0].text)
        yield concept


def _concept(rng: random.Random, concept_id: str, shape: _Shape, phrases: tuple[str, str, str],
             index: int, width: int, sources: list[Source],
             homonym_of: str | None) -> Concept:
    head = HEADS[shape.head]
    domain = DOMAINS[shape.domain] if shape.domain is not None else None
    en, ru, kk = phrases
    if head.org:  # names of bodies: capitalised
        en, ru, kk = _title(en), _capitalise(ru), _capitalise(kk)
    if homonym_of is not None:
        en = homonym_of
    pos = PartOfSpeech.PROPER_NOUN if head.org else PartOfSpeech.NOUN
    ru_gender = {"m": Gender.MASCULINE, "f": Gender.FEMININE, "n": Gender.NEUTER}.get(
        head.gender)

    texts = {"en": en, "ru": ru, "kk": kk}
    terms: dict[str, list[Term]] = {
        lang: [Term(text, TermType.FULL_FORM, TermStatus.PREFERRED, pos=pos,
                    gender=ru_gender if lang == "ru" else None)]
        for lang, text in texts.items()}

    acronyms: dict[str, str] = {}
    if rng.random() < (0.8 if head.org else 0.35):
        for lang, text in texts.items():
            if rng.random() < 0.9:
                acronyms[lang] = acronym(text)
                terms[lang].append(Term(acronyms[lang], TermType.ACRONYM, TermStatus.PREFERRED,
                                        case_sensitive=True))

    # an admitted variant: the domain as a prepositional phrase, or a short form
    if domain is not None and rng.random() < 0.25:
        adj_en = " ".join(ADJECTIVES[a][0] for a in shape.adjs)
        adj_ru = " ".join(ru_adjective(ADJECTIVES[a][1], head.gender) for a in shape.adjs)
        adj_kk = " ".join(ADJECTIVES[a][2] for a in shape.adjs)
        variants = {"en": f"{adj_en} {head.en} for {domain[0]}",
                    "ru": f"{adj_ru} {head.ru} по вопросам {domain[1]}",
                    "kk": f"{domain[2]} жөніндегі {adj_kk} {head.kk}"}
        for lang in rng.sample(sorted(variants), rng.randint(1, 3)):
            terms[lang].append(Term(variants[lang], TermType.VARIANT, TermStatus.ADMITTED,
                                    pos=pos))
    elif len(shape.adjs) == 2 and rng.random() < 0.25:
        short = _phrases(_Shape(shape.adjs[1:], shape.domain, shape.head))
        lang = rng.choice(("en", "ru", "kk"))
        terms[lang].append(Term(short[("en", "ru", "kk").index(lang)], TermType.SHORT_FORM,
                                TermStatus.ADMITTED, pos=pos))

    # a deprecated term: a Russian loan in Kazakh, a calque or spelling in English, jargon
    deprecated = [lang for lang, dep in (("en", head.en_dep), ("ru", head.ru_dep),
                                         ("kk", head.kk_dep)) if dep]
    if deprecated and rng.random() < 0.35:
        lang = rng.choice(deprecated)
        text, note = _deprecated(lang, shape, head, texts[lang])
        terms[lang].append(Term(text, TermType.VARIANT, TermStatus.DEPRECATED, pos=pos,
                                note=note))

    subjects = [domain[3]] if domain else []
    for extra in (head.subject, rng.choice(sorted(SUBJECTS))):
        if len(subjects) < rng.choice((1, 2)) and extra not in subjects:
            subjects.append(extra)
    subjects = subjects or [head.subject]

    langs = {}
    template = rng.randrange(len(DEFINITIONS))
    if template == 2 and not acronyms:
        template = rng.randrange(2)
    for li, lang in enumerate(("en", "ru", "kk")):
        kind = _KIND[head.org][li]
        definition = DEFINITIONS[template][li].format(
            Term=_capitalise(texts[lang]), kind=kind, subject=SUBJECTS[subjects[0]][li],
            kk=texts["kk"], ru=texts["ru"], acr=acronyms.get(lang, texts[lang]))
        langs[lang] = LangSection(terms=terms[lang], definition=definition)

    related = []
    if index > 1:
        k = min(index - 1, rng.choice((0, 0, 1, 1, 2, 3)))
        related = [f"c{j:0{width}d}" for j in sorted(rng.sample(range(1, index), k))]

    source = rng.choice(sources)
    ctx_template = CONTEXTS[rng.randrange(len(CONTEXTS))]
    ctx_lang = rng.choices(("en", "ru", "kk"), weights=(5, 3, 2))[0]
    sentences = {lang: ctx_template[li].format(term=texts[lang])
                 for li, lang in enumerate(("en", "ru", "kk"))}
    context = Context(lang=ctx_lang, text=sentences[ctx_lang], source=source.id,
                      translations={k: v for k, v in sentences.items() if k != ctx_lang})
    return Concept(id=concept_id, langs=langs, subjects=subjects, related=related,
                   sources=[source.id], contexts=[context])


def _deprecated(lang: str, shape: _Shape, head: Head, preferred: str) -> tuple[str, str]:
    """A deprecated form of the preferred term: its head word swapped for a bad one."""
    if lang == "en":
        dep, note = head.en_dep  # type: ignore[misc]
        words = preferred.split()
        words[-1] = dep.capitalize() if words[-1][:1].isupper() else dep
        return " ".join(words), note.format(dep=dep.capitalize(), ok=head.en, ru=head.ru)
    if lang == "ru":  # the adjectives agree with the deprecated noun
        dep, gender, note = head.ru_dep  # type: ignore[misc]
        words = [ru_adjective(ADJECTIVES[a][1], gender) for a in shape.adjs] + [dep]
        if shape.domain is not None:
            words.append(DOMAINS[shape.domain][1])
        return " ".join(words), note
    dep, dep_poss, note = head.kk_dep  # type: ignore[misc]
    words = preferred.split()
    words[-1] = dep_poss if shape.domain is not None else dep
    return " ".join(words), note.format(dep=dep, ok=head.kk if shape.domain is None
                                        else head.kk_poss)


# --------------------------------------------------------------------------------------
# Checks and CLI
# --------------------------------------------------------------------------------------

KAZAKH_LETTERS = "әғқңөұүһі"


def check_word_lists() -> None:
    """Raise ValueError if a Russian or Kazakh word holds a Latin letter, or a list repeats."""
    cyrillic = [a[1] for a in ADJECTIVES] + [a[2] for a in ADJECTIVES]
    cyrillic += [h.ru for h in HEADS] + [h.kk for h in HEADS] + [h.kk_poss for h in HEADS]
    cyrillic += [d[1] for d in DOMAINS] + [d[2] for d in DOMAINS]
    cyrillic += [s[1] for s in SUBJECTS.values()] + [s[2] for s in SUBJECTS.values()]
    cyrillic += [h.kk_dep[0] for h in HEADS if h.kk_dep] + [h.kk_dep[1] for h in HEADS
                                                           if h.kk_dep]
    cyrillic += [h.ru_dep[0] for h in HEADS if h.ru_dep]
    for word in cyrillic:
        for ch in word:
            if ch.isalpha() and not unicodedata.name(ch).startswith("CYRILLIC"):
                raise ValueError(f"{word!r}: {ch!r} is not a Cyrillic letter")
    for label, items in (("en adjectives", [a[0] for a in ADJECTIVES]),
                         ("ru adjectives", [a[1] for a in ADJECTIVES]),
                         ("kk adjectives", [a[2] for a in ADJECTIVES]),
                         ("en heads", [h.en for h in HEADS]), ("ru heads", [h.ru for h in HEADS]),
                         ("kk heads", [h.kk for h in HEADS]),
                         ("en domains", [d[0] for d in DOMAINS]),
                         ("ru domains", [d[1] for d in DOMAINS]),
                         ("kk domains", [d[2] for d in DOMAINS])):
        if len(set(items)) != len(items):
            raise ValueError(f"{label} repeat a word")
    for adj in ADJECTIVES:
        if not adj[1].endswith(("ый", "ий", "ой")):
            raise ValueError(f"{adj[1]!r} is not a masculine adjective")
    for head in HEADS:
        if head.subject not in SUBJECTS:
            raise ValueError(f"{head.en}: unknown subject {head.subject!r}")
    for domain in DOMAINS:
        if domain[3] not in SUBJECTS:
            raise ValueError(f"{domain[0]}: unknown subject {domain[3]!r}")


check_word_lists()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synth",
        description="Write a synthetic en/ru/kk glossary of N concepts.")
    parser.add_argument("n", type=int, help="number of concepts")
    parser.add_argument("-o", "--output", required=True, type=Path,
                        help="a directory (YAML layout), or a file ending in .json (JSON export)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    from glossary.formats import json as json_format
    from glossary.formats import yaml as yaml_format

    sources, concepts = generate(args.n, args.seed)
    if args.output.suffix.lower() == ".json":
        count = json_format.write(sources, concepts, args.output)
    else:
        count = yaml_format.write(sources, concepts, args.output)
    print(f"wrote {count} concepts and {len(sources)} sources to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
