"""The lower part of the УПД: the invoice signatures and the transfer block, rows [8]–[19].

The seller's half (left) comes from the seller's title, the buyer's half (right) from the
buyer's title when one is given; otherwise it stays blank for a paper signature.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, TableStyle

from edo_app.documents import ACCEPTED, ACCEPTED_WITH_DISCREPANCIES, Employee, Signer, UpdBuyer, UpdSeller

from . import text
from .styles import THIN, Styles, Table, field_rows, signature_line

RESULTS = {ACCEPTED: "Принято без расхождений (претензий)",
           ACCEPTED_WITH_DISCREPANCIES: "Принято с расхождениями (претензией)"}
REFUSAL = "Не принято"


def _person(signer: Signer | Employee | None) -> tuple[str, str]:
    if signer is None:
        return "", ""
    return signer.position, signer.name.full


def invoice_signatures(styles: Styles, doc: UpdSeller, width: float, strip: float, sheets: int) -> Table:
    """«Руководитель организации … / Главный бухгалтер … / Индивидуальный предприниматель …»."""
    position, person = _person(doc.signers[0])
    party = doc.seller.party
    entrepreneur = getattr(party, "is_entrepreneur", False)
    half = (width - strip) / 2
    line = [half * 0.3, half * 0.3, half * 0.4]
    signer, blank = (position, person), ("", "")
    head, ip = (blank, signer) if entrepreneur else (signer, blank)  # an ИП signs on its own line
    rows = [
        [styles.p(f"Документ составлен на {sheets} {_sheets_word(sheets)}", 6.5),
         styles.p("Руководитель организации или иное уполномоченное лицо", 6.5),
         styles.p("Главный бухгалтер или иное уполномоченное лицо", 6.5)],
        ["", signature_line(styles, head[0], head[1], line), signature_line(styles, "", "", line)],
        ["", styles.p("Индивидуальный предприниматель или иное уполномоченное лицо", 6.5),
         styles.p("", 6.5)],
        ["", signature_line(styles, ip[0], ip[1], line),
         _registration(styles, doc, half)],
    ]
    table = Table(rows, colWidths=[strip, half, half], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                               ("LINEBELOW", (0, -1), (-1, -1), 1.2, "black")]))
    return table


def _sheets_word(count: int) -> str:
    if count % 10 == 1 and count % 100 != 11:
        return "листе"
    return "листах"


def _registration(styles: Styles, doc: UpdSeller, width: float) -> Table:
    ogrn = getattr(doc.seller.party, "ogrn", "") if getattr(doc.seller.party, "is_entrepreneur", False) else ""
    data = [[styles.center(f"ОГРНИП {ogrn}" if ogrn else "", 6.5, bold=True)],
            [styles.center("(реквизиты свидетельства о государственной регистрации индивидуального "
                           "предпринимателя)", 5)]]
    table = Table(data, colWidths=[width], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), THIN, "black"), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return table


def _basis(doc: UpdSeller) -> str:
    if doc.transfer is None:
        return text.DASH
    return text.docs(doc.transfer.basis) if doc.transfer.basis else "Без документа-основания"


def _transfer_date(doc: UpdSeller) -> str:
    transfer = doc.transfer
    if transfer is None:
        return text.day_words(None)
    if transfer.transfer_date is not None:
        return text.day_words(transfer.transfer_date)
    return f"с {text.day(transfer.period_start)} по {text.day(transfer.period_end)}"


def _seller_half(styles: Styles, doc: UpdSeller, width: float) -> list[Flowable]:
    transfer = doc.transfer
    handed = _person(transfer.handed_by if transfer else None)
    responsible = _person(doc.signers[0])
    other = ", ".join(x for x in (transfer.operation if transfer else "", transfer.kind if transfer else "") if x)
    entity = doc.economic_entity or f"{doc.seller.name}, ИНН/КПП {text.inn_kpp(doc.seller)}"
    line = [width * 0.3, width * 0.25, width * 0.37]
    return _half(styles, width, line, [
        ("Товар (груз) передал / услуги, результаты работ, права сдал", handed, "10"),
        ("Дата отгрузки, передачи (сдачи)", _transfer_date(doc), "11"),
        ("Иные сведения об отгрузке, передаче", other or text.DASH, "12"),
        ("Ответственный за правильность оформления факта хозяйственной жизни", responsible, "13"),
        ("Наименование экономического субъекта – составителя документа (в т.ч. комиссионера / агента)",
         entity, "14"),
    ])


def _buyer_half(styles: Styles, doc: UpdSeller, buyer: UpdBuyer | None, width: float) -> list[Flowable]:
    line = [width * 0.3, width * 0.25, width * 0.37]
    if buyer is None:
        return _half(styles, width, line, [
            ("Товар (груз) получил / услуги, результаты работ, права принял", ("", ""), "15"),
            ("Дата получения (приемки)", text.day_words(None), "16"),
            ("Иные сведения о получении, приемке", "", "17"),
            ("Ответственный за правильность оформления факта хозяйственной жизни", ("", ""), "18"),
            ("Наименование экономического субъекта – составителя документа", "", "19"),
        ])
    result = RESULTS.get(buyer.result, REFUSAL)
    other = "; ".join(x for x in (result, buyer.operation, buyer.operation_kind) if x)
    entity = buyer.economic_entity or f"{doc.buyer.name}, ИНН/КПП {text.inn_kpp(doc.buyer)}"
    return _half(styles, width, line, [
        ("Товар (груз) получил / услуги, результаты работ, права принял", _person(buyer.accepted_by), "15"),
        ("Дата получения (приемки)", text.day_words(buyer.accepted_on), "16"),
        ("Иные сведения о получении, приемке", other, "17"),
        ("Ответственный за правильность оформления факта хозяйственной жизни", _person(buyer.signers[0]), "18"),
        ("Наименование экономического субъекта – составителя документа", entity, "19"),
    ])


Item = tuple[str, tuple[str, str] | str, str]


def _half(styles: Styles, width: float, line: list[float], items: list[Item]) -> list[Flowable]:
    """Each item is a caption then either a signature line (position, ФИО) or a text value."""
    out: list[Flowable] = []
    for caption, value, code in items:
        out.append(styles.p(caption, 6.5))
        if isinstance(value, tuple):
            row: Flowable = signature_line(styles, value[0], value[1], line)
        else:
            row = Table([[styles.p(value, 7, bold=True)]], colWidths=[width - 30], hAlign="LEFT",
                        style=[("LINEBELOW", (0, 0), (-1, -1), THIN, "black"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
        out.append(Table([[row, styles.code(code)]], colWidths=[width - 26, 24], hAlign="LEFT",
                         style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return out


def transfer_block(styles: Styles, doc: UpdSeller, buyer: UpdBuyer | None, width: float) -> list[Flowable]:
    """Rows [8] and [9] across the page, then the seller's and the buyer's halves side by side."""
    transport = doc.transfer.transport if doc.transfer and doc.transfer.transport else text.DASH
    common = field_rows(styles, [("Основание передачи (сдачи) / получения (приемки)", _basis(doc), "8"),
                                 ("Данные о транспортировке и грузе", transport, "9")],
                        [190, width - 218, 28])
    half = (width - 12) / 2
    halves = Table([[_seller_half(styles, doc, half), _buyer_half(styles, doc, buyer, half)]],
                   colWidths=[half + 6, half + 6], hAlign="LEFT")
    halves.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEAFTER", (0, 0), (0, 0), 0.8, "black"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]))
    return [common, halves]
