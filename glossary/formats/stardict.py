"""StarDict dictionaries, one per direction, for GoldenDict, KOReader and ``sdcv``.

``write`` makes ``DIR/sozdik-en-ru-kk/``, ``DIR/sozdik-ru-en-kk/`` and
``DIR/sozdik-kk-en-ru/``, each holding the four files of the StarDict format
(version 3.0.0):

* ``.dict.dz``: the articles, plain UTF-8 text (``sametypesequence=m``, what
  every reader shows as it is), compressed with dictzip;
* ``.idx``: one headword per concept (its preferred term in the source
  language) with the article's offset and size, sorted as StarDict compares
  (ASCII case folded, then bytes);
* ``.syn``: every other key leading to an article: the other terms of the
  language (acronyms, variants, deprecated ones, which the article marks),
  plural forms, inflected forms (Russian through pymorphy3, Kazakh from our
  suffix table), the Kazakh terms in the Latin alphabet and as a Russian keyboard
  types them (Казакстан), the е spelling of ё;
* ``.ifo``: the book's name, counts and description.

Each dictionary directory is written beside its target and swapped in
whole; other dictionaries in ``DIR`` are left alone. The same store gives
the same bytes.
"""

from __future__ import annotations

import struct
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..model import LANG_ORDER, LANGUAGES, Concept, Source, Term, TermType
from ..text.lookalikes import typed_plain
from ..text.morph import kk_forms, ru_forms
from ..text.normalize import nfc
from ..text.translit import kk_to_latin
from . import dictzip
from .article import article
from .atomic import atomic_dir, make_folder

#: (source language, target languages) of each dictionary
DIRECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (lang, tuple(other for other in LANG_ORDER if other != lang)) for lang in LANG_ORDER)
MAX_KEY = 255  # bytes: StarDict keys are shorter than 256 bytes
_ABBREVIATED = {TermType.ACRONYM, TermType.ABBREVIATION}

Labels = Callable[[Iterable[str]], dict[str, dict[str, str]]]


@dataclass
class Book:
    """One dictionary being written: articles to a scratch file, keys in memory."""

    source: str
    targets: tuple[str, ...]
    data: BinaryIO
    entries: list[tuple[bytes, int, int]] = field(default_factory=list)  # headword, offset, size
    synonyms: set[tuple[bytes, int]] = field(default_factory=set)  # key, entry number

    @property
    def name(self) -> str:
        return "-".join(("sozdik", self.source, *self.targets))

    @property
    def title(self) -> str:
        return (f"Sozdik: {LANGUAGES[self.source]} → "
                f"{', '.join(LANGUAGES[t] for t in self.targets)}")


@dataclass(frozen=True)
class StardictExport:
    #: per dictionary: its directory, headwords (concepts) and synonym keys
    books: tuple[tuple[Path, int, int], ...]


def write(concepts: Iterable[Concept], sources: list[Source], labels: Labels,
          directory: str | Path, *, last_change: str | None = None,
          tick: Callable[[int], None] | None = None) -> StardictExport:
    """Write the three dictionaries into ``directory``.

    ``labels`` maps concept ids to their preferred term per language (for the
    related-concept links); ``last_change`` (ISO) dates the books.
    """
    directory = Path(directory)
    make_folder(directory)  # a file on the way is an InputError naming it
    by_id = {s.id: s for s in sources}
    with tempfile.TemporaryDirectory(dir=directory, prefix=".sozdik-stardict.") as scratch:
        books = [Book(src, targets, open(Path(scratch) / f"{src}.dict", "w+b"))
                 for src, targets in DIRECTIONS]
        try:
            for concept in concepts:
                related = labels(concept.related)
                for book in books:
                    _add(book, concept, by_id, related)
                if tick:
                    tick(1)
            return StardictExport(tuple(_finish(book, directory, last_change, len(sources))
                                        for book in books))
        finally:
            for book in books:
                book.data.close()


