"""Services over a temp data dir that trusts the test PKI, with really signed stored УПД: shared by
the document-view service tests and the document window / print preview UI tests."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from edo_app.crypto.software import SoftwareProvider
from edo_app.documents import UpdSeller, file_name, sample_upd, to_xml
from edo_app.model.kinds import Direction
from edo_app.services import Services
from edo_app.services.context import TRUST_DIR
from tests.unit.crypto.fixtures import NOW, Pki
from tests.unit.services.test_signing import PASSWORD, _import_key

SIGNER = "Иванов Пётр Сергеевич"  # the test PKI's signer certificate


def open_services(data_dir: Path, pki: Pki) -> Services:
    """Services whose trust folder holds the test PKI's root, so its signatures are trusted."""
    trust = data_dir / TRUST_DIR
    trust.mkdir(parents=True, exist_ok=True)
    (trust / "root.cer").write_bytes(pki.root.certificate.der)
    return Services.open(data_dir)


def signer_handle(services: Services, pki: Pki) -> str:
    """The software provider's handle of the test signer's key, imported once per data dir."""
    provider = services.signing.providers.get("software")
    assert isinstance(provider, SoftwareProvider)
    for entry in provider.certificates():
        if entry.certificate.der == pki.signer.certificate.der:
            return entry.handle
    return _import_key(provider, pki.signer)


def store_upd(services: Services, seed: int = 5, lines: int = 3,
              direction: Direction = Direction.OUTGOING) -> tuple[UpdSeller, int]:
    doc = sample_upd(lines=lines, seed=seed)
    result = services.library.import_bytes(to_xml(doc), file_name(doc), direction)
    assert result.document_id is not None, result.report
    return doc, result.document_id


def store_signed_upd(services: Services, pki: Pki, seed: int = 5, lines: int = 3,
                     direction: Direction = Direction.OUTGOING) -> tuple[UpdSeller, int]:
    """A sample seller title stored (default: outgoing) and signed by the test PKI's signer (time: NOW)."""
    doc, document_id = store_upd(services, seed, lines, direction)
    services.signing.sign_document(document_id, "software", signer_handle(services, pki), password=PASSWORD, at=NOW)
    return doc, document_id


def tamper(services: Services, document_id: int) -> None:
    """Change the stored bytes behind the signature's back (as a damaged database would)."""
    content = services.library.get(document_id).content + b" "
    with services.database.session() as session:
        session.execute(text("UPDATE document_contents SET content = :c WHERE document_id = :id"),
                        {"c": content, "id": document_id})
