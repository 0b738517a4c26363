"""What the DICT server offers: its databases and its match strategies.

Databases are the glossary seen from one language (``sozdik-en`` holds the
English terms, and so on) plus ``sozdik``, every language at once: a
"virtual" database in RFC 2229's sense (§3.4), so ``*`` and ``!`` leave it
out and search the three languages in order. Strategies map onto the stages
of the search engine (:data:`glossary.search.STAGES`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import LANGUAGES


@dataclass(frozen=True)
class Database:
    name: str
    #: SHOW DB's second column, and the 151 line's third parameter
    description: str
    #: the language of its headwords; None for every language
    lang: str | None


@dataclass(frozen=True)
class Strategy:
    name: str
    description: str
    #: the search stages it runs (glossary.search.STAGES); None: the engine's default
    stages: tuple[str, ...] | None
    #: only terms of as many words as the query (dictd's lev compares whole headwords)
    whole: bool = False


ALL = Database("sozdik", "Sozdik glossary: English, Russian and Kazakh terms", None)
DATABASES: tuple[Database, ...] = (ALL, *(
    Database(f"sozdik-{lang}", f"Sozdik glossary: {name} terms", lang)
    for lang, name in LANGUAGES.items()))
BY_NAME = {db.name: db for db in DATABASES}
#: what ``*`` and ``!`` search, in SHOW DB order: the real databases, not the virtual one
REAL = tuple(db for db in DATABASES if db.lang is not None)

STRATEGIES: tuple[Strategy, ...] = (
    Strategy("exact", "Match terms exactly (ignoring case, ё/е, punctuation and spacing)",
             ("exact",)),
    Strategy("prefix", "Match term prefixes, in any spelling", ("exact", "prefix", "translit")),
    Strategy("lev", "Match terms within one edit per word (two in words over 6 letters)",
             ("exact", "fuzzy"), whole=True),
    Strategy("translit", "Match Latin spellings of Kazakh and Russian terms, and Kazakh "
             "typed without its own letters",
             ("exact", "translit")),
    Strategy("lemma", "Match inflected forms (Russian, Kazakh, English)", ("exact", "lemma")),
    Strategy("layout", "Match text typed with the wrong keyboard layout", ("layout",)),
    Strategy("word", "Match terms containing the words, or forms of them", ("exact", "word")),
)
STRATEGY_BY_NAME = {s.name: s for s in STRATEGIES}
#: ``.``, the server's default strategy: the search engine's own ranked lookup
#: (the ``dict`` client's "perhaps you mean" after a DEFINE finds nothing)
DEFAULT = Strategy(".", "The best matches of every kind, ranked", None)
#: what DEFINE accepts as the word meaning a term: the term itself, however it is
#: spelled, typed or inflected. Prefixes, words of longer terms and typos are
#: suggestions instead: the client asks for them with MATCH after a 552.
DEFINE_STAGES = ("exact", "translit", "layout", "lemma")

#: the most definitions and matches one command answers
MAX_DEFINITIONS = 20
MAX_MATCHES = 200


def strategy(name: str) -> Strategy | None:
    return DEFAULT if name == "." else STRATEGY_BY_NAME.get(name.casefold())


def databases(name: str) -> tuple[Database, ...] | None:
    """The databases a DEFINE or MATCH names: one, or the real ones for ``*`` and ``!``."""
    if name in ("*", "!"):
        return REAL
    db = BY_NAME.get(name.casefold())
    return (db,) if db else None
