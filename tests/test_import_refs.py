"""An import checks every concept's references (store._check_refs): each error names the
concept and the field, and the store is left as it was. Most concepts' references all
resolve (a quick test); the ones that do not are named as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import snapshot

from glossary import Glossary, InputError


def _export(store: Path, tmp_path: Path) -> tuple[Path, dict]:
    out = tmp_path / "all.json"
    with Glossary.open(store) as g:
        g.export_json(out)
    return out, json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("change,field,words", [
    (lambda c: c.update(related=[c["id"]]), "related[0]", "cannot be related to itself"),
    (lambda c: c.update(related=[*c["related"], "nowhere"]), "related[{n}]",
     "'nowhere' does not exist"),
    (lambda c: c.update(sources=["src-none"]), "sources[0]", "'src-none' does not exist"),
    (lambda c: c["contexts"][0].update(source="src-none"), "contexts[0].source",
     "'src-none' does not exist"),
], ids=["itself", "unknown related", "unknown source", "unknown context source"])
def test_a_bad_reference_is_named(mini_store: Path, tmp_path: Path, change, field: str,
                                  words: str) -> None:
    out, doc = _export(mini_store, tmp_path)
    concept = next(c for c in doc["concepts"] if c["contexts"])
    count = len(concept["related"])
    # a new id: the concept takes the import's batch path, as most of a large import's do
    concept["id"] = "a-new-one"
    change(concept)
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = snapshot(mini_store)
    with Glossary.open(mini_store) as g, pytest.raises(InputError) as caught:
        g.import_path(out)
    assert caught.value.record == "a-new-one"
    assert caught.value.field == field.format(n=count)
    assert words in str(caught.value)
    assert snapshot(mini_store) == before


def test_references_that_resolve_are_imported(mini_store: Path, tmp_path: Path) -> None:
    out, doc = _export(mini_store, tmp_path)
    concept = dict(next(c for c in doc["concepts"] if c["contexts"]), id="a-new-one")
    concept["related"] = [c["id"] for c in doc["concepts"][:2]]
    doc["concepts"].append(concept)
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with Glossary.open(mini_store) as g:
        report = g.import_path(out)
        assert report.added == ["a-new-one"]
        assert g.get("a-new-one").related == concept["related"]
