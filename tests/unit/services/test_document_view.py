"""services.document_view / document_cards / document_history / document_print over real services:
sample УПД stored and signed with the test PKI (tests/unit/services/document_world.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from edo_app.documents import UpdSeller, file_name, sample_buyer_title, to_xml
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.money import format_rub
from edo_app.model.party import Party
from edo_app.model.report import Report
from edo_app.services import Services
from edo_app.services.document_cards import SUMMARY_NOTE, document_card
from edo_app.services.document_print import PrintFormUnavailable, print_form
from edo_app.services.document_view import file_name_of, load_view, reverify, save_file, xml_text
from edo_app.storage.outbox import ExchangeRepository, NewOutgoing
from edo_app.storage.repository import DocumentRepository
from tests.unit.crypto.fixtures import Pki
from tests.unit.services.document_world import SIGNER, open_services, store_signed_upd, store_upd, tamper
from tests.unit.services.test_poa_registry import make_poa
from tests.unit.storage.factories import summary

TRUSTED = "Подпись действительна, сертификат выдан доверенным удостоверяющим центром"


@pytest.fixture
def services(tmp_path: Path, test_pki: Pki) -> Iterator[Services]:
    opened = open_services(tmp_path / "data", test_pki)
    yield opened
    opened.close()


@pytest.fixture
def signed(services: Services, test_pki: Pki) -> tuple[UpdSeller, int]:
    return store_signed_upd(services, test_pki)


def test_card_of_a_seller_title_has_parties_lines_and_totals(services: Services, signed: tuple[UpdSeller, int]) -> None:
    doc, document_id = signed
    card = load_view(services, document_id).card
    fields = {f.label: f.value for f in card.fields}
    assert fields["Функция"] == doc.function == "СЧФДОП"
    assert fields["Номер и дата"] == f"№ {doc.number} от {doc.doc_date:%d.%m.%Y}"
    seller, buyer = card.parties[0], card.parties[1]
    assert (seller.role, seller.name) == ("Продавец", doc.seller.name)
    assert (buyer.role, buyer.name) == ("Покупатель", doc.buyer.name)
    assert isinstance(doc.buyer.party, Party)
    assert buyer.inn_kpp.startswith(doc.buyer.party.inn) and buyer.address != "—"
    assert card.table is not None and [row[1] for row in card.table.rows] == [line.name for line in doc.lines]
    assert card.table.headers[7] == "Сумма НДС" and len(card.table.rows[0]) == len(card.table.headers)
    totals = {f.label: f.value for f in card.totals}
    assert totals["Всего с НДС"] == format_rub(doc.totals.with_vat)
    assert totals["Всего без НДС"] == format_rub(doc.totals.without_vat)
    assert card.note == ""


def test_buyer_title_card_and_unknown_kinds_fall_back_to_the_summary(services: Services) -> None:
    seller, _ = store_upd(services, seed=11)
    buyer = sample_buyer_title(seller, seed=11)
    card = document_card(to_xml(buyer), replace(summary(1), kind=DocumentKind.UPD_BUYER))
    fields = {f.label: f.value for f in card.fields}
    assert fields["Файл продавца"] == str(seller.file_id) and fields["Итог приёмки"] == "Принято без расхождений"
    other = document_card(b"<x/>", replace(summary(2), kind=DocumentKind.UNKNOWN))
    assert other.note == SUMMARY_NOTE and other.table is None
    assert {f.label: f.value for f in other.fields}["Вид документа"] == DocumentKind.UNKNOWN.title
    broken = document_card(b"<x/>", summary(3))  # a УПД row whose bytes cannot be read as УПД 5.03
    assert broken.note.startswith("Документ не удалось прочитать полностью")
    assert any(f.label == "Номер и дата" for f in broken.fields)


def test_xml_text_follows_the_prolog_encoding() -> None:
    text = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<Файл Имя=\"Ёлка\"/>"
    assert xml_text(text.encode("cp1251")) == text
    assert xml_text("<a>Ж</a>".encode()) == "<a>Ж</a>"
    assert xml_text("\ufeff<a>Ж</a>".encode()) == "<a>Ж</a>"  # a BOM is not part of the text
    unknown = b"<?xml version='1.0' encoding='no-such-codec'?><a>\xc6</a>"
    assert xml_text(unknown).endswith("<a>\ufffd</a>")  # shown, not hidden


def test_view_has_exact_xml_signatures_and_history(services: Services, signed: tuple[UpdSeller, int]) -> None:
    doc, document_id = signed
    view = load_view(services, document_id)
    content = to_xml(doc)
    assert view.content == content and view.xml_text == content.decode("cp1251")
    assert view.file_name == file_name(doc) and view.status is DocumentStatus.SIGNED and view.printable
    [signature] = view.signatures
    assert signature.owner == SIGNER and signature.verdict == TRUSTED
    assert signature.organization == 'ООО "Тестовая Ромашка"'
    assert signature.valid_from is not None and signature.valid_to is not None
    assert signature.valid_from < signature.valid_to
    assert [e.title for e in view.history] == ["Документ добавлен в реестр", "Добавлена подпись", "Изменён статус"]
    assert view.history[2].detail == "Проверен → Подписан"
    assert view.exchange.status == "Подписан" and view.exchange.packages == ()
    assert view.poas == ()


def test_reverify_records_a_new_verdict(services: Services, signed: tuple[UpdSeller, int]) -> None:
    _, document_id = signed
    tamper(services, document_id)
    view = reverify(services, document_id)
    [signature] = view.signatures
    assert signature.stored.valid is False
    assert signature.verdict.startswith("Подпись недействительна: ")
    assert view.history[-1].title == "Подпись проверена" and view.history[-1].detail.endswith("недействительна")


def test_linked_poa_is_checked_and_received_verdicts_are_read(services: Services,
                                                             signed: tuple[UpdSeller, int]) -> None:
    _, document_id = signed
    poa = make_poa(1)
    poa_id = services.poas.create_poa(poa)
    services.poas.attach_to_document(document_id, poa_id, services.signing.signatures(document_id)[0].id)
    details = {"number": poa.number.lower(), "signature": 1, "status": "VALID",
               "checks": [{"name": "format", "title": "Формат", "outcome": "OK", "detail": "ок"}]}
    DocumentRepository(services.database).record_event("poa.checked", "обмен", details, document_id)
    linked, received = load_view(services, document_id).poas
    assert linked.number == poa.number.lower() and linked.status == "недействительна"
    outcomes = {c.title: c.outcome for c in linked.checks}
    assert outcomes["Представитель = владелец сертификата"] == "не пройдена"  # Иванов signed, not the representative
    assert outcomes["Формат (EMCHD_1, имя файла = ИдФайл)"] == "пройдена"
    assert linked.principal.startswith('ООО "Тестовая Ромашка", ИНН ') and linked.term == "с 10.01.2026 по 31.12.2026"
    assert received.status == "действительна" and received.source == "получена с документом (подпись 1)"
    assert received.checks[0].passed is True and received.checked_at is not None
    assert received.representatives == linked.representatives  # the registry row found by number


def test_exchange_packages_and_history_are_shown(services: Services, signed: tuple[UpdSeller, int]) -> None:
    _, document_id = signed
    ExchangeRepository(services.database).queue([NewOutgoing("pkg-1", "document", "2BE-bob", b"PK", document_id)])
    view = load_view(services, document_id)
    [package] = view.exchange.packages
    assert (package.direction, package.purpose, package.counterparty, package.state) == (
        "Исходящий", "документ", "2BE-bob", "ждёт отправки")
    assert view.history[-1].title == "Поставлен в очередь на отправку" and "2BE-bob" in view.history[-1].detail


def test_save_file_writes_exact_bytes_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "out" / "документ.xml"
    data = b"\x00\xff" + "данные".encode("cp1251")
    save_file(target, data)
    assert target.read_bytes() == data
    assert [p.name for p in target.parent.iterdir()] == ["документ.xml"]
    assert file_name_of(summary(1), 5) == f"{summary(1).file_id}.xml"
    assert file_name_of(replace(summary(1), file_id=""), 5) == "document-5.xml"


def test_print_forms_by_kind(services: Services, signed: tuple[UpdSeller, int]) -> None:
    doc, document_id = signed
    assert print_form(services.database, document_id).startswith(b"%PDF")
    buyer = sample_buyer_title(doc, seed=5)
    stored = services.library.import_bytes(to_xml(buyer), f"{buyer.file_id}.xml", Direction.INCOMING)
    assert stored.document_id is not None, stored.report
    assert print_form(services.database, stored.document_id).startswith(b"%PDF")  # on the seller's form
    other = DocumentRepository(services.database).add_document(
        replace(summary(9), kind=DocumentKind.UNKNOWN), b"<x/>", Direction.INCOMING, DocumentStatus.RECEIVED, Report())
    with pytest.raises(PrintFormUnavailable, match="Неизвестный документ"):
        print_form(services.database, other)
    assert load_view(services, other).printable is False
