"""Writes over HTTP: tokens, If-Match, validation with field paths, review, history authors."""

from __future__ import annotations

import copy
import uuid

from .live import TOKENS, Server, problem_of


def fresh_id() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"


def new_concept(concept_id: str, **extra: object) -> dict[str, object]:
    return {"id": concept_id, "subjects": ["media"],
            "langs": {"en": {"terms": [{"text": f"Term {concept_id}"}],
                             "definition": "A concept made by a test."},
                      "ru": {"terms": [{"text": "Термин"}]}}, **extra}


def test_a_server_without_a_token_file_is_read_only(reader: Server) -> None:
    with reader.client(token=TOKENS["alice"]) as http:
        problem_of(http.post("/concepts", json=new_concept(fresh_id())), 403)
        problem_of(http.put("/concepts/eeu", json=new_concept("eeu"),
                            headers={"If-Match": '"1"'}), 403)
        refused = problem_of(http.delete("/concepts/eeu", headers={"If-Match": '"1"'}), 403)
        assert "--token-file" in refused["detail"]
        assert http.get("/concepts/eeu").status_code == 200
        assert http.get("/healthz").json()["read_only"] is True


def test_a_server_with_tokens_says_it_takes_writes(writer: Server) -> None:
    with writer.client() as http:
        health = http.get("/healthz").json()
    assert (health["read_only"], health["store_read_only"]) == (False, False)


