"""The answers that read the store: DEFINE, MATCH, SHOW INFO and SHOW SERVER.

An :class:`Answers` holds one open :class:`~glossary.Glossary` and is used
from one thread only (the server's store thread, which owns the SQLite
connection); each method returns the complete response, as bytes, so that
rendering runs in that thread too and the event loop only writes.

Rendered articles are kept (a few thousand, least recently used first out)
until the store changes: its last-change stamp, one indexed read, is checked
on every DEFINE.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from ...api import Glossary
from ...errors import InputError, NotFoundError
from ...formats.article import article
from ...model import LANG_ORDER, LANGUAGES, Concept, Source
from ...search import Hit
from ...text.normalize import fold_words
from . import catalog, protocol
from .catalog import Database
from .protocol import quote, status

_INVALID_DB = 'invalid database, use "SHOW DB" for list of databases'
_INVALID_STRATEGY = 'invalid strategy, use "SHOW STRAT" for a list of strategies'
_DIRECT = ("exact", "abbreviation")
CACHED_ARTICLES = 4096


def _no_match(exc: InputError) -> bytes:
    """A word no term can be (empty, only punctuation, longer than a term) is no syntax
    error: the RFC's word may be an empty string. dictd answers it 552, and so do we,
    saying why (the ``dict`` client then says it found no definitions for it)."""
    return status(protocol.NO_MATCH, f"no match: {exc.message}")


class Answers:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._articles: OrderedDict[tuple[str, str], list[str]] = OrderedDict()
        self._sources: dict[str, Source] | None = None
        self._stamp: str | None = glossary.last_change()
        # load the Russian analyser now, not on the first client's lemma query
        glossary.lookup("словари", lang="ru", limit=1, stages=("lemma",))

    def define(self, database: str, word: str, *, mime: bool = False) -> bytes:
        dbs = catalog.databases(database)
        if dbs is None:
            return status(protocol.INVALID_DATABASE, _INVALID_DB)
        try:
            found = self._define_hits(database, dbs, word)
        except InputError as exc:
            return _no_match(exc)
        definitions = []
        self._check_stamp()
        for db, hit in found[: catalog.MAX_DEFINITIONS]:
            lines = self._article(db, hit)
            if lines is None:
                continue  # deleted since the lookup
            definitions.append(status(protocol.DEFINITION, f"{quote(hit.term)} {db.name} "
                                                           f"{quote(db.description)}")
                               + protocol.text(lines, mime=mime))
        if not definitions:
            return status(protocol.NO_MATCH, "no match")
        return (status(protocol.DEFINITIONS, f"{len(definitions)} definitions retrieved")
                + b"".join(definitions) + status(protocol.OK, "ok"))

    def match(self, database: str, strategy: str, word: str, *, mime: bool = False) -> bytes:
        dbs = catalog.databases(database)
        if dbs is None:
            return status(protocol.INVALID_DATABASE, _INVALID_DB)
        chosen = catalog.strategy(strategy)
        if chosen is None:
            return status(protocol.INVALID_STRATEGY, _INVALID_STRATEGY)
        pairs: dict[tuple[str, str], None] = {}
        words = fold_words(word)
        try:
            for db in dbs:
                hits = self._lookup(word, db, chosen.stages, catalog.MAX_MATCHES)
                if chosen.whole:  # the engine's typo stage also finds the words of longer terms
                    hits = [hit for hit in hits if len(fold_words(hit.term)) == len(words)]
                pairs.update(dict.fromkeys((db.name, hit.term) for hit in hits))
                if hits and database == "!":
                    break
        except InputError as exc:
            return _no_match(exc)
        if not pairs:
            return status(protocol.NO_MATCH, "no match")
        lines = [f"{name} {quote(term)}" for name, term in pairs]
        return (status(protocol.MATCHES, f"{len(lines)} matches found")
                + protocol.text(lines, mime=mime) + status(protocol.OK, "ok"))

    def info(self, database: str, *, mime: bool = False) -> bytes:
        db = catalog.BY_NAME.get(database.casefold())
        if db is None:
            return status(protocol.INVALID_DATABASE, _INVALID_DB)
        stats = self.glossary.stats()
        langs = [db.lang] if db.lang else list(LANG_ORDER)
        lines = [db.description, "",
                 f"Concepts: {stats['concepts']}. Last change: {stats['last_change'] or 'never'}."]
        for lang in langs:
            counts = stats["terms_by_language"].get(lang, {})
            detail = ", ".join(f"{n} {s}" for s, n in counts.items())
            lines.append(f"{LANGUAGES[lang]} terms: {sum(counts.values())}"
                         + (f" ({detail})" if detail else ""))
        lines += ["", "Each definition is a whole concept: its terms in English, Russian and "
                  "Kazakh with their type and status (preferred, admitted, DEPRECATED, "
                  "FORBIDDEN) and usage notes, a definition in each language, and sentences "
                  "quoted from the sources with our translations.", "",
                  "Sources:"]
        lines += [f"  {source.citation()}" + (f" <{source.url}>" if source.url else "")
                  for source in self.glossary.sources()]
        lines += ["", "Quotations are cited from their sources; the terms, definitions, "
                  "notes and translations are the Sozdik project's (MIT licence)."]
        return (status(protocol.DATABASE_INFO, f"information for {db.name}")
                + protocol.text(lines, mime=mime) + status(protocol.OK, "ok"))

    def server(self, about: Sequence[str], *, mime: bool = False) -> bytes:
        stats = self.glossary.stats()
        lines = [*about, "",
                 f"Glossary: {stats['concepts']} concepts, {stats['terms']} terms; "
                 f"last change {stats['last_change'] or 'never'}."]
        return (status(protocol.SERVER_INFO, "server information")
                + protocol.text(lines, mime=mime) + status(protocol.OK, "ok"))

    # -- helpers -----------------------------------------------------------------------
    def _lookup(self, word: str, db: Database, stages: tuple[str, ...] | None,
                limit: int) -> list[Hit]:
        return self.glossary.lookup(word, lang=db.lang, limit=limit, stages=stages)

    def _define_hits(self, database: str, dbs: tuple[Database, ...],
                     word: str) -> list[tuple[Database, Hit]]:
        """The concepts a DEFINE answers with, each once, and the database of each."""
        if database == "*":  # one lookup: each concept under the language it matched best in
            hits = self.glossary.lookup(word, limit=catalog.MAX_DEFINITIONS,
                                        stages=catalog.DEFINE_STAGES)
            by_lang = {db.lang: db for db in dbs}
            found = [(by_lang[hit.lang], hit) for hit in hits if hit.lang in by_lang]
            return sorted(found, key=lambda item: dbs.index(item[0]))  # SHOW DB order
        for db in dbs:  # `!`: the first database with a match; else the one named
            hits = self._lookup(word, db, catalog.DEFINE_STAGES, catalog.MAX_DEFINITIONS)
            if hits:
                return [(db, hit) for hit in hits]
        return []

    def _check_stamp(self) -> None:
        stamp = self.glossary.last_change()
        if stamp != self._stamp:
            self._articles.clear()
            self._sources = None
            self._stamp = stamp

    def _article(self, db: Database, hit: Hit) -> list[str] | None:
        first = db.lang or hit.lang
        key = (hit.concept_id, first)
        body = self._articles.get(key)
        if body is None:
            try:
                concept = self.glossary.get(hit.concept_id)
            except NotFoundError:
                return None
            body = self._render(concept, first)
            self._articles[key] = body
            if len(self._articles) > CACHED_ARTICLES:
                self._articles.popitem(last=False)
        else:
            self._articles.move_to_end(key)
        lines = [hit.term]
        if hit.match not in _DIRECT:
            lines.append(hit.explain())
        return lines + body

    def _render(self, concept: Concept, first: str) -> list[str]:
        """The article without its headword line (which depends on the query)."""
        labels = self.glossary.labels(concept.related)
        related = {rid: langs.get(first) or langs.get("en") or rid
                   for rid, langs in labels.items() if langs}
        if self._sources is None:
            self._sources = {s.id: s for s in self.glossary.sources()}
        return article(concept, order=[first], sources=self._sources, related=related)[1:]
