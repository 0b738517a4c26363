"""The store's full-text index of definitions, notes and contexts.

One row of ``texts`` per piece of running text a concept holds (a
definition, a language's usage note, a term's note, a quoted context, our
translation of one); ``text_words`` is an FTS5 index of its folded words and
their stems. :class:`~glossary.store.Store` calls :func:`index` and
:func:`unindex` whenever it writes a concept, so the index always says what
the documents say. ``texts.reviewed`` also tells the review queue which
contexts are proposals (see ``Glossary.review_queue``).

Since schema 7 each text is held once: its words and stems live only in
FTS5's inverted index (contentless), and ``texts`` says only where each text
is (schema 10: its field as a code, codes.py). Searches read the passage from
the concept (:func:`text_of`). A contentless FTS5 row is deleted by giving it
the values it was indexed with, so :func:`unindex` works them out again from
the texts of the concept as it was indexed (``text_words`` is a pure function
of the text and its language; a change to it bumps ``FULLTEXT_VERSION``,
which rebuilds the index). Our translations of quotations live with their
sentences (segments.py), which other concepts quote too: before a sentence's
translations change, the store unindexes the texts of every concept quoting
it (as they still show), and indexes them again after (until schema 8 they
were copied here for that). When the texts are not known (a document or a
sentence changed outside Sozdik) the old words stay in the index, under an id
no text gets again, and the index is rebuilt on the next open (doctor names
it meanwhile).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..model import Concept
from ..records import record
from ..text.fulltext import (
    FULLTEXT_VERSION,
    TOKENIZER,
    QueryWord,
    for_index,
    text_words,
    words_and_stems,
)
from .codes import CODED as _CODED
from .codes import FIELD_CODES, WORDS, Layout
from .codes import FIELDS as FIELDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .connection import Connection

#: The schema migration that creates the index (appended to the store's migrations).
MIGRATION = """
    CREATE TABLE texts (
        id INTEGER PRIMARY KEY, concept_id TEXT NOT NULL, field TEXT NOT NULL,
        lang TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL,
        words TEXT NOT NULL, stems TEXT NOT NULL, reviewed INTEGER NOT NULL);
    CREATE INDEX texts_by_concept ON texts (concept_id);
    CREATE INDEX texts_unreviewed ON texts (reviewed) WHERE reviewed = 0;
    CREATE VIRTUAL TABLE text_words USING fts5(
        words, stems, content='texts', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0');
    CREATE TRIGGER texts_added AFTER INSERT ON texts BEGIN
        INSERT INTO text_words (rowid, words, stems) VALUES (new.id, new.words, new.stems);
    END;
    CREATE TRIGGER texts_removed AFTER DELETE ON texts BEGIN
        INSERT INTO text_words (text_words, rowid, words, stems)
        VALUES ('delete', old.id, old.words, old.stems);
    END;
"""
#: Schema 7: the same index, contentless (see above); filled on open, since the
#: full-text version is forgotten. Stores of schemas 4 to 6 read as they are
#: (their external-content index answers the same queries).
COMPACT = """
    DROP TRIGGER IF EXISTS texts_added;
    DROP TRIGGER IF EXISTS texts_removed;
    DROP TABLE IF EXISTS text_words;
    DROP TABLE IF EXISTS texts;
    CREATE TABLE texts (
        id INTEGER PRIMARY KEY, concept_id TEXT NOT NULL, field TEXT NOT NULL,
        lang TEXT NOT NULL, position INTEGER NOT NULL, text TEXT,
        reviewed INTEGER NOT NULL);
    CREATE INDEX texts_by_concept ON texts (concept_id);
    CREATE INDEX texts_unreviewed ON texts (reviewed) WHERE reviewed = 0;
    CREATE VIRTUAL TABLE text_words USING fts5(
        words, stems, content='', tokenize='unicode61 remove_diacritics 0');
    DELETE FROM meta WHERE key = 'fulltext_version';
"""
#: Schema 9: the same, each text's field as a code (codes.py), and no text kept (see
#: above); filled on open.
CODED = """
    DROP TABLE IF EXISTS text_words;
    DROP TABLE IF EXISTS texts;
    CREATE TABLE texts (
        id INTEGER PRIMARY KEY, concept_id TEXT NOT NULL, field INTEGER NOT NULL,
        lang TEXT NOT NULL, position INTEGER NOT NULL, reviewed INTEGER NOT NULL);
    CREATE INDEX texts_by_concept ON texts (concept_id);
    CREATE INDEX texts_unreviewed ON texts (reviewed) WHERE reviewed = 0;
    CREATE VIRTUAL TABLE text_words USING fts5(
        words, stems, content='', tokenize='unicode61 remove_diacritics 0');
    DELETE FROM meta WHERE key = 'fulltext_version';
"""
#: Schema 11: the same index read by FTS5's ``ascii`` tokenizer, given the words as
#: ``unicode61`` splits them (fulltext.for_index): the same tokens, in a third less CPU;
#: filled on open. A read-only store of an older schema answers as before (its queries'
#: words are split the same way, which unicode61 splits no further).
ASCII = f"""
    DROP TABLE IF EXISTS text_words;
    CREATE VIRTUAL TABLE text_words USING fts5(
        words, stems, content='', tokenize='{TOKENIZER}');
    DELETE FROM meta WHERE key = 'fulltext_version';
"""
_CREATE = (CODED[CODED.index("    CREATE TABLE"):CODED.index("    CREATE VIRTUAL TABLE")]
           + ASCII[ASCII.index("    CREATE VIRTUAL TABLE"):ASCII.index("    DELETE FROM meta")])
#: The same tables in the connection's temporary schema: a read-only store of
#: a schema before 4 gets its index there, built when it is opened.
TEMPORARY = (_CREATE.replace("CREATE TABLE ", "CREATE TEMP TABLE ")
             .replace("CREATE VIRTUAL TABLE ", "CREATE VIRTUAL TABLE temp.")
             .replace("CREATE INDEX ", "CREATE INDEX temp."))
META_KEY = "fulltext_version"
#: the meta key holding the id the next text gets (ids are never given twice)
NEXT_TEXT = "next_text_id"

# FIELDS (codes.py): where a piece of text sits in a concept. ``position`` is the term's
# index for a term note and the context's index for a context or its translation.
#: What ``lookup --in`` names, and the fields each name searches.
SCOPES: dict[str, tuple[str, ...]] = {
    "definitions": ("definition",),
    "notes": ("note", "term-note"),
    "contexts": ("context", "translation"),
    "all": FIELDS,
}
#: texts written per statement when the whole index is filled
_BATCH = 10_000
#: bm25 weights of the columns: a word as written counts more than a shared stem
_WEIGHTS = (2.0, 1.0)


@record(frozen=True)
class TextRow:
    concept_id: str
    field: str
    lang: str
    position: int
    #: None: the concept shows it (:func:`text_of`); a store before schema 10 kept our
    #: translations of quotations
    text: str | None
    #: FTS5's bm25 score: lower is better
    score: float


def pieces(concept: Concept) -> list[tuple[str, str, int, str, bool]]:
    """(field, lang, position, text, reviewed) of every indexed text of ``concept``
    (:func:`walk`)."""
    return walk([(lang, section.definition, section.note, [term.note for term in section.terms])
                 for lang, section in concept.langs.items()],
                [(ctx.lang, ctx.text, ctx.reviewed, ctx.translations) for ctx in concept.contexts])


#: what :func:`walk` reads of a language of a concept: (lang, definition, note, each of
#: its terms' notes), each text None or empty where there is none
SectionTexts = tuple[str, "str | None", "str | None", Sequence["str | None"]]
#: and of a context: (lang, text, reviewed, our translations of it by language)
ContextTexts = tuple[str, str, bool, Mapping[str, str]]


def walk(sections: Iterable[SectionTexts], contexts: Iterable[ContextTexts]
         ) -> list[tuple[str, str, int, str, bool]]:
    """The indexed texts of a concept given as plain values, as (field, lang, position,
    text, reviewed): the one rule of which texts the index holds and in which order (each
    language's definition, note and terms' notes, the languages in the concept's own
    order; then each context followed by our translations of it). A concept's
    (:func:`pieces`) and its stored document's (``worker.parts_of``, which the import's
    worker reads) come through here."""
    out: list[tuple[str, str, int, str, bool]] = []
    add = out.append
    for lang, definition, note, term_notes in sections:
        if definition:
            add(("definition", lang, 0, definition, True))
        if note:
            add(("note", lang, 0, note, True))
        for position, text in enumerate(term_notes):
            if text:
                add(("term-note", lang, position, text, True))
    for position, (lang, text, reviewed, translations) in enumerate(contexts):
        add(("context", lang, position, text, reviewed))
        for other, translated in translations.items():
            add(("translation", other, position, translated, reviewed))
    return out


def text_of(concept: Concept, field: str, lang: str, position: int) -> str | None:
    """The text of ``concept`` at a place of the index (None: it has none there)."""
    for where, at_lang, at, text, _reviewed in pieces(concept):
        if (where, at_lang, at) == (field, lang, position):
            return text
    return None


def rows(concept: Concept) -> Iterable[tuple[tuple[object, ...], tuple[str, str]]]:
    """The ``texts`` rows of ``concept`` (without their ids), each with the words and
    stems ``text_words`` indexes for it."""
    cid = concept.id
    for field, lang, position, text, reviewed in pieces(concept):
        yield ((cid, FIELD_CODES[field], lang, position, int(reviewed)),
               words_and_stems(text, lang))


#: the tables :func:`insert` writes, with their columns (index.py writes them too)
TEXTS_TABLE = "texts (id, concept_id, field, lang, position, reviewed)"
WORDS_TABLE = "text_words (rowid, words, stems)"


def insert(conn: Connection, rows: Sequence[tuple[object, ...]],
           words: Sequence[tuple[object, str, str]]) -> None:
    """Insert ``texts`` rows, each with its id first, and their words (id, words, stems)."""
    conn.executemany("INSERT INTO texts (id, concept_id, field, lang, position, reviewed) "
                     "VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO text_words (rowid, words, stems) VALUES (?, ?, ?)", words)


def index(conn: Connection, concept: Concept) -> None:
    found = list(rows(concept))
    if not found:
        return
    first = next_id(conn)
    insert(conn, [(first + i, *row) for i, (row, _) in enumerate(found)],
           [(first + i, *words) for i, (_, words) in enumerate(found)])
    set_next_id(conn, first + len(found))


def next_id(conn: Connection) -> int:
    """The id the next text gets: past every id given so far."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (NEXT_TEXT,)).fetchone()
    return max((conn.execute("SELECT max(id) FROM texts").fetchone()[0] or 0) + 1,
               int(row[0]) if row else 0)


