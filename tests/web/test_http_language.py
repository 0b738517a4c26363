"""The HTTP API answers in English, whatever the language of the server's process."""

from __future__ import annotations

from pathlib import Path

import pytest

from .live import start_server, stop_server_process


def test_a_server_started_in_a_kazakh_locale_answers_in_english(
        mini_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "kk")  # the CLI that starts the server speaks Kazakh
    server = start_server(tmp_path / "kk", mini_store)
    try:
        with server.client() as client:
            hits = client.get("/lookup", params={"q": "Евразийского экономического союза"}).json()
            missing = client.get("/concepts/nosuch")
    finally:
        stop_server_process(server.process)
    assert missing.status_code == 404
    assert "no concept with id 'nosuch'" in missing.text
    assert "ұғым" not in missing.text
    assert hits["hits"]
    assert hits["hits"][0]["explanation"].startswith("matched «"), hits
    assert "(Russian, lemma)" in hits["hits"][0]["explanation"]
