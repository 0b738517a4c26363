"""A store holding a damaged concept (written by an older release, or a disk fault) is
still served: lookups flag the concept, pages name it, and reading it says what is wrong
and which command repairs it, as the CLI does."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary import Glossary
from glossary.cli import cli
from stored_docs import read_doc, stored

from .live import Server, copy_store, problem_of, start_server, stop_server_process


@pytest.fixture(scope="module")
def damaged_server(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[Server]:
    """A server on a copy of the bundled glossary whose 'eeu' has a good revision 2 and a
    revision 3 stored with an empty Kazakh term."""
    work = tmp_path_factory.mktemp("damaged")
    store = copy_store(bundled_store, work / "store.sqlite3")
    with Glossary.open(store, seed=False) as g:
        eeu = g.get("eeu")
        eeu.langs["en"].note = "The revision that will be damaged."
        g.put(eeu)
    with sqlite3.connect(store) as conn:
        doc = read_doc(conn, "SELECT doc FROM concepts WHERE id = 'eeu'")
        doc["langs"]["kk"]["terms"].append({"text": "", "type": "fullForm",
                                            "status": "admitted"})
        conn.execute("UPDATE concepts SET doc = ? WHERE id = 'eeu'", (stored(conn, doc),))
    conn.close()
    server = start_server(work, store)
    yield server
    stop_server_process(server.process)


def test_a_lookup_flags_the_damaged_concept_as_lookup_json_does(damaged_server: Server) -> None:
    with damaged_server.client() as http:
        body = http.get("/lookup", params={"q": "EEU", "limit": 3}).json()
    result = CliRunner().invoke(cli, ["--store", str(damaged_server.store), "lookup", "EEU",
                                      "--limit", "3", "--json"])
    assert body == json.loads(result.stdout)
    eeu = next(hit for hit in body["hits"] if hit["id"] == "eeu")
    assert "must not be empty" in eeu["damaged"]
    assert all("damaged" not in hit for hit in body["hits"] if hit["id"] != "eeu")


def test_reading_the_damaged_concept_names_the_problem_and_the_repair(
        damaged_server: Server) -> None:
    with damaged_server.client() as http:
        body = problem_of(http.get("/concepts/eeu"), 500)
        good = http.get("/concepts/cis")
    assert body["concept"] == "eeu"
    assert "must not be empty" in body["damaged"] and "eeu" in body["detail"]
    assert body["fix"].startswith("glossary undo eeu (restores revision")
    assert good.status_code == 200 and good.json()["id"] == "cis"
    assert "damaged concept" in damaged_server.log_text()


def test_a_page_of_concepts_names_the_damaged_ones_it_left_out(damaged_server: Server) -> None:
    with damaged_server.client() as http:
        first = http.get("/concepts", params={"limit": 5}).json()
        pages, cursor = [], None
        while True:
            page = http.get("/concepts", params={"limit": 20, **(
                {"cursor": cursor} if cursor else {})}).json()
            pages.append(page)
            if not (cursor := page["next_cursor"]):
                break
    listed = [item["id"] for page in pages for item in page["items"]]
    assert "eeu" not in listed and "cis" in listed
    named = [d for page in pages for d in page["damaged"]]
    assert [d["id"] for d in named] == ["eeu"] and "must not be empty" in named[0]["problem"]
    assert first["damaged"] == [] and all(i["id"] < "eeu" for i in first["items"])
