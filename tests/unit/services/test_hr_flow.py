"""The HR flow through MemoryNetwork: the employee's statement → the employer's order built from it →
the employee's acknowledgement, each signed, with the paired statuses on both sides."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from edo_app.crypto.keys import KeyPasswordError
from edo_app.documents import HrSigner, hr_from_xml, sample_hr
from edo_app.documents.hr_samples import EMPLOYEE_ID, EMPLOYER_ID
from edo_app.documents.hr_types import EMPLOYER
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.printing import STAMP_TITLE
from edo_app.services.document_cards import document_card
from edo_app.services.document_print import print_form
from edo_app.services.events import EventBus
from edo_app.services.hr_flow import HrFlowService, SigningKey
from edo_app.storage import DocumentQuery
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.printing.pdfcheck import text_of
from tests.unit.services.test_exchange_helpers import PASSWORD, Side, connected_sides

S = DocumentStatus
BOSS = HrSigner(PersonName("Журавлёв", "Семён", "Андреевич"), EMPLOYER, "Директор по персоналу")


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


class Participant:
    def __init__(self, side: Side) -> None:
        self.side = side
        self.bus = EventBus()
        self.flow = HrFlowService(side.database, side.library, side.signing, side.exchange, self.bus)
        self.key = SigningKey("software", side.handle, PASSWORD)

    def status(self, document_id: int) -> DocumentStatus:
        return self.side.library.get(document_id).status

    def only_incoming(self) -> int:
        rows = self.side.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
        assert len(rows) == 1
        return rows[0].id

    def newest_incoming(self) -> int:
        return max(r.id for r in self.side.library.list_documents(DocumentQuery(direction=Direction.INCOMING)))


@pytest.fixture
def pair(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[Participant, Participant]]:
    with connected_sides(tmp_path, ("employee", EMPLOYEE_ID), ("employer", EMPLOYER_ID), test_pki) as sides:
        yield Participant(sides[0]), Participant(sides[1])


def test_statement_order_and_acknowledgement_with_statuses_on_both_sides(
        pair: tuple[Participant, Participant]) -> None:
    employee, employer = pair
    statement = employee.flow.send(sample_hr("leave", seed=5), employee.key).document_id
    assert employee.status(statement) is S.SIGNED
    employee.flow.sync()
    assert employee.status(statement) is S.DELIVERED

    report = employer.flow.sync()
    assert (report.received, report.errors) == (1, [])
    received = employer.only_incoming()
    assert employer.status(received) is S.RECEIVED
    assert [s.valid for s in employer.side.signing.signatures(received)] == [True]

    order = employer.flow.answer_statement(received, "17-К", date(2025, 3, 15), BOSS, employer.key,
                                           created=datetime(2025, 3, 15, 9, 30)).document_id
    assert (employer.status(received), employer.status(order)) == (S.SIGNED, S.SIGNED)
    with pytest.raises(InputError, match="уже не ждёт ответа"):  # one order per statement
        employer.flow.answer_statement(received, "18-К", date(2025, 3, 15), BOSS, employer.key)
    employer.flow.sync()
    assert employer.status(order) is S.DELIVERED

    report = employee.flow.sync()  # the plain exchange sync sets the HR statuses (and publishes report.changed)
    order_in = employee.only_incoming()
    got = hr_from_xml(employee.side.library.get(order_in).content)
    assert got.kind == "order-leave" and got.basis is not None and got.basis.number == sample_hr("leave", 5).head.number
    assert employee.status(order_in) is S.SIGNATURE_REQUIRED  # waits for the acknowledgement
    assert employee.status(statement) is S.SIGNED_BY_COUNTERPARTY  # the employer granted it
    assert {statement, order_in} <= report.changed

    ack = employee.flow.acknowledge(order_in, employee.key, created=datetime(2025, 3, 16, 8, 0)).document_id
    assert (employee.status(order_in), employee.status(ack)) == (S.SIGNED, S.SIGNED)
    employee.flow.sync()
    assert employee.status(ack) is S.DELIVERED

    employer.flow.sync()
    ack_in = employer.newest_incoming()
    assert employer.side.library.get(ack_in).summary.function == "OZNAK"
    assert employer.status(ack_in) is S.RECEIVED
    assert employer.status(order) is S.SIGNED_BY_COUNTERPARTY
    assert [s.valid for s in employer.side.signing.signatures(ack_in)] == [True]
    _printed_and_shown(employer, ack_in)


def _printed_and_shown(side: Participant, document_id: int) -> None:
    """The stored acknowledgement prints with its signature's stamp and shows as a card."""
    stored = side.side.library.get(document_id)
    doc = hr_from_xml(stored.content)
    text = text_of(print_form(side.side.database, document_id))
    assert STAMP_TITLE.upper() in text.upper() and "РАБОТНИК" in text.upper()
    assert doc.head.employee.name.full in text and f"{doc.head.doc_date:%d.%m.%Y}" in text
    card = document_card(stored.content, stored.summary)
    assert card.note == "" and card.title == "Ознакомление работника с документом"
    assert ("Работник", doc.head.employee.name.full) == (card.parties[1].role, card.parties[1].name.split(",")[0])


def test_only_received_documents_of_the_right_kind_are_answered(pair: tuple[Participant, Participant]) -> None:
    employee, employer = pair
    statement = employee.flow.send(sample_hr("dismissal", seed=1), employee.key).document_id
    with pytest.raises(InputError):  # our own outgoing statement
        employee.flow.acknowledge(statement, employee.key)
    employee.flow.sync()
    employer.flow.sync()
    received = employer.only_incoming()
    assert employer.side.library.get(received).summary.kind is DocumentKind.HR
    with pytest.raises(InputError) as caught:  # a statement is answered by an order, not acknowledged
        employer.flow.acknowledge(received, employer.key)
    assert caught.value.field == "kind"
    assert employer.status(received) is S.RECEIVED  # nothing changed, nothing queued
    assert employer.side.library.list_documents(DocumentQuery(direction=Direction.OUTGOING)) == []
    with pytest.raises(KeyPasswordError):  # a wrong password stores nothing
        employee.flow.send(sample_hr("transfer", seed=1), SigningKey("software", employee.key.handle, "не тот"))
    assert len(employee.side.library.list_documents(DocumentQuery(direction=Direction.OUTGOING))) == 1
