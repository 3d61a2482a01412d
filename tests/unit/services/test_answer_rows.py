"""Titles answering another in the registry (storage.answers): an ЭТрН waybill's row shows the
furthest step of its chain after each later title is stored (formed here through etrn_flow /
etrn_pud_flow, in any order), and a buyer's title shows the counterparty and total of the seller's
title it answers, whichever of the two is stored first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from edo_app.documents import (
    EtrnAny,
    EtrnPud,
    EtrnPudCarrier,
    EtrnPudShipper,
    etrn_to_xml,
    primary_to_xml,
    sample_act,
    sample_act_answer,
    sample_buyer_title,
    sample_etrn,
    sample_etrn_change,
    sample_etrn_readdress,
    sample_etrn_title,
    sample_torg12,
    sample_torg12_answer,
    sample_ukd,
    sample_ukd_buyer,
    sample_upd,
    to_xml,
    ukd_buyer_to_xml,
    ukd_to_xml,
)
from edo_app.documents.etrn_pud_flow import sample_pud
from edo_app.documents.registry import summarize
from edo_app.model.etrn_stage import EtrnStage, stage_title
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.report import Report
from edo_app.services import DocumentQuery, Services, etrn_flow, etrn_pud_flow
from edo_app.services.document_view import load_view
from edo_app.services.etrn_stage import STAGE_LABEL
from edo_app.storage.outbox import ExchangeRepository, NewDocument, NewEvent, Processing
from edo_app.storage.records import DocumentRow
from edo_app.xmlio import parse_bytes

SEED = 21


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(tmp_path / "data")
    yield opened
    opened.close()


Title = EtrnAny | EtrnPud


def _store(services: Services, doc: Title) -> int:
    if isinstance(doc, EtrnPudCarrier | EtrnPudShipper):
        return etrn_pud_flow.store_pud(services.library, doc)
    return etrn_flow.store_title(services.library, doc)


def _row(services: Services, document_id: int) -> DocumentRow:
    [row] = [r for r in services.library.list_documents(DocumentQuery()) if r.id == document_id]
    return row


def test_the_waybill_row_follows_every_later_title_of_its_chain(services: Services) -> None:
    waybill = _store(services, sample_etrn(seed=SEED))
    assert _row(services, waybill).stage == EtrnStage.ISSUED.value
    steps: list[tuple[Title, EtrnStage]] = [
        (sample_etrn_title("2", SEED), EtrnStage.CARRIER_ACCEPTED),
        (sample_etrn_change(SEED), EtrnStage.CHANGED),
        (sample_etrn_readdress(SEED), EtrnStage.READDRESSED),  # same rank as 04: the newer shows
        (sample_etrn_title("5", SEED), EtrnStage.DELIVERED),
        (sample_etrn_title("6", SEED), EtrnStage.HANDED_OVER),
        (sample_pud("7", SEED), EtrnStage.COST_CLAIMED),
        (sample_pud("8", SEED), EtrnStage.COST_AGREED),
    ]
    ids = [waybill]
    for title, stage in steps:
        ids.append(_store(services, title))
        assert _row(services, waybill).stage == stage.value, title.file_name
        assert services.library.get(waybill).stage == stage.value
    assert _row(services, ids[1]).stage == EtrnStage.COST_AGREED.value  # title 02 is part of the chain too
    assert _row(services, ids[2]).stage == EtrnStage.CHANGED.value  # nothing answers the 04


def test_a_late_title_never_moves_the_stage_back_and_an_early_one_is_found(services: Services) -> None:
    handover = _store(services, sample_etrn_title("6", SEED))  # stored before the titles it follows
    _store(services, sample_etrn_title("5", SEED))
    _store(services, sample_etrn_title("2", SEED))
    waybill = _store(services, sample_etrn(seed=SEED))  # title 1 last: takes the stage of its chain
    assert _row(services, waybill).stage == EtrnStage.HANDED_OVER.value
    _store(services, sample_etrn_change(SEED))  # a change of title 02 arriving after 06
    assert _row(services, waybill).stage == EtrnStage.HANDED_OVER.value
    assert _row(services, handover).stage == EtrnStage.HANDED_OVER.value


def test_the_consignees_refusal_is_its_own_stage(services: Services) -> None:
    waybill = _store(services, sample_etrn(seed=SEED))
    for step in ("2", "5"):
        _store(services, sample_etrn_title(step, SEED, accepted=step != "5"))
    assert _row(services, waybill).stage == EtrnStage.REFUSED.value
    assert stage_title(EtrnStage.REFUSED.value) == "Отказ грузополучателя"


def test_another_waybill_is_not_touched(services: Services) -> None:
    other = _store(services, sample_etrn(seed=SEED + 1))
    _store(services, sample_etrn(seed=SEED))
    _store(services, sample_etrn_title("2", SEED))
    assert _row(services, other).stage == EtrnStage.ISSUED.value


Pair = tuple[bytes, str, bytes, str]


def _upd() -> Pair:
    seller = sample_upd("СЧФДОП", lines=2, seed=3)
    buyer = sample_buyer_title(seller, seed=3)
    return to_xml(seller), seller.file_name, to_xml(buyer), buyer.file_name


def _ukd() -> Pair:
    seller = sample_ukd("КСЧФДИС", lines=2, seed=3)
    buyer = sample_ukd_buyer(seller, seed=3)
    return ukd_to_xml(seller), seller.file_name, ukd_buyer_to_xml(buyer), buyer.file_name


def _act() -> Pair:
    seller = sample_act(lines=2, seed=3)
    answer = sample_act_answer(seller, accept=False, seed=3)
    return primary_to_xml(seller), seller.file_name, primary_to_xml(answer), answer.file_name


def _torg12() -> Pair:
    seller = sample_torg12(lines=2, seed=3)
    answer = sample_torg12_answer(seller, seed=3)
    return primary_to_xml(seller), seller.file_name, primary_to_xml(answer), answer.file_name


PAIRS: dict[str, Callable[[], Pair]] = {"УПД": _upd, "УКД": _ukd, "акт": _act, "ТОРГ-12": _torg12}


@pytest.mark.parametrize("ours", [Direction.OUTGOING, Direction.INCOMING], ids=["our answer", "their answer"])
@pytest.mark.parametrize("kind", PAIRS)
def test_a_buyers_title_shows_the_counterparty_and_total_of_what_it_answers(
        services: Services, kind: str, ours: Direction) -> None:
    seller_xml, seller_name, buyer_xml, buyer_name = PAIRS[kind]()
    theirs = Direction.INCOMING if ours is Direction.OUTGOING else Direction.OUTGOING
    seller_id = services.library.import_bytes(seller_xml, seller_name, theirs).document_id
    buyer_id = services.library.import_bytes(buyer_xml, buyer_name, ours).document_id
    assert seller_id is not None and buyer_id is not None
    seller, buyer = services.library.get(seller_id), services.library.get(buyer_id)
    assert buyer.summary.answers == seller.summary.file_id
    assert buyer.summary.refuses is (kind == "акт")
    expected = seller.summary.seller if ours is Direction.OUTGOING else seller.summary.buyer
    row = _row(services, buyer_id)
    assert expected is not None and row.counterparty == expected == seller.counterparty
    assert (row.total, row.vat, row.currency) == (seller.summary.total, seller.summary.vat, seller.summary.currency)
    assert row.total is not None
    found = services.library.list_documents(DocumentQuery(counterparty=expected.inn))  # search text too
    assert buyer_id in {r.id for r in found}
    assert (buyer.summary.seller, buyer.summary.buyer) == (seller.summary.seller, seller.summary.buyer)


def test_a_buyers_title_stored_first_is_filled_when_the_seller_title_comes(services: Services) -> None:
    seller_xml, seller_name, buyer_xml, buyer_name = _upd()
    buyer_id = services.library.import_bytes(buyer_xml, buyer_name, Direction.INCOMING).document_id
    assert buyer_id is not None and _row(services, buyer_id).counterparty is None
    seller_id = services.library.import_bytes(seller_xml, seller_name, Direction.OUTGOING).document_id
    assert seller_id is not None
    row, seller = _row(services, buyer_id), services.library.get(seller_id)
    assert (row.counterparty, row.total) == (seller.summary.buyer, seller.summary.total)
    assert row.kind is DocumentKind.UPD_BUYER


def test_the_waybill_card_shows_the_stage(services: Services) -> None:
    waybill = _store(services, sample_etrn(seed=SEED))
    assert STAGE_LABEL not in {f.label for f in load_view(services, waybill).card.fields}  # title 1 alone
    _store(services, sample_etrn_title("2", SEED))
    first = load_view(services, waybill).card.fields[0]
    assert (first.label, first.value) == (STAGE_LABEL, "Груз принят перевозчиком")


def _receive(services: Services, content: bytes, n: int) -> int | None:
    """A received file stored the way the exchange stores it (ExchangeRepository.apply)."""
    repo = ExchangeRepository(services.database)
    repo.save_events([NewEvent(f"event-{n}", f"message-{n}", "document", {})])
    [item] = [i for i in repo.unprocessed() if i.event_id == f"event-{n}"]
    summary = summarize(parse_bytes(content))
    new = NewDocument(summary, content, Report(f"{summary.file_id}.xml", "etrn"), DocumentStatus.RECEIVED,
                      "2AE-THEM", f"package-{n}", f"message-{n}")
    return repo.apply(Processing(item.id, document=new))


def test_received_titles_move_the_stage_and_fill_buyer_titles(services: Services) -> None:
    waybill = _store(services, sample_etrn(seed=SEED))
    for n, step in enumerate(("2", "5")):
        _receive(services, etrn_to_xml(sample_etrn_title(step, SEED)), n)
    assert _row(services, waybill).stage == EtrnStage.DELIVERED.value
    seller_xml, seller_name, buyer_xml, _ = _upd()
    seller_id = services.library.import_bytes(seller_xml, seller_name, Direction.OUTGOING).document_id
    buyer_id = _receive(services, buyer_xml, 9)
    assert seller_id is not None and buyer_id is not None
    seller = services.library.get(seller_id)
    assert (_row(services, buyer_id).counterparty, _row(services, buyer_id).total) == (
        seller.summary.buyer, seller.summary.total)
