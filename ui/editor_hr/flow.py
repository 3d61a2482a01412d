"""The HR flow on a received document: the employer's order granting a statement
(«Сформировать приказ по заявлению…») and the employee's acknowledgement of an order or a notice
(«Ознакомить…»).

HrFlowService builds the answer, signs it with the chosen key before anything is stored, stores
it as outgoing, queues it for the other side and moves the answered document's status; so both
actions ask for the key (``choose``: the signing dialog in the window, a function in tests) and
hand it to the service, and the answer leaves on the next synchronisation like other documents.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from edo_app.documents import HrSigner
from edo_app.documents.hr_types import EMPLOYER
from edo_app.errors import InputError
from edo_app.model.party import PersonName
from edo_app.services.hr_editor import NOT_CONFIGURED
from edo_app.services.hr_flow import HrFlowService, Sent, SigningKey
from edo_app.services.signing_batch import SignerChoice
from ui.editor.header import clear_mark, mark_widget
from ui.editor_hr.fields import date_edit, day_of
from ui.editor_hr.head import SIGNER_KEYS
from ui.errors import show_error
from ui.ops import Executor

SignerHook = Callable[[], SignerChoice | None]  # None: the user cancelled
ERROR_STYLE = "color: #b00020;"


def key_of(choice: SignerChoice) -> SigningKey:
    return SigningKey(choice.provider, choice.handle, choice.password)


class OrderDialog(QDialog):
    """The order's number, date and the employer's signer; «Подписать и отправить» asks for the key."""

    answered = Signal(int)  # the stored order's id

    def __init__(self, flow: HrFlowService | None, statement_id: int, executor: Executor, choose: SignerHook,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._flow, self._statement_id, self._executor, self._choose = flow, statement_id, executor, choose
        self.setWindowTitle("Приказ по заявлению работника")
        self.number, self.date = QLineEdit(), date_edit()
        self.signer = {key: QLineEdit() for key, _title in SIGNER_KEYS}
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Подписать и отправить")
        self.buttons.accepted.connect(self.sign_and_send)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Номер приказа", self.number)
        form.addRow("Дата приказа", self.date)
        for key, title in SIGNER_KEYS:
            form.addRow(f"Подписант: {title.lower()}", self.signer[key])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Сведения приказа (вид, работник, отпуск, перевод или увольнение) берутся из "
                                "заявления; приказ ссылается на него."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if flow is None:
            self.error.setText(NOT_CONFIGURED)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        else:
            executor.submit(lambda: flow.signer_of_order(statement_id), self._fixed_signer, self._failed)

    def _fixed_signer(self, signer: HrSigner | None) -> None:
        """An ИП signs his orders himself: his ФИО is filled in and cannot be changed."""
        if signer is None:
            return
        values = {"last_name": signer.name.last, "first_name": signer.name.first, "middle_name": signer.name.middle,
                  "position": signer.position}
        for key, line in self.signer.items():
            line.setText(values[key])
            line.setReadOnly(True)

    def order_signer(self) -> HrSigner:
        """The employer's signer as typed; InputError says what is missing, the fields are marked."""
        text = {key: line.text().strip() for key, line in self.signer.items()}
        missing = [key for key in ("last_name", "first_name", "position") if not text[key]]
        for key, line in self.signer.items():
            clear_mark(line)
            if key in missing:
                mark_widget(line, "обязательное поле")
        if missing:
            titles = dict(SIGNER_KEYS)
            raise InputError(f"укажите {', '.join(titles[key].lower() for key in missing)} подписанта", "signers")
        try:
            return HrSigner(PersonName(text["last_name"], text["first_name"], text["middle_name"]), EMPLOYER,
                            text["position"])
        except InputError as exc:
            raise InputError(exc.message, "signers") from exc

    def sign_and_send(self) -> None:
        if self._flow is None:
            return
        try:
            signer = self.order_signer()
        except InputError as exc:
            self.error.setText(f"Подписант: {exc.message}")
            return
        choice = self._choose()
        if choice is None:
            return
        flow, statement_id, number, day = self._flow, self._statement_id, self.number.text().strip(), \
            day_of(self.date)
        self._executor.submit(lambda: flow.answer_statement(statement_id, number, day, signer, key_of(choice)),
                              self._sent, self._failed)

    def _sent(self, sent: Sent) -> None:
        self.answered.emit(sent.document_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, InputError):
            self.error.setText(f"Приказ не сформирован: {exc.message}")
        else:
            show_error(self, exc)


def acknowledge(parent: QWidget, flow: HrFlowService | None, document_id: int, executor: Executor, *,
                choose: SignerHook, done: Callable[[int], None]) -> None:
    """The employee's acknowledgement of the received order or notice ``document_id``, signed and sent;
    ``done`` gets the stored acknowledgement's id."""
    if flow is None:
        show_error(parent, InputError(NOT_CONFIGURED, "exchange"))
        return
    choice = choose()
    if choice is None:
        return
    executor.submit(lambda: flow.acknowledge(document_id, key_of(choice)), lambda sent: done(sent.document_id),
                    lambda exc: show_error(parent, exc))
