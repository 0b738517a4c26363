"""The small integers the derived tables keep for words (schema 10 on).

A search key's kind, a term's type and status and a text's field are each one
of a few words, repeated on hundreds of thousands of rows: the tables keep
their index in these tuples (an integer of one byte, or none for 0 and 1),
and the reads map them back, so what the store's API returns is the same
words. The tuples are part of the file format: a new word is appended, never
inserted. A term's status is stored as its rank (preferred first), so results
sort by it as they are.

Stores written before schema 10 kept the words themselves; a read-only one is
read as it is (:func:`word` passes a word through), its queries given words
(:class:`Layout`).
"""

from __future__ import annotations

#: the kinds of search key (text/keys.py)
KINDS = ("exact", "translit", "lemma")
#: term types (model.TermType), in the order of the model's enum
TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
#: term statuses (model.TermStatus): the code is the status's rank
STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
#: where a piece of running text sits in a concept (textindex.py)
FIELDS = ("definition", "note", "term-note", "context", "translation")

KIND_CODES = {kind: code for code, kind in enumerate(KINDS)}
TYPE_CODES = {name: code for code, name in enumerate(TYPES)}
FIELD_CODES = {name: code for code, name in enumerate(FIELDS)}


def word(words: tuple[str, ...], value: int | str) -> str:
    """The word a stored value stands for (a store before schema 10 kept the word)."""
    return words[value] if isinstance(value, int) else value


class Layout:
    """How a store's derived tables keep their words: the values its queries compare
    with, and the column results are ranked by. ``covering``: its search keys carry what
    a lookup ranks them by (schema 12, :data:`COVERING`)."""

    __slots__ = ("coded", "covering")

    def __init__(self, coded: bool, covering: bool | None = None) -> None:
        self.coded = coded
        self.covering = coded if covering is None else covering

    def kind(self, kind: str) -> int | str:
        return KIND_CODES[kind] if self.coded else kind

    def field(self, field: str) -> int | str:
        return FIELD_CODES[field] if self.coded else field

    @property
    def text(self) -> str:
        """What a query of ``texts t`` reads for a passage: none since schema 10 (the
        concept holds it); before, our translations of quotations were kept."""
        return "NULL" if self.coded else "t.text"

    @property
    def status_rank(self) -> str:
        """The column of ``terms`` holding a status's rank."""
        return "status" if self.coded else "status_rank"


CODED = Layout(True)
#: schemas 10 and 11: codes, but search keys that do not cover their terms' ranking
UNCOVERED = Layout(True, covering=False)
WORDS = Layout(False)


#: Schema 9: the terms, their search keys and their word index with codes for words
#: (rebuilt on open: the keys' version is forgotten; ``texts``: textindex.CODED). A term keeps ``folded`` only
#: where it is not the text casefolded, and no lemmas: the word index is contentless
#: (see index.py), without column sizes (nothing ranks its matches).
MIGRATION = """
    DROP TRIGGER IF EXISTS terms_added;
    DROP TRIGGER IF EXISTS terms_removed;
    DROP TABLE IF EXISTS term_words;
    DROP TABLE IF EXISTS keys;
    DROP TABLE IF EXISTS terms;
    CREATE TABLE terms (
        id INTEGER PRIMARY KEY, concept_id TEXT NOT NULL, lang TEXT NOT NULL,
        position INTEGER NOT NULL, text TEXT NOT NULL, folded TEXT, type INTEGER NOT NULL,
        status INTEGER NOT NULL, reviewed INTEGER NOT NULL,
        UNIQUE (concept_id, lang, position));
    CREATE INDEX terms_unreviewed ON terms (reviewed) WHERE reviewed = 0;
    CREATE TABLE keys (
        kind INTEGER NOT NULL, key TEXT NOT NULL, term_id INTEGER NOT NULL,
        PRIMARY KEY (kind, key, term_id)) WITHOUT ROWID;
    CREATE VIRTUAL TABLE term_words USING fts5(
        folded, lemmas, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0');
    DELETE FROM meta WHERE key = 'keys_version';
"""


#: Schema 12: each search key carries what a lookup ranks its term by (the term's concept,
#: language, position, type and status, as ``terms`` holds them, and the length of its
#: folded text where the key is not that text: NULL for an exact key), so that ranking
#: the candidates of a key reads the key's own leaves (a WITHOUT ROWID table keeps its
#: columns beside its key) and ``terms`` only for the few rows kept. Before, every
#: candidate (up to 80 for an acronym) was joined to its term, each on a leaf of its own.
#: The keys of before are kept aside, to be given what they cover from their terms
#: (index.cover_keys): the other derived tables stay as they are.
COVERING = """
    ALTER TABLE keys RENAME TO keys_uncovered;
    CREATE TABLE keys (
        kind INTEGER NOT NULL, key TEXT NOT NULL, term_id INTEGER NOT NULL,
        concept_id TEXT NOT NULL, lang TEXT NOT NULL, position INTEGER NOT NULL,
        type INTEGER NOT NULL, status INTEGER NOT NULL, length INTEGER,
        PRIMARY KEY (kind, key, term_id)) WITHOUT ROWID;
"""
