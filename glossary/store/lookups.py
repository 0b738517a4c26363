"""The search primitives: terms found by their search keys, by the words of the word
index, fuzzy candidates from the vocabulary, texts from the full-text index, and the
labels of result lists (ranking lives in glossary.search)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..records import Fixed
from ..text.fulltext import for_index
from . import codes, textindex, warm
from .base import StoreBase
from .reading import _lang_rank

TYPE_CHECKING = False
if TYPE_CHECKING:  # (a lookup does not load typing)
    from typing import Any

    from . import resident


class KeyMatch(Fixed):
    """A term found through an index, and the key that found it (what search ranks)."""

    __slots__ = ("concept_id", "lang", "position", "text", "folded", "type", "status", "kind",
                 "key")
    concept_id: str
    lang: str
    position: int
    text: str
    folded: str
    type: str
    status: str
    kind: str
    key: str

    def __init__(self, concept_id: str, lang: str, position: int, text: str, folded: str,
                 type: str, status: str, kind: str, key: str) -> None:  # noqa: A002
        init = object.__setattr__  # the fields are read-only
        init(self, "concept_id", concept_id)
        init(self, "lang", lang)
        init(self, "position", position)
        init(self, "text", text)
        init(self, "folded", folded)
        init(self, "type", type)
        init(self, "status", status)
        init(self, "kind", kind)
        init(self, "key", key)


#: a candidate row of a lookup, as ranked (glossary.search): the term's concept, language,
#: position, id and the length of its folded text, its type and status (codes, or the words
#: of a store before schema 10), the key's kind and the key (a word match's: the term's
#: folded text). The term's text is read only for the rows kept (:meth:`Lookups.matches`)
KeyRow = tuple[str, str, int, int, int, "int | str", "int | str", "int | str", str]
#: a search key's candidate row, read from the key alone (schema 12: codes.COVERING)
_COVERED = ("k.concept_id, k.lang, k.position, k.term_id, coalesce(k.length, length(k.key)), "
            "k.type, k.status, k.kind, k.key")
#: a term's columns where its row is read (a word match, an older store's key)
_TERM_COLUMNS = "t.concept_id, t.lang, t.position, t.id, t.text, t.folded, t.type, t.status"


def key_match(concept_id: str, lang: str, position: int, text: str, folded: str | None,
              type: int | str, status: int | str, kind: int | str,  # noqa: A002
              key: str | None) -> KeyMatch:
    """A term's row found by a key (codes mapped back to words; the folded text kept only
    where it is not the text casefolded; key None: the folded text)."""
    folded = text.casefold() if folded is None else folded
    # the codes mapped by dictionary: a code maps to its word, a store of words gives its
    # word, a word either way (no cast: a call per row; a lookup makes only its hits here)
    return KeyMatch(concept_id, lang, position, text, folded,
                    _TYPE_WORD.get(type, type),  # type: ignore[arg-type]
                    _STATUS_WORD.get(status, status),  # type: ignore[arg-type]
                    _KIND_WORD.get(kind, kind),  # type: ignore[arg-type]
                    folded if key is None else key)


def _candidates(rows: list[tuple[Any, ...]]) -> list[KeyRow]:
    """Rows of :data:`_TERM_COLUMNS` (a word match's), or of them, the key's kind and the
    key (an older store's key), as candidate rows (:data:`KeyRow`)."""
    out: list[KeyRow] = []
    for cid, lang, position, term_id, text, folded, type_, status, *found in rows:
        folded = text.casefold() if folded is None else folded
        kind, key = found if found else ("word", folded)
        out.append((cid, lang, position, term_id, len(folded), type_, status, kind, key))
    return out


# an older store's word is not a key of these, and maps to itself
_TYPE_WORD: dict[int | str, str] = dict(enumerate(codes.TYPES))
_STATUS_WORD: dict[int | str, str] = dict(enumerate(codes.STATUSES))
_KIND_WORD: dict[int | str, str] = dict(enumerate(codes.KINDS))


def _fts_quote(word: str) -> str:
    # split as the index's words are (fulltext.for_index)
    return '"' + for_index(word).replace('"', '""') + '"'


class Lookups(StoreBase):
    """Index lookups for glossary.search: each a few index pages, never a table scan."""

    def match_keys(self, kind: str, keys: Sequence[str], *, prefix: bool = False,
                   lang: str | None = None, limit: int = 100) -> list[KeyMatch]:
        """Terms with a ``kind`` key equal to one of ``keys`` (or starting with it).

        Index lookups on (kind, key): a range scan for a prefix, never a table scan.
        A prefix's rows come in key order: the key itself first, then the
        shortest completions (the index's own order: nothing is sorted).
        """
        return [m for m in self.matches(self.key_rows(kind, keys, prefix=prefix, lang=lang,
                                                      limit=limit)) if m is not None]

    def key_rows(self, kind: str, keys: Sequence[str], *, prefix: bool = False,
                 lang: str | None = None, limit: int = 100) -> list[KeyRow]:
        """:meth:`match_keys`' rows as candidates (:data:`KeyRow`), for a lookup, which ranks
        many and keeps a few (:meth:`matches` reads their terms). Since schema 12 the
        keys' own rows (their leaves, side by side) hold all a lookup ranks by."""
        if prefix:
            where = " OR ".join("(k.key >= ? AND k.key < ?)" for _ in keys)
            params: list[object] = [p for key in keys for p in (key, key + "\U0010ffff")]
        else:
            where = f"k.key IN ({','.join('?' * len(keys))})"
            params = list(keys)
        covering = self._layout.covering
        sql = (f"SELECT {_COVERED} FROM keys k" if covering else
               f"SELECT {_TERM_COLUMNS}, k.kind, k.key FROM keys k "
               "JOIN terms t ON t.id = k.term_id")
        sql += f" WHERE k.kind = ? AND ({where})"
        if lang:
            sql += " AND k.lang = ?" if covering else " AND t.lang = ?"
        if prefix:
            sql += " ORDER BY k.key, k.term_id"
        rows = self._conn.execute(sql + " LIMIT ?", (self._layout.kind(kind), *params,
                                                     *([lang] if lang else []), limit)).fetchall()
        return rows if covering else _candidates(rows)

    def matches(self, rows: Sequence[KeyRow]) -> list[KeyMatch | None]:
        """The candidate rows (of :meth:`key_rows` or :meth:`word_rows`) as matches, their
        terms read by id (one statement: the leaves of ``terms`` these rows are on); None
        for a row whose term is gone (a key left behind: ``glossary doctor`` names it)."""
        ids = list({row[3] for row in rows})
        terms: dict[int, tuple[str, str | None]] = {}
        if ids:
            terms = {term_id: (text, folded) for term_id, text, folded in self._conn.execute(
                f"SELECT id, text, folded FROM terms WHERE id IN ({','.join('?' * len(ids))})",
                ids)}
        out: list[KeyMatch | None] = []
        for cid, lang, position, term_id, _length, type_, status, kind, key in rows:
            term = terms.get(term_id)
            out.append(None if term is None else key_match(
                cid, lang, position, term[0], term[1], type_, status, kind, key))
        return out

    def match_words(self, alternatives: Sequence[Sequence[str]], *, last_prefix: str | None = None,
                    lang: str | None = None, limit: int = 100) -> list[KeyMatch]:
        """Terms holding, for each entry of ``alternatives``, one of its words.

        ``last_prefix`` adds a word that only has to start the term's word
        (search as you type). The FTS5 word index answers without a scan.
        """
        return [m for m in self.matches(self.word_rows(alternatives, last_prefix=last_prefix,
                                                       lang=lang, limit=limit)) if m is not None]

    def word_rows(self, alternatives: Sequence[Sequence[str]], *,
                  last_prefix: str | None = None, lang: str | None = None,
                  limit: int = 100) -> list[KeyRow]:
        """:meth:`match_words`' rows as candidates (see :meth:`key_rows`; the key of each:
        its term's folded text)."""
        groups = ["(" + " OR ".join(_fts_quote(w) for w in words) + ")"
                  for words in alternatives if words]
        if last_prefix:
            groups.append(_fts_quote(last_prefix) + " *")
        if not groups:
            return []
        sql = (f"SELECT {_TERM_COLUMNS} FROM term_words w "
               f"JOIN terms t ON t.id = w.rowid WHERE term_words MATCH ?")
        if lang:
            sql += " AND t.lang = ?"
        return _candidates(self._conn.execute(sql + " LIMIT ?", (
            " AND ".join(groups), *([lang] if lang else []), limit)).fetchall())

    def warm_up(self) -> int:
        """Read the interior pages of the b-trees a lookup walks into this connection's page
        cache, and make the cache large enough to keep them (:data:`warm.CACHE_KIB`): for
        a process that will look up many times (a server's, the TUI's). A cold lookup then
        reads from the disk only the leaves its answer is on; the interior pages (~11 MB
        at 1M concepts) are the process's own memory, which the machine's memory reclaim
        never pages out (it drops page-cache pages untouched for a while). SQLite empties
        the cache when another connection writes: the next lookup warms it up again. How
        many seeks it took: one per page above the leaves. Lookups find what they found
        before.
        """
        seeks = warm.interior_pages(self._conn, self._path)
        self._warmed = warm.version(self._conn)
        return seeks

    def keep_cached(self, every: float | None = None) -> resident.Keeper:
        """Start a process that reads the pages of the b-trees a lookup walks every
        ``every`` seconds (:data:`resident.EVERY` when None), so that the system keeps
        them cached however long no lookup needed them (resident.py); it stops when the
        store closes. Started once: asked again, the same keeper."""
        from . import resident  # (a lookup that keeps nothing cached loads none of it)

        if self._keeper is None:
            self._keeper = resident.Keeper(
                self._path, resident.EVERY if every is None else every).start()
        return self._keeper

    def similar_words(self, deletions: Iterable[str]) -> list[str]:
        """Vocabulary words sharing one of ``deletions`` (fuzzy candidates, unverified)."""
        dels = list(deletions)
        rows = self._conn.execute(
            f"SELECT DISTINCT word FROM vocab_deletes WHERE del IN ({','.join('?' * len(dels))})",
            dels)
        return [r[0] for r in rows]

    def labels(self, concept_ids: Iterable[str]) -> dict[str, dict[str, str]]:
        """For each concept, its preferred term per language (for result lists)."""
        ids = list(dict.fromkeys(concept_ids))
        out: dict[str, dict[str, str]] = {cid: {} for cid in ids}
        if not ids:
            return out
        # the rows come in the unique index's order (concept, language, position): the
        # best status is picked here, not by SQLite sorting them again
        best: dict[tuple[str, str], tuple[int, str]] = {}
        for cid, lang, rank, text in self._conn.execute(
                f"SELECT concept_id, lang, {self._layout.status_rank}, text FROM terms "
                f"WHERE concept_id IN ({','.join('?' * len(ids))}) ORDER BY concept_id, lang, "
                "position", ids).fetchall():
            if (cid, lang) not in best or rank < best[cid, lang][0]:
                best[cid, lang] = (rank, text)
        for (cid, lang), (_rank, text) in best.items():
            out[cid][lang] = text
        return {cid: dict(sorted(langs.items(), key=lambda kv: _lang_rank(kv[0])))
                for cid, langs in out.items()}

    def match_text(self, query: Sequence[textindex.QueryWord], *, fields: Sequence[str],
                   lang: str | None = None, limit: int = 100) -> list[textindex.TextRow]:
        """Definitions, notes or contexts holding every query word (full-text index)."""
        return textindex.match(self._conn, query, fields=fields, lang=lang, limit=limit,
                               layout=self._texts_layout)
