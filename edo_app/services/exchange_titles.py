"""Our buyer's title to a received seller title, for either family: УПД (ON_NSCHFDOPPOK) or УКД
(ON_NKORSCHFDOPPOK). ExchangeActions.sign_buyer_title stores, signs and queues what this forms.

The УКД 5.01 title names its signer differently (ЮЛ with the organisation's ИНН, or ИП): the
person and position the user entered become that signer on behalf of the УКД's buyer. 5.01 has
no place for who accepted the goods (РабОргПок), so ``accepted_by`` is not carried there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from edo_app.documents import (
    ACCEPTED,
    REFUSED,
    Employee,
    Signer,
    UkdSigner,
    buyer_title_for,
    buyer_to_xml,
    ukd_buyer_title_for,
    ukd_buyer_to_xml,
    ukd_from_xml,
)
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import Party
from edo_app.services.exchange_status import wants_buyer_title
from edo_app.storage.records import StoredDocument


@dataclass(frozen=True, slots=True)
class AcceptanceDetails:
    """What the buyer's title states beside the result (ДатаПолуч, СодОпер, РабОргПок)."""

    accepted_on: date | None = None
    operation: str | None = None
    accepted_by: Employee | None = None


@dataclass(frozen=True, slots=True)
class FormedTitle:
    file_id: str
    file_name: str
    xml: bytes


def buyer_title(stored: StoredDocument, signature_b64: str, *, created: datetime, guid: str, signer: Signer,
                accept: bool, details: AcceptanceDetails) -> FormedTitle:
    """The title answering ``stored`` (a seller title whose function wants it), not yet stored."""
    kind, function = stored.summary.kind, stored.summary.function
    if not wants_buyer_title(kind, function):
        raise InputError("титул покупателя формируется только к УПД с функцией СЧФДОП или ДОП и к УКД с функцией "
                         "КСЧФДИС или ДИС", "document_id")
    result = ACCEPTED if accept else REFUSED
    if kind is DocumentKind.UKD_SELLER:
        return _ukd_title(stored.content, signature_b64, created=created, guid=guid, signer=signer, result=result,
                          details=details)
    title = buyer_title_for(stored.content, signature_b64, created=created, guid=guid, signer=signer, result=result,
                            accepted_on=details.accepted_on, operation=details.operation,
                            accepted_by=details.accepted_by)
    return FormedTitle(str(title.file_id), title.file_name, buyer_to_xml(title))


def _ukd_title(content: bytes, signature_b64: str, *, created: datetime, guid: str, signer: Signer, result: str,
               details: AcceptanceDetails) -> FormedTitle:
    seller = ukd_from_xml(content)
    title = ukd_buyer_title_for(seller, signature_b64, created=created, guid=guid,
                                signer=ukd_signer(signer, seller.buyer.party), result=result,
                                operation=None if result == REFUSED else details.operation)
    if result != REFUSED and details.accepted_on is not None:
        title = replace(title, accepted_on=details.accepted_on)
    return FormedTitle(str(title.file_id), title.file_name, ukd_buyer_to_xml(title))


def ukd_signer(signer: Signer, buyer: object) -> UkdSigner:
    """The 5.01 signer for the buyer's side: its employee (ЮЛ) or the entrepreneur (ИП)."""
    if not isinstance(buyer, Party):
        raise InputError("иностранный покупатель в УКД 5.01 пока не поддерживается", "buyer")
    if buyer.is_organisation:
        return UkdSigner(signer.name, buyer.inn, signer.position or "Уполномоченное лицо", buyer.name)
    return UkdSigner(signer.name, buyer.inn, registration=buyer.ogrn)
