"""Our buyer's title to a received seller title: УПД (ON_NSCHFDOPPOK), УКД (ON_NKORSCHFDOPPOK),
акт (DP_REZRUZAK, the customer's) or ТОРГ-12 (DP_TOVTORGPOK). ExchangeActions.sign_buyer_title
stores, signs and queues what this forms.

The 5.01 titles (УКД, акт, ТОРГ-12) name their signer differently (ЮЛ with the organisation's ИНН,
ИП, or a person): the person and position the user entered become that signer on behalf of the
answering side. The УКД 5.01 has no place for who accepted the goods (РабОргПок), so
``accepted_by`` is not carried there; the акт has none either (ТОРГ-12 has: СвЛицПолГруз). Акт and
ТОРГ-12 tell acceptance and refusal by the standard text of СодОпер (primary_answer), so
``operation`` is not used for them, and ``reason`` follows the refusal text.

Acceptance with discrepancies (a claim: КодИтога 2, with the act of discrepancies in РеквДокРасх)
has its place only in the УПД 5.03 buyer's title; the УКД, акт and ТОРГ-12 titles we form carry
no such act, so there it is refused with a clear error rather than lost.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from edo_app.documents import (
    ACCEPTED,
    ACCEPTED_WITH_DISCREPANCIES,
    REFUSED,
    ActSeller,
    DocRef,
    Employee,
    Handler,
    Member,
    PrimaryAnswer,
    PrimarySigner,
    Signer,
    UkdSigner,
    act_answer_for,
    buyer_title_for,
    buyer_to_xml,
    primary_from_xml,
    primary_to_xml,
    torg12_answer_for,
    ukd_buyer_title_for,
    ukd_buyer_to_xml,
    ukd_from_xml,
)
from edo_app.documents.upd_buyer import DISCREPANCY_OPERATION
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import Party
from edo_app.services.exchange_status import PRIMARY_SELLERS, wants_buyer_title
from edo_app.storage.records import StoredDocument

DISCREPANCY_ACT_NAME = "Акт о расхождении"  # what РеквДокРасх names unless told otherwise


@dataclass(frozen=True, slots=True)
class AcceptanceDetails:
    """What the buyer's title states beside the result (ДатаПолуч, СодОпер, РабОргПок)."""

    accepted_on: date | None = None
    operation: str | None = None
    accepted_by: Employee | None = None
    reason: str = ""  # акт, ТОРГ-12: why they are refused (after the standard text of СодОпер)
    discrepancy_act: DocRef | None = None  # УПД: accepted with discrepancies by this act (РеквДокРасх)


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
        raise InputError("титул покупателя формируется только к УПД с функцией СЧФДОП или ДОП, к УКД с функцией "
                         "КСЧФДИС или ДИС, к акту и к ТОРГ-12", "document_id")
    _check_reason(kind, accept, details.reason)
    _check_discrepancy(kind, accept, details.discrepancy_act)
    if kind in PRIMARY_SELLERS:
        return _primary_title(stored.content, signature_b64, created=created, guid=guid, signer=signer,
                              accept=accept, details=details)
    result = ACCEPTED if accept else REFUSED
    if details.discrepancy_act is not None:
        result = ACCEPTED_WITH_DISCREPANCIES
    if kind is DocumentKind.UKD_SELLER:
        return _ukd_title(stored.content, signature_b64, created=created, guid=guid, signer=signer, result=result,
                          details=details)
    operation = details.operation or (DISCREPANCY_OPERATION if details.discrepancy_act else None)
    title = buyer_title_for(stored.content, signature_b64, created=created, guid=guid, signer=signer, result=result,
                            accepted_on=details.accepted_on, operation=operation, accepted_by=details.accepted_by,
                            discrepancy_doc=details.discrepancy_act)
    return FormedTitle(str(title.file_id), title.file_name, buyer_to_xml(title))


