"""The «Обмен» menu: send the selected document, synchronise now (F5) and on a timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from edo_app.services import DocumentRow, ExchangeService
from ui.exchange.send import SendDialog, recipients_for, why_not_sendable
from ui.exchange.status import BusyIndicator, Notifier
from ui.exchange.sync import NOT_CONFIGURED, SyncController

if TYPE_CHECKING:
    from ui.main_window import MainWindow

QUEUING = "Постановка документа в очередь отправки"


class ExchangeFeature(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        bar = window.statusBar()
        self.busy = BusyIndicator(bar)
        self.notifier = Notifier(window, bar)
        self.sync = SyncController(window.services, window.executor, self.busy, self.notifier,
                                   show_error=window.show_error, parent=self)
        self.send_action = QAction("&Отправить…", window)
        self.send_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.send_action.setStatusTip("Отправить выбранный подписанный документ контрагенту")
        self.send_action.triggered.connect(self.send_selected)
        self.sync_action = QAction("&Синхронизировать", window)
        self.sync_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))  # F5
        self.sync_action.setStatusTip("Отправить очередь и получить новые документы")
        self.sync_action.triggered.connect(self.sync_now)
        window.menu("Обмен").addActions([self.send_action, self.sync_action])
        self.sync.start_timer()

    def _exchange(self) -> ExchangeService | None:
        exchange = self._window.services.exchange
        if exchange is None:
            self._inform("Обмен не настроен", NOT_CONFIGURED)
        return exchange

    def sync_now(self) -> None:
        if self._exchange() is not None and not self.sync.sync_now():
            self.notifier.status("Синхронизация уже идёт")

    def selected_row(self) -> DocumentRow | None:
        index = self._window.table.currentIndex()
        return self._window.model.row_at(index.row()) if index.isValid() else None

    def send_selected(self) -> None:
        """Ask for the recipient of the selected document, then queue it and sync."""
        if self._exchange() is None:
            return
        row = self.selected_row()
        reason = why_not_sendable(row)
        if reason or row is None:
            self._inform("Отправка невозможна", reason or "")
            return
        directory = self._window.services.counterparties.search()
        dialog = SendDialog(row, recipients_for(row, directory), self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.send(row.id, dialog.recipient())

    def send(self, document_id: int, recipient: str) -> None:
        """Queue the document for ``recipient`` off the GUI thread, then start a sync."""
        exchange = self._exchange()
        if exchange is None:
            return
        self.busy.start(QUEUING)
        self._window.executor.submit(lambda: exchange.queue_send(document_id, recipient), self._queued,
                                     self._queue_failed)

    def _queued(self, package_id: str) -> None:
        self.busy.stop()
        self.notifier.status(f"Документ поставлен в очередь отправки (пакет {package_id})")
        self.sync.sync_now()

    def _queue_failed(self, exc: BaseException) -> None:
        self.busy.stop()
        self._window.show_error(exc)

    def _inform(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self._window)
        box.exec()


def install(window: MainWindow) -> ExchangeFeature:
    """Add the exchange actions to the window's «Обмен» menu and start automatic syncs."""
    return ExchangeFeature(window)  # parented to the window: window.findChild(ExchangeFeature) finds it
