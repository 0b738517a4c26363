"""The answers that read the store: DEFINE, MATCH, SHOW INFO and SHOW SERVER.

An :class:`Answers` holds one open :class:`~glossary.Glossary` and is used
from one thread only (the server's store thread, which owns the SQLite
connection); each method returns the complete response, as bytes, so that
rendering runs in that thread too and the event loop only writes.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...api import Glossary
from ...errors import InputError, NotFoundError
from ...formats.article import article
from ...model import LANG_ORDER, LANGUAGES, Concept, Source
from ...search import Hit
from . import catalog, protocol
from .catalog import Database
from .protocol import quote, status

_INVALID_DB = 'invalid database, use "SHOW DB" for list of databases'
_INVALID_STRATEGY = 'invalid strategy, use "SHOW STRAT" for a list of strategies'
_DIRECT = ("exact", "abbreviation")


class Answers:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        # load the Russian analyser now, not on the first client's lemma query
        glossary.lookup("словари", lang="ru", limit=1, stages=("lemma",))

    def define(self, database: str, word: str, *, mime: bool = False) -> bytes:
        dbs = catalog.databases(database)
        if dbs is None:
            return status(protocol.INVALID_DATABASE, _INVALID_DB)
        found: list[tuple[Database, Hit]] = []
        seen: set[str] = set()
        try:
            for db in dbs:
                fresh = [hit for hit in self._lookup(word, db, catalog.DEFINE_STAGES,
                                                     catalog.MAX_DEFINITIONS)
                         if hit.concept_id not in seen]  # `*`: each concept once
                seen.update(hit.concept_id for hit in fresh)
                found += [(db, hit) for hit in fresh]
                if fresh and database == "!":
                    break
        except InputError as exc:
            return status(protocol.BAD_PARAMETERS, f"syntax error, illegal parameters: {exc}")
        definitions = []
        sources = {s.id: s for s in self.glossary.sources()} if found else {}
        for db, hit in found[: catalog.MAX_DEFINITIONS]:
            try:
                concept = self.glossary.get(hit.concept_id)
            except NotFoundError:
                continue  # deleted since the lookup
            lines = self._article(concept, db, hit, sources)
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
        try:
            for db in dbs:
                hits = self._lookup(word, db, chosen.stages, catalog.MAX_MATCHES)
                pairs.update(dict.fromkeys((db.name, hit.term) for hit in hits))
                if hits and database == "!":
                    break
        except InputError as exc:
            return status(protocol.BAD_PARAMETERS, f"syntax error, illegal parameters: {exc}")
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

    def _article(self, concept: Concept, db: Database, hit: Hit,
                 sources: dict[str, Source]) -> list[str]:
        first = db.lang or hit.lang
        related = {}
        for rid in concept.related:
            try:
                other = self.glossary.get(rid)
            except NotFoundError:
                continue
            term = other.preferred(first) or other.preferred("en")
            related[rid] = term.text if term else rid
        lines = article(concept, order=[first], sources=sources, related=related,
                        headword=hit.term)
        if hit.match not in _DIRECT:
            lines.insert(1, hit.explain())
        return lines
