"""``glossary doctor``: everything that can be wrong with a store, and what fixes it.

Checks, in order (a store that fails the first is not read further):

1. SQLite's own ``PRAGMA integrity_check`` of the file;
2. every concept and source document against today's rules, whatever its
   mark (see documents.py), and the translations of every quoted sentence
   (segments.py);
3. references: ``related`` concepts and cited sources that do not exist, and
   subjects that no field of the subject vocabulary describes;
4. the derived tables (terms, search keys, subjects, links, the word index,
   the fuzzy vocabulary, the sentences each context quotes, the texts of the
   full-text index and the words it holds for each) against the documents.

Each :class:`Problem` names what is wrong and the command that fixes it.
:func:`repair` does what can be done without a person deciding: it rebuilds
the derived tables and removes links to concepts that do not exist (each
such concept gets a revision, so ``glossary undo`` takes it back).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from ..errors import DamagedConceptError, InputError, StoreError
from ..i18n import N_, _, ngettext
from ..model import Concept, Context, Source
from ..text import fuzzy
from ..text.keys import KEYS_VERSION, term_keys
from . import codes, segments, textindex
from . import documents as docs
from .connection import Connection

if TYPE_CHECKING:
    from . import Store

#: kinds of problem, in the order they are checked
KINDS = ("integrity", "document", "segment", "source", "reference", "subject", "index")
_REINDEX = N_("glossary doctor --fix (rebuilds the search index from the documents)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a store, and how to fix it."""

    kind: str  # one of KINDS
    #: the concept (or ``source:ID``) concerned; None for the store as a whole
    subject: str | None
    message: str
    #: the command (or step) that fixes it
    fix: str

    def __str__(self) -> str:
        where = f"{self.subject}: " if self.subject else ""
        return f"{where}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def examine(store: Store, conn: Connection) -> list[Problem]:
    problems = list(_integrity(store, conn))
    if problems:
        return problems
    try:
        valid = _documents(store, conn, problems)
        problems += _segments(store, conn)
        problems += _references(store, conn, valid)
        problems += _subjects(store, valid)
        problems += _index(store, conn, valid)
    except StoreError as exc:  # the file gave way part-way through
        problems.append(Problem("integrity", None, _damaged(exc), _rescue(store)))
    return problems


def _damaged(exc: StoreError) -> str:
    """SQLite's own words for the damage (the StoreError would say: run doctor)."""
    return _("the SQLite file is damaged ({reason})").format(reason=exc.__cause__ or exc)


def repair(store: Store, author: str) -> list[str]:
    """Fix what needs no decision: the derived tables, links to missing concepts.

    Returns what was done, one line each.
    """
    done = []
    with store.transaction():
        problems = examine(store, store._conn)
        for p in problems:
            if p.kind == "reference" and p.subject and not p.subject.startswith("source:"):
                concept = store.get(p.subject)
                missing = [r for r in concept.related if not store.exists(r)]
                if not missing:
                    continue
                concept.related = [r for r in concept.related if r not in missing]
                store._write(concept, author=author, action="unlink", check_revision=False)
                done.append(_("{id}: removed the link to {targets}").format(
                    id=p.subject, targets=", ".join(missing)))
        if any(p.kind == "index" for p in problems) or done:
            store._rebuild_index()
            done.append(_("rebuilt the search index from the documents"))
    return done


# -- 1. the file ---------------------------------------------------------------------
def _integrity(store: Store, conn: Connection) -> Iterator[Problem]:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    except StoreError as exc:
        yield Problem("integrity", None, _damaged(exc), _rescue(store))
        return
    if rows != ["ok"]:
        found = [line.strip() for row in rows for line in row.splitlines()
                 if line.strip() and not line.startswith("***")]
        shown = "; ".join(found[:3])
        more = len(found) - 3
        message = (ngettext("the SQLite file is damaged: {findings} (and {count} more finding)",
                            "the SQLite file is damaged: {findings} (and {count} more findings)",
                            more) if more > 0 else _("the SQLite file is damaged: {findings}"))
        yield Problem("integrity", None, message.format(findings=shown, count=more),
                      _rescue(store))


def _rescue(store: Store) -> str:
    # TRANSLATORS: NEW.sqlite3 and rescue.jsonl are file names the user types: keep them
    return _("restore a backup of {path}; if exports still read it, save what they can into a "
             "new store: glossary --store {path} export jsonl -o rescue.jsonl, glossary --store "
             "NEW.sqlite3 init --empty, glossary --store NEW.sqlite3 import rescue.jsonl").format(
                 path=store.path)


