"""segments.plan: what a concept shows once its contexts are resolved against the stored
sentences (and the stored sentences an import reads ahead for it). A context showing what it gives is kept as it is, without building what it
shows to compare (the import of an unchanged file plans every concept): the result must
be what building and comparing gives, down to which contexts are the concept's own
objects, for any translations, order, provenance and stored document."""

from __future__ import annotations

import copy
import itertools
import random
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

from glossary import Concept, Context, Glossary, Provenance, RenderingKind
from glossary.store import segments

CONCEPT = {"id": "c", "langs": {"en": {"terms": [{"text": "union", "type": "fullForm",
                                                  "status": "preferred"}]}}}
TEXTS = {"ru": "Союз.", "kk": "Одақ."}
KINDS: list[dict[str, Any] | None] = [
    None, {"kind": "translation"}, {"kind": "back-translation"},
    {"kind": "original", "citation": "kt.kz"}]


def translations(rng: random.Random) -> dict[str, str]:
    langs = [lang for lang in ("kk", "ru") if rng.random() < 0.6]
    rng.shuffle(langs)
    return {lang: TEXTS[lang] + ("" if rng.random() < 0.8 else " (anew)") for lang in langs}


def slow(ctx: Context, doc: dict[str, Any]) -> Context:
    """What plan did for every context: build what it shows, then compare."""
    shown = replace(ctx, translations=segments.ordered(doc["translations"]),
                    provenance=segments.provenance(doc))
    same = shown == ctx and list(shown.translations) == list(ctx.translations)
    return ctx if same else shown


def test_a_context_showing_what_it_gives_is_kept() -> None:
    rng = random.Random(10)
    checked = kept = 0
    for _ in range(3000):
        given = translations(rng)
        kinds = {lang: rng.choice(KINDS) for lang in given}
        ctx = Context("en", "The union met.", "src", given, provenance={
            lang: Provenance(RenderingKind(k["kind"]), citation=k.get("citation"))
            for lang, k in kinds.items() if k is not None})
        stored = translations(rng) if rng.random() < 0.5 else dict(given)
        doc: dict[str, Any] = {"translations": dict(sorted(stored.items()))}
        if rng.random() < 0.5:
            doc["provenance"] = {lang: k for lang in stored
                                 if (k := rng.choice(KINDS)) is not None and rng.random() < 0.3}
        concept = replace(Concept.from_dict(CONCEPT), contexts=[ctx])
        k = segments.key_of(ctx)
        row = segments.Row(1, ctx.text, doc) if rng.random() < 0.9 else None
        for exact in (False, True):
            planned = segments.plan(None, concept, exact=exact, given={}, known={k: row})  # type: ignore[arg-type]
            wanted = slow(ctx, planned.targets.get(k) or (row.doc if row else segments._EMPTY))
            got = planned.concept.contexts[0]
            assert got == wanted and (got is ctx) == (wanted is ctx), (ctx, doc, exact)
            assert (planned.concept is concept) == (wanted is ctx)
            checked += 1
            kept += wanted is ctx
    assert 0.2 * checked < kept < 0.8 * checked  # both ways came up often


def test_translations_in_display_order() -> None:
    for langs in itertools.permutations(["kk", "ru", "en", "de", "ab"], 3):
        given = {lang: lang.upper() for lang in langs}
        rank = {"en": 0, "ru": 1, "kk": 2}
        order = sorted(given, key=lambda lang: (rank.get(lang, 99), lang))
        assert list(segments.ordered(given)) == order
        assert segments.ordered(given) == given


# -- the sentences an import reads ahead with the concepts --------------------------------
def read_ahead(path: Path) -> tuple[dict[Any, Any], dict[Any, Any], int]:
    """What Store.read_for_import keeps of the sentences its concepts quote, what prefetch
    finds for them in the same transaction, and how often read_for_import called it."""
    calls = []
    prefetch = segments.prefetch

    def counted(conn: Any, keys: Any) -> Any:
        calls.append(keys)
        return prefetch(conn, keys)

    with Glossary.open(path) as g:
        store = g._store
        ids = [c.id for c in g.concepts()]
        with store.transaction():
            segments.prefetch = counted
            try:
                store.read_for_import(ids)
            finally:
                segments.prefetch = prefetch
            quoted = [segments.key_of(ctx) for c in g.concepts() for ctx in c.contexts]
            return store._read_ahead.known, prefetch(store._conn, quoted), len(calls)


def test_the_sentences_read_with_the_concepts_are_the_ones_prefetch_finds(
        bundled_store: Path, shared: Path) -> None:
    """Read from the concepts' citations (each segment with its id), as prefetch would find
    them by hash; a store keeping a sentence twice (cis citing the second) is read by hash."""
    known, found, calls = read_ahead(bundled_store)
    assert known == found and len(known) > 50 and calls == 0
    with sqlite3.connect(shared, isolation_level=None) as conn:
        conn.execute("INSERT INTO segments (hash, source, lang, text, doc, checked) "
                     "SELECT hash, source, lang, text, doc, checked FROM segments")
        conn.execute("UPDATE citations SET segment_id = (SELECT max(id) FROM segments) "
                     "WHERE concept_id = 'cis'")
    known, found, calls = read_ahead(shared)
    assert known == found and len(known) == 1 and calls == 1


def test_a_new_concepts_plan_is_the_general_one(monkeypatch: Any) -> None:
    """An import's usual concept (every sentence new, given once) is planned without the
    general steps: the same plan, the same translations recorded as given, the same
    conflicts, for any translations, order, provenance, repeats and earlier givers."""
    rng = random.Random(11)
    general = {"ran": 0}
    new_sentences = segments._new_sentences

    def plans(concept: Concept, given: dict[Any, Any], fast: bool) -> Any:
        with monkeypatch.context() as patch:
            if not fast:
                patch.setattr(segments, "_new_sentences", lambda *a: None)
            else:
                def counted(*args: Any) -> Any:
                    found = new_sentences(*args)
                    general["ran"] += found is None
                    return found
                patch.setattr(segments, "_new_sentences", counted)
            try:
                planned = segments.plan(None, concept, exact=False, given=given,  # type: ignore[arg-type]
                                        known=dict.fromkeys(keys), hashes=None)
            except Exception as exc:  # noqa: BLE001 - a conflict, named the same both ways
                return type(exc), str(exc)
            return (planned.concept is concept, planned.concept, planned.keys, planned.rows,
                    planned.targets, {k: vars(v) for k, v in given.items()})

    for _ in range(2000):
        contexts = []
        for _n in range(rng.randrange(4)):
            given_translations = translations(rng)
            kind = rng.choice(KINDS) if rng.random() < 0.2 else None
            contexts.append(Context(
                "en", rng.choice(["The union met.", "The union met again."]), "src",
                given_translations, provenance={} if kind is None or not given_translations else {
                    lang: Provenance(RenderingKind(kind["kind"]), citation=kind.get("citation"))
                    for lang in given_translations}))
        concept = replace(Concept.from_dict(CONCEPT), contexts=contexts)
        keys = [segments.key_of(ctx) for ctx in contexts]
        earlier: dict[Any, Any] = {}
        if keys and rng.random() < 0.2:  # a sentence given translations before
            segments.plan(None, replace(concept, id="b", contexts=contexts[:1]), exact=False,  # type: ignore[arg-type]
                          given=earlier, known=dict.fromkeys(keys))
        first, second = copy.deepcopy(earlier), copy.deepcopy(earlier)
        assert plans(concept, first, True) == plans(concept, second, False), contexts
    assert 0 < general["ran"] < 1500  # the fast path and the general one both came up
