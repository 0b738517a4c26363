"""The review queue over HTTP holds harvested contexts beside proposed terms; a rejection
is remembered, so that the next harvest does not propose the sentence again."""

from __future__ import annotations

import random
import string

from glossary import Glossary

from .live import Server, problem_of
from .test_http_writing import fresh_id, new_concept

SOURCE = "test-review-source"


def made_up_name() -> str:
    """A name no article and no other test uses: the harvest finds it only where we put it."""
    letters = random.Random().choices(string.ascii_lowercase, k=7)
    return f"Velmoran {''.join(letters).capitalize()} Pact"


def test_contexts_wait_in_the_queue_and_a_rejected_one_is_not_proposed_again(
        writer: Server) -> None:
    cid, name = fresh_id(), made_up_name()
    kept = f"The {name} was signed by both delegations in March after long talks."
    dropped = f"Critics of the {name} say that it changes very little on the ground."
    with writer.client("alice") as alice, writer.client("bob") as bob:
        body = new_concept(cid)
        body["langs"]["en"]["terms"] = [{"text": name, "type": "fullForm"}]
        body["langs"]["kk"] = {"terms": [{"text": "Велморан пакті", "reviewed": False}]}
        assert alice.post("/concepts", json=body).status_code == 201

        with Glossary.open(writer.store, author="carol") as g:  # a harvest of an article
            report = g.harvest([kept + " " + dropped], SOURCE, lang="en",
                               title="An article for the review test")
            assert [(p.concept, p.text) for p in report.proposals] == [(cid, kept),
                                                                       (cid, dropped)]

        mine = [item for item in alice.get("/review").json() if item["id"] == cid]
        assert mine == [
            {"id": cid, "kind": "term", "lang": "kk", "position": 0, "text": "Велморан пакті",
             "source": None},
            {"id": cid, "kind": "context", "lang": "en", "position": 0, "text": kept,
             "source": SOURCE},
            {"id": cid, "kind": "context", "lang": "en", "position": 1, "text": dropped,
             "source": SOURCE}]
        assert alice.get(f"/concepts/{cid}").json()["contexts"][0]["reviewed"] is False

        problem_of(bob.post(f"/review/{cid}", json={"lang": "en", "text": kept,
                                                    "decision": "approve", "kind": "term"}), 404)
        approved = bob.post(f"/review/{cid}", json={"lang": "en", "text": kept,
                                                    "decision": "approve", "kind": "context"})
        assert approved.status_code == 200, approved.text
        assert approved.json()["contexts"][0] == {"lang": "en", "text": kept, "source": SOURCE}
        rejected = bob.post(f"/review/{cid}", json={"lang": "en", "text": dropped,
                                                    "decision": "reject"})
        assert rejected.status_code == 200 and rejected.headers["etag"] == '"4"'
        assert [c["text"] for c in rejected.json()["contexts"]] == [kept]
        assert [i["kind"] for i in alice.get("/review").json() if i["id"] == cid] == ["term"]
        history = alice.get(f"/concepts/{cid}/history").json()
        assert [(h["action"], h["author"]) for h in history] == [
            ("create", "alice"), ("update", "carol"), ("review", "bob"), ("review", "bob")]

        with Glossary.open(writer.store, author="carol") as g:  # the same article again
            assert g.was_rejected(cid, "en", dropped)
            again = g.harvest([kept + " " + dropped], SOURCE, lang="en")
            assert again.proposals == [] and again.rejected_earlier == 1
        assert [i["kind"] for i in alice.get("/review").json() if i["id"] == cid] == ["term"]
        assert alice.get(f"/concepts/{cid}").headers["etag"] == '"4"'
