"""«Документ → Транспортная накладная…»: title 1 of the ЭТрН, the shipper's, filled by the logistics
clerk from the directories.

The shipper is one of the user's own organisations, the consignee and the carrier come from the
counterparty directory, the vehicle, trailer and driver from the transport directories (picking
one fills its fields, which stay editable). A chosen party's empty address and phone are taken
from the newest stored waybill naming it (the directory keeps no addresses); the delivery and
loading addresses follow the consignee's and the shipper's until the clerk types their own. As in the other
editors, the form is checked on the executor after a pause in typing (services.etrn_editor:
the same builder as ``edo build etrn``), each problem is painted at its field and listed below;
«Сохранить черновик» keeps the form as it is, «Сформировать» stores a valid title 1 as outgoing
and nothing otherwise.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from edo_app.services import Counterparty, EditorCheck, FormResult, Services
from edo_app.services.etrn_editor import EtrnEditorService, KnownContacts
from edo_app.services.upd_editor import Draft
from ui.editor.header import clear_mark, mark_widget
from ui.editor.issues_panel import IssuesPanel, Placed
from ui.editor_etrn.cargo import CargoTable
from ui.editor_etrn.issue_places import cargo_cell, input_path, place_title, shorter
from ui.editor_etrn.sections import DocumentSection, PartySection, PlacesSection, Section
from ui.editor_etrn.transport import DriverSection, VehicleSection
from ui.errors import show_error
from ui.ops import Executor

CHECK_DELAY_MS = 500
TITLE = "Транспортная накладная"


def editor_service(services: Services) -> EtrnEditorService:
    """The ЭТрН editor's service over the window's library (cheap: it holds only paths)."""
    return EtrnEditorService(services.library, services.schemas, services.data_dir)


def placed(check: EditorCheck) -> list[Placed]:
    """Input problems by path and the built file's issues by XPath, each with its place in words."""
    found = [Placed(f"{place_title(path)}: {message}" if path else message, None, path)
             for path, message in check.problems]
    if check.report is not None:
        found += [Placed(issue.describe(), None, issue.xpath) for issue in check.report.issues]
    return list({(issue.text, issue.address): issue for issue in found}.values())


class Follow:
    """``target`` repeats ``source`` until the user types something else into it."""

    def __init__(self, source: QLineEdit, target: QLineEdit) -> None:
        self._target, self._last = target, source.text()
        source.textChanged.connect(self._copy)

    def _copy(self, text: str) -> None:
        if self._target.text() in ("", self._last):
            self._target.setText(text)
        self._last = text


