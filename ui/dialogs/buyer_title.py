"""The buyer's answer to a received УПД (СЧФДОП or ДОП) or УКД (КСЧФДИС or ДИС: the agreement to the
change in cost): accept it with a signed buyer's title, or refuse it with a reason (a signed УОУ).
A УПД may also be accepted with discrepancies: the title names the act of discrepancies (КодИтога 2).
An акт or ТОРГ-12 5.01 is answered by the customer's / buyer's title either way: a refusal is that
title with the refusal text and the reason, signed by the person typed in. Both go out on the next
synchronisation.

Accepting needs a certificate: ``choose_signer`` is the hook that asks for it. The window
passes the signing dialog (ui.dialogs.signing); tests pass a function returning their key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from edo_app.documents import DocRef, Employee, Signer
from edo_app.documents.upd_buyer import DEFAULT_OPERATION, DISCREPANCY_OPERATION
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import PersonName
from edo_app.services import ExchangeService
from edo_app.services.exchange_actions import AcceptanceDetails
from edo_app.services.exchange_status import PRIMARY_SELLERS
from edo_app.services.exchange_titles import DISCREPANCY_ACT_NAME, discrepancy_act
from edo_app.services.signing_batch import SignerChoice
from ui.dialogs.signing import choose_signer
from ui.editor_hr.fields import date_edit, day_of
from ui.errors import show_error
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SignerHook = Callable[[], SignerChoice | None]  # None: the user cancelled
NOT_CONFIGURED = ("Обмен с оператором ЭДО не настроен: ответить на документ нельзя. "
                  "Настройте обмен (edo exchange configure) и повторите.")
NO_DOCUMENT = "Выберите в реестре входящий УПД (СЧФДОП, ДОП), УКД (КСЧФДИС, ДИС), акт или ТОРГ-12"
ERROR_STYLE = "color: #b00020;"


def install(window: MainWindow) -> None:
    action = window.menu("Документ").addAction("Титул покупателя: принять или отказать…")
    action.setStatusTip("Ответить на выбранный входящий УПД (СЧФДОП, ДОП), УКД (КСЧФДИС, ДИС), акт или ТОРГ-12")
    action.triggered.connect(lambda: open_for_selection(window))


def open_for_selection(window: MainWindow) -> None:
    index = window.table.currentIndex()
    if not index.isValid():
        _inform(window, NO_DOCUMENT)
        return
    row = window.model.row_at(index.row())
    document_id = row.id
    services = window.services

    def ask_signer() -> SignerChoice | None:
        return choose_signer(window, services, [document_id], executor=window.executor)

    BuyerTitleDialog(services.exchange, document_id, window.executor, ask_signer, window, kind=row.kind).exec()


def _inform(parent: QWidget, text: str) -> None:
    QMessageBox(QMessageBox.Icon.Information, "Титул покупателя", text, QMessageBox.StandardButton.Ok, parent).exec()


class BuyerTitleDialog(QDialog):
    answered = Signal(str)  # what was done, for the status bar

    def __init__(self, exchange: ExchangeService | None, document_id: int, executor: Executor,
                 choose: SignerHook, parent: QWidget | None = None, *, kind: DocumentKind | None = None) -> None:
        super().__init__(parent)
        self._exchange = exchange
        self._document_id = document_id
        self._executor = executor
        self._choose = choose
        self._refused_by_title = kind in PRIMARY_SELLERS  # акт, ТОРГ-12: the refusal is a signed title too
        self.setWindowTitle("Ответ на документ: титул покупателя")
        self.accept_choice = QRadioButton("Принять документ (подписать титул покупателя)")
        self.refuse_choice = QRadioButton("Отказать в подписи")
        self.discrepancy_choice = QRadioButton("Принять с расхождениями (по акту о расхождении)")
        self.discrepancy_choice.setEnabled(kind is DocumentKind.UPD_SELLER)  # only the УПД title has the act
        self.accept_choice.setChecked(True)
        self.act = {"name": QLineEdit(DISCREPANCY_ACT_NAME), "number": QLineEdit()}
        self.act_date = date_edit()
        self.accepted_on = date_edit()
        self.person = {key: QLineEdit() for key in ("last", "first", "middle", "position")}
        self.operation = QLineEdit(DEFAULT_OPERATION)
        self.reason = QPlainTextEdit()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._lay_out()
        if exchange is None:
            self._show_error(NOT_CONFIGURED)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _lay_out(self) -> None:
        group = QButtonGroup(self)
        group.addButton(self.accept_choice)
        group.addButton(self.refuse_choice)
        group.addButton(self.discrepancy_choice)
        self.accept_box = QGroupBox("Приёмка")
        form = QFormLayout(self.accept_box)
        form.addRow("Дата приёмки", self.accepted_on)
        for title, key in (("Фамилия", "last"), ("Имя", "first"), ("Отчество", "middle"), ("Должность", "position")):
            form.addRow(title, self.person[key])
        form.addRow("Содержание операции", self.operation)
        self.act_box = QGroupBox("Акт о расхождении")
        act = QFormLayout(self.act_box)
        act.addRow("Наименование", self.act["name"])
        act.addRow("Номер (обязательно)", self.act["number"])
        act.addRow("Дата", self.act_date)
        self.refuse_box = QGroupBox("Отказ")
        refuse = QFormLayout(self.refuse_box)
        refuse.addRow("Причина (обязательно)", self.reason)
        for choice in (self.accept_choice, self.refuse_choice, self.discrepancy_choice):
            choice.toggled.connect(lambda _on: self._switch(not self.refuse_choice.isChecked()))
        self._switch(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.accept_choice, self.discrepancy_choice, self.refuse_choice, self.accept_box,
                       self.act_box, self.refuse_box, self.error, self.buttons):
            layout.addWidget(widget)

    def _switch(self, accepting: bool) -> None:
        self.accept_box.setEnabled(accepting or self._refused_by_title)  # who signs the refusing title
        self.accepted_on.setEnabled(accepting)
        self.operation.setEnabled(accepting and not self._refused_by_title)  # 5.01: СодОпер is the standard text
        self.refuse_box.setEnabled(not accepting)
        claim = self.discrepancy_choice.isChecked()
        self.act_box.setEnabled(claim)
        standard = {DEFAULT_OPERATION, DISCREPANCY_OPERATION}
        if self.operation.text().strip() in standard:  # the standard text follows the choice; the user's own stays
            self.operation.setText(DISCREPANCY_OPERATION if claim else DEFAULT_OPERATION)

    # --- answering ----------------------------------------------------------------------------
    def submit(self) -> None:
        if self._exchange is None:
            self._show_error(NOT_CONFIGURED)
            return
        if not self.refuse_choice.isChecked():
            self._sign_title(self._exchange)
        else:
            self._refuse(self._exchange)

    def _sign_title(self, exchange: ExchangeService, refusal: str = "") -> None:
        """Sign the answering title: accepting, or (акт, ТОРГ-12) refusing with ``refusal`` as the reason."""
        try:
            signer, details = self._acceptance()
        except InputError as exc:
            self._show_error(f"{exc.message} ({exc.field})" if exc.field else exc.message)
            return
        choice = self._choose()
        if choice is None:
            return  # no certificate chosen: the dialog stays as it was
        document_id, accept = self._document_id, not refusal
        details = details if accept else AcceptanceDetails(reason=refusal)
        done = "Титул покупателя подписан" if accept else "Отказ подписан"
        self._show_error("")
        self._executor.submit(
            lambda: exchange.sign_buyer_title(document_id, accept=accept, signer=signer, provider=choice.provider,
                                              handle=choice.handle, password=choice.password, details=details),
            lambda _title_id: self._done(f"{done} и поставлен в очередь отправки"), self._failed)

    def _acceptance(self) -> tuple[Signer, AcceptanceDetails]:
        """The signer and what the title states; InputError names a missing or bad field."""
        texts = {key: field.text().strip() for key, field in self.person.items()}
        if not texts["last"] or not texts["first"]:
            raise InputError("укажите фамилию и имя принявшего", "ФИО")
        if not texts["position"]:
            raise InputError("укажите должность принявшего", "Должность")
        name = PersonName(texts["last"], texts["first"], texts["middle"])
        details = AcceptanceDetails(day_of(self.accepted_on), self.operation.text().strip() or DEFAULT_OPERATION,
                                    Employee(name, texts["position"]), discrepancy_act=self._act())
        return Signer(name, texts["position"]), details

    def _act(self) -> DocRef | None:
        """The act of discrepancies when the goods are accepted with them."""
        if not self.discrepancy_choice.isChecked():
            return None
        number = self.act["number"].text().strip()
        if not number:
            raise InputError("укажите номер акта о расхождении", "Номер акта")
        return discrepancy_act(number, day_of(self.act_date), self.act["name"].text())

    def _refuse(self, exchange: ExchangeService) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self._show_error("Укажите причину отказа: без неё отказ не отправляется")
            self.reason.setFocus()
            return
        if self._refused_by_title:
            self._sign_title(exchange, refusal=reason)
            return
        document_id = self._document_id
        self._show_error("")
        self._executor.submit(lambda: exchange.reject(document_id, reason),
                              lambda _package: self._done("Отказ поставлен в очередь отправки"), self._failed)

    def _done(self, message: str) -> None:
        self.answered.emit(message)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
