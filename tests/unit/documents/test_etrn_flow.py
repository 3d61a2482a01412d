"""The ЭТрН main flow between three participants through the in-memory operator (MemoryNetwork) and
the real exchange services: the shipper sends title 1 to the carrier; ГИС ЭПД's УИД_ТрН is recorded
on the carrier's side (audit event); the carrier answers with title 02 to the consignee, the consignee
with title 05 back to the carrier, the carrier with title 06. Every answer is built by
services.etrn_flow from the stored title before it, carries that title's signature and validates;
the print form of the last title shows the whole chain. Then the same through the reference
operator's core: accepting title 1 it assigns the УИД_ТрН («ГИС ЭПД») and both sides keep it."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from edo_app.documents import (
    EtrnReply,
    EtrnShipper,
    EtrnSigner,
    EtrnTitle,
    Unloading,
    etrn_to_xml,
    sample_etrn,
    sample_etrn_title,
)
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.model.party import PersonName
from edo_app.services import etrn_flow
from edo_app.services.document_cards import document_card
from edo_app.services.document_print import print_form
from edo_app.services.exchange_packages import document_package
from edo_app.storage import DocumentQuery
from edo_app.transport.base import EventKind, EventPage, SendReceipt, SendResult, send_each
from edo_app.transport.memory import MemoryNetwork
from edo_app.transport.operator.auth import hash_token
from edo_app.transport.operator.core import OperatorCore
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.gis_epd import REGISTERED, registration_notices
from edo_app.transport.operator.store import OperatorStore
from edo_app.transport.package import Package, from_zip, to_zip
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.printing.pdfcheck import text_of
from tests.unit.services.test_exchange_helpers import PASSWORD, Side, make_side

UID = "3f6a2c1e-9b7d-4e52-8a10-c4d2e6f80b13"
CARRIER_SIGNER = EtrnSigner(PersonName("Воронов", "Глеб"), "Водитель-экспедитор")
CONSIGNEE_SIGNER = EtrnSigner(PersonName("Лебедев", "Илья"), "Кладовщик")


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def parties(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[EtrnShipper, dict[str, Side]]]:
    waybill = sample_etrn(seed=21)
    ids = {"shipper": waybill.file_id.sender, "carrier": waybill.file_id.recipient,
           "consignee": f"2AE{waybill.consignee.inn}"}
    network = MemoryNetwork()
    sides = {}
    for role, participant in ids.items():
        (tmp_path / role).mkdir()
        sides[role] = make_side(tmp_path / role, participant, network.transport(participant), test_pki)
    yield waybill, sides
    for side in sides.values():
        side.database.close()


def _send(side: Side, document_id: int, recipient: Side) -> None:
    side.signing.sign_document(document_id, "software", side.handle, password=PASSWORD)
    side.exchange.queue_send(document_id, recipient.participant_id)
    assert side.exchange.sync().errors == []
    got = recipient.exchange.sync()
    assert (got.received, got.errors) == (1, [])


def _incoming(side: Side) -> int:
    rows = side.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    return max(row.id for row in rows)


def _answer(side: Side, answered_id: int, signer: EtrnSigner, **how: object) -> tuple[EtrnReply, int]:
    stored = etrn_flow.stored_title(side.database, answered_id)
    reply = etrn_flow.next_title(side.database, answered_id, signer=signer, created=stored.created + timedelta(hours=3),
                                 guid=str(stored.file_id.guid)[:-4] + "beef", **how)  # type: ignore[arg-type]
    return reply, etrn_flow.store_title(side.library, reply)


def test_the_titles_travel_shipper_carrier_consignee_carrier(parties: tuple[EtrnShipper, dict[str, Side]]) -> None:
    waybill, sides = parties
    shipper, carrier, consignee = sides["shipper"], sides["carrier"], sides["consignee"]
    first = etrn_flow.store_title(shipper.library, waybill)
    _send(shipper, first, carrier)
    received = _incoming(carrier)
    assert carrier.library.get(received).summary.kind is DocumentKind.ETRN
    with pytest.raises(InputError, match="УИД_ТрН"):
        etrn_flow.next_title(carrier.database, received, signer=CARRIER_SIGNER, created=waybill.created,
                             guid=waybill.file_id.guid)
    etrn_flow.record_registration(carrier.database, received, UID)  # ГИС ЭПД registered title 1
    assert etrn_flow.registered_uid(carrier.database, waybill) == UID

    accepted, accepted_id = _answer(carrier, received, CARRIER_SIGNER, recipient=consignee.participant_id)
    assert (accepted.step, accepted.uid, accepted.answers.file_id) == ("02", UID, str(waybill.file_id))
    shipper_signature = carrier.signing.signatures(received)[0].der
    assert base64.b64decode(accepted.answers.signature) == shipper_signature
    _send(carrier, accepted_id, consignee)

    receipt = Unloading(waybill.delivery_address, *(waybill.loading.departed + timedelta(days=1),) * 3,
                        places=waybill.places, state="Без повреждений", gross_kg=waybill.cargo[0].gross_kg)
    title_02 = _incoming(consignee)
    with pytest.raises(InputError, match="грузополучателя"):  # title 1 never reached the consignee's registry
        _answer(consignee, title_02, CONSIGNEE_SIGNER, receipt=receipt)
    answer, answer_id = _answer(consignee, title_02, CONSIGNEE_SIGNER, receipt=receipt,
                                economic_entity=waybill.consignee.name)
    assert (answer.step, answer.accepted, answer.file_id.recipient) == ("05", True, carrier.participant_id)
    _send(consignee, answer_id, carrier)

    handed, handed_id = _answer(carrier, _incoming(carrier), CARRIER_SIGNER)
    assert (handed.step, handed.uid, handed.answers.file_id) == ("06", UID, str(answer.file_id))
    assert handed.file_id.recipient == consignee.participant_id
    text = text_of(print_form(carrier.database, handed_id))  # PRINT_FORMS[ETRN]: the waybill with its chain
    assert waybill.number in text and UID in text
    assert "Груз принят к перевозке" in text and "Груз выдан грузополучателю" in text
    stored = carrier.library.get(received)
    card = document_card(stored.content, stored.summary)  # CARD_BUILDERS[ETRN]
    assert card.table is not None and [row[0] for row in card.table.rows] == [c.name for c in waybill.cargo]
    assert {p.role for p in card.parties} == {"Грузоотправитель", "Грузополучатель", "Перевозчик"}
    answer_card = document_card(carrier.library.get(_incoming(carrier)).content, stored.summary)
    assert {f.label: f.value for f in answer_card.fields}["Титул"] == "05: грузополучатель"


def test_an_unsigned_title_cannot_be_answered(parties: tuple[EtrnShipper, dict[str, Side]]) -> None:
    waybill, sides = parties
    shipper = sides["shipper"]
    document_id = etrn_flow.store_title(shipper.library, waybill)
    with pytest.raises(InputError, match="не подписан"):
        etrn_flow.next_title(shipper.database, document_id, signer=CARRIER_SIGNER, created=waybill.created,
                             guid=waybill.file_id.guid, uid=UID)
    assert etrn_to_xml(etrn_flow.stored_title(shipper.database, document_id)) == etrn_to_xml(waybill)


class CoreTransport:
    """One participant's box at the reference operator's core (no HTTP): the Transport contract."""

    def __init__(self, core: OperatorCore, participant_id: str) -> None:
        self.core, self.participant_id = core, participant_id

    def send(self, package: Package) -> SendReceipt:
        return self.core.send(self.participant_id, to_zip(package))

    def send_many(self, packages: Sequence[Package]) -> list[SendResult]:
        return send_each(self.send, packages)

    def fetch_events(self, cursor: str | None, limit: int) -> EventPage:
        return self.core.events(self.participant_id, cursor, limit)

    def fetch_package(self, message_id: str) -> Package:
        return from_zip(self.core.package_bytes(self.participant_id, message_id))

    def acknowledge(self, event_ids: Sequence[str]) -> None:
        self.core.acknowledge(self.participant_id, list(event_ids))


def test_the_operator_registers_title_1_and_both_sides_keep_the_uid(tmp_path: Path, test_pki: Pki) -> None:
    waybill = sample_etrn(seed=21)
    store = OperatorStore.in_memory()
    core = OperatorCore(store, None, "2ZZ-OPERATOR")
    sides = []
    for role, party in (("shipper", waybill.shipper), ("carrier", waybill.carrier)):
        participant = f"2AE{party.inn}"
        store.add_participant(Participant(participant, party.inn, party.member.party.kpp, party.name),
                              hash_token(participant))
        (tmp_path / role).mkdir()
        sides.append(make_side(tmp_path / role, participant, CoreTransport(core, participant), test_pki))
    shipper, carrier = sides
    try:
        first = etrn_flow.store_title(shipper.library, waybill)
        _send(shipper, first, carrier)
        assert shipper.exchange.sync().errors == []
        received = _incoming(carrier)
        uid = etrn_flow.registered_uid(carrier.database, waybill)
        assert uid and uid == etrn_flow.registered_uid(shipper.database, waybill)
        registered = [e for e in carrier.library.history(received) if e.action == etrn_flow.REGISTERED]
        assert [e.details for e in registered] == [{"uid": uid, "status": "registered"}]
        reply = etrn_flow.next_title(carrier.database, received, signer=CARRIER_SIGNER,
                                     created=waybill.created + timedelta(hours=2), guid=str(uuid.uuid4()),
                                     recipient=f"2AE{waybill.consignee.inn}")
        assert reply.uid == uid
        assert etrn_flow.store_title(carrier.library, reply) > 0
    finally:
        for side in sides:
            side.database.close()


def _package(doc: EtrnTitle) -> Package:
    built = document_package(doc.file_id.sender, doc.file_id.recipient, str(doc.file_id), etrn_to_xml(doc),
                             signatures=[b"0"], extra=(), created=datetime(2025, 4, 1, tzinfo=UTC))
    return from_zip(built.data)


def test_only_an_etrn_title_1_is_registered_and_both_sides_are_told() -> None:
    waybill = sample_etrn(seed=3)
    notices = registration_notices(_package(waybill), "m-1", lambda: "uid-1")
    assert {n.owner for n in notices} == {waybill.file_id.sender, waybill.file_id.recipient}
    assert all(n.kind is EventKind.STATUS_CHANGED and n.message_id == "m-1" for n in notices)
    assert notices[0].payload == {"status": REGISTERED, "uid": "uid-1", "file_id": str(waybill.file_id)}
    assert registration_notices(_package(sample_etrn_title("2", 3)), "m-2") == []
