"""Signing wired into Services: importing a document with its signature, the key and trust folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.crypto.cms import build_detached
from edo_app.crypto.cms_parse import SignatureFormatError
from edo_app.crypto.openssl_gost import new_hash
from edo_app.documents import file_name, sample_upd, to_xml
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services import DocumentQuery, Services
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import NOW, Pki, make_pki


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def data_dir(tmp_path: Path, test_pki: Pki) -> Path:
    """A data folder whose trust store holds the test root."""
    base = tmp_path / "data"
    (base / "trust").mkdir(parents=True)
    (base / "trust" / "root.cer").write_bytes(test_pki.root.certificate.der)
    return base


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    opened = Services.open(data_dir)
    yield opened
    opened.close()


def _document(tmp_path: Path) -> Path:
    doc = sample_upd("СЧФДОП", lines=2, seed=3)
    path = tmp_path / file_name(doc)
    path.write_bytes(to_xml(doc))
    return path


def _signature(test_pki: Pki, content: bytes) -> bytes:
    key = test_pki.signer
    return build_detached(new_hash(32, content).digest(), key.certificate, key.sign_digest, signing_time=NOW)


def test_import_with_signature_stores_both(services: Services, tmp_path: Path, test_pki: Pki) -> None:
    path = _document(tmp_path)
    sig_path = tmp_path / (path.name + ".sig")
    sig_path.write_bytes(_signature(test_pki, path.read_bytes()))
    result = services.library.import_with_signature(path, sig_path)
    assert result.stored and result.signature is not None
    assert result.signature.valid is True and result.signature.trusted is True  # root from <data>/trust
    assert result.document_id is not None
    assert services.library.get(result.document_id).status is DocumentStatus.RECEIVED
    assert services.signing.signatures(result.document_id) == [result.signature]
    actions = [e.action for e in services.library.history(result.document_id)]
    assert actions == ["document.added", "signature.added"]


def test_import_with_a_signature_of_another_file_keeps_the_verdict(services: Services, tmp_path: Path,
                                                                   test_pki: Pki) -> None:
    result = services.library.import_file(_document(tmp_path), signature=_signature(test_pki, b"other"))
    assert result.stored and result.signature is not None and result.signature.valid is False
    assert any("другому файлу" in reason for reason in result.signature.reasons)


def test_import_with_garbage_signature_stores_nothing(services: Services, tmp_path: Path) -> None:
    with pytest.raises(SignatureFormatError):
        services.library.import_file(_document(tmp_path), Direction.INCOMING, signature=b"garbage")
    assert services.library.count(DocumentQuery()) == 0


def test_import_without_signature_is_unchanged(services: Services, tmp_path: Path) -> None:
    result = services.library.import_file(_document(tmp_path))
    assert result.stored and result.signature is None


def test_sign_with_a_key_from_the_data_folder(services: Services, data_dir: Path, tmp_path: Path,
                                              test_pki: Pki) -> None:
    key = test_pki.signer
    pem = pki.to_pem("PRIVATE KEY", pki.private_key_info(key.curve, key.private))
    services.signing.providers.get("software").import_pair(key.certificate.der, pem)  # type: ignore[attr-defined]
    assert (data_dir / "keys").is_dir()
    [entry] = [e for e in services.signing.certificates() if e.provider == "software"]
    result = services.library.import_file(_document(tmp_path), Direction.OUTGOING)
    assert result.document_id is not None
    stored = services.signing.sign_document(result.document_id, "software", entry.handle)
    assert stored.valid is True and stored.trusted is True
    assert services.library.get(result.document_id).status is DocumentStatus.SIGNED
    names = {state.name for state in services.signing.provider_status()}
    assert names == {"software", "cryptopro"}