# -- 2. documents --------------------------------------------------------------------
def _documents(store: Store, conn: Connection, problems: list[Problem]) -> dict[str, Concept]:
    """Check every document in full; returns the concepts that read, by id."""
    valid: dict[str, Concept] = {}
    for cid, raw in conn.execute("SELECT id, sozdik_doc(CAST(doc AS BLOB)) FROM concepts "
                                 "ORDER BY id"):
        try:
            valid[cid] = docs.load(cid, raw, None)
        except DamagedConceptError as exc:
            problems.append(Problem("document", cid, exc.problem, undo_fix(store, cid)))
    for sid, raw in conn.execute("SELECT id, CAST(doc AS BLOB) FROM sources ORDER BY id"):
        try:
            source = Source.from_dict(docs.parse(sid, raw), stored=True)
            if source.id != sid:
                raise InputError(_("its document is the source '{id}'").format(id=source.id))
        except (DamagedConceptError, InputError) as exc:
            why = exc.problem if isinstance(exc, DamagedConceptError) else str(exc)
            problems.append(Problem("source", f"source:{sid}", why, _(
                "import a file that defines the source '{id}' again (a YAML export's "
                "sources.yaml, a JSON or JSONL export)").format(id=sid)))
    return valid


def undo_fix(store: Store, concept_id: str) -> str:
    """The command that repairs a damaged concept: an undo, else a delete."""
    unlink = " --unlink" if [u for u in store.linked_from(concept_id) if u != concept_id] else ""
    try:
        target = store._undo_target(concept_id, store._history_rows(concept_id), damaged=True)
    except (InputError, StoreError):
        return _("{command} (no earlier revision of it reads; import it again from a file "
                 "that has it)").format(command=f"glossary delete {concept_id}{unlink}")
    if target is None:
        return _("{command} (no earlier revision: undo deletes it; import it again from a file "
                 "that has it)").format(command=f"glossary undo {concept_id}{unlink}")
    return _("{command} (restores revision {revision}, the last that reads)").format(
        command=f"glossary undo {concept_id}", revision=target.revision)


def _segments(store: Store, conn: Connection) -> Iterator[Problem]:
    """The translations of every quoted sentence, whatever their mark."""
    rows = conn.execute(f"SELECT id, source, lang, {segments.TEXT}, "
                        "sozdik_doc(CAST(doc AS BLOB)) FROM segments ORDER BY id").fetchall()
    for segment_id, source, lang, text, raw in rows:
        try:
            doc = json.loads(raw)
            if not isinstance(doc, dict):
                raise InputError(_("not a JSON object"))
            Context.from_dict({**doc, "lang": lang, "text": text or "?", "source": source})
        except (ValueError, RecursionError, InputError) as exc:
            users = segments.citers(conn, [segment_id])
            shown = _sentence(conn, segment_id, text)
            earlier = [u for u in users if len(store._history_rows(u)) > 1]
            fix = (_("import a YAML, JSON or JSONL export that has the sentence (its "
                     "translations are set again)") if users else _(_REINDEX))
            if earlier:
                fix = _("glossary undo {id} (its previous revision sets the sentence's "
                        "translations again), or {fix}").format(id=earlier[0], fix=fix)
            yield Problem("segment", f"segment:{segment_id}", _(
                "the translations of «{sentence}» ({source}, {lang}) are damaged: {problem}")
                .format(sentence=shown, source=source, lang=lang, problem=exc), fix)
    yield from _misfiled(conn)


def _misfiled(conn: Connection) -> Iterator[Problem]:
    """Sentences the store would not find (a hash that is not theirs, a text that does not
    decompress), or keeps twice."""
    wrong, twice = segments.misfiled(conn)
    for segment_id, source, lang, text in wrong:
        if text is None:
            yield Problem("index", f"segment:{segment_id}", _(
                "the text of «{sentence}» ({source}, {lang}) is damaged in the store (its "
                "compressed bytes do not decompress)").format(
                    sentence=_sentence(conn, segment_id, text), source=source, lang=lang),
                _(_REINDEX))
            continue
        yield Problem("index", f"segment:{segment_id}", _(
            "the sentence «{sentence}» ({source}, {lang}) is filed under another sentence's "
            "hash: writes would not find it").format(
                sentence=_shown(text), source=source, lang=lang), _(_REINDEX))
    for segment_id, first in twice:
        source, lang, text = conn.execute(f"SELECT source, lang, {segments.TEXT} FROM segments "
                                          "WHERE id = ?", (segment_id,)).fetchone()
        yield Problem("index", f"segment:{segment_id}", _(
            "the sentence «{sentence}» ({source}, {lang}) is stored twice (also as "
            "segment:{first})").format(sentence=_shown(text), source=source, lang=lang,
                                       first=first), _(
            "glossary doctor --fix (keeps segment:{first}, the first stored: the concepts "
            "quoting the sentence then show its translations)").format(first=first))


