"""Behaviour every storage backend must show. Subclasses provide the ``url`` fixture.

tests/unit/storage/test_repository.py runs it on SQLite, tests/integration/test_storage_postgres.py
on a real PostgreSQL server. The class name does not start with ``Test``: only subclasses run.

``DatabaseContract`` is the base of every such contract (documents, signatures, МЧД): it opens
and closes the database; ``OnSqlite`` and ``OnPostgres`` are the two ways to give it a URL, e.g.
``class TestSqliteX(OnSqlite, XContract)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, text

from edo_app.errors import InputError, StorageError
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.storage import (
    CounterpartyRepository,
    Database,
    DocumentQuery,
    DocumentRepository,
    SortKey,
    open_database,
)
from edo_app.storage import repository as repository_module
from edo_app.storage.employees import EmployeeEntry, EmployeeRepository
from edo_app.storage.records import DocumentRow
from tests.unit.storage.factories import (
    CONTENT,
    LYUTIK,
    REPORT_BAD,
    REPORT_OK,
    ROMASHKA,
    VASILEK,
    add_document,
    summary,
)

TABLES = ("documents", "document_contents", "events", "signatures", "counterparties")


def table_counts(db: Database, tables: Iterable[str] = TABLES) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in tables}


def seed(repo: DocumentRepository) -> dict[str, int]:
    """Six documents with distinct attributes; returns their ids by name."""
    specs: list[tuple[str, dict[str, Any], Direction, DocumentStatus]] = [
        ("out1", {"total": Decimal("1200.00")}, Direction.OUTGOING, DocumentStatus.SENT),
        ("in2", {"seller": VASILEK, "buyer": ROMASHKA, "doc_date": date(2026, 2, 15),
                 "total": Decimal("9.50"), "kind": DocumentKind.ACT_SELLER},
         Direction.INCOMING, DocumentStatus.RECEIVED),
        ("out3", {"buyer": VASILEK, "doc_date": date(2026, 3, 10), "total": Decimal("100.00")},
         Direction.OUTGOING, DocumentStatus.SIGNED),
        ("draft4", {"doc_date": date(2026, 1, 5), "total": Decimal("10.00")},
         Direction.DRAFT, DocumentStatus.DRAFT),
        ("out5", {"number": "А_1%", "total": Decimal("55.55")}, Direction.OUTGOING, DocumentStatus.SENT),
        ("in6", {"seller": LYUTIK, "buyer": ROMASHKA, "doc_date": date(2026, 3, 1), "total": None},
         Direction.INCOMING, DocumentStatus.SIGNATURE_REQUIRED),
    ]
    ids = {}
    for n, (name, changes, direction, status) in enumerate(specs, start=1):
        ids[name] = repo.add_document(summary(n, **changes), CONTENT, direction, status, REPORT_OK, actor="test")
    return ids


@contextmanager
def opened(url: str) -> Iterator[Database]:
    """The database at ``url`` (migrated to head on opening), closed afterwards."""
    db = open_database(url)
    try:
        yield db
    finally:
        db.close()


class DatabaseContract:
    """A fresh database per test; a subclass (or a mixin before this class) provides ``url``."""

    DOC_STATUS = DocumentStatus.VALIDATED  # status of the ``doc_id`` document

    @pytest.fixture
    def url(self) -> str:
        raise NotImplementedError("a subclass provides the database URL")

    @pytest.fixture
    def database(self, url: str) -> Iterator[Database]:
        with opened(url) as db:
            yield db

    @pytest.fixture
    def documents(self, database: Database) -> DocumentRepository:
        return DocumentRepository(database)

    @pytest.fixture
    def doc_id(self, database: Database) -> int:
        """One stored outgoing document (``summary(1)``) for tests of what hangs off documents."""
        return add_document(database, 1, self.DOC_STATUS)


class OnSqlite:
    """Runs a contract on a SQLite file in the test's temp dir."""

    @pytest.fixture
    def url(self, sqlite_url: str) -> str:
        return sqlite_url


