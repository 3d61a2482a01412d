"""The storage contract on SQLite (a temp file per test)."""

from __future__ import annotations

import pytest

from tests.unit.storage.contract import RepositoryContract


class TestSqliteRepository(RepositoryContract):
    @pytest.fixture
    def url(self, sqlite_url: str) -> str:
        return sqlite_url
