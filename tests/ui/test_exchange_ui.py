"""«Обмен» in the window: send + sync through an in-memory operator, the timer, notifications."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from edo_app.crypto.software import SoftwareProvider
from edo_app.documents import file_name, to_xml
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services import DocumentQuery, ExchangeOptions, ExchangeService, Services, SyncReport
from edo_app.services.counterparties import CounterpartyInput
from edo_app.services.signing import make_signature
from edo_app.transport.memory import MemoryNetwork
from tests.ui.conftest import Shown
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, SIGNER, Side, invoice, make_side
from ui.exchange import ExchangeFeature
from ui.exchange.send import SendDialog, recipients_for, why_not_sendable
from ui.exchange.sync import INTERVAL_SETTING, NOT_CONFIGURED, SyncController
from ui.main_window import MainWindow
from ui.ops import SyncExecutor


class HeldExecutor:
    """Keeps submitted syncs until ``finish()`` (a sync that is still running); runs the rest."""

    def __init__(self, held: Callable[[], Any]) -> None:
        self.held = held
        self.pending: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]] = []

    def submit(self, call: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        if call != self.held:
            SyncExecutor().submit(call, on_done, on_error)
            return
        self.pending.append((call, on_done, on_error))

    def finish(self) -> None:
        call, on_done, on_error = self.pending.pop(0)
        SyncExecutor().submit(call, on_done, on_error)


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def network() -> MemoryNetwork:
    return MemoryNetwork()


@pytest.fixture
def key_handle(services: Services, network: MemoryNetwork, test_pki: Pki) -> str:
    """Our side (the seller) gets a key in its software store and an exchange on the network."""
    provider = SoftwareProvider(services.data_dir / "keys")
    key = test_pki.signer
    info = pki.encrypt_pkcs8(pki.private_key_info(key.curve, key.private), PASSWORD)
    handle = provider.import_pair(key.certificate.der, info, PASSWORD).handle
    entry = next(e for e in provider.certificates() if e.handle == handle)

    def sign_bytes(data: bytes) -> bytes:
        return make_signature(provider, entry, data, PASSWORD, datetime.now(UTC))

    options = ExchangeOptions(receipt_signer=SIGNER, service_signer=sign_bytes)
    services.exchange = ExchangeService(services.database, network.transport(SELLER_ID), services.signing,
                                        services.library, services.events, participant_id=SELLER_ID,
                                        schemas=services.schemas, options=options)
    services.settings = replace(services.settings, **{INTERVAL_SETTING: 1})
    return handle


@pytest.fixture
def buyer(tmp_path: Path, network: MemoryNetwork, test_pki: Pki) -> Iterator[Side]:
    side = make_side(tmp_path / "buyer", BUYER_ID, network.transport(BUYER_ID), test_pki)
    yield side
    side.database.close()


def _window(qtbot: QtBot, services: Services, executor: Any = None,
            direction: Direction = Direction.OUTGOING) -> tuple[MainWindow, ExchangeFeature]:
    window = MainWindow(services, executor or SyncExecutor())
    qtbot.addWidget(window)
    feature = window.findChild(ExchangeFeature)
    assert feature is not None, "ui/features.py no longer installs the exchange"
    # The registry shows one folder at a time: the one under test; later changes come via the bridge.
    window.model.set_query(replace(window.model.query, direction=direction))
    return window, feature


def _signed_outgoing(services: Services, handle: str, seed: int = 1) -> int:
    doc = invoice(seed=seed)
    result = services.library.import_bytes(to_xml(doc), file_name(doc), Direction.OUTGOING)
    assert result.document_id is not None
    services.signing.sign_document(result.document_id, "software", handle, password=PASSWORD)
    return result.document_id


def _status_in_registry(window: MainWindow, document_id: int) -> DocumentStatus | None:
    for row in range(window.model.rowCount()):
        if window.model.row_at(row).id == document_id:
            return window.model.row_at(row).status
    return None


def test_send_and_sync_update_the_registry_row_through_the_bridge(
        qtbot: QtBot, services: Services, key_handle: str, buyer: Side, shown: Shown) -> None:
    document_id = _signed_outgoing(services, key_handle)
    window, feature = _window(qtbot, services)
    qtbot.waitUntil(lambda: _status_in_registry(window, document_id) is DocumentStatus.SIGNED)
    feature.send(document_id, BUYER_ID)
    # The in-memory operator reports delivery at once: the same sync stores «Доставлен».
    qtbot.waitUntil(lambda: _status_in_registry(window, document_id) is DocumentStatus.DELIVERED)
    assert not feature.sync.running and not feature.busy.running
    assert feature.sync.timer.isActive()  # started again after the run
    assert "отправлено 1" in feature.notifier.last
    received = buyer.exchange.sync()
    assert received.received == 1  # the buyer really got the package
    assert shown.boxes == []
    window.close()


def test_new_incoming_documents_are_announced(
        qtbot: QtBot, services: Services, key_handle: str, buyer: Side) -> None:
    sent = buyer.add_signed(invoice(seed=7))
    buyer.exchange.queue_send(sent, SELLER_ID)
    buyer.exchange.sync()
    window, feature = _window(qtbot, services)
    feature.sync_now()
    assert "Новые документы: Получено 1 документ" in feature.notifier.last
    incoming = services.library.count(DocumentQuery(direction=Direction.INCOMING))
    assert incoming == 1
    window.close()


def test_timer_triggers_sync_and_runs_never_overlap(qtbot: QtBot, services: Services, key_handle: str) -> None:
    assert services.exchange is not None
    held = HeldExecutor(services.exchange.sync)
    window, feature = _window(qtbot, services, held)
    controller = feature.sync
    assert controller.timer.isActive() and controller.timer.interval() == 60_000
    controller.timer.setInterval(10)
    qtbot.waitUntil(lambda: len(held.pending) == 1, timeout=2000)  # the timer fired a sync
    assert controller.running and feature.busy.label.text().startswith("Синхронизация")
    assert not controller.timer.isActive()  # paused while the sync runs
    qtbot.wait(50)
    assert controller.sync_now() is False and len(held.pending) == 1  # no second run
    with qtbot.waitSignal(controller.finished) as finished:
        held.finish()
    assert isinstance(finished.args[0], SyncReport)
    assert not controller.running and controller.timer.isActive() and not feature.busy.running
    window.close()


def test_operator_down_is_a_status_message_not_a_dialog(
        qtbot: QtBot, services: Services, key_handle: str, shown: Shown) -> None:
    assert services.exchange is not None
    document_id = _signed_outgoing(services, key_handle)
    window, feature = _window(qtbot, services)
    services.exchange.transport.fail_next(5)  # type: ignore[attr-defined]
    feature.send(document_id, BUYER_ID)
    assert "Повтор при следующей синхронизации" in feature.notifier.last
    assert "Оператор недоступен" in feature.notifier.last
    assert shown.boxes == []
    window.close()


def test_unconfigured_exchange_explains_where_to_set_it_up(qtbot: QtBot, services: Services,
                                                           shown: Shown) -> None:
    assert services.exchange is None
    window, feature = _window(qtbot, services)
    feature.sync_action.trigger()
    feature.send_action.trigger()
    assert [box.text() for box in shown.boxes] == [NOT_CONFIGURED, NOT_CONFIGURED]
    assert "Сервис → Настройки" in NOT_CONFIGURED
    assert isinstance(feature.sync, SyncController) and not feature.sync.timer.isActive()
    window.close()


def test_send_dialog_offers_the_documents_counterparty_and_checks_typed_ids(
        qtbot: QtBot, services: Services, key_handle: str, shown: Shown) -> None:
    document_id = _signed_outgoing(services, key_handle)
    window, _ = _window(qtbot, services)
    row = window.model.row_at(0)
    assert row.id == document_id and why_not_sendable(row) is None
    assert row.counterparty is not None
    services.counterparties.add(_entry("ООО «Другой»", "7707083893", "770701001", "2AE7707083893"))
    services.counterparties.add(_entry(row.counterparty.name, row.counterparty.inn, row.counterparty.kpp, BUYER_ID))
    choices = recipients_for(row, services.counterparties.search())
    assert [c.edo_id for c in choices] == [BUYER_ID, "2AE7707083893"]
    dialog = SendDialog(row, choices, window)
    assert dialog.recipient() == BUYER_ID
    dialog.box.setEditText("не идентификатор")
    dialog.accept()
    assert dialog.result() == 0 and dialog.problem.text().startswith("Получатель:")
    window.close()


def test_only_outgoing_signed_documents_can_be_sent(qtbot: QtBot, services: Services, key_handle: str,
                                                    shown: Shown) -> None:
    doc = invoice(seed=3)
    services.library.import_bytes(to_xml(doc), file_name(doc), Direction.INCOMING)
    window, feature = _window(qtbot, services, direction=Direction.INCOMING)
    window.table.setCurrentIndex(window.model.index(0, 0))
    feature.send_action.trigger()
    assert len(shown.boxes) == 1 and "не исходящий" in shown.boxes[0].text()
    window.close()


def _entry(name: str, inn: str, kpp: str, edo_id: str) -> CounterpartyInput:
    return CounterpartyInput(name, inn, kpp, edo_id)
