"""Акт and ТОРГ-12 in the document window: the «Документ» tab's card and the print preview's form,
over real services (sample titles stored through the library, as the exchange stores them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from edo_app.documents import (
    ActSeller,
    PrimaryDocument,
    Torg12Seller,
    primary_to_xml,
    sample_act,
    sample_act_answer,
    sample_torg12,
    sample_torg12_answer,
)
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.model.money import format_rub
from edo_app.services import Services
from edo_app.services.document_cards import document_card
from edo_app.services.document_print import can_print, print_form
from edo_app.services.document_view import load_view
from edo_app.services.printing import print_document

PRIMARY_KINDS = (DocumentKind.ACT_SELLER, DocumentKind.ACT_BUYER, DocumentKind.TORG12_SELLER,
                 DocumentKind.TORG12_BUYER)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(tmp_path / "data")
    yield opened
    opened.close()


def _store(services: Services, doc: PrimaryDocument) -> int:
    stored = services.library.import_bytes(primary_to_xml(doc), doc.file_name, Direction.INCOMING)
    assert stored.document_id is not None, stored.report
    return stored.document_id


def _card_of(services: Services, document_id: int) -> tuple[dict[str, str], object]:
    stored = services.library.get(document_id)
    card = document_card(stored.content, stored.summary)
    assert card.note == ""  # the full card, not the registry summary
    return {f.label: f.value for f in card.fields}, card


def test_every_primary_kind_has_a_card_and_a_print_form() -> None:
    assert all(can_print(kind) for kind in PRIMARY_KINDS)


def test_act_card_shows_executor_customer_works_and_totals(services: Services) -> None:
    act = sample_act(3, 7)
    fields, card = _card_of(services, _store(services, act))
    assert fields["Номер и дата"] == f"№ {act.head.number} от {act.head.doc_date:%d.%m.%Y}"
    assert fields["Файл"] == act.file_name
    assert [(p.role, p.name) for p in card.parties] == [("Исполнитель", act.executor.name),
                                                        ("Заказчик", act.customer.name)]
    assert card.table is not None and [row[1] for row in card.table.rows] == [w.name for w in act.works]
    assert card.table.headers[1] == "Работы, услуги" and len(card.table.rows[0]) == len(card.table.headers)
    totals = {f.label: f.value for f in card.totals}
    assert totals["Всего с НДС"] == format_rub(act.totals.with_vat)
    assert totals["Всего без НДС"] == format_rub(act.totals.without_vat)


def test_torg12_card_shows_the_four_parties_and_units(services: Services) -> None:
    doc = sample_torg12(2, 3)
    _, card = _card_of(services, _store(services, doc))
    roles = [p.role for p in card.parties]
    assert roles[:2] == ["Продавец", "Покупатель"] and card.parties[1].name == doc.buyer.name
    assert card.table is not None
    assert [row[2] for row in card.table.rows] == [f"{ln.unit_name} ({ln.okei})" for ln in doc.lines]
    totals = {f.label: f.value for f in card.totals}
    assert totals["Всего с НДС"] == format_rub(doc.totals.with_vat)


def test_answer_cards_name_the_answered_title(services: Services) -> None:
    act = sample_act(1, 4)
    _store(services, act)
    fields, card = _card_of(services, _store(services, sample_act_answer(act, seed=4)))
    assert card.title == "Титул заказчика акта" and card.table is None
    assert fields["Файл исполнителя"] == str(act.file_id) and fields["Итог приёмки"] == "Принято без претензий"
    doc = sample_torg12(1, 4)
    _store(services, doc)
    fields, card = _card_of(services, _store(services, sample_torg12_answer(doc, seed=4)))
    assert card.title == "Титул покупателя ТОРГ-12" and fields["Файл продавца"] == str(doc.file_id)


def test_a_file_not_of_the_registered_kind_falls_back_to_the_summary(services: Services) -> None:
    act = sample_act(1, 9)
    stored = services.library.get(_store(services, act))
    card = document_card(stored.content, replace(stored.summary, kind=DocumentKind.TORG12_SELLER))
    assert card.note.startswith("Документ не удалось прочитать полностью")


@pytest.mark.parametrize(("make", "answer_for"), [(sample_act, sample_act_answer),
                                                  (sample_torg12, sample_torg12_answer)])
def test_seller_titles_print_and_answers_print_on_their_seller_form(
        services: Services, make: Callable[[int, int], ActSeller | Torg12Seller],
        answer_for: Callable[..., PrimaryDocument]) -> None:
    seller = make(2, 5)
    seller_id = _store(services, seller)
    answer_id = _store(services, answer_for(seller, seed=5))
    alone = print_form(services.database, seller_id)
    assert alone.startswith(b"%PDF")
    together = print_form(services.database, answer_id)
    assert together == print_document(services.database, seller_id, buyer_document_id=answer_id)
    assert together != alone  # the answering side is filled in
    views = [load_view(services, document_id) for document_id in (seller_id, answer_id)]
    assert all(view.printable and view.card.note == "" for view in views)  # the window offers the preview


def test_an_answer_without_its_seller_title_says_what_is_missing(services: Services) -> None:
    act = sample_act(1, 6)
    answer_id = _store(services, sample_act_answer(act, seed=6))
    with pytest.raises(InputError, match="не найден в реестре"):
        print_form(services.database, answer_id)
