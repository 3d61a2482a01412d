"""«Документ → Изменение перевозки ЭТрН (титулы 03, 04)…»: on the way, the carrier changes the driver
and/or the vehicle (title 04) or readdresses the cargo (title 03), on its own title 02 selected in
the registry.

The new driver, vehicle and trailer are picked from the transport directories, the new consignee
from the counterparty directory (its address and phone from the newest waybill naming it).
ui.editor_etrn.carrier_forming builds the title in the Executor and stores it as outgoing only when
valid; a problem is shown beside its field and nothing is stored. Sign and send it as any document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from edo_app.services import Counterparty, Services
from edo_app.services.etrn_editor import KnownContacts
from ui.directories.drivers import driver_label
from ui.directories.vehicles import vehicle_label
from ui.editor_etrn.carrier_forming import NO_TITLE, Accepted, form_change, form_readdress, load_accepted
from ui.editor_etrn.editor import editor_service
from ui.editor_etrn.title_dialog import TitleDialog
from ui.editor_etrn.title_fields import SIGNER, selected_document, show_problems
from ui.errors import show_error
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE = "Изменение перевозки ЭТрН"
KINDS = (("04", "Замена водителя / транспортного средства (титул 04)"), ("03", "Переадресовка (титул 03)"))
BASIS = "Уведомление о переадресовке"


def open_for_selection(window: MainWindow) -> None:
    document_id = selected_document(window, TITLE, NO_TITLE)
    if document_id is not None:
        CarrierTitleDialog(window.services, window.executor, document_id, window).exec()


def _moment_edit(moment: QDateTime) -> QDateTimeEdit:
    edit = QDateTimeEdit(moment)
    edit.setDisplayFormat("dd.MM.yyyy HH:mm")
    edit.setCalendarPopup(True)
    return edit


def _choices(first: str, items: Sequence[tuple[str, object]]) -> QComboBox:
    """A list whose first choice (no data) keeps things as they were."""
    combo = QComboBox()
    combo.addItem(first, None)
    for label, value in items:
        combo.addItem(label, value)
    return combo


class _Page(QWidget):
    """One title's fields, each under the input path its problems arrive with."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}

    def add(self, key: str, title: str, widget: QWidget) -> Any:
        self.fields[key] = widget
        self.rows.addRow(title, widget)
        return widget


class ChangePage(_Page):
    """Title 04: the new driver, vehicle and trailer from the directories, when and why."""

    def show_entries(self, accepted: Accepted) -> None:
        own = [(vehicle_label(s), s) for s in accepted.vehicles if not s.entry.trailer]
        trailers = [(vehicle_label(s), s) for s in accepted.vehicles if s.entry.trailer]
        self.add("drivers", "Новый водитель", _choices("— водитель прежний —",
                                                       [(driver_label(s), s) for s in accepted.drivers]))
        self.add("vehicles", "Новое ТС", _choices("— ТС прежнее —", own))
        self.add("trailers", "Новый прицеп", _choices("— прицеп прежний —", trailers))
        self.add("changed", "Момент замены", _moment_edit(QDateTime.currentDateTime()))
        reason = self.add("reason", "Причина замены", QLineEdit())
        reason.setPlaceholderText("Например: неисправность ТС в пути")


class ReaddressPage(_Page):
    """Title 03: on what basis, where and when the cargo now goes, and to whom if to someone else."""

    def show_entries(self, accepted: Accepted) -> None:
        now = QDateTime.currentDateTime()
        self.add("readdressed", "Момент переадресовки", _moment_edit(now))
        self.add("basis.name", "Основание: документ", QLineEdit(BASIS))
        self.add("basis.number", "Номер документа", QLineEdit())
        day = self.add("basis.date", "Дата документа", QDateEdit(QDate.currentDate()))
        day.setCalendarPopup(True)
        day.setDisplayFormat("dd.MM.yyyy")
        shipper = accepted.waybill.shipper.inn if accepted.waybill is not None else ""
        self.add("basis.issuer_inn", "ИНН составителя", QLineEdit(shipper))
        self.add("new_place", "Новый адрес выгрузки", QLineEdit())
        self.add("new_unloading", "Выгрузка назначена на", _moment_edit(now.addDays(1)))
        parties = [(f"{p.name} (ИНН {p.inn})", p) for p in accepted.parties]
        self.consignee = self.add("new_consignee", "Новый грузополучатель",
                                  _choices("— грузополучатель прежний —", parties))
        self.address = self.add("new_consignee.address", "Его адрес", QLineEdit())
        self.phone = self.add("new_consignee.phones", "Его телефон", QLineEdit())

    def recall(self, known: KnownContacts | None) -> None:
        """The chosen consignee's address and phone from the newest waybill, where still empty."""
        if known is None:
            return
        for edit, text in ((self.address, known.address), (self.phone, known.phone)):
            if not edit.text().strip():
                edit.setText(text)


class CarrierTitleDialog(TitleDialog):
    def __init__(self, services: Services, executor: Executor, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, executor, document_id, parent, title=TITLE, no_title=NO_TITLE)
        self._loaded_title = False  # nothing is formed before the selected title 02 is read
        self.kind = QComboBox()
        for code, label in KINDS:
            self.kind.addItem(label, code)
        self.change, self.readdress = ChangePage(), ReaddressPage()
        self.pages = QStackedWidget()
        for page in (self.change, self.readdress):
            self.pages.addWidget(page)
        self.kind.currentIndexChanged.connect(self.pages.setCurrentIndex)
        self.signer = _Page()
        self.rows.addRow("Что оформить", self.kind)
        for widget in (self.pages, self.signer):
            self.body.addWidget(widget)
        self.load(lambda: load_accepted(services, document_id), self._loaded)

    @property
    def fields(self) -> dict[str, QWidget]:
        """The fields of the chosen title and the signer's."""
        page = self.change if self.kind.currentData() == "04" else self.readdress
        return {**page.fields, **self.signer.fields}

    def _loaded(self, accepted: Accepted) -> None:
        title = accepted.title
        self.about.setText(f"Титул 02 перевозчика от {title.created:%d.%m.%Y %H:%M} (файл {title.file_id})")
        self.change.show_entries(accepted)
        self.readdress.show_entries(accepted)
        self.readdress.consignee.currentIndexChanged.connect(self._recall_consignee)
        for key, label in SIGNER:
            self.signer.add(f"signer.{key}", label, QLineEdit())
        self._loaded_title = True
        self.form_button.setEnabled(True)

    def _recall_consignee(self) -> None:
        party, service = self.readdress.consignee.currentData(), editor_service(self._services)
        if isinstance(party, Counterparty):
            self._executor.submit(lambda: service.known_contacts(party.inn), self.readdress.recall,
                                  lambda exc: show_error(self, exc))

    def form_title(self) -> None:
        if self._loaded_title:
            self.submit_form(form_change if self.kind.currentData() == "04" else form_readdress)

    def _refused(self, exc: BaseException) -> None:  # both pages: a mark left on the hidden one goes too
        show_problems(self, {**self.change.fields, **self.readdress.fields, **self.signer.fields}, self.problems, exc)
