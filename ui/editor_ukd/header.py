"""The header of the УКД editor: number, date, function, the basis of the correction (required for
КСЧФДИС and ДИС, not sent for a КСЧФ) and the signer (the editors' SignerBox). Each field can carry
an issue's mark."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from edo_app.documents.ukd_buyer import BUYER_FUNCTIONS
from edo_app.services.ukd_request import SIGNER_KEYS, SignerText, UkdRequest
from ui.editor.form_data import SignerInput
from ui.editor.signer_box import SIGNER_ROWS, SignerBox
from ui.editor_hr.fields import date_edit

FUNCTIONS = (("КСЧФДИС", "КСЧФДИС — корректировочный счёт-фактура и документ об изменении стоимости"),
             ("КСЧФ", "КСЧФ — только корректировочный счёт-фактура"),
             ("ДИС", "ДИС — только документ об изменении стоимости"))
DEFAULT_BASIS = "Дополнительное соглашение"
MARK_STYLE = "background: #ffd6d6;"


def _show_date(edit: QDateEdit, day: date | None) -> None:
    if day is not None:
        edit.setDate(QDate(day.year, day.month, day.day))


class UkdHeader(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QLineEdit()
        self.number.setPlaceholderText("номер УКД")
        self.date = date_edit()
        self.function = QComboBox()
        for value, label in FUNCTIONS:
            self.function.addItem(label, value)
        self.basis_name = QLineEdit(DEFAULT_BASIS)
        self.basis_number = QLineEdit()
        self.basis_date = date_edit()
        self.basis = QGroupBox("Основание корректировки (согласие покупателя)")
        basis = QHBoxLayout(self.basis)
        for widget in (self.basis_name, self.basis_number, self.basis_date):
            basis.addWidget(widget)
        self.basis_number.setPlaceholderText("номер")
        form = QFormLayout(self)
        form.addRow("Номер УКД", self.number)
        form.addRow("Дата УКД", self.date)
        form.addRow("Функция", self.function)
        form.addRow(self.basis)
        self.signer = SignerBox(self)
        form.addRow(self.signer)
        for edit in (self.number, self.basis_name, self.basis_number, *self.signer.edits.values()):
            edit.textEdited.connect(self.changed)
        for day in (self.date, self.basis_date):
            day.dateChanged.connect(self.changed)
        self.function.currentIndexChanged.connect(self._function_changed)
        self.fields: dict[str, QWidget] = {"number": self.number, "date": self.date, "function": self.function,
                                           "basis": self.basis_name, "basis.name": self.basis_name,
                                           "basis.number": self.basis_number, "basis.date": self.basis_date}
        signer_edits = [self.signer.edits[field] for _, field in SIGNER_ROWS]
        self.fields.update({f"signers[0].{key}": edit for key, edit in zip(SIGNER_KEYS, signer_edits, strict=True)})
        self.fields["signers[0]"] = self.fields["signers"] = signer_edits[0]

    @property
    def function_value(self) -> str:
        return str(self.function.currentData())

    @property
    def needs_basis(self) -> bool:
        return self.function_value in BUYER_FUNCTIONS  # КСЧФДИС, ДИС: the buyer agrees to a basis

    @property
    def signer_value(self) -> SignerText:
        return SignerText(*astuple(self.signer.value()))

    def show_signer(self, signer: SignerText) -> None:
        self.signer.load(SignerInput(*astuple(signer)))

    def load(self, request: UkdRequest) -> None:
        """Show the header of a saved request (a draft)."""
        self.number.setText(request.number)
        _show_date(self.date, request.doc_date)
        self.function.setCurrentIndex(max(0, self.function.findData(request.function)))
        if request.basis_name or request.basis_number or request.basis_date:
            self.basis_name.setText(request.basis_name)
            self.basis_number.setText(request.basis_number)
            _show_date(self.basis_date, request.basis_date)
        if request.signer is not None:
            self.show_signer(request.signer)

    def _function_changed(self) -> None:
        self.basis.setEnabled(self.needs_basis)
        self.changed.emit()

    def clear_marks(self) -> None:
        for widget in set(self.fields.values()):
            widget.setStyleSheet("")
            widget.setToolTip("")

    def mark(self, path: str, text: str) -> bool:
        """Mark the field of ``path``; False when the header has no such field."""
        widget = self.fields.get(path)
        if widget is None:
            return False
        widget.setStyleSheet(MARK_STYLE)
        widget.setToolTip("\n".join(t for t in (widget.toolTip(), text) if t))
        return True
