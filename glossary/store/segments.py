"""Quoted sentences stored once: the segments of the sources, and the concepts citing them.

A context is a citation: its source, language and text (spacing ignored) name
a *segment*, the sentence as its source has it. The segment holds the
sentence's translations and what each one is (``provenance``); concept
documents keep their contexts without them, and every read joins them in
(:data:`JOINED`, one indexed subquery per concept row, so a whole-store export
reads no more rows than before). Two concepts quoting one sentence therefore
cannot show two translations of it: there is only one.

Writing a concept (:func:`plan`, then the store applies it):

* a context that gives translations gives all of them: the segment gets exactly
  those (a language left out is removed);
* a context that gives none leaves the segment as it is: a TBX or an API caller
  without translations, a harvested sentence, never erase them. Undo, and
  :meth:`Store.put_segment`, are exact instead: none given means none;
* what a translation is (provenance) belongs to the sentence and language, not
  to a wording: a write that does not give it keeps it (``kind: translation``
  given clears it). Only an ``original`` whose text is replaced cannot stay
  one: it becomes a back-translation keeping the replaced words as its original;
* every other concept quoting a sentence whose translations change gets a
  revision of its own (action ``translation``), its history keeping what it
  showed before, so ``history`` and ``undo`` stay truthful;
* within one transaction (an import is one), the same sentence given two
  different translations is refused, naming both places
  (:class:`~glossary.errors.TranslationConflictError`).

Tables: ``segments`` is authoritative (its ``doc`` holds translations and
provenance; ``checked`` marks a doc written by Sozdik, as for concepts);
``citations`` is derived from the concept documents, rebuilt with the search
index. A segment no concept cites any more is removed: the history of the
concepts that cited it keeps its translations, and undo brings them back.

From schema 9 a segment keeps its sentence once, as its ``text``, compressed
as the documents are (packed.py; read through ``sozdik_json``; the key, its
words, is worked out from it: :func:`key`), and is found by ``hash``, a
64-bit hash of its source, language and key (:func:`digest`) in an integer
index, instead of a unique index of the three texts (which held every
sentence a second and a third time). Two sentences may share a hash: each
row found is compared with the sentence sought, and the store keeps one row
per sentence itself (the first, by id, is the one read; ``glossary doctor``
names a second, a hash that is not the sentence's, or a text that does not
decompress, and ``--fix`` mends them: :func:`rehash`). A text that does not
decompress cannot be compared: its hash alone then says which sentence it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..errors import InputError, TranslationConflictError
from ..i18n import _
from ..model import (
    LANG_ORDER,
    RULES_VERSION,
    Concept,
    Context,
    Provenance,
    RenderingKind,
    Segment,
    field_name,
)
from ..records import field, record, replace
from . import compact
from .connection import Connection

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from . import Store
    from .packed import Later

#: The schema migration that creates the tables (the store's migration 5); :func:`migrate`
#: then moves the translations out of the concept documents.
MIGRATION = """
    CREATE TABLE segments (
        id INTEGER PRIMARY KEY, source TEXT NOT NULL, lang TEXT NOT NULL, key TEXT NOT NULL,
        text TEXT NOT NULL, doc TEXT NOT NULL, checked INTEGER,
        UNIQUE (source, lang, key));
    CREATE TRIGGER segments_doc_changed AFTER UPDATE OF doc ON segments
    WHEN new.checked IS old.checked BEGIN
        UPDATE segments SET checked = NULL WHERE id = new.id;
    END;
    CREATE TABLE citations (
        concept_id TEXT NOT NULL, position INTEGER NOT NULL, segment_id INTEGER NOT NULL,
        PRIMARY KEY (concept_id, position)) WITHOUT ROWID;
    CREATE INDEX citations_by_segment ON citations (segment_id);
"""
#: The same tables for a read-only store of an older schema (this connection only).
TEMPORARY = """
    CREATE TEMP TABLE segments (
        id INTEGER PRIMARY KEY, source TEXT NOT NULL, lang TEXT NOT NULL, key TEXT NOT NULL,
        text TEXT NOT NULL, doc TEXT NOT NULL, checked INTEGER, UNIQUE (source, lang, key));
    CREATE TEMP TABLE citations (
        concept_id TEXT NOT NULL, position INTEGER NOT NULL, segment_id INTEGER NOT NULL,
        PRIMARY KEY (concept_id, position));
    CREATE INDEX temp.citations_by_segment ON citations (segment_id);
