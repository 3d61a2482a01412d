"""«Подписант» of the document editors (УПД, акт / ТОРГ-12, УКД): surname, name, patronymic and
position as typed; each kind's builder judges them and names the field of a problem."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from ui.editor.form_data import SignerInput
from ui.editor.issue_targets import Field

SIGNER_ROWS = (("Фамилия", Field.SIGNER_LAST), ("Имя", Field.SIGNER_FIRST), ("Отчество", Field.SIGNER_MIDDLE),
               ("Должность", Field.SIGNER_POSITION))


class SignerBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Подписант", parent)
        self.edits: dict[Field, QLineEdit] = {key: QLineEdit() for _, key in SIGNER_ROWS}
        form = QFormLayout(self)
        for title, key in SIGNER_ROWS:
            form.addRow(title, self.edits[key])

    def value(self) -> SignerInput:
        return SignerInput(*(self.edits[key].text() for _, key in SIGNER_ROWS))

    def load(self, signer: SignerInput) -> None:
        values = (signer.last_name, signer.first_name, signer.middle_name, signer.position)
        for (_, key), value in zip(SIGNER_ROWS, values, strict=True):
            self.edits[key].setText(value)
