"""A stored document as a person reads it: the «Документ» tab of the document window.

Each kind has a card builder that reads the exact stored bytes with ``edo_app.documents`` and
returns a ``DocumentCard`` of ready-made Russian text (fields, parties, one table, totals), so
the window draws any kind the same way and never formats money or addresses itself. A kind
without a builder, or a file the builder cannot read (an older УПД version), shows the registry
summary instead. To show a new kind in full, add ``CARD_BUILDERS[DocumentKind.X] = builder``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from edo_app.documents import (
    ACCEPTED,
    ACCEPTED_WITH_DISCREPANCIES,
    REFUSED,
    GoodsLine,
    Participant,
    Signer,
    UpdBuyer,
    UpdSeller,
    from_xml,
)
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.summary import DocumentSummary, PartyRef
from edo_app.printing.text import DASH, address, day, docs, inn_kpp, money, number
from edo_app.services.etrn_cards import CARGO_HEADERS, etrn_card_view
from edo_app.services.hr_documents import hr_card_view
from edo_app.services.primary_cards import primary_card_view
from edo_app.services.ukd_cards import LINE_HEADERS as UKD_HEADERS
from edo_app.services.ukd_cards import ukd_card_view

LINE_HEADERS = ("№", "Наименование", "Ед. изм.", "Количество", "Цена", "Стоимость без НДС", "Ставка НДС",
                "Сумма НДС", "Стоимость с НДС")
NO_VAT = "без НДС"
RESULT_TITLES = {ACCEPTED: "Принято без расхождений", ACCEPTED_WITH_DISCREPANCIES: "Принято с расхождениями",
                 REFUSED: "Не принято (отказ)"}
SUMMARY_NOTE = "Подробный вид документов этого вида пока не поддерживается: показаны сведения из реестра."


@dataclass(frozen=True, slots=True)
class CardField:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class CardParty:
    """A party of the document: its role («Продавец»), name, «ИНН/КПП» and address as text."""

    role: str
    name: str
    inn_kpp: str
    address: str = DASH


@dataclass(frozen=True, slots=True)
class CardTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class DocumentCard:
    """What the «Документ» tab shows; ``note`` explains a partial view (e.g. summary only)."""

    title: str
    fields: tuple[CardField, ...]
    parties: tuple[CardParty, ...] = ()
    table: CardTable | None = None
    totals: tuple[CardField, ...] = ()
    note: str = ""


CardBuilder = Callable[[bytes, DocumentSummary], DocumentCard]


def document_card(content: bytes, summary: DocumentSummary) -> DocumentCard:
    """The card of the kind's builder; the summary card when there is none or it cannot read the file."""
    builder = CARD_BUILDERS.get(summary.kind)
    if builder is None:
        return summary_card(summary, SUMMARY_NOTE)
    try:
        return builder(content, summary)
    except InputError as exc:
        return summary_card(summary, f"Документ не удалось прочитать полностью ({exc}): показаны сведения из реестра.")


def summary_card(summary: DocumentSummary, note: str = "") -> DocumentCard:
    fields = (CardField("Вид документа", summary.kind.title), *_number_fields(summary),
              CardField("Версия формата", summary.format_version or DASH), CardField("Файл", summary.file_id or DASH))
    parties = tuple(_party_of_ref(role, ref) for role, ref in (("Продавец", summary.seller),
                                                                ("Покупатель", summary.buyer)) if ref is not None)
    totals = () if summary.total is None else (CardField("Всего с НДС", money(summary.total)),
                                               CardField("В том числе НДС", money(summary.vat)))
    return DocumentCard(summary.kind.title, fields, parties, totals=totals, note=note)


def _number_fields(summary: DocumentSummary) -> tuple[CardField, ...]:
    fields = [CardField("Функция", summary.function)] if summary.function else []
    if summary.number or summary.doc_date:
        fields.append(CardField("Номер и дата", f"№ {summary.number or DASH} от {day(summary.doc_date)}"))
    return tuple(fields)


def _party_of_ref(role: str, ref: PartyRef) -> CardParty:
    return CardParty(role, ref.name, f"{ref.inn}/{ref.kpp}" if ref.kpp else ref.inn or DASH)


def _read(content: bytes, kind: type[UpdSeller] | type[UpdBuyer]) -> UpdSeller | UpdBuyer:
    doc = from_xml(content)
    if not isinstance(doc, kind):
        raise InputError("файл не соответствует виду документа в реестре", "kind")
    return doc


def _party(role: str, member: Participant) -> CardParty:
    return CardParty(role, member.name, inn_kpp(member), address(member.address))


def _signers(signers: tuple[Signer, ...]) -> CardField:
    names = [f"{s.name.full}, {s.position}" if s.position else s.name.full for s in signers]
    return CardField("Подписант", "; ".join(names) or DASH)


def _line_row(line: GoodsLine) -> tuple[str, ...]:
    vat = NO_VAT if line.vat_amount is None else money(line.vat_amount)
    return (str(line.number), line.name, line.unit_name or DASH, number(line.quantity),
            number(line.price, min_fraction=2), money(line.amount_without_vat), line.vat_rate.value, vat,
            money(line.amount_with_vat))