"""
#: Schema 9: the sentence kept once (``text``, compressed; its key is worked out from
#: it), found by a hash of source, language and key (see above; :func:`migrate_hashed`).
HASHED = """
    CREATE TABLE segments_hashed (
        id INTEGER PRIMARY KEY, hash INTEGER NOT NULL, source TEXT NOT NULL,
        lang TEXT NOT NULL, text TEXT NOT NULL, doc TEXT NOT NULL, checked INTEGER);
    INSERT INTO segments_hashed (id, hash, source, lang, text, doc, checked)
        SELECT id, 0, source, lang, text, doc, checked FROM segments ORDER BY id;
    DROP TABLE segments;
    ALTER TABLE segments_hashed RENAME TO segments;
    CREATE INDEX segments_by_hash ON segments (hash);
    CREATE TRIGGER segments_doc_changed AFTER UPDATE OF doc ON segments
    WHEN new.checked IS old.checked BEGIN
        UPDATE segments SET checked = NULL WHERE id = new.id;
    END;
"""
#: The translations a concept row (alias ``c``) cites: a JSON array of
#: ``[position, source, lang, text (null: damaged), doc or null when it is not JSON,
#: checked]``.
JOINED = ("(SELECT json_group_array(json_array(ci.position, s.source, s.lang, "
          "sozdik_json(s.text), "
          "(SELECT CASE WHEN json_valid(j) THEN json(j) END FROM (SELECT sozdik_json("
          "CAST(s.doc AS BLOB)) AS j)), s.checked)) "
          "FROM citations ci JOIN segments s ON s.id = ci.segment_id "
          "WHERE ci.concept_id = c.id)")
#: :data:`JOINED` with each segment's id last (reads that go on to plan writes:
#: :func:`attach` then gives the rows :func:`prefetch` would find)
JOINED_IDS = JOINED.replace(", s.checked)) FROM citations", ", s.checked, s.id)) FROM citations")
assert JOINED_IDS != JOINED
#: the action of the revision a concept gets when a sentence it quotes is translated anew
ACTION = "translation"

Key = tuple[str, str, str]  # source, lang, key(text)
_EMPTY: dict[str, Any] = {"translations": {}}


#: a segment's text as reads get it (NULL when its compressed bytes are damaged)
TEXT = "sozdik_json(text)"


def key(text: str) -> str:
    """What identifies a quoted sentence within its source and language: its words."""
    # the usual sentence is its own key: a printable text has no whitespace but " " (the
    # split below splits at nothing else), and single spaces inside it keep it as it is
    if (text.isprintable() and "  " not in text and text[:1] != " "
            and text[-1:] != " "):
        return text
    return " ".join(text.split())


def key_of(context: Context) -> Key:
    return context.source, context.lang, key(context.text)


_blake2b: Any = None


def digest(k: Key) -> int:
    """What the store finds a sentence by: a 64-bit hash of its source, language and key
    (signed, as SQLite keeps integers). Two sentences may share one."""
    global _blake2b
    if _blake2b is None:  # only writes hash: a lookup does not load hashlib
        from hashlib import blake2b as _blake2b
    source, lang, words = k
    data = f"{source}\0{lang}\0{words}".encode("utf-8", "surrogatepass")
    return int.from_bytes(_blake2b(data, digest_size=8).digest(), "big", signed=True)


# -- reading -----------------------------------------------------------------------------
class Mismatch(ValueError):
    """A citation that does not name the context at its position (a stale index)."""


def attach(doc: Any, cited: str | bytes | None,
           found: dict[Key, Row | None] | None = None) -> bool:
    """Put each cited segment's translations into the document's contexts.

    Returns False when a segment was not checked when written (the document is
    then to be checked in full). Raises :class:`Mismatch` for a citation that
    names another sentence, ValueError for a segment that is not JSON. With
    ``cited`` from :data:`JOINED_IDS`, each segment read whole is put in ``found``
    as its sentence's :class:`Row` (what :func:`prefetch` finds, in a store that
    keeps no sentence twice).
    """
    rows = json.loads(cited) if cited else None
    if not rows:
        return True
    contexts = doc.get("contexts") if isinstance(doc, dict) else None
    trusted = True
    for position, source, lang, text, segment, checked, *segment_id in rows:
        ctx = (contexts[position] if isinstance(contexts, list) and 0 <= position < len(contexts)
               else None)
        if not (isinstance(ctx, dict) and ctx.get("source") == source and ctx.get("lang") == lang
                and isinstance(ctx.get("text"), str)  # (a damaged text: doctor names it)
                and (text is None or ctx["text"] == text or key(ctx["text"]) == key(text))):
            raise Mismatch(_("contexts[{position}] is not the sentence the store keeps its "
                             "translations under (the index of quoted sentences is stale); "
                             "'glossary doctor --fix' rebuilds it").format(position=position))
        if not isinstance(segment, dict):
            raise ValueError(_("the translations of contexts[{position}] are damaged in the "
                               "store (not a JSON object)").format(position=position))
        if found is not None and segment_id and text is not None:
            found[(source, lang, key(text))] = Row(
                segment_id[0], text, segment if isinstance(segment.get("translations"), dict)
                else {"translations": {}, "damaged": True})  # (as _row reads it)
        if "translations" in ctx:
            continue  # a document of an older release holds its own
        if segment.get("translations"):
            ctx["translations"] = segment["translations"]
        if segment.get("provenance"):
            ctx["provenance"] = segment["provenance"]
        trusted = trusted and checked == RULES_VERSION
    return trusted


def strip(content: dict[str, Any]) -> dict[str, Any]:
    """A concept's JSON form as its document is stored: contexts without translations."""
    contexts = content.get("contexts")
    if not contexts:
        return content
    kept = []
    # (copied, then popped: twice as quick as a comprehension; an import strips each
    # concept it writes)
    for c in contexts:
        if "translations" in c or "provenance" in c:
            c = c.copy()
            c.pop("translations", None)
            c.pop("provenance", None)
        kept.append(c)
    stripped = content.copy()
    stripped["contexts"] = kept
    return stripped


