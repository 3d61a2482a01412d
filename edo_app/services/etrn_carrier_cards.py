"""The readable fields of the carrier's titles 03 (readdressing) and 04 (driver/vehicle change) for
the «Документ» tab; services.etrn_cards wraps them into its EtrnCardView."""

from __future__ import annotations

from edo_app.documents import EtrnChange, EtrnReaddress, etrn_any_from_xml
from edo_app.errors import InputError
from edo_app.printing.text import day
from edo_app.xmlio import parse_bytes

Pairs = tuple[tuple[str, str], ...]
CARRIER_KNDS = ("1110343", "1110344")


def carrier_title_fields(content: bytes) -> tuple[str, Pairs] | None:
    """(caption, fields) of a title 03 or 04; None for any other title."""
    body = parse_bytes(content).getroot().find("Документ")
    if body is None or body.get("КНД") not in CARRIER_KNDS:
        return None
    doc = etrn_any_from_xml(content)
    if not isinstance(doc, EtrnChange | EtrnReaddress):
        raise InputError("ожидается титул 03 или 04 ЭТрН", "Файл/Документ/@КНД")
    common = [("Титул", f"{doc.step}: перевозчик"), ("УИД ТрН", doc.uid), ("Содержание операции", doc.operation),
              ("Титул 02", doc.answers.file_id), ("Сформирован", f"{doc.created:%d.%m.%Y %H:%M:%S}")]
    own = _change(doc) if isinstance(doc, EtrnChange) else _readdress(doc)
    signer = doc.signer.name.full + (f", {doc.signer.position}" if doc.signer.position else "")
    fields = (*common, *own, ("Подписант", signer), ("Файл", doc.file_name))
    return f"Транспортная накладная (титул {doc.step}, перевозчик)", fields


def _change(doc: EtrnChange) -> list[tuple[str, str]]:
    vehicles = [v for item in doc.vehicles for v in (item.vehicle, *item.trailers) if v is not None]
    return [("Замена", f"{doc.changed:%d.%m.%Y %H:%M}; {doc.reason}"),
            *(("Новый водитель", d.name.full) for d in doc.drivers),
            *(("Новое ТС", f"{v.kind} {v.brand}, {v.reg_number}") for v in vehicles)]


def _readdress(doc: EtrnReaddress) -> list[tuple[str, str]]:
    basis = doc.basis
    rows = [("Переадресовка", f"{doc.readdressed:%d.%m.%Y %H:%M}; {basis.name} № {basis.number} от {day(basis.date)}"),
            ("Новый пункт выгрузки", f"{doc.new_place.line}, к {doc.new_unloading:%d.%m.%Y %H:%M}")]
    if doc.new_consignee is not None:
        rows.append(("Новый грузополучатель", f"{doc.new_consignee.name}, ИНН {doc.new_consignee.inn}"))
    return rows
