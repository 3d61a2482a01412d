"""Two participants of an exchange for the end-to-end test (no tests here): each a data folder
with its own ``Services`` and ``MainWindow``, both on one in-memory operator (MemoryNetwork).

``Services.open`` takes its transport only from the settings (an exchange folder or an operator
URL), so each side's ``ExchangeService`` is built here from its services' parts around a
MemoryNetwork transport, with the same hooks ``exchange_setup.build_exchange`` gives it
(ИОП signer from the settings, service signatures by the side's key, МЧД entries and checks).

The modal dialogs are driven as a user would: ``exec`` is replaced by a function that fills the
dialog's widgets and presses its button (the rest of the code path is the application's own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from asn1crypto import core, x509
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from edo_app.services import ExchangeOptions, ExchangeService, Services
from edo_app.services.counterparties import CounterpartyInput
from edo_app.services.exchange_poa import poa_hook
from edo_app.services.exchange_setup import poa_entries, signer_of
from edo_app.transport.memory import MemoryNetwork
from tests.unit.crypto.fixtures import TestKey, issue, person_name
from tests.unit.services.signing_world import PASSWORD, TODAY, import_key
from ui.dialogs.buyer_title import BuyerTitleDialog
from ui.dialogs.signing import SigningDialog
from ui.exchange.send import SendDialog
from ui.main_window import MainWindow
from ui.models.documents import Columns
from ui.ops import SyncExecutor
from ui.registry.folders import Folder

INN_LE_OID = "1.2.643.100.4"
ORGANISATION_OID = "2.5.4.10"


def company_key(issuer: TestKey, common_name: str, organisation: str, inn_le: str) -> TestKey:
    """A head-of-organisation certificate (ИНН ЮЛ = ``inn_le``) valid around today."""
    swapped = {INN_LE_OID: core.NumericString(inn_le),
               ORGANISATION_OID: x509.DirectoryString(name="utf8_string", value=organisation)}
    rdns = [_rdn(rdn, swapped) for rdn in person_name(common_name).chosen]
    return issue(x509.Name(name="", value=x509.RDNSequence(rdns)), issuer=issuer,
                 not_before=TODAY - timedelta(days=30), not_after=TODAY + timedelta(days=300))


def _rdn(rdn: x509.RelativeDistinguishedName, swapped: dict[str, object]) -> x509.RelativeDistinguishedName:
    oid = rdn[0]["type"].dotted
    return x509.RelativeDistinguishedName([{"type": oid, "value": swapped[oid]}]) if oid in swapped else rdn


@dataclass
class Participant:
    participant_id: str
    services: Services
    window: MainWindow
    handle: str  # the side's certificate in its software key store

    def close(self) -> None:
        self.window.close()  # before the database closes
        self.services.close()

    def trigger(self, menu: str, text: str) -> None:
        """Choose a menu entry of the window, as the user does (accelerators ignored)."""
        actions = [a for a in self.window.menu(menu).actions() if a.text().replace("&", "") == text]
        assert actions, f"no «{text}» in the menu «{menu}»"
        actions[0].trigger()

    def show_folder(self, folder: Folder) -> None:
        self.window.show_folder(folder)

    def row_texts(self) -> list[dict[Columns, str]]:
        """What the registry table shows: every loaded row's cell texts."""
        model = self.window.model
        return [{column: str(model.index(row, column).data() or "") for column in Columns}
                for row in range(model.rowCount())]

    def status_of(self, number: str) -> str | None:
        """The «Статус» cell of the row with the document number, None when the row is not shown."""
        return next((row[Columns.STATUS] for row in self.row_texts() if row[Columns.NUMBER] == number), None)

    def select(self, number: str) -> None:
        rows = [i for i, row in enumerate(self.row_texts()) if row[Columns.NUMBER] == number]
        assert rows, f"№ {number} is not in the registry: {self.row_texts()}"
        self.window.table.selectRow(rows[0])
        self.window.table.setCurrentIndex(self.window.model.index(rows[0], Columns.NUMBER))


def open_participant(qtbot: QtBot, folder: Path, participant_id: str, key: TestKey, *, network: MemoryNetwork,
                     directory: list[CounterpartyInput]) -> Participant:
    """A data folder with the key imported, the directory filled, the exchange attached, the window open."""
    services = Services.open(folder)
    handle = import_key(services, key)
    for entry in directory:
        services.counterparties.add(entry)
    attach_exchange(services, network, participant_id, handle)
    window = MainWindow(services, SyncExecutor())
    qtbot.addWidget(window)
    window.show()
    return Participant(participant_id, services, window, handle)


def attach_exchange(services: Services, network: MemoryNetwork, participant_id: str, handle: str) -> None:
    """``services.exchange`` on the network, configured as build_exchange would from the settings."""
    name = key_owner(services, handle)
    services.settings = replace(services.settings, participant_id=participant_id, exchange_signer=name,
                                exchange_signer_position="Генеральный директор")
    options = ExchangeOptions(receipt_signer=signer_of(services.settings),
                              service_signer=services.signing.bytes_signer("software", handle, PASSWORD),
                              transport_name="memory", max_bytes=services.settings.max_xml_bytes,
                              poa_entries=poa_entries(services.poas), poa_check=poa_hook(services.poas))
    services.exchange = ExchangeService(services.database, network.transport(participant_id), services.signing,
                                        services.library, services.events, participant_id=participant_id,
                                        schemas=services.schemas, options=options)


def key_owner(services: Services, handle: str) -> str:
    """«Фамилия Имя Отчество» of the certificate's owner (its common name)."""
    return services.signing.providers.find("software", handle).certificate.common_name or ""


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key. QTest.keyClicks aborts on non-Latin-1 characters (Cyrillic), so
    each character goes as the key press and release a keyboard layout would send."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


# --- the modal dialogs, driven as a user would --------------------------------------------------

def sign_with_the_only_certificate(qtbot: QtBot) -> Callable[[SigningDialog], int]:
    """SigningDialog.exec: the side's one certificate must be offered as its own (no МЧД needed);
    type the password, press «Подписать»."""
    def run(dialog: SigningDialog) -> int:
        dialog.show()
        assert dialog.table.rowCount() == 1, dialog.providers_label.text()
        state = dialog.table.item(0, dialog.table.columnCount() - 1)
        assert state is not None and state.text() == "действует", dialog.reason_label.text()
        assert dialog.sign_button.isEnabled()
        type_text(dialog.password, PASSWORD)
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
        return dialog.result()
    return run


def send_to(qtbot: QtBot, recipient: str) -> Callable[[SendDialog], int]:
    """SendDialog.exec: the recipient offered first must be ``recipient``; press «Отправить»."""
    def run(dialog: SendDialog) -> int:
        dialog.show()
        assert dialog.recipient() == recipient, dialog.box.currentText()
        _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
        return dialog.result()
    return run


def accept_as(qtbot: QtBot, person: dict[str, str]) -> Callable[[BuyerTitleDialog], int]:
    """BuyerTitleDialog.exec: «Принять», type who accepted, press OK (the signing dialog follows)."""
    def run(dialog: BuyerTitleDialog) -> int:
        dialog.show()
        assert dialog.accept_choice.isChecked()
        for key, text in person.items():
            field = dialog.person[key]
            assert isinstance(field, QLineEdit)
            type_text(field, text)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
        return dialog.result()
    return run


def _press(qtbot: QtBot, dialog: QDialog, which: QDialogButtonBox.StandardButton) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)