def segments(conn: Connection, source: str | None = None, segment_id: int | None = None
             ) -> Iterator[tuple[int, Segment | str]]:
    """Every cited segment (of one source, or the one of this id, or all) as (id, Segment),
    in the order the concepts (by id) first quote them; one that does not read comes as
    (id, problem)."""
    where, params = (("WHERE s.source = ?", (source,)) if source is not None else
                     ("WHERE s.id = ?", (segment_id,)) if segment_id is not None else ("", ()))
    rows = conn.execute(
        "SELECT s.id, s.source, s.lang, sozdik_json(s.text), sozdik_doc(CAST(s.doc AS BLOB)), "
        "(SELECT json_group_array(concept_id) FROM (SELECT DISTINCT concept_id FROM citations "
        " WHERE segment_id = s.id ORDER BY concept_id)), "
        "(SELECT min(concept_id || char(1) || printf('%09d', position)) FROM citations "
        " WHERE segment_id = s.id) AS first "
        f"FROM segments s {where} ORDER BY first", params)
    for sid, src, lang, text, raw, cited, first in rows:
        if first is None:
            continue  # cited by no concept (a stale index): nothing shows it
        try:
            doc = json.loads(raw)
            context = _context({"lang": lang, "text": text, "source": src, **doc})
        except (ValueError, TypeError, InputError) as exc:
            yield sid, _("the translations of a sentence of source '{source}' are damaged "
                         "({problem})").format(source=src, problem=exc)
            continue
        yield sid, Segment(src, lang, context.text, context.translations, context.provenance,
                           json.loads(cited))


def _context(data: Any) -> Context:
    if not isinstance(data, dict):
        raise TypeError(_("not a JSON object"))
    return Context.from_dict(data)


# -- writing -----------------------------------------------------------------------------
@record
class Row:
    """A sentence as stored (or pending in an import's batch): its id, text and document."""

    id: int
    text: str | None
    doc: dict[str, Any]


@record
class _Given:
    """The translations a context gave, first in a transaction: what later ones must match."""

    record: str
    position: int
    translations: dict[str, str]
    provenance: dict[str, dict[str, Any]]


#: per transaction: the sentences given translations so far, and by whom
Given = dict[Key, _Given]


@record
class Plan:
    """What writing one concept does to the sentences it quotes."""

    #: the concept as it will show: every context with its sentence's translations
    concept: Concept
    keys: list[Key]
    #: the segments as stored before (None: new)
    rows: dict[Key, Row | None]
    #: the segment documents this write sets
    targets: dict[Key, dict[str, Any]] = field(default_factory=dict)

    def changed(self) -> list[int]:
        """Ids of stored segments whose translations this write changes."""
        return [row.id for k, row in self.rows.items()
                if row is not None and k in self.targets and self.targets[k] != row.doc]


