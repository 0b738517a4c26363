"""A TBX import writes the entries new to the store in batches (Store.import_stream
with store/batch.py), reading the file a window of entries ahead.

Whatever it leaves in the store, reports or refuses must be what writing each
entry the store's way, one at a time, gives: the same documents, history,
sentences, notes and errors, with any window size, whether the entries are new,
stored already, quote a sentence another entry translates anew, or refer to an
entry written earlier in the same window.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED_CONCEPTS, run

import glossary.formats.tbxread
from glossary import Glossary
from glossary.formats import tbx as tbx_format
from glossary.store.batch import NewConcepts

BASIC = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" '
         'xml:lang="en"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc>'
         "</tbxHeader><text><body>{body}</body></text></tbx>")


def entry(raw_id: str, term: str, extra: str = "") -> str:
    return (f'<conceptEntry id="{raw_id}">{extra}<langSec xml:lang="en"><termSec>'
            f"<term>{term}</term></termSec></langSec></conceptEntry>")


def everything(g: Glossary) -> tuple[object, ...]:
    """What the store says: each concept's content and revision, its history, every
    sentence."""
    concepts = {c.id: (c.content(), c.revision) for c in g.concepts()}
    history = {cid: [(r.revision, r.action, r.author,
                      r.concept.content() if r.concept else None) for r in g.history(cid)]
               for cid in concepts}
    sentences = [(s.source, s.lang, s.text, s.translations,
                  {lang: p.to_dict() for lang, p in s.provenance.items()}, s.concepts)
                 for s in g.segments()]
    return concepts, history, sentences, [s.to_dict() for s in g.sources()]


def imported(store: Path, files: list[Path]) -> list[Any]:
    """Each file's report (or error), then what the store says."""
    out: list[Any] = []
    with Glossary.open(store, seed=False, author="tester") as g:
        for path in files:
            try:
                out.append(g.import_tbx(path).to_dict())
            except Exception as exc:  # the error, as the CLI would name it
                out.append((type(exc).__name__, str(exc)))
        out.append(everything(g))
    return out


def both_ways(tmp_path: Path, make_store: Callable[[Path], None], files: list[Path],
              monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[Any]]:
    """The imports batched (windows of 3 entries), then each entry the store's way."""
    batched, single = tmp_path / "batched.sqlite3", tmp_path / "single.sqlite3"
    make_store(batched)
    make_store(single)
    monkeypatch.setattr(glossary.formats.tbxread, "PREFETCH", 3)
    fast = imported(batched, files)
    with monkeypatch.context() as m:
        m.setattr(NewConcepts, "add", lambda self, concept: False)  # never batched
        slow = imported(single, files)
    return fast, slow


def bundled_copy(bundled_store: Path) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(bundled_store.read_bytes())
    return make


def empty(path: Path) -> None:
    Glossary.open(path, seed=False).close()


