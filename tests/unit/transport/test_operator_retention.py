"""Retention on the operator (``edo operator purge``): what goes, what stays, and that cursors,
idempotency and the flow still hold afterwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from edo_app.errors import InputError
from edo_app.services.operator_server import purge_older_than
from edo_app.transport.operator import retention
from edo_app.transport.operator.auth import hash_token
from edo_app.transport.operator.core import NotFound, OperatorCore
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.store import OperatorStore
from edo_app.transport.package import to_zip
from tests.integration.operator_server import run_cli
from tests.unit.transport.samples import ALICE, BOB, document_package

OLD = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)
CUTOFF = datetime(2025, 6, 1, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = OLD

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def world() -> tuple[OperatorCore, Clock]:
    store = OperatorStore.in_memory()
    store.add_participant(Participant(ALICE, "7700000009", "770001001", "ООО А"), hash_token(ALICE))
    store.add_participant(Participant(BOB, "5002000005", "500201001", "ООО Б"), hash_token(BOB))
    clock = Clock()
    return OperatorCore(store, None, "2ZZ-OPERATOR", clock), clock


def _acknowledge(core: OperatorCore, message_ids: set[str] | None = None) -> None:
    """Both boxes acknowledge their events about ``message_ids`` (all events when None)."""
    for box in (ALICE, BOB):
        core.acknowledge(box, [e.event_id for e in core.events(box, None, 1000).events
                               if message_ids is None or e.message_id in message_ids])


def test_old_acknowledged_events_and_their_packages_go_the_rest_stays(world: tuple[OperatorCore, Clock]) -> None:
    core, clock = world
    first = document_package()
    old = [core.send(ALICE, to_zip(first)), core.send(ALICE, to_zip(document_package()))]
    unread = core.send(ALICE, to_zip(document_package()))  # old too, but never acknowledged
    _acknowledge(core, {r.message_id for r in old})
    clock.now = CUTOFF + timedelta(days=30)
    recent = core.send(ALICE, to_zip(document_package()))
    _acknowledge(core, {recent.message_id})
    assert retention.purge(core.store, CUTOFF) == retention.Purged(events=4, packages=2)
    for receipt in old:
        with pytest.raises(NotFound, match="удалён по сроку хранения"):
            core.package_bytes(BOB, receipt.message_id)
    assert core.package_bytes(BOB, unread.message_id) and core.package_bytes(BOB, recent.message_id)
    assert [e.message_id for e in core.events(BOB, None, 100).events] == [unread.message_id, recent.message_id]
    assert core.send(ALICE, to_zip(first)) == old[0]  # a resend still gets its first receipt
    assert retention.purge(core.store, CUTOFF) == retention.Purged(0, 0)  # nothing twice


def test_the_newest_event_stays_so_cursors_keep_rising(world: tuple[OperatorCore, Clock]) -> None:
    core, clock = world
    for _ in range(2):
        core.send(ALICE, to_zip(document_package()))
    _acknowledge(core)
    cursor = core.events(BOB, None, 100).next_cursor
    assert retention.purge(core.store, CUTOFF).events == 3  # of 4: the newest (ALICE's last status) stays
    clock.now = CUTOFF + timedelta(days=1)
    later = core.send(ALICE, to_zip(document_package()))
    page = core.events(BOB, cursor, 100)  # the cursor given out before the purge is still valid
    assert [e.message_id for e in page.events] == [later.message_id]
    assert int(page.events[0].event_id) > int(cursor)


def test_a_large_purge_goes_in_steps(world: tuple[OperatorCore, Clock], monkeypatch: pytest.MonkeyPatch) -> None:
    core, _ = world
    monkeypatch.setattr(retention, "STEP", 2)
    for _ in range(5):
        core.send(ALICE, to_zip(document_package()))
    _acknowledge(core)
    assert retention.purge(core.store, CUTOFF) == retention.Purged(events=9, packages=4)


def test_purge_from_the_command_line(tmp_path: Path) -> None:
    result = run_cli("operator", "purge", "--data", str(tmp_path), "--older-than", "90")
    assert result.returncode == 0, result.stderr
    assert "удалено событий: 0, пакетов (содержимое): 0" in result.stdout
    refused = run_cli("operator", "purge", "--data", str(tmp_path), "--older-than", "0")
    assert refused.returncode != 0 and "не меньше 1 дня" in refused.stderr
    with pytest.raises(InputError):
        purge_older_than(tmp_path, -5)
