"""Акт, ТОРГ-12 and HR documents through the exchange with their own flows, over the reference HTTP
operator (a real server process, its flow table), the exchange folder with its gateway (no operator:
no ПДП marks a file delivered, and no flow table refuses anything) and the in-memory operator.

Акт / ТОРГ-12 go like a УПД ДОП: the seller's (executor's) signed title wants the answering title
(accept, or refuse with a reason), with no ИОП. HR: the employee's statement, the employer's order
referring to it, the employee's acknowledgement; the plain ``ExchangeService.sync`` sets every
status. The sides, transports and the module-scoped operator come from test_exchange_matrix; each
test gets fresh participant ids (the operator keeps its boxes between tests).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from edo_app.documents import (
    HrDocument,
    HrSigner,
    PrimaryAnswer,
    PrimaryDocument,
    hr_to_xml,
    order_for,
    primary_from_xml,
    primary_to_xml,
    sample_act,
    sample_act_answer,
    sample_hr,
    sample_torg12,
)
from edo_app.documents.hr_model import TransferBody
from edo_app.documents.hr_types import EMPLOYER
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.services.events import EventBus
from edo_app.services.exchange_titles import AcceptanceDetails
from edo_app.services.hr_flow import HrFlowService, SigningKey
from edo_app.storage import DocumentQuery
from tests.integration.test_exchange_matrix import (
    TITLE_SIGNER,
    TRANSPORTS,
    World,
    open_world,
    send_file,
    server,
    test_pki,
)
from tests.unit.crypto.fixtures import Pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, Side

__all__ = ["server", "test_pki"]  # the module-scoped fixtures, shared with test_exchange_matrix

S = DocumentStatus
BOSS = HrSigner(PersonName("Журавлёв", "Семён", "Андреевич"), EMPLOYER, "Директор по персоналу")
_BOXES = itertools.count(1)


@pytest.fixture(params=TRANSPORTS)
def world(request: pytest.FixtureRequest, tmp_path: Path, test_pki: Pki) -> Iterator[World]:
    yield from _world(request.param, request, tmp_path, test_pki)


def _world(kind: str, request: pytest.FixtureRequest, tmp_path: Path, test_pki: Pki) -> Iterator[World]:
    suffix = next(_BOXES)
    yield from open_world(kind, request, tmp_path, test_pki, (f"{SELLER_ID}-K{suffix}", f"{BUYER_ID}-K{suffix}"))


def _send(world: World, doc: PrimaryDocument) -> tuple[int, int]:
    """Sign and send an акт / ТОРГ-12 title; returns (sender's id, recipient's id)."""
    return send_file(world, primary_to_xml(doc), doc.file_name, str(doc.file_id))


def _their_answer(world: World, kind: DocumentKind) -> PrimaryAnswer:
    rows = world.seller.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    answers = [r.id for r in rows if r.kind is kind]
    assert len(answers) == 1
    assert [s.valid for s in world.seller.signing.signatures(answers[0])] == [True]
    answer = primary_from_xml(world.seller.library.get(answers[0]).content)
    assert isinstance(answer, PrimaryAnswer)
    return answer


def _service_kinds(world: World, document_id: int) -> list[str]:
    """The service documents the seller got about its document (the operator's ПДП; never an ИОП here)."""
    return [e.details["kind"] for e in world.seller.library.history(document_id) if e.action == "exchange.service"]


def test_act_accepted_by_the_customers_title(world: World) -> None:
    act = sample_act(seed=51)
    doc_id, received = _send(world, act)
    assert world.status(world.buyer, received) is S.SIGNATURE_REQUIRED
    world.buyer.exchange.sign_buyer_title(received, signer=TITLE_SIGNER, provider="software",
                                          handle=world.buyer.handle, password=PASSWORD,
                                          details=AcceptanceDetails(accepted_on=date(2026, 1, 20)))
    world.rounds()
    assert (world.status(world.seller, doc_id), world.status(world.buyer, received)) == \
        (S.SIGNED_BY_COUNTERPARTY, S.SIGNED)
    answer = _their_answer(world, DocumentKind.ACT_BUYER)
    assert not answer.refused and answer.accepted_on == date(2026, 1, 20)
    assert answer.seller_file.file_id == str(act.file_id) and answer.seller_number == act.head.number
    assert answer.signers[0].name == TITLE_SIGNER.name and answer.signers[0].org_name == act.customer.party.name
    assert "ИОП" not in _service_kinds(world, doc_id)


def test_torg12_refused_with_a_reason(world: World) -> None:
    doc = sample_torg12(seed=52)
    doc_id, received = _send(world, doc)
    assert world.status(world.buyer, received) is S.SIGNATURE_REQUIRED
    world.buyer.exchange.sign_buyer_title(received, accept=False, signer=TITLE_SIGNER, provider="software",
                                          handle=world.buyer.handle, password=PASSWORD,
                                          details=AcceptanceDetails(reason="Недостача 3 коробок"))
    world.rounds()
    assert (world.status(world.seller, doc_id), world.status(world.buyer, received)) == (S.REJECTED, S.REJECTED)
    answer = _their_answer(world, DocumentKind.TORG12_BUYER)
    assert answer.refused and answer.operation.endswith(": Недостача 3 коробок")
    assert answer.accepted_on is None
    assert "ИОП" not in _service_kinds(world, doc_id)


def test_hr_statement_order_and_acknowledgement(world: World) -> None:
    employee, employer = world.seller, world.buyer
    flows = [HrFlowService(s.database, s.library, s.signing, s.exchange, EventBus()) for s in (employee, employer)]
    keys = [SigningKey("software", s.handle, PASSWORD) for s in (employee, employer)]
    statement_doc = _routed(sample_hr("leave", seed=53), employee, employer)
    statement = flows[0].send(statement_doc, keys[0]).document_id
    world.rounds()
    received = world.received(str(statement_doc.head.file_id))[0]
    assert world.status(employer, received) is S.RECEIVED

    order = flows[1].answer_statement(received, "17-К", date(2025, 3, 15), BOSS, keys[1],
                                      created=datetime(2025, 3, 15, 9, 30)).document_id
    world.rounds()
    delivered = S.DELIVERED if world.stamps else S.SENT  # a folder has no operator to confirm delivery
    assert (world.status(employer, received), world.status(employer, order)) == (S.SIGNED, delivered)
    order_in = _newest_incoming(employee)
    assert world.status(employee, order_in) is S.SIGNATURE_REQUIRED  # waits for the acknowledgement
    assert world.status(employee, statement) is S.SIGNED_BY_COUNTERPARTY  # the employer granted it

    ack = flows[0].acknowledge(order_in, keys[0], created=datetime(2025, 3, 16, 8, 0)).document_id
    world.rounds()
    assert (world.status(employee, order_in), world.status(employee, ack)) == (S.SIGNED, delivered)
    assert world.status(employer, order) is S.SIGNED_BY_COUNTERPARTY
    ack_in = _newest_incoming(employer)
    assert employer.library.get(ack_in).summary.function == "OZNAK"
    assert world.status(employer, ack_in) is S.RECEIVED


def _routed(doc: HrDocument, sender: Side, recipient: Side) -> HrDocument:
    """The sample with this test's boxes in its ИдФайл (HrFlowService sends to the file's recipient)."""
    file_id = replace(doc.head.file_id, sender=sender.participant_id, recipient=recipient.participant_id)
    return replace(doc, head=replace(doc.head, file_id=file_id))


def _newest_incoming(side: Side) -> int:
    return max(r.id for r in side.library.list_documents(DocumentQuery(direction=Direction.INCOMING)))


# --- what the operator's flow table refuses (the in-memory operator has none) -------------------


@pytest.fixture
def operator_world(request: pytest.FixtureRequest, tmp_path: Path, test_pki: Pki) -> Iterator[World]:
    yield from _world("operator", request, tmp_path, test_pki)


def _refused(side: Side, content: bytes, name: str, to: str) -> str:
    """Sign and send a file the flow should refuse; returns the operator's reason."""
    document_id = side.add_signed_file(content, name)
    side.exchange.queue_send(document_id, to)
    report = side.exchange.sync()
    assert report.failed == 1 and side.library.get(document_id).status is S.SIGNED  # not sent
    return report.errors[0]


def test_operator_refuses_an_act_answer_to_a_torg12(operator_world: World) -> None:
    world = operator_world
    torg12 = sample_torg12(seed=55)
    _send(world, torg12)
    answer = sample_act_answer(sample_act(seed=55))
    wrong = replace(answer, seller_file=replace(answer.seller_file, file_id=str(torg12.file_id)))
    reason = _refused(world.buyer, primary_to_xml(wrong), wrong.file_name, world.seller.participant_id)
    assert f"титул покупателя с функцией акт не отвечает на документ {torg12.file_id} с функцией ТОРГ-12" \
        in reason


def test_operator_refuses_a_second_answer_to_an_act(operator_world: World) -> None:
    world = operator_world
    act = sample_act(seed=56)
    _, received = _send(world, act)
    world.buyer.exchange.sign_buyer_title(received, signer=TITLE_SIGNER, provider="software",
                                          handle=world.buyer.handle, password=PASSWORD)
    world.rounds()
    again = sample_act_answer(act, accept=False, seed=57)
    reason = _refused(world.buyer, primary_to_xml(again), again.file_name, world.seller.participant_id)
    assert "уже получен титул покупателя" in reason


def test_operator_refuses_an_order_of_another_kind_and_a_second_order(operator_world: World) -> None:
    world = operator_world
    employee, employer = world.seller, world.buyer
    statement = _routed(sample_hr("leave", seed=58), employee, employer)
    _send_hr(employee, statement, employer.participant_id)
    world.rounds()
    order = order_for(statement, "17-К", date(2025, 3, 15), created=datetime(2025, 3, 15, 9, 30), signer=BOSS)
    transfer_body = TransferBody(date(2025, 4, 1), "Ведущий инженер", "Отдел эксплуатации")
    wrong = HrDocument("order-transfer", replace(order.head, file_id=replace(order.head.file_id, prefix="HR_PRIKPER")),
                       transfer_body, order.basis)
    reason = _refused(employer, hr_to_xml(wrong), wrong.file_name, employee.participant_id)
    assert "приказ по заявлению (PRIKPER) не может отвечать на документ" in reason
    assert "(ZAYAVOTP): ожидается ZAYAVPER" in reason
    _send_hr(employer, order, employee.participant_id)
    assert employer.exchange.sync().failed == 0
    second = order_for(statement, "18-К", date(2025, 3, 15), created=datetime(2025, 3, 15, 9, 40), signer=BOSS)
    reason = _refused(employer, hr_to_xml(second), second.file_name, employee.participant_id)
    assert "на него уже получен ответ" in reason


def _send_hr(side: Side, doc: HrDocument, to: str) -> None:
    side.exchange.queue_send(side.add_signed_file(hr_to_xml(doc), doc.file_name), to)


def _act_refused_by_uou(world: World, seed: int) -> tuple[int, int]:
    """The customer refuses to sign an акт with a УОУ (ExchangeActions.reject), not with its title."""
    doc_id, received = _send(world, sample_act(seed=seed))
    world.buyer.exchange.reject(received, "Акт подписан не тем лицом")
    world.rounds()
    return doc_id, received


def test_an_act_refused_by_uou_is_refused_not_to_be_clarified_for_the_customer(world: World) -> None:
    """A УОУ to a document that awaits the answering title is a refusal (as for a УПД ДОП): «Отказано»,
    not «Требуется уточнение», which is for a УОУ to an invoice (СЧФ)."""
    _, received = _act_refused_by_uou(world, seed=59)
    assert world.status(world.buyer, received) is S.REJECTED


def test_an_act_refused_by_uou_is_refused_for_the_executor(world: World) -> None:
    doc_id, _ = _act_refused_by_uou(world, seed=60)
    assert world.status(world.seller, doc_id) is S.REJECTED
