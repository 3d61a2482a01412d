"""The ЭТрН flow between three participants over the reference HTTP operator (a real server process).

The shipper sends title 1 to the carrier; the operator, standing in for ГИС ЭПД, assigns the
waybill its УИД_ТрН and both sides keep it. The carrier answers with title 02 to the consignee, the
consignee with title 05 back to the carrier, the carrier hands the cargo over with title 06; on the
way the carrier may change the driver (title 04) or readdress the cargo (title 03), both built on its
title 02 and marked on the print form.
Every title is built by services.etrn_flow from the stored title before it, signed, sent and received
with a valid signature; the statuses of each side follow. The module-scoped operator comes from
test_exchange_matrix; each test gets fresh participant ids (the operator keeps its boxes between tests).
"""

from __future__ import annotations

import base64
import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from edo_app.documents import (
    Driver,
    EtrnChange,
    EtrnReaddress,
    EtrnReply,
    EtrnShipper,
    EtrnSigner,
    PlainAddress,
    Unloading,
    etrn_any_from_xml,
    sample_etrn,
)
from edo_app.documents.etrn_types import DocRequisite
from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.services import etrn_flow
from edo_app.storage import DocumentQuery
from tests.integration.operator_server import OperatorServer
from tests.integration.test_exchange_matrix import server, test_pki
from tests.unit.crypto.fixtures import Pki
from tests.unit.printing.pdfcheck import text_of
from tests.unit.services.test_exchange_helpers import PASSWORD, Side, make_side

__all__ = ["server", "test_pki"]  # the module-scoped fixtures, shared with test_exchange_matrix

S = DocumentStatus
CARRIER_SIGNER = EtrnSigner(PersonName("Воронов", "Глеб"), "Водитель-экспедитор")
CONSIGNEE_SIGNER = EtrnSigner(PersonName("Лебедев", "Илья"), "Кладовщик")
NEW_DRIVER = Driver(PersonName("Соколов", "Андрей", "Викторович"), ("+7 926 111-22-33",), inn="500100732259")
_BOXES = itertools.count(1)


@dataclass
class Carriage:
    waybill: EtrnShipper
    shipper: Side
    carrier: Side
    consignee: Side

    def sides(self) -> tuple[Side, Side, Side]:
        return self.shipper, self.carrier, self.consignee


@pytest.fixture
def carriage(server: OperatorServer, tmp_path: Path, test_pki: Pki) -> Iterator[Carriage]:
    suffix = next(_BOXES)
    sample = sample_etrn(seed=31)
    ids = [f"2AE{party.inn}-{suffix}" for party in (sample.shipper, sample.carrier, sample.consignee)]
    sides = []
    for role, participant, org in zip(("shipper", "carrier", "consignee"), ids, ("alpha", "beta", "gamma"),
                                      strict=True):
        server.add(participant, org)
        (tmp_path / role).mkdir()
        sides.append(make_side(tmp_path / role, participant, server.transport(participant), test_pki))
    old = sample.file_id
    waybill = replace(sample, file_id=FileId(old.prefix, ids[1], ids[0], old.day, old.guid))
    yield Carriage(waybill, *sides)
    for side in sides:
        side.exchange.close()
        side.database.close()


def _send(side: Side, document_id: int, recipient: Side) -> int:
    """Sign, send, sync both ends (and the sender once more for the delivery news); the recipient's id."""
    side.signing.sign_document(document_id, "software", side.handle, password=PASSWORD)
    side.exchange.queue_send(document_id, recipient.participant_id)
    for who in (side, recipient, side):
        report = who.exchange.sync()
        assert (report.failed, report.errors) == (0, [])
    file_id = side.library.get(document_id).summary.file_id
    rows = recipient.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    received = [row.id for row in rows if row.file_id == file_id]
    assert len(received) == 1, file_id
    return received[0]


def _signature_valid(side: Side, document_id: int) -> bool:
    verdicts = side.signing.verify_document(document_id)
    return bool(verdicts) and all(v.valid is True for v in verdicts)


def _reply(side: Side, answered_id: int, signer: EtrnSigner, **how: object) -> int:
    stored = etrn_flow.stored_title(side.database, answered_id)
    reply = etrn_flow.next_title(side.database, answered_id, signer=signer, created=stored.created + timedelta(hours=3),
                                 guid=str(uuid.uuid4()), **how)  # type: ignore[arg-type]
    return etrn_flow.store_title(side.library, reply)


def _status(side: Side, document_id: int) -> DocumentStatus:
    return side.library.get(document_id).status


def _registered(c: Carriage) -> tuple[int, int, str]:
    """Title 1 from the shipper to the carrier: (shipper's id, carrier's id, УИД_ТрН both keep)."""
    first = etrn_flow.store_title(c.shipper.library, c.waybill)
    received = _send(c.shipper, first, c.carrier)
    assert c.carrier.library.get(received).summary.kind is DocumentKind.ETRN
    uid = etrn_flow.registered_uid(c.carrier.database, c.waybill)
    assert uid and uid == etrn_flow.registered_uid(c.shipper.database, c.waybill)
    return first, received, uid