def upd_seller_card(content: bytes, summary: DocumentSummary) -> DocumentCard:
    doc = _read(content, UpdSeller)
    assert isinstance(doc, UpdSeller)
    fields = [CardField("Функция", doc.function), CardField("Номер и дата", f"№ {doc.number} от {day(doc.doc_date)}")]
    if doc.correction is not None:
        fields.append(CardField("Исправление", f"№ {doc.correction.number} от {day(doc.correction.date)}"))
    fields += [CardField("Документ об отгрузке", docs(doc.shipment_docs)),
               CardField("Валюта", f"{doc.currency_name}, {doc.currency_code}"), _signers(doc.signers),
               CardField("Файл", doc.file_name)]
    parties = [_party("Продавец", m) for m in doc.sellers] + [_party("Покупатель", m) for m in doc.buyers]
    parties += [_party("Грузоотправитель", m) for m in doc.shippers]
    parties += [_party("Грузополучатель", m) for m in doc.consignees]
    totals = doc.totals
    return DocumentCard(
        doc.doc_name or "Счёт-фактура", tuple(fields), tuple(parties),
        CardTable(LINE_HEADERS, tuple(_line_row(line) for line in doc.lines)),
        (CardField("Всего без НДС", money(totals.without_vat)),
         CardField("Сумма НДС", NO_VAT if totals.vat is None else money(totals.vat)),
         CardField("Всего с НДС", money(totals.with_vat))))


def upd_buyer_card(content: bytes, summary: DocumentSummary) -> DocumentCard:
    doc = _read(content, UpdBuyer)
    assert isinstance(doc, UpdBuyer)
    fields = (CardField("Функция", doc.function),
              CardField("Ответ на документ", f"{doc.seller_doc_name} № {doc.seller_number or DASH} "
                                             f"от {day(doc.seller_date)}"),
              CardField("Файл продавца", doc.seller_file.file_id),
              CardField("Итог приёмки", RESULT_TITLES.get(doc.result, doc.result)),
              CardField("Дата приёмки", day(doc.accepted_on)),
              CardField("Содержание операции", doc.operation or DASH), _signers(doc.signers),
              CardField("Файл", f"{doc.file_id}.xml"))
    parties = tuple(_party_of_ref(role, ref) for role, ref in (("Продавец", summary.seller),
                                                                ("Покупатель", summary.buyer)) if ref is not None)
    return DocumentCard("Титул покупателя УПД", fields, parties)


def hr_card(content: bytes, summary: DocumentSummary) -> DocumentCard:
    """Кадровый документ (services.hr_documents gives the text); a notice's conditions are the table."""
    view = hr_card_view(content)
    table = CardTable(("Условие", "Было", "Стало"), view.conditions) if view.conditions else None
    return DocumentCard(view.title, tuple(CardField(*f) for f in view.fields),
                        tuple(CardParty(*p) for p in view.parties), table)


def etrn_card(content: bytes, summary: DocumentSummary) -> DocumentCard:
    """Any ЭТрН title (services.etrn_cards gives the text); title 1 shows its cargo as the table."""
    view = etrn_card_view(content)
    table = CardTable(CARGO_HEADERS, view.rows) if view.rows else None
    return DocumentCard(view.title, tuple(CardField(*f) for f in view.fields),
                        tuple(CardParty(*p) for p in view.parties), table)


def ukd_card(content: bytes, summary: DocumentSummary) -> DocumentCard:
    """Either УКД title (services.ukd_cards gives the text); the seller's lines are the table."""
    view = ukd_card_view(content)
    parties = tuple(CardParty(*p) for p in view.parties) or tuple(
        _party_of_ref(role, ref) for role, ref in (("Продавец", summary.seller), ("Покупатель", summary.buyer))
        if ref is not None)
    table = CardTable(UKD_HEADERS, view.rows) if view.rows else None
    return DocumentCard(view.title, tuple(CardField(*f) for f in view.fields), parties, table,
                        tuple(CardField(*f) for f in view.totals))


def primary_card(content: bytes, summary: DocumentSummary) -> DocumentCard:
    """Акт or ТОРГ-12, either title (services.primary_cards gives the text); the seller's lines are the table."""
    view = primary_card_view(content, summary)
    table = CardTable(view.headers, view.rows) if view.rows else None
    return DocumentCard(view.title, tuple(CardField(*f) for f in view.fields),
                        tuple(CardParty(*p) for p in view.parties), table, tuple(CardField(*f) for f in view.totals))


CARD_BUILDERS: dict[DocumentKind, CardBuilder] = {
    DocumentKind.UPD_SELLER: upd_seller_card,
    DocumentKind.UPD_BUYER: upd_buyer_card,
    DocumentKind.UKD_SELLER: ukd_card,
    DocumentKind.UKD_BUYER: ukd_card,
    DocumentKind.HR: hr_card,
    DocumentKind.ETRN: etrn_card,
    DocumentKind.ACT_SELLER: primary_card,
    DocumentKind.ACT_BUYER: primary_card,
    DocumentKind.TORG12_SELLER: primary_card,
    DocumentKind.TORG12_BUYER: primary_card,
}