def plan(conn: Connection, concept: Concept, *, exact: bool, given: Given,
         known: dict[Key, Row | None] | None = None, hashes: Hashes | None = None) -> Plan:
    """Resolve a (validated) concept's contexts against the stored sentences.

    ``known``: the rows of sentences looked up already (:func:`prefetch`); the
    others are looked up here (unless ``hashes`` says they are not stored) and
    added to it.
    """
    keys = [key_of(c) for c in concept.contexts]
    if known is None:
        known = {}
    for k in keys:
        if k not in known:
            known[k] = None if hashes is not None and hashes.lacks(conn, k) else find(conn, k)
    rows = {k: known[k] for k in dict.fromkeys(keys)}
    if not exact and len(rows) == len(keys):
        targets = _new_sentences(concept, keys, rows, given)
        if targets is not None:
            return Plan(concept, keys, rows, targets)
    result = Plan(concept, keys, rows)
    for position, (k, ctx) in enumerate(zip(keys, concept.contexts)):
        if not (ctx.translations or exact):
            continue  # no translations given: the sentence keeps its own
        _check(given, k, concept.id, position, ctx)
        if k not in result.targets:
            result.targets[k] = target(rows[k], ctx, exact)
    contexts = []
    for k, ctx in zip(keys, concept.contexts):
        row = rows[k]
        doc = result.targets.get(k) or (row.doc if row is not None else _EMPTY)
        translations = ordered(doc["translations"])
        if (not ctx.provenance and not doc.get("provenance") and translations == ctx.translations
                and list(translations) == list(ctx.translations)):
            contexts.append(ctx)  # it shows what it gives (what the test below would find)
            continue
        shown = replace(ctx, translations=translations, provenance=provenance(doc))
        same = shown == ctx and list(shown.translations) == list(ctx.translations)
        contexts.append(ctx if same else shown)
    if any(new is not old for new, old in zip(contexts, concept.contexts)):
        result.concept = replace(concept, contexts=contexts)
    return result  # the concept itself when it shows what it gives (its checks still hold)


#: the orders of languages :func:`ordered` keeps as they are (each LANG_ORDER's subsequence)
_IN_ORDER = frozenset(tuple(lang for i, lang in enumerate(LANG_ORDER) if mask >> i & 1)
                      for mask in range(1 << len(LANG_ORDER)))


def _new_sentences(concept: Concept, keys: list[Key], rows: dict[Key, Row | None],
                   given: Given) -> dict[Key, dict[str, Any]] | None:
    """:func:`plan`'s targets (``given`` updated) in the usual case of an import's new
    concept, worked out without its general steps: each sentence quoted once, stored
    nowhere, given no translations before in the transaction, and given by its context
    with no provenance, its languages in display order (then each context shows what it
    gives, as :func:`plan` would find: the concept itself); None for any other."""
    contexts = concept.contexts
    for k, ctx in zip(keys, contexts):
        if (rows[k] is not None or k in given or ctx.provenance
                or tuple(ctx.translations) not in _IN_ORDER):
            return None
    targets: dict[Key, dict[str, Any]] = {}
    for position, (k, ctx) in enumerate(zip(keys, contexts)):
        if ctx.translations:  # (none given: the sentence keeps its own, none)
            given[k] = _Given(concept.id, position, dict(ctx.translations), {})
            targets[k] = {"translations": dict(ctx.translations)}
    return targets


def ordered(translations: dict[str, str]) -> dict[str, str]:
    """Translations in display order (a stored document has its keys sorted)."""
    known = [lang for lang in LANG_ORDER if lang in translations]
    if len(known) == len(translations):  # the usual: no other language, no sort
        return {lang: translations[lang] for lang in known}
    rank = {lang: i for i, lang in enumerate(LANG_ORDER)}
    return {lang: translations[lang]
            for lang in sorted(translations, key=lambda lang: (rank.get(lang, 99), lang))}


def provenance(doc: dict[str, Any]) -> dict[str, Provenance]:
    return {lang: Provenance(RenderingKind(p["kind"]), p.get("original"), p.get("citation"),
                             p.get("url"))
            for lang, p in doc.get("provenance", {}).items()}


def target(row: Row | None, ctx: Context, exact: bool) -> dict[str, Any]:
    """The segment document a context's translations make (see the module's rules)."""
    before = row.doc if row is not None else _EMPTY
    old_text, old_kind = before["translations"], before.get("provenance", {})
    kinds: dict[str, dict[str, Any]] = {}
    for lang, text in ctx.translations.items():
        given = ctx.provenance.get(lang)
        if given is not None:
            if given:
                kinds[lang] = given.to_dict()
        elif not exact and lang in old_kind:
            kept = old_kind[lang]
            if kept["kind"] == RenderingKind.ORIGINAL.value and old_text.get(lang) != text:
                kept = {"kind": RenderingKind.BACK_TRANSLATION.value, "original": old_text[lang],
                        **{k: kept[k] for k in ("citation", "url") if k in kept}}
            kinds[lang] = kept
    doc: dict[str, Any] = {"translations": dict(ctx.translations)}
    if kinds:
        doc["provenance"] = kinds
    return doc


