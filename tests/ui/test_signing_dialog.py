"""The signing dialog and «Документ → Подписать…» for one document: certificates of the real
software provider (test PKI keys in the temp data folder), expired ones greyed out, the МЧД a
representative must pick, a wrong password refused in Russian with nothing stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from edo_app.model.kinds import Direction
from edo_app.services import Services
from tests.ui.conftest import Shown
from tests.unit.crypto.fixtures import INN_LE, INN_PERSON, Pki, make_pki
from tests.unit.services.signing_world import (
    PASSWORD,
    expired_key,
    head_key,
    import_key,
    representative_key,
    store_poa,
    store_upd,
)
from ui.dialogs import signing as signing_dialog
from ui.dialogs.signing import HEADERS, SignerChoice, SigningDialog, choose_signer
from ui.main_window import MainWindow
from ui.ops import SyncExecutor
from ui.signing.feature import SigningFeature


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


def _dialog(qtbot: QtBot, services: Services, ids: list[int]) -> SigningDialog:
    dialog = SigningDialog(services, ids, SyncExecutor())
    qtbot.addWidget(dialog)
    return dialog


def _cells(dialog: SigningDialog, row: int) -> dict[str, str]:
    return {header: dialog.table.item(row, column).text() for column, header in enumerate(HEADERS)}


def _feature(window: MainWindow) -> SigningFeature:
    feature = window.findChild(SigningFeature)
    assert isinstance(feature, SigningFeature)
    return feature


def test_lists_the_certificate_with_owner_inn_validity_and_provider(qtbot: QtBot, services: Services,
                                                                     test_pki: Pki) -> None:
    key = head_key(test_pki)
    handle = import_key(services, key)
    dialog = _dialog(qtbot, services, [store_upd(services, 1)])
    assert dialog.table.rowCount() == 1
    cells = _cells(dialog, 0)
    assert cells["Владелец"] == "Иванов Пётр Сергеевич" and cells["Организация"] == 'ООО "Тестовая Ромашка"'
    assert (cells["ИНН"], cells["ИНН ЮЛ"]) == (INN_PERSON, INN_LE)
    assert cells["Действует по"] == f"{key.certificate.not_after:%d.%m.%Y}"
    assert cells["Провайдер"].startswith("Программные ключи") and cells["Состояние"] == "действует"
    assert "Тестовая Ромашка" in dialog.summary_label.text()
    assert "КриптоПро CSP: недоступен" in dialog.providers_label.text()  # the other provider, with its reason
    assert dialog.sign_button.isEnabled() and dialog.form.isRowVisible(dialog.password)
    assert not dialog.form.isRowVisible(dialog.poa_box)
    dialog.password.setText(PASSWORD)
    assert dialog.choice() == SignerChoice("software", handle, PASSWORD, None)


def test_an_expired_certificate_is_shown_disabled_with_the_reason(qtbot: QtBot, services: Services,
                                                                  test_pki: Pki) -> None:
    import_key(services, expired_key(test_pki))
    dialog = _dialog(qtbot, services, [store_upd(services, 2)])
    assert dialog.table.rowCount() == 1
    item = dialog.table.item(0, 0)
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled and not item.flags() & Qt.ItemFlag.ItemIsSelectable
    assert "срок действия сертификата истёк" in _cells(dialog, 0)["Состояние"]
    dialog.table.selectRow(0)
    assert dialog.choice() is None and not dialog.sign_button.isEnabled()
    assert "Нет сертификатов" in dialog.reason_label.text()


def test_a_representative_must_pick_the_poa(qtbot: QtBot, services: Services, test_pki: Pki) -> None:
    head = head_key(test_pki)
    rep_handle = import_key(services, representative_key(test_pki))
    document_id = store_upd(services, 3)
    before = _dialog(qtbot, services, [document_id])  # no МЧД stored yet: cannot sign
    assert not before.sign_button.isEnabled() and "МЧД" in before.reason_label.text()
    poa_id = store_poa(services, head)
    dialog = _dialog(qtbot, services, [document_id])
    assert _cells(dialog, 0)["Состояние"] == "по МЧД" and dialog.form.isRowVisible(dialog.poa_box)
    assert dialog.poa_box.count() == 1 and services.poas.get(poa_id).row.number in dialog.poa_box.itemText(0)
    dialog.password.setText(PASSWORD)
    choice = dialog.choice()
    assert choice == SignerChoice("software", rep_handle, PASSWORD, poa_id)
    signature = _feature_sign(qtbot, services, document_id, choice)
    assert signature and services.poas.documents_using(poa_id) == [document_id]


def _feature_sign(qtbot: QtBot, services: Services, document_id: int, choice: SignerChoice) -> bool:
    window = MainWindow(services, SyncExecutor())
    qtbot.addWidget(window)
    try:
        _feature(window).sign([document_id], choice)
        return [s.valid for s in services.signing.signatures(document_id)] == [True]
    finally:
        window.close()


def test_sign_action_signs_the_selected_document(qtbot: QtBot, window: MainWindow, shown: Shown, test_pki: Pki,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    services = window.services
    import_key(services, head_key(test_pki))
    document_id = store_upd(services, 4, Direction.INCOMING)  # the registry opens on «Входящие»
    window.model.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.table.selectRow(0)

    def pick_first(dialog: SigningDialog) -> int:
        dialog.password.setText(PASSWORD)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(SigningDialog, "exec", pick_first)
    _feature(window).sign_action.trigger()
    [stored] = services.signing.signatures(document_id)
    assert stored.valid is True and services.signing.verify_document(document_id)[0].valid is True
    assert shown.boxes == []


def test_a_wrong_password_is_refused_in_russian_and_nothing_is_stored(window: MainWindow, services: Services,
                                                                      shown: Shown, test_pki: Pki) -> None:
    handle = import_key(services, head_key(test_pki))
    document_id = store_upd(services, 5)
    _feature(window).sign([document_id], SignerChoice("software", handle, "не тот пароль"))
    [box] = shown.boxes
    assert box.windowTitle() == "Ошибка подписи" and "Неверный пароль ключа" in box.text()
    assert services.signing.signatures(document_id) == []


def test_choose_signer_returns_none_on_cancel(qtbot: QtBot, services: Services, test_pki: Pki,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import_key(services, head_key(test_pki))
    monkeypatch.setattr(signing_dialog.SigningDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    assert choose_signer(None, services, [store_upd(services, 6)]) is None
