"""The :class:`Glossary`: the one object that embedding code needs."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from . import search
from .errors import (
    DamagedConceptError,
    InputError,
    NotFoundError,
    StoreError,
    TranslationConflictError,
)
from . import i18n
from .model import LANGUAGES, OTHER_SCRIPT, Concept, Segment, Source, SubjectField, language, unknown_language
from .paths import STORE_ENV, bundled_data, default_store_path
from .records import record
from .search import Hit
from .store import ImportReport, Rejection, Revision, Store

TYPE_CHECKING = False
if TYPE_CHECKING:  # the gettext/TBX machinery loads on first use: `glossary lookup` starts fast
    from contextlib import AbstractContextManager
    from pathlib import Path
    from types import TracebackType
    from typing import Any, TypeVar

    from .formats import Bundle
    from .store.doctor import Problem
    from .store.subset import Exported, Subset
    from .store.resident import Keeper
    from .annotate import Matcher, Span
    from .check import Checker, CheckReport
    from .extract import Candidate
    from .harvest import HarvestReport
    from .formats.po import PoExport, PoImport
    from .formats.report import FormatReport
    from .formats.stardict import StardictExport
    from .formats.tmx import TmxExport

    _T = TypeVar("_T")


class Glossary:
    """A term store, opened. Use :meth:`open`; close it, or use it in ``with``.

    >>> with Glossary.open(tmp_path / "g.sqlite3") as g:      # doctest: +SKIP
    ...     g.lookup("ЕАЭС")[0].concept_id
    'eeu'
    """

    def __init__(self, store: Store, author: str | None = None, *,
                 part: Subset | None = None) -> None:
        self._store = store
        #: a glossary of part of the store (:meth:`subset`): what it reads, it refuses writes
        self._part = part
        self._reads: Exported = store if part is None else part
        self._author = author or os.environ.get("SOZDIK_USER") or None
        self._matcher: Matcher | None = None

    @property
    def author(self) -> str:
        """Who this glossary's writes name: the ``author`` given, else ``$SOZDIK_USER``, else
        the login name (looked up at the first write: a lookup has no author)."""
        if self._author is None:
            self._author = _login()
        return self._author

    @author.setter
    def author(self, value: str) -> None:
        self._author = value

    @classmethod
    def open(cls, path: str | Path | None = None, *, seed: bool = True,
             author: str | None = None, read_only: bool | None = None) -> Glossary:
        """Open the store at ``path`` (default: ``$SOZDIK_STORE`` or the user data dir).

        A store that does not exist yet is created and, with ``seed``, loaded
        with the bundled glossary (once, in one transaction, however many
        processes open it at the same time). Its folder must exist, except
        for the default location in the user data directory. A store this
        user cannot write (file or folder) opens read-only; ``read_only=True``
        asks for that anyway. StoreError when it cannot be opened.
        """
        return cls._open(path, seed=seed, author=author, read_only=read_only, new=False)

    @classmethod
    def create(cls, path: str | Path | None = None, *, seed: bool = True,
               author: str | None = None) -> Glossary:
        """Create a new store (``glossary init``): seeded with the bundled glossary or,
        with ``seed=False``, empty. StoreError if a store is there already."""
        return cls._open(path, seed=seed, author=author, read_only=False, new=True)

    @classmethod
    def _open(cls, path: str | Path | None, *, seed: bool, author: str | None,
              read_only: bool | None, new: bool) -> Glossary:
        default = path is None and not os.environ.get(STORE_ENV)
        store = Store.open(path if path is not None else default_store_path(),
                           read_only=read_only, make_dirs=default,
                           seed=_seed_bundled if seed else None, new=new)
        return cls(store, author)

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def read_only(self) -> bool:
        """True when the store was opened read-only, or this is a part of it
        (:meth:`subset`): every write raises ReadOnlyStoreError."""
        return self._part is not None or self._store.read_only

    @property
    def created(self) -> bool:
        """True when this open created the store."""
        return self._part is None and self._store.created

    @property
    def skipped(self) -> list[StoreError]:
        """Damaged concepts (and sources) that reads since the open left out, each
        saying what is wrong (see :meth:`doctor`)."""
        return list(self._store.skipped.values())

    def close(self) -> None:
        if self._part is None:  # (a part's store belongs to the glossary it was made from)
            self._store.close()

    @property
    def _writes(self) -> Store:
        """The store, to write to; ReadOnlyStoreError through a part of it."""
        if self._part is not None:
            raise self._part.refusal()
        return self._store

    def __enter__(self) -> Glossary:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------
    def lookup(self, query: str, lang: str | None = None, limit: int = 10, *,
               stages: Collection[str] | None = None, scope: str = "terms") -> list[Hit]:
        """Ranked concepts matching ``query``; each :class:`Hit` says how it matched.

        ``scope``: where to search. ``terms`` (the default), ``definitions``,
        ``notes`` (language and term usage notes), ``contexts`` (quotations and
        their translations), ``all`` (terms first, then the rest), or ``auto``
        (the terms, then the rest when the terms find nothing better than a
        fuzzy hit; what the CLI does). A hit found in running text has
        ``match == "text"``, its ``field`` and a ``snippet``.

        ``stages`` restricts the term search to some of :data:`glossary.search.STAGES`
        (``("exact", "lemma")``: a term or an inflected form of it, nothing looser).
        Through a part (:meth:`subset`), only the part's concepts are found.
        """
        if self._part is None:
            return search.lookup(self._store, query, lang=lang, limit=limit, stages=stages,
                                 scope=scope)
        # the store's hits among the part's: asked for more until enough are the part's
        # or the store has no more (the ranking is the store's, so it is kept)
        wanted, asked = set(self._part.ids), limit
        while True:
            hits = search.lookup(self._store, query, lang=lang, limit=asked, stages=stages,
                                 scope=scope)
            kept = [hit for hit in hits if hit.concept_id in wanted]
            if len(kept) >= limit or len(hits) < asked:
                return kept[:limit]
            asked *= 4

    def warm_up(self) -> int:
        """Prepare this glossary for many lookups (a server's, a long-running UI's): the
        index pages every lookup passes through are read into memory once (~11 MB at a
        million concepts) and kept there, so that a lookup reads from the disk at most the
        few pages its answer is on, however long ago the machine last read the store.
        Returns how many index seeks it took. Not worth it for one lookup."""
        return self._store.warm_up()

    def keep_cached(self, every: float | None = None) -> Keeper:
        """Keep the pages lookups read in the system's cache while this glossary is open
        (a server's, for hours): a process of its own reads them again every ``every``
        seconds (20 when None), as some machines page out file pages unread for a
        minute, and a lookup would then wait for the disk. The pages stay the system's
        to reclaim (~1.2 GB at a million concepts; this process's memory does not grow).
        Returns its :class:`Keeper` (``wait()`` for its first pass)."""
        return self._store.keep_cached(every)

    def get(self, concept_id: str) -> Concept:
        """The concept with that id; :class:`NotFoundError` if there is none."""
        return self._store.get(concept_id)

    def define(self, query: str, lang: str = "en") -> str | None:
        """The ``lang`` definition of the best hit for ``query`` (None if no hit)."""
        hits = self.lookup(query, limit=1)
        return self.get(hits[0].concept_id).definition(lang) if hits else None

    def annotate(self, text: str, lang: str | None = None, *,
                 strict: bool = False) -> list[Span]:
        """Every glossary term in ``text``, in any inflected form, as :class:`Span` objects.

        ``lang`` is ``en``, ``ru`` or ``kk``; None (or ``"auto"``) detects it
        from the text (:func:`glossary.detect_language`). The terms of the languages
        written in the other script are found too, as a text quotes them (``The EEU
        (ЕАЭС)``, ``о ЕАЭС (EEU)``; each span says its term's language); ``strict``:
        ``lang``'s terms only. Longest match wins; spans never overlap and come in text
        order; their offsets index ``text`` exactly as given.
        """
        if lang is None or lang == "auto":
            from .text.langid import detect as detect_language

            lang = detect_language(text)
        elif lang not in LANGUAGES:
            raise InputError(unknown_language(lang, also=("auto",)), field="lang")
        return self.matcher().find(text, lang, () if strict or lang is None else OTHER_SCRIPT[lang])

    def matcher(self) -> Matcher:
        """The compiled glossary for :meth:`annotate`, built once per store revision."""
        current = self._matcher.tables if self._matcher is not None else None
        if current is None or (current.store_id, current.counter) != self._store.change_counter():
            from .annotate.cache import load_tables
            from .annotate.matcher import Matcher

            self._matcher = Matcher(load_tables(self._store, current))
        return self._matcher

    def labels(self, concept_ids: Iterable[str]) -> dict[str, dict[str, str]]:
        """Each concept's preferred term per language (for links and result lists);
        an unknown id maps to ``{}``. A few index reads, no concept is parsed."""
        return self._reads.labels(concept_ids)

    def last_change(self) -> str | None:
        """When anything in the store last changed (ISO 8601, UTC): a cache key."""
        return self._reads.last_change()

    def subset(self, concept_ids: Iterable[str]) -> Glossary:
        """This glossary restricted to some concepts, for reading and exporting.

        Each ``export_*`` method of the result writes those concepts only (the
        ones that exist) and the sources they cite, in the format's usual
        layout; ``glossary export FORMAT --only-in FILE`` exports the concepts
        :meth:`annotate` finds in a text this way. Related concepts outside the
        subset stay named in the concepts' ``related`` lists. Its listings
        (``concepts``, ``sources``, ``subjects``, ``len``) and :meth:`lookup` hold
        the part's concepts only; reads by id (``get``, ``history``) and what
        describes the store (``stats``, ``doctor``, ``segments``, ``annotate``)
        are the whole store's. Writing through the result raises
        :class:`ReadOnlyStoreError`; closing it leaves this glossary open.
        """
        from .store.subset import Subset

        return Glossary(self._store, self.author, part=Subset(self._store, concept_ids))

    def concepts(self, subject: str | None = None, *,
                 after: str | None = None) -> Iterator[Concept]:
        """Every concept, or those of one subject field, ordered by id.

        ``subject``: its id or its label in any language, in any case
        (:meth:`subject_id`). One the store does not know at all (no field of the
        vocabulary, no concept names it) raises :class:`InputError` naming the
        closest known subjects; a known one that no concept has gives none.
        ``after`` starts past that id (pages: ``islice(g.concepts(after=last), n)``
        reads only the rows it yields). A concept whose stored document is damaged
        is left out and added to :attr:`skipped`.
        """
        if subject is not None:
            found = self.subject_id(subject)
            if found is None:
                from .store.vocabulary import unknown_subject

                raise unknown_subject(subject, self.subject_fields(), self.subject_labels())
            subject = found
        return self._reads.concepts(subject, after=after)

    def subjects(self) -> dict[str, int]:
        """Every subject field, with the number of concepts that have it."""
        return self._reads.subjects()

    def subject_fields(self) -> dict[str, SubjectField]:
        """The subject vocabulary by id: the bundled fields, with the store's own added
        or relabelling them (a subject no field describes is shown by its id)."""
        return self._store.subject_fields()

    def subject_labels(self, lang: str | None = None) -> dict[str, str]:
        """Subject id → its label in ``lang`` (default: the language of the messages),
        for every field of the vocabulary and every subject a concept names (an id
        without a field is its own label)."""
        lang = lang or i18n.language()
        labels = {s: s for s in self.subjects()}
        labels.update((i, f.label(lang)) for i, f in self.subject_fields().items())
        return dict(sorted(labels.items()))

    def subject_id(self, name: str) -> str | None:
        """The subject an id or a label in any language names (case-insensitive), or None."""
        wanted = name.strip().casefold()
        if self._reads.has_subject(wanted):  # the id of a subject in use: one index seek
            return wanted
        fields = self.subject_fields()
        if wanted in fields:
            return wanted
        return next((field_id for field_id, item in fields.items()
                     if wanted in {t.casefold() for t in item.labels.values()}), None)

    def put_subject_fields(self, fields: Iterable[SubjectField]) -> None:
        """Add subject fields to the store's vocabulary, or relabel them (one transaction)."""
        self._writes.put_subject_fields(list(fields))

    def damage(self, concept_id: str) -> DamagedConceptError | None:
        """What is wrong with a concept's stored document; None if it reads (or is absent)."""
        return self._store.damage(concept_id)

    def damaged(self, concept_ids: Iterable[str]) -> dict[str, DamagedConceptError]:
        """The damaged ones among these concepts, by id (what lookups flag): one read."""
        return self._store.damaged(concept_ids)

    def linked_from(self, concept_id: str) -> list[str]:
        """Ids of the concepts whose ``related`` list this one (what a delete must unlink)."""
        return self._store.linked_from(concept_id)

    def sources(self, ids: Iterable[str] | None = None) -> list[Source]:
        """Every source, by id; with ``ids``, only those of them the store has."""
        return self._reads.sources(ids)

    def history(self, concept_id: str) -> list[Revision]:
        """Every revision of a concept, oldest first."""
        return self._store.history(concept_id)

    def segments(self, source: str | None = None) -> Iterator[Segment]:
        """Every quoted sentence (of one source, or all): the glossary's parallel corpus.

        Each :class:`Segment` is stored once, with its translations and what each
        is (``provenance``), and lists the concepts quoting it; every one of them
        shows these translations. In the order the concepts (by id) first quote them.
        """
        return self._store.segments(source)

    def stats(self) -> dict[str, Any]:
        return self._store.stats()

    def __len__(self) -> int:
        return self._reads.count()

    # -- writing -------------------------------------------------------------------
    def transaction(self) -> AbstractContextManager[None]:
        """Several writes as one: ``with g.transaction(): ...`` commits them all, or,
        on an error inside, none (each keeps its own revisions and undo)."""
        return self._writes.transaction()

    def put(self, concept: Concept) -> Concept:
        """Store a new or edited concept; returns it with its new revision.

        ``concept.revision`` must be the revision it was read at (0 for a new
        one); if the store has moved on, :class:`StaleRevisionError`.
        """
        return self._writes.put(concept, author=self.author)

    def put_segment(self, segment: Segment, *, exact: bool = True) -> list[str]:
        """Set the translations of a quoted sentence, and what each is, exactly as given.

        ``segment`` names the sentence by ``source``, ``lang`` and ``text``
        (spacing ignored); its ``translations`` and ``provenance`` replace the
        sentence's (none given: none kept). With ``exact=False`` a translation
        given without provenance keeps what it is, as when a concept is written
        (the words of an ``original`` changed make it a back-translation of them).
        Every concept quoting it gets a revision showing them (``history``,
        ``undo``); returns their ids, [] when nothing changed.
        :class:`NotFoundError` when no concept quotes it.
        """
        return self._writes.put_segment(segment, author=self.author, exact=exact)

    def segment(self, source: str, lang: str, text: str) -> Segment | None:
        """The quoted sentence of ``source`` in ``lang`` whose words are ``text``'s
        (spacing ignored), with its translations; None when no concept quotes it."""
        return self._store.segment(source, lang, text)

    def delete(self, concept_id: str, revision: int, unlink: bool = False) -> list[str]:
        """Delete a concept read at ``revision``.

        While other concepts link to it, :class:`LinkedConceptError` (its
        ``linked`` lists them); with ``unlink`` those links are removed in the
        same transaction, each linking concept getting a revision (undo brings
        the link back). Returns the ids of the concepts unlinked.
        """
        return self._writes.delete(concept_id, revision, author=self.author, unlink=unlink)

    def undo(self, concept_id: str, unlink: bool = False) -> Concept | None:
        """Restore the revision before the concept's last change (None: now deleted).

        An undo that deletes follows the rule of :meth:`delete` (``unlink``).
        A damaged concept goes back to its last revision that reads.
        """
        return self._writes.undo(concept_id, author=self.author, unlink=unlink)

    def review_queue(self) -> list[ReviewItem]:
        """Proposals awaiting review: terms (e.g. from translators' catalogues), then
        contexts (sentences harvested from articles), each by concept.

        The proposals of a concept whose document is damaged are left out (see
        :attr:`skipped`).
        """
        concepts: dict[str, Concept | DamagedConceptError] = {}

        def concept_of(cid: str) -> Concept | None:
            if cid not in concepts:
                try:
                    concepts[cid] = self.get(cid)
                except DamagedConceptError as exc:
                    self._store.skipped[cid] = concepts[cid] = exc
            found = concepts[cid]
            return found if isinstance(found, Concept) else None

        items = [ReviewItem(cid, lang, pos, c.langs[lang].terms[pos].text)
                 for cid, lang, pos in self._store.unreviewed() if (c := concept_of(cid))]
        items += [ReviewItem(cid, lang, pos, text, kind="context", source=c.contexts[pos].source)
                  for cid, lang, pos, text in self._store.unreviewed_contexts()
                  if (c := concept_of(cid))]
        return items

    def review(self, item: ReviewItem, approve: bool) -> Concept:
        """Approve (mark reviewed) or reject (remove) a proposed term or context; one
        new revision.

        A rejection is remembered (:meth:`was_rejected`): imports and harvests
        do not propose the same term or sentence for the concept again. Undoing
        the rejection forgets it.
        """
        with self._writes.transaction():
            concept = self.get(item.concept_id)
            if item.kind == "context":
                return self._review_context(concept, item, approve)
            section = concept.langs.get(item.lang)
            terms = section.terms if section else []
            matches = [i for i, t in enumerate(terms) if t.text == item.text and not t.reviewed]
            if not matches:
                raise NotFoundError(i18n._("no unreviewed term «{term}» in '{id}' ({lang}) "
                                           "any more").format(term=item.text, id=item.concept_id,
                                                              lang=item.lang))
            if approve:
                terms[matches[0]].reviewed = True
                return self._writes.put(concept, author=self.author, action="review")
            del terms[matches[0]]
            if not terms:
                del concept.langs[item.lang]
            if not concept.langs:
                raise InputError(i18n._("«{term}» is the last term of '{id}': delete the "
                                        "concept instead (glossary delete {id})").format(
                    term=item.text, id=item.concept_id), record=item.concept_id)
            saved = self._writes.put(concept, author=self.author, action="review")
            self._writes.record_rejection(item.concept_id, item.lang, item.text, saved.revision,
                                          author=self.author)
            return saved

    def was_rejected(self, concept_id: str, lang: str, text: str) -> bool:
        """Did an editor reject ``text`` (ignoring case and punctuation) for this concept?"""
        return self._store.was_rejected(concept_id, lang, text)

    def rejections(self, concept_id: str | None = None) -> list[Rejection]:
        """The proposals editors rejected (of one concept, or all)."""
        return self._store.rejections(concept_id)

    # -- checking --------------------------------------------------------------------
    def doctor(self) -> list[Problem]:
        """Check the whole store: the SQLite file, every document, references and the
        search index. Each :class:`~glossary.store.doctor.Problem` says what fixes it;
        an empty list means the store is sound."""
        return self._store.doctor()

    def repair(self) -> list[str]:
        """Fix what needs no decision (``glossary doctor --fix``): rebuild the search
        index, remove links to concepts that do not exist. Returns what it did."""
        from .store.doctor import repair

        return repair(self._writes, self.author)

    def _review_context(self, concept: Concept, item: ReviewItem, approve: bool) -> Concept:
        matches = [i for i, c in enumerate(concept.contexts)
                   if c.text == item.text and c.lang == item.lang and not c.reviewed]
        if not matches:
            raise NotFoundError(i18n._("no unreviewed context «{text}» in '{id}' any more").format(
                text=item.text[:60], id=item.concept_id))
        if approve:
            concept.contexts[matches[0]].reviewed = True
            return self._writes.put(concept, author=self.author, action="review")
        del concept.contexts[matches[0]]
        saved = self._writes.put(concept, author=self.author, action="review")
        self._writes.record_rejection(item.concept_id, item.lang, item.text, saved.revision,
                                      author=self.author)
        return saved

    def put_source(self, source: Source) -> None:
        self._writes.put_source(source)

    # -- texts: terminology check ----------------------------------------------------
    def check(self, source: str, target: str, *, source_lang: str | None = None,
              target_lang: str | None = None, source_file: str | None = None,
              target_file: str | None = None) -> CheckReport:
        """Terminology problems of ``target`` as a translation of ``source`` (plain texts).

        Languages are recognised from the letters when not given. See
        :mod:`glossary.check` for the kinds of problem and the alignment.
        """
        from .check import check_texts, text_language

        checker = self._checker(source_lang or text_language(source, "source"),
                                target_lang or text_language(target, "target"))
        return check_texts(checker, source, target, source_file=source_file,
                           target_file=target_file)

    def check_files(self, source: str | Path, target: str | Path, *,
                    source_lang: str | None = None,
                    target_lang: str | None = None) -> CheckReport:
        """:meth:`check` of two UTF-8 text files."""
        from .check import read_text

        return self.check(read_text(source), read_text(target), source_lang=source_lang,
                          target_lang=target_lang, source_file=str(source),
                          target_file=str(target))

    def check_catalogue(self, path: str | Path, *, source_lang: str | None = None,
                        target_lang: str | None = None) -> list[CheckReport]:
        """Check every translated entry of a PO, XLIFF 1.2/2.x or TMX file.

        One report per target language (a TMX file may hold several);
        untranslated and fuzzy entries are skipped and counted.
        """
        from .check import check_units
        from .extract import guess_lang
        from .formats import bilingual

        from pathlib import Path

        catalogue = bilingual.read(Path(path), source_lang=source_lang, target_lang=target_lang)
        reports = []
        for lang, units in catalogue.units.items():
            source = catalogue.source_lang or guess_lang(" ".join(u.source for u in units[:200]))
            reports.append(check_units(self._checker(source, lang), units, path=str(path)))
        return reports

    def _checker(self, source_lang: str, target_lang: str) -> Checker:
        from .check import Checker

        # a term left in the other script (EEU in a Russian text) is not a rendering
        return Checker(lambda text, lang: self.annotate(text, lang=lang, strict=True), self.get,
                       source_lang, target_lang)

    # -- texts: contexts from new articles --------------------------------------------
    def harvest(self, texts: Iterable[str | tuple[str | None, str]], source: str, *,
                lang: str | None = None, per_concept: int = 3, title: str | None = None,
                outlet: str | None = None, author: str | None = None,
                published: str | None = None, url: str | None = None) -> HarvestReport:
        """Propose the sentences of ``texts`` that use glossary terms as contexts.

        They cite ``source`` (created from the given fields if new), are
        unreviewed and wait in :meth:`review_queue`. One transaction: the
        source and every concept, or nothing (nothing at all when nothing is proposed).
        See :mod:`glossary.harvest`.
        """
        from .extract import guess_lang
        from .harvest import harvest, source_for

        pairs = [(None, t) if isinstance(t, str) else t for t in texts]
        triples = [(name, text, lang or guess_lang(text)) for name, text in pairs]
        langs = {t[2] for t in triples}
        existing = next((s for s in self.sources() if s.id == source), None)
        cited, created = source_for(existing, source, {
            "title": title, "outlet": outlet, "author": author, "published": published,
            "url": url}, langs.pop() if len(langs) == 1 else None)
        # a context shows a term in its own language
        report, concepts = harvest(triples,
                                   lambda text, code: self.annotate(text, lang=code, strict=True),
                                   self.get, cited.id, per_concept=per_concept,
                                   rejected=self.was_rejected)
        if not report.proposals:
            # nothing cites the source: a run that proposes nothing changes nothing (a
            # new source's fields can still be corrected by the next run)
            return report
        report.source_created = created
        with self._writes.transaction():
            if existing is None or cited != existing:
                self._writes.put_source(cited)
            self._writes.put_many(concepts, author=self.author, action="update")
        return report

    # -- texts: term candidates ------------------------------------------------------
    def extract(self, texts: Iterable[str | tuple[str | None, str]], *, lang: str | None = None,
                min_count: int = 2, limit: int | None = None) -> list[Candidate]:
        """Term candidates in ``texts`` that the glossary lacks, best first.

        ``texts`` are strings or (file name, text) pairs; see :mod:`glossary.extract`.
        """
        from .extract import extract

        pairs = [(None, t) if isinstance(t, str) else t for t in texts]
        return extract(pairs, lang=lang, min_count=min_count, known=self.has_term,
                       terms=lambda text, code: [(s.start, s.end, s.concept)
                                                 for s in self.annotate(text, lang=code)],
                       limit=limit)

    def has_term(self, text: str, form: str | None = None, lang: str | None = None) -> bool:
        """Is ``text`` a term of the glossary, in any inflected form (any language)?"""
        for query in dict.fromkeys(q for q in (text, form) if q):
            try:
                hits = self.lookup(query, limit=1)
            except InputError:
                continue
            if hits and hits[0].match in _WHOLE_TERM:
                return True
        return False

    # -- files ---------------------------------------------------------------------
    def import_path(self, path: str | Path, *, author: str | None = None,
                    progress: Progress | None = None,
                    dry_run: bool = False) -> ImportReport | PoImport:
        """Import a YAML directory or file, a JSON or JSONL export, a TBX, CSV/TSV
        or PO file, as one transaction (the kind is told by the suffix).

        ``dry_run``: do the import in a transaction that is rolled back, and
        return the same report; the store is left exactly as it was.
        """
        from .bulk import paused_gc  # writes only

        with paused_gc():
            return self._import_path(path, author=author, progress=progress, dry_run=dry_run)

    def _import_path(self, path: str | Path, *, author: str | None, progress: Progress | None,
                     dry_run: bool) -> ImportReport | PoImport:
        from pathlib import Path

        suffix = Path(path).suffix.lower()
        if suffix in _MERGED:
            return getattr(self, _MERGED[suffix])(path, author=author, progress=progress,
                                                  dry_run=dry_run)
        if suffix == ".json":
            return self._import_json(path, author=author, dry_run=dry_run)
        if suffix == ".jsonl":
            with _progress(progress, _size(path), _importing("JSONL")) as tick:
                from .formats import jsonl as jsonl_format

                bundle = jsonl_format.read(path, tick)
        else:
            bundle = read_bundle(path)
        try:
            return self._write(lambda: self._writes.import_bundle(
                bundle.sources, bundle.concepts, author=author or self.author,
                subject_fields=bundle.subject_fields), dry_run, path)
        except InputError as exc:
            raise _located(bundle, exc, path) from None

    def _import_json(self, path: str | Path, *, author: str | None,
                     dry_run: bool) -> ImportReport:
        """A JSON export imported as its concepts are built: the store starts writing (and
        the derived rows' worker working) at once. The error named is the one a whole read
        first names, if any (a concept that does not read, wherever it is), else the
        store's."""
        from .formats import json as json_format
        from .store import Expected

        reading = json_format.Reading(path, keep=False)
        # its concepts parsed as they are taken (guard.lazy_loads): their ids are known as
        # they come, and those of the rest only if the import fails (see Expected)
        expected = Expected(reading.count, None, (), fresh=True, rest=reading.ids)
        bundle = reading.bundle
        try:
            return self._write(lambda: self._writes.import_bundle(
                bundle.sources, reading.concepts(), author=author or self.author,
                subject_fields=bundle.subject_fields, expected=expected), dry_run, path)
        except Exception as exc:
            if exc is reading.failure:
                raise
            first = reading.first_error()
            if first is not None:
                raise first from None
            if not isinstance(exc, InputError):
                raise
            raise _located(bundle, exc, path) from None

    def export_json(self, path: str | Path, *, langs: Collection[str] | None = None,
                    progress: Progress | None = None) -> int:
        """The JSON export (every concept, source and subject field of the store's own);
        returns the number of concepts. ``langs``: only these languages' sections,
        contexts and translations (a concept with none of them is left out)."""
        from .formats import json as json_format

        with _progress(progress, len(self), _exporting("JSON")) as tick:
            return json_format.write(self.sources(), self._exported(langs, tick), path,
                                     self._reads.stored_subject_fields())

    def export_yaml(self, path: str | Path, *, langs: Collection[str] | None = None,
                    progress: Progress | None = None) -> int:
        """The YAML layout in the folder ``path``: ``concepts/`` rebuilt whole, sources and
        subject fields beside it; returns the number of concepts. ``langs``: as
        :meth:`export_json`'s."""
        from .formats import yaml as yaml_format

        with _progress(progress, len(self), _exporting("YAML")) as tick:
            return yaml_format.write(self.sources(), self._exported(langs, tick), path,
                                     self._reads.stored_subject_fields())

    def _exported(self, langs: Collection[str] | None,
                  tick: Callable[[int], None] | None) -> Iterator[Concept]:
        """The concepts an export writes: in ``langs`` (all: None), each ticked off (an
        unknown language code is refused before anything is read)."""
        for code in langs or ():
            language(code, "langs")

        def exported() -> Iterator[Concept]:
            for concept in self._reads.concepts():
                if tick is not None:
                    tick(1)
                kept = concept if langs is None else concept.in_languages(langs)
                if kept is not None:
                    yield kept
        return exported()

    # -- interchange formats: gettext, TBX, CSV/TSV, JSONL ---------------------------
    def export_po(self, directory: str | Path, *, source: str = "en",
                  targets: Sequence[str] | None = None, domain: str = "glossary",
                  progress: Progress | None = None) -> PoExport:
        """``DIR/<domain>.pot`` and ``DIR/<lang>/LC_MESSAGES/<domain>.po`` + ``.mo``.

        ``targets`` defaults to every other language.
        """
        targets = list(targets) if targets else [lang for lang in LANGUAGES if lang != source]
        with _progress(progress, len(self), _exporting("PO")) as tick:
            return _exchange().export_po(self._reads, directory, source=source, targets=targets,
                                      domain=domain, tick=tick)

    def export_tbx(self, path: str | Path, *, version: int = 3,
                   progress: Progress | None = None) -> int:
        """TBX v3 (TBX-Basic, DCA) or v2 (martif); returns the number of concepts."""
        with _progress(progress, len(self), _exporting("TBX")) as tick:
            return _exchange().export_tbx(self._reads, path, version=version, tick=tick)

    def export_csv(self, path: str | Path, *, source: str = "en", target: str,
                   layout: str = "omegat", delimiter: str = ",",
                   progress: Progress | None = None) -> int:
        """One language pair as CSV (``delimiter="\\t"`` for TSV); returns the rows."""
        with _progress(progress, len(self), _exporting("CSV")) as tick:
            return _exchange().export_csv(self._reads, path, source=source, target=target,
                                       layout=layout, delimiter=delimiter, tick=tick)

    def export_jsonl(self, path: str | Path, *, progress: Progress | None = None) -> int:
        """One concept per line (after the sources); returns the number of concepts."""
        with _progress(progress, len(self), _exporting("JSONL")) as tick:
            return _exchange().export_jsonl(self._reads, path, tick=tick)

    def import_po(self, path: str | Path, *, author: str | None = None,
                  progress: Progress | None = None, dry_run: bool = False) -> PoImport:
        """A translator's PO back in: new renderings become unreviewed terms."""
        with _progress(progress, _size(path), _importing("PO")) as tick:
            return self._write(lambda: _exchange().import_po(
                self._writes, path, author=author or self.author, tick=tick), dry_run, path)

    def import_tbx(self, path: str | Path, *, author: str | None = None,
                   progress: Progress | None = None, dry_run: bool = False) -> FormatReport:
        """A TBX file (v3 or v2), streamed, in one transaction."""
        with _progress(progress, _size(path), _importing("TBX")) as tick:
            return self._write(lambda: _exchange().import_tbx(
                self._writes, path, author=author or self.author, tick=tick), dry_run, path)

    def import_csv(self, path: str | Path, *, author: str | None = None,
                   source: str | None = None, target: str | None = None,
                   delimiter: str | None = None,
                   progress: Progress | None = None, dry_run: bool = False) -> FormatReport:
        """A CSV/TSV glossary whose header maps columns to languages.

        ``delimiter`` None: the one the header line uses (``,``, ``;``, tab), else
        a tab for ``.tsv`` and a comma otherwise.
        """
        with _progress(progress, _size(path), _importing("CSV")) as tick:
            return self._write(lambda: _exchange().import_csv(
                self._writes, path, author=author or self.author, delimiter=delimiter,
                source=source, target=target, tick=tick), dry_run, path)

    def _write(self, work: Callable[[], _T], dry_run: bool, path: str | Path) -> _T:
        """``work()`` in one transaction; with ``dry_run``, rolled back afterwards.
        ``path``: the file it reads (a large one may be written otherwise: see
        ``Store.large_write``).

        The import is planned under the write lock, so concurrent imports queue
        up and never go stale.
        """
        from .bulk import paused_gc

        with paused_gc():
            if not dry_run:
                with self._writes.large_write(_size(path)), self._writes.transaction():
                    return work()
            from .formats.dryrun import rolled_back

            if self._part is None and self._store.read_only:
                return self._on_a_copy(lambda: rolled_back(self._store, work))
            return rolled_back(self._writes, work)

    def _on_a_copy(self, work: Callable[[], _T]) -> _T:
        """``work()`` with this glossary reading and writing a copy of its store, made in a
        temporary folder and removed after: a dry run where this user cannot write (the
        same summary as anywhere else; a large store takes the time of a copy)."""
        import tempfile

        with tempfile.TemporaryDirectory(prefix="sozdik-dry-run-") as folder:
            copy = os.path.join(folder, "store.sqlite3")
            self._store.copy_to(copy)
            original, self._store = self._store, Store.open(copy, read_only=False)
            try:
                return work()
            finally:
                self._store.close()
                self._store = original

    # -- dictionaries and translation memories: StarDict, TMX ------------------------
    def export_stardict(self, directory: str | Path, *,
                        progress: Progress | None = None) -> StardictExport:
        """StarDict dictionaries en→ru/kk, ru→en/kk and kk→en/ru in ``directory``
        (one folder each; other dictionaries there are left alone)."""
        from .formats import stardict

        with _progress(progress, len(self), _exporting("StarDict")) as tick:
            return stardict.write(self._reads.concepts(), self.sources(), self._reads.labels,
                                  directory, last_change=self._reads.last_change(), tick=tick)

    def export_tmx(self, path: str | Path, *, progress: Progress | None = None) -> TmxExport:
        """The quoted sentences and their translations as a TMX 1.4b translation memory."""
        from .formats import tmx

        with _progress(progress, len(self), _exporting("TMX")) as tick:
            return tmx.write(self._reads.concepts(), self.sources(), path,
                             last_change=self._reads.last_change(), tick=tick)


@record(frozen=True)
class ReviewItem:
    """A proposal awaiting review: which concept, which language, the term or sentence.

    ``kind`` is ``term`` (``position`` in the language's terms) or ``context``
    (``position`` in the concept's contexts, ``source`` the source it cites).
    """

    concept_id: str
    lang: str
    position: int
    text: str
    kind: str = "term"
    source: str | None = None


def review_counts(queue: Sequence[ReviewItem]) -> str:
    """How many terms and contexts a review queue holds, in words ("2 terms, 1 context"),
    in the language of the library's messages (the CLI's and the TUI's)."""
    terms = sum(item.kind == "term" for item in queue)
    contexts = len(queue) - terms
    pieces = []
    if terms:
        pieces.append(i18n.ngettext("{count} term", "{count} terms", terms).format(count=terms))
    if contexts:
        pieces.append(i18n.ngettext("{count} context", "{count} contexts", contexts)
                      .format(count=contexts))
    return ", ".join(pieces)


def _exchange() -> Any:
    """The PO/TBX/CSV machinery, loaded on first use so that `glossary lookup` starts fast."""
    from .formats import exchange

    return exchange


def read_bundle(path: str | Path) -> Bundle:
    """Read any importable file or directory, by its kind."""
    from .formats import json as json_format
    from .formats import yaml as yaml_format
    from pathlib import Path

    path = Path(path)
    if path.suffix.lower() == ".json":
        return json_format.read(path)
    if path.suffix.lower() == ".jsonl":
        from .formats import jsonl as jsonl_format

        return jsonl_format.read(path)
    if path.suffix.lower() == ".tbx":
        return _tbx_bundle(path)
    if path.is_dir() or path.suffix.lower() in (".yaml", ".yml"):
        return yaml_format.read(path)
    raise InputError(i18n._("cannot tell the format: expected a YAML directory, a .yaml file, "
                            "a .json or .jsonl export, a .tbx, .csv, .tsv or .po file"),
                     file=path)


#: kinds of lookup match that mean "this is the term itself", however inflected or spelled
_WHOLE_TERM = ("exact", "abbreviation", "translit", "lemma")

#: suffixes imported by merging into the store, and the method that does it
_MERGED = {".po": "import_po", ".tbx": "import_tbx", ".csv": "import_csv", ".tsv": "import_csv"}

if TYPE_CHECKING:
    Progress = Callable[[int | None, str], AbstractContextManager[Callable[[int], None]]]


def _exporting(fmt: str) -> str:
    """A progress bar's label, in the user's language."""
    return i18n._("exporting {format}").format(format=fmt)


def _importing(fmt: str) -> str:
    return i18n._("importing {format}").format(format=fmt)


def _progress(progress: Progress | None, total: int | None,
              label: str) -> AbstractContextManager[Callable[[int], None] | None]:
    from contextlib import nullcontext

    return progress(total, label) if progress else nullcontext(None)


def _size(path: str | Path) -> int | None:
    from pathlib import Path

    try:
        return Path(path).stat().st_size
    except OSError:
        return None


def _tbx_bundle(path: Path) -> Bundle:
    """A TBX file as a bundle, read on its own (no store to merge with or refer to)."""
    from .formats import Bundle, Origin, on_line
    from .formats.tbxread import TbxReader

    reader = TbxReader(path, get=lambda cid: None, exists=lambda cid: False,
                       source_exists=lambda sid: False)
    reader.scan()
    bundle = Bundle()
    for concept in reader.concepts():
        bundle.add_concept(concept, Origin(path, on_line(reader.lines[concept.id])))
    for i, source in enumerate(reader.sources()):
        bundle.add_source(source, Origin(path), i)
    return bundle


def _located(bundle: Bundle, exc: InputError, path: str | Path) -> InputError:
    """A store's error about an imported concept, with the file and line it came from."""
    origin = _origin_of(bundle, exc)
    if isinstance(exc, TranslationConflictError):
        other = bundle.origins.get(exc.other_record or "")
        if other is not None:
            line = other.locate(exc.other_path)
            exc.other_where = f"{other.file}:{line}" if line else str(other.file)
    return origin.error(exc) if origin else exc.located(path)


def _origin_of(bundle: Bundle, exc: InputError) -> Any:
    """The origin of the concept a reference error is about (the store names it)."""
    return bundle.origins.get(exc.record) if exc.record else None


def _seed_bundled(store: Store) -> None:
    """Load the bundled glossary into a store being created (in its transaction)."""
    bundle = read_bundle(bundled_data())
    store.import_bundle(bundle.sources, bundle.concepts, author="sozdik",
                        subject_fields=bundle.subject_fields)


def _login() -> str:
    import getpass  # only writes name their author

    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"