def set_next_id(conn: Connection, text_id: int) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (NEXT_TEXT, str(text_id)))


def unindex(conn: Connection, concept_id: str, indexed: Concept | None) -> None:
    """Remove the concept's texts, and their words from the contentless index.

    ``indexed``: the concept as it was indexed (None: not known), whose texts
    give the words to delete. A text not known leaves its words in the index
    (no later text gets its id: the search never shows them) and forgets the
    index's version, so that the next open rebuilds it.
    """
    gone = conn.execute("SELECT id, field, lang, position FROM texts WHERE "
                        "concept_id = ?", (concept_id,)).fetchall()
    if not gone:
        return
    known = {(field, lang, position): text for field, lang, position, text, _reviewed
             in (pieces(indexed) if indexed is not None else ())}
    words = []
    for text_id, field, lang, position in gone:
        text = known.get((_field(field), lang, position))
        if text is None:
            conn.execute("DELETE FROM meta WHERE key = ?", (META_KEY,))
            continue
        words.append(_indexed(text_id, text, lang))
    conn.executemany("INSERT INTO text_words (text_words, rowid, words, stems) "
                     "VALUES ('delete', ?, ?, ?)", words)
    conn.execute("DELETE FROM texts WHERE concept_id = ?", (concept_id,))


def stored_rows(conn: Connection, concept_id: str) -> list[tuple[object, ...]]:
    """The concept's ``texts`` rows as :func:`rows` makes them (before schema 10 the
    field is a word)."""
    return [(cid, FIELD_CODES.get(field, field), *rest) for cid, field, *rest in conn.execute(
        "SELECT concept_id, field, lang, position, reviewed FROM texts "
        "WHERE concept_id = ?", (concept_id,))]


