"""«Справочники → Сертификаты…»: the certificates to sign with and the trusted УЦ certificates.

Tab «Для подписи»: every provider's certificates (owner, organisation, ИНН, validity, provider,
chain) and «Импорт ключа…» into the software key store (a certificate file, a PKCS#8 key file,
its password). Tab «Доверенные УЦ»: the trust folder (``<data dir>/trust``) with «Добавить…»
(only a УЦ certificate, copied atomically) and «Удалить» (after a question). The open services
keep the trust store they loaded at start, so trust changes apply to verdicts after a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from edo_app.services import Services
from edo_app.services.certificate_store import CertificateStore, CertificateView, TrustedView
from ui.dialogs.signing import HEADERS as CERTIFICATE_HEADERS
from ui.dialogs.signing import certificate_cells
from ui.errors import show_error
from ui.ops import Executor

__all__ = ["CertificatesDialog", "KeyImportDialog"]

T = TypeVar("T")
CERT_FILTER = "Сертификаты УЦ и списки отзыва (*.cer *.crt *.pem *.der *.crl);;Все файлы (*)"
KEY_FILTER = "Закрытые ключи (*.key *.pem *.der *.p8);;Все файлы (*)"
TRUST_HEADERS = ["Кому выдан", "Организация", "Издатель", "Действует с", "Действует по", "Вид", "Файл"]
RESTART_NOTE = "Изменения доверенных сертификатов учитываются при проверке подписей после перезапуска программы."


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], tips: list[str]) -> None:
    table.setRowCount(len(rows))
    for row, (cells, tip) in enumerate(zip(rows, tips, strict=True)):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            table.setItem(row, column, item)


def _trusted_cells(view: TrustedView) -> list[str]:
    kind = "список отзыва" if view.is_crl else "корневой" if view.is_root else "промежуточный"
    return [view.subject, view.organisation, view.issuer, f"{view.not_before:%d.%m.%Y}",
            f"{view.not_after:%d.%m.%Y}", kind, view.file_name]


class KeyImportDialog(QDialog):
    """Asks for the certificate file, the key file and the key's password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Импорт ключа в хранилище программы")
        self.certificate_path = QLineEdit()
        self.key_path = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("пусто, если ключ не зашифрован")
        form = QFormLayout(self)
        form.addRow("Сертификат (PEM/DER):", self._with_browse(self.certificate_path, CERT_FILTER))
        form.addRow("Закрытый ключ (PKCS#8):", self._with_browse(self.key_path, KEY_FILTER))
        form.addRow("Пароль ключа:", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Импортировать")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _with_browse(self, field: QLineEdit, filters: str) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field)
        browse = QPushButton("Обзор…", box)
        browse.clicked.connect(lambda: self._browse(field, filters))
        row.addWidget(browse)
        return box

    def _browse(self, field: QLineEdit, filters: str) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Выберите файл", "", filters)
        if name:
            field.setText(name)

    def values(self) -> tuple[Path, Path, str | None]:
        return (Path(self.certificate_path.text().strip()), Path(self.key_path.text().strip()),
                self.password.text() or None)


class CertificatesDialog(QDialog):
    def __init__(self, services: Services, executor: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Сертификаты")
        self.resize(1000, 480)
        self.store = CertificateStore.of(services)
        self._executor = executor
        self.certificates: list[CertificateView] = []
        self.trusted: list[TrustedView] = []
        tabs = QTabWidget(self)
        tabs.addTab(self._signing_tab(), "Для подписи")
        tabs.addTab(self._trust_tab(), "Доверенные УЦ")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(close)
        self.reload()

    # --- building ---------------------------------------------------------------------------
    def _signing_tab(self) -> QWidget:
        tab = QWidget(self)
        self.certificates_table = _table(CERTIFICATE_HEADERS, tab)
        self.import_button = QPushButton("Импорт ключа…", tab)
        self.import_button.clicked.connect(self.ask_import)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.certificates_table)
        layout.addWidget(self.import_button)
        return tab

    def _trust_tab(self) -> QWidget:
        tab = QWidget(self)
        self.trust_table = _table(TRUST_HEADERS, tab)
        self.trust_problems = QLabel(tab)
        self.trust_problems.setWordWrap(True)
        self.trust_problems.setStyleSheet("color: #b00020;")
        self.add_button = QPushButton("Добавить…", tab)
        self.add_button.clicked.connect(self.ask_add_trusted)
        self.remove_button = QPushButton("Удалить", tab)
        self.remove_button.clicked.connect(self.ask_remove_trusted)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.trust_table)
        layout.addWidget(self.trust_problems)
        layout.addWidget(QLabel(RESTART_NOTE, tab))
        layout.addLayout(buttons)
        return tab

    # --- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        store = self.store
        self._run(lambda: (store.certificates(), store.trusted()), self._show)

    def _show(self, loaded: tuple[list[CertificateView], tuple[list[TrustedView], tuple[str, ...]]]) -> None:
        self.certificates, (self.trusted, problems) = loaded[0], loaded[1]
        _fill(self.certificates_table,
              [certificate_cells(v, v.problem or v.chain) for v in self.certificates],
              [v.details for v in self.certificates])
        _fill(self.trust_table, [_trusted_cells(v) for v in self.trusted], [v.file_name for v in self.trusted])
        self.trust_problems.setText("\n".join(f"Не прочитан: {p}" for p in problems))
        self.trust_problems.setVisible(bool(problems))

    def _run(self, call: Callable[[], T], done: Callable[[T], None]) -> None:
        self._executor.submit(call, done, lambda exc: show_error(self, exc))

    # --- actions ----------------------------------------------------------------------------
    def ask_import(self) -> None:
        dialog = KeyImportDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.import_key(*dialog.values())

    def import_key(self, certificate: Path, key: Path, password: str | None) -> None:
        store = self.store
        self._run(lambda: store.import_key(certificate, key, password), lambda _: self.reload())

    def ask_add_trusted(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Сертификат удостоверяющего центра", "", CERT_FILTER)
        if name:
            self.add_trusted(Path(name))

    def add_trusted(self, path: Path) -> None:
        store = self.store
        self._run(lambda: store.add_trusted(path), lambda _: self.reload())

    def ask_remove_trusted(self) -> None:
        rows = self.trust_table.selectionModel().selectedRows()
        if not rows:
            return
        view = self.trusted[rows[0].row()]
        answer = QMessageBox.question(self, "Удалить доверенный сертификат",
                                      f"Удалить «{view.subject}» ({view.file_name}) из доверенных?\n{RESTART_NOTE}")
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_trusted(view.file_name)

    def remove_trusted(self, file_name: str) -> None:
        store = self.store
        self._run(lambda: store.remove_trusted(file_name), lambda _: self.reload())
