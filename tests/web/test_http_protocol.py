"""What every client meets: problem+json errors, size limits, CORS, the bind address."""

from __future__ import annotations

import json

import sqlite3
from pathlib import Path

import httpx

from .live import Server, copy_store, problem_of, start_server, stop_server_process


def test_unknown_paths_and_methods_are_problems(reader: Server) -> None:
    with reader.client() as http:
        problem_of(http.get("/no/such/thing"), 404)
        wrong = http.patch("/concepts/eeu", json={})
        assert "PATCH" in problem_of(wrong, 405)["detail"]
        assert wrong.headers["allow"] == "GET, HEAD, PUT, DELETE"
        assert http.patch("/concepts").headers["allow"] == "GET, HEAD, POST"
        assert problem_of(http.get("/concepts", params={"limit": "many"}), 422)[
            "errors"][0]["field"] == "limit"
        problem_of(http.get("/concepts/eeu", headers={"If-None-Match": "no quotes"}), 422)


def test_head_is_answered_as_get_without_the_body(reader: Server) -> None:
    # curl -I, link checkers and uptime probes ask HEAD (RFC 9110: every server takes it)
    for path in ("/embed.js", "/demo", "/concept/eeu", "/api/v1/healthz",
                 "/api/v1/concepts/eeu", "/api/v1/export/tmx"):
        got, head = httpx.get(reader.url + path), httpx.head(reader.url + path)
        assert head.status_code == 200 and head.content == b"", path
        for name in ("content-type", "content-length", "etag", "content-disposition"):
            assert head.headers.get(name) == got.headers.get(name), (path, name)
    with reader.client() as http:
        missing = http.head("/concepts/no-such-concept")
        assert missing.status_code == 404 and missing.content == b""
        assert missing.headers["content-type"] == "application/problem+json"
        wrong = http.head("/annotate")
        assert wrong.status_code == 405 and wrong.headers["allow"] == "POST"
        assert "HEAD" in http.post("/stats").headers["allow"]


def test_a_trailing_slash_is_the_same_resource_not_a_redirect(reader: Server) -> None:
    """Behind a reverse proxy the router's 307 sent clients to the server's own address
    (``http://127.0.0.1:…``); a path with a trailing slash is now served as without it."""
    headers = {"Host": "cms.example.org"}  # as a proxy passes the public host on
    for path in ("/concepts", "/lookup?q=EEU", "/concepts/eeu"):
        plain = httpx.get(f"{reader.api}{path}")
        slashed = httpx.get(reader.api + path.replace("?", "/?") if "?" in path
                            else f"{reader.api}{path}/", headers=headers)
        assert slashed.status_code == plain.status_code == 200, (path, slashed.headers)
        assert slashed.json() == plain.json()
    assert httpx.get(f"{reader.url}/concept/eeu/").status_code == 200
    assert httpx.get(f"{reader.url}/").status_code == 307  # / itself: the docs


def test_the_widget_script_is_revalidated_not_downloaded_again(reader: Server) -> None:
    # every page of a site loads it: after max-age a browser or CDN asks with its ETag
    for path in ("/embed.js", "/demo"):
        first = httpx.get(reader.url + path)
        tag = first.headers["etag"]
        assert first.status_code == 200 and tag.startswith('"') and first.content
        for sent in (tag, f"W/{tag}", f'"other", {tag}'):
            again = httpx.get(reader.url + path, headers={"If-None-Match": sent})
            assert again.status_code == 304 and again.content == b"", (path, sent)
            assert again.headers["etag"] == tag
        assert httpx.get(reader.url + path, headers={"If-None-Match": '"other"'}).content == \
            first.content
    assert httpx.get(reader.url + "/embed.js").headers["cache-control"] == "public, max-age=300"


def test_a_concept_page_that_is_gone_is_a_page_for_the_reader(reader: Server) -> None:
    # the widget's links open in a browser: a concept deleted since is said in HTML
    gone = httpx.get(f"{reader.url}/concept/<b>gone")
    assert gone.status_code == 404
    assert gone.headers["content-type"] == "text/html; charset=utf-8"
    assert "&lt;b&gt;gone" in gone.text and "<b>gone" not in gone.text
    assert "default-src 'none'" in gone.headers["content-security-policy"]


