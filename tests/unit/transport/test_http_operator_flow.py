"""The operator's flow table (transport/operator/flow.py): what may be sent in answer to what."""

from __future__ import annotations

import pytest

from edo_app.transport.operator.flow import RULES, FlowRefused, Move, State, Step, Subject, decide

SELLER, BUYER, OTHER = "2ZZA-1", "2ZZB-2", "2ZZC-3"


def title(function: str = "СЧФДОП", state: State = State.SENT) -> Subject:
    return Subject("UPD-1", SELLER, BUYER, Step.TITLE, function, state)


def test_a_new_title_starts_a_flow_waiting_for_the_counterparty() -> None:
    decision = decide(Move(Step.TITLE, "UPD-1", None, "СЧФ"), SELLER, BUYER, existing=None, related=None)
    assert decision.subject == Subject("UPD-1", SELLER, BUYER, Step.TITLE, "СЧФ", State.SENT)
    assert decision.related_state is None


def test_the_same_file_id_twice_is_refused() -> None:
    with pytest.raises(FlowRefused, match="уже принят"):
        decide(Move(Step.TITLE, "UPD-1"), SELLER, BUYER, existing=title(), related=None)


@pytest.mark.parametrize("function", ["СЧФДОП", "ДОП"])
def test_the_buyer_signs_a_title_that_needs_its_signature(function: str) -> None:
    decision = decide(Move(Step.BUYER_TITLE, "POK-1", "UPD-1"), BUYER, SELLER, existing=None,
                      related=title(function))
    assert decision.related_state is State.SIGNED
    assert decision.subject.state is State.DONE


def test_no_buyer_title_for_an_invoice() -> None:
    with pytest.raises(FlowRefused, match="с функцией СЧФ титул покупателя не предусмотрен"):
        decide(Move(Step.BUYER_TITLE, "POK-1", "UPD-1"), BUYER, SELLER, existing=None, related=title("СЧФ"))


def test_a_second_buyer_title_is_refused() -> None:
    with pytest.raises(FlowRefused, match="уже получен титул покупателя"):
        decide(Move(Step.BUYER_TITLE, "POK-2", "UPD-1"), BUYER, SELLER, existing=None,
               related=title(state=State.SIGNED))


def test_the_seller_cannot_sign_the_buyer_title_of_its_own_document() -> None:
    with pytest.raises(FlowRefused, match="не получал"):
        decide(Move(Step.BUYER_TITLE, "POK-1", "UPD-1"), SELLER, BUYER, existing=None, related=title())


def test_a_receipt_notice_only_for_a_file_the_sender_received() -> None:
    ok = decide(Move(Step.RECEIPT, "IOP-1", "UPD-1"), BUYER, SELLER, existing=None, related=title())
    assert ok.related_state is None  # an ИОП changes nothing of the document
    with pytest.raises(FlowRefused, match=r"ИОП.*не получал"):
        decide(Move(Step.RECEIPT, "IOP-2", "UPD-1"), OTHER, SELLER, existing=None, related=title())
    with pytest.raises(FlowRefused, match="которого оператор не передавал"):
        decide(Move(Step.RECEIPT, "IOP-3", "NOPE"), BUYER, SELLER, existing=None, related=None)


def test_no_receipt_notice_on_a_receipt_notice() -> None:
    notice = Subject("IOP-1", BUYER, SELLER, Step.RECEIPT, "", State.DONE)
    with pytest.raises(FlowRefused, match="не может ссылаться"):
        decide(Move(Step.RECEIPT, "IOP-2", "IOP-1"), SELLER, BUYER, existing=None, related=notice)


def test_a_clarification_request_closes_the_title_for_signing() -> None:
    decision = decide(Move(Step.CLARIFICATION, "UOU-1", "UPD-1"), BUYER, SELLER, existing=None, related=title())
    assert decision.related_state is State.CLARIFY
    with pytest.raises(FlowRefused, match="уточнение"):
        decide(Move(Step.BUYER_TITLE, "POK-1", "UPD-1"), BUYER, SELLER, existing=None,
               related=title(state=State.CLARIFY))


def annulment(by: str = SELLER, to: str = BUYER) -> Subject:
    return Subject("ANN-1", by, to, Step.ANNULMENT, "", State.SENT, "UPD-1")


def test_either_side_may_propose_annulment_and_the_document_stays_as_it_is() -> None:
    by_seller = decide(Move(Step.ANNULMENT, "ANN-1", "UPD-1"), SELLER, BUYER, existing=None, related=title())
    assert (by_seller.subject.state, by_seller.subject.related, by_seller.updates) == (State.SENT, "UPD-1", ())
    by_buyer = decide(Move(Step.ANNULMENT, "ANN-1", "UPD-1"), BUYER, SELLER, existing=None,
                      related=title(state=State.SIGNED))
    assert by_buyer.updates == ()


def test_the_proposer_cannot_propose_again_while_its_proposal_is_open() -> None:
    with pytest.raises(FlowRefused, match="уже направлено предложение об аннулировании"):
        decide(Move(Step.ANNULMENT, "ANN-2", "UPD-1"), SELLER, BUYER, existing=None, related=title(),
               pending=annulment())


def test_the_counterpartys_own_poa_is_the_agreement_and_annuls_the_document() -> None:
    agreed = decide(Move(Step.ANNULMENT, "ANN-2", "UPD-1"), BUYER, SELLER, existing=None, related=title(),
                    pending=annulment())
    assert agreed.subject.state is State.DONE
    assert agreed.updates == (("ANN-1", State.DONE), ("UPD-1", State.ANNULLED))
    assert agreed.related_state is State.ANNULLED
    with pytest.raises(FlowRefused, match="аннулирован"):
        decide(Move(Step.BUYER_TITLE, "POK-1", "UPD-1"), BUYER, SELLER, existing=None,
               related=title(state=State.ANNULLED))


def test_a_clarification_refuses_the_open_poa_and_leaves_the_document_open() -> None:
    refused = decide(Move(Step.CLARIFICATION, "UOU-1", "UPD-1"), BUYER, SELLER, existing=None, related=title(),
                     pending=annulment())
    assert refused.updates == (("ANN-1", State.CLARIFY),)
    assert refused.related_state is None


def test_participants_cannot_send_operator_confirmations() -> None:
    with pytest.raises(FlowRefused, match="только оператор"):
        decide(Move(Step.CONFIRMATION, "PDP-1", "UPD-1"), SELLER, BUYER, existing=None, related=title())


def test_every_reply_step_has_a_rule() -> None:
    assert set(RULES) == set(Step) - {Step.TITLE, Step.CONFIRMATION}
