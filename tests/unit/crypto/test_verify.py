"""verify_detached: real samples, round trips, tampering, dates, chains, non-GOST signatures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7

from edo_app.crypto.cms import SignatureFormatError, add_cosignature, build_detached
from edo_app.crypto.streebog import streebog256
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import verify_detached
from tests.oracles import GOST_SAMPLES, require
from tests.unit.crypto import fixtures

KSBA = GOST_SAMPLES / "libksba-nicesoft"
GENERATED = GOST_SAMPLES / "generated-openssl-gost-engine"
CONTENT = b"<?xml version='1.0'?><doc/>"
AT = fixtures.NOW


@pytest.fixture(scope="module")
def pki() -> fixtures.Pki:
    return fixtures.make_pki()


def _sign(key: fixtures.TestKey, content: bytes = CONTENT, when: datetime = AT) -> bytes:
    return build_detached(streebog256(content), key.certificate, key.sign_digest, signing_time=when)


@pytest.mark.oracle
def test_cryptopro_sample_at_a_moment_inside_validity() -> None:
    content = require(KSBA / "gost_test.txt").read_bytes()
    (verdict,) = verify_detached(content, (KSBA / "gost_test.txt.p7s").read_bytes(),
                                 at=datetime.fromisoformat("2025-06-24T12:00:00+03:00"))
    assert verdict.valid and verdict.reasons == () and verdict.warnings == ()
    assert verdict.signer is not None and verdict.signer.inn_le == "5024245440"
    assert verdict.signing_time == datetime(2025, 6, 23, 16, 32, 8, tzinfo=UTC)
    assert verdict.chain.status == "not_checked" and "не задано" in verdict.chain.reason
    assert not verdict.trusted


@pytest.mark.oracle
def test_cryptopro_sample_now_is_valid_with_an_expiry_warning() -> None:
    content = require(KSBA / "gost_test.txt").read_bytes()
    (verdict,) = verify_detached(content, (KSBA / "gost_test.txt.p7s").read_bytes())
    assert verdict.valid  # judged at the signing time, as CryptoPro and Kontur do
    assert any("истёк 01.11.2025" in warning for warning in verdict.warnings)
    (late,) = verify_detached(content, (KSBA / "gost_test.txt.p7s").read_bytes(),
                              at=datetime(2025, 12, 1, tzinfo=UTC))
    assert not late.valid and any("не действителен на 01.12.2025" in reason for reason in late.reasons)


@pytest.mark.oracle
def test_cryptopro_sample_with_one_byte_changed_fails() -> None:
    content = bytearray(require(KSBA / "gost_test.txt").read_bytes())
    content[0] ^= 1
    (verdict,) = verify_detached(bytes(content), (KSBA / "gost_test.txt.p7s").read_bytes(), at=datetime(2025, 7, 1))
    assert not verdict.valid and any("другому файлу или файл изменён" in reason for reason in verdict.reasons)
    assert "вложенное в подпись содержимое отличается от проверяемого файла" in verdict.warnings


@pytest.mark.oracle
def test_attached_sample_checks_its_own_content_when_none_is_given() -> None:
    (verdict,) = verify_detached(None, require(KSBA / "gost_test.txt.p7s").read_bytes(), at=datetime(2025, 7, 1))
    assert verdict.valid


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["doc.xml.sig", "doc.pygost.sig", "doc.gostcrypto.sig"])
def test_generated_samples_verify(name: str) -> None:
    content = require(GENERATED / "doc.xml").read_bytes()
    (verdict,) = verify_detached(content, (GENERATED / name).read_bytes())
    assert verdict.valid, verdict.reasons
    assert verdict.signer is not None and verdict.signer.inn == "771234567890"
    (other,) = verify_detached(content + b" ", (GENERATED / name).read_bytes())
    assert not other.valid


def test_round_trip_with_a_trusted_chain(pki: fixtures.Pki) -> None:
    (verdict,) = verify_detached(CONTENT, _sign(pki.signer), trust=TrustStore((pki.root.certificate,)))
    assert verdict.valid and verdict.trusted
    assert [c.common_name for c in verdict.chain.chain] == ["Иванов Пётр Сергеевич", "Тестовый корневой УЦ"]


@pytest.mark.oracle
def test_round_trip_with_the_test_key_of_the_samples() -> None:
    key = fixtures.sample_key()
    (verdict,) = verify_detached(CONTENT, _sign(key, when=datetime.now(UTC)))
    assert verdict.valid, verdict.reasons


def test_cosignature_verifies_both_and_names_a_bad_one(pki: fixtures.Pki) -> None:
    second = fixtures.issue(fixtures.person_name("Петров Иван"), issuer=pki.root)
    both = add_cosignature(_sign(pki.signer), streebog256(CONTENT), second.certificate, second.sign_digest,
                           signing_time=AT)
    verdicts = verify_detached(CONTENT, both, at=AT, trust=TrustStore((pki.root.certificate,)))
    assert len(verdicts) == 2 and all(v.trusted for v in verdicts)
    assert {v.signer for v in verdicts} == {pki.signer.certificate, second.certificate}


def test_forged_signature_value_fails(pki: fixtures.Pki) -> None:
    der = bytearray(_sign(pki.signer))
    der[-10] ^= 0xFF  # inside the signature value, the last element of the DER
    (verdict,) = verify_detached(CONTENT, bytes(der), at=AT)
    assert not verdict.valid and any("не сходится с ключом" in reason for reason in verdict.reasons)


def test_signature_with_someone_elses_certificate_fails(pki: fixtures.Pki) -> None:
    impostor = fixtures.issue(fixtures.person_name("Самозванец"), issuer=pki.root)
    der = build_detached(streebog256(CONTENT), pki.signer.certificate, impostor.sign_digest, signing_time=AT)
    (verdict,) = verify_detached(CONTENT, der, at=AT)
    assert not verdict.valid


def test_certificate_not_valid_at_signing_time(pki: fixtures.Pki) -> None:
    der = _sign(pki.signer, when=pki.signer.certificate.not_after + timedelta(days=1))
    (verdict,) = verify_detached(CONTENT, der)
    assert not verdict.valid and any("на момент подписи" in reason for reason in verdict.reasons)


def test_chain_not_found_and_failed(pki: fixtures.Pki) -> None:
    stranger_root = fixtures.make_pki().root
    (unknown,) = verify_detached(CONTENT, _sign(pki.signer), at=AT, trust=TrustStore((stranger_root.certificate,)))
    assert unknown.valid and unknown.chain.status == "not_checked" and "не найден" in unknown.chain.reason
    # A "root" with the right name but another key: the certificate's signature does not check out.
    fake_root = fixtures.issue(fixtures.person_name("Тестовый корневой УЦ", person=False), ca=True,
                               key_id=pki.root.certificate.subject_key_identifier)
    (forged,) = verify_detached(CONTENT, _sign(pki.signer), at=AT, trust=TrustStore((fake_root.certificate,)))
    assert not forged.valid and forged.chain.status == "failed"
    assert "не проверяется ключом издателя" in forged.chain.reason


def test_issuer_that_is_not_a_ca_breaks_the_chain(pki: fixtures.Pki) -> None:
    not_ca = fixtures.issue(fixtures.person_name("Просто подписант"))
    signer = fixtures.issue(fixtures.person_name("Иванов"), issuer=not_ca)
    (verdict,) = verify_detached(CONTENT, _sign(signer), at=AT, trust=TrustStore((not_ca.certificate,)))
    assert verdict.chain.status == "failed" and "не является сертификатом УЦ" in verdict.chain.reason


def test_rsa_signature_is_refused_clearly(tmp_path: Path) -> None:
    cert_der, key = fixtures.rsa_certificate()
    cert = x509.load_der_x509_certificate(cert_der)
    der = (pkcs7.PKCS7SignatureBuilder().set_data(CONTENT).add_signer(cert, key, hashes.SHA256())
           .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature]))
    (verdict,) = verify_detached(CONTENT, der, at=AT)
    assert not verdict.valid and any("не ГОСТ" in reason for reason in verdict.reasons)


def test_detached_signature_without_content_is_an_input_error(pki: fixtures.Pki) -> None:
    with pytest.raises(SignatureFormatError, match="нужен подписанный файл"):
        verify_detached(None, _sign(pki.signer))


@pytest.mark.parametrize("data", [b"", b"garbage", b"\x30\x82\x05\x00\x06\x09"])
def test_unreadable_signature_raises(data: bytes) -> None:
    with pytest.raises(SignatureFormatError):
        verify_detached(CONTENT, data)
