"""«Документ → Следующий титул ЭТрН…»: the next party's title to the ЭТрН title selected in the registry.

On title 1 the carrier accepts the cargo (title 02, with remarks), on 02 the consignee accepts it
with the receipt at unloading or refuses it with a reason (05), on 05 the carrier hands it over
(06). services.etrn_flow builds the answer from the stored title (its ИдФайл, moment and stored
signature, the УИД_ТрН registered for the chain) and stores it as outgoing only when valid; a
problem is shown beside its field and nothing is stored. Sign and send it as any document.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QWidget,
)

from edo_app.documents import EtrnReply, EtrnShipper, EtrnTitle, Remarks, Unloading
from edo_app.documents.primary_types import PlainAddress
from edo_app.errors import InputError
from edo_app.model.problems import Problems
from edo_app.services import Services
from edo_app.services.etrn_flow import chain, next_title, store_title, stored_title
from ui.editor_etrn.title_dialog import TitleDialog
from ui.editor_etrn.title_fields import SIGNER, selected_document, signer_of
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

NO_TITLE = "Выберите в реестре титул ЭТрН: 1 (ответит перевозчик), 02 (грузополучатель) или 05 (перевозчик)"
STEPS = {"01": ("02", "Перевозчик: груз принят к перевозке (титул 02)"),
         "02": ("05", "Грузополучатель: груз принят или отказ (титул 05)"),
         "05": ("06", "Перевозчик: груз выдан грузополучателю (титул 06)")}
REMARKS = {"02": (("cargo_state", "Оговорки о состоянии груза"), ("mass", "О массе"), ("places", "О числе мест"),
                  ("works", "О погрузочных работах")),
           "06": (("cargo_state", "Оговорки о состоянии груза"), ("works", "О работах по выгрузке"))}
RECEIPT = (("address", "Адрес выгрузки"), ("places", "Принято мест"), ("state", "Состояние груза"),
           ("gross_kg", "Масса брутто, кг"), ("net_kg", "Масса нетто, кг"))
MOMENTS = (("planned", "Прибытие по заявке"), ("arrived", "Прибытие под выгрузку"), ("departed", "Убытие"))


def open_for_selection(window: MainWindow) -> None:
    document_id = selected_document(window, "Следующий титул ЭТрН", NO_TITLE)
    if document_id is not None:
        NextTitleDialog(window.services, window.executor, document_id, window).exec()


@dataclass(frozen=True, slots=True)
class Answered:
    """The selected title, the step answering it, and the waybill of its chain when in the registry."""

    title: EtrnTitle
    step: str
    waybill: EtrnShipper | None


def answered_title(services: Services, document_id: int) -> Answered:
    title = stored_title(services.database, document_id)
    current = "01" if isinstance(title, EtrnShipper) else title.step
    if current not in STEPS:
        raise InputError("титул 06 завершает основной цикл ЭТрН: на него не отвечают", "step")
    first = chain(services.database, title)[0]
    return Answered(title, STEPS[current][0], first if isinstance(first, EtrnShipper) else None)


class NextTitleDialog(TitleDialog):
    def __init__(self, services: Services, executor: Executor, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, executor, document_id, parent, title="Следующий титул ЭТрН", no_title=NO_TITLE)
        self._answered: Answered | None = None
        self.load(lambda: answered_title(services, document_id), self._loaded)

    def _loaded(self, answered: Answered) -> None:
        self._answered = answered
        self.about.setText(STEPS["01" if isinstance(answered.title, EtrnShipper) else answered.title.step][1])
        for key, title in SIGNER:
            self._line(f"signer.{key}", title)
        for key, title in REMARKS.get(answered.step, ()):
            self._line(f"remarks.{key}", title)
        if answered.step == "05":
            self._receipt_rows(answered.waybill)
        self.form_button.setEnabled(True)

    def _receipt_rows(self, waybill: EtrnShipper | None) -> None:
        accepted = QCheckBox("Груз принят (снимите отметку, чтобы отказаться)")
        accepted.setChecked(True)
        self._add("accepted", "", accepted)
        self._line("reason", "Причина отказа")
        known = _known_receipt(waybill)
        for key, title in RECEIPT:
            self._line(f"receipt.{key}", title, known.get(key, ""))
        for key, title in MOMENTS:
            edit = QDateTimeEdit(QDateTime.currentDateTime())
            edit.setDisplayFormat("dd.MM.yyyy HH:mm")
            edit.setCalendarPopup(True)
            self._add(f"receipt.{key}", title, edit)

    def form_title(self) -> None:
        answered = self._answered
        if answered is not None:
            self.submit_form(lambda services, document_id, values: form_next(services, document_id, answered.step,
                                                                             values))


def _known_receipt(waybill: EtrnShipper | None) -> dict[str, str]:
    """What the waybill says the consignee should receive: the place, the places, the gross mass."""
    if waybill is None:
        return {}
    gross = sum((item.gross_kg for item in waybill.cargo), Decimal(0))
    return {"address": waybill.delivery_address.line, "places": str(sum(item.places for item in waybill.cargo)),
            "gross_kg": f"{gross.normalize():f}", "state": "Исправное"}


def form_next(services: Services, document_id: int, step: str, values: dict[str, Any]) -> int:
    """Build the next title from the typed values and store it; InputErrors names every bad field."""
    problems = Problems()
    signer = problems.run("signer", lambda: signer_of(values))
    remarks = problems.run("remarks", lambda: Remarks(**{key: values.get(f"remarks.{key}", "")
                                                         for key, _ in REMARKS.get(step, ())}))
    accepted = values.get("accepted", True) is not False
    receipt = problems.run("receipt", lambda: _receipt(values)) if step == "05" and accepted else None
    recipient = _consignee_box(services, document_id) if step == "02" else ""
    problems.raise_if_any()
    assert signer is not None and remarks is not None
    reply: EtrnReply = next_title(services.database, document_id, signer=signer,
                                  created=datetime.now().replace(microsecond=0), guid=str(uuid.uuid4()),
                                  recipient=recipient, accepted=accepted, reason=values.get("reason", ""),
                                  receipt=receipt, remarks=remarks)
    return store_title(services.library, reply)


def _receipt(values: dict[str, Any]) -> Unloading:
    places = values["receipt.places"]
    if not places.isdigit():
        raise InputError("укажите число мест цифрами", "places")
    numbers = {key: _decimal(values[f"receipt.{key}"], key) for key in ("gross_kg", "net_kg")}
    gross = numbers["gross_kg"]
    if gross is None:
        raise InputError("укажите массу брутто", "gross_kg")
    return Unloading(PlainAddress(text=values["receipt.address"]), datetime.fromisoformat(values["receipt.planned"]),
                     datetime.fromisoformat(values["receipt.arrived"]),
                     datetime.fromisoformat(values["receipt.departed"]), int(places), values["receipt.state"],
                     gross, numbers["net_kg"])


def _decimal(text: str, field: str) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        raise InputError("укажите число, например 1020,5", field) from None


def _consignee_box(services: Services, document_id: int) -> str:
    """Title 02 goes to the consignee: its EDO box from the counterparty directory (by the waybill's ИНН)."""
    waybill = chain(services.database, stored_title(services.database, document_id))[0]
    if not isinstance(waybill, EtrnShipper):
        return ""
    inn = waybill.consignee.inn
    found = [c for c in services.counterparties.search(inn) if c.inn == inn and c.edo_id]
    return found[0].edo_id if found else ""