def _check(given: Given, k: Key, record: str, position: int, ctx: Context) -> None:
    """One translation per sentence within a transaction: the first to give it sets it."""
    kinds = {lang: p.to_dict() for lang, p in ctx.provenance.items()}
    first = given.get(k)
    if first is None:
        given[k] = _Given(record, position, dict(ctx.translations), kinds)
        return
    here = ("contexts", position, "translations")
    there = ("contexts", first.position, "translations")
    differ = [lang for lang in sorted(set(first.translations) | set(ctx.translations))
              if first.translations.get(lang) != ctx.translations.get(lang)]
    if differ:
        lang = differ[0]
        what = (_("this {lang} translation differs from the one given in").format(lang=lang)
                if lang in ctx.translations else
                _("it has no {lang} translation here, unlike the one given in").format(lang=lang))
        mine = here + (lang,) if lang in ctx.translations else here
        theirs = there + (lang,) if lang in first.translations else there
        _conflict(ctx, record, mine, first, theirs, what)
    for lang in sorted(set(kinds) & set(first.provenance)):
        if kinds[lang] != first.provenance[lang]:
            path = ("contexts", position, "provenance", lang)
            _conflict(ctx, record, path, first, ("contexts", first.position, "provenance", lang),
                      _("what its {lang} translation is differs from what is given in").format(
                          lang=lang))
    for lang in set(kinds) - set(first.provenance):
        first.provenance[lang] = kinds[lang]


def _conflict(ctx: Context, record: str, path: tuple[str | int, ...], first: _Given,
              other: tuple[str | int, ...], what: str) -> None:
    shown = ctx.text if len(ctx.text) <= 60 else ctx.text[:59] + "…"
    raise TranslationConflictError(
        _("the sentence «{sentence}» ({source}, {lang}) has one translation per language "
          "everywhere it is quoted, but {what}").format(sentence=shown, source=ctx.source,
                                                        lang=ctx.lang, what=what),
        field=field_name(path), path=path, record=record, other_record=first.record,
        other_field=field_name(other), other_path=other)


#: the most sentences a store may hold for an import to keep their hashes (:class:`Hashes`)
HASHES_UP_TO = 200_000


class Hashes:
    """The hashes of the sentences a store holds, for an import's new concepts: one whose
    hash is not among them is new to the store, known so without a query (a streamed
    import cannot look a window's sentences up at once: its concepts are read one by one).

    Read when first asked (a store holding more than :data:`HASHES_UP_TO` sentences is
    always asked instead), then :meth:`update` reads the rows added since by id. That
    holds for the rows an import's batch adds (ids given upwards from the largest);
    after any other write, :meth:`forget` (a removal may let an id be given again)."""

    __slots__ = ("_hashes", "_last", "_off", "_lacking")

    def __init__(self) -> None:
        self._hashes: set[int] | None = None  # None: not read yet
        self._last: int | None = None  # the largest id read (None: none)
        self._off = False
        #: the hashes of the sentences found lacking since the last update, for their rows
        #: (:meth:`take`): each new sentence hashed once
        self._lacking: dict[Key, int] = {}

    def lacks(self, conn: Connection, k: Key) -> bool:
        """Is this sentence surely not stored? (False: it may be; ask the store.)"""
        if self._off:
            return False
        if self._hashes is None:
            if count(conn) > HASHES_UP_TO:
                self._off = True
                return False
            self._hashes = set()
            self.update(conn)
        found = digest(k)
        if found in self._hashes:
            return False
        self._lacking[k] = found
        return True

    def take(self, k: Key) -> int:
        """The hash of a sentence (:func:`digest`), once more: that of one found lacking
        is remembered until then."""
        found = self._lacking.pop(k, None)
        return digest(k) if found is None else found

    def update(self, conn: Connection) -> None:
        """Take in the rows added since the last read (the import's batch wrote them)."""
        self._lacking = {}
        if self._hashes is None or self._off:
            return
        rows = (conn.execute("SELECT id, hash FROM segments ORDER BY id")
                if self._last is None else
                conn.execute("SELECT id, hash FROM segments WHERE id > ? ORDER BY id",
                             (self._last,)))
        for segment_id, h in rows:
            self._hashes.add(h)
            self._last = segment_id

    def forget(self) -> None:
        """After a write of another path: every sentence is asked for from now on."""
        self._off = True
        self._lacking = {}


def find(conn: Connection, k: Key) -> Row | None:
    found = _first(conn, k, ", sozdik_doc(CAST(doc AS BLOB))")
    return None if found is None else _row(*found)


def find_id(conn: Connection, k: Key) -> int | None:
    """The id of a stored sentence (None: not stored), its document left unread."""
    found = _first(conn, k)
    return None if found is None else int(found[0])


def _first(conn: Connection, k: Key, more: str = "") -> tuple[Any, ...] | None:
    """(id, text, *``more`` columns) of the sentence's row: the first by id among those of
    its hash (another sentence sharing its hash, if any, is not it)."""
    for segment_id, source, lang, text, *rest in conn.execute(
            f"SELECT id, source, lang, {TEXT}{more} FROM segments WHERE hash = ? ORDER BY id",
            (digest(k),)):
        if _is(k, source, lang, text):
            return (segment_id, text, *rest)
    return None