@pytest.mark.postgres
class OnPostgres:
    """Runs a contract on a fresh database of the PostgreSQL server the tests start."""

    @pytest.fixture
    def url(self, pg_fresh_url: str) -> str:
        return pg_fresh_url


class RepositoryContract(DatabaseContract):
    @pytest.fixture
    def repo(self, documents: DocumentRepository) -> DocumentRepository:
        return documents

    @pytest.fixture
    def parties(self, database: Database) -> CounterpartyRepository:
        return CounterpartyRepository(database)

    def names(self, rows: list[DocumentRow], ids: dict[str, int]) -> list[str]:
        by_id = {v: k for k, v in ids.items()}
        return [by_id[r.id] for r in rows]

    # --- add / get -------------------------------------------------------------------------

    def test_add_then_get_round_trips_summary_bytes_and_report(self, repo: DocumentRepository) -> None:
        s = summary(1, total=Decimal("9999999999999999.99"), vat=Decimal("0.01"))
        doc_id = repo.add_document(s, CONTENT, Direction.OUTGOING, DocumentStatus.VALIDATED, REPORT_BAD)
        stored = repo.get(doc_id)
        assert stored.summary == s
        assert stored.summary.total == Decimal("9999999999999999.99")
        assert stored.content == CONTENT
        assert stored.report == REPORT_BAD
        assert stored.direction is Direction.OUTGOING and stored.status is DocumentStatus.VALIDATED
        assert stored.counterparty == LYUTIK  # outgoing: the buyer is the other side
        assert len(stored.sha256) == 64
        assert stored.created_at.tzinfo is not None and stored.created_at.utcoffset().total_seconds() == 0
        assert abs((datetime.now(UTC) - stored.created_at).total_seconds()) < 60
        assert repo.get_content(doc_id) == CONTENT

    def test_counterparty_follows_direction(self, repo: DocumentRepository) -> None:
        incoming = repo.add_document(summary(1), CONTENT, Direction.INCOMING, DocumentStatus.RECEIVED, REPORT_OK)
        draft = repo.add_document(summary(2), CONTENT, Direction.DRAFT, DocumentStatus.DRAFT, REPORT_OK)
        assert repo.get(incoming).counterparty == ROMASHKA
        assert repo.get(draft).counterparty == LYUTIK
        no_buyer = repo.add_document(summary(3, buyer=None, total=None, vat=None, doc_date=None), CONTENT,
                                     Direction.OUTGOING, DocumentStatus.DRAFT, REPORT_OK)
        stored = repo.get(no_buyer)
        assert stored.counterparty is None and stored.summary.buyer is None and stored.summary.total is None

    def test_missing_document_is_a_storage_error(self, repo: DocumentRepository) -> None:
        with pytest.raises(StorageError, match="Документ № 404 не найден"):
            repo.get(404)
        with pytest.raises(StorageError, match="не найден"):
            repo.get_content(404)
        with pytest.raises(StorageError, match="не найден"):
            repo.set_status(404, DocumentStatus.SENT, "test")

    def test_duplicate_file_id_is_refused_and_leaves_nothing(
        self, repo: DocumentRepository, database: Database
    ) -> None:
        repo.add_document(summary(1), CONTENT, Direction.OUTGOING, DocumentStatus.DRAFT, REPORT_OK)
        before = table_counts(database)
        with pytest.raises(StorageError, match=r"ИдФайл «ON_NSCHFDOPPR_.*» уже есть в базе") as caught:
            repo.add_document(summary(1, number="другой"), b"<x/>", Direction.INCOMING,
                              DocumentStatus.RECEIVED, REPORT_OK)
        assert "UNIQUE" not in str(caught.value) and "duplicate" not in str(caught.value)
        assert table_counts(database) == before

    def test_failure_after_the_document_row_rolls_everything_back(
        self, repo: DocumentRepository, database: Database, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real_event = repository_module._event

        def dangling_event(*args: Any) -> Any:
            record = real_event(*args)
            record.document_id = 10**6  # the last INSERT breaks a foreign key
            return record

        monkeypatch.setattr(repository_module, "_event", dangling_event)
        with pytest.raises(StorageError, match="отсутствующий документ"):
            repo.add_document(summary(1), CONTENT, Direction.OUTGOING, DocumentStatus.DRAFT, REPORT_OK)
        assert table_counts(database) == dict.fromkeys(TABLES, 0)

    def test_bad_input_is_refused_before_writing(self, repo: DocumentRepository, database: Database) -> None:
        with pytest.raises(InputError) as caught:
            repo.add_document(summary(1, total=Decimal("1.005")), CONTENT, Direction.OUTGOING,
                              DocumentStatus.DRAFT, REPORT_OK)
        assert caught.value.field == "summary.total"
        with pytest.raises(InputError):
            repo.add_document(summary(2, vat=Decimal("1E+16")), CONTENT, Direction.OUTGOING,
                              DocumentStatus.DRAFT, REPORT_OK)
        with pytest.raises(InputError, match="длиннее 12 знаков") as caught:
            repo.add_document(summary(4, seller=ROMASHKA.__class__("X", "1" * 13)), CONTENT,
                              Direction.INCOMING, DocumentStatus.RECEIVED, REPORT_OK)
        assert caught.value.field == "summary.seller.inn"
        with pytest.raises(InputError, match="пуст"):
            repo.add_document(summary(3), b"", Direction.OUTGOING, DocumentStatus.DRAFT, REPORT_OK)
        assert table_counts(database)["documents"] == 0

    # --- registry ---------------------------------------------------------------------------

    def test_list_page_filters(self, repo: DocumentRepository) -> None:
        ids = seed(repo)

        def names(**query: Any) -> set[str]:
            q = DocumentQuery(**query)
            found = self.names(repo.list_page(q, 0, 100), ids)
            assert repo.count(q) == len(found)
            return set(found)

        assert names() == set(ids)
        assert names(direction=Direction.OUTGOING) == {"out1", "out3", "out5"}
        assert names(direction=Direction.INCOMING) == {"in2", "in6"}
        assert names(status=DocumentStatus.SENT) == {"out1", "out5"}
        assert names(kind=DocumentKind.ACT_SELLER) == {"in2"}
        assert names(date_from=date(2026, 3, 1), date_to=date(2026, 3, 1)) == {"out1", "out5", "in6"}
        assert names(date_from=date(2026, 3, 2)) == {"out3"}
        assert names(date_to=date(2026, 2, 15)) == {"in2", "draft4"}
        assert names(direction=Direction.OUTGOING, date_from=date(2026, 3, 2)) == {"out3"}

    def test_text_search_over_number_counterparty_and_inn(self, repo: DocumentRepository) -> None:
        ids = seed(repo)

        def names(text: str, **more: Any) -> set[str]:
            return set(self.names(repo.list_page(DocumentQuery(text=text, **more)), ids))

        assert names("упд-3") == {"out3"}
        # Лютик is the buyer of out1/draft4/out5 and the seller of in6; in2 has Лютик nowhere.
        assert names("  ЛЮТИК ") == {"out1", "draft4", "out5", "in6"}
        assert names("василек") == {"in2", "out3"}  # ё in the name, е in the query
        assert names(VASILEK.inn[2:8]) == {"in2", "out3"}
        assert names("ромашка") == set()  # our own name is not the counterparty's
        assert names("%") == {"out5"} and names("_") == {"out5"}  # wildcards are literal
        assert names("лютик", direction=Direction.INCOMING) == {"in6"}

    def test_longest_names_fit_the_indexes_and_stay_searchable(self, repo: DocumentRepository) -> None:
        giant = LYUTIK.__class__("Ж" * 1000, LYUTIK.inn, LYUTIK.kpp)
        doc_id = repo.add_document(summary(1, buyer=giant, number="Н" * 255), CONTENT, Direction.OUTGOING,
                                   DocumentStatus.DRAFT, REPORT_OK)
        assert repo.get(doc_id).counterparty == giant
        assert [r.id for r in repo.list_page(DocumentQuery(text=LYUTIK.inn))] == [doc_id]
        assert [r.id for r in repo.list_page(DocumentQuery(text="ЖЖЖ"))] == [doc_id]

    def test_list_page_sorts_by_every_key(self, repo: DocumentRepository) -> None:
        ids = seed(repo)
        rows = repo.list_page(DocumentQuery(sort=SortKey.CREATED, descending=False))
        assert [r.id for r in rows] == sorted(ids.values())
        keys = {
            SortKey.NUMBER: lambda r: r.number,
            SortKey.COUNTERPARTY: lambda r: r.counterparty.name,
            SortKey.STATUS: lambda r: r.status.value,
            SortKey.KIND: lambda r: r.kind.value,
            SortKey.DATE: lambda r: r.doc_date,
        }
        for key, value in keys.items():
            for descending in (False, True):
                got = repo.list_page(DocumentQuery(sort=key, descending=descending))
                expected = sorted(rows, key=lambda r, v=value: (v(r), r.id), reverse=descending)
                assert [r.id for r in got] == [r.id for r in expected], (key, descending)

    def test_total_sorts_as_a_number(self, repo: DocumentRepository) -> None:
        ids = seed(repo)
        rows = repo.list_page(DocumentQuery(sort=SortKey.TOTAL, descending=False))
        totals = [r.total for r in rows if r.total is not None]
        assert totals == [Decimal("9.50"), Decimal("10.00"), Decimal("55.55"), Decimal("100.00"),
                          Decimal("1200.00")]
        assert len(rows) == len(ids)

    def test_paging_covers_everything_once(self, repo: DocumentRepository) -> None:
        ids = seed(repo)
        query = DocumentQuery(sort=SortKey.DATE)
        pages = [repo.list_page(query, offset, 4) for offset in (0, 4, 8)]
        assert [len(p) for p in pages] == [4, 2, 0]
        assert sorted(r.id for p in pages for r in p) == sorted(ids.values())
        with pytest.raises(InputError):
            repo.list_page(query, -1, 10)
        with pytest.raises(InputError):
            repo.list_page(query, 0, 0)

    def test_registry_rows_never_read_bytes_or_reports(
        self, repo: DocumentRepository, database: Database
    ) -> None:
        seed(repo)
        statements: list[str] = []

        def remember(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
            statements.append(statement.lower())

        event.listen(database.engine, "before_cursor_execute", remember)
        try:
            rows = repo.list_page(DocumentQuery(text="лютик"))
            repo.count(DocumentQuery(text="лютик"))
        finally:
            event.remove(database.engine, "before_cursor_execute", remember)
        selects = [s for s in statements if s.lstrip().startswith("select")]
        assert len(selects) == 2
        assert not any("document_contents" in s or "report" in s for s in selects)
        row = rows[0]
        assert row.size == len(CONTENT) and row.valid and row.currency == "643"

    # --- status and audit log ---------------------------------------------------------------

    def test_set_status_logs_the_change(self, repo: DocumentRepository) -> None:
        doc_id = repo.add_document(summary(1), CONTENT, Direction.OUTGOING, DocumentStatus.DRAFT, REPORT_OK,
                                   actor="Иванов И. И.")
        before = repo.get(doc_id).updated_at
        repo.set_status(doc_id, DocumentStatus.SIGNED, "Иванов И. И.")
        repo.set_status(doc_id, DocumentStatus.SIGNED, "Иванов И. И.")  # no change, no event
        stored = repo.get(doc_id)
        assert stored.status is DocumentStatus.SIGNED and stored.updated_at >= before
        events = repo.events(doc_id)
        assert [e.action for e in events] == ["document.added", "document.status"]
        assert events[1].details == {"from": "draft", "to": "signed"}
        assert {e.actor for e in events} == {"Иванов И. И."}
        assert events[0].details["file_id"] == summary(1).file_id
        assert events[0].at <= events[1].at and events[1].document_id == doc_id

    def test_record_event_without_a_document(self, repo: DocumentRepository) -> None:
        logged = repo.record_event("sync.finished", "оператор", {"received": 3, "files": ["а.xml"]})
        assert logged.document_id is None and logged.details == {"received": 3, "files": ["а.xml"]}
        assert logged.at.tzinfo is not None
        with pytest.raises(InputError, match="JSON") as caught:
            repo.record_event("sync.finished", "оператор", {"when": datetime.now(UTC)})
        assert caught.value.field == "details"

    def test_audit_log_refuses_update_and_delete(self, repo: DocumentRepository, database: Database) -> None:
        doc_id = repo.add_document(summary(1), CONTENT, Direction.OUTGOING, DocumentStatus.DRAFT, REPORT_OK)
        for sql in ("UPDATE events SET actor = 'подлог'", "DELETE FROM events"):
            with pytest.raises(StorageError, match="Журнал событий нельзя изменять"), database.session() as s:
                s.execute(text(sql))
        assert [e.actor for e in repo.events(doc_id)] == [""]

    def test_raw_driver_errors_become_storage_errors(self, database: Database) -> None:
        with pytest.raises(StorageError) as caught, database.session() as s:
            s.execute(text("SELECT * FROM no_such_table"))
        assert "no_such_table" not in str(caught.value)
        assert caught.value.__cause__ is not None  # kept for the log

    def test_session_rolls_back_on_any_exception(self, database: Database) -> None:
        class Boom(Exception):
            pass

        with pytest.raises(Boom), database.session() as s:
            s.execute(text("INSERT INTO counterparties (inn, kpp, name, edo_id, search_text) "
                           "VALUES ('7708123450', '', 'x', '', 'x')"))
            raise Boom
        assert table_counts(database)["counterparties"] == 0

    # --- employees --------------------------------------------------------------------------

    def test_an_entrepreneurs_employees_fit(self, database: Database) -> None:
        """An ИП employer has a 12-digit ИНН (migration 0009 widened the column PostgreSQL enforces)."""
        employees = EmployeeRepository(database)
        stored = employees.add(EmployeeEntry("500013389010", "0001", "11223344595", PersonName("Снегирёв", "Глеб"),
                                             "Кладовщик"))
        assert [e.id for e in employees.search("", "500013389010")] == [stored.id]

    # --- counterparties ---------------------------------------------------------------------

    def test_counterparty_upsert_find_and_search(self, parties: CounterpartyRepository) -> None:
        first = parties.upsert(ROMASHKA.inn, ROMASHKA.kpp, "ООО Ромашка", edo_id="2BM-1")
        branch = parties.upsert(ROMASHKA.inn, "770802002", "ООО «Ромашка», филиал")
        renamed = parties.upsert(ROMASHKA.inn, ROMASHKA.kpp, ROMASHKA.name)
        parties.upsert(VASILEK.inn, VASILEK.kpp, VASILEK.name)
        assert renamed.id == first.id and renamed.name == ROMASHKA.name and renamed.edo_id == "2BM-1"
        assert parties.find(ROMASHKA.inn, ROMASHKA.kpp) == renamed
        assert parties.find(ROMASHKA.inn) is None
        assert [c.kpp for c in parties.find_by_inn(ROMASHKA.inn)] == [ROMASHKA.kpp, branch.kpp]
        assert {c.name for c in parties.search("РОМАШКА")} == {ROMASHKA.name, branch.name}
        assert [c.name for c in parties.search("василек")] == [VASILEK.name]
        assert [c.inn for c in parties.search(VASILEK.inn[:5])] == [VASILEK.inn]
        assert parties.upsert(ROMASHKA.inn, ROMASHKA.kpp, "x", edo_id="").edo_id == ""
        with pytest.raises(InputError):
            parties.upsert("  ", "", "без ИНН")
        with pytest.raises(InputError, match="длиннее 9") as caught:
            parties.upsert(VASILEK.inn, "1234567890", VASILEK.name)
        assert caught.value.field == "kpp"

