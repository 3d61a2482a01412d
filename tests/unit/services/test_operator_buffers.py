"""The operator's HTTP server keeps a batch of packages and a feed page in memory: waitress's
defaults (512 KB of request body, 1 MB of answer) would write each through a temporary file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import waitress  # type: ignore[import-untyped]

from edo_app.services import operator_workers
from edo_app.services.operator_workers import BUFFER_IN_MEMORY, MAX_REQUEST_BYTES


def test_requests_and_answers_are_buffered_in_memory_up_to_8_mb(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: seen.update(options, app=app))
    operator_workers._serve(tmp_path, True, 4, host="127.0.0.1", port=0)
    assert callable(seen["app"])
    assert seen["inbuf_overflow"] == seen["outbuf_overflow"] == BUFFER_IN_MEMORY == 8 * 1024 * 1024
    assert seen["max_request_body_size"] == MAX_REQUEST_BYTES  # larger bodies are still taken, through a file
    assert (seen["threads"], seen["host"], seen["port"]) == (4, "127.0.0.1", 0)
