"""The paired-status table: every move it allows, and the ones it refuses."""

from __future__ import annotations

import pytest

from edo_app.model.kinds import DocumentKind, DocumentStatus
from edo_app.services.exchange_status import (
    TRANSITIONS,
    ExchangeEvent,
    arrival_status,
    next_status,
    receipt_event,
    title_event,
    wants_receipt,
)

S, E = DocumentStatus, ExchangeEvent


@pytest.mark.parametrize(("path", "final"), [
    # outgoing СЧФ (14н): sent, delivered (ПДП), the buyer's ИОП finishes it
    ([E.SENT, E.DELIVERED, E.RECEIPT_FINAL], S.SIGNED_BY_COUNTERPARTY),
    # outgoing СЧФДОП: the ИОП is only a receipt, the buyer's title signs it
    ([E.SENT, E.RECEIPT, E.COUNTERPARTY_SIGNED], S.SIGNED_BY_COUNTERPARTY),
    ([E.SENT, E.DELIVERED, E.COUNTERPARTY_SIGNED], S.SIGNED_BY_COUNTERPARTY),
    ([E.SENT, E.DELIVERED, E.COUNTERPARTY_REFUSED], S.REJECTED),
    # accepted with a claim (КодИтога 2), and still annulled by agreement afterwards
    ([E.SENT, E.DELIVERED, E.COUNTERPARTY_SIGNED_WITH_DISCREPANCIES], S.SIGNED_WITH_DISCREPANCIES),
    ([E.SENT, E.CLARIFICATION, E.COUNTERPARTY_SIGNED_WITH_DISCREPANCIES], S.SIGNED_WITH_DISCREPANCIES),
    ([E.SENT, E.DELIVERED, E.COUNTERPARTY_SIGNED_WITH_DISCREPANCIES, E.ANNULLED], S.ANNULLED),
    ([E.SENT, E.CLARIFICATION], S.CLARIFICATION_REQUIRED),
    ([E.SENT, E.OPERATOR_REJECTED], S.REJECTED),
    ([E.SENT, E.DELIVERED, E.RECEIPT_FINAL, E.ANNULLED], S.ANNULLED),
])
def test_outgoing_paths(path: list[ExchangeEvent], final: DocumentStatus) -> None:
    status = S.SIGNED
    for event in path:
        moved = next_status(status, event)
        assert moved is not None, (status, event)
        status = moved
    assert status is final


@pytest.mark.parametrize(("start", "event", "final"), [
    (S.SIGNATURE_REQUIRED, E.WE_SIGNED, S.SIGNED),
    (S.SIGNATURE_REQUIRED, E.WE_REFUSED, S.REJECTED),
    (S.RECEIVED, E.CLARIFICATION, S.CLARIFICATION_REQUIRED),
    (S.CLARIFICATION_REQUIRED, E.WE_SIGNED, S.SIGNED),
    (S.SIGNED, E.ANNULLED, S.ANNULLED),
])
def test_incoming_moves(start: DocumentStatus, event: ExchangeEvent, final: DocumentStatus) -> None:
    assert next_status(start, event) is final


@pytest.mark.parametrize(("start", "event"), [
    (S.SIGNED_BY_COUNTERPARTY, E.DELIVERED),  # a late ПДП never moves a status back
    (S.DELIVERED, E.DELIVERED),  # a duplicate changes nothing
    (S.DELIVERED, E.RECEIPT),  # an ИОП on a СЧФДОП after the ПДП: still «Доставлен»
    (S.SIGNED_BY_COUNTERPARTY, E.SENT),
    (S.REJECTED, E.COUNTERPARTY_SIGNED),  # refused stays refused
    (S.ANNULLED, E.ANNULLED),
    (S.SIGNED, E.WE_SIGNED),  # signing twice
    (S.DRAFT, E.DELIVERED),
])
def test_moves_the_table_refuses(start: DocumentStatus, event: ExchangeEvent) -> None:
    assert next_status(start, event) is None


def test_every_transition_leaves_its_status() -> None:
    assert all(start is not end for (start, _), end in TRANSITIONS.items())
    assert {end for end in TRANSITIONS.values()} <= set(S) - {S.DRAFT, S.VALIDATED, S.INVALID, S.RECEIVED}


def test_arrival_and_receipts() -> None:
    assert arrival_status(DocumentKind.UPD_SELLER, "СЧФДОП") is S.SIGNATURE_REQUIRED
    assert arrival_status(DocumentKind.UPD_SELLER, "ДОП") is S.SIGNATURE_REQUIRED
    assert arrival_status(DocumentKind.UPD_SELLER, "СЧФ") is S.RECEIVED
    assert arrival_status(DocumentKind.UPD_BUYER, "СЧФДОП") is S.RECEIVED
    assert receipt_event("СЧФ") is E.RECEIPT_FINAL and receipt_event("СЧФДОП") is E.RECEIPT
    assert wants_receipt(DocumentKind.UPD_SELLER, "СЧФ") and wants_receipt(DocumentKind.UPD_SELLER, "СЧФДОП")
    assert not wants_receipt(DocumentKind.UPD_SELLER, "ДОП")
    assert not wants_receipt(DocumentKind.UPD_BUYER, "СЧФДОП")


def test_a_title_moves_what_it_answers_by_its_result_code() -> None:
    assert [title_event(code) for code in ("1", "2", "3")] == [
        E.COUNTERPARTY_SIGNED, E.COUNTERPARTY_SIGNED_WITH_DISCREPANCIES, E.COUNTERPARTY_REFUSED]


def test_a_title_with_discrepancies_after_a_final_answer_changes_nothing() -> None:
    for done in (S.SIGNED_BY_COUNTERPARTY, S.REJECTED, S.ANNULLED):
        assert next_status(done, E.COUNTERPARTY_SIGNED_WITH_DISCREPANCIES) is None
    assert next_status(S.SIGNATURE_REQUIRED, E.WE_SIGNED_WITH_DISCREPANCIES) is S.SIGNED_WITH_DISCREPANCIES
