"""Concept documents into and out of the store: checked going in, trusted coming out.

Going in, every write path (put, imports, undo, review, unlink) passes the
finished concept through :func:`validated`: the rules of reading
(``Concept.from_dict`` on its JSON form) applied inside the transaction,
before anything is written. What the store holds therefore always reads back.

A concept's contexts are stored without their translations: those are kept
once per quoted sentence (:mod:`.segments`) and joined in when the document
is loaded (``cited``), before it is built.

Coming out, a document carries the :data:`~glossary.model.RULES_VERSION` it
was checked under (column ``concepts.checked``). Such a document is built
field by field without checking it again (about 4× faster than
``from_dict``, which whole-store reads and exports feel). Any other document
(written by an older release, checked under older rules, or changed outside
Sozdik, which a trigger notices) is checked in full. A document that does
not build is *damaged*: :class:`~glossary.errors.DamagedConceptError` names
the concept and the problem, never a traceback. ``glossary doctor`` checks
every document in full, whatever its mark.
"""

from __future__ import annotations

import json
import sqlite3

from ..errors import DamagedConceptError, InputError
from ..i18n import _
from ..records import replace
from ..model import (
    LANG_ORDER,
    RULES_VERSION,
    Concept,
    Context,
    Gender,
    LangSection,
    MatchRules,
    PartOfSpeech,
    Source,
    Term,
    TermStatus,
    TermType,
    checked_content,
)
from . import compact, packed, segments

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def validated(concept: Concept) -> Concept:
    """``concept`` as reading would give it back, or InputError naming the field.

    The result is what gets stored: normalized (NFC, trimmed) as reading
    normalizes, so that the stored document and a re-read concept are equal.
    It always has a :func:`~glossary.model.checked_content`, its content.
    A concept ``from_dict`` built that has not changed since is that result
    already: it is returned as it is, not checked twice.
    """
    record = concept.id if isinstance(getattr(concept, "id", None), str) else None
    try:
        data = concept.to_dict(meta=False)
    except (AttributeError, TypeError, ValueError) as exc:  # e.g. a plain str as a term type
        raise InputError(_("not a valid concept ({problem})").format(problem=exc),
                         record=record) from None
    if isinstance(concept, Concept) and data == checked_content(concept):
        return concept  # built by from_dict and unchanged since: checked already
    try:
        return Concept.from_dict(data)
    except InputError as exc:
        raise replace(exc, record=exc.record or record) from None


def encode(content: dict[str, Any]) -> bytes:
    """A concept's content (``Concept.content()``) as the ``concepts`` table keeps it: its
    contexts without their translations (kept with their sentences), compact JSON with
    its keys sorted, UTF-8 (what :meth:`.packed.Codec.pack` takes)."""
    return compact.dumps(segments.strip(content), sort_keys=True)


def validated_source(source: Source) -> Source:
    """``source`` as reading would give it back, or InputError naming the field."""
    try:
        data = source.to_dict()
    except (AttributeError, TypeError, ValueError) as exc:
        raise InputError(_("not a valid source ({problem})").format(problem=exc)) from None
    return Source.from_dict(data, ("sources", str(data.get("id"))))


def load(concept_id: str, raw: bytes | str, checked: int | None, revision: int | None = None,
         created: str | None = None, modified: str | None = None,
         cited: str | bytes | None = None) -> Concept:
    """The concept a stored document holds; DamagedConceptError if it holds none.

    ``cited`` is the segments column of the document (:data:`.segments.JOINED`):
    the translations of its contexts.
    """
    doc = parse(concept_id, raw, revision)
    try:
        if not segments.attach(doc, cited):
            checked = None  # a segment changed outside Sozdik: check the whole concept
    except ValueError as exc:
        raise DamagedConceptError(concept_id, str(exc), revision, doc) from None
    try:
        concept = trusted(doc) if checked == RULES_VERSION else Concept.from_dict(doc)
        if concept.id != concept_id:
            raise InputError(_("the document is the concept '{id}'").format(id=concept.id),
                             field="id")
    except InputError as exc:
        raise DamagedConceptError(concept_id, str(exc), revision, doc) from None
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        raise DamagedConceptError(concept_id, _("malformed document ({problem})").format(
            problem=f"{type(exc).__name__}: {exc}"), revision, doc) from None
    concept.revision, concept.created, concept.modified = revision or 0, created, modified
    return concept


