"""ExchangeRepository: the outbox's states, the inbox's idempotency, cursors, and ``apply``
writing everything of one event or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from edo_app.errors import StorageError
from edo_app.model.kinds import DocumentStatus
from edo_app.storage import Database, DocumentRepository, open_database
from edo_app.storage.outbox import (
    FAILED,
    PENDING,
    PROCESSED,
    SENDING,
    SENT,
    ExchangeRepository,
    NewDocument,
    NewEvent,
    NewOutgoing,
    Processing,
)
from tests.unit.storage.factories import CONTENT, REPORT_OK, add_document, summary

S = DocumentStatus
PACKAGE_ID = "9b2f3c4d-1111-4a2b-8c3d-000000000001"


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    yield database
    database.close()


def _to(status: DocumentStatus) -> object:
    return lambda current: status


def _count(db: Database, table: str) -> int:
    with db.session() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_outbox_goes_pending_sending_sent_with_the_status(db: Database) -> None:
    repo, doc_id = ExchangeRepository(db), add_document(db, status=S.SIGNED)
    repo.queue([NewOutgoing(PACKAGE_ID, "document", "2BM-1", b"zip", doc_id)])
    [item] = repo.due(datetime.now(UTC) + timedelta(seconds=1))
    assert (item.state, item.attempts, item.package) == (PENDING, 0, b"zip")
    repo.begin_attempt([item.id])
    [again] = repo.due(datetime.now(UTC) + timedelta(seconds=1))  # a crash here: still due
    assert (again.state, again.attempts) == (SENDING, 1)
    repo.sent([(item.id, "msg-1")], _to(S.SENT))  # type: ignore[arg-type]
    assert repo.due(datetime.now(UTC) + timedelta(days=1)) == []
    assert [(o.state, o.message_id) for o in repo.outbox(doc_id)] == [(SENT, "msg-1")]
    assert DocumentRepository(db).get(doc_id).status is S.SENT
    link = repo.link(doc_id)
    assert link is not None and (link.package_id, link.message_id) == (PACKAGE_ID, "msg-1")
    actions = [e.action for e in DocumentRepository(db).events(doc_id)]
    assert actions[-3:] == ["exchange.queued", "exchange.sent", "document.status"]


def test_retry_waits_and_failure_is_final(db: Database) -> None:
    repo, doc_id = ExchangeRepository(db), add_document(db)
    repo.queue([NewOutgoing(PACKAGE_ID, "document", "2BM-1", b"zip", doc_id)])
    [item] = repo.outbox()
    later = datetime.now(UTC) + timedelta(minutes=1)
    repo.retry_later(item.id, "Оператор недоступен", later)
    assert repo.due(later - timedelta(seconds=1)) == [] and len(repo.due(later)) == 1
    repo.failed(item.id, "Получатель не найден")
    assert repo.due(later + timedelta(days=1)) == []
    assert [(o.state, o.last_error) for o in repo.outbox()] == [(FAILED, "Получатель не найден")]


def test_the_same_package_id_is_refused(db: Database) -> None:
    repo, doc_id = ExchangeRepository(db), add_document(db)
    repo.queue([NewOutgoing(PACKAGE_ID, "document", "2BM-1", b"zip", doc_id)])
    with pytest.raises(StorageError):
        repo.queue([NewOutgoing(PACKAGE_ID, "document", "2BM-1", b"zip", doc_id)])
    assert _count(db, "exchange_outbox") == 1 and _count(db, "exchange_outbox_packages") == 1


def test_events_are_stored_once(db: Database) -> None:
    repo = ExchangeRepository(db)
    event = NewEvent("7", "msg-7", "document_received", {"sender": "2AE-1"}, b"zip")
    repo.save_events([event, event])
    repo.save_events([event])
    assert [(i.event_id, i.state, i.package) for i in repo.inbox()] == [("7", "received", b"zip")]
    assert repo.known_events(["7", "8"]) == {"7"}
    repo.save_events([NewEvent("8", "msg-8", "document_received", {}, None, "пакет повреждён")])
    assert [i.state for i in repo.unprocessed()] == ["received"]
    assert repo.unacknowledged() == ["8"]  # failed counts as done: acknowledged so it does not block
    repo.mark_acknowledged(["8"])
    assert repo.unacknowledged() == []
    assert _count(db, "exchange_inbox_packages") == 1  # stored once, beside its row; "8" has none


def test_apply_writes_document_answers_state_and_cursor_together(db: Database) -> None:
    repo = ExchangeRepository(db)
    repo.save_events([NewEvent("1", "msg-1", "document_received", {}, b"zip")])
    [item] = repo.unprocessed()
    new = NewDocument(summary(5), CONTENT, REPORT_OK, S.SIGNATURE_REQUIRED, "2AE-1", PACKAGE_ID, "msg-1")
    answer = NewOutgoing("9b2f3c4d-1111-4a2b-8c3d-000000000002", "ИОП", "2AE-1", b"iop", for_new_document=True)
    work = Processing(item.id, document=new, outgoing=[answer], cursor=("memory", "2BM-1", "1"))
    doc_id = repo.apply(work)
    assert doc_id is not None
    assert DocumentRepository(db).get(doc_id).status is S.SIGNATURE_REQUIRED
    assert [(o.purpose, o.document_id) for o in repo.outbox()] == [("ИОП", doc_id)]
    assert [(i.state, i.document_id) for i in repo.inbox()] == [(PROCESSED, doc_id)]
    assert repo.cursor("memory", "2BM-1") == "1"
    assert repo.apply(work) == doc_id  # processed already: nothing is written twice
    assert _count(db, "documents") == 1 and _count(db, "exchange_outbox") == 1


def test_apply_is_all_or_nothing(db: Database) -> None:
    repo = ExchangeRepository(db)
    taken = add_document(db, 5)  # the same ИдФайл is already stored: the insert fails
    repo.save_events([NewEvent("1", "msg-1", "document_received", {}, b"zip")])
    [item] = repo.unprocessed()
    new = NewDocument(summary(5), CONTENT, REPORT_OK, S.RECEIVED, "2AE-1", PACKAGE_ID, "msg-1")
    answer = NewOutgoing("9b2f3c4d-1111-4a2b-8c3d-000000000002", "ИОП", "2AE-1", b"iop", for_new_document=True)
    with pytest.raises(StorageError):
        repo.apply(Processing(item.id, document=new, outgoing=[answer], cursor=("memory", "2BM-1", "1"),
                              changes=[(taken, _to(S.ANNULLED), "test")]))  # type: ignore[list-item]
    assert [i.state for i in repo.inbox()] == ["received"]
    assert repo.cursor("memory", "2BM-1") is None
    assert _count(db, "exchange_outbox") == 0 and _count(db, "documents") == 1
    assert _count(db, "exchange_outbox_packages") == 0
    assert DocumentRepository(db).get(taken).status is S.VALIDATED


def test_cursor_per_transport_and_participant(db: Database) -> None:
    repo = ExchangeRepository(db)
    repo.set_cursor("folder:/x", "2AE-1", "a")
    repo.set_cursor("folder:/x", "2AE-1", "b")
    repo.set_cursor("operator:https://op", "2AE-1", "c")
    assert (repo.cursor("folder:/x", "2AE-1"), repo.cursor("operator:https://op", "2AE-1")) == ("b", "c")
    assert repo.cursor("folder:/x", "2BM-2") is None
