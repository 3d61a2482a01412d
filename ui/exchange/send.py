"""«Обмен → Отправить…»: the selected outgoing signed document to a recipient's EDO box.

The recipient comes from the counterparty directory (entries with an EDO participant id, the
document's own counterparty first) or is typed. Queuing is one service call; the sync that
follows sends it, and the registry shows «Отправлен» when the operator's receipt is stored.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services import DocumentRow
from edo_app.services.counterparties import Counterparty
from edo_app.services.exchange_setup import check_participant_id

SENDABLE = (DocumentStatus.SIGNED, DocumentStatus.VALIDATED)  # VALIDATED: refused by the service if unsigned


def why_not_sendable(row: DocumentRow | None) -> str | None:
    """The Russian reason a registry row cannot be sent, or None when it can be."""
    if row is None:
        return "Выберите в реестре исходящий подписанный документ"
    if row.direction is not Direction.OUTGOING:
        return f"Документ № {row.number} не исходящий: отправить можно только исходящий документ"
    if row.status not in SENDABLE:
        return f"Документ № {row.number} в состоянии «{row.status.title}»: отправить можно подписанный документ"
    return None


def recipients_for(row: DocumentRow, directory: list[Counterparty]) -> list[Counterparty]:
    """Directory entries with an EDO id that are not our own; the document's counterparty first."""
    inn = row.counterparty.inn if row.counterparty else ""
    usable = [c for c in directory if c.edo_id and not c.own]
    return sorted(usable, key=lambda c: (c.inn != inn, c.name.casefold()))


class SendDialog(QDialog):
    """Pick or type the recipient's participant id; ``recipient()`` is valid once accepted."""

    def __init__(self, row: DocumentRow, recipients: list[Counterparty], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Отправить документ")
        self.box = QComboBox(self)
        self.box.setEditable(True)
        self.box.setMinimumWidth(380)
        for entry in recipients:
            self.box.addItem(f"{entry.name} — {entry.edo_id}", entry.edo_id)
        editor = self.box.lineEdit()
        if editor is not None:  # always, as the box is editable
            editor.setPlaceholderText("Идентификатор участника ЭДО, например 2AE…")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Отправить")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        counterparty = row.counterparty.name if row.counterparty else "—"
        form.addRow("Документ:", QLabel(f"№ {row.number} ({row.kind.title}), контрагент: {counterparty}"))
        form.addRow("Получатель:", self.box)
        form.addRow(self.problem)
        form.addRow(buttons)

    def recipient(self) -> str:
        """The chosen entry's id, or the typed text when it is not one of the entries."""
        text = self.box.currentText().strip()
        index = self.box.findText(text)
        data = self.box.itemData(index) if index >= 0 else None
        return str(data) if data else text

    def accept(self) -> None:
        problem = check_participant_id(self.recipient()) if self.recipient() else "укажите получателя"
        if problem:
            self.problem.setText(f"Получатель: {problem}")
            return
        super().accept()
