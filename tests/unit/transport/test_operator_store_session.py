"""The operator's in-memory participants stay right when another process (the ``edo operator``
CLI) changes the participants table; the statements of a send see the latest commits and write in
one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from edo_app.errors import StorageError
from edo_app.transport.base import EventKind, UnknownRecipient
from edo_app.transport.operator.auth import hash_token
from edo_app.transport.operator.core import OperatorCore
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.store import Delivery, Message, Notice, OperatorStore
from edo_app.transport.package import to_zip
from tests.unit.transport.samples import ALICE, BOB, document_package

ALICE_ORG = Participant(ALICE, "7700000009", "770001001", "ООО «Альфа»")
BOB_ORG = Participant(BOB, "5002000005", "500201001", "АО «Бета»")


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[OperatorStore, OperatorStore]]:
    """The server's store and the CLI's: one database file, two engines, as two processes."""
    server, cli = OperatorStore.open(tmp_path), OperatorStore.open(tmp_path)
    yield server, cli
    server.close()
    cli.close()


def _statements(engine: sa.Engine) -> list[str]:
    """The SQL the engine's connections run from now on (pysqlite's own BEGIN/COMMIT included)."""
    seen: list[str] = []
    engine.dispose()  # new connections, each traced from its start

    def trace(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(seen.append)

    sa.event.listen(engine, "connect", trace)
    return seen


def test_a_token_renewed_by_another_process_is_refused_on_the_next_lookup(
        stores: tuple[OperatorStore, OperatorStore]) -> None:
    server, cli = stores
    cli.add_participant(ALICE_ORG, hash_token("old"))
    assert server.participant_by_token(hash_token("old")) == ALICE_ORG  # now held in memory
    seen = _statements(server.engine)
    assert server.participant_by_token(hash_token("old")) == ALICE_ORG
    assert [s for s in seen if "participants" in s and "operator_meta" not in s] == []  # answered from memory
    cli.replace_token(ALICE, hash_token("new"))
    assert server.participant_by_token(hash_token("old")) is None
    assert server.participant_by_token(hash_token("new")) == ALICE_ORG


def test_a_box_registered_by_another_process_receives_at_once(stores: tuple[OperatorStore, OperatorStore]) -> None:
    server, cli = stores
    cli.add_participant(ALICE_ORG, hash_token(ALICE))
    core = OperatorCore(server, None, "2ZZ-OPERATOR")
    with pytest.raises(UnknownRecipient):
        core.send(ALICE, to_zip(document_package()))
    cli.add_participant(BOB_ORG, hash_token(BOB))
    core.send(ALICE, to_zip(document_package()))
    assert len(core.events(BOB, None, 10).events) == 1
    assert server.participant(BOB) == BOB_ORG


@pytest.mark.parametrize("edit", [
    "UPDATE participants SET name = 'ООО «Альфа-Плюс»' WHERE id = '{id}'",
    "DELETE FROM participants WHERE id = '{id}'",
])
def test_a_row_edited_by_hand_is_seen_on_the_next_lookup(tmp_path: Path, edit: str) -> None:
    """An administrator's SQL, not the CLI: the triggers count the change all the same."""
    store = OperatorStore.open(tmp_path)
    store.add_participant(ALICE_ORG, hash_token("t"))
    assert store.participant(ALICE) == ALICE_ORG  # now held in memory
    with sqlite3.connect(tmp_path / "operator.sqlite3") as raw:  # another program on the file
        raw.execute(edit.format(id=ALICE))
    raw.close()
    found = store.participant(ALICE)
    assert found is None if edit.startswith("DELETE") else (found is not None and found.name == "ООО «Альфа-Плюс»")
    assert (store.participant_by_token(hash_token("t")) is None) is edit.startswith("DELETE")
    store.close()


def test_a_store_without_the_change_counter_starts_one(tmp_path: Path) -> None:
    store = OperatorStore.open(tmp_path)
    store.add_participant(ALICE_ORG, hash_token("old"))
    with store.engine.begin() as conn:  # as a database written before the counter existed
        conn.exec_driver_sql("DELETE FROM operator_meta WHERE key = 'participants_version'")
    assert store.participant_by_token(hash_token("old")) == ALICE_ORG
    OperatorStore.open(tmp_path).replace_token(ALICE, hash_token("new"))
    assert store.participant_by_token(hash_token("old")) is None
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT value FROM operator_meta WHERE key = 'participants_version'").scalar() \
            == "1"
    store.close()


def test_an_accepted_send_is_one_transaction(stores: tuple[OperatorStore, OperatorStore]) -> None:
    server, cli = stores
    cli.add_participant(ALICE_ORG, hash_token(ALICE))
    cli.add_participant(BOB_ORG, hash_token(BOB))
    core = OperatorCore(server, None, "2ZZ-OPERATOR")
    seen = _statements(server.engine)
    core.send(ALICE, to_zip(document_package()))
    begins = [i for i, s in enumerate(seen) if s.startswith("BEGIN")]
    commits = [i for i, s in enumerate(seen) if s == "COMMIT"]
    writes = [i for i, s in enumerate(seen) if s.startswith(("INSERT", "UPDATE"))]
    assert len(begins) == 1 and len(commits) == 1 and writes
    assert all(begins[0] < i < commits[0] for i in writes)


def _delivery(package_id: str, *message_ids: str) -> Delivery:
    messages = tuple(Message(m, f"{package_id}-{i}" if i else package_id, ALICE, BOB, "0" * 64, b"zip")
                     for i, m in enumerate(message_ids))
    notices = tuple(Notice(BOB, EventKind.DOCUMENT_RECEIVED, m, {"n": str(i)}) for i, m in enumerate(message_ids))
    return Delivery(datetime.now(UTC), messages, notices)


def test_a_session_reads_what_another_process_committed_meanwhile(
        stores: tuple[OperatorStore, OperatorStore]) -> None:
    server, cli = stores
    with server.session() as session:
        assert session.message_by_package("pkg-1") is None
        cli.record(_delivery("pkg-1", "msg-1"))  # the twin accepted by another connection
        found = session.message_by_package("pkg-1")  # the re-check under the lock must see it
    assert found is not None and found.message_id == "msg-1"


def test_a_failed_write_leaves_nothing_and_says_storage(stores: tuple[OperatorStore, OperatorStore]) -> None:
    server, _cli = stores
    with pytest.raises(StorageError, match="база данных оператора"):
        server.record(_delivery("pkg-2", "msg-2", "msg-2"))  # the second message repeats the id
    assert server.counts()["messages"] == 0 and server.counts()["events"] == 0
    server.record(_delivery("pkg-2", "msg-2"))  # the connection is usable again
    assert server.counts()["messages"] == 1
