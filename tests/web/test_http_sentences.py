"""The quoted sentences over HTTP: GET /sentences lists each once, PUT /sentences sets its
translations for every concept quoting it (``glossary contexts list`` / ``translate``)."""

from __future__ import annotations

from .live import Server, problem_of

SOURCE = "eurasianet-2018-04-un-syria-vote"


def test_sentences_are_listed_once_with_their_citers_and_filtered(reader: Server) -> None:
    with reader.client() as http:
        every = http.get("/sentences")
        assert every.status_code == 200
        texts = [(s["source"], s["lang"], s["text"]) for s in every.json()]
        assert len(texts) == len(set(texts)) > 10
        mine = http.get("/sentences", params={"source": SOURCE}).json()
        assert mine and {s["source"] for s in mine} == {SOURCE}
        assert all(s["concepts"] for s in mine)
        migranov = next(s for s in mine if "Migranov" in s["text"])
        assert migranov["concepts"] == ["abdulla-migranov", "pavlodarnash"]
        assert migranov["provenance"]["ru"]["kind"] == "back-translation"
        assert http.get("/sentences", params={"untranslated": "kk"}).json() == []
        assert http.get("/sentences", params={"lang": "ru", "source": SOURCE}).json() == []
        problem_of(http.get("/sentences", params={"source": "no-such-source"}), 404)
        problem_of(http.get("/sentences", params={"lang": "xx"}), 422)


def test_put_sets_the_translations_for_every_concept_quoting_it(writer: Server) -> None:
    with writer.client("bob") as http:
        before = next(s for s in http.get("/sentences", params={"source": SOURCE}).json()
                      if "Migranov" in s["text"])
        pavlodarnash = http.get("/concepts/pavlodarnash").json()
        body = {"source": SOURCE, "lang": "en", "text": "  " + before["text"].replace(" ", "  "),
                "translations": {"ru": before["translations"]["ru"] + " (правка)"}}
        changed = http.put("/sentences", json=body)
        assert changed.status_code == 200, changed.text
        out = changed.json()
        assert out["revised"] == ["abdulla-migranov", "pavlodarnash"]
        # kk left out: removed; ru's words changed: still a back-translation
        assert out["sentence"]["translations"] == body["translations"]
        assert out["sentence"]["provenance"] == before["provenance"]
        shown = http.get("/concepts/pavlodarnash").json()
        quoted = next(c for c in shown["contexts"] if "Migranov" in c["text"])
        assert quoted["translations"] == body["translations"]
        assert shown["revision"] == pavlodarnash["revision"] + 1
        history = http.get("/concepts/pavlodarnash/history").json()
        assert (history[-1]["action"], history[-1]["author"]) == ("translation", "bob")
        same = http.put("/sentences", json=body)
        assert same.json()["revised"] == []
        restored = http.put("/sentences", json={
            "source": SOURCE, "lang": "en", "text": before["text"],
            "translations": before["translations"], "provenance": before["provenance"]})
        assert restored.json()["sentence"] == before


def test_put_refuses_what_it_cannot_do(writer: Server, reader: Server) -> None:
    sentence = {"source": SOURCE, "lang": "en", "text": "Nobody quotes this.",
                "translations": {"ru": "Никто."}}
    with writer.client("bob") as http:
        assert "no concept quotes" in str(problem_of(http.put("/sentences", json=sentence), 404))
        own = {**sentence, "text": "Four abstained and three voted in favor.",
               "translations": {"en": "x"}}
        assert "translations.en" in str(problem_of(http.put("/sentences", json=own), 422))
        problem_of(http.put("/sentences", json={**sentence, "extra": 1}), 422)
    with writer.client() as anonymous:
        problem_of(anonymous.put("/sentences", json=sentence), 401)
    with reader.client() as http:
        problem_of(http.put("/sentences", json=sentence), 403)
