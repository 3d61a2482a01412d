"""Paired statuses: what each exchange event does to a document's status, on either side.

One explicit table, so the flow can be read (and tested) in one place. Statuses only move
forward: an event that does not fit the current status (a late ПДП after the buyer already
signed, a duplicate ИОП) changes nothing — the table has no entry for it.

Outgoing (we sent it):  Проверен/Подписан → Отправлен → Доставлен (ПДП) → Подписан контрагентом
                        (ИОП on a СЧФ, or the buyer's title) / Подписан с расхождениями (the
                        buyer's title with КодИтога 2: accepted with a claim) / Отказано /
                        Требуется уточнение / Аннулирован.
Incoming (we got it):   Требуется подпись (СЧФДОП, ДОП; УКД КСЧФДИС, ДИС; акт, ТОРГ-12; an HR order or
                        notice, to acknowledge) or Получен (СЧФ, an HR statement and the rest) →
                        Подписан / Подписан с расхождениями / Отказано / Требуется уточнение /
                        Аннулирован.
HR: the employer's order answering our statement, or the acknowledgement of our order, is the
counterparty's signature (exchange_incoming); our order or acknowledgement is ours (hr_flow).
"""

from __future__ import annotations

import enum

from edo_app.documents.hr_model import EMPLOYER_KINDS
from edo_app.documents.hr_model import KINDS as HR_KINDS
from edo_app.documents.upd_buyer import ACCEPTED_WITH_DISCREPANCIES, REFUSED
from edo_app.model.kinds import DocumentKind, DocumentStatus

S = DocumentStatus


class ExchangeEvent(enum.Enum):
    SENT = "sent"  # the operator accepted our package (its receipt)
    DELIVERED = "delivered"  # ПДП, or the operator's "delivered"
    RECEIPT = "receipt"  # the counterparty's ИОП on a document that needs their title too
    RECEIPT_FINAL = "receipt_final"  # the counterparty's ИОП on a СЧФ: their side is done
    COUNTERPARTY_SIGNED = "counterparty_signed"  # the buyer's title, accepted
    COUNTERPARTY_SIGNED_WITH_DISCREPANCIES = "counterparty_signed_with_discrepancies"  # accepted with a claim
    COUNTERPARTY_REFUSED = "counterparty_refused"  # the buyer's title refused, or a rejection
    CLARIFICATION = "clarification"  # УОУ received, or sent by us
    OPERATOR_REJECTED = "operator_rejected"  # the operator refused our message after accepting it
    WE_SIGNED = "we_signed"  # we sent our (buyer's) title accepting it
    WE_SIGNED_WITH_DISCREPANCIES = "we_signed_with_discrepancies"  # ... accepting it with a claim
    WE_REFUSED = "we_refused"  # we refused to sign
    ANNULLED = "annulled"  # both sides agreed to annul


_SENDABLE = (S.VALIDATED, S.SIGNED, S.DRAFT)
_IN_FLIGHT = (S.SENT, S.DELIVERED)
_ANSWERABLE = (S.SIGNATURE_REQUIRED, S.RECEIVED, S.CLARIFICATION_REQUIRED)
_AGREED = (S.SENT, S.DELIVERED, S.SIGNED, S.SIGNED_BY_COUNTERPARTY, S.SIGNED_WITH_DISCREPANCIES, S.RECEIVED,
           S.SIGNATURE_REQUIRED)