def _is(k: Key, source: str, lang: str, text: str | None) -> bool:
    """Is a row of the sentence's hash the sentence? (A text that does not decompress:
    its hash says so.)"""
    return lang == k[1] and source == k[0] and (text is None or key(text) == k[2])


def stored_twice(conn: Connection) -> bool:
    """Does any hash name two rows (a sentence stored twice: see :func:`misfiled`; or two
    sentences sharing a hash)? If not, the row a concept cites for a sentence is the row
    :func:`prefetch` finds for it."""
    return conn.execute("SELECT 1 FROM segments GROUP BY hash HAVING count(*) > 1 LIMIT 1"
                        ).fetchone() is not None


def prefetch(conn: Connection, keys: Iterable[Key]) -> dict[Key, Row | None]:
    """The stored rows of these sentences (None: not stored), a few hundred per query."""
    wanted = list(dict.fromkeys(keys))
    found: dict[Key, Row | None] = dict.fromkeys(wanted)
    for start in range(0, len(wanted), 300):
        hashes = list(dict.fromkeys(digest(k) for k in wanted[start:start + 300]))
        rows = conn.execute(  # CROSS JOIN: the values first, each a search of the hash index
            "SELECT s.id, s.hash, s.source, s.lang, sozdik_json(s.text), "
            "sozdik_doc(CAST(s.doc AS BLOB)) FROM (VALUES "
            + ",".join(["(?)"] * len(hashes)) + ") v CROSS JOIN segments s "
            "ON s.hash = v.column1 ORDER BY s.id DESC", hashes)
        for segment_id, h, source, lang, text, raw in rows:  # the first by id last: it stays
            for k in ([(source, lang, key(text))] if text is not None else
                      [k for k in wanted if digest(k) == h]):
                if k in found and _is(k, source, lang, text):
                    found[k] = _row(segment_id, text, raw)
    return found


def _row(segment_id: int, text: str | None, raw: bytes) -> Row:
    try:
        doc = json.loads(raw)
    except ValueError:
        doc = None
    if not isinstance(doc, dict) or not isinstance(doc.get("translations"), dict):
        doc = {"translations": {}, "damaged": True}  # whatever is written replaces it
    return Row(segment_id, text, doc)


def apply(conn: Connection, planned: Plan) -> None:
    """Write the new and changed segments of a plan (before its concept is indexed)."""
    for k, row in planned.rows.items():
        target = planned.targets.get(k)
        if row is None:
            ctx = planned.concept.contexts[planned.keys.index(k)]
            insert(conn, k, ctx.text, target or _EMPTY)
        elif target is not None and target != row.doc:
            write(conn, row.id, target)


#: the columns of a new segment's row (:func:`values`); the id is SQLite's or the caller's
COLUMNS = "hash, source, lang, text, doc, checked"


def values(conn: Connection, k: Key, text: str, doc: dict[str, Any], hashed: int | None = None
           ) -> tuple[Any, ...]:
    """A new sentence's row (:data:`COLUMNS`): its hash (``hashed``, when known: its
    :func:`digest`), its text and translations compressed, marked as written by Sozdik."""
    return (digest(k) if hashed is None else hashed, k[0], k[1], conn.codec.pack(text),
            encode(conn, doc), RULES_VERSION)


