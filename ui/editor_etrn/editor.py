"""«Документ → Транспортная накладная…»: title 1 of the ЭТрН, the shipper's, filled by the logistics
clerk from the directories.

The shipper is one of the user's own organisations, the consignee and the carrier come from the
counterparty directory, the vehicle, trailer and driver from the transport directories (picking
one fills its fields, which stay editable). A chosen party's empty address and phone are taken
from the newest stored waybill naming it (the directory keeps no addresses); the delivery and
loading addresses follow the consignee's and the shipper's until the clerk types their own. The
checking, the draft and the forming are those of every editor (ui.editor.checked_dialog) over
services.etrn_editor, the same builder as ``edo build etrn``; here each problem is painted at its
field (a cargo cell included) and a click on it opens that field's tab.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget

from edo_app.services import EditorCheck, Services
from edo_app.services.etrn_editor import EtrnEditorService, KnownContacts
from edo_app.services.upd_editor import Draft
from ui.editor.checked_dialog import CheckedEditor
from ui.editor.header import clear_mark, mark_widget
from ui.editor.issues_panel import IssuesPanel, Placed
from ui.editor_etrn.cargo import CargoTable
from ui.editor_etrn.issue_places import cargo_cell, input_path, place_title, shorter
from ui.editor_etrn.sections import DocumentSection, PartySection, PlacesSection, Section
from ui.editor_etrn.transport import DriverSection, VehicleSection
from ui.ops import Executor

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


class EtrnEditor(CheckedEditor):
    formed_text = "Накладная сформирована"
    not_formed_text = "Накладная не сформирована: исправьте ошибки"

    def __init__(self, services: Services, executor: Executor, draft: Draft | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(executor, parent)
        self._services = services
        self._service = editor_service(services)
        self._guid = draft.guid if draft else str(uuid.uuid4())
        self.setWindowTitle(f"{TITLE} — черновик" if draft else f"{TITLE} — новый документ")
        self.resize(1200, 760)
        self._make_parts()
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
        self.issues = IssuesPanel(self)

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
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        self._add_issues(layout, self.issues)
        layout.addLayout(self._actions(self.save_button, self.form_button))

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
        self._executor.submit(lambda: parties.own_organisations() or parties.search(),
                              self._while_open(self.shipper.set_entries), self._failed)
        for part in (self.consignee, self.carrier):
            part.search.connect(lambda text, p=part: self._search(p, text))
            self._search(part, "")
        self._executor.submit(transport.vehicles, self._while_open(self.vehicle.set_entries), self._failed)
        self._executor.submit(transport.drivers, self._while_open(self.driver.set_entries), self._failed)

    def _while_open(self, show: Callable[[Any], None]) -> Callable[[Any], None]:
        """An answer for the window, dropped when it arrives after the window closed."""
        return lambda answer: None if self._closed else show(answer)

    def _search(self, part: PartySection, text: str) -> None:
        parties = self._services.counterparties
        self._executor.submit(lambda: parties.search(text, own=False), self._while_open(part.set_entries),
                              self._failed)

    def _recall(self, part: PartySection) -> None:
        """Fill the empty address and phone of a chosen party from the newest waybill naming it."""
        inn, service = part.chosen().inn, self._service
        self._executor.submit(lambda: service.known_contacts(inn),
                              self._while_open(lambda known: _recalled(part, known)), self._failed)

    def _start(self, draft: Draft | None) -> None:
        if draft is None:
            self.cargo.add_row()
            return
        for part in self.sections:
            part.load(draft.data)
        self.cargo.load(draft.data)
        self.validate_now()

    # --- the form and its check (the checking, saving and forming are CheckedEditor's) ----------------
    def _backend(self) -> EtrnEditorService:
        return self._service

    def _drafts(self) -> EtrnEditorService:
        return self._service

    def _request(self) -> dict[str, Any]:
        return self.input_data()

    def input_data(self) -> dict[str, Any]:
        """The JSON input of ``edo build etrn`` (title 1) for what the form holds now."""
        data: dict[str, Any] = {"title": "1", "file": {"guid": self._guid}}
        self.cargo.fill(data)
        for part in self.sections:
            part.fill(data)
        return data

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


def _recalled(part: PartySection, known: KnownContacts | None) -> None:
    """The newest waybill's address and phone of the party, only where the clerk left them empty."""
    if known is None:
        return
    for edit, text in ((part.address, known.address), (part.phone, known.phone)):
        if not edit.text().strip():
            edit.setText(text)


def _page(*parts: QWidget, columns: bool = False) -> QWidget:
    page = QWidget()
    layout: QHBoxLayout | QVBoxLayout = QHBoxLayout(page) if columns else QVBoxLayout(page)
    for part in parts:
        layout.addWidget(part)
    if not columns:
        layout.addStretch(1)
    return page
