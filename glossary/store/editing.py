"""Writing the store: concepts (one, or many all or nothing), deletes and undo, sources,
subject fields and quoted sentences' translations; each write checked against the
revision it was read at, validated with the rules of reading, and logged in ``history``."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..errors import (
    DamagedConceptError,
    InputError,
    LinkedConceptError,
    NotFoundError,
    StaleRevisionError,
)
from ..i18n import _
from ..model import (
    RULES_VERSION,
    Concept,
    Context,
    Segment,
    Source,
    SubjectField,
    checked_content,
    field_name,
)
from ..records import replace
from . import documents as docs
from . import segments, textindex, vocabulary
from .base import StoreBase, _dump, _now
from .connection import Connection
from .reading import _chunks

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .packed import Later


class Editing(StoreBase):
    """Every change of the store's records (imports: see ``Store.import_bundle``)."""

    # Every write path ends in _write(), which validates the finished concept with
    # the rules of reading before anything is written (see documents.py).
    def put(self, concept: Concept, *, author: str, action: str | None = None) -> Concept:
        """Store ``concept``, checked against its revision; returns it as stored.

        ``concept.revision`` must be the stored revision (0 for a new concept);
        otherwise :class:`StaleRevisionError`. An unchanged concept is not
        written again and keeps its revision. A concept that would not read
        back (an empty term, a bad id, ...) is refused with InputError.
        """
        with self.transaction():
            concept = self._valid(concept)
            self._check_refs(concept, self._known_ids(concept), self.source_ids())
            return self._write(concept, author=author, action=action, check_revision=True,
                               valid=True)

    def delete(self, concept_id: str, revision: int, *, author: str,
               unlink: bool = False) -> list[str]:
        """Delete a concept, checked against its revision.

        Concepts linking to it (``related``) make it :class:`LinkedConceptError`,
        unless ``unlink``: then the links are removed in the same transaction,
        each linking concept getting a revision of its own (so that undo brings
        its link back). Returns the ids of the concepts unlinked.
        """
        with self.transaction():
            current = self._revision(concept_id)
            if revision != current:
                raise StaleRevisionError(concept_id, revision, current)
            unlinked = self._drop_links_to(concept_id, author=author, unlink=unlink,
                                           action="delete")
            self._remove(concept_id)
            self._log(concept_id, current + 1, "delete", author, deleted=True)
            return unlinked

    def undo(self, concept_id: str, *, author: str, unlink: bool = False) -> Concept | None:
        """Restore the revision before the latest change (as a new revision).

        Undoing a creation deletes the concept (under the rule of
        :meth:`delete`: refused while others link to it, unless ``unlink``);
        undoing a delete brings it back. A concept whose document is damaged
        goes back to its last revision that reads. Returns the concept as
        restored, or None when it was deleted.
        """
        with self.transaction():
            rows = self._history_rows(concept_id)
            latest = rows[-1][0]
            exists = self.exists(concept_id)
            target = self._undo_target(concept_id, rows,
                                       damaged=exists and self.damage(concept_id) is not None)
            # a rejection recorded by the change being undone is taken back with it
            self._conn.execute("DELETE FROM rejected WHERE concept_id = ? AND revision = ?",
                               (concept_id, latest))
            if target is None:
                if exists:
                    self._drop_links_to(concept_id, author=author, unlink=unlink, action="undo")
                    self._remove(concept_id)
                self._log(concept_id, latest + 1, "undo", author, deleted=True)
                return None
            target.revision = latest if exists else 0
            self._check_refs(target, self._known_ids(target), self.source_ids())
            # exactly what it showed: a sentence then without translations gets none again
            return self._write(target, author=author, action="undo", check_revision=False,
                               next_revision=latest + 1, valid=True, exact=True)

    def _undo_target(self, concept_id: str, rows: list[tuple[Any, ...]],
                     damaged: bool) -> Concept | None:
        """What an undo restores: the revision before the latest (None: no concept).

        When the concept is damaged, the newest earlier revision that reads.
        """
        earlier = rows[:-1]
        if not damaged:
            earlier = earlier[-1:]
        for revision, _action, _author, at, doc, deleted in reversed(earlier):
            if deleted:
                return None
            if doc is None:
                continue
            try:
                return docs.load(concept_id, doc, None, revision, None, at)
            except DamagedConceptError as exc:
                if not damaged:
                    raise InputError(_("revision {revision} does not pass today's checks "
                                       "({problem}); nothing was undone").format(
                                           revision=revision, problem=exc.problem),
                                     record=concept_id) from None
        if not earlier:
            return None  # undoing the creation
        raise InputError(_("the concept is damaged and has no earlier revision that reads; "
                           "'glossary delete {id}' removes it").format(id=concept_id),
                         record=concept_id)

    def _drop_links_to(self, concept_id: str, *, author: str, unlink: bool,
                       action: str) -> list[str]:
        """The one rule for every delete: refuse while others link here, or unlink them."""
        users = [u for u in self.linked_from(concept_id) if u != concept_id]
        if users and not unlink:
            raise LinkedConceptError.of(concept_id, users, action)
        for user in users:
            concept = self.get(user)
            concept.related = [r for r in concept.related if r != concept_id]
            self._write(concept, author=author, action="unlink", check_revision=False)
        return users

    def _revision(self, concept_id: str) -> int:
        """The stored revision (without reading the document, which may be damaged)."""
        row = self._conn.execute("SELECT revision FROM concepts WHERE id = ?",
                                 (concept_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("no concept with id '{id}'").format(id=concept_id))
        return row[0]

    def put_source(self, source: Source) -> None:
        with self.transaction():
            source = docs.validated_source(source)
            self._conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)",
                               (source.id, _dump(source.to_dict())))
            self._touch()

    def put_subject_fields(self, fields: list[SubjectField]) -> None:
        """Add or relabel subject fields (validated), in one transaction."""
        with self.transaction():
            if vocabulary.put(self._conn, fields):
                self._touch()

    def put_many(self, concepts: Iterable[Concept], *, author: str,
                 action: str = "import") -> list[Concept]:
        """Write new or edited concepts in one transaction, each revision-checked.

        :meth:`put` for each, but all or nothing: a stale revision, an invalid
        concept or a bad reference anywhere leaves the store as it was.
        Unchanged concepts are not written again.
        """
        with self.transaction():
            checked = [self._valid(c) for c in concepts]
            known_ids = {c.id for c in checked} | self._existing(_related_ids(checked))
            known_sources = self.source_ids()
            for concept in checked:
                self._check_refs(concept, known_ids, known_sources)
            return [self._write(c, author=author, action=action, check_revision=True, valid=True)
                    for c in checked]

    def put_segment(self, segment: Segment, *, author: str, exact: bool = True) -> list[str]:
        """Set a quoted sentence's translations and provenance exactly as given (with
        ``exact`` false, a translation given no provenance keeps its own, as a write of
        a concept does: an original whose words change becomes a back-translation).

        Every concept quoting it gets a revision showing them (none if nothing
        changed); returns their ids. NotFoundError when no concept quotes it.
        """
        with self.transaction():
            context = Context.from_dict(segment.context().to_dict())
            row = segments.find(self._conn, segments.key_of(context))
            if row is None:
                raise NotFoundError(_("no concept quotes «{sentence}» ({source}, {lang})").format(
                    sentence=context.text[:60], source=context.source, lang=context.lang))
            target = segments.target(None if exact else row, context, exact=exact)
            if target == row.doc:
                return []
            users = segments.citers(self._conn, [row.id])
            for user in users:
                self._supersede(user, self._revision(user), self._shown(user)[1])
            self._unindex_texts(users)
            segments.write(self._conn, row.id, target)
            now = _now()
            for user in users:
                self._revise(user, author=author, at=now)
            return users

    def _valid(self, concept: Concept, fresh: bool = False) -> Concept:
        """``concept`` validated as reading validates, keeping the revision it was read at.
        ``fresh``: a reader's concept as ``from_dict`` checked it, nothing changed since
        (see ``Expected.fresh``): taken as it is."""
        if fresh and checked_content(concept) is not None:
            return concept
        checked = docs.validated(concept)
        checked.revision = concept.revision
        return checked

    def _existing(self, concept_ids: Iterable[str]) -> set[str]:
        """Those of these ids that are concepts of the store."""
        out: set[str] = set()
        for chunk in _chunks(list(concept_ids)):
            out.update(r[0] for r in self._conn.execute(
                f"SELECT id FROM concepts WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def _known_ids(self, concept: Concept) -> set[str]:
        wanted = list(concept.related)
        if not wanted:
            return set()
        rows = self._conn.execute(
            f"SELECT id FROM concepts WHERE id IN ({','.join('?' * len(wanted))})", wanted)
        return {r[0] for r in rows}

    @staticmethod
    def _check_refs(concept: Concept, known_ids: set[str], known_sources: set[str]) -> None:
        related = concept.related
        if (known_ids.issuperset(related) and concept.id not in related
                and known_sources.issuperset(concept.sources)
                and all(c.source in known_sources for c in concept.contexts)):
            return  # the usual: every reference resolves (an import checks each concept)
        for i, rel in enumerate(related):
            if rel == concept.id:
                raise InputError(_("a concept cannot be related to itself"),
                                 field=f"related[{i}]", path=("related", i),
                                 record=concept.id)
            if rel not in known_ids:
                raise InputError(_("related concept '{id}' does not exist").format(id=rel),
                                 field=f"related[{i}]", path=("related", i),
                                 record=concept.id)
        refs: list[tuple[tuple[str | int, ...], str]] = [
            (("sources", i), s) for i, s in enumerate(concept.sources)]
        refs += [(("contexts", i, "source"), c.source) for i, c in enumerate(concept.contexts)]
        for path, source in refs:
            if source not in known_sources:
                raise InputError(_("source '{id}' does not exist (add it to sources first)")
                                 .format(id=source), field=field_name(path), path=path,
                                 record=concept.id)

    def _write(self, concept: Concept, *, author: str, action: str | None,
               check_revision: bool, next_revision: int | None = None,
               valid: bool = False, exact: bool = False) -> Concept:
        """Write one concept (validated here unless ``valid``); returns it as stored.

        Its contexts' translations go to the sentences they quote (segments.py):
        none given keeps a sentence's own, unless ``exact`` (undo). The other
        concepts quoting a sentence whose translations change get a revision.
        """
        if not valid:
            concept = self._valid(concept)
        row = self._conn.execute("SELECT revision, created FROM concepts WHERE id = ?",
                                 (concept.id,)).fetchone()
        action = action or ("create" if row is None else "update")
        now = _now()
        if row is None:
            if check_revision and concept.revision != 0:
                raise StaleRevisionError(concept.id, concept.revision, 0)
            if check_revision and self._conn.execute(
                    "SELECT 1 FROM history WHERE concept_id = ?", (concept.id,)).fetchone():
                raise InputError(_("id '{id}' belonged to a deleted concept and is never "
                                   "reused; 'glossary undo {id}' restores it").format(
                                       id=concept.id), field="id")
            last = self._conn.execute("SELECT max(revision) FROM history WHERE concept_id = ?",
                                      (concept.id,)).fetchone()[0] or 0
            revision, created = next_revision or last + 1, now
        else:
            current, created = row
            if check_revision and concept.revision != current:
                if concept.revision == 0:
                    raise InputError(_("a concept with id '{id}' already exists").format(
                        id=concept.id), field="id")
                raise StaleRevisionError(concept.id, concept.revision, current)
        planned = segments.plan(self._conn, concept, exact=exact, given=self._given)
        concept = planned.concept  # with the translations it will show
        cited_before: list[int] = []
        if row is not None:
            shown, doc = self._shown(concept.id)
            if shown == concept.content():
                return self.get(concept.id)
            revision = next_revision or current + 1
            self._supersede(concept.id, current, doc)
            cited_before = segments.cited_by(self._conn, concept.id)
            self._unindex(concept.id)
        others = segments.citers(self._conn, planned.changed(), exclude=concept.id)
        for other in others:  # their history keeps what they showed before
            if other not in self._written:
                self._supersede(other, self._revision(other), self._shown(other)[1])
        self._unindex_texts(others)
        segments.apply(self._conn, planned)
        doc = docs.encode(concept.content())
        self._conn.execute(
            "INSERT OR REPLACE INTO concepts (id, revision, created, modified, doc, checked) "
            "VALUES (?, ?, ?, ?, ?, ?)", (concept.id, revision, created, now,
                                          self._conn.codec.pack(doc), RULES_VERSION))
        self._index(concept)
        self._log(concept.id, revision, action, author, at=now)
        self._written.add(concept.id)
        for other in others:
            self._revise(other, author=author, at=now)
        segments.collect(self._conn, cited_before)
        return replace(concept, revision=revision, created=created, modified=now)

    def _shown(self, concept_id: str, history: bool = True) -> tuple[Any, bytes | str]:
        """What a stored concept shows (its document with its sentences' translations), as
        JSON data (None when damaged) and as the text its history row is to keep (empty
        unless ``history``: only a change needs it)."""
        raw, cited = self._conn.execute(
            f"SELECT sozdik_doc(CAST(c.doc AS BLOB)), {segments.JOINED} FROM concepts c "
            "WHERE c.id = ?",
            (concept_id,)).fetchone()
        try:
            doc = json.loads(raw)
            segments.attach(doc, cited)
        except (ValueError, RecursionError):
            return None, _as_text(raw)
        return doc, _dump(doc) if history else ""

    def _revise(self, concept_id: str, *, author: str, at: str | None = None) -> None:
        """A revision of a concept whose shown translations changed through a sentence it
        quotes (its document is unchanged; its history row must already keep what it
        showed before). A revision made earlier in this transaction (the same import)
        is amended instead: what it showed meanwhile was never seen."""
        self._flush_index()
        try:  # its document is as it was indexed; the translations' texts are kept apart
            concept: Concept | None = self.get(concept_id)
        except DamagedConceptError:
            concept = None  # a damaged document is not indexed (doctor names it)
        textindex.unindex(self._conn, concept_id, concept)
        if concept is not None:
            textindex.index(self._conn, concept)
        if concept_id in self._written:
            return
        at = at or _now()
        revision = self._revision(concept_id) + 1
        self._conn.execute("UPDATE concepts SET revision = ?, modified = ? WHERE id = ?",
                           (revision, at, concept_id))
        self._log(concept_id, revision, segments.ACTION, author, at=at)
        self._propagated.append(concept_id)
        self._written.add(concept_id)

    def _log(self, concept_id: str, revision: int, action: str, author: str, *,
             deleted: bool = False, at: str | None = None) -> None:
        at = at or _now()
        self._logged += 1
        self._conn.execute(
            "INSERT INTO history (concept_id, revision, action, author, at, doc, deleted) "
            "VALUES (?, ?, ?, ?, ?, NULL, ?)", (concept_id, revision, action, author, at, deleted))
        self._set_meta("last_change", at)

    def _supersede(self, concept_id: str, revision: int, doc: bytes | str) -> None:
        """Give the outgoing revision's history row its document, before it is replaced."""
        self._conn.execute(
            "UPDATE history SET doc = ? WHERE concept_id = ? AND revision = ? AND doc IS NULL "
            "AND deleted = 0", (_packed(self._conn, _as_text(doc)), concept_id, revision))

    def _remove(self, concept_id: str) -> None:
        self._supersede(concept_id, self._revision(concept_id), self._shown(concept_id)[1])
        cited = segments.cited_by(self._conn, concept_id)
        self._unindex(concept_id)
        self._conn.execute("DELETE FROM concepts WHERE id = ?", (concept_id,))
        segments.collect(self._conn, cited)

    def _touch(self) -> None:
        self._set_meta("last_change", _now())


def _related_ids(concepts: Iterable[Concept]) -> set[str]:
    """Every id the concepts' ``related`` lists name (what is not text is left to validation)."""
    return {r for c in concepts if isinstance(getattr(c, "related", None), list)
            for r in c.related if isinstance(r, str)}


def _packed(conn: Connection, doc: bytes | str) -> bytes | str | Later:
    """A document as it is stored: compressed when it is text (a damaged one is kept;
    inside ``codec.later()``, perhaps a :class:`~.packed.Later` for it)."""
    return conn.codec.pack(doc) if isinstance(doc, str) else doc


def _as_text(doc: bytes | str) -> bytes | str:
    """A document read as bytes, back as text when it is UTF-8 (else kept as it was)."""
    if isinstance(doc, bytes):
        try:
            return doc.decode("utf-8")
        except UnicodeDecodeError:
            return doc
    return doc