E = ExchangeEvent
TRANSITIONS: dict[tuple[DocumentStatus, ExchangeEvent], DocumentStatus] = {
    **{(s, E.SENT): S.SENT for s in _SENDABLE},
    (S.SENT, E.DELIVERED): S.DELIVERED,
    (S.SENT, E.RECEIPT): S.DELIVERED,
    **{(s, E.RECEIPT_FINAL): S.SIGNED_BY_COUNTERPARTY for s in _IN_FLIGHT},
    **{(s, E.COUNTERPARTY_SIGNED): S.SIGNED_BY_COUNTERPARTY for s in (*_IN_FLIGHT, S.CLARIFICATION_REQUIRED)},
    **{(s, E.COUNTERPARTY_SIGNED_WITH_DISCREPANCIES): S.SIGNED_WITH_DISCREPANCIES
       for s in (*_IN_FLIGHT, S.CLARIFICATION_REQUIRED)},
    **{(s, E.COUNTERPARTY_REFUSED): S.REJECTED for s in _IN_FLIGHT},
    **{(s, E.CLARIFICATION): S.CLARIFICATION_REQUIRED for s in (*_IN_FLIGHT, S.SIGNATURE_REQUIRED, S.RECEIVED)},
    **{(s, E.OPERATOR_REJECTED): S.REJECTED for s in (*_SENDABLE, *_IN_FLIGHT)},
    **{(s, E.WE_SIGNED): S.SIGNED for s in _ANSWERABLE},
    **{(s, E.WE_SIGNED_WITH_DISCREPANCIES): S.SIGNED_WITH_DISCREPANCIES for s in _ANSWERABLE},
    **{(s, E.WE_REFUSED): S.REJECTED for s in _ANSWERABLE},
    **{(s, E.ANNULLED): S.ANNULLED for s in _AGREED},
}

# Functions of УПД that want the buyer's title (or a refusal) after the seller's.
NEEDS_ANSWER = frozenset({"СЧФДОП", "ДОП"})
# Invoices: the 14н flow, the recipient answers with an ИОП.
INVOICES = frozenset({"СЧФ", "СЧФДОП"})
# УКД: КСЧФДИС and ДИС want the buyer's agreement (its title); КСЧФ and КСЧФДИС are corrective invoices.
UKD_NEEDS_ANSWER = frozenset({"КСЧФДИС", "ДИС"})
UKD_INVOICES = frozenset({"КСЧФ", "КСЧФДИС"})
_WANT_TITLE = {DocumentKind.UPD_SELLER: NEEDS_ANSWER, DocumentKind.UKD_SELLER: UKD_NEEDS_ANSWER}
_WANT_RECEIPT = {DocumentKind.UPD_SELLER: INVOICES, DocumentKind.UKD_SELLER: UKD_INVOICES}
_RECEIPT_ONLY = frozenset({"СЧФ", "КСЧФ"})  # an invoice alone: the ИОП ends the counterparty's part
# Акт and ТОРГ-12 5.01 have no function: every seller title wants the customer's / buyer's title.
PRIMARY_SELLERS = frozenset({DocumentKind.ACT_SELLER, DocumentKind.TORG12_SELLER})
# HR: ВидДок of the employer's documents (orders, notices) the employee acknowledges.
HR_TO_ACKNOWLEDGE = frozenset(HR_KINDS[key].code for key in EMPLOYER_KINDS)


def wants_buyer_title(kind: DocumentKind, function: str) -> bool:
    """Whether a seller title of ``kind`` with ``function`` is answered by the buyer's title."""
    return kind in PRIMARY_SELLERS or function in _WANT_TITLE.get(kind, frozenset())


def next_status(current: DocumentStatus, event: ExchangeEvent) -> DocumentStatus | None:
    """The status after ``event``, or None when the event does not move ``current``."""
    return TRANSITIONS.get((current, event))


def arrival_status(kind: DocumentKind, function: str) -> DocumentStatus:
    """The status of a document just received: a seller title that wants our title, or an HR
    order or notice that wants our acknowledgement, needs a signature."""
    if wants_buyer_title(kind, function) or (kind is DocumentKind.HR and function in HR_TO_ACKNOWLEDGE):
        return S.SIGNATURE_REQUIRED
    return S.RECEIVED


def title_event(result: str) -> ExchangeEvent:
    """What the counterparty's title with КодИтога ``result`` means for the document it answers
    (УПД and УКД: 1 accepted, 2 accepted with discrepancies, 3 refused)."""
    return {ACCEPTED_WITH_DISCREPANCIES: E.COUNTERPARTY_SIGNED_WITH_DISCREPANCIES,
            REFUSED: E.COUNTERPARTY_REFUSED}.get(result, E.COUNTERPARTY_SIGNED)


def receipt_event(function: str) -> ExchangeEvent:
    """What the counterparty's ИОП means for the document we sent."""
    return E.RECEIPT_FINAL if function in _RECEIPT_ONLY else E.RECEIPT


def wants_receipt(kind: DocumentKind, function: str) -> bool:
    """Whether a received document is answered with an ИОП (14н: invoices, corrective ones too)."""
    return function in _WANT_RECEIPT.get(kind, frozenset())