def parse(concept_id: str, raw: bytes | str, revision: int | None = None) -> Any:
    """The JSON of a stored document; DamagedConceptError if it is not UTF-8 JSON.

    ``raw`` is the document as the SQL function ``sozdik_doc`` gives it (see packed.py):
    its JSON, or, compressed bytes that do not decompress, as they are stored.
    """
    if isinstance(raw, bytes) and raw[:1] == packed.TAG:  # left compressed: it did not decode
        raise DamagedConceptError(concept_id, _(
            "the document is compressed and its compressed bytes are damaged (they do not "
            "decompress)"), revision, None) from None
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise DamagedConceptError(concept_id, _(
            "the document is not UTF-8 text ({reason} at byte {offset})").format(
                reason=exc.reason, offset=exc.start), revision,
            exc.object.decode("utf-8", "replace")) from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise DamagedConceptError(concept_id, _("the document is not JSON ({problem})").format(
            problem=exc), revision, text) from None


def problem(concept_id: str, raw: bytes | str) -> str | None:
    """What is wrong with a stored document under today's rules (None: nothing)."""
    try:
        load(concept_id, raw, None)
    except DamagedConceptError as exc:
        return exc.problem
    return None


def trusted(doc: dict[str, Any]) -> Concept:
    """A concept from a document checked when it was written: built, not checked again."""
    return Concept(
        id=doc["id"],
        langs={lang: _section(doc["langs"][lang]) for lang in sorted(doc["langs"], key=_rank)},
        subjects=list(doc.get("subjects", [])), related=list(doc.get("related", [])),
        sources=list(doc.get("sources", [])),
        contexts=[Context(c["lang"], c["text"], c["source"],
                          segments.ordered(c.get("translations", {})),
                          reviewed=c.get("reviewed", True),
                          provenance=segments.provenance(c) if "provenance" in c else {})
                  for c in doc.get("contexts", [])])


def _rank(lang: str) -> tuple[int, str]:
    """Languages in display order, as ``Concept.from_dict`` puts them."""
    return (LANG_ORDER.index(lang) if lang in LANG_ORDER else 99, lang)


def _section(data: dict[str, Any]) -> LangSection:
    return LangSection(terms=[_term(t) for t in data["terms"]],
                       definition=data.get("definition"), note=data.get("note"))


def _term(data: dict[str, Any]) -> Term:
    pos, gender = data.get("pos"), data.get("gender")
    return Term(data["text"], _member(TermType, data["type"]),
                _member(TermStatus, data["status"]),
                _member(PartOfSpeech, pos) if pos else None,
                _member(Gender, gender) if gender else None,
                data.get("case_sensitive", False), data.get("note"),
                dict(data.get("forms", {})), data.get("reviewed", True),
                MatchRules(**data["rules"]) if data.get("rules") else None)


#: the members of each choice by value: a dictionary look-up is several times faster than
#: calling the enum, and whole-store reads build millions of terms
_MEMBERS: dict[type, dict[Any, Any]] = {
    enum: {member.value: member for member in enum}
    for enum in (TermType, TermStatus, PartOfSpeech, Gender)}


def _member(enum: Any, value: Any) -> Any:
    try:
        return _MEMBERS[enum][value]
    except (KeyError, TypeError):
        return enum(value)  # not a member: the enum's own error says so


# -- documents as stored (compressed from schema 8: see packed.py) ------------------------
def unpack(conn: sqlite3.Connection, raw: bytes | str | None) -> bytes | str | None:
    """A stored document's JSON, as every read gets it (for tools and tests with an
    ``sqlite3`` connection of their own): compressed bytes that do not decompress are
    given back as they are."""
    return packed.Codec(conn, functions=False).unpack(raw)


def pack(conn: sqlite3.Connection, text: str) -> bytes | str:
    """A document's JSON text as the store at ``conn`` stores it (JSON text itself in a
    store of a schema before compression)."""
    codec = packed.Codec(conn, functions=False)
    codec.enabled = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'dictionaries'"
                                 ).fetchone() is not None
    stored = codec.pack(text)
    assert not isinstance(stored, packed.Later)  # a codec of its own: never inside later()
    return stored
