"""The readable view of a stored ЭТрН title for the «Документ» tab (document_cards.etrn_card
turns it into a DocumentCard): plain Russian text, the cargo as the table for title 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.documents import EtrnParty, EtrnPudCarrier, EtrnReply, EtrnShipper, etrn_from_xml, pud_from_xml
from edo_app.documents.etrn_pud import PUD_FORMATS
from edo_app.printing.text import DASH, day, money, number
from edo_app.services.etrn_carrier_cards import carrier_title_fields
from edo_app.xmlio import parse_bytes

Pairs = tuple[tuple[str, str], ...]
CARGO_HEADERS = ("Наименование груза", "Упаковка", "Вид тары", "Мест", "Маркировка", "Брутто, кг", "Нетто, кг")


@dataclass(frozen=True, slots=True)
class EtrnCardView:
    title: str
    fields: Pairs
    parties: tuple[tuple[str, str, str, str], ...] = ()  # role, name, ИНН/КПП, address
    rows: tuple[tuple[str, ...], ...] = ()  # the cargo of title 1


def etrn_card_view(content: bytes) -> EtrnCardView:
    body = parse_bytes(content).getroot().find("Документ")
    if body is not None and body.get("КНД") in {f.knd for f in PUD_FORMATS.values()}:
        return _pud(content)
    carrier = carrier_title_fields(content)  # titles 03 and 04 (etrn_carrier_cards)
    if carrier is not None:
        return EtrnCardView(*carrier)
    doc = etrn_from_xml(content)
    if isinstance(doc, EtrnShipper):
        return _waybill(doc)
    return _reply(doc)


def _waybill(doc: EtrnShipper) -> EtrnCardView:
    vehicle = doc.vehicle
    fields = (("Номер и дата", f"№ {doc.number} от {day(doc.doc_date)}"),
              ("Заказ (заявка)", f"№ {doc.order_number} от {day(doc.order_date)}"),
              ("УИД ТрН", doc.uid or "присваивает ГИС ЭПД"),
              ("Адрес доставки", doc.delivery_address.line),
              ("Транспортное средство", f"{vehicle.kind} {vehicle.brand}, {vehicle.reg_number}"),
              ("Водитель", "; ".join(d.name.full for d in doc.drivers)),
              ("Погрузка", f"{doc.loading.address.line}; мест {doc.loading.places}, брутто {doc.loading.gross_mass}"),
              ("Подписант", _signer(doc.signer.name.full, doc.signer.position)), ("Файл", doc.file_name))
    parties = tuple(_party(role, p) for role, p in (("Грузоотправитель", doc.shipper),
                                                     ("Грузополучатель", doc.consignee), ("Перевозчик", doc.carrier)))
    rows = tuple((c.name, c.packing, c.container_kind, str(c.places), "; ".join(c.marks), number(c.gross_kg),
                  number(c.net_kg) if c.net_kg is not None else DASH) for c in doc.cargo)
    return EtrnCardView("Транспортная накладная (титул 1, грузоотправитель)", fields, parties, rows)


def _reply(doc: EtrnReply) -> EtrnCardView:
    fields: list[tuple[str, str]] = [
        ("Титул", f"{doc.step}: {doc.format.party.lower()}"), ("УИД ТрН", doc.uid),
        ("Содержание операции", doc.operation), ("Ответ на титул", doc.answers.file_id),
        ("Сформирован", f"{doc.created:%d.%m.%Y %H:%M:%S}")]
    if not doc.accepted:
        fields.append(("Причина отказа", doc.reason))
    if doc.receipt is not None:
        fields.append(("Принято", f"мест {doc.receipt.places}, брутто {number(doc.receipt.gross_kg)} кг; "
                                  f"{doc.receipt.state}"))
    notes = [n for n in (doc.remarks.cargo_state, doc.remarks.mass, doc.remarks.places, doc.remarks.works) if n]
    if notes:
        fields.append(("Оговорки", "; ".join(notes)))
    fields += [("Подписант", _signer(doc.signer.name.full, doc.signer.position)), ("Файл", doc.file_name)]
    return EtrnCardView(f"Транспортная накладная (титул {doc.step}, {doc.format.party.lower()})", tuple(fields))


def _pud(content: bytes) -> EtrnCardView:
    """Titles 07 and 08: the cost of the carriage, or the shipper's answer with its payer."""
    doc = pud_from_xml(content)
    fields: list[tuple[str, str]] = [
        ("Титул", f"{doc.step}: {doc.format.party.lower()}"), ("УИД ТрН", doc.uid),
        ("Составитель", doc.economic_entity), ("Содержание", doc.operation), ("Ответ на титул", doc.answers.file_id),
        ("Сформирован", f"{doc.created:%d.%m.%Y %H:%M:%S}")]
    if isinstance(doc, EtrnPudCarrier):
        cost = doc.cost
        fields += [("Стоимость без НДС", money(cost.without_vat)),
                   ("НДС", f"{money(cost.vat)} ({cost.rate.value if cost.rate else DASH})" if cost.vat is not None
                    else "без НДС"), ("Стоимость с НДС", money(cost.total))]
    elif doc.payer is not None:
        fields.append(("Плательщик", f"{doc.payer.name}; {doc.payer.basis.name} № {doc.payer.basis.number}"))
    fields += [("Подписант", _signer(doc.signer.name.full, doc.signer.position)), ("Файл", doc.file_name)]
    return EtrnCardView(f"Транспортная накладная (титул {doc.step}, {doc.format.party.lower()})", tuple(fields))


def _party(role: str, party: EtrnParty) -> tuple[str, str, str, str]:
    who = party.member.party
    ids = who.inn + (f"/{who.kpp}" if who.kpp else "")
    where = party.member.address.line if party.member.address is not None else DASH
    return role, party.name, ids, where


def _signer(name: str, position: str) -> str:
    return f"{name} ({position})" if position else name