def test_an_export_into_an_empty_store_twice(bundled_store: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    v3, v2 = tmp_path / "g3.tbx", tmp_path / "g2.tbx"
    for path, version in ((v3, "3"), (v2, "2")):
        assert run("export", "tbx", "-o", path, "--version", version,
                   store=bundled_store).exit_code == 0
    fast, slow = both_ways(tmp_path, empty, [v3, v2, v3], monkeypatch)
    assert fast == slow
    first = fast[0]
    assert len(first["added"]) == BUNDLED_CONCEPTS and not first["changed"]
    assert fast[2]["unchanged"] == first["added"]  # the same file again: nothing written
    concepts, history, sentences, _sources = fast[-1]
    assert any(len(s[5]) > 1 for s in sentences)  # sentences quoted by several concepts
    assert any(s[4] for s in sentences)  # back-translations, the speaker's own words


@pytest.mark.parametrize("version", ["3", "2"])
def test_a_round_trip_into_an_empty_store(bundled_store: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    """An export imported into an empty store, batched or one entry at a time, says
    everything TBX can say of the store it came from: each concept, each quoted
    sentence with its translations and what each one is (provenance), each source."""
    from test_tbx import visible

    out = tmp_path / "g.tbx"
    assert run("export", "tbx", "-o", out, "--version", version,
               store=bundled_store).exit_code == 0
    fast, slow = both_ways(tmp_path, empty, [out], monkeypatch)
    assert fast == slow

    def said(path: Path) -> tuple[object, ...]:
        with Glossary.open(path, seed=False) as g:
            concepts, _history, sentences, sources = everything(g)
        shown = {cid: visible(content, int(version)) for cid, (content, _rev) in concepts.items()}
        return shown, sentences, sources

    want = said(bundled_store)
    assert any(s[4] for s in want[1])  # the bundled glossary has back-translations
    assert said(tmp_path / "batched.sqlite3") == want
    assert said(tmp_path / "single.sqlite3") == want


def test_new_entries_retranslating_a_stored_sentence(bundled_store: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    with Glossary.open(bundled_store) as g:
        sources, concepts = g.sources(), list(g.concepts())
    quoting = next(c for c in concepts
                   if any(ctx.translations for ctx in c.contexts)
                   and any(len(s.concepts) > 1 for s in Glossary.open(bundled_store).segments()
                           if c.id in s.concepts))
    ctx = next(i for i, x in enumerate(quoting.contexts) if x.translations)
    lang = next(iter(quoting.contexts[ctx].translations))
    contexts = list(quoting.contexts)
    contexts[ctx] = dataclasses.replace(contexts[ctx], translations={
        **contexts[ctx].translations, lang: contexts[ctx].translations[lang] + " (anew)"})
    renamed = dataclasses.replace(quoting, id=quoting.id + "-anew", contexts=contexts,
                                  related=[])
    brand_new = [dataclasses.replace(c, id=c.id + "-copy", related=[], contexts=[])
                 for c in concepts[:7]]
    others = [c for c in concepts if c.id != quoting.id]
    # new entries before and after the one that translates a stored sentence anew
    changed = tmp_path / "changed.tbx"
    tbx_format.write(sources, [*brand_new[:4], renamed, *brand_new[4:], *others[:20]], changed)
    conflicting = tmp_path / "conflicting.tbx"  # the old translation given too: refused
    tbx_format.write(sources, [*brand_new, quoting, renamed], conflicting)
    fast, slow = both_ways(tmp_path, bundled_copy(bundled_store), [conflicting, changed],
                           monkeypatch)
    assert fast == slow
    assert fast[0][0] == "TranslationConflictError"
    assert renamed.id in fast[1]["added"] and len(fast[1]["changed"]) >= 1
    history = fast[-1][1]
    assert any(action == "translation" for rows in history.values() for _r, action, *_ in rows)


def test_a_reference_to_an_entry_earlier_in_the_window(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # "Concept 7" becomes concept-7: a reference by that id finds it once it is written
    # (an entry after it), not before (an entry ahead of it, a note)
    ref = '<ref type="crossReference" target="concept-7">c</ref>'
    body = "".join([entry("before", "ahead", ref), entry("Concept 7", "spaced"),
                    entry("after", "behind", ref), entry("x", "other")])
    path = tmp_path / "refs.tbx"
    path.write_text(BASIC.format(body=body), encoding="utf-8")
    fast, slow = both_ways(tmp_path, empty, [path], monkeypatch)
    assert fast == slow
    concepts = fast[-1][0]
    assert concepts["after"][0]["related"] == ["concept-7"]
    assert concepts["before"][0]["related"] == []
    assert any("neither in the file nor in the store" in n for n in fast[0]["notes"])


def test_ltac_files_both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_tbx import shared_tbx

    files = sorted(shared_tbx().glob("*.tbx"))
    fast, slow = both_ways(tmp_path, empty, [*files, *files], monkeypatch)
    assert fast == slow
    assert any(isinstance(r, dict) and r["added"] for r in fast[:-1])
    assert any(isinstance(r, tuple) for r in fast[:-1])


def test_a_concept_read_ahead_and_written_since_is_read_again(mini_store: Path) -> None:
    """The stored concepts an import carries over from are read a window ahead; one
    written since (in the same transaction) is read again, not taken from that read."""
    from glossary.formats.exchange import _Stored

    with Glossary.open(mini_store) as g:
        store = g._store
        with store.transaction():
            stored = _Stored(store)
            stored.fetch(["eeu", "cis"])
            assert stored("cis").revision == 1
            assert stored("eeu").revision == 1
            concept = store.get("eeu")
            concept.langs["en"].definition = "Changed within the import."
            store.put(concept, author="tester")
            assert stored("eeu").definition("en") == "Changed within the import."
            assert stored("cis").revision == 1
