"""ЭТрН titles 06 → 07 → 08 between the carrier and the shipper through the in-memory operator
(MemoryNetwork) and the real exchange services: the carrier builds title 07 (the cost of the
carriage) on its signed title 06 with services.etrn_pud_flow and sends it to the shipper; the shipper
answers with title 08 naming a third-party payer; on its arrival the carrier's 07 becomes
«Подписан контрагентом», and the pair prints on the ПУД form. Every title carries the signature of
the one before and validates."""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from edo_app.documents import (
    EtrnPudCarrier,
    EtrnReply,
    EtrnShipper,
    EtrnSigner,
    ThirdPartyPayer,
    cost_at,
    sample_etrn,
    sample_etrn_title,
)
from edo_app.documents.etrn_types import DocRequisite
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.model.vat import VatRate
from edo_app.services import etrn_flow, etrn_pud_flow
from edo_app.services.document_cards import document_card
from edo_app.services.document_print import print_form
from edo_app.storage import DocumentQuery
from edo_app.transport.memory import MemoryNetwork
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.printing.pdfcheck import text_of
from tests.unit.services.test_exchange_helpers import PASSWORD, Side, make_side

SEED = 21
CARRIER_SIGNER = EtrnSigner(PersonName("Воронов", "Глеб"), "Генеральный директор")
SHIPPER_SIGNER = EtrnSigner(PersonName("Соколова", "Анна"), "Главный бухгалтер")


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def parties(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[EtrnShipper, Side, Side]]:
    waybill = sample_etrn(seed=SEED)
    network = MemoryNetwork()
    sides = []
    for role, participant in (("shipper", waybill.file_id.sender), ("carrier", waybill.file_id.recipient)):
        (tmp_path / role).mkdir()
        sides.append(make_side(tmp_path / role, participant, network.transport(participant), test_pki))
    yield waybill, sides[0], sides[1]
    for side in sides:
        side.database.close()


def _send(side: Side, document_id: int, recipient: Side) -> None:
    side.signing.sign_document(document_id, "software", side.handle, password=PASSWORD)
    side.exchange.queue_send(document_id, recipient.participant_id)
    assert side.exchange.sync().errors == []
    got = recipient.exchange.sync()
    assert (got.received, got.errors) == (1, [])


def _incoming(side: Side) -> int:
    return max(row.id for row in side.library.list_documents(DocumentQuery(direction=Direction.INCOMING)))


def _signed_handover(carrier: Side) -> tuple[EtrnReply, int]:
    handover = sample_etrn_title("6", SEED)
    assert isinstance(handover, EtrnReply)
    handover_id = etrn_flow.store_title(carrier.library, handover)
    carrier.signing.sign_document(handover_id, "software", carrier.handle, password=PASSWORD)
    return handover, handover_id


def test_cost_07_and_answer_08_travel_and_sign_the_carriers_title(
        parties: tuple[EtrnShipper, Side, Side]) -> None:
    waybill, shipper, carrier = parties
    handover, handover_id = _signed_handover(carrier)
    with pytest.raises(InputError, match="грузоотправителя"):  # title 1 is not in the carrier's registry
        etrn_pud_flow.cost_title(carrier.database, handover_id, signer=CARRIER_SIGNER, created=handover.created,
                                 guid=handover.file_id.guid, cost=cost_at(Decimal("45000.00"), VatRate.R20))
    pud = etrn_pud_flow.cost_title(
        carrier.database, handover_id, signer=CARRIER_SIGNER, created=handover.created + timedelta(hours=2),
        guid=handover.file_id.guid[:-4] + "beef", cost=cost_at(Decimal("45000.00"), VatRate.R20),
        shipper=shipper.participant_id, economic_entity=waybill.carrier.member.name)
    assert (pud.uid, pud.answers.file_id, pud.file_id.recipient) == (handover.uid, str(handover.file_id),
                                                                     shipper.participant_id)
    assert base64.b64decode(pud.answers.signature) == carrier.signing.signatures(handover_id)[0].der
    pud_id = etrn_pud_flow.store_pud(carrier.library, pud)
    stored = carrier.library.get(pud_id)
    assert (stored.summary.kind, stored.summary.function) == (DocumentKind.ETRN, "титул 07")
    assert (stored.summary.total, stored.summary.vat) == (Decimal("54000.00"), Decimal("9000.00"))
    _send(carrier, pud_id, shipper)

    received = _incoming(shipper)
    assert etrn_pud_flow.stored_pud(shipper.database, received) == pud
    payer = ThirdPartyPayer(waybill.consignee.name,
                            DocRequisite("Договор поставки", "П-5", waybill.order_date, waybill.consignee.inn))
    answer = etrn_pud_flow.answer_title(shipper.database, received, signer=SHIPPER_SIGNER,
                                        created=pud.created + timedelta(hours=1),
                                        guid=pud.file_id.guid[:-4] + "cafe", economic_entity=waybill.shipper.name,
                                        payer=payer)
    assert (answer.answers.file_id, answer.file_id.recipient, answer.uid) == (str(pud.file_id),
                                                                              carrier.participant_id, pud.uid)
    answer_id = etrn_pud_flow.store_pud(shipper.library, answer)
    assert carrier.library.get(pud_id).status is not DocumentStatus.SIGNED_BY_COUNTERPARTY
    _send(shipper, answer_id, carrier)
    assert carrier.library.get(pud_id).status is DocumentStatus.SIGNED_BY_COUNTERPARTY
    answer_here = _incoming(carrier)
    assert etrn_pud_flow.stored_pud(carrier.database, answer_here) == answer
    text = text_of(print_form(carrier.database, answer_here))  # PRINT_FORMS[ETRN]: 08 prints with its 07
    assert "54 000,00" in text and "9 000,00" in text and payer.name in text and pud.uid in text
    assert "ещё не получен" in text_of(print_form(shipper.database, received))  # the shipper's 07 alone
    stored_07 = shipper.library.get(received)
    card = {f.label: f.value for f in document_card(stored_07.content, stored_07.summary).fields}  # CARD_BUILDERS
    assert (card["Титул"], card["Стоимость с НДС"]) == ("07: перевозчик", "54\u00a0000,00")


