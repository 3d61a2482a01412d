"""The print form of the электронная транспортная накладная 5.01: portrait A4 with the numbered
sections of the paper транспортная накладная (1 Грузоотправитель … 10 Выдача груза), filled from
title 1 and, where given, the later titles (02 carrier accepted, 04 driver or vehicle changed,
05 consignee, 06 carrier handed over), then the electronic signature stamps. Built in reportlab's
``invariant`` mode, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, TableStyle

from edo_app.documents import CargoItem, Driver, EtrnChange, EtrnParty, EtrnReaddress, EtrnReply, EtrnShipper, Vehicle
from edo_app.documents.etrn_parts_xml import zoned

from . import text
from .fonts import register_fonts
from .primary import stamps_block
from .stamp import SignatureStamp
from .styles import GRID, Styles, Table, field_rows

MARGIN = 10 * mm
CAPTION = "ТРАНСПОРТНАЯ НАКЛАДНАЯ"
OWNERSHIP = {"1": "собственность", "2": "совместная собственность супругов", "3": "аренда", "4": "лизинг",
             "5": "безвозмездное пользование"}
MASS_METHODS = {"01": "взвешивание", "02": "расчётный метод", "03": "по стандарту или замерам"}


def print_etrn(waybill: EtrnShipper, replies: Sequence[EtrnReply] = (), stamps: Sequence[SignatureStamp] = (),
               changes: Sequence[EtrnChange | EtrnReaddress] = ()) -> bytes:
    """The PDF of title 1 with the later titles ``replies`` (any of 02, 05, 06), the carrier's
    driver and vehicle changes (title 04, marked under sections 6 and 7) and readdressings (title 03,
    section 9), and ``stamps``."""
    font, bold = register_fonts()
    styles = Styles(font, bold)
    title = f"Транспортная накладная № {waybill.number} от {text.day(waybill.doc_date)}"
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
        invariant=1, initialFontName=font, title=title, author=waybill.shipper.name, creator=waybill.program,
        subject=str(waybill.file_id))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont(font, 6.5)
        canvas.drawString(MARGIN, MARGIN, title)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN, f"Лист {doc.page}")

    width = A4[0] - 2 * MARGIN
    by_step = {reply.step: reply for reply in replies}
    template.build(_story(styles, width, waybill, by_step, changes) + stamps_block(styles, stamps, width),
                   onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _story(styles: Styles, width: float, doc: EtrnShipper, replies: dict[str, EtrnReply],
           marks: Sequence[EtrnChange | EtrnReaddress]) -> list[Flowable]:
    changes = [m for m in marks if isinstance(m, EtrnChange)]
    uid = doc.uid or next((r.uid for r in replies.values()), "")
    story: list[Flowable] = [
        styles.center(f"{CAPTION} № {doc.number} от {text.day(doc.doc_date)}", 11, bold=True),
        styles.center(f"Заказ (заявка) № {doc.order_number} от {text.day(doc.order_date)}", 7),
        styles.center(f"УИД ТрН (ГИС ЭПД): {uid or 'ещё не присвоен'}", 7), Spacer(0, 4)]
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        ("1. Грузоотправитель", [("Грузоотправитель", _party(doc.shipper))]),
        ("2. Грузополучатель", [("Грузополучатель", _party(doc.consignee)),
                                ("Адрес доставки груза", doc.delivery_address.line)]),
    ]
    story += _sections(styles, width, sections)
    story += [styles.p("3. Груз", 8, bold=True), _cargo_table(styles, doc.cargo, width), Spacer(0, 3)]
    loading = doc.loading
    sections = [
        ("4. Сопроводительные документы на груз", [("Документы", text.DASH)]),
        ("5. Указания грузоотправителя", [("Нормы перевозки", doc.transport_rules),
                                          ("Срок доставки", doc.delivery_due or text.DASH)]),
        ("6. Перевозчик", [("Перевозчик", _party(doc.carrier)),
                           *(("Водитель", _driver(d)) for d in doc.drivers),
                           *(("Замена водителя", f"{_change_mark(c)}: {_driver(d)}") for c in changes
                             for d in c.drivers)]),
        ("7. Транспортное средство", [("Транспортное средство", _vehicle(doc.vehicle)),
                                      *(("Прицеп", _vehicle(t)) for t in doc.trailers),
                                      *(("Замена ТС", f"{_change_mark(c)}: {_vehicle(v)}") for c in changes
                                        for v in _changed_vehicles(c))]),
        ("8. Приём груза", [("Адрес погрузки", loading.address.line),
                            ("Заявлено / прибытие / убытие", " / ".join(
                                _moment(m) for m in (loading.planned, loading.arrived, loading.departed))),
                            ("Масса брутто", f"{loading.gross_mass} ({MASS_METHODS[loading.mass_method]})"),
                            ("Грузовых мест", str(loading.places)),
                            ("Отметка перевозчика", _accepted(replies.get("02")))]),
        ("9. Переадресовка", [("Переадресовка", "по электронному уведомлению грузоотправителя, тел. "
                               + ", ".join(doc.shipper.phones)),
                              *(row for m in marks if isinstance(m, EtrnReaddress) for row in _readdress_rows(m))]),
        ("10. Выдача груза", _handover(replies.get("05"), replies.get("06"))),
    ]
    story += _sections(styles, width, sections)
    story += [Spacer(0, 4), styles.p(f"{doc.operation}. Подписал: {_signer(doc)}", 7.5)]
    return story


def _sections(styles: Styles, width: float, sections: list[tuple[str, list[tuple[str, str]]]]) -> list[Flowable]:
    out: list[Flowable] = []
    for caption, rows in sections:
        out += [styles.p(caption, 8, bold=True),
                field_rows(styles, [(label, value, "") for label, value in rows], [120, width - 126, 6]),
                Spacer(0, 3)]
    return out


def _cargo_table(styles: Styles, cargo: Sequence[CargoItem], width: float) -> Table:
    header = ["Наименование груза", "Упаковка, вид тары", "Мест", "Маркировка", "Брутто, кг", "Нетто, кг",
              "Объём, м³"]
    rows = [[c.name, f"{c.packing}, {c.container_kind}", str(c.places), "; ".join(c.marks), text.number(c.gross_kg),
             text.number(c.net_kg), text.number(c.volume_m3)] for c in cargo]
    shares = (4, 2.5, 0.8, 2.5, 1.3, 1.3, 1.1)
    unit = width / sum(shares)
    data = [[styles.center(h, 6, bold=True) for h in header],
            *[[styles.p(cell, 6.5) for cell in row] for row in rows]]
    table = Table(data, colWidths=[s * unit for s in shares], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), GRID, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def _party(party: EtrnParty) -> str:
    who = party.member.party
    ids = f"ИНН {who.inn}" + (f", КПП {who.kpp}" if who.kpp else "")
    where = party.member.address.line if party.member.address is not None else ""
    return ", ".join(p for p in (party.name, ids, where, "тел. " + ", ".join(party.phones)) if p)


def _driver(driver: Driver) -> str:
    licence = f"ВУ {driver.licence_series} {driver.licence_number} от {text.day(driver.licence_issued)}" \
        if driver.licence_number else f"ИНН {driver.inn}"
    return f"{driver.name.full}, {licence}, тел. {', '.join(driver.phones)}"


def _vehicle(vehicle: Vehicle) -> str:
    right = vehicle.right_of_use
    basis = f", {right.name} № {right.number} от {text.day(right.date)}" if right else ""
    return (f"{vehicle.kind} {vehicle.brand}, рег. № {vehicle.reg_number}, грузоподъёмность "
            f"{text.number(vehicle.capacity_t)} т, вместимость {text.number(vehicle.volume_m3)} м³, "
            f"{OWNERSHIP[vehicle.ownership]}{basis}")


def _moment(moment: datetime) -> str:
    return f"{moment:%d.%m.%Y %H:%M} (UTC{zoned(moment)[-6:]})"


def _change_mark(change: EtrnChange) -> str:
    """Title 04 as a mark on the form: when, why, who signed."""
    return f"{_moment(change.changed)}, {change.reason}; подписал {change.signer.name.full}"


def _readdress_rows(title: EtrnReaddress) -> list[tuple[str, str]]:
    basis = title.basis
    rows = [("Переадресовано", f"{_moment(title.readdressed)}, {basis.name} № {basis.number} от "
                               f"{text.day(basis.date)}; подписал {title.signer.name.full}"),
            ("Новый пункт выгрузки", f"{title.new_place.line}, к {_moment(title.new_unloading)}")]
    if title.new_consignee is not None:
        rows.append(("Новый грузополучатель", _party(title.new_consignee)))
    return rows


def _changed_vehicles(change: EtrnChange) -> list[Vehicle]:
    return [v for item in change.vehicles for v in (item.vehicle, *item.trailers) if v is not None]


def _reply_line(reply: EtrnReply) -> str:
    who = f"{reply.signer.name.full}" + (f", {reply.signer.position}" if reply.signer.position else "")
    return f"{reply.operation} {reply.created:%d.%m.%Y %H:%M}; подписал {who}"


def _accepted(reply: EtrnReply | None) -> str:
    if reply is None:
        return "титул перевозчика о приёме груза ещё не получен"
    remarks = reply.remarks
    notes = "; ".join(n for n in (remarks.cargo_state, remarks.mass, remarks.places, remarks.works) if n)
    return _reply_line(reply) + (f". Оговорки: {notes}" if notes else "")


def _handover(consignee: EtrnReply | None, carrier: EtrnReply | None) -> list[tuple[str, str]]:
    rows = [("Грузополучатель", _reply_line(consignee) if consignee else text.DASH)]
    if consignee is not None and not consignee.accepted:
        rows.append(("Причина отказа", consignee.reason))
    receipt = consignee.receipt if consignee is not None else None
    if receipt is not None:
        rows += [("Адрес выгрузки", receipt.address.line),
                 ("Принято мест / масса брутто", f"{receipt.places} / {text.number(receipt.gross_kg)} кг"),
                 ("Состояние груза", receipt.state)]
    rows.append(("Перевозчик", _reply_line(carrier) if carrier else text.DASH))
    return rows


def _signer(doc: EtrnShipper) -> str:
    signer = doc.signer
    return signer.name.full + (f", {signer.position}" if signer.position else "")