def _add(book: Book, concept: Concept, sources: dict[str, Source],
         related: dict[str, dict[str, str]]) -> None:
    section = concept.langs.get(book.source)
    headword = section.preferred if section else None
    if section is None or headword is None or not _fits(headword.text):
        return
    names = {rid: _label(langs, book.source) for rid, langs in related.items()}
    text = "\n".join(article(concept, order=(book.source, *book.targets), sources=sources,
                             related=names, headword=headword.text)).encode("utf-8")
    number = len(book.entries)
    book.entries.append((headword.text.encode("utf-8"), book.data.tell(), len(text)))
    book.data.write(text)
    for key in keys(section.terms, book.source):
        if key != headword.text and _fits(key):
            book.synonyms.add((key.encode("utf-8"), number))


def keys(terms: Iterable[Term], lang: str) -> list[str]:
    """Every key a reader may look a language's terms up by (see the module doc)."""
    out: list[str] = []
    for term in terms:
        out.append(term.text)
        out += term.forms.values()
        abbreviated = term.type in _ABBREVIATED and term.text.isupper()
        if lang == "ru" and not abbreviated:
            out += ru_forms(term.text)
        elif lang == "kk":
            latin = kk_to_latin(term.text)
            forms = [term.text, *kk_forms(term.text, acronym=abbreviated,
                                          proper=term.pos is not None
                                          and term.pos.value == "properNoun")]
            out += forms[1:]
            out.append(latin)
            out += map(typed_plain, forms)  # Казакстан, typed without the Kazakh letters
        if "ё" in term.text.casefold():
            out.append(term.text.replace("ё", "е").replace("Ё", "Е"))
    return [nfc(k) for k in dict.fromkeys(out) if k]


def _label(langs: dict[str, str], lang: str) -> str:
    return langs.get(lang) or langs.get("en") or next(iter(langs.values()), "")


def _fits(key: str) -> bool:
    return 0 < len(key.encode("utf-8")) <= MAX_KEY and "\0" not in key


def _order(key: bytes) -> tuple[bytes, bytes]:
    """StarDict's comparison (stardict_strcmp): ASCII case folded first, then the bytes."""
    return key.lower(), key


def _finish(book: Book, directory: Path, last_change: str | None, source_count: int
            ) -> tuple[Path, int, int]:
    order = sorted(range(len(book.entries)), key=lambda i: (_order(book.entries[i][0]), i))
    position = {old: new for new, old in enumerate(order)}
    idx = b"".join(book.entries[i][0] + b"\0" + struct.pack(">II", *book.entries[i][1:])
                   for i in order)
    synonyms = sorted(((key, position[number]) for key, number in book.synonyms),
                      key=lambda item: (_order(item[0]), item[1]))
    syn = b"".join(key + b"\0" + struct.pack(">I", number) for key, number in synonyms)
    target = directory / book.name
    with atomic_dir(target) as tmp:
        book.data.flush()
        dictzip.write(book.data.name, tmp / f"{book.name}.dict.dz", name=f"{book.name}.dict")
        (tmp / f"{book.name}.idx").write_bytes(idx)
        (tmp / f"{book.name}.syn").write_bytes(syn)
        (tmp / f"{book.name}.ifo").write_bytes(_ifo(book, len(idx), len(synonyms), last_change,
                                                     source_count))
    return target, len(book.entries), len(synonyms)


def _ifo(book: Book, idx_size: int, synonyms: int, last_change: str | None,
         source_count: int) -> bytes:
    description = (f"{LANGUAGES[book.source]} terms of the Sozdik glossary with their "
                   f"{' and '.join(LANGUAGES[t] for t in book.targets)} renderings: "
                   "statuses (preferred, admitted, DEPRECATED, FORBIDDEN), usage notes, "
                   "definitions, and sentences quoted from "
                   f"{source_count} sources with our translations. Inflected forms lead "
                   "to their term.")
    lines = ["StarDict's dict ifo file", "version=3.0.0", f"bookname={book.title}",
             f"wordcount={len(book.entries)}", f"synwordcount={synonyms}",
             f"idxfilesize={idx_size}", "author=Sozdik", f"description={description}"]
    if last_change:
        lines.append(f"date={last_change[:10].replace('-', '.')}")
    lines.append("sametypesequence=m")
    return ("\n".join(lines) + "\n").encode("utf-8")