def test_writes_need_a_known_bearer_token(writer: Server) -> None:
    body = new_concept(fresh_id())
    with writer.client() as http:
        response = http.post("/concepts", json=body)
        problem_of(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer")
        wrong = http.post("/concepts", json=body, headers={"Authorization": "Bearer nope"})
        problem_of(wrong, 401)
        assert 'error="invalid_token"' in wrong.headers["www-authenticate"]
        basic = http.post("/concepts", json=body, headers={"Authorization": "Basic YTpi"})
        problem_of(basic, 401)
        problem_of(http.get(f"/concepts/{body['id']}"), 404)


def test_create_change_delete_with_if_match_and_the_author_in_history(writer: Server) -> None:
    cid = fresh_id()
    with writer.client("alice") as alice, writer.client("bob") as bob:
        created = alice.post("/concepts", json=new_concept(cid))
        assert created.status_code == 201
        assert created.headers["location"] == f"/api/v1/concepts/{cid}"
        assert created.headers["etag"] == '"1"' and created.json()["revision"] == 1
        problem_of(bob.post("/concepts", json=new_concept(cid)), 409)

        edited = copy.deepcopy(created.json())
        edited["langs"]["kk"] = {"terms": [{"text": "Термин", "status": "preferred"}]}
        problem_of(bob.put(f"/concepts/{cid}", json=edited), 428)
        changed = bob.put(f"/concepts/{cid}", json=edited, headers={"If-Match": '"1"'})
        assert changed.status_code == 200 and changed.headers["etag"] == '"2"'
        assert changed.json()["langs"]["kk"]["terms"][0]["text"] == "Термин"

        stale = problem_of(alice.put(f"/concepts/{cid}", json=created.json(),
                                     headers={"If-Match": '"1"'}), 412)
        assert stale["current_revision"] == 2
        assert alice.get(f"/concepts/{cid}").json() == changed.json()  # nothing overwritten

        problem_of(alice.delete(f"/concepts/{cid}"), 428)
        problem_of(alice.delete(f"/concepts/{cid}", headers={"If-Match": '"1"'}), 412)
        problem_of(alice.delete(f"/concepts/{cid}", headers={"If-Match": "*"}), 422)
        assert problem_of(alice.delete(f"/concepts/{cid}", headers={"If-Match": "3"}), 422)[
            "errors"][0]["field"] == "If-Match"
        gone = alice.delete(f"/concepts/{cid}", headers={"If-Match": '"1", W/"2", "2"'})
        assert gone.status_code == 200
        assert gone.json() == {"id": cid, "revision": 3, "deleted": True, "unlinked": []}
        problem_of(alice.get(f"/concepts/{cid}"), 404)
        history = alice.get(f"/concepts/{cid}/history").json()
        assert [(h["revision"], h["action"], h["author"]) for h in history] == [
            (1, "create", "alice"), (2, "update", "bob"), (3, "delete", "alice")]
        assert history[-1]["concept"] is None
        reused = problem_of(alice.post("/concepts", json=new_concept(cid)), 409)
        assert "never reused" in reused["detail"]


def test_invalid_bodies_are_refused_with_the_field_path(writer: Server) -> None:
    cid = fresh_id()
    cases = [
        ({"langs": {"kk": {"terms": [{"text": "X", "status": "prefered"}]}}},
         "langs.kk.terms[0].status"),
        ({"langs": {"kk": {"terms": [{"text": "Тәуелсiз"}]}}}, "langs.kk.terms[0].text"),
        ({"langs": {"de": {"terms": [{"text": "X"}]}}}, "langs.de"),
        ({"langs": {"en": {"terms": []}}}, "langs.en.terms"),
        ({"langs": {"en": {"terms": [{"text": "X", "colour": "red"}]}}},
         "langs.en.terms[0].colour"),
        ({"related": ["no-such-concept"]}, "related[0]"),
        ({"sources": ["no-such-source"]}, "sources[0]"),
        ({"id": "Not A Slug"}, "id"),
    ]
    with writer.client("alice") as http:
        for change, field in cases:
            body = {**new_concept(cid), **change}
            error = problem_of(http.post("/concepts", json=body), 422)
            assert [e["field"] for e in error["errors"]] == [field], error
            assert field in error["detail"]
        problem_of(http.get(f"/concepts/{cid}"), 404)
        not_json = http.post("/concepts", content=b'{"id": ', headers={
            "Content-Type": "application/json"})
        assert "not JSON" in problem_of(not_json, 422)["detail"]
        other = http.put("/concepts/eeu", json=new_concept("cis"), headers={"If-Match": '"1"'})
        assert problem_of(other, 422)["errors"][0]["field"] == "id"
        problem_of(http.put(f"/concepts/{cid}", json=new_concept(cid),
                            headers={"If-Match": '"1"'}), 404)


def test_a_concept_others_link_to_is_deleted_only_with_unlink(writer: Server) -> None:
    target, first, second = fresh_id(), fresh_id(), fresh_id()
    with writer.client("alice") as http:
        assert http.post("/concepts", json=new_concept(target)).status_code == 201
        for linking in (first, second):
            body = new_concept(linking, related=[target])
            assert http.post("/concepts", json=body).status_code == 201
        refused = problem_of(http.delete(f"/concepts/{target}", headers={"If-Match": '"1"'}),
                             409)
        assert refused["linked"] == sorted([first, second])
        assert "?unlink=true" in refused["detail"] and "--unlink" not in refused["detail"]
        assert http.get(f"/concepts/{target}").headers["etag"] == '"1"'
        assert http.get(f"/concepts/{first}").json()["related"] == [target]

        gone = http.delete(f"/concepts/{target}", params={"unlink": "true"},
                           headers={"If-Match": '"1"'})
        assert gone.status_code == 200, gone.text
        assert gone.json() == {"id": target, "revision": 2, "deleted": True,
                               "unlinked": sorted([first, second])}
        problem_of(http.get(f"/concepts/{target}"), 404)
        for linking in (first, second):
            unlinked = http.get(f"/concepts/{linking}")
            assert unlinked.json()["related"] == [] and unlinked.headers["etag"] == '"2"'
            last = http.get(f"/concepts/{linking}/history").json()[-1]
            assert (last["action"], last["author"]) == ("unlink", "alice")


def test_the_bundled_links_are_kept_without_unlink(writer: Server) -> None:
    with writer.client("alice") as http:
        revision = http.get("/concepts/cis").headers["etag"]
        refused = problem_of(http.delete("/concepts/cis", headers={"If-Match": revision}), 409)
        assert "eeu" in refused["linked"] and "eeu" in refused["detail"]
        assert http.get("/concepts/cis").headers["etag"] == revision


def test_a_concept_read_is_a_concept_that_can_be_written_back(writer: Server) -> None:
    """Every field of the JSON form goes back in: match rules, unreviewed contexts."""
    with writer.client("alice") as http:
        concepts = http.get("/export/json").json()["concepts"]
        with_rules = [c["id"] for c in concepts if any(
            "rules" in t for s in c["langs"].values() for t in s["terms"])]
        assert with_rules
        for cid in with_rules:
            response = http.get(f"/concepts/{cid}")
            again = http.put(f"/concepts/{cid}", json=response.json(),
                             headers={"If-Match": response.headers["etag"]})
            assert again.status_code == 200, again.text
            assert again.json() == response.json()  # unchanged: the same revision
        cid = fresh_id()
        body = new_concept(cid, contexts=[{"lang": "en", "text": "A sentence to review.",
                                           "source": "tca-2018-05-neutrality",
                                           "reviewed": False}])
        created = http.post("/concepts", json=body)
        assert created.status_code == 201, created.text
        assert created.json()["contexts"][0]["reviewed"] is False
        assert http.put(f"/concepts/{cid}", json=created.json(),
                        headers={"If-Match": '"1"'}).json()["revision"] == 1


def test_review_approves_and_rejects_proposed_terms(writer: Server) -> None:
    cid = fresh_id()
    body = new_concept(cid)
    body["langs"]["kk"] = {"terms": [{"text": "Ұсыныс", "reviewed": False},
                                     {"text": "Екінші ұсыныс", "status": "admitted",
                                      "reviewed": False}]}
    with writer.client("alice") as alice, writer.client("bob") as bob:
        assert alice.post("/concepts", json=body).status_code == 201
        queue = alice.get("/review").json()
        mine = [item for item in queue if item["id"] == cid]
        assert mine == [{"id": cid, "kind": "term", "lang": "kk", "position": 0,
                         "text": "Ұсыныс", "source": None},
                        {"id": cid, "kind": "term", "lang": "kk", "position": 1,
                         "text": "Екінші ұсыныс", "source": None}]
        approved = bob.post(f"/review/{cid}", json={"lang": "kk", "text": "Ұсыныс",
                                                    "decision": "approve"})
        assert approved.status_code == 200 and approved.headers["etag"] == '"2"'
        assert "reviewed" not in approved.json()["langs"]["kk"]["terms"][0]
        rejected = bob.post(f"/review/{cid}", json={"lang": "kk", "text": "Екінші ұсыныс",
                                                    "decision": "reject"})
        assert [t["text"] for t in rejected.json()["langs"]["kk"]["terms"]] == ["Ұсыныс"]
        assert not [item for item in alice.get("/review").json() if item["id"] == cid]
        problem_of(bob.post(f"/review/{cid}", json={"lang": "kk", "text": "Ұсыныс",
                                                    "decision": "approve"}), 404)
        problem_of(bob.post(f"/review/{cid}", json={"lang": "kk", "text": "Ұсыныс",
                                                    "decision": "maybe"}), 422)
        authors = [h["author"] for h in alice.get(f"/concepts/{cid}/history").json()]
        assert authors == ["alice", "bob", "bob"]
