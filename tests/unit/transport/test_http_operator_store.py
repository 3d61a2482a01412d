"""The operator's store and core (no HTTP): persistence, idempotency, cursors, access."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from edo_app.errors import InputError, StorageError, TransportError
from edo_app.transport.base import EventKind, Rejected, UnknownRecipient
from edo_app.transport.operator.auth import bearer_token, hash_token, new_token
from edo_app.transport.operator.core import Conflict, NotFound, OperatorCore
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.store import OperatorStore
from edo_app.transport.package import Entry, Role, to_zip
from tests.unit.transport.samples import ALICE, BOB, CAROL, document_package

PEOPLE = {ALICE: ("7700000009", "770001001"), BOB: ("5002000005", "500201001"), CAROL: ("9900000017", "990001001")}


def _register(store: OperatorStore) -> None:
    for participant_id, (inn, kpp) in PEOPLE.items():
        participant = Participant(participant_id, inn, kpp, f"ООО {participant_id}")
        store.add_participant(participant, hash_token(participant_id))


@pytest.fixture
def core() -> OperatorCore:
    store = OperatorStore.in_memory()
    _register(store)
    return OperatorCore(store, None, "2ZZ-OPERATOR")


def test_participants_are_found_by_token_hash_and_by_inn(core: OperatorCore) -> None:
    store = core.store
    alice = store.participant_by_token(hash_token(ALICE))
    assert alice is not None and alice.participant_id == ALICE
    assert store.participant_by_token(hash_token("wrong")) is None
    assert [p.participant_id for p in store.participants(inn="5002000005")] == [BOB]
    assert store.participants(inn="5002000005", kpp="000000000") == []
    with pytest.raises(StorageError, match="уже зарегистрирован"):
        store.add_participant(Participant(ALICE, "7700000009", "770001001", "X"), hash_token("other"))


def test_a_participant_needs_valid_identifiers() -> None:
    with pytest.raises(InputError, match=r"ИНН|инн|контрольн"):
        Participant(ALICE, "7700000001", "770001001", "ООО")
    with pytest.raises(InputError):
        Participant("../x", "7700000009", "770001001", "ООО")


def test_tokens_are_random_and_only_their_hash_is_kept(tmp_path: Path) -> None:
    token = new_token()
    assert token != new_token() and len(token) > 40
    store = OperatorStore.open(tmp_path)
    store.add_participant(Participant(ALICE, "7700000009", "770001001", "ООО"), hash_token(token))
    store.close()
    assert token.encode() not in (tmp_path / "operator.sqlite3").read_bytes()
    assert bearer_token(f"Bearer {token}") == token
    assert bearer_token(f"Basic {token}") is None and bearer_token(None) is None and bearer_token("Bearer ") is None


def test_send_is_idempotent_and_a_changed_resend_conflicts(core: OperatorCore) -> None:
    package = document_package()
    first = core.send(ALICE, to_zip(package))
    assert core.send(ALICE, to_zip(package)) == first
    changed = dataclasses.replace(package, entries=(Entry("other.xml", Role.DOCUMENT, b"<x/>"),))
    with pytest.raises(Conflict, match="другим содержимым"):
        core.send(ALICE, to_zip(changed))
    assert len(core.events(BOB, None, 10).events) == 1


def test_concurrent_twins_give_one_message(tmp_path: Path) -> None:
    store = OperatorStore.open(tmp_path)  # a file database: one connection per thread, as in the server
    _register(store)
    core = OperatorCore(store, None, "2ZZ-OPERATOR")
    data = to_zip(document_package())
    receipts = []
    threads = [threading.Thread(target=lambda: receipts.append(core.send(ALICE, data))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(receipts)) == 1
    assert core.store.counts()["messages"] == 1


def test_route_errors(core: OperatorCore) -> None:
    with pytest.raises(Rejected, match="не совпадает"):
        core.send(BOB, to_zip(document_package()))
    with pytest.raises(UnknownRecipient):
        core.send(ALICE, to_zip(document_package(recipient="2XX9999999999")))


def test_only_sender_and_recipient_read_a_message(core: OperatorCore) -> None:
    receipt = core.send(ALICE, to_zip(document_package()))
    assert core.package_bytes(BOB, receipt.message_id) == core.package_bytes(ALICE, receipt.message_id)
    with pytest.raises(NotFound, match="не найдено"):
        core.package_bytes(CAROL, receipt.message_id)


def test_events_cursor_and_acknowledge(core: OperatorCore) -> None:
    ids = [core.send(ALICE, to_zip(document_package())).message_id for _ in range(3)]
    page = core.events(BOB, None, 2)
    assert [e.kind for e in page.events] == [EventKind.DOCUMENT_RECEIVED] * 2
    rest = core.events(BOB, page.next_cursor, 10)
    assert [e.message_id for e in page.events + rest.events] == ids
    assert core.events(BOB, rest.next_cursor, 10).events == []
    sent = core.events(ALICE, None, 10).events
    assert {e.payload["status"] for e in sent} == {"delivered"}
    core.acknowledge(BOB, [rest.events[0].event_id])
    core.acknowledge(BOB, [rest.events[0].event_id])
    with pytest.raises(NotFound):
        core.acknowledge(ALICE, [rest.events[0].event_id])  # not Alice's event
    with pytest.raises(TransportError, match="Курсор"):
        core.events(BOB, "999999", 10)
    with pytest.raises(InputError, match="limit"):
        core.events(BOB, None, 0)


def test_acknowledging_several_is_all_or_nothing(core: OperatorCore) -> None:
    for _ in range(3):
        core.send(ALICE, to_zip(document_package()))
    ids = [e.event_id for e in core.events(BOB, None, 10).events]
    alices = core.events(ALICE, None, 1).events[0].event_id
    with pytest.raises(NotFound):
        core.acknowledge(BOB, [ids[0], alices])
    with core.store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM events WHERE acked").scalar() == 0
    core.acknowledge(BOB, [*ids, ids[0]])  # a repeated id is fine
    with core.store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM events WHERE acked").scalar() == 3


def test_a_page_inlines_the_packages_its_events_announce(core: OperatorCore) -> None:
    sent = [core.send(ALICE, to_zip(document_package())) for _ in range(2)]
    inline = core.inline_packages(BOB, core.events(BOB, None, 10).events)
    assert inline == {r.message_id: core.package_bytes(BOB, r.message_id) for r in sent}
    assert core.inline_packages(ALICE, core.events(ALICE, None, 10).events) == {}  # status events: nothing
    assert core.inline_packages(CAROL, core.events(BOB, None, 10).events) == {}  # never another box's


def test_everything_survives_a_restart(tmp_path: Path) -> None:
    store = OperatorStore.open(tmp_path)
    _register(store)
    receipt = OperatorCore(store, None, "2ZZ-OPERATOR").send(ALICE, to_zip(document_package()))
    store.close()
    again = OperatorCore(OperatorStore.open(tmp_path), None, "2ZZ-OPERATOR")
    assert again.send(ALICE, again.package_bytes(ALICE, receipt.message_id)) == receipt
    assert [e.message_id for e in again.events(BOB, None, 10).events] == [receipt.message_id]
    with again.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY: a batch's savepoints spill nothing
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 10000


def test_an_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    OperatorStore.open(tmp_path).close()
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'operator.sqlite3'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE operator_meta SET value = '99' WHERE key = 'schema'")
    engine.dispose()
    with pytest.raises(StorageError, match="версии 99"):
        OperatorStore.open(tmp_path)


def test_a_version_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    """Version 1 had no flow_files.related and marked a proposed annulment on the document."""
    OperatorStore.open(tmp_path).close()
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'operator.sqlite3'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_flow_files_related")
        conn.exec_driver_sql("ALTER TABLE flow_files DROP COLUMN related")
        conn.exec_driver_sql("INSERT INTO flow_files VALUES "
                             "('UPD-1', 'm1', 'a', 'b', 'title', 'СЧФ', 'annul_proposed')")
        conn.exec_driver_sql("UPDATE operator_meta SET value = '1' WHERE key = 'schema'")
    engine.dispose()
    store = OperatorStore.open(tmp_path)
    subject = store.subject("UPD-1")
    assert subject is not None and (subject.state.value, subject.related) == ("sent", "")
    assert store.pending_annulment("UPD-1") is None
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT value FROM operator_meta WHERE key = 'schema'").scalar() == "2"