def _shown(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


def _sentence(conn: Connection, segment_id: int, text: str | None) -> str:
    """A sentence as a problem shows it (a damaged text: as a concept quotes it)."""
    if text is None:
        text = segments.quoted_text(conn, segment_id)
    return _shown(text) if text is not None else f"segment:{segment_id}"


# -- 3. references -------------------------------------------------------------------
def _references(store: Store, conn: Connection, valid: dict[str, Concept]) -> Iterator[Problem]:
    ids = {r[0] for r in conn.execute("SELECT id FROM concepts")}
    sources = {r[0] for r in conn.execute("SELECT id FROM sources")}
    deleted = {r[0] for r in conn.execute("SELECT DISTINCT concept_id FROM history")} - ids
    for cid, concept in valid.items():
        for target in concept.related:
            if target == cid:
                yield Problem("reference", cid, _("related to itself"),
                              _("glossary doctor --fix (removes the link)"))
            elif target not in ids:
                fix = (_("glossary undo {id} (brings the deleted concept back), or glossary "
                         "doctor --fix (removes the link)").format(id=target)
                       if target in deleted else _("glossary doctor --fix (removes the link)"))
                yield Problem("reference", cid, _("related concept '{id}' does not exist")
                              .format(id=target), fix)
        cited = list(concept.sources) + [c.source for c in concept.contexts]
        for source in sorted(set(cited) - sources):
            yield Problem("reference", cid, _("source '{id}' does not exist").format(id=source),
                          _("import a file that defines the source '{id}'").format(id=source))


def _subjects(store: Store, valid: dict[str, Concept]) -> Iterator[Problem]:
    """Subjects no field of the vocabulary describes: shown by their id, unlabelled."""
    known = store.subject_fields()
    for cid, concept in valid.items():
        for subject in concept.subjects:
            if subject not in known:
                yield Problem("subject", cid, _(
                    "subject '{id}' is not in the subject vocabulary (it is shown by its id)")
                    .format(id=subject), _(
                    "add '{id}' with its labels to a subjects.yaml and import it (glossary "
                    "import subjects.yaml), or correct the concept's subjects").format(
                        id=subject))


# -- 4. derived tables ---------------------------------------------------------------
def _index(store: Store, conn: Connection, valid: dict[str, Concept]) -> Iterator[Problem]:
    stale: list[str] = []
    words: set[str] = set()
    showing: dict[str, Concept] = dict(valid)  # with their sentences' translations
    unknown: set[str] = set()  # concepts quoting a damaged sentence: translations not known
    for cid, concept in valid.items():
        if concept.contexts:
            try:
                concept = store.get(cid)
            except StoreError:
                unknown.add(cid)  # the damaged sentence is named above; its repair reindexes
                continue
        showing[cid] = concept
        if _indexed(conn, cid) != _expected(concept, words):
            stale.append(cid)
    # the terms are checked against the documents above, their search keys against them here
    stale = sorted(set(stale) | _keys_off(conn, store._layout))
    orphans = sorted({r[0] for table in ("terms", "subjects", "links", "citations")
                      for r in conn.execute(
        f"SELECT DISTINCT concept_id FROM {table} WHERE concept_id NOT IN "
        "(SELECT id FROM concepts)")})
    stray_keys = conn.execute("SELECT count(*) FROM keys WHERE term_id NOT IN "
                              "(SELECT id FROM terms)").fetchone()[0]
    reindex = _(_REINDEX)
    if stale:
        shown = ", ".join(stale[:10])
        if len(stale) > 10:
            shown = _("{ids} and {count} more").format(ids=shown, count=len(stale) - 10)
        yield Problem("index", None, ngettext(
            "the search index does not match the documents of {count} concept: {ids}",
            "the search index does not match the documents of {count} concepts: {ids}",
            len(stale)).format(count=len(stale), ids=shown), reindex)
    if orphans:
        yield Problem("index", None, _("the search index holds concepts that do not exist "
                                       "({ids})").format(ids=", ".join(orphans[:10])), reindex)
    if stray_keys:
        yield Problem("index", None, ngettext(
            "the search index holds {count} search key of terms that do not exist",
            "the search index holds {count} search keys of terms that do not exist",
            stray_keys).format(count=stray_keys), reindex)
    vocab = {r[0] for r in conn.execute("SELECT word FROM vocab")}
    if words - vocab:
        missing = len(words - vocab)
        yield Problem("index", None, ngettext(
            "{count} word missing from the typo vocabulary (e.g. '{word}')",
            "{count} words missing from the typo vocabulary (e.g. '{word}')", missing).format(
                count=missing, word=min(words - vocab)), reindex)
    if conn.execute("SELECT value FROM meta WHERE key = 'keys_version'").fetchone() != (
            str(KEYS_VERSION),):
        yield Problem("index", None, _("the search keys were made by another release"), reindex)
    if store._layout.coded and not _words_index_ok(conn):
        yield Problem("index", None, _("the word index (FTS5) does not match the terms"),
                      reindex)
    if not _text_words_ok(conn, showing, textindex.text_ids(conn, stale)
                          | textindex.text_ids(conn, unknown, "translation")):
        yield Problem("index", None, _("the full-text index (FTS5) does not match the "
                                       "definitions, notes and contexts"), reindex)


def _expected(concept: Concept, words: set[str]) -> tuple[Any, ...]:
    terms = []
    for lang, position, term in concept.iter_terms():
        k = term_keys(term.text, lang)
        terms.append((lang, position, term.text, k.folded, term.type.value,
                      term.status.value, int(term.reviewed)))
        words.update(w for w in f"{k.folded} {k.lemmas}".split() if fuzzy.max_edits(w))
    cited = [(i, *segments.key_of(c)) for i, c in enumerate(concept.contexts)]
    texts = [row for row, _words in textindex.rows(concept)]
    return (sorted(terms), sorted(concept.subjects), sorted(concept.related), sorted(cited),
            sorted(texts))


def _indexed(conn: Connection, concept_id: str) -> tuple[Any, ...]:
    terms = [(lang, position, text, text.casefold() if folded is None else folded,
              codes.word(codes.TYPES, type_), codes.word(codes.STATUSES, status), reviewed)
             for lang, position, text, folded, type_, status, reviewed in conn.execute(
                 "SELECT lang, position, text, folded, type, status, reviewed FROM terms "
                 "WHERE concept_id = ?", (concept_id,))]
    subjects = conn.execute("SELECT subject FROM subjects WHERE concept_id = ?",
                            (concept_id,)).fetchall()
    links = conn.execute("SELECT target FROM links WHERE concept_id = ?", (concept_id,)).fetchall()
    cited = [(position, source, lang, segments.key(text)) for position, source, lang, text in
             conn.execute(  # a text that does not decompress is named by _misfiled
                 "SELECT ci.position, s.source, s.lang, coalesce(sozdik_json(s.text), "
                 "json_extract(sozdik_json(c.doc), '$.contexts[' || ci.position || '].text')) "
                 "FROM citations ci JOIN segments s ON s.id = ci.segment_id JOIN concepts c "
                 "ON c.id = ci.concept_id WHERE ci.concept_id = ?", (concept_id,))]
    texts = textindex.stored_rows(conn, concept_id)
    return (sorted(terms), sorted(r[0] for r in subjects), sorted(r[0] for r in links),
            sorted(cited), sorted(texts))


def _keys_off(conn: Connection, layout: codes.Layout) -> set[str]:
    """The concepts whose terms lack a search key their text gives, or have one it does
    not, or one that says otherwise than its term what a lookup ranks it by (the keys are
    compared with those worked out again, in a temporary table)."""
    q = conn.execute
    q("CREATE TEMP TABLE doctor_keys (kind, key TEXT, term_id INTEGER, length INTEGER, "
      "PRIMARY KEY (kind, key, term_id)) WITHOUT ROWID")
    try:
        batch: list[tuple[int | str, str, int, int | None]] = []
        for term_id, text, lang in q("SELECT id, text, lang FROM terms"):
            found = term_keys(text, lang)
            # (the length of the folded text where the key is not that text: index.py)
            batch += [(layout.kind(kind), key, term_id,
                       None if key == found.folded else len(found.folded))
                      for kind, key in found.keys]
            if len(batch) >= 10_000:
                conn.executemany("INSERT OR IGNORE INTO temp.doctor_keys VALUES (?, ?, ?, ?)",
                                 batch)
                batch = []
        conn.executemany("INSERT OR IGNORE INTO temp.doctor_keys VALUES (?, ?, ?, ?)", batch)
        # since schema 12 a key covers its term's ranking: compared with the term's row
        stored, expected = "kind, key, term_id", "d.kind, d.key, d.term_id"
        if layout.covering:
            stored += ", concept_id, lang, position, type, status, length"
            expected += ", t.concept_id, t.lang, t.position, t.type, t.status, d.length"
        rows = q("SELECT DISTINCT t.concept_id FROM terms t JOIN ("
                 f"SELECT * FROM (SELECT {stored} FROM main.keys "
                 f"EXCEPT SELECT {expected} FROM temp.doctor_keys d "
                 "JOIN terms t ON t.id = d.term_id) UNION ALL "
                 f"SELECT * FROM (SELECT {expected} FROM temp.doctor_keys d "
                 "JOIN terms t ON t.id = d.term_id "
                 f"EXCEPT SELECT {stored} FROM main.keys)) d ON t.id = d.term_id")
        return {r[0] for r in rows}
    finally:
        q("DROP TABLE IF EXISTS temp.doctor_keys")


def _words_index_ok(conn: Connection) -> bool:
    """Does the word index of terms hold exactly the words of every term? (Contentless:
    the words worked out again from each term's text, as index.py does, are compared
    with it token by token; see :func:`_same_words`.)"""
    from .index import term_words  # the write path's: doctor only

    def expected() -> Iterator[tuple[int, str, str]]:
        for term_id, text, lang in conn.execute("SELECT id, text, lang FROM terms ORDER BY id"):
            yield (term_id, *term_words(term_keys(text, lang)))

    return _same_words(conn, "main", "term_words", ("folded", "lemmas"), expected())


def _text_words_ok(conn: Connection, concepts: dict[str, Concept], skipped: set[int]) -> bool:
    """Does the full-text index hold exactly the words and stems of every text?

    Its words are kept nowhere else (contentless, see textindex.py): those worked
    out again from each text the concepts show are compared with it
    (:func:`_same_words`), but the ``skipped`` texts (of concepts named stale already,
    and translations quoting a damaged sentence).
    """
    schema = "temp" if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = "
                                    "'text_words'").fetchone() else "main"
    return _same_words(conn, schema, "text_words", ("words", "stems"),
                       (row for row in textindex.expected_words(conn, concepts)
                        if row[0] not in skipped), skipped)


