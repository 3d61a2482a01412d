"""Fixtures shared by the whole suite. Keep it small: topic fixtures live next to their tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.postgres import pg_fresh_url, pg_server, pg_url

__all__ = ["pg_fresh_url", "pg_server", "pg_url", "sqlite_url"]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a not yet existing SQLite file in the test's temp dir."""
    return f"sqlite:///{tmp_path / 'edo.sqlite3'}"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever reads or writes the developer's real data folder (settings, database, XSDs)."""
    monkeypatch.setenv("EDO_APP_DATA_DIR", str(tmp_path_factory.mktemp("edo-data")))