def expected_words(conn: Connection, concepts: dict[str, Concept]
                   ) -> Iterable[tuple[int, str, str]]:
    """(id, words, stems) that the index should hold for every row of ``texts`` of
    these concepts (as they show, with their translations)."""
    for text_id, concept_id, field, lang, position in conn.execute(
            "SELECT id, concept_id, field, lang, position FROM texts ORDER BY id"):
        text = (text_of(concepts[concept_id], _field(field), lang, position)
                if concept_id in concepts else None)
        if text is not None:
            yield _indexed(text_id, text, lang)


def text_ids(conn: Connection, concept_ids: Iterable[str],
             field: str | None = None) -> set[int]:
    """The ids of the texts of these concepts (of one field, or all)."""
    out: set[int] = set()
    for concept_id in concept_ids:
        out.update(text_id for text_id, at in conn.execute(
            "SELECT id, field FROM texts WHERE concept_id = ?", (concept_id,))
            if field is None or _field(at) == field)
    return out


def _indexed(text_id: int, text: str, lang: str) -> tuple[int, str, str]:
    indexed = text_words(text, lang)
    return text_id, indexed.words, indexed.stems


def current(conn: Connection) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return row is not None and row[0] == str(FULLTEXT_VERSION)


def rebuild(conn: Connection, concepts: Iterable[Concept]) -> None:
    """Index every concept again (after the migration, or when the stemming changed)."""
    conn.execute("DELETE FROM meta WHERE key = ?", (NEXT_TEXT,))  # the index is emptied
    fill(conn, concepts)
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (META_KEY, str(FULLTEXT_VERSION)))


