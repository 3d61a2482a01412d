"""Registry folders and filters (archived, counterparty, number, capped count) on SQLite and
PostgreSQL, with the six documents of ``contract.seed``."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from edo_app.errors import StorageError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.storage import Database, DocumentQuery, DocumentRepository
from edo_app.storage.repository import ACTION_ARCHIVED, ACTION_UNARCHIVED
from tests.unit.storage.contract import DatabaseContract, OnPostgres, OnSqlite, seed
from tests.unit.storage.factories import LYUTIK, VASILEK


class RegistryContract(DatabaseContract):
    @pytest.fixture
    def ids(self, documents: DocumentRepository) -> dict[str, int]:
        return seed(documents)

    @staticmethod
    def names(repo: DocumentRepository, ids: dict[str, int], **query: Any) -> set[str]:
        q = DocumentQuery(**query)
        by_id = {v: k for k, v in ids.items()}
        found = {by_id[r.id] for r in repo.list_page(q, 0, 100)}
        assert repo.count(q) == len(found)
        return found

    def test_archive_moves_documents_between_folders(self, documents: DocumentRepository,
                                                     ids: dict[str, int]) -> None:
        changed = documents.set_archived([ids["out1"], ids["in2"]], True, "тест")
        assert sorted(changed) == sorted([ids["out1"], ids["in2"]])
        assert self.names(documents, ids, direction=Direction.OUTGOING, archived=False) == {"out3", "out5"}
        assert self.names(documents, ids, direction=Direction.INCOMING, archived=False) == {"in6"}
        assert self.names(documents, ids, archived=True) == {"out1", "in2"}
        assert self.names(documents, ids) == set(ids)  # archived=None: both
        assert documents.set_archived([ids["out1"], ids["out3"]], False, "тест") == [ids["out1"]]
        assert self.names(documents, ids, archived=True) == {"in2"}

    def test_each_change_is_one_audit_event(self, documents: DocumentRepository, ids: dict[str, int]) -> None:
        documents.set_archived([ids["out1"]], True, "тест")
        documents.set_archived([ids["out1"]], True, "тест")  # already there: nothing logged
        documents.set_archived([ids["out1"]], False, "тест")
        actions = [e.action for e in documents.events(ids["out1"])]
        assert actions[1:] == [ACTION_ARCHIVED, ACTION_UNARCHIVED]
        assert documents.events(ids["out1"])[1].actor == "тест"

    def test_unknown_id_changes_nothing(self, documents: DocumentRepository, ids: dict[str, int],
                                        database: Database) -> None:
        with pytest.raises(StorageError, match="не найден"):
            documents.set_archived([ids["out1"], 999_999], True, "тест")
        assert self.names(documents, ids, archived=True) == set()
        with database.engine.connect() as conn:
            logged = conn.execute(text("SELECT COUNT(*) FROM events WHERE action LIKE 'document.%archived'"))
            assert logged.scalar_one() == 0

    def test_counterparty_by_inn_prefix_or_name(self, documents: DocumentRepository, ids: dict[str, int]) -> None:
        assert self.names(documents, ids, counterparty=VASILEK.inn) == {"in2", "out3"}
        assert self.names(documents, ids, counterparty=VASILEK.inn[:4]) == {"in2", "out3"}
        assert self.names(documents, ids, counterparty=VASILEK.inn[2:8]) == set()  # a prefix, not a substring
        assert self.names(documents, ids, counterparty=" ЛЮТИК ") == {"out1", "draft4", "out5", "in6"}
        assert self.names(documents, ids, counterparty=LYUTIK.inn, direction=Direction.INCOMING) == {"in6"}

    def test_number_prefix_any_case(self, documents: DocumentRepository, ids: dict[str, int]) -> None:
        assert self.names(documents, ids, number="упд-3") == {"out3"}
        assert self.names(documents, ids, number="УПД") == set(ids) - {"out5"}
        assert self.names(documents, ids, number="а_1%") == {"out5"}  # wildcards are literal
        assert self.names(documents, ids, number="-3") == set()

    def test_filters_combine(self, documents: DocumentRepository, ids: dict[str, int]) -> None:
        documents.set_archived([ids["out5"]], True, "тест")
        query = {"direction": Direction.OUTGOING, "archived": False, "counterparty": "лютик"}
        assert self.names(documents, ids, **query) == {"out1"}
        assert self.names(documents, ids, **query, status=DocumentStatus.SIGNED) == set()
        assert self.names(documents, ids, archived=True, status=DocumentStatus.SENT, number="а_") == {"out5"}

    def test_capped_count(self, documents: DocumentRepository, ids: dict[str, int]) -> None:
        assert documents.count(DocumentQuery(), cap=3) == 4  # cap + 1: "more than 3"
        assert documents.count(DocumentQuery(), cap=10) == len(ids)
        assert documents.count(DocumentQuery(direction=Direction.DRAFT), cap=1) == 1


class TestSqliteRegistry(OnSqlite, RegistryContract):
    pass


class TestPostgresRegistry(OnPostgres, RegistryContract):
    pass
