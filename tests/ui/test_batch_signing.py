"""Several documents signed as a batch: progress n of N, «Отмена» stops between documents (never
half-signed), the summary in Russian; the same batch on the real worker thread."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from edo_app.model.kinds import DocumentStatus
from edo_app.services import Changes, Services
from edo_app.services.signing_batch import BatchSigning, SignerChoice
from tests.ui.conftest import Shown
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.signing_world import PASSWORD, head_key, import_key, store_upd
from ui.main_window import MainWindow
from ui.ops import ThreadExecutor
from ui.signing.batch import BatchRun
from ui.signing.feature import SigningFeature


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


def _feature(window: MainWindow) -> SigningFeature:
    feature = window.findChild(SigningFeature)
    assert isinstance(feature, SigningFeature)
    return feature


def _prepared(services: Services, test_pki: Pki, first_seed: int) -> tuple[list[int], SignerChoice]:
    handle = import_key(services, head_key(test_pki))
    ids = [store_upd(services, seed) for seed in range(first_seed, first_seed + 5)]
    return ids, SignerChoice("software", handle, PASSWORD)


def test_a_batch_signs_every_document_and_sums_up(window: MainWindow, services: Services, shown: Shown,
                                                  test_pki: Pki) -> None:
    ids, choice = _prepared(services, test_pki, 40)
    feature = _feature(window)
    bar: list[int] = []  # the progress bar's value as each signature lands

    def on_change(_changes: Changes) -> None:
        assert feature.run is not None
        bar.append(feature.run.progress.value())

    services.events.subscribe(on_change)
    feature.sign(ids, choice)
    assert feature.run is not None and feature.run.summary is not None
    assert [len(services.signing.signatures(i)) for i in ids] == [1] * 5
    assert all(services.library.get(i).status is DocumentStatus.SIGNED for i in ids)
    assert bar == [0, 1, 2, 3, 4]  # one document at a time
    [box] = shown.boxes
    assert box.windowTitle() == "Подписание завершено" and box.text().startswith("Подписано: 5 из 5")


def test_cancel_after_the_second_leaves_exactly_two_signed(window: MainWindow, services: Services, shown: Shown,
                                                           test_pki: Pki) -> None:
    ids, choice = _prepared(services, test_pki, 50)
    feature = _feature(window)
    signed: list[int] = []

    def press_cancel(changes: Changes) -> None:  # the user clicks «Отмена» as the 2nd signature lands
        signed.extend(changes.documents_changed)
        if len(signed) == 2 and feature.run is not None:
            button = feature.run.progress.findChild(QPushButton)
            assert isinstance(button, QPushButton) and button.text() == "Отмена"
            button.click()

    services.events.subscribe(press_cancel)
    feature.sign(ids, choice)
    assert [len(services.signing.signatures(i)) for i in ids] == [1, 1, 0, 0, 0]
    assert [services.library.get(i).status for i in ids[2:]] == [DocumentStatus.VALIDATED] * 3
    [box] = shown.boxes
    assert box.windowTitle() == "Подписание остановлено"
    assert "Подписано: 2 из 5" in box.text() and "Не обработано (отменено пользователем): 3" in box.text()


def test_the_batch_runs_on_the_worker_thread(qtbot: QtBot, services: Services, shown: Shown,
                                             test_pki: Pki) -> None:
    ids, choice = _prepared(services, test_pki, 60)
    parent = QWidget()
    qtbot.addWidget(parent)
    executor = ThreadExecutor()
    run = BatchRun(parent, BatchSigning.of(services), executor, ids, choice)
    labels: list[str] = []
    run.advanced.connect(lambda n, total, number: labels.append(f"{n}/{total} {number}"))
    run.start()
    qtbot.waitUntil(lambda: run.summary is not None, timeout=30_000)
    executor.wait()
    assert run.summary is not None and len(run.summary.of("signed")) == 5
    numbers = [services.library.get(i).summary.number for i in ids]
    assert labels == [f"{n}/5 {number}" for n, number in enumerate(numbers, start=1)]
    assert [len(services.signing.signatures(i)) for i in ids] == [1] * 5