def test_a_body_that_is_not_a_json_object_says_what_to_send(reader: Server) -> None:
    with reader.client() as http:
        # curl -d sends a form: the JSON in it is not read, and the answer says why
        form = problem_of(http.post("/annotate", content='{"text": "ЕАЭС"}', headers={
            "Content-Type": "application/x-www-form-urlencoded"}), 422)
        assert "Content-Type: application/json" in form["detail"]
        assert "application/x-www-form-urlencoded" in form["detail"]
        bare = problem_of(http.post("/annotate"), 422)
        assert "Content-Type: application/json" in bare["detail"]
        listed = problem_of(http.post("/check", json=["Kazakhstan", "Казахстан"]), 422)
        assert listed["errors"] == [{"field": None, "detail": "the body must be a JSON object"}]
        # a media type with parameters, or a +json one, is JSON
        assert http.post("/annotate", content='{"text": "ЕАЭС"}'.encode(), headers={
            "Content-Type": "application/json; charset=utf-8"}).json()["spans"]


def test_bodies_over_the_limit_are_refused_before_they_are_read(writer: Server) -> None:
    big = b'{"id": "x", "langs": {}, "pad": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    with writer.client("alice") as http:
        declared = http.post("/concepts", content=big,
                             headers={"Content-Type": "application/json"})
        assert "at most" in problem_of(declared, 413)["detail"]

        def chunks():  # no Content-Length: counted as it arrives
            for start in range(0, len(big), 65536):
                yield big[start:start + 65536]

        chunked = http.post("/concepts", content=chunks(),
                            headers={"Content-Type": "application/json"})
        problem_of(chunked, 413)
        upload = http.post("/import", files={"file": ("big.json", big)})
        problem_of(upload, 422)  # uploads may be larger: this one is read, and is not JSON


def test_cors_answers_only_the_named_origins(reader: Server) -> None:
    allowed, other = "https://cms.example.org", "https://elsewhere.example.com"
    with reader.client() as http:
        preflight = http.options("/lookup", headers={
            "Origin": allowed, "Access-Control-Request-Method": "GET"})
        assert preflight.headers["access-control-allow-origin"] == allowed
        simple = http.get("/lookup", params={"q": "EEU"}, headers={"Origin": allowed})
        assert simple.headers["access-control-allow-origin"] == allowed
        assert "etag" in http.get("/concepts/eeu", headers={"Origin": allowed}).headers[
            "access-control-expose-headers"].lower()
        exposed = http.get("/export/csv", params={"target": "kk"}, headers={
            "Origin": allowed}).headers["access-control-expose-headers"].lower()
        assert {"content-disposition", "retry-after"} <= set(exposed.replace(" ", "").split(","))
        refused = http.get("/lookup", params={"q": "EEU"}, headers={"Origin": other})
        assert "access-control-allow-origin" not in refused.headers
        problem = http.get("/nothing", headers={"Origin": allowed})
        assert problem.headers["access-control-allow-origin"] == allowed


def test_without_cors_origins_no_page_may_call(writer: Server) -> None:
    response = httpx.get(f"{writer.api}/lookup", params={"q": "EEU"},
                         headers={"Origin": "https://cms.example.org"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_the_server_binds_loopback_by_default(reader: Server) -> None:
    assert reader.url.startswith("http://127.0.0.1:")
    assert "Uvicorn running on http://127.0.0.1:" in reader.log_text()


def test_a_crash_is_a_problem_without_a_traceback(bundled_store: Path, tmp_path: Path) -> None:
    store = copy_store(bundled_store, tmp_path / "store.sqlite3")
    with sqlite3.connect(store) as db:  # the disk goes bad under the history table
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'history'").fetchone()[0]
    db.close()
    with store.open("r+b") as raw:
        raw.seek((root - 1) * page_size)
        raw.write(b"\xff" * page_size)
    server = start_server(tmp_path, store)
    try:
        with server.client() as http:
            assert http.get("/concepts/eeu").status_code == 200
            body = problem_of(http.get("/concepts/eeu/history"), 500)
            assert "the store is damaged" in body["detail"] and "glossary doctor" in body["detail"]
            assert "Traceback" not in json.dumps(body) and "sqlite" not in body["detail"]
        assert "store error on GET /api/v1/concepts/eeu/history" in server.log_text()
    finally:
        stop_server_process(server.process)
