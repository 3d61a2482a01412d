"""The HR flow with an individual entrepreneur (ИП) as the employer, end to end over every transport
of test_exchange_matrix (the reference HTTP operator, the exchange folder with its gateway, the
in-memory operator): the employee's statement to the ИП, the ИП's order (signed by himself, never by
a manager), the employee's acknowledgement; both sides see «ИП ФИО» with the 12-digit ИНН, and the
print form shows the ОГРНИП. A plain folder has no operator: no ПДП marks a file delivered.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from edo_app.documents import HrDocument, HrEntrepreneur, HrSigner, hr_from_xml, sample_hr
from edo_app.documents.hr_types import EMPLOYER
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.services.events import EventBus
from edo_app.services.hr_documents import print_stored_hr
from edo_app.services.hr_flow import HrFlowService, SigningKey
from edo_app.storage import DocumentQuery
from tests.integration.test_exchange_matrix import TRANSPORTS, World, open_world, server, test_pki
from tests.unit.crypto.fixtures import Pki
from tests.unit.printing.pdfcheck import text_of
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, Side

__all__ = ["server", "test_pki"]  # the module-scoped fixtures, shared with test_exchange_matrix

S = DocumentStatus
MANAGER = HrSigner(PersonName("Журавлёв", "Семён", "Андреевич"), EMPLOYER, "Управляющий")
_BOXES = itertools.count(1)


@pytest.fixture(params=TRANSPORTS)
def world(request: pytest.FixtureRequest, tmp_path: Path, test_pki: Pki) -> Iterator[World]:
    suffix = next(_BOXES)
    ids = (f"{SELLER_ID}-I{suffix}", f"{BUYER_ID}-I{suffix}")
    yield from open_world(request.param, request, tmp_path, test_pki, ids)


def _flow(side: Side) -> HrFlowService:
    return HrFlowService(side.database, side.library, side.signing, side.exchange, EventBus())


def _key(side: Side) -> SigningKey:
    return SigningKey("software", side.handle, PASSWORD)


def _statement_to(employee: Side, employer: Side) -> HrDocument:
    """A leave statement to an ИП, with this test's boxes in its ИдФайл (the flow sends to the file's recipient)."""
    doc = sample_hr("leave", seed=62, entrepreneur=True)
    file_id = replace(doc.head.file_id, sender=employee.participant_id, recipient=employer.participant_id)
    return replace(doc, head=replace(doc.head, file_id=file_id))


def _ip(doc: HrDocument) -> HrEntrepreneur:
    assert isinstance(doc.head.employer, HrEntrepreneur)
    return doc.head.employer


def _outgoing(side: Side) -> list[int]:
    return [r.id for r in side.library.list_documents(DocumentQuery(direction=Direction.OUTGOING))]


def _newest_incoming(side: Side) -> int:
    return max(r.id for r in side.library.list_documents(DocumentQuery(direction=Direction.INCOMING)))


def test_statement_order_and_acknowledgement_with_an_entrepreneur_employer(world: World) -> None:
    employee, employer = world.seller, world.buyer
    statement_doc = _statement_to(employee, employer)
    ip = _ip(statement_doc)
    statement = _flow(employee).send(statement_doc, _key(employee)).document_id
    world.rounds()
    received = world.received(str(statement_doc.head.file_id))[0]
    addressee = employer.library.get(received).summary.buyer
    assert addressee is not None and (addressee.name, addressee.inn, addressee.kpp) == (ip.name, ip.inn, "")

    employer_flow = _flow(employer)
    assert employer_flow.signer_of_order(received) == ip.signer
    before = _outgoing(employer)
    with pytest.raises(InputError, match="сам предприниматель"):
        employer_flow.answer_statement(received, "5-К", date(2025, 3, 15), MANAGER, _key(employer))
    assert _outgoing(employer) == before and world.status(employer, received) is S.RECEIVED  # nothing stored
    order = employer_flow.answer_statement(received, "5-К", date(2025, 3, 15), ip.signer, _key(employer),
                                           created=datetime(2025, 3, 15, 9, 30)).document_id
    world.rounds()
    delivered = S.DELIVERED if world.stamps else S.SENT  # a folder has no operator to confirm delivery
    assert (world.status(employer, received), world.status(employer, order)) == (S.SIGNED, delivered)
    assert world.status(employee, statement) is S.SIGNED_BY_COUNTERPARTY

    order_in = _newest_incoming(employee)
    assert world.status(employee, order_in) is S.SIGNATURE_REQUIRED
    got = hr_from_xml(employee.library.get(order_in).content)
    assert (got.kind, got.head.employer, got.head.signers) == ("order-leave", ip, (ip.signer,))
    assert [s.valid for s in employee.signing.signatures(order_in)] == [True]
    assert f"ИНН {ip.inn}, ОГРНИП {ip.ogrnip}" in text_of(print_stored_hr(employee.database, order_in))

    ack = _flow(employee).acknowledge(order_in, _key(employee), created=datetime(2025, 3, 16, 8, 0)).document_id
    world.rounds()
    assert (world.status(employee, order_in), world.status(employee, ack)) == (S.SIGNED, delivered)
    assert world.status(employer, order) is S.SIGNED_BY_COUNTERPARTY
    ack_in = _newest_incoming(employer)
    summary = employer.library.get(ack_in).summary
    assert summary.function == "OZNAK" and summary.buyer is not None and summary.buyer.name == ip.name
    assert world.status(employer, ack_in) is S.RECEIVED
