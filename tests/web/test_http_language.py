"""The HTTP API answers in the language the client's Accept-Language prefers (en, ru or
kk), English otherwise, whatever the language of the server's process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from glossary.server.http.language import negotiate

from .live import Server, copy_store, start_server, stop_server_process

QUERY = "Евразийского экономического союза"


@pytest.fixture(scope="module")
def kazakh_server(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[Server]:
    """A server started by a CLI that speaks Kazakh (LANGUAGE=kk)."""
    work = tmp_path_factory.mktemp("kk")
    server = start_server(work, copy_store(bundled_store, work / "store.sqlite3"),
                          env={"LANGUAGE": "kk"})
    yield server
    stop_server_process(server.process)


def ask(server: Server, accept: str | None) -> tuple[httpx.Response, httpx.Response]:
    headers = {"Accept-Language": accept} if accept is not None else {}
    with server.client() as client:
        return (client.get("/lookup", params={"q": QUERY}, headers=headers),
                client.get("/concepts/nosuch", headers=headers))


def test_without_accept_language_the_answers_are_english(kazakh_server: Server) -> None:
    hits, missing = ask(kazakh_server, None)
    assert missing.status_code == 404
    assert "no concept with id 'nosuch'" in missing.text and "ұғым" not in missing.text
    explanation = hits.json()["hits"][0]["explanation"]
    assert explanation.startswith("matched «") and "(Russian, lemma)" in explanation
    assert hits.headers["content-language"] == missing.headers["content-language"] == "en"
    assert "accept-language" in hits.headers["vary"].casefold()


@pytest.mark.parametrize(("accept", "lang", "word"), [
    ("kk", "kk", "ұғым"), ("kk-KZ, ru;q=0.8, en;q=0.5", "kk", "ұғым"),
    ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru", "понят"), ("de, ru;q=0.3", "ru", "понят"),
    ("kk;q=0, ru;q=0.1", "ru", "понят")])
def test_the_answers_follow_the_clients_preference(kazakh_server: Server, accept: str,
                                                    lang: str, word: str) -> None:
    hits, missing = ask(kazakh_server, accept)
    assert missing.status_code == 404 and word in missing.json()["detail"]
    assert "no concept with id" not in missing.text
    assert not hits.json()["hits"][0]["explanation"].startswith("matched «")
    assert hits.headers["content-language"] == missing.headers["content-language"] == lang


def test_the_widget_script_is_the_same_for_everyone(kazakh_server: Server) -> None:
    english = httpx.get(f"{kazakh_server.url}/embed.js")
    kazakh = httpx.get(f"{kazakh_server.url}/embed.js", headers={"Accept-Language": "kk"})
    assert english.status_code == kazakh.status_code == 200
    assert english.content == kazakh.content
    assert "content-language" not in kazakh.headers


@pytest.mark.parametrize(("header", "lang"), [
    (None, "en"), ("", "en"), ("fr, de", "en"), ("*", "en"), ("ru, *;q=0.5", "ru"),
    ("KK", "kk"), ("en;q=0.2, kk;q=0.9", "kk"), ("ru;q=bad, kk;q=0.1", "kk"),
    ("ru;q=1.5", "ru"), ("kk, ru", "kk"), ("ru, kk", "ru")])
def test_accept_language_is_read_by_weight_then_order(header: str | None, lang: str) -> None:
    assert negotiate(header) == lang


def test_the_servers_own_problems_follow_the_client_too(kazakh_server: Server) -> None:
    """Not only the library's messages: what the HTTP layer itself says (a read-only server,
    a path it does not have, an invalid parameter, a bad cursor, a CSV export without a
    target) was English whatever Accept-Language asked for."""
    def details(accept: str | None) -> list[str]:
        headers = {"Accept-Language": accept} if accept else {}
        with kazakh_server.client() as client:
            answers = [client.post("/concepts", json={"id": "x"}, headers=headers),
                       client.get("/nosuch", headers=headers),
                       client.get("/lookup", params={"q": ""}, headers=headers),
                       client.get("/concepts", params={"cursor": "garbage"}, headers=headers),
                       client.get("/export/csv", headers=headers)]
        assert [a.status_code for a in answers] == [403, 404, 422, 422, 422]
        return [a.json()["detail"] for a in answers]

    english = details(None)  # the server's process speaks Kazakh: the answers do not
    assert english[0] == ("this server is read-only: start it with --token-file to accept "
                          "writes")
    assert english[1] == "no such resource: /api/v1/nosuch"
    assert english[2].startswith("invalid request: q: ")
    assert english[3] == "the cursor is not one this API gave (pass next_cursor as is)"
    assert english[4] == "field 'target': csv is one language pair: give a target language"
    assert details("ru") == [
        "этот сервер только для чтения: чтобы он принимал запись, запустите его с "
        "--token-file", "нет такого ресурса: /api/v1/nosuch",
        "недопустимый запрос: " + english[2].removeprefix("invalid request: "),
        "этот курсор выдан не этим API (передавайте next_cursor как есть)",
        "поле 'target': csv — это одна языковая пара: укажите язык перевода"]
    kazakh = details("kk-KZ")
    assert kazakh[0].startswith("бұл сервер тек оқуға арналған: ")
    assert kazakh[4] == "'target' өрісі: csv — бір тіл жұбы: аударма тілін көрсетіңіз"
