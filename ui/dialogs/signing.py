"""Choosing who signs: a certificate of any provider, the key's password, and an МЧД for a representative.

Other screens (buyer's title, exchange …) call one function::

    choice = choose_signer(parent, services, [document_id, ...])
    if choice is not None:
        BatchSigning.of(services).sign_one(document_id, choice)   # on the executor

``choose_signer`` shows the dialog modally and returns a frozen ``SignerChoice`` (provider,
handle, password, poa_id or None), or None when the user cancels. Certificates are listed on
the window's executor (CryptoPro answers through its command-line tools, which takes time).
An expired or not yet valid certificate is shown greyed out with the reason; a representative
(a certificate that is not the organisation's own) must pick one of the МЧД that fit it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from edo_app.services import Services
from edo_app.services.certificate_store import CertificateView
from edo_app.services.signing_batch import BatchSigning, SignerCandidate, SignerChoice, SignerOptions
from ui.errors import show_error
from ui.ops import Executor, SyncExecutor

__all__ = ["SignerChoice", "SigningDialog", "certificate_cells", "choose_signer"]

HEADERS = ["Владелец", "Организация", "ИНН", "ИНН ЮЛ", "Действует с", "Действует по", "Провайдер", "Состояние"]
STATE_COLUMN = len(HEADERS) - 1
DISABLED_COLOR = "#808080"
NO_USABLE = ("Нет сертификатов, которыми можно подписать: добавьте ключ в «Справочники → Сертификаты…» "
             "или установите КриптоПро CSP.")


def certificate_cells(view: CertificateView, state: str) -> list[str]:
    """The table cells of a certificate (shared with the certificates screen)."""
    return [view.owner, view.organisation, view.inn, view.inn_le, f"{view.not_before:%d.%m.%Y}",
            f"{view.not_after:%d.%m.%Y}", view.provider_title, state]


def _state(candidate: SignerCandidate) -> str:
    if candidate.problem:
        return candidate.problem
    return "по МЧД" if candidate.representative else "действует"


class SigningDialog(QDialog):
    def __init__(self, services: Services, document_ids: Sequence[int], executor: Executor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Подписание документов" if len(document_ids) > 1 else "Подписание документа")
        self.resize(980, 460)
        self.candidates: list[SignerCandidate] = []
        self._count = len(document_ids)
        self._idle_text = ""  # what the reason line says while no certificate is selected
        self._build(self._count)
        self._set_ready(False)
        signing = BatchSigning.of(services)
        ids = list(document_ids)
        executor.submit(lambda: signing.options(ids), self.show_options, self._failed)

    # --- building ---------------------------------------------------------------------------
    def _build(self, count: int) -> None:
        self.summary_label = QLabel(f"Документов к подписи: {count}. Загрузка сертификатов…")
        self.providers_label = QLabel()
        self.providers_label.setWordWrap(True)
        self.table = self._make_table()
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: #b00020;")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("пароль закрытого ключа")
        self.poa_box = QComboBox()
        form = QFormLayout()
        form.addRow("Пароль ключа:", self.password)
        form.addRow("Доверенность (МЧД):", self.poa_box)
        self.form = form
        layout = QVBoxLayout(self)
        for widget in (self.summary_label, self.providers_label, self.table, self.reason_label):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self._make_buttons())
        self._show_row(form, self.password, False)
        self._show_row(form, self.poa_box, False)

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(HEADERS), self)
        table.setHorizontalHeaderLabels(HEADERS)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(STATE_COLUMN, QHeaderView.ResizeMode.Stretch)
        table.itemSelectionChanged.connect(self._selection_changed)
        table.doubleClicked.connect(lambda _index: self.accept() if self.sign_button.isEnabled() else None)
        return table

    def _make_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        self.sign_button = QPushButton("Подписать", self)
        self.sign_button.setDefault(True)
        buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Отмена")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    @staticmethod
    def _show_row(form: QFormLayout, field: QWidget, visible: bool) -> None:
        form.setRowVisible(field, visible)

    # --- filling ----------------------------------------------------------------------------
    def show_options(self, options: SignerOptions) -> None:
        self.candidates = list(options.candidates)
        parties = "; ".join(f"{p.name} (ИНН {p.inn})" for p in options.principals)
        tail = f" Подписант действует от имени: {parties}." if parties else ""
        self.summary_label.setText(f"Документов к подписи: {self._count}.{tail}")
        off = [f"{state.title}: недоступен — {state.reason}" for state in options.providers if not state.ok]
        self.providers_label.setText("\n".join(off))
        self.providers_label.setVisible(bool(off))
        self.table.setRowCount(len(self.candidates))
        for row, candidate in enumerate(self.candidates):
            self._fill_row(row, candidate)
        usable = [row for row, c in enumerate(self.candidates) if c.certificate.usable]
        self._idle_text = "" if usable else NO_USABLE
        self.reason_label.setText(self._idle_text)
        if usable:
            self.table.selectRow(usable[0])

    def _fill_row(self, row: int, candidate: SignerCandidate) -> None:
        enabled = candidate.certificate.usable  # expired / not yet valid: shown, never chosen
        for column, text in enumerate(certificate_cells(candidate.certificate, _state(candidate))):
            item = QTableWidgetItem(text)
            item.setToolTip(candidate.problem or candidate.certificate.details)
            if not enabled:
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
                item.setForeground(QColor(DISABLED_COLOR))
            self.table.setItem(row, column, item)

    def selected(self) -> SignerCandidate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.candidates[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        candidate = self.selected()
        self._show_row(self.form, self.password, bool(candidate and candidate.certificate.needs_password))
        self._show_row(self.form, self.poa_box, bool(candidate and candidate.representative))
        self.poa_box.clear()
        if candidate is not None:
            for option in candidate.poas:
                self.poa_box.addItem(option.label, option.id)
        self.reason_label.setText(candidate.problem if candidate else self._idle_text)
        self._set_ready(candidate is not None and not candidate.problem)

    def _set_ready(self, ready: bool) -> None:
        self.sign_button.setEnabled(ready)

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.reject()

    # --- result -----------------------------------------------------------------------------
    def choice(self) -> SignerChoice | None:
        """The chosen signer, or None when nothing usable is selected."""
        candidate = self.selected()
        if candidate is None or candidate.problem:
            return None
        view = candidate.certificate
        password = self.password.text() if view.needs_password else ""
        poa_id = self.poa_box.currentData() if candidate.representative else None
        return SignerChoice(view.provider, view.handle, password or None, int(poa_id) if poa_id is not None else None)


def choose_signer(parent: QWidget | None, services: Services, document_ids: Sequence[int], *,
                  executor: Executor | None = None) -> SignerChoice | None:
    """Ask who signs ``document_ids``; None when the user cancels.

    ``executor`` defaults to ``parent.executor`` (the main window's), else the calls run inline.
    """
    runner = executor or getattr(parent, "executor", None) or SyncExecutor()
    dialog = SigningDialog(services, document_ids, runner, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