def fill(conn: Connection, concepts: Iterable[Concept]) -> None:
    """Empty the index and index ``concepts`` (also a read-only store's temporary one)."""
    conn.execute("DELETE FROM texts")
    conn.execute("INSERT INTO text_words (text_words) VALUES ('delete-all')")
    texts: list[tuple[object, ...]] = []
    words: list[tuple[object, str, str]] = []
    text_id = 0
    for concept in concepts:
        for row, indexed in rows(concept):
            text_id += 1
            texts.append((text_id, *row))
            words.append((text_id, *indexed))
        if len(texts) >= _BATCH:
            insert(conn, texts, words)
            texts, words = [], []
    insert(conn, texts, words)


def match(conn: Connection, query: Sequence[QueryWord], *, fields: Sequence[str],
          lang: str | None = None, limit: int = 100, layout: Layout = _CODED) -> list[TextRow]:
    """Texts holding every query word (as written or through a shared lemma), best first."""
    groups = []
    for word in query:
        alternatives = [f"words : {_quote(word.word)}"]
        lemmas = [_quote(x) for x in (word.word, *word.lemmas)]
        alternatives.append(f"stems : ({' OR '.join(lemmas)})")
        if word.lemmas:
            alternatives.append(f"words : ({' OR '.join(_quote(x) for x in word.lemmas)})")
        groups.append("(" + " OR ".join(alternatives) + ")")
    if not groups:
        return []
    sql = (f"SELECT t.concept_id, t.field, t.lang, t.position, {layout.text}, "
           f"bm25(text_words, {_WEIGHTS[0]}, {_WEIGHTS[1]}) AS score "
           f"FROM text_words JOIN texts t ON t.id = text_words.rowid "
           f"WHERE text_words MATCH ? AND t.field IN ({','.join('?' * len(fields))})")
    params: list[object] = [" AND ".join(groups), *(layout.field(f) for f in fields)]
    if lang:
        sql += " AND t.lang = ?"
        params.append(lang)
    rows = conn.execute(sql + " ORDER BY score LIMIT ?", (*params, limit))
    return [TextRow(cid, _field(field), *rest) for cid, field, *rest in rows]


def unreviewed_contexts(conn: Connection, layout: Layout = _CODED
                        ) -> list[tuple[str, str, int, str | None]]:
    """(concept id, lang, position, text) of every context awaiting review (text None:
    the concept's document holds it)."""
    return conn.execute(
        f"SELECT t.concept_id, t.lang, t.position, {layout.text} FROM texts t "
        "WHERE t.reviewed = 0 AND t.field = ? ORDER BY t.concept_id, t.position",
        (layout.field("context"),)).fetchall()


def count_unreviewed_contexts(conn: Connection, layout: Layout = _CODED) -> int:
    return conn.execute("SELECT count(*) FROM texts WHERE reviewed = 0 AND field = ?",
                        (layout.field("context"),)).fetchone()[0]


def layout(conn: Connection) -> Layout:
    """How the store's ``texts`` keeps fields (as words before schema 10)."""
    declared = {row[1]: row[2] for row in conn.execute("PRAGMA table_info(texts)")}
    return _CODED if declared.get("field", "").upper() == "INTEGER" else WORDS


def _field(value: int | str) -> str:
    return FIELDS[value] if isinstance(value, int) else value


def _quote(word: str) -> str:
    """A query word as an FTS5 string, split as the index's words are (for_index)."""
    return '"' + for_index(word).replace('"', '""') + '"'
