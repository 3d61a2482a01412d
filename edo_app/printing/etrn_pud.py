"""The print form of the ЭТрН titles 07 and 08: the primary accounting document of the carriage.

One A4 page in the style of the waybill's form (printing/etrn.py): the carrier's cost of the
carriage with VAT (title 07) and, when known, the shipper's answer with a third-party payer
(title 08), then the electronic signature stamps. reportlab's ``invariant`` mode: same input,
same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

from edo_app.documents import EtrnPudCarrier, EtrnPudShipper, EtrnSigner, PartyExtras

from . import text
from .etrn import MARGIN, _sections
from .fonts import register_fonts
from .primary import stamps_block
from .stamp import SignatureStamp
from .styles import Styles

CAPTION = "ТРАНСПОРТНАЯ НАКЛАДНАЯ: СТОИМОСТЬ ПЕРЕВОЗКИ"


def print_pud(cost: EtrnPudCarrier, answer: EtrnPudShipper | None = None,
              stamps: Sequence[SignatureStamp] = ()) -> bytes:
    """The PDF of title 07 ``cost`` with the shipper's title 08 ``answer`` when it is known."""
    font, bold = register_fonts()
    styles = Styles(font, bold)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        invariant=1, initialFontName=font, title=CAPTION.capitalize(), author=cost.economic_entity,
        creator=cost.program, subject=str(cost.file_id))
    width = A4[0] - 2 * MARGIN
    template.build(_story(styles, width, cost, answer) + stamps_block(styles, stamps, width))
    return buffer.getvalue()


def _story(styles: Styles, width: float, doc: EtrnPudCarrier, answer: EtrnPudShipper | None) -> list[Flowable]:
    price = doc.cost
    currency = price.currency_name or ("руб." if price.currency == "643" else f"код валюты {price.currency}")
    story: list[Flowable] = [
        styles.center(CAPTION, 11, bold=True),
        styles.center(f"УИД ТрН (ГИС ЭПД): {doc.uid}", 7),
        styles.center(f"к титулу перевозчика о выдаче груза {doc.answers.file_id} от "
                      f"{doc.answers.created:%d.%m.%Y %H:%M}", 6.5), Spacer(0, 4)]
    carrier = [("Перевозчик", doc.economic_entity), ("Содержание", doc.operation),
               ("Стоимость без НДС", f"{text.money(price.without_vat)} {currency}"),
               ("Ставка НДС", price.rate.value if price.rate else text.DASH),
               ("Сумма НДС", f"{text.money(price.vat)} {currency}" if price.vat is not None else "без НДС"),
               ("Стоимость с НДС", f"{text.money(price.total)} {currency}"),
               ("Порядок расчёта", price.calculation or text.DASH),
               *_extras(doc.extras), ("Подписал", _signer(doc.signer, doc.created.strftime("%d.%m.%Y %H:%M")))]
    sections = [("1. Информация перевозчика (титул 07)", carrier),
                ("2. Информация грузоотправителя (титул 08)", _answer(answer))]
    return story + _sections(styles, width, sections)


def _answer(answer: EtrnPudShipper | None) -> list[tuple[str, str]]:
    if answer is None:
        return [("Грузоотправитель", "ответ грузоотправителя ещё не получен")]
    rows = [("Грузоотправитель", answer.economic_entity), ("Содержание", answer.operation)]
    if answer.payer is not None:
        basis = answer.payer.basis
        rows += [("Плательщик", answer.payer.name),
                 ("Основание платежа", f"{basis.name} № {basis.number} от {text.day(basis.date)}, "
                                       f"ИНН {basis.issuer_inn}")]
    return [*rows, *_extras(answer.extras),
            ("Подписал", _signer(answer.signer, answer.created.strftime("%d.%m.%Y %H:%M")))]


def _extras(extras: PartyExtras) -> list[tuple[str, str]]:
    rows = []
    account = extras.account
    if account is not None:
        bank = ", ".join(p for p in (account.bank_name, account.bik and f"БИК {account.bik}",
                                     account.corr_account and f"к/с {account.corr_account}") if p)
        rows.append(("Банковский счёт", f"р/с {account.number}" + (f", {bank}" if bank else "")))
    if extras.okpo:
        rows.append(("ОКПО", extras.okpo))
    return rows


def _signer(signer: EtrnSigner, when: str) -> str:
    return signer.name.full + (f", {signer.position}" if signer.position else "") + f"; {when}"
