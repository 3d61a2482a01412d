"""«Документ → Подписать…» for the documents selected in the registry and «Справочники → Сертификаты…».

One document is signed directly; several go through a batch with a progress dialog (ui.signing.batch).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from edo_app.services import StoredSignature
from edo_app.services.signing_batch import BatchSigning, SignerChoice
from ui.dialogs.signing import choose_signer
from ui.directories.certificates import CertificatesDialog
from ui.signing.batch import BatchRun

if TYPE_CHECKING:
    from ui.main_window import MainWindow

NOTHING_SELECTED = "Выберите в реестре документы для подписи"


class SigningFeature(QObject):
    """The actions of signing; lives as long as the window (its Qt child)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.run: BatchRun | None = None
        self.sign_action = QAction("&Подписать…", window)
        self.sign_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.sign_action.setStatusTip("Подписать выбранные документы электронной подписью")
        self.sign_action.triggered.connect(self.sign_selected)
        self.certificates_action = QAction("&Сертификаты…", window)
        self.certificates_action.setStatusTip("Сертификаты для подписи и доверенные корневые сертификаты")
        self.certificates_action.triggered.connect(self.open_certificates)

    def selected_ids(self) -> list[int]:
        rows = self.window.table.selectionModel().selectedRows()
        return [self.window.model.row_at(index.row()).id for index in rows]

    def sign_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.window.statusBar().showMessage(NOTHING_SELECTED, 5000)
            return
        choice = choose_signer(self.window, self.window.services, ids, executor=self.window.executor)
        if choice is not None:
            self.sign(ids, choice)

    def sign(self, ids: list[int], choice: SignerChoice) -> None:
        """Sign ``ids`` with ``choice``: directly for one document, as a batch for several."""
        signing = BatchSigning.of(self.window.services)
        if len(ids) == 1:
            self.window.statusBar().showMessage("Подписание документа…")
            self.window.executor.submit(lambda: signing.sign_one(ids[0], choice), self._signed, self.window.show_error)
            return
        self.run = BatchRun(self.window, signing, self.window.executor, ids, choice)
        self.run.start()

    def _signed(self, signature: StoredSignature) -> None:
        self.window.statusBar().showMessage(f"Документ подписан: {signature.signer}", 5000)

    def open_certificates(self) -> None:
        CertificatesDialog(self.window.services, self.window.executor, self.window).exec()


def install(window: MainWindow) -> None:
    feature = SigningFeature(window)
    window.menu("Документ").addAction(feature.sign_action)
    window.menu("Справочники").addAction(feature.certificates_action)
