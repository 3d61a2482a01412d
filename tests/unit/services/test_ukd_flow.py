"""The УКД in the exchange's rules: which functions want the buyer's title or an ИОП, how the
reference operator classifies a УКД buyer title and which seller titles it may answer."""

from __future__ import annotations

import pytest

from edo_app.documents import sample_ukd, sample_ukd_buyer, ukd_buyer_to_xml
from edo_app.model.kinds import DocumentKind, DocumentStatus
from edo_app.services.exchange_status import (
    ExchangeEvent,
    arrival_status,
    receipt_event,
    wants_buyer_title,
    wants_receipt,
)
from edo_app.services.operator_server import flow_step
from edo_app.transport.operator.flow import FlowRefused, Move, State, Step, Subject, decide
from edo_app.transport.package import Entry, Role

UKD = DocumentKind.UKD_SELLER
SELLER, BUYER = "2AE-SELLER", "2BM-BUYER"


def test_functions_that_want_an_answer() -> None:
    assert arrival_status(UKD, "КСЧФДИС") is DocumentStatus.SIGNATURE_REQUIRED
    assert arrival_status(UKD, "ДИС") is DocumentStatus.SIGNATURE_REQUIRED
    assert arrival_status(UKD, "КСЧФ") is DocumentStatus.RECEIVED
    assert arrival_status(DocumentKind.UKD_BUYER, "КСЧФДИС") is DocumentStatus.RECEIVED
    assert wants_receipt(UKD, "КСЧФ") and wants_receipt(UKD, "КСЧФДИС") and not wants_receipt(UKD, "ДИС")
    assert receipt_event("КСЧФ") is ExchangeEvent.RECEIPT_FINAL
    assert receipt_event("КСЧФДИС") is ExchangeEvent.RECEIPT
    assert not wants_buyer_title(DocumentKind.UPD_SELLER, "КСЧФДИС")  # the function belongs to the УКД


def _title(function: str) -> Subject:
    return Subject("UKD-1", SELLER, BUYER, Step.TITLE, function)


def test_operator_classifies_the_ukd_buyer_title() -> None:
    seller = sample_ukd("КСЧФДИС", seed=5)
    title = sample_ukd_buyer(seller, seed=5)
    move = flow_step(Entry(title.file_name, Role.DOCUMENT, ukd_buyer_to_xml(title)))
    assert move == Move(Step.BUYER_TITLE, str(title.file_id), str(seller.file_id), "КСЧФДИС")


@pytest.mark.parametrize("function", ["КСЧФДИС", "ДИС"])
def test_ukd_buyer_title_answers_a_ukd_that_wants_it(function: str) -> None:
    decision = decide(Move(Step.BUYER_TITLE, "POK-1", "UKD-1", function), BUYER, SELLER, existing=None,
                      related=_title(function))
    assert decision.related_state is State.SIGNED


def test_ukd_buyer_title_to_a_ksf_is_refused() -> None:
    with pytest.raises(FlowRefused, match="функцией КСЧФ титул покупателя не предусмотрен"):
        decide(Move(Step.BUYER_TITLE, "POK-1", "UKD-1", "КСЧФ"), BUYER, SELLER, existing=None, related=_title("КСЧФ"))


def test_a_title_of_the_other_family_is_refused() -> None:
    with pytest.raises(FlowRefused, match="с функцией СЧФДОП не отвечает на документ UKD-1"):
        decide(Move(Step.BUYER_TITLE, "POK-1", "UKD-1", "СЧФДОП"), BUYER, SELLER, existing=None,
               related=_title("КСЧФДИС"))
