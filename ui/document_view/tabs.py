"""The «XML», «Подписи», «МЧД» and «История» tabs: each draws its part of a DocumentView.

The tabs only show; buttons that act (save, verify again) are wired by the window, which
runs the work through its executor.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from edo_app.services.document_history import ExchangeView
from edo_app.services.document_view import DocumentView, PoaView, SignatureView
from ui.document_view.table import model_of, text_table

DASH = "—"
SIGNATURE_HEADERS = ("Подписант", "ИНН", "Организация", "Сертификат", "Действует", "Подписано", "Результат проверки")
PACKAGE_HEADERS = ("Направление", "Что", "Контрагент", "Состояние", "Попыток", "Сообщение", "Ошибка")
EVENT_HEADERS = ("Время", "Событие", "Подробности", "Кто")
POA_HEADERS = ("МЧД / проверка", "Результат", "Подробности")


def moment(value: datetime | None) -> str:
    """A stored UTC moment in the user's local time."""
    return value.astimezone().strftime("%d.%m.%Y %H:%M:%S") if value else DASH


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else DASH


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class XmlTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.save_button = QPushButton("Сохранить файл…", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(_buttons(self.save_button))

    def show_view(self, view: DocumentView) -> None:
        self.text.setPlainText(view.xml_text)


def _signature_row(item: SignatureView) -> tuple[str, ...]:
    stored = item.stored
    validity = f"{day(item.valid_from)} – {day(item.valid_to)}" if item.valid_from else DASH
    return (item.owner, stored.signer_inn or DASH, item.organization or DASH, stored.cert_serial or DASH, validity,
            moment(stored.signing_time), item.verdict)


def signature_details(item: SignatureView) -> str:
    """Everything the stored verdict says of one signature, for the details pane."""
    stored = item.stored
    lines = [item.verdict, f"Проверено: {moment(stored.verified_at)}"]
    lines += [f"Причина: {reason}" for reason in stored.reasons]
    lines += [f"Предупреждение: {warning}" for warning in stored.warnings]
    if stored.chain_reason:
        lines.append(f"Цепочка сертификатов: {stored.chain_reason}")
    return "\n".join(lines)


class SignaturesTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = QLabel("Документ не подписан: подписей нет.", self)
        self.table = text_table(SIGNATURE_HEADERS, self, stretch=6)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(110)
        self.verify_button = QPushButton("Проверить заново", self)
        self.save_button = QPushButton("Сохранить подпись…", self)
        layout = QVBoxLayout(self)
        for widget in (self.empty, self.table, self.details):
            layout.addWidget(widget)
        layout.addLayout(_buttons(self.verify_button, self.save_button))
        self._signatures: tuple[SignatureView, ...] = ()
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._show_details(current.row()))

    def show_view(self, view: DocumentView) -> None:
        self._signatures = view.signatures
        model_of(self.table).set_rows([_signature_row(s) for s in view.signatures])
        has_any = bool(view.signatures)
        self.empty.setVisible(not has_any)
        self.verify_button.setEnabled(has_any)
        self.save_button.setEnabled(has_any)
        if has_any:
            self.table.selectRow(0)
        self._show_details(0 if has_any else -1)

    def selected(self) -> SignatureView | None:
        row = self.table.currentIndex().row()
        return self._signatures[row] if 0 <= row < len(self._signatures) else None

    def _show_details(self, row: int) -> None:
        self.details.setPlainText(signature_details(self._signatures[row]) if 0 <= row < len(self._signatures) else "")


def _poa_item(poa: PoaView) -> QTreeWidgetItem:
    item = QTreeWidgetItem([f"МЧД № {poa.number}", poa.status, poa.source])
    facts = [("Доверитель", poa.principal), ("Представитель", poa.representatives), ("Срок действия", poa.term)]
    if poa.revoked:
        facts.append(("Отозвана", poa.revoked))
    if poa.checked_at:
        facts.append(("Проверена", moment(poa.checked_at)))
    for label, value in facts:
        item.addChild(QTreeWidgetItem([label, value, ""]))
    for check in poa.checks:
        item.addChild(QTreeWidgetItem([check.title, check.outcome, check.detail]))
    return item


class PoaTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = QLabel("К документу не приложены машиночитаемые доверенности (МЧД).", self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(list(POA_HEADERS))
        self.tree.setColumnWidth(0, 320)
        self.tree.setColumnWidth(1, 220)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)

    def show_view(self, view: DocumentView) -> None:
        self.tree.clear()
        self.tree.addTopLevelItems([_poa_item(poa) for poa in view.poas])
        self.tree.expandAll()
        self.empty.setVisible(not view.poas)

    def texts(self) -> list[str]:
        """Every cell of the tree, parents first (tests, copying)."""
        found: list[str] = []
        pending = [self.tree.invisibleRootItem()]
        while pending:
            item = pending.pop(0)
            if item is not self.tree.invisibleRootItem():
                found += [item.text(c) for c in range(len(POA_HEADERS))]
            pending[:0] = [child for j in range(item.childCount()) if (child := item.child(j)) is not None]
        return found


def _exchange_fields(exchange: ExchangeView) -> list[tuple[str, str]]:
    return [("Статус", exchange.status), ("Контрагент (идентификатор ЭДО)", exchange.counterparty or DASH),
            ("Пакет", exchange.package_id or DASH), ("Сообщение оператора", exchange.message_id or DASH),
            ("Аннулирование", exchange.annulment or DASH)]


class HistoryTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exchange_box = QGroupBox("Документооборот", self)
        self.exchange_form = QFormLayout(self.exchange_box)
        self.packages = text_table(PACKAGE_HEADERS, self, stretch=6)
        self.events = text_table(EVENT_HEADERS, self, stretch=2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.exchange_box)
        layout.addWidget(QLabel("Пакеты обмена:", self))
        layout.addWidget(self.packages, 1)
        layout.addWidget(QLabel("Журнал действий:", self))
        layout.addWidget(self.events, 2)

    def show_view(self, view: DocumentView) -> None:
        while self.exchange_form.rowCount():
            self.exchange_form.removeRow(0)
        for label, value in _exchange_fields(view.exchange):
            self.exchange_form.addRow(f"{label}:", QLabel(value))
        model_of(self.packages).set_rows([(p.direction, p.purpose, p.counterparty or DASH, p.state, str(p.attempts),
                                           p.message_id or DASH, p.error) for p in view.exchange.packages])
        model_of(self.events).set_rows([(moment(e.at), e.title, e.detail, e.actor or DASH) for e in view.history])