class EtrnEditor(QDialog):
    formed = Signal(int)  # the id of the stored outgoing title
    draft_saved = Signal(str)

    def __init__(self, services: Services, executor: Executor, draft: Draft | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._executor = services, executor
        self._service = editor_service(services)
        self._guid = draft.guid if draft else str(uuid.uuid4())
        self._generation, self._closed = 0, False
        self.setWindowTitle(f"{TITLE} — черновик" if draft else f"{TITLE} — новый документ")
        self.resize(1200, 760)
        self._make_parts()
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
        self._lay_out()
        self._follows = (Follow(self.consignee.address, self.places.delivery_address),
                         Follow(self.shipper.address, self.places.loading_address))
        self._load_directories()
        self._start(draft)
        for part in self.sections:
            part.changed.connect(self._timer.start)
        self.cargo.changed.connect(self._timer.start)
        self.issues.address_chosen.connect(self.focus_address)

    def _make_parts(self) -> None:
        self.document = DocumentSection()
        self.shipper = PartySection("shipper", "Грузоотправитель (своя организация)", "sender_id", searchable=False)
        self.consignee = PartySection("consignee", "Грузополучатель", "", searchable=True)
        self.carrier = PartySection("carrier", "Перевозчик (получатель файла)", "recipient_id", searchable=True)
        self.places = PlacesSection()
        self.vehicle, self.driver = VehicleSection(), DriverSection()
        self.cargo = CargoTable()
        # the order the input is written in: the loading totals read the cargo written before them
        self.sections: tuple[Section, ...] = (self.document, self.shipper, self.consignee, self.carrier,
                                              self.places, self.vehicle, self.driver)
        self.issues, self.status = IssuesPanel(self), QLabel()

    def _lay_out(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(_page(self.document, self.shipper), "Накладная")
        self.tabs.addTab(_page(self.consignee, self.carrier), "Получатель и перевозчик")
        self.tabs.addTab(self._cargo_page(), "Груз")
        self.tabs.addTab(_page(self.places, self.vehicle, self.driver, columns=True), "Погрузка и транспорт")
        self.save_button, self.form_button = QPushButton("Сохранить черновик"), QPushButton("Сформировать")
        self.form_button.setDefault(True)
        self.save_button.clicked.connect(self.save_draft)
        self.form_button.clicked.connect(self.form_document)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.form_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(QLabel("Ошибки и предупреждения (щелчок — перейти к полю):"))
        layout.addWidget(self.issues)
        layout.addLayout(actions)

    def _cargo_page(self) -> QWidget:
        add, remove = QPushButton("Добавить строку"), QPushButton("Удалить строку")
        add.clicked.connect(lambda _checked=False: self.cargo.add_row())
        remove.clicked.connect(lambda: self.cargo.remove_row(self.cargo.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.cargo, 1)
        return page

    # --- directories --------------------------------------------------------------------------------
    def _load_directories(self) -> None:
        parties, transport = self._services.counterparties, self._services.transport
        for party in (self.shipper, self.consignee, self.carrier):
            party.picked.connect(lambda p=party: self._recall(p))
        self._executor.submit(lambda: parties.own_organisations() or parties.search(), self._got_shippers,
                              self._failed)
        for part in (self.consignee, self.carrier):
            part.search.connect(lambda text, p=part: self._search(p, text))
            self._search(part, "")
        self._executor.submit(transport.vehicles, self._got_vehicles, self._failed)
        self._executor.submit(transport.drivers, self._got_drivers, self._failed)

    def _search(self, part: PartySection, text: str) -> None:
        parties = self._services.counterparties
        self._executor.submit(lambda: parties.search(text, own=False),
                              lambda found: None if self._closed else part.set_entries(found), self._failed)

    def _recall(self, part: PartySection) -> None:
        """Fill the empty address and phone of a chosen party from the newest waybill naming it."""
        inn, service = part.chosen().inn, self._service
        self._executor.submit(lambda: service.known_contacts(inn), lambda known: self._recalled(part, known),
                              self._failed)

    def _recalled(self, part: PartySection, known: KnownContacts | None) -> None:
        if known is None or self._closed:
            return
        for edit, text in ((part.address, known.address), (part.phone, known.phone)):
            if not edit.text().strip():
                edit.setText(text)

    def _got_shippers(self, entries: list[Counterparty]) -> None:
        if not self._closed:
            self.shipper.set_entries(entries)

    def _got_vehicles(self, entries: list[Any]) -> None:
        if not self._closed:
            self.vehicle.set_entries(entries)

    def _got_drivers(self, entries: list[Any]) -> None:
        if not self._closed:
            self.driver.set_entries(entries)

    def _start(self, draft: Draft | None) -> None:
        if draft is None:
            self.cargo.add_row()
            return
        for part in self.sections:
            part.load(draft.data)
        self.cargo.load(draft.data)
        self.validate_now()

    # --- the form ---------------------------------------------------------------------------------
    def input_data(self) -> dict[str, Any]:
        """The JSON input of ``edo build etrn`` (title 1) for what the form holds now."""
        data: dict[str, Any] = {"title": "1", "file": {"guid": self._guid}}
        self.cargo.fill(data)
        for part in self.sections:
            part.fill(data)
        return data

    # --- checking ---------------------------------------------------------------------------------
    def validate_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, data, service = self._generation, self.input_data(), self._service
        self._executor.submit(lambda: service.check(data), lambda check: self._checked(generation, check),
                              self._failed)

    def _checked(self, generation: int, check: EditorCheck) -> None:
        if generation == self._generation and not self._closed:
            self.show_check(check)

    def show_check(self, check: EditorCheck) -> None:
        issues = placed(check)
        self._mark(issues)
        self.issues.show_issues(issues)
        self.status.setText("Накладная готова к формированию" if check.ok else f"Ошибок: {len(issues)}")

    def _mark(self, issues: list[Placed]) -> None:
        for part in self.sections:
            for field in part.paths.values():
                clear_mark(field)
        self.cargo.clear_marks()
        for issue in issues:
            path = input_path(issue.address)
            cell = cargo_cell(path)
            if cell is not None:
                self.cargo.mark(*cell, issue.text)
            elif (widget := self.widget_at(path)) is not None:
                mark_widget(widget, issue.text)

    def widget_at(self, path: str) -> QWidget | None:
        """The field of an input path: the longest registered path that starts it."""
        while path:
            for part in self.sections:
                if path in part.paths:
                    return part.paths[path]
            if path == "cargo":
                return self.cargo
            path = shorter(path)
        return None

    def focus_address(self, address: str) -> None:
        """Open the tab of an issue's field and put the cursor there."""
        path = input_path(address)
        cell = cargo_cell(path)
        widget: QWidget | None = self.cargo if cell is not None else self.widget_at(path)
        if widget is None:
            return
        pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        page = next((p for p in pages if p is not None and p.isAncestorOf(widget)), None)
        if page is not None:
            self.tabs.setCurrentWidget(page)
        if cell is not None:
            self.cargo.focus_cell(*cell)
        else:
            widget.setFocus()

    # --- saving -----------------------------------------------------------------------------------
    def save_draft(self) -> None:
        data, service = self.input_data(), self._service
        self._executor.submit(lambda: service.save_draft(data), self._draft_saved, self._failed)

    def _draft_saved(self, guid: str) -> None:
        if not self._closed:
            self.status.setText("Черновик сохранён")
            self.draft_saved.emit(guid)

    def form_document(self) -> None:
        self._timer.stop()
        data, service = self.input_data(), self._service
        self._executor.submit(lambda: service.form(data), self._formed, self._failed)

    def _formed(self, result: FormResult) -> None:
        if self._closed:
            return
        if result.document_id is None:
            self.show_check(result.check)
            self.status.setText("Накладная не сформирована: исправьте ошибки")
            return
        self.status.setText(f"Накладная сформирована: {result.check.file_name}")
        self.formed.emit(result.document_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        show_error(None if self._closed else self, exc)

    def done(self, result: int) -> None:
        self._closed = True
        self._timer.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self._timer.stop()
        super().closeEvent(event)


def _page(*parts: QWidget, columns: bool = False) -> QWidget:
    page = QWidget()
    layout: QHBoxLayout | QVBoxLayout = QHBoxLayout(page) if columns else QVBoxLayout(page)
    for part in parts:
        layout.addWidget(part)
    if not columns:
        layout.addStretch(1)
    return page
