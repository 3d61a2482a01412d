"""services.printing: stamps from really signed stored documents and from signed files.

Keys and certificates come from the throwaway test PKI of tests/unit/crypto (fictional owner
«Иванов Пётр Сергеевич», ООО "Тестовая Ромашка"), signing through the software provider as
in test_signing.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from edo_app.crypto.cms_parse import SignatureFormatError
from edo_app.crypto.provider import ProviderRegistry
from edo_app.crypto.software import SoftwareProvider
from edo_app.crypto.trust import TrustStore
from edo_app.documents import PoaRef, Signer, UpdSeller, sample_buyer_title, sample_upd, to_xml
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.money import format_rub
from edo_app.model.party import PersonName
from edo_app.printing import STAMP_TITLE
from edo_app.services import EventBus, SigningService
from edo_app.services.printing import print_document, print_upd_file, verdict_text
from edo_app.storage import Database, DocumentRepository, open_database
from tests.unit.crypto.fixtures import NOW, Pki, make_pki
from tests.unit.printing.pdfcheck import flat, font_names, text_of
from tests.unit.services.test_signing import CHECK_TIME, PASSWORD, _import_key
from tests.unit.storage.factories import REPORT_OK, summary

POA = "0f4d3b2a-1c5e-4d6f-8a7b-9c0d1e2f3a4b"
OWNER = "Иванов Пётр Сергеевич"


@dataclass
class World:
    database: Database
    documents: DocumentRepository
    signing: SigningService
    handle: str
    pki: Pki
    doc: UpdSeller


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


def _doc() -> UpdSeller:
    """A seller title signed under an МЧД by the certificate's owner."""
    base = sample_upd(lines=3, seed=7)
    poa = PoaRef(POA, base.doc_date.replace(year=base.doc_date.year - 1), "https://m4d.nalog.gov.ru/emchd/check-status")
    signer = Signer(PersonName("Иванов", "Пётр", "Сергеевич"), "Менеджер по продажам", 3, poa=(poa,))
    return replace(base, signers=(signer,))


@pytest.fixture
def world(tmp_path: Path, sqlite_url: str, test_pki: Pki) -> Iterator[World]:
    database = open_database(sqlite_url)
    provider = SoftwareProvider(tmp_path / "keys")
    handle = _import_key(provider, test_pki.signer)
    signing = SigningService(database, ProviderRegistry([provider]), EventBus(),
                             TrustStore((test_pki.root.certificate,)), clock=lambda: CHECK_TIME)
    yield World(database, DocumentRepository(database), signing, handle, test_pki, _doc())
    database.close()


def _store(world: World, content: bytes, n: int, kind: DocumentKind = DocumentKind.UPD_SELLER) -> int:
    return world.documents.add_document(summary(n, kind=kind), content, Direction.OUTGOING,
                                        DocumentStatus.VALIDATED, REPORT_OK)


def test_signed_stored_document_prints_with_its_stamp(world: World) -> None:
    doc_id = _store(world, to_xml(world.doc), 1)
    stored = world.signing.sign_document(doc_id, "software", world.handle, password=PASSWORD, at=NOW)
    text = text_of(print_document(world.database, doc_id))
    assert world.doc.number in text and world.doc.seller.name in text
    assert flat(format_rub(world.doc.totals.with_vat)) in text
    assert STAMP_TITLE.upper() in text and OWNER in text
    assert stored.cert_serial is not None and stored.cert_serial in text
    assert 'ООО "Тестовая Ромашка"' in text
    certificate = world.pki.signer.certificate
    assert f"с {certificate.not_before:%d.%m.%Y} по {certificate.not_after:%d.%m.%Y}" in text
    assert f"{NOW:%d.%m.%Y %H:%M:%S}" in text
    assert f"по МЧД № {POA}" in text
    assert verdict_text(True, True, ()) in text


def test_buyer_title_and_its_signature_are_printed(world: World) -> None:
    seller_id = _store(world, to_xml(world.doc), 1)
    buyer = sample_buyer_title(world.doc, seed=7)
    buyer_id = _store(world, to_xml(buyer), 2, DocumentKind.UPD_BUYER)
    world.signing.sign_document(buyer_id, "software", world.handle, password=PASSWORD, at=NOW)
    pdf = print_document(world.database, seller_id, buyer_document_id=buyer_id)
    text = text_of(pdf)
    assert "ПОКУПАТЕЛЬ" in text and text.count(STAMP_TITLE.upper()) == 1  # the seller title is unsigned here
    assert buyer.signers[0].name.full in text and "Принято без расхождений" in text
    assert font_names(pdf) == {"DejaVuSansCondensed", "DejaVuSansCondensed-Bold"}


def test_a_buyer_title_alone_is_refused(world: World) -> None:
    buyer_id = _store(world, to_xml(sample_buyer_title(world.doc, seed=7)), 2, DocumentKind.UPD_BUYER)
    with pytest.raises(InputError, match="титулу продавца"):
        print_document(world.database, buyer_id)


def test_file_helper_verifies_and_stamps(world: World) -> None:
    xml = to_xml(world.doc)
    doc_id = _store(world, xml, 1)
    stored = world.signing.sign_document(doc_id, "software", world.handle, password=PASSWORD, at=NOW)
    der = world.signing.export_signature(stored.id)
    trust = TrustStore((world.pki.root.certificate,))
    text = text_of(print_upd_file(xml, [der], trust=trust))
    assert OWNER in text and verdict_text(True, True, ()) in text and f"по МЧД № {POA}" in text
    untrusted = text_of(print_upd_file(xml, [der]))
    assert "цепочка сертификатов до доверенного УЦ не проверена" in untrusted


def test_file_helper_prints_a_broken_signature_as_invalid(world: World) -> None:
    xml = to_xml(world.doc)
    doc_id = _store(world, xml, 1)
    stored = world.signing.sign_document(doc_id, "software", world.handle, password=PASSWORD, at=NOW)
    der = world.signing.export_signature(stored.id)
    other = to_xml(replace(world.doc, number="УПД-ДРУГОЙ"))
    text = text_of(print_upd_file(other, [der]))
    assert "Подпись недействительна: хэш документа не совпадает" in text
    with pytest.raises(SignatureFormatError):
        print_upd_file(xml, [b"not a signature"])
