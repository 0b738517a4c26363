"""Rejected proposals: a proposed term an editor removed is remembered with the revision
that removed it, so that imports do not propose it again (undoing that revision forgets)."""

from __future__ import annotations

from ..records import record
from ..text.normalize import fold
from .base import StoreBase, _now


@record(frozen=True)
class Rejection:
    """A proposed term an editor rejected: imports do not propose it again."""

    concept_id: str
    lang: str
    text: str
    revision: int  # the revision that removed it
    author: str
    at: str


class Rejections(StoreBase):
    """The ``rejected`` table."""

    def was_rejected(self, concept_id: str, lang: str, text: str) -> bool:
        """Did an editor reject this term (ignoring case and punctuation) for the concept?"""
        return self._conn.execute(
            "SELECT 1 FROM rejected WHERE concept_id = ? AND lang = ? AND folded = ?",
            (concept_id, lang, fold(text))).fetchone() is not None

    def rejections(self, concept_id: str | None = None) -> list[Rejection]:
        sql = "SELECT concept_id, lang, text, revision, author, at FROM rejected"
        params: tuple[str, ...] = ()
        if concept_id is not None:
            sql, params = sql + " WHERE concept_id = ?", (concept_id,)
        return [Rejection(*row) for row in self._conn.execute(
            sql + " ORDER BY concept_id, lang, folded", params)]

    def record_rejection(self, concept_id: str, lang: str, text: str, revision: int, *,
                         author: str) -> None:
        """Remember that ``revision`` removed a rejected proposal (undoing it forgets)."""
        with self.transaction():
            self._conn.execute("INSERT OR REPLACE INTO rejected VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (concept_id, lang, fold(text), text, revision, author, _now()))