def _tokenizer(conn: Connection, schema: str, index: str) -> str:
    """The tokenizer an FTS5 index was declared with."""
    sql = conn.execute(f"SELECT sql FROM {schema}.sqlite_master WHERE name = ?",
                       (index,)).fetchone()[0]
    found = _TOKENIZE.search(sql)
    assert found is not None, sql  # every FTS5 index of the store names its tokenizer
    return found.group(1)


_TOKENIZE = re.compile(r"tokenize\s*=\s*'([^']*)'")


def _same_words(conn: Connection, schema: str, index: str, columns: tuple[str, str],
                rows: Iterable[tuple[int, str, str]], skipped: Iterable[int] = ()) -> bool:
    """Does the contentless FTS5 ``index`` hold exactly the words of ``rows`` (id and
    columns), but those of the ``skipped`` ids? FTS5's own check cannot compare a
    contentless index with anything: the rows are indexed afresh in a temporary
    table, and the two indexes compared token by token (fts5vocab instances: word,
    row, column, offset)."""
    q = conn.execute
    names = ", ".join(columns)
    # indexed as the index was (schema 11 on: ascii; before, unicode61, which splits the
    # rows' words, already split where it would, no further: fulltext.for_index)
    q(f"CREATE VIRTUAL TABLE temp.doctor_words USING fts5({names}, content='', "
      f"tokenize='{_tokenizer(conn, schema, index)}')")
    try:
        q("CREATE VIRTUAL TABLE temp.doctor_have USING fts5vocab("
          f"{schema}, {index}, instance)")
        q("CREATE VIRTUAL TABLE temp.doctor_want USING fts5vocab(temp, doctor_words, instance)")
        insert = f"INSERT INTO temp.doctor_words (rowid, {names}) VALUES (?, ?, ?)"
        batch: list[tuple[int, str, str]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 5000:
                conn.executemany(insert, batch)
                batch = []
        conn.executemany(insert, batch)
        q("CREATE TEMP TABLE doctor_skipped (id INTEGER PRIMARY KEY)")
        conn.executemany("INSERT INTO temp.doctor_skipped VALUES (?)", [(i,) for i in skipped])
        differ = q("SELECT EXISTS (SELECT * FROM temp.doctor_have WHERE doc NOT IN (SELECT id "
                   "FROM temp.doctor_skipped) EXCEPT SELECT * FROM temp.doctor_want) OR EXISTS "
                   "(SELECT * FROM temp.doctor_want EXCEPT SELECT * FROM temp.doctor_have)"
                   ).fetchone()[0]
    finally:
        for table in ("doctor_have", "doctor_want", "doctor_words", "doctor_skipped"):
            q(f"DROP TABLE IF EXISTS temp.{table}")
    return not differ
