"""A lookup reads the store in one read transaction: what it leaves behind.

Its stages run in one transaction (one state of the store, the read lock taken once):
nothing of it may outlast the lookup, nor may it end a transaction the caller began.
"""

from __future__ import annotations

from glossary import Concept, Glossary


def _concept(concept_id: str, text: str) -> Concept:
    return Concept.from_dict({"id": concept_id, "langs": {"en": {"terms": [
        {"text": text, "status": "preferred"}]}}})


def test_a_lookup_then_sees_what_another_process_wrote(tmp_path) -> None:
    # a read transaction left open would keep showing the store as it was
    path = tmp_path / "two.sqlite3"
    with Glossary.open(path, seed=False) as reader, Glossary.open(path, seed=False) as writer:
        writer.put(_concept("first", "Customs union"))
        assert [h.concept_id for h in reader.lookup("customs union")] == ["first"]
        assert reader.lookup("free trade area") == []
        writer.put(_concept("second", "Free trade area"))
        assert [h.concept_id for h in reader.lookup("free trade area")] == ["second"]
        assert [h.concept_id for h in reader.lookup("customs union", scope="all")] == ["first"]


def test_a_writer_may_write_between_lookups(tmp_path) -> None:
    path = tmp_path / "busy.sqlite3"
    with Glossary.open(path, seed=False) as g:
        g.put(_concept("first", "Customs union"))
        for i in range(3):
            assert g.lookup("customs union")[0].concept_id == "first"
            g.put(_concept(f"c{i}", f"Customs union number {i}"))
        assert [h.concept_id for h in g.lookup("customs union")] == [
            "first", "c0", "c1", "c2"]


def test_a_lookup_inside_the_callers_transaction_sees_it_and_does_not_end_it(
        tmp_path) -> None:
    path = tmp_path / "inside.sqlite3"
    with Glossary.open(path, seed=False) as g, Glossary.open(path, seed=False) as other:
        try:
            with g.transaction():
                g.put(_concept("first", "Customs union"))
                assert [h.concept_id for h in g.lookup("customs union")] == ["first"]
                g.put(_concept("second", "Customs territory"))
                assert other.lookup("customs union") == []  # not committed by the lookup
                raise RuntimeError("undo it all")
        except RuntimeError:
            pass
        assert g.lookup("customs") == []
        assert other.lookup("customs") == []

