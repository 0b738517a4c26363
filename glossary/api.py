"""The :class:`Glossary`: the one object that embedding code needs."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from . import search
from .errors import InputError, NotFoundError
from .formats import Bundle
from .formats import json as json_format
from .formats import yaml as yaml_format
from .model import Concept, Source
from .paths import bundled_data, default_store_path
from .search import Hit
from .store import ImportReport, Revision, Store


class Glossary:
    """A term store, opened. Use :meth:`open`; close it, or use it in ``with``.

    >>> with Glossary.open(tmp_path / "g.sqlite3") as g:      # doctest: +SKIP
    ...     g.lookup("ЕАЭС")[0].concept_id
    'eeu'
    """

    def __init__(self, store: Store, author: str | None = None) -> None:
        self._store = store
        self.author = author or os.environ.get("SOZDIK_USER") or _login()

    @classmethod
    def open(cls, path: str | Path | None = None, *, seed: bool = True,
             author: str | None = None) -> Glossary:
        """Open the store at ``path`` (default: ``$SOZDIK_STORE`` or the user data dir).

        A store that does not exist yet is created and, with ``seed``, loaded
        with the bundled glossary.
        """
        store = Store.open(Path(path) if path is not None else default_store_path())
        glossary = cls(store, author)
        if store.created and seed:
            try:
                glossary.import_path(bundled_data(), author="sozdik")
            except BaseException:
                glossary.close()  # leave no half-made store behind: the next open retries
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{store.path}{suffix}").unlink(missing_ok=True)
                raise
        return glossary

    @property
    def path(self) -> Path:
        return self._store.path

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Glossary:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------
    def lookup(self, query: str, lang: str | None = None, limit: int = 10) -> list[Hit]:
        """Ranked concepts matching ``query``; each :class:`Hit` says how it matched."""
        return search.lookup(self._store, query, lang=lang, limit=limit)

    def get(self, concept_id: str) -> Concept:
        """The concept with that id; :class:`NotFoundError` if there is none."""
        return self._store.get(concept_id)

    def define(self, query: str, lang: str = "en") -> str | None:
        """The ``lang`` definition of the best hit for ``query`` (None if no hit)."""
        hits = self.lookup(query, limit=1)
        return self.get(hits[0].concept_id).definition(lang) if hits else None

    def concepts(self, subject: str | None = None) -> Iterator[Concept]:
        """Every concept, or those of one subject field, ordered by id."""
        return self._store.concepts(subject)

    def sources(self) -> list[Source]:
        return self._store.sources()

    def history(self, concept_id: str) -> list[Revision]:
        """Every revision of a concept, oldest first."""
        return self._store.history(concept_id)

    def stats(self) -> dict[str, Any]:
        return self._store.stats()

    def __len__(self) -> int:
        return self._store.count()

    # -- writing -------------------------------------------------------------------
    def put(self, concept: Concept) -> Concept:
        """Store a new or edited concept; returns it with its new revision.

        ``concept.revision`` must be the revision it was read at (0 for a new
        one); if the store has moved on, :class:`StaleRevisionError`.
        """
        return self._store.put(concept, author=self.author)

    def delete(self, concept_id: str, revision: int) -> None:
        self._store.delete(concept_id, revision, author=self.author)

    def undo(self, concept_id: str) -> Concept | None:
        """Restore the revision before the concept's last change."""
        return self._store.undo(concept_id, author=self.author)

    def review_queue(self) -> list[ReviewItem]:
        """Terms awaiting review (e.g. proposed by translators' catalogues)."""
        return [ReviewItem(cid, lang, pos, self.get(cid).langs[lang].terms[pos].text)
                for cid, lang, pos in self._store.unreviewed()]

    def review(self, item: ReviewItem, approve: bool) -> Concept:
        """Approve (mark reviewed) or reject (remove) a proposed term; one new revision."""
        concept = self.get(item.concept_id)
        terms = concept.langs[item.lang].terms
        matches = [i for i, t in enumerate(terms) if t.text == item.text and not t.reviewed]
        if not matches:
            raise NotFoundError(f"no unreviewed term {item.text!r} in '{item.concept_id}' "
                                f"({item.lang}) any more")
        if approve:
            terms[matches[0]].reviewed = True
        else:
            del terms[matches[0]]
            if not terms:
                del concept.langs[item.lang]
        return self.put(concept)

    def put_source(self, source: Source) -> None:
        self._store.put_source(source)

    # -- files ---------------------------------------------------------------------
    def import_path(self, path: str | Path, *, author: str | None = None) -> ImportReport:
        """Import a YAML directory or file, or a JSON export, as one transaction."""
        bundle = read_bundle(path)
        try:
            return self._store.import_bundle(bundle.sources, bundle.concepts,
                                             author=author or self.author)
        except InputError as exc:
            origin = _origin_of(bundle, exc)
            raise (origin.error(exc) if origin else exc.located(path)) from None

    def export_json(self, path: str | Path) -> int:
        return json_format.write(self.sources(), self.concepts(), path)

    def export_yaml(self, path: str | Path) -> int:
        return yaml_format.write(self.sources(), self.concepts(), path)


@dataclass(frozen=True)
class ReviewItem:
    """A term awaiting review: which concept, which language, the term itself."""

    concept_id: str
    lang: str
    position: int
    text: str


def read_bundle(path: str | Path) -> Bundle:
    """Read any importable file or directory, by its kind."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return json_format.read(path)
    if path.is_dir() or path.suffix.lower() in (".yaml", ".yml"):
        return yaml_format.read(path)
    raise InputError("cannot tell the format: expected a YAML directory, a .yaml file "
                     "or a .json export", file=path)


def _origin_of(bundle: Bundle, exc: InputError) -> Any:
    """The origin of the concept a reference error is about (the store names it)."""
    return bundle.origins.get(exc.record) if exc.record else None


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"
