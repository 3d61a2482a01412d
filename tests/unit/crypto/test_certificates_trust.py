"""Trust store folders and certificate chains."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from edo_app.crypto.certificates import Certificate
from edo_app.crypto.trust import TrustStore, build_chain, certificate_signed_by
from edo_app.errors import InputError
from tests.oracles import GOST_SAMPLES, require
from tests.unit.crypto import fixtures

AT = fixtures.NOW


def _pem(der: bytes) -> bytes:
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def three_levels() -> tuple[fixtures.TestKey, fixtures.TestKey, fixtures.TestKey]:
    root = fixtures.make_pki().root
    middle = fixtures.issue(fixtures.person_name("Промежуточный УЦ", person=False), issuer=root, ca=True)
    leaf = fixtures.issue(fixtures.person_name("Сидоров"), issuer=middle)
    return root, middle, leaf


def test_folder_with_der_pem_bundle_and_bad_files(tmp_path: Path, three_levels: tuple[fixtures.TestKey, ...]) -> None:
    root, middle, _ = three_levels
    (tmp_path / "root.cer").write_bytes(root.certificate.der)
    (tmp_path / "bundle.pem").write_bytes(b"comment\n" + _pem(middle.certificate.der) + _pem(root.certificate.der))
    (tmp_path / "broken.crt").write_bytes(b"\x30\x82\x01")
    (tmp_path / "notes.pem").write_text("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    (tmp_path / "sub").mkdir()
    store = TrustStore.from_folder(tmp_path)
    assert set(store.certificates) == {root.certificate, middle.certificate}  # duplicates dropped
    assert len(store.problems) == 2
    assert any(p.startswith("broken.crt: ") and "не является сертификатом" in p for p in store.problems)
    assert any(p.startswith("notes.pem: ") and "нет сертификатов" in p for p in store.problems)


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="не найдена"):
        TrustStore.from_folder(tmp_path / "absent")


def test_three_level_chain_via_store_or_via_intermediates(three_levels: tuple[fixtures.TestKey, ...]) -> None:
    root, middle, leaf = three_levels
    full = build_chain(leaf.certificate, TrustStore((root.certificate, middle.certificate)), AT)
    assert full.status == "verified" and full.chain == (leaf.certificate, middle.certificate, root.certificate)
    only_root = TrustStore((root.certificate,))
    assert build_chain(leaf.certificate, only_root, AT).status == "not_checked"
    helped = build_chain(leaf.certificate, only_root, AT, intermediates=[middle.certificate])
    assert helped.status == "verified" and len(helped.chain) == 3


def test_no_store_is_never_reported_as_verified(three_levels: tuple[fixtures.TestKey, ...]) -> None:
    for store in (None, TrustStore(())):
        result = build_chain(three_levels[2].certificate, store, AT)
        assert result.status == "not_checked" and "не задано" in result.reason


def test_expired_ca_fails_the_chain(three_levels: tuple[fixtures.TestKey, ...]) -> None:
    root = three_levels[0]
    late = root.certificate.not_after + timedelta(days=1)
    signer = fixtures.issue(fixtures.person_name("Поздний"), issuer=root, not_after=late + timedelta(days=10))
    result = build_chain(signer.certificate, TrustStore((root.certificate,)), late)
    assert result.status == "failed" and "не действовал" in result.reason


@pytest.mark.oracle
def test_openssl_made_self_signed_certificate_signature_checks_out() -> None:
    """OpenSSL signs certificates with the same byte orders as CMS: s||r, little-endian digest."""
    from edo_app.crypto.certificates import load_certificate

    cert = load_certificate(require(GOST_SAMPLES / "generated-openssl-gost-engine" / "cert.der").read_bytes())
    assert certificate_signed_by(cert, cert)
    assert not certificate_signed_by(cert, fixtures.make_pki().root.certificate)


def test_a_remembered_link_answers_only_for_the_same_encoding() -> None:
    pki = fixtures.make_pki()
    signer, root = pki.signer.certificate, pki.root.certificate
    assert certificate_signed_by(signer, root) and certificate_signed_by(signer, root)  # the second from memory
    der = bytearray(signer.der)
    der[-1] ^= 0x01  # the last byte of the signature value
    forged = Certificate(bytes(der))
    assert forged == Certificate(bytes(der)) and forged != signer
    assert not certificate_signed_by(forged, root)
    assert build_chain(forged, TrustStore((root,)), datetime.now(UTC)).status == "failed"
