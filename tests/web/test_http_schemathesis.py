"""Schemathesis against a live server: no 5xx, responses that conform to the OpenAPI document.

A short, bounded run (a few examples per operation, a fixed seed) with every
check but ``positive_data_acceptance``: no OpenAPI schema can say that a
``related`` id must name an existing concept, that a cursor must be one the
API gave, or that ``export/csv`` needs ``target``, so some schema-valid
requests are rightly refused with 422. ``schemathesis.toml`` allows 428 for a
write without If-Match. The longer run is ``python -m benchmarks.http_bench
--schemathesis SECONDS``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .live import TOKENS, copy_store, start_server, stop_server_process

CONFIG = Path(__file__).with_name("schemathesis.toml")


def schemathesis_command(url: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run",
            f"{url}/openapi.json", "--checks", "all",
            "--exclude-checks", "positive_data_acceptance",
            "-H", f"Authorization: Bearer {TOKENS['alice']}", "--workers", "1", *extra]


def test_schemathesis_finds_no_server_error_and_no_nonconforming_response(
        bundled_store: Path, token_file: Path, tmp_path: Path) -> None:
    server = start_server(tmp_path, copy_store(bundled_store, tmp_path / "store.sqlite3"),
                          "--token-file", str(token_file), "--no-access-log")
    try:
        run = subprocess.run(schemathesis_command(server.url, "--max-examples", "3",
                                                  "--seed", "1"),
                             capture_output=True, text=True, timeout=300, cwd=tmp_path)
    finally:
        stop_server_process(server.process)
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    operations = re.search(r"Selected: (\d+)/(\d+)", report)
    assert operations and operations.group(1) == operations.group(2), report
    assert f"Tested: {operations.group(1)}" in report and " passed" in report
    assert "Traceback" not in server.log_text()
