"""Reading over HTTP gives the CLI's JSON forms: lookup, concepts, history, stats."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from glossary import kk_to_latin
from glossary.cli import cli
from glossary.model import SCRIPTS
from glossary.search import SCOPES

from .live import Server, problem_of, start_server, stop_server_process


def cli_json(server: Server, *args: str) -> object:
    result = CliRunner().invoke(cli, ["--store", str(server.store), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_lookup_answers_the_hits_of_lookup_json(reader: Server) -> None:
    with reader.client() as http:
        for query in ("ЕАЭС", "Майдана", "Qazaqstan", "Federaton Council"):
            response = http.get("/lookup", params={"q": query, "limit": 3})
            assert response.status_code == 200
            assert response.headers["content-type"] == "application/json"
            assert response.json() == cli_json(reader, "lookup", query, "--limit", "3")
        ru = http.get("/lookup", params={"q": "EEU", "lang": "ru"}).json()
        assert all(hit["lang"] == "ru" for hit in ru["hits"])


@pytest.mark.parametrize(("query", "scope"), [
    ("Tashkent", "auto"), ("Ташкенте", "definitions"), ("балама", "contexts"),
    ("вето", "all"), ("EEU", "terms"), ("EEU", "notes"), ("Ташкентте", "auto")])
def test_lookup_in_definitions_notes_and_contexts_answers_lookup_in_json(
        reader: Server, query: str, scope: str) -> None:
    result = CliRunner().invoke(cli, ["--store", str(reader.store), "lookup", query, "--in",
                                      scope, "--limit", "5", "--json"])
    assert result.exit_code in (0, 1), result.output
    with reader.client() as http:
        response = http.get("/lookup", params={"q": query, "in": scope, "limit": 5})
    assert response.status_code == 200
    assert response.json() == json.loads(result.stdout)


def test_a_text_hit_says_where_it_was_found(reader: Server) -> None:
    with reader.client() as http:
        default = http.get("/lookup", params={"q": "Tashkent"}).json()  # in=auto
        terms_only = http.get("/lookup", params={"q": "Tashkent", "in": "terms"}).json()
    csto = default["hits"][0]
    assert (csto["id"], csto["match"], csto["field"], csto["lang"]) == (
        "csto", "text", "definition", "en")
    assert "«Tashkent»" in csto["snippet"] and "«Tashkent»" in csto["explanation"]
    assert [csto["snippet"][start:end] for start, end in csto["marks"]] == ["«Tashkent»"]
    assert all(hit["match"] == "fuzzy" and "field" not in hit and "marks" not in hit
               for hit in terms_only["hits"])


def test_the_scripts_of_the_api_are_those_of_the_library(reader: Server) -> None:
    """The route's parameter is a Literal (an enum in the OpenAPI document): it must list
    what show --script and Concept.to_dict take, no more and no less."""
    document = httpx.get(f"{reader.url}/openapi.json").json()
    parameters = document["paths"]["/api/v1/concepts/{concept_id}"]["get"]["parameters"]
    script = next(p for p in parameters if p["name"] == "script")
    assert sorted(script["schema"]["enum"]) == sorted(SCRIPTS)
    assert script["schema"]["default"] == "cyrl"


def test_the_scopes_of_the_api_are_those_of_the_library(reader: Server) -> None:
    document = httpx.get(f"{reader.url}/openapi.json").json()
    parameters = document["paths"]["/api/v1/lookup"]["get"]["parameters"]
    scope = next(p for p in parameters if p["name"] == "in")
    assert scope["schema"]["enum"] == list(SCOPES) and scope["schema"]["default"] == "auto"
    with reader.client() as http:
        assert problem_of(http.get("/lookup", params={"q": "x", "in": "everything"}), 422)[
            "errors"][0]["field"] == "in"


def test_lookup_without_a_hit_is_an_empty_list_and_bad_queries_name_the_parameter(
        reader: Server) -> None:
    with reader.client() as http:
        assert http.get("/lookup", params={"q": "zzzqqqxxx"}).json() == {
            "query": "zzzqqqxxx", "hits": []}
        latin1 = problem_of(http.get("/lookup?q=%C1%C0"), 422)  # "ÁÀ" sent as Latin-1
        assert "UTF-8" in latin1["detail"] and latin1["errors"][0]["field"] == "q"
        missing = problem_of(http.get("/lookup"), 422)
        assert missing["errors"][0]["field"] == "q"
        # the parameter the client sent, not the library's name for it
        empty = problem_of(http.get("/lookup", params={"q": "…"}), 422)
        assert empty["errors"][0]["field"] == "q" and empty["detail"].startswith("field 'q': ")
        assert problem_of(http.get("/lookup", params={"q": "x", "lang": "de"}), 422)[
            "errors"][0]["field"] == "lang"
        assert problem_of(http.get("/lookup", params={"q": "x" * 501}), 422)["detail"]


def test_pages_of_concepts_walk_the_whole_list_in_order(reader: Server) -> None:
    rows, cursor, pages = [], None, 0
    with reader.client() as http:
        while True:
            params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
            response = http.get("/concepts", params=params)
            page = response.json()
            rows += page["items"]
            pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                assert "link" not in response.headers
                break
            assert response.headers["link"].endswith('>; rel="next"')
            assert len(page["items"]) == 7
    assert rows == cli_json(reader, "list")
    assert pages == -(-len(rows) // 7)
    subject = cli_json(reader, "list", "--subject", "media")
    with reader.client() as http:
        assert http.get("/concepts", params={"subject": "media", "limit": 1000}).json() == {
            "items": subject, "next_cursor": None, "damaged": []}


def test_a_cursor_not_made_by_the_api_is_refused(reader: Server) -> None:
    with reader.client() as http:
        for bad in ("nonsense", "YWJj", "%%%"):
            body = problem_of(http.get("/concepts", params={"cursor": bad}), 422)
            assert body["errors"][0]["field"] == "cursor"


def test_a_concept_is_its_json_form_with_its_revision_as_etag(reader: Server) -> None:
    with reader.client() as http:
        response = http.get("/concepts/eeu")
        assert response.json() == cli_json(reader, "show", "eeu")
        assert response.headers["etag"] == f'"{response.json()["revision"]}"'
        again = http.get("/concepts/eeu", headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304 and again.content == b""
        latn = http.get("/concepts/csto", params={"script": "latn"}).json()
        assert [t["latn"] for t in latn["langs"]["kk"]["terms"]] == [
            kk_to_latin(t["text"]) for t in latn["langs"]["kk"]["terms"]]
        assert "Ūjymdyq" in latn["langs"]["kk"]["terms"][0]["latn"]
        assert "latn" not in str(latn["langs"]["ru"])
        older = http.get("/concepts/csto", params={"script": "kk-latn-2018"}).json()
        assert older == cli_json(reader, "show", "csto", "--script", "kk-latn-2018")
        assert older["langs"]["kk"]["terms"][0]["latn"].startswith("Ujymdyq qaýipsizdik")
        problem_of(http.get("/concepts/no-such-concept"), 404)
        problem_of(http.get("/concepts/eeu", params={"script": "grek"}), 422)


def test_a_weak_etag_sent_back_revalidates_the_concept(reader: Server) -> None:
    # a proxy that compresses (nginx's gzip) weakens the ETag it passes on, and clients
    # send it back so: If-None-Match compares weakly (RFC 9110 §13.1.2), If-Match strongly
    with reader.client() as http:
        revision = http.get("/concepts/eeu").json()["revision"]
        weak = http.get("/concepts/eeu", headers={"If-None-Match": f'W/"{revision}"'})
        assert weak.status_code == 304 and weak.headers["etag"] == f'"{revision}"'
        listed = http.get("/concepts/eeu",
                          headers={"If-None-Match": f'"{revision + 5}", W/"{revision}"'})
        assert listed.status_code == 304
        other = http.get("/concepts/eeu", headers={"If-None-Match": f'W/"{revision + 1}"'})
        assert other.status_code == 200 and other.json()["id"] == "eeu"


def test_history_and_stats_are_those_of_the_cli(reader: Server) -> None:
    with reader.client() as http:
        assert http.get("/concepts/eeu/history").json() == cli_json(reader, "history", "eeu")
        assert http.get("/stats").json() == {**cli_json(reader, "stats"), "read_only": True,
                                             "store_read_only": False}
        assert http.get("/healthz").json() == {"status": "ok",
                                               "concepts": len(cli_json(reader, "list")),
                                               "read_only": True, "store_read_only": False}
        problem_of(http.get("/concepts/nothing-here/history"), 404)


def test_a_subject_the_store_does_not_know_is_refused_as_the_cli_refuses_it(
        reader: Server) -> None:
    with reader.client() as http:
        body = problem_of(http.get("/concepts", params={"subject": "Medai"}), 422)
        by_label = http.get("/concepts", params={"subject": "сми", "limit": 1000}).json()
    result = CliRunner().invoke(cli, ["--store", str(reader.store), "list", "--subject",
                                      "Medai"])
    assert result.exit_code == 2
    assert result.stderr == f"glossary: {body['detail']}\n"
    assert "'Medai'" in body["detail"] and "Media (media)" in body["detail"]
    assert body["errors"][0]["field"] == "subject"
    assert by_label["items"] == cli_json(reader, "list", "--subject", "media")


def test_a_known_subject_no_concept_has_is_an_empty_page(
        mini_store: Path, tmp_path: Path) -> None:
    server = start_server(tmp_path, mini_store)  # the mini glossary: no concept of economy
    try:
        with server.client() as http:
            page = http.get("/concepts", params={"subject": "economy"})
    finally:
        stop_server_process(server.process)
    assert page.status_code == 200
    assert page.json() == {"items": [], "next_cursor": None, "damaged": []}
    assert cli_json(server, "list", "--subject", "economy") == []
