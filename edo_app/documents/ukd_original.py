"""A УКД built from the УПД it corrects: the app's «build from the document chosen».

``build_from_original(upd, changes, ...)`` takes the original seller title and the changes per
line (new quantity, price and/or rate); every «before» value is the original line as written,
every «after» value is computed (Кол×Цена, tax by the rate). Several УПД of the same seller and
buyer can be corrected by one УКД (``build_from_originals``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.party import Party
from edo_app.model.problems import rethrow
from edo_app.model.vat import VatRate

from .ukd_model import (
    UKD_PREFIX,
    Agreement,
    BasisDoc,
    CorrectedInvoice,
    LineState,
    UkdLine,
    UkdSeller,
    UkdSigner,
    make_state,
)
from .upd_model import GoodsLine, UpdSeller

ORIGINAL_NAME = "Универсальный передаточный документ"


@dataclass(frozen=True, slots=True)
class LineChange:
    """What changes in line ``line`` (НомСтр) of the original; None keeps the original value."""

    line: int
    quantity: Decimal | None = None
    price: Decimal | None = None
    vat_rate: VatRate | None = None


def build_from_original(upd: UpdSeller, changes: Sequence[LineChange], *, number: str, doc_date: date,
                        created: datetime, guid: str, function: str = "КСЧФДИС",
                        basis: BasisDoc | None = None, signer: UkdSigner | None = None) -> UkdSeller:
    """A УКД correcting ``upd``; ``basis`` (ДокумОснКор) is required for КСЧФДИС and ДИС."""
    return build_from_originals([(upd, changes)], number=number, doc_date=doc_date, created=created, guid=guid,
                                function=function, basis=basis, signer=signer)


def build_from_originals(originals: Sequence[tuple[UpdSeller, Sequence[LineChange]]], *, number: str,
                         doc_date: date, created: datetime, guid: str, function: str = "КСЧФДИС",
                         basis: BasisDoc | None = None, signer: UkdSigner | None = None) -> UkdSeller:
    if not originals:
        raise InputError("выберите хотя бы один корректируемый документ", "originals")
    first = originals[0][0]
    _same_parties(originals)
    lines: list[UkdLine] = []
    for index, (upd, changes) in enumerate(originals):
        lines.extend(_changed_lines(upd, changes, len(lines) + 1, f"originals[{index}]"))
    agreement = None
    if function in ("КСЧФДИС", "ДИС"):
        if basis is None:
            raise InputError("укажите документ — основание корректировки (например, дополнительное соглашение)",
                             "basis")
        agreement = Agreement(tuple(BasisDoc(u.doc_name or ORIGINAL_NAME, u.number, u.doc_date) for u, _ in originals),
                              (basis,))
    file_id = FileId(UKD_PREFIX, first.file_id.recipient, first.file_id.sender, created.date(), guid)
    return UkdSeller(
        file_id=file_id, created=created, function=function, number=number, doc_date=doc_date,
        invoices=tuple(CorrectedInvoice(u.number, u.doc_date) for u, _ in originals), seller=first.seller,
        buyer=first.buyer, lines=tuple(lines), signers=(signer or signer_of(first),), agreement=agreement,
        currency_code=first.currency_code)


def _same_parties(originals: Sequence[tuple[UpdSeller, Sequence[LineChange]]]) -> None:
    first = originals[0][0]
    for index, (upd, _) in enumerate(originals[1:], start=1):
        if (upd.seller.party, upd.buyer.party) != (first.seller.party, first.buyer.party):
            raise InputError("один УКД корректирует документы одного продавца одному покупателю",
                             f"originals[{index}]")


def _changed_lines(upd: UpdSeller, changes: Sequence[LineChange], first_number: int, path: str) -> list[UkdLine]:
    by_number = {line.number: line for line in upd.lines}
    result: list[UkdLine] = []
    for i, change in enumerate(changes):
        where = f"{path}.changes[{i}]"
        original = by_number.get(change.line)
        if original is None:
            raise InputError(f"в документе № {upd.number} нет строки {change.line}", f"{where}.line")
        try:
            before = _state_of(original)
            after = make_state(change.quantity if change.quantity is not None else _need(original.quantity),
                               change.price if change.price is not None else _need(original.price),
                               change.vat_rate or original.vat_rate, okei=original.okei,
                               unit_name=original.unit_name)
        except InputError as exc:
            raise rethrow(exc, where) from None
        result.append(UkdLine(first_number + i, original.name, before, after, original.number, original.code,
                              original.article))
    if not result:
        raise InputError(f"для документа № {upd.number} не указано ни одного изменения", f"{path}.changes")
    return result


def _need(value: Decimal | None) -> Decimal:
    if value is None:
        raise InputError("в исходной строке нет количества и цены: укажите новые", "quantity")
    return value


def _state_of(line: GoodsLine) -> LineState:
    return LineState(line.vat_rate, line.amount_without_vat, line.amount_with_vat, line.vat_amount, line.quantity,
                     line.price, line.okei, line.unit_name, line.excise)


def signer_of(upd: UpdSeller) -> UkdSigner:
    """The original's first signer as a 5.01 signer on behalf of the seller."""
    original = upd.signers[0]
    party = upd.seller.party
    if not isinstance(party, Party):
        raise InputError("иностранный продавец в УКД 5.01 пока не поддерживается", "seller")
    if party.is_organisation:
        return UkdSigner(original.name, party.inn, original.position or "Руководитель", party.name)
    return UkdSigner(original.name, party.inn, registration=party.ogrn)