def _check_reason(kind: DocumentKind, accept: bool, reason: str) -> None:
    """The reason of a refusal has its place only in the 5.01 titles (акт, ТОРГ-12: after the refusal
    text of СодОпер), and there it is the only thing that tells the seller what is wrong."""
    if reason and accept:
        raise InputError("причина указывается только при отказе", "reason")
    if reason and kind not in PRIMARY_SELLERS:
        raise InputError("в титуле покупателя УПД и УКД нет места для причины отказа: отказ подписывается без неё "
                         "(причину можно сообщить уведомлением об уточнении)", "reason")
    if not accept and kind in PRIMARY_SELLERS and not reason.strip():
        raise InputError("укажите причину отказа: в титуле акта и ТОРГ-12 отказ передаётся только текстом "
                         "с причиной", "reason")


def discrepancy_act(number: str, day: date, name: str = DISCREPANCY_ACT_NAME) -> DocRef:
    """The act of discrepancies a УПД is accepted with (РеквДокРасх of the buyer's title)."""
    return DocRef(name.strip() or DISCREPANCY_ACT_NAME, number.strip(), day)


def _check_discrepancy(kind: DocumentKind, accept: bool, act: DocRef | None) -> None:
    if act is None:
        return
    if not accept:
        raise InputError("акт о расхождениях указывается при приёмке с расхождениями, не при отказе",
                         "discrepancy_act")
    if kind is not DocumentKind.UPD_SELLER:
        raise InputError("приёмка с расхождениями (акт о расхождениях) оформляется только в титуле покупателя "
                         "УПД; на УКД, акт и ТОРГ-12 ответьте отказом или уведомлением об уточнении",
                         "discrepancy_act")


def _ukd_title(content: bytes, signature_b64: str, *, created: datetime, guid: str, signer: Signer, result: str,
               details: AcceptanceDetails) -> FormedTitle:
    seller = ukd_from_xml(content)
    title = ukd_buyer_title_for(seller, signature_b64, created=created, guid=guid,
                                signer=ukd_signer(signer, seller.buyer.party), result=result,
                                operation=None if result == REFUSED else details.operation)
    if result != REFUSED and details.accepted_on is not None:
        title = replace(title, accepted_on=details.accepted_on)
    return FormedTitle(str(title.file_id), title.file_name, ukd_buyer_to_xml(title))


def _primary_title(content: bytes, signature_b64: str, *, created: datetime, guid: str, signer: Signer,
                   accept: bool, details: AcceptanceDetails) -> FormedTitle:
    """The customer's title to an акт, or the buyer's to a ТОРГ-12."""
    seller = primary_from_xml(content)
    accepted_on, reason = (details.accepted_on, "") if accept else (None, details.reason)
    if isinstance(seller, ActSeller):
        answer = act_answer_for(seller, signature_b64, created=created, guid=guid,
                                signer=primary_signer(signer, seller.customer), accept=accept,
                                reason=reason, accepted_on=accepted_on)
    elif not isinstance(seller, PrimaryAnswer):
        by = details.accepted_by
        answer = torg12_answer_for(seller, signature_b64, created=created, guid=guid,
                                   signer=primary_signer(signer, seller.buyer), accept=accept,
                                   reason=reason, accepted_on=accepted_on,
                                   accepted_by=Handler(by.name, by.position) if by and accept else None)
    else:
        raise InputError("ответный титул формируется к титулу исполнителя или продавца", "document_id")
    return FormedTitle(str(answer.file_id), answer.file_name, primary_to_xml(answer))


def primary_signer(signer: Signer, member: Member) -> PrimarySigner:
    """The 5.01 signer of an акт / ТОРГ-12 answer: the organisation's employee, the entrepreneur or the person."""
    party = member.party
    if party.is_organisation:
        return PrimarySigner(signer.name, party.inn, org_name=party.name, position=signer.position)
    return PrimarySigner(signer.name, party.inn, kind="ИП" if member.entrepreneur else "ФЛ")


def ukd_signer(signer: Signer, buyer: object) -> UkdSigner:
    """The 5.01 signer for the buyer's side: its employee (ЮЛ) or the entrepreneur (ИП)."""
    if not isinstance(buyer, Party):
        raise InputError("иностранный покупатель в УКД 5.01 пока не поддерживается", "buyer")
    if buyer.is_organisation:
        return UkdSigner(signer.name, buyer.inn, signer.position or "Уполномоченное лицо", buyer.name)
    return UkdSigner(signer.name, buyer.inn, registration=buyer.ogrn)