def test_title_07_needs_a_title_06_and_title_08_a_title_07(parties: tuple[EtrnShipper, Side, Side]) -> None:
    waybill, _, carrier = parties
    first = etrn_flow.store_title(carrier.library, waybill)
    carrier.signing.sign_document(first, "software", carrier.handle, password=PASSWORD)
    with pytest.raises(InputError, match="титула 06") as caught:
        etrn_pud_flow.cost_title(carrier.database, first, signer=CARRIER_SIGNER, created=waybill.created,
                                 guid=waybill.file_id.guid, cost=cost_at(Decimal(1), VatRate.R20))
    assert caught.value.field == f"документ № {first}"
    with pytest.raises(InputError, match="не титул 07 или 08"):
        etrn_pud_flow.answer_title(carrier.database, first, signer=SHIPPER_SIGNER, created=waybill.created,
                                   guid=waybill.file_id.guid, economic_entity="ООО")
    for step in ("2", "5"):  # the whole chain 01 → 06 in the registry: title 1 gives both names
        etrn_flow.store_title(carrier.library, sample_etrn_title(step, SEED))
    handover, handover_id = _signed_handover(carrier)
    pud = etrn_pud_flow.cost_title(carrier.database, handover_id, signer=CARRIER_SIGNER,
                                   created=handover.created + timedelta(hours=1), guid=handover.file_id.guid,
                                   cost=cost_at(Decimal(1000), VatRate.R20))
    assert isinstance(pud, EtrnPudCarrier)
    assert (pud.file_id.recipient, pud.economic_entity) == (waybill.file_id.sender, waybill.carrier.member.name)



def test_a_title_08_that_disagrees_refuses_the_carriers_title_07(parties: tuple[EtrnShipper, Side, Side]) -> None:
    """Title 08 only carries the shipper's text: the disagreement wording (``disagreement``) makes
    the carrier's 07 «Отказано»; an empty reason is refused before anything is built."""
    waybill, shipper, carrier = parties
    handover, handover_id = _signed_handover(carrier)
    pud = etrn_pud_flow.cost_title(
        carrier.database, handover_id, signer=CARRIER_SIGNER, created=handover.created + timedelta(hours=2),
        guid=handover.file_id.guid[:-4] + "d00d", cost=cost_at(Decimal("45000.00"), VatRate.R20),
        shipper=shipper.participant_id, economic_entity=waybill.carrier.member.name)
    pud_id = etrn_pud_flow.store_pud(carrier.library, pud)
    _send(carrier, pud_id, shipper)
    received = _incoming(shipper)
    with pytest.raises(InputError, match="причину"):
        etrn_pud_flow.disagreement("  ")
    answer = etrn_pud_flow.answer_title(shipper.database, received, signer=SHIPPER_SIGNER,
                                        created=pud.created + timedelta(hours=1),
                                        guid=pud.file_id.guid[:-4] + "feed", economic_entity=waybill.shipper.name)
    refusal = dataclasses.replace(answer, operation=etrn_pud_flow.disagreement("тариф договора — 40 000"))
    _send(shipper, etrn_pud_flow.store_pud(shipper.library, refusal), carrier)
    assert carrier.library.get(pud_id).status is DocumentStatus.REJECTED
