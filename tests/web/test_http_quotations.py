"""Quoted sentences over HTTP: what a translation is round-trips, and an edit through one
concept is the sentence's edit for every concept quoting it (issue 10)."""

from __future__ import annotations

import copy

from .live import Server, problem_of


def test_get_put_keeps_what_a_translation_is_and_edits_the_sentence_everywhere(
        writer: Server) -> None:
    with writer.client("alice") as http:
        kosachev = http.get("/concepts/konstantin-kosachev")
        body = kosachev.json()
        context = body["contexts"][0]
        assert context["provenance"]["ru"]["kind"] == "back-translation"
        assert context["provenance"]["ru"]["citation"].startswith("Konstantin Kosachev")
        etag = kosachev.headers["etag"]
        same = http.put("/concepts/konstantin-kosachev", json=body, headers={"If-Match": etag})
        assert same.status_code == 200 and same.headers["etag"] == etag  # nothing changed

        council = http.get("/concepts/federation-council").json()
        edited = copy.deepcopy(body)
        edited["contexts"][0]["translations"]["ru"] += " (правка)"
        del edited["contexts"][0]["provenance"]  # a client that does not know it
        changed = http.put("/concepts/konstantin-kosachev", json=edited,
                           headers={"If-Match": etag})
        assert changed.status_code == 200
        again = http.get("/concepts/federation-council").json()
        assert again["revision"] == council["revision"] + 1
        assert again["contexts"][0]["translations"]["ru"].endswith(" (правка)")
        assert again["contexts"][0]["provenance"] == context["provenance"]  # kept
        history = http.get("/concepts/federation-council/history").json()
        assert [(h["action"], h["author"]) for h in history][-1] == ("translation", "alice")

        wrong = copy.deepcopy(body)
        wrong["contexts"][0]["provenance"]["ru"] = {"kind": "original"}
        problem = problem_of(http.put("/concepts/konstantin-kosachev", json=wrong,
                                      headers={"If-Match": changed.headers["etag"]}), 422)
        assert "contexts[0].provenance.ru.citation" in str(problem)
        restored = http.put("/concepts/konstantin-kosachev", json=body,
                            headers={"If-Match": changed.headers["etag"]})
        assert restored.status_code == 200
        assert http.get("/concepts/federation-council").json()["contexts"] == council["contexts"]
