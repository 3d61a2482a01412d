"""The document window: one stored document in five tabs (Документ, XML, Подписи, МЧД, История).

A non-modal window per document (opening the same one again brings it forward). Everything
is read in one service call on the executor (services.document_view.load_view); verifying
again, saving and the print form run there too, and failures go to ui.errors.show_error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from edo_app.services import Changes, Services
from edo_app.services.document_view import DocumentView, load_view, reverify
from ui.bridge import EventBridge
from ui.dialogs.report import ReportDialog, verdict
from ui.document_view.card import CardView
from ui.document_view.files import SIGNATURE_FILTER, XML_FILTER, save_with_dialog
from ui.document_view.tabs import HistoryTab, PoaTab, SignaturesTab, XmlTab
from ui.errors import show_error
from ui.ops import Executor
from ui.print_preview import open_print_preview


class DocumentWindow(QDialog):
    def __init__(self, services: Services, executor: Executor, document_id: int, parent: QWidget | None = None,
                 bridge: EventBridge | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)  # its own window with minimise/maximise, not a sheet
        self.setModal(False)
        self.services = services
        self.executor = executor
        self.document_id = document_id
        self.view: DocumentView | None = None
        self.setWindowTitle(f"Документ № {document_id}")
        self.resize(1050, 700)
        self._build()
        if bridge is not None:
            bridge.changed.connect(self._changed)
        self.reload()

    # --- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.status_label = QLabel(self)
        self.card = CardView()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.card)
        self.xml_tab, self.signatures_tab = XmlTab(self), SignaturesTab(self)
        self.poa_tab, self.history_tab = PoaTab(self), HistoryTab(self)
        self.tabs = QTabWidget(self)
        for widget, title in ((scroll, "Документ"), (self.xml_tab, "XML"), (self.signatures_tab, "Подписи"),
                              (self.poa_tab, "МЧД"), (self.history_tab, "История")):
            self.tabs.addTab(widget, title)
        self.xml_tab.save_button.clicked.connect(self.save_xml)
        self.signatures_tab.verify_button.clicked.connect(self.verify_again)
        self.signatures_tab.save_button.clicked.connect(self.save_signature)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tabs)
        layout.addWidget(self._make_buttons())

    def _make_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        self.report_button = QPushButton("Отчёт о проверке…", self)
        self.print_button = QPushButton("Печатная форма…", self)
        for button in (self.report_button, self.print_button):
            button.setEnabled(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.report_button.clicked.connect(self.show_report)
        self.print_button.clicked.connect(self.open_print_form)
        buttons.rejected.connect(self.close)
        return buttons

    # --- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        self._run(lambda: load_view(self.services, self.document_id), "Загрузка документа…")

    def verify_again(self) -> None:
        self._run(lambda: reverify(self.services, self.document_id), "Проверка подписей…")

    def _run(self, call: Callable[[], DocumentView], message: str) -> None:
        self.status_label.setText(message)
        self.executor.submit(call, self.show_view, self._failed)

    def show_view(self, view: DocumentView) -> None:
        self.view = view
        summary = view.summary
        number = f" № {summary.number}" if summary.number else ""
        self.setWindowTitle(f"{summary.kind.title}{number} — {view.status.title}")
        self.status_label.setText(f"{summary.kind.title}{number}. Статус: {view.status.title}. "
                                  f"{verdict(view.report)}.")
        self.card.show_card(view.card)
        for tab in (self.xml_tab, self.signatures_tab, self.poa_tab, self.history_tab):
            tab.show_view(view)
        self.report_button.setEnabled(True)
        self.print_button.setEnabled(view.printable)
        self.print_button.setToolTip("" if view.printable else "Для документов этого вида печатная форма пока "
                                                               "не поддерживается")

    def _failed(self, exc: BaseException) -> None:
        self.status_label.setText("Не удалось загрузить документ." if self.view is None else "")
        show_error(self, exc)

    def _changed(self, changes: Changes) -> None:
        """Another window signed, sent or received something about this document: show it."""
        if self.isVisible() and self.document_id in (*changes.documents_changed, *changes.documents_added):
            self.reload()

    # --- actions ----------------------------------------------------------------------------
    def save_xml(self) -> None:
        view = self.view
        if view is not None:
            save_with_dialog(self, self.executor, lambda: view.content, self._saved, title="Сохранить документ",
                             suggested=view.file_name, name_filter=XML_FILTER)

    def save_signature(self) -> None:
        view, chosen = self.view, self.signatures_tab.selected()
        if view is None or chosen is None:
            return
        index = view.signatures.index(chosen)
        suggested = f"{view.file_name}.sig" if index == 0 else f"{view.file_name}.{index + 1}.sig"
        signature_id = chosen.stored.id
        save_with_dialog(self, self.executor, lambda: self.services.signing.export_signature(signature_id),
                         self._saved, title="Сохранить подпись", suggested=suggested, name_filter=SIGNATURE_FILTER)

    def _saved(self, path: Path) -> None:
        self.status_label.setText(f"Файл сохранён: {path}")

    def show_report(self) -> None:
        if self.view is not None:
            ReportDialog(self.view.report, self).exec()

    def open_print_form(self) -> None:
        if self.view is not None:
            open_print_preview(self, self.services, self.executor, self.document_id, kind=self.view.summary.kind,
                               file_name=self.view.file_name)


def open_document(parent: QWidget, services: Services, executor: Executor, document_id: int,
                  bridge: EventBridge | None = None) -> DocumentWindow:
    """Show the document's window: the one already open for it (reloaded), or a new one."""
    found = [w for w in parent.findChildren(DocumentWindow) if w.document_id == document_id]
    if found:
        window = found[0]
        window.reload()
    else:
        window = DocumentWindow(services, executor, document_id, parent, bridge)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