def test_the_titles_travel_over_http_with_the_uid_signatures_and_statuses(carriage: Carriage) -> None:
    c = carriage
    first, received, uid = _registered(c)
    assert _signature_valid(c.carrier, received)

    accepted_id = _reply(c.carrier, received, CARRIER_SIGNER, recipient=c.consignee.participant_id)
    title_02 = _send(c.carrier, accepted_id, c.consignee)
    accepted = etrn_flow.stored_title(c.consignee.database, title_02)
    assert isinstance(accepted, EtrnReply)
    assert (accepted.uid, accepted.file_id.sender) == (uid, c.carrier.participant_id)
    assert base64.b64decode(accepted.answers.signature) == c.carrier.signing.signatures(received)[0].der

    waybill = c.waybill
    receipt = Unloading(waybill.delivery_address, *(waybill.loading.departed + timedelta(days=1),) * 3,
                        places=waybill.places, state="Без повреждений", gross_kg=waybill.cargo[0].gross_kg)
    answer_id = _reply(c.consignee, title_02, CONSIGNEE_SIGNER, receipt=receipt,
                       economic_entity=waybill.consignee.name)
    title_05 = _send(c.consignee, answer_id, c.carrier)
    handed_id = _reply(c.carrier, title_05, CARRIER_SIGNER)
    title_06 = _send(c.carrier, handed_id, c.consignee)

    handed = etrn_flow.stored_title(c.consignee.database, title_06)
    assert isinstance(handed, EtrnReply)
    assert (handed.step, handed.uid) == ("06", uid)
    incoming = ((c.carrier, received), (c.consignee, title_02), (c.carrier, title_05), (c.consignee, title_06))
    outgoing = ((c.shipper, first), (c.carrier, accepted_id), (c.consignee, answer_id), (c.carrier, handed_id))
    assert all(_signature_valid(side, document_id) for side, document_id in incoming)
    assert [_status(side, document_id) for side, document_id in incoming] == [S.RECEIVED] * 4
    assert [_status(side, document_id) for side, document_id in outgoing] == [S.DELIVERED] * 4  # the operator's ПДП


def test_the_carrier_changes_the_driver_after_title_02(carriage: Carriage) -> None:
    c = carriage
    _, received, uid = _registered(c)
    accepted_id = _reply(c.carrier, received, CARRIER_SIGNER, recipient=c.consignee.participant_id)
    _send(c.carrier, accepted_id, c.consignee)

    accepted = etrn_flow.stored_title(c.carrier.database, accepted_id)
    day = accepted.created + timedelta(hours=5)
    changed = day.replace(tzinfo=c.waybill.loading.planned.tzinfo) - timedelta(hours=1)  # local time, with its zone
    change = etrn_flow.change_title(c.carrier.database, accepted_id, signer=CARRIER_SIGNER, created=day,
                                    guid=str(uuid.uuid4()), changed=changed, reason="Водитель заболел в пути",
                                    drivers=(NEW_DRIVER,))
    change_id = etrn_flow.store_title(c.carrier.library, change)
    got = _send(c.carrier, change_id, c.consignee)

    stored = etrn_any_from_xml(c.consignee.library.get(got).content)
    assert isinstance(stored, EtrnChange)
    assert stored == change
    assert (stored.uid, stored.drivers, stored.answers.file_id) == (uid, (NEW_DRIVER,), str(accepted.file_id))
    assert base64.b64decode(stored.answers.signature) == c.carrier.signing.signatures(accepted_id)[0].der
    assert c.consignee.library.get(got).summary.function == "титул 04"
    assert _signature_valid(c.consignee, got)
    assert (_status(c.carrier, change_id), _status(c.consignee, got)) == (S.DELIVERED, S.RECEIVED)
    text = text_of(etrn_flow.print_stored_etrn(c.carrier.database, change_id))  # title 1 and 02 are on this side
    assert "Замена водителя" in text and "Соколов Андрей Викторович" in text and uid in text


def test_the_carrier_readdresses_the_cargo_after_title_02(carriage: Carriage) -> None:
    c = carriage
    _, received, uid = _registered(c)
    accepted_id = _reply(c.carrier, received, CARRIER_SIGNER, recipient=c.consignee.participant_id)
    _send(c.carrier, accepted_id, c.consignee)

    accepted = etrn_flow.stored_title(c.carrier.database, accepted_id)
    day = accepted.created + timedelta(hours=5)
    readdressed = day.replace(tzinfo=c.waybill.loading.planned.tzinfo) - timedelta(hours=1)
    basis = DocRequisite("Уведомление о переадресовке", "П-7", day.date(), c.waybill.shipper.inn)
    title = etrn_flow.readdress_title(c.carrier.database, accepted_id, signer=CARRIER_SIGNER, created=day,
                                      guid=str(uuid.uuid4()), readdressed=readdressed, basis=basis,
                                      new_place=PlainAddress("Тверь, ул. Складская, 3", "643"),
                                      new_unloading=readdressed + timedelta(days=1))
    title_id = etrn_flow.store_title(c.carrier.library, title)
    got = _send(c.carrier, title_id, c.consignee)

    stored = etrn_any_from_xml(c.consignee.library.get(got).content)
    assert isinstance(stored, EtrnReaddress) and stored == title and stored.uid == uid
    assert (c.consignee.library.get(got).summary.function, _signature_valid(c.consignee, got)) == ("титул 03", True)
    assert (_status(c.carrier, title_id), _status(c.consignee, got)) == (S.DELIVERED, S.RECEIVED)
    text = text_of(etrn_flow.print_stored_etrn(c.carrier.database, title_id))
    assert "Переадресовано" in text and "Тверь, ул. Складская, 3" in text
    with pytest.raises(InputError, match="титул 03"):  # nobody answers the carrier's title 03
        etrn_flow.next_title(c.consignee.database, got, signer=CONSIGNEE_SIGNER, created=day, guid=str(uuid.uuid4()))


def test_title_04_is_built_only_on_title_02(carriage: Carriage) -> None:
    c = carriage
    _, received, _ = _registered(c)
    with pytest.raises(InputError, match="титула 02"):
        etrn_flow.change_title(c.carrier.database, received, signer=CARRIER_SIGNER, created=datetime(2030, 1, 1),
                               guid=str(uuid.uuid4()), changed=datetime(2030, 1, 1), reason="—",
                               drivers=(NEW_DRIVER,))
