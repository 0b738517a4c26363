"""Reading the store: concepts (whole, many at once, for an import, their language
sections only), sources, subject fields, history, links, quoted sentences, what awaits
review, statistics. Damaged records are skipped and named in :attr:`Store.skipped`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from ..errors import DamagedConceptError, InputError, NotFoundError, StoreError
from ..i18n import _
from ..model import (
    LANG_ORDER,
    RULES_VERSION,
    Concept,
    LangSection,
    Segment,
    Source,
    SubjectField,
    TermStatus,
    mark_checked,
)
from ..records import record
from ..text.normalize import nfc
from . import codes, segments, textindex, vocabulary, warm
from . import documents as docs
from .base import StoreBase, _error, _ReadAhead
from .schema import SCHEMA_VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from .doctor import Problem

    _T = TypeVar("_T")


@record(frozen=True)
class Revision:
    """One entry of a concept's history: the concept as this change left it."""

    concept_id: str
    revision: int
    action: str  # create, update, delete, undo, import, unlink, review
    author: str
    at: str
    concept: Concept | None  # None after a delete, or when the document is damaged
    #: what is wrong with this revision's document, if it does not read as a concept
    problem: str | None = None


class Reading(StoreBase):
    """What the store holds, read."""

    def at_once(self, read: Callable[[], _T]) -> _T:
        """``read()``, its statements in one read transaction: they all see the store as
        the first one found it, and take the store's read lock once (a statement alone
        takes and releases it, and checks the file's size: three system calls, where a
        loaded machine's scheduler may take the CPU away). Within a transaction already
        (an import's), just ``read()``."""
        conn = self._conn
        if conn.in_transaction:
            return read()
        conn.execute("BEGIN")
        try:
            if self._warmed is not None:  # another connection's write emptied the cache?
                self._warmed = warm.again_if_changed(conn, self._path, self._warmed)
            result = read()
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return result

    def get(self, concept_id: str) -> Concept:
        """The concept; NotFoundError, or DamagedConceptError if its document is damaged."""
        row = self._conn.execute(
            f"SELECT {self._doc_columns} FROM concepts c WHERE id = ?", (concept_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("no concept with id '{id}'").format(id=concept_id))
        return docs.load(*row)

    def get_many(self, concept_ids: Iterable[str]) -> dict[str, Concept | DamagedConceptError]:
        """The concepts with these ids, by id (missing ones left out, damaged ones as their
        error): one query per few hundred ids, for imports that read many concepts."""
        out: dict[str, Concept | DamagedConceptError] = {}
        for chunk in _chunks(list(concept_ids)):
            rows = self._conn.execute(f"SELECT {self._doc_columns} FROM concepts c "
                                      f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            for row in rows:
                try:
                    out[row[0]] = docs.load(*row)
                except DamagedConceptError as exc:
                    out[row[0]] = exc
        return out

    def read_for_import(self, concept_ids: Iterable[str]
                        ) -> dict[str, Concept | DamagedConceptError]:
        """:meth:`get_many`, for an import about to write these concepts back, mostly
        unchanged: each concept whose document was checked when written is marked as
        checked (``model.checked_content``: the document it shows), and inside a write
        transaction what it shows is kept (until the next call) for the import to
        compare with, unless the transaction writes the concept first; so are the
        ids asked, with the stored revision of each (None: not in the store), for
        :meth:`import_stream` (ids the import comes to next: see :class:`_ReadAhead`)."""
        out: dict[str, Concept | DamagedConceptError] = {}
        shown: dict[str, Any] = {}
        asked = list(concept_ids)
        revisions: dict[str, int | None] = dict.fromkeys(asked)
        ahead = self._conn.in_transaction
        # the sentences their citations give (each row read with its id), unless the store
        # keeps a sentence twice (then each is found as prefetch finds it)
        known: dict[segments.Key, segments.Row | None] | None = (
            {} if ahead and not self._stored_twice() else None)
        columns = self._doc_columns.replace(segments.JOINED, segments.JOINED_IDS)
        for chunk in _chunks(asked):
            rows = self._conn.execute(f"SELECT {columns} FROM concepts c "
                                      f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            for row in rows:
                concept_id, raw, checked, revision, created, modified, cited = row
                revisions[concept_id] = revision
                try:
                    doc = docs.parse(concept_id, raw, revision)
                    cites: dict[segments.Key, segments.Row | None] | None = (
                        None if known is None else {})
                    if (checked == RULES_VERSION and segments.attach(doc, cited, cites)
                            and doc.get("id") == concept_id):
                        concept = docs.trusted(doc)
                        concept.revision, concept.created, concept.modified = (
                            revision or 0, created, modified)
                        mark_checked(concept, doc)
                        out[concept_id], shown[concept_id] = concept, doc
                        if cites and known is not None:  # (cites is a dict only then)
                            known.update(cites)
                        continue
                except (DamagedConceptError, KeyError, TypeError, ValueError, AttributeError,
                        RecursionError):
                    pass  # read in full below: it names what is wrong
                try:
                    out[concept_id] = docs.load(*row)
                except DamagedConceptError as exc:
                    out[concept_id] = exc
        if ahead:
            quoted = [(c["source"], c["lang"], segments.key(c["text"]))
                      for doc in shown.values() for c in doc.get("contexts") or ()]
            found = {k: known[k] for k in quoted if k in known} if known else {}
            missing = [k for k in quoted if k not in found]
            if missing:  # (not cited: a stale index; or a store keeping a sentence twice)
                found.update(segments.prefetch(self._conn, missing))
            self._read_ahead = _ReadAhead(self._written, asked, revisions, shown, found,
                                          len(self._written))
        return out

    def _stored_twice(self) -> bool:
        """:func:`segments.stored_twice`, asked once per write transaction (its writes
        store a sentence only where none is stored)."""
        if self._twice is None or self._twice[0] is not self._written:
            self._twice = (self._written, segments.stored_twice(self._conn))
        return self._twice[1]

    def sections(self, concept_ids: Iterable[str], langs: Sequence[str]
                 ) -> dict[str, dict[str, LangSection] | DamagedConceptError]:
        """The language sections (terms, definition, note) of these concepts in these
        languages, by id (a language a concept lacks left out; missing concepts left
        out, damaged ones as their error), without building the rest of each concept:
        for plans that only compare terms (PO imports). Documents checked when written
        are trusted; any other is read in full, as :meth:`get_many` reads it."""
        out: dict[str, dict[str, LangSection] | DamagedConceptError] = {}
        again: list[str] = []  # read in full: not checked when written, or a sentence not
        for chunk in _chunks(list(concept_ids)):
            rows = self._conn.execute(
                f"SELECT c.id, sozdik_doc(CAST(c.doc AS BLOB)), c.checked, c.revision, EXISTS (SELECT 1 "
                "FROM citations ci JOIN segments s ON s.id = ci.segment_id WHERE "
                "ci.concept_id = c.id AND s.checked IS NOT ?) FROM concepts c "
                f"WHERE c.id IN ({','.join('?' * len(chunk))})", (RULES_VERSION, *chunk))
            for concept_id, raw, checked, revision, unchecked_sentence in rows:
                try:
                    doc = docs.parse(concept_id, raw, revision)
                    if (checked != RULES_VERSION or unchecked_sentence
                            or doc.get("id") != concept_id):
                        again.append(concept_id)
                        continue
                    stored = doc["langs"]
                    part = docs.trusted({"id": concept_id, "langs": {
                        lang: stored[lang] for lang in langs if lang in stored}})
                except DamagedConceptError as exc:
                    out[concept_id] = exc
                    continue
                except (KeyError, TypeError, ValueError, AttributeError):
                    again.append(concept_id)  # the full read names what is wrong
                    continue
                out[concept_id] = part.langs
        for concept_id, found in self.get_many(again).items():
            out[concept_id] = found if isinstance(found, DamagedConceptError) else {
                lang: found.langs[lang] for lang in langs if lang in found.langs}
        return out

    def damage(self, concept_id: str) -> DamagedConceptError | None:
        """What is wrong with the concept's stored document (None: nothing, or no concept).

        Cheap for documents checked when written (see documents.py).
        """
        return self.damaged([concept_id]).get(concept_id)

    def damaged(self, concept_ids: Iterable[str]) -> dict[str, DamagedConceptError]:
        """The concepts among these whose stored documents are damaged, by id, each with
        the command that repairs it (one read for them all)."""
        found = {cid: r for cid, r in self.get_many(concept_ids).items()
                 if isinstance(r, DamagedConceptError)}
        if found:
            from .doctor import undo_fix

            for cid, exc in found.items():
                exc.fix = undo_fix(self._as_store, cid)
        return found

    def exists(self, concept_id: str) -> bool:
        if concept_id in self._adding:
            return True  # an import's new concept, written with its batch
        return self._conn.execute("SELECT 1 FROM concepts WHERE id = ?",
                                  (concept_id,)).fetchone() is not None

    def concepts(self, subject: str | None = None, *,
                 after: str | None = None) -> Iterator[Concept]:
        """Every concept (or those of one subject field, any case), ordered by id.

        ``after`` starts past that id: a page is an index range scan, however deep
        it is, and rows are read only as far as the caller iterates. Damaged
        documents are skipped and recorded in :attr:`skipped`.
        """
        where: list[str] = []
        params: list[object] = []
        if subject is None:
            source, key = "concepts c", "c.id"
        else:  # walk the (subject, concept_id) primary key
            source, key = "subjects s JOIN concepts c ON c.id = s.concept_id", "s.concept_id"
            where.append("s.subject = ?")
            params.append(subject.casefold())
        if after is not None:
            where.append(f"{key} > ?")
            params.append(after)
        sql = (f"SELECT {self._doc_columns} FROM {source}"
               + (f" WHERE {' AND '.join(where)}" if where else "") + f" ORDER BY {key}")
        rows = self._conn.execute(sql, params)
        for row in rows:
            try:
                yield docs.load(*row)
            except DamagedConceptError as exc:
                self.skipped[exc.concept_id] = exc

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM concepts").fetchone()[0]

    def subjects(self) -> dict[str, int]:
        """Every subject field, with how many concepts have it."""
        return dict(self._conn.execute("SELECT subject, count(*) FROM subjects GROUP BY subject "
                                       "ORDER BY subject").fetchall())

    def has_subject(self, subject: str) -> bool:
        """True if a concept names this subject field (its id, any case): one index seek,
        where :meth:`subjects` counts them all."""
        return self._conn.execute("SELECT 1 FROM subjects WHERE subject = ? LIMIT 1",
                                  (subject.casefold(),)).fetchone() is not None

    def sources(self, ids: Iterable[str] | None = None) -> list[Source]:
        """Every source (or those of ``ids`` the store has), by id (damaged ones skipped
        and recorded in :attr:`skipped`)."""
        out = []
        sql, wanted = "SELECT id, CAST(doc AS BLOB) FROM sources", tuple(set(ids or ()))
        if ids is not None:
            sql += f" WHERE id IN ({','.join('?' * len(wanted))})"
        for source_id, doc in self._conn.execute(sql + " ORDER BY id", wanted):
            try:
                out.append(Source.from_dict(docs.parse(source_id, doc), stored=True))
            except (InputError, DamagedConceptError) as exc:
                problem = exc.problem if isinstance(exc, DamagedConceptError) else str(exc)
                self.skipped[f"source:{source_id}"] = _error(StoreError(_(
                    "source '{id}' is damaged in the store ({problem}); import a file that "
                    "defines it again ('glossary doctor' checks the whole store)").format(
                        id=source_id, problem=problem)), self.path)
        return out

    def subject_fields(self) -> dict[str, SubjectField]:
        """The subject vocabulary by id: the bundled fields, and the store's own over them."""
        return vocabulary.effective(self._conn)

    def stored_subject_fields(self) -> list[SubjectField]:
        """The fields this store holds itself (what an export writes), by id."""
        return vocabulary.stored(self._conn)

    def source_ids(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT id FROM sources")}

    def history(self, concept_id: str) -> list[Revision]:
        """Every revision, oldest first; a damaged one has no concept and says its problem."""
        rows = self._history_rows(concept_id)
        current: Concept | None = None
        current_problem: str | None = None
        if self.exists(concept_id):
            try:
                current = self.get(concept_id)
            except DamagedConceptError as exc:
                current_problem = exc.problem
        out = []
        for rev, action, author, at, doc, deleted in rows:
            concept, problem = None, None
            if deleted:
                pass
            elif doc is None:  # the live revision: its document is in the concepts table
                concept, problem = current, current_problem
            else:
                try:
                    concept = docs.load(concept_id, doc, None, rev, None, at)
                except DamagedConceptError as exc:
                    problem = exc.problem
            out.append(Revision(concept_id, rev, action, author, at, concept, problem))
        return out

    def _history_rows(self, concept_id: str) -> list[tuple[Any, ...]]:
        rows = self._conn.execute(
            "SELECT revision, action, author, at, sozdik_doc(CAST(doc AS BLOB)), deleted "
            "FROM history "
            "WHERE concept_id = ? ORDER BY seq", (concept_id,)).fetchall()
        if not rows:
            raise NotFoundError(_("no concept with id '{id}' and no history of one").format(
                id=concept_id))
        return rows

    def linked_from(self, concept_id: str) -> list[str]:
        """The concepts whose ``related`` list this one, by id."""
        return [r[0] for r in self._conn.execute(
            "SELECT concept_id FROM links WHERE target = ? ORDER BY concept_id", (concept_id,))]

    def unreviewed_contexts(self) -> list[tuple[str, str, int, str]]:
        """(concept id, lang, position, text) of every context awaiting review."""
        rows = textindex.unreviewed_contexts(self._conn, self._texts_layout)
        concepts = self.get_many(cid for cid, _lang, _position, text in rows if text is None)
        out = []
        for cid, lang, position, text in rows:
            concept = concepts.get(cid)
            if text is None and isinstance(concept, Concept):
                text = textindex.text_of(concept, "context", lang, position)
            if text is not None:
                out.append((cid, lang, position, text))
        return out

    def unreviewed(self) -> list[tuple[str, str, int]]:
        """(concept id, lang, position) of every term awaiting review, by concept."""
        return self._conn.execute(
            "SELECT concept_id, lang, position FROM terms WHERE reviewed = 0 "
            "ORDER BY concept_id, lang, position").fetchall()

    def stats(self) -> dict[str, object]:
        q = self._conn.execute
        by_lang: dict[str, dict[str, int]] = {}
        for lang, status, n in q("SELECT lang, status, count(*) FROM terms GROUP BY lang, status"):
            by_lang.setdefault(lang, {})[codes.word(codes.STATUSES, status)] = n
        return {
            "concepts": self.count(),
            "terms": q("SELECT count(*) FROM terms").fetchone()[0],
            "terms_by_language": {
                lang: {s.value: by_lang[lang].get(s.value, 0) for s in TermStatus}
                for lang in sorted(by_lang, key=_lang_rank)},
            "unreviewed_terms": q("SELECT count(*) FROM terms WHERE reviewed = 0").fetchone()[0],
            "unreviewed_contexts": textindex.count_unreviewed_contexts(self._conn,
                                                                       self._texts_layout),
            "subjects": self.subjects(),
            "sources": q("SELECT count(*) FROM sources").fetchone()[0],
            "revisions": q("SELECT count(*) FROM history").fetchone()[0],
            "last_change": self.last_change(),
            "schema_version": SCHEMA_VERSION,
        }

    def documents(self) -> Iterator[tuple[dict[str, Any], int, str, str]]:
        """Every concept as its stored JSON document (revision, created, modified), by id.

        For exports of the whole store: documents checked when written are
        given as they are, so readers may build concepts without checking them
        again (``documents.trusted``); any other is checked first. Damaged ones
        are skipped and recorded in :attr:`skipped`.
        """
        rows = self._conn.execute(f"SELECT {self._doc_columns} FROM concepts c ORDER BY id")
        for concept_id, raw, checked, revision, created, modified, cited in rows:
            try:
                if checked != RULES_VERSION:
                    docs.load(concept_id, raw, None, revision, cited=cited)
                doc = docs.parse(concept_id, raw, revision)
                segments.attach(doc, cited)
            except DamagedConceptError as exc:
                self.skipped[concept_id] = exc
                continue
            yield doc, revision, created, modified

    def segments(self, source: str | None = None) -> Iterator[Segment]:
        """Every quoted sentence (of one source, or all), with its translations and the
        concepts quoting it, in the order the concepts (by id) first quote them. Damaged
        ones are skipped and recorded in :attr:`skipped`."""
        return self._readable(segments.segments(self._conn, source))

    def segment(self, source: str, lang: str, text: str) -> Segment | None:
        """The quoted sentence of ``source`` in ``lang`` whose words are ``text``'s (found by
        its hash); None when no concept quotes it (or it is damaged: see :attr:`skipped`)."""
        found = segments.find_id(self._conn, (source, lang, segments.key(nfc(text))))
        if found is None:
            return None
        return next(self._readable(segments.segments(self._conn, segment_id=found)), None)

    def _readable(self, found: Iterator[tuple[int, Segment | str]]) -> Iterator[Segment]:
        """The segments that read; the others recorded in :attr:`skipped`."""
        for segment_id, segment in found:
            if isinstance(segment, Segment):
                yield segment
            else:
                self.skipped[f"segment:{segment_id}"] = _error(StoreError(
                    _("{problem}; 'glossary doctor' says how to repair it").format(
                        problem=segment)), self.path)

    def segment_count(self) -> int:
        return segments.count(self._conn)

    def doctor(self) -> list[Problem]:
        """Every problem in the store, each with the command that fixes it (see doctor.py)."""
        from .doctor import examine

        return examine(self._as_store, self._conn)


def _chunks(items: list[str]) -> Iterator[list[str]]:
    """Lists short enough for the host parameters of one statement."""
    for start in range(0, len(items), 900):
        yield items[start:start + 900]


def _lang_rank(lang: str) -> tuple[int, str]:
    return (LANG_ORDER.index(lang) if lang in LANG_ORDER else 99, lang)