def insert(conn: Connection, k: Key, text: str, doc: dict[str, Any]) -> int:
    """Store a new sentence; its id."""
    segment_id = conn.execute(f"INSERT INTO segments ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                              values(conn, k, text, doc)).lastrowid
    assert segment_id is not None  # an INSERT's row id
    return segment_id


def write(conn: Connection, segment_id: int, doc: dict[str, Any]) -> None:
    # REPLACE, not UPDATE: the trigger that notices changes made outside Sozdik stays quiet
    conn.execute("INSERT OR REPLACE INTO segments (id, hash, source, lang, text, doc, checked) "
                 "SELECT id, hash, source, lang, text, ?, ? FROM segments WHERE id = ?",
                 (encode(conn, doc), RULES_VERSION, segment_id))


def citers(conn: Connection, segment_ids: Iterable[int], exclude: str | None = None) -> list[str]:
    """The concepts citing any of these segments (but ``exclude``), by id."""
    ids = list(segment_ids)
    if not ids:
        return []
    rows = conn.execute(f"SELECT DISTINCT concept_id FROM citations WHERE segment_id IN "
                        f"({','.join('?' * len(ids))}) ORDER BY concept_id", ids)
    return [r[0] for r in rows if r[0] != exclude]


def cited_by(conn: Connection, concept_id: str) -> list[int]:
    return [r[0] for r in conn.execute("SELECT segment_id FROM citations WHERE concept_id = ?",
                                       (concept_id,))]


def cite(conn: Connection, concept: Concept) -> None:
    """Record which segment each context of ``concept`` cites (creating any missing one,
    with the context's own translations: a rebuild from documents)."""
    rows = []
    for position, ctx in enumerate(concept.contexts):
        k = key_of(ctx)
        segment_id = find_id(conn, k)
        if segment_id is None:
            doc: dict[str, Any] = {"translations": dict(ctx.translations)}
            if ctx.provenance:
                doc["provenance"] = {lang: p.to_dict() for lang, p in ctx.provenance.items() if p}
            segment_id = insert(conn, k, ctx.text, doc)
        rows.append((concept.id, position, segment_id))
    conn.executemany("INSERT OR REPLACE INTO citations VALUES (?, ?, ?)", rows)


def uncite(conn: Connection, concept_id: str) -> None:
    conn.execute("DELETE FROM citations WHERE concept_id = ?", (concept_id,))


def collect(conn: Connection, segment_ids: Iterable[int] | None = None) -> None:
    """Remove segments no concept cites (of ``segment_ids``, or all)."""
    uncited = "NOT EXISTS (SELECT 1 FROM citations ci WHERE ci.segment_id = segments.id)"
    if segment_ids is None:
        conn.execute(f"DELETE FROM segments WHERE {uncited}")
        return
    conn.executemany(f"DELETE FROM segments WHERE id = ? AND {uncited}",
                     [(i,) for i in set(segment_ids)])


def count(conn: Connection) -> int:
    return conn.execute("SELECT count(*) FROM segments").fetchone()[0]


def migrate_hashed(store: Store) -> None:
    """Schema 9: every sentence's text compressed (as the documents are) and its hash."""
    store._conn.codec.enabled = True  # schema 8 has the dictionaries
    rehash(store._conn, pack=True)


def rehash(conn: Connection, *, pack: bool = False) -> int:
    """Give every segment the hash of its sentence, and a text that does not decompress
    its quoting concept's (``pack``: every text compressed, too). Returns how many were
    wrong (a migration, a repair)."""
    last, wrong = -1, 0
    while True:  # in steps of ids: a table is not updated while a query reads it
        rows = conn.execute(f"SELECT id, hash, source, lang, text, {TEXT} FROM segments "
                            "WHERE id > ? ORDER BY id LIMIT 5000", (last,)).fetchall()
        if not rows:
            return wrong
        last = rows[-1][0]
        fixed = []
        for segment_id, old, source, lang, stored, text in rows:
            repack = pack and isinstance(stored, str)
            if text is None:
                text, repack = quoted_text(conn, segment_id), True
                if text is None:
                    continue  # quoted by no concept: the rebuild removes it
            h = digest((source, lang, key(text)))
            if h != old or repack:
                fixed.append((h, conn.codec.pack(text) if repack else stored, segment_id))
        conn.executemany("UPDATE segments SET hash = ?, text = ? WHERE id = ?", fixed)
        wrong += len(fixed)


def quoted_text(conn: Connection, segment_id: int) -> str | None:
    """The sentence as the first concept quoting a segment has it (None: none quotes it)."""
    row = conn.execute(
        "SELECT json_extract(sozdik_json(c.doc), '$.contexts[' || ci.position || '].text') "
        "FROM citations ci JOIN concepts c ON c.id = ci.concept_id WHERE ci.segment_id = ? "
        "ORDER BY ci.concept_id, ci.position LIMIT 1", (segment_id,)).fetchone()
    return row[0] if row is not None and isinstance(row[0], str) else None


def misfiled(conn: Connection) -> tuple[list[tuple[int, str, str, str | None]],
                                        list[tuple[int, int]]]:
    """What keeps a sentence from being found: segments whose hash is not their sentence's
    or whose text does not decompress (id, source, lang, text or None), and sentences
    stored twice (the second's id, the first's). A store of an older schema (read-only)
    has no hashes, and a unique index instead."""
    if not conn.execute("SELECT 1 FROM pragma_table_info('segments') WHERE name = 'hash'"
                        ).fetchone():
        return [], []
    wrong = [(segment_id, source, lang, text) for segment_id, h, source, lang, text in
             conn.execute(f"SELECT id, hash, source, lang, {TEXT} FROM segments ORDER BY id")
             if text is None or h != digest((source, lang, key(text)))]
    twice: list[tuple[int, int]] = []
    first: dict[Key, int] = {}
    for segment_id, source, lang, text in conn.execute(  # the same sentence: the same hash
            f"SELECT id, source, lang, {TEXT} FROM segments WHERE hash IN (SELECT hash FROM "
            "segments GROUP BY hash HAVING count(*) > 1) ORDER BY id"):
        if text is None:
            continue  # named above
        k = (source, lang, key(text))
        if k in first:
            twice.append((segment_id, first[k]))
        else:
            first[k] = segment_id
    return wrong, twice


# -- the migration from documents holding their own translations (schema 4) -------------
@record
class _Found:
    text: str
    translations: dict[str, str] = field(default_factory=dict)
    trusted: bool = True


def _inline(conn: Connection, checked: str = "checked"
            ) -> tuple[dict[Key, _Found], list[tuple[str, Any, Any, int]]]:
    """The translations held in the concept documents, one per sentence and language: the
    most recently modified concept's (then the first by id). Also the parsed documents."""
    found: dict[Key, _Found] = {}
    parsed = []
    rows = conn.execute(f"SELECT id, sozdik_doc(CAST(doc AS BLOB)), {checked}, revision "
                        "FROM concepts ORDER BY modified DESC, id").fetchall()
    for concept_id, raw, stamp, revision in rows:  # stamp: the document's checked column
        try:
            doc = json.loads(raw)
            contexts = [(_key(c), c["text"], c.get("translations") or {})
                        for c in doc.get("contexts") or []]
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # damaged: left as it is, to be named by doctor
        parsed.append((concept_id, doc, stamp, revision))
        for k, text, translations in contexts:
            entry = found.setdefault(k, _Found(text))
            entry.trusted = entry.trusted and stamp == RULES_VERSION
            if isinstance(translations, dict):
                for lang, text in translations.items():
                    entry.translations.setdefault(lang, text)
    return found, parsed


def _key(context: dict[str, Any]) -> Key:
    source, lang, text = context["source"], context["lang"], context["text"]
    if not all(isinstance(x, str) for x in (source, lang, text)):
        raise TypeError("not a context")
    return source, lang, key(text)


def fill(conn: Connection, *, marked: bool = True) -> None:
    """Segments and citations from documents that hold their own translations (a
    read-only store of an older schema: into this connection's temporary tables;
    ``marked=False`` for a schema without the documents' marks)."""
    found, parsed = _inline(conn, "checked" if marked else "NULL")
    ids = _insert(conn, found)
    _cite_all(conn, parsed, ids)


def _insert(conn: Connection, found: dict[Key, _Found]) -> dict[Key, int]:
    ids = {}
    for k, entry in found.items():
        segment_id = conn.execute(
            "INSERT INTO segments (source, lang, key, text, doc, checked) VALUES (?, ?, ?, ?, ?, ?)",
            (*k, entry.text, encode(conn, {"translations": entry.translations}),
             RULES_VERSION if entry.trusted else None)).lastrowid
        assert segment_id is not None  # an INSERT's row id
        ids[k] = segment_id
    return ids


def _cite_all(conn: Connection, parsed: list[tuple[str, Any, Any, int]],
              ids: dict[Key, int]) -> None:
    conn.executemany("INSERT OR REPLACE INTO citations VALUES (?, ?, ?)", [
        (concept_id, position, ids[_key(c)])
        for concept_id, doc, _checked, _rev in parsed
        for position, c in enumerate(doc.get("contexts") or [])])


def migrate(store: Store) -> None:
    """Schema 5: move the translations out of the concept documents into segments.

    Where concepts quoting one sentence translated it differently, the most
    recently modified concept's translation is kept for each language, and every
    concept that then shows another translation gets a revision (action
    ``translation``, author ``sozdik``): its history keeps what it showed.
    """
    conn = store._conn
    found, parsed = _inline(conn)
    ids = _insert(conn, found)
    changed = []
    for concept_id, doc, checked, revision in parsed:
        before = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        contexts = doc.get("contexts") or []
        shows = [found[_key(c)].translations for c in contexts]
        if any((c.get("translations") or {}) != t for c, t in zip(contexts, shows)):
            changed.append((concept_id, revision, before))
        conn.execute("UPDATE concepts SET doc = ? WHERE id = ?", (_dump(strip(doc)), concept_id))
        conn.execute("UPDATE concepts SET checked = ? WHERE id = ?", (checked, concept_id))
    _cite_all(conn, parsed, ids)
    for concept_id, revision, before in changed:
        store._supersede(concept_id, revision, before)
        store._revise(concept_id, author="sozdik")


def encode(conn: Connection, doc: dict[str, Any]) -> str | bytes | Later:
    """A sentence's document as the ``segments`` table keeps it (compressed from schema 8:
    see packed.py; inside ``codec.later()``, perhaps a :class:`~.packed.Later` for it)."""
    return conn.codec.pack(compact.dumps(doc, sort_keys=True))


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
