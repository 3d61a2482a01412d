"""The «Документ» tab's text for акт and ТОРГ-12 5.01, either title (services.document_cards
draws it: ``CARD_BUILDERS`` of ACT_* and TORG12_*).

Read from the exact stored bytes with ``primary_from_xml``; money, numbers and dates are
formatted the way the print forms format them (printing.text), so the card and the paper agree.
An answering title names the answered document and what was decided; its parties come from
the registry summary, since the 5.01 answer carries no party block.
"""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.documents import (
    ActSeller,
    Member,
    PrimaryAnswer,
    PrimarySigner,
    SellerHead,
    Torg12Seller,
    ValueLine,
    primary_from_xml,
)
from edo_app.documents.upd_model import Totals
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.summary import DocumentSummary, PartyRef
from edo_app.printing.text import DASH, day, money, number

Pair = tuple[str, str]
ACT_HEADERS = ("№", "Работы, услуги", "Ед. изм.", "Количество", "Цена", "Стоимость без НДС", "Ставка НДС",
               "Сумма НДС", "Стоимость с НДС")
TORG12_HEADERS = ("№", "Товар", "Ед. изм. (ОКЕИ)", "Количество", "Цена", "Стоимость без НДС", "Ставка НДС",
                  "Сумма НДС", "Стоимость с НДС")
NO_VAT = "без НДС"
ANSWER_TITLES = {DocumentKind.ACT_BUYER: ("Титул заказчика акта", "Исполнитель", "Заказчик"),
                 DocumentKind.TORG12_BUYER: ("Титул покупателя ТОРГ-12", "Продавец", "Покупатель")}
EXPECTED = {DocumentKind.ACT_SELLER: ActSeller, DocumentKind.TORG12_SELLER: Torg12Seller,
            DocumentKind.ACT_BUYER: PrimaryAnswer, DocumentKind.TORG12_BUYER: PrimaryAnswer}


@dataclass(frozen=True, slots=True)
class PrimaryCardView:
    title: str
    fields: tuple[Pair, ...]
    parties: tuple[tuple[str, str, str, str], ...]  # role, name, ИНН/КПП, address
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    totals: tuple[Pair, ...] = ()


def primary_card_view(content: bytes, summary: DocumentSummary) -> PrimaryCardView:
    """The card of a stored акт / ТОРГ-12 title; InputError when the file is not of the registry's kind."""
    doc = primary_from_xml(content)
    expected = EXPECTED.get(summary.kind)
    if expected is None or not isinstance(doc, expected):
        raise InputError("файл не соответствует виду документа в реестре", "kind")
    if isinstance(doc, ActSeller):
        return _act(doc)
    if isinstance(doc, Torg12Seller):
        return _torg12(doc)
    assert isinstance(doc, PrimaryAnswer)
    return _answer(doc, summary)


def _act(act: ActSeller) -> PrimaryCardView:
    period = f"с {day(act.work_start)} по {day(act.work_end)}" if act.work_start or act.work_end else DASH
    fields = (*_head_fields(act.head), ("Период выполнения работ", period),
              ("Дата передачи результатов", day(act.transfer_date)), ("Содержание операции", act.operation),
              *_tail_fields(act.head))
    parties = (_party("Исполнитель", act.executor), _party("Заказчик", act.customer))
    return PrimaryCardView(act.head.doc_name, fields, parties, ACT_HEADERS, _rows(act.works), _totals(act.totals))


def _torg12(doc: Torg12Seller) -> PrimaryCardView:
    handed = doc.handed_by
    fields = (*_head_fields(doc.head), ("Дата отпуска", day(doc.shipped_on)), ("Содержание операции", doc.operation),
              ("Отпуск произвёл", f"{handed.name.full}, {handed.position}" if handed else DASH),
              *_tail_fields(doc.head))
    parties = [_party("Продавец", doc.seller), _party("Покупатель", doc.buyer)]
    parties += [_party(role, m) for role, m in (("Грузоотправитель", doc.shipper), ("Грузополучатель", doc.consignee))
                if m is not None]
    totals = (("Количество, всего", number(doc.total_quantity)), *_totals(doc.totals))
    return PrimaryCardView(doc.head.doc_name, fields, tuple(parties), TORG12_HEADERS, _rows(doc.lines), totals)


def _answer(doc: PrimaryAnswer, summary: DocumentSummary) -> PrimaryCardView:
    title, seller_role, buyer_role = ANSWER_TITLES[summary.kind]
    fields: list[Pair] = [
        ("Ответ на документ", f"{doc.seller_doc_name} № {doc.seller_number or DASH} от {day(doc.seller_date)}"),
        ("Файл исполнителя" if summary.kind is DocumentKind.ACT_BUYER else "Файл продавца", doc.seller_file.file_id),
        ("Итог приёмки", "Не принято (отказ)" if doc.refused else "Принято без претензий"),
        ("Дата приёмки", day(doc.accepted_on)), ("Содержание операции", doc.operation)]
    if doc.accepted_by is not None:
        fields.append(("Груз принял", f"{doc.accepted_by.name.full}, {doc.accepted_by.position}"))
    fields += [_signers(doc.signers), ("Файл", f"{doc.file_id}.xml")]
    parties = tuple(_party_of_ref(role, ref) for role, ref in ((seller_role, summary.seller),
                                                                (buyer_role, summary.buyer)) if ref is not None)
    return PrimaryCardView(title, tuple(fields), parties)


def _head_fields(head: SellerHead) -> tuple[Pair, ...]:
    fields: list[Pair] = [("Номер и дата", f"№ {head.number} от {day(head.doc_date)}")]
    if head.correction is not None:
        fields.append(("Исправление", f"№ {head.correction.number} от {day(head.correction.date)}"))
    bases = (f"{b.name}" + (f" № {b.number}" if b.number else "") + (f" от {day(b.date)}" if b.date else "")
             for b in head.bases)
    return (*fields, ("Основание", "; ".join(bases)))


def _tail_fields(head: SellerHead) -> tuple[Pair, ...]:
    return (("Валюта", f"{head.currency_name}, {head.currency_code}"), _signers(head.signers),
            ("Файл", head.file_name))


def _signers(signers: tuple[PrimarySigner, ...]) -> Pair:
    names = [f"{s.name.full}, {s.position}" if s.position else s.name.full for s in signers]
    return "Подписант", "; ".join(names) or DASH


def _party(role: str, member: Member) -> tuple[str, str, str, str]:
    party = member.party
    ids = f"{party.inn}/{party.kpp}" if party.kpp else party.inn
    return role, member.name, ids, member.address.line if member.address is not None else DASH


def _party_of_ref(role: str, ref: PartyRef) -> tuple[str, str, str, str]:
    return role, ref.name, f"{ref.inn}/{ref.kpp}" if ref.kpp else ref.inn or DASH, DASH


def _rows(lines: tuple[ValueLine, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(_row(line) for line in lines)


def _row(line: ValueLine) -> tuple[str, ...]:
    unit = f"{line.unit_name} ({line.okei})" if line.okei else line.unit_name or DASH
    vat = NO_VAT if line.vat_amount is None else money(line.vat_amount)
    return (str(line.number), line.name, unit, number(line.quantity), number(line.price, min_fraction=2),
            money(line.amount_without_vat), line.vat_rate.value, vat, money(line.amount_with_vat))


def _totals(totals: Totals) -> tuple[Pair, ...]:
    return (("Всего без НДС", money(totals.without_vat)),
            ("Сумма НДС", NO_VAT if totals.vat is None else money(totals.vat)),
            ("Всего с НДС", money(totals.with_vat)))
