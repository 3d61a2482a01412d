"""Certificates: КЭП fields of a real CryptoPro certificate, an OpenSSL one, our test PKI, bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from edo_app.crypto.certificates import Certificate, CertificateError, load_certificate
from edo_app.crypto.curves import CRYPTOPRO_A, TC26_512_A
from edo_app.errors import InputError
from tests.oracles import GOST_SAMPLES, require
from tests.unit.crypto import fixtures

CRYPTOPRO_CERT = GOST_SAMPLES / "libksba-nicesoft" / "gost_test.signer-cert.pem"
OPENSSL_CERT = GOST_SAMPLES / "generated-openssl-gost-engine" / "cert.pem"


@pytest.mark.oracle
def test_real_cryptopro_certificate_fields() -> None:
    cert = load_certificate(require(CRYPTOPRO_CERT).read_bytes())
    assert cert.inn == "615509077872"
    assert cert.inn_le == "5024245440"
    assert cert.ogrn == "1245000085846"
    assert cert.snils is not None and len(cert.snils) == 11
    assert cert.owner_name == "БЕЛИКОВ СТАНИСЛАВ СЕРГЕЕВИЧ"
    assert cert.title == "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР"
    assert cert.organization == cert.common_name == 'ООО "НАЙС СОФТ"'
    assert cert.serial_hex == "02F4A7C700BFB1BBB24004196617A31FC1"
    assert cert.issuer_common_name == "Федеральная налоговая служба"
    assert cert.protection_classes == ("КС1", "КС2", "КС3")
    assert cert.subject_sign_tool is not None and "КриптоПро CSP" in cert.subject_sign_tool
    assert any("КриптоПро УЦ" in line for line in cert.issuer_sign_tool)
    assert cert.not_after == datetime(2025, 11, 1, 12, 6, 56, tzinfo=UTC)
    assert cert.valid_at(datetime(2025, 6, 24, 9, 0, tzinfo=UTC))
    assert not cert.valid_at(datetime(2025, 11, 2, tzinfo=UTC))
    assert "digital_signature" in cert.key_usage and "content_commitment" in cert.key_usage
    assert "1.3.6.1.5.5.7.3.4" in cert.extended_key_usage
    assert cert.is_gost and not cert.is_ca
    assert cert.key_param_set == "1.2.643.2.2.36.0" and cert.curve is CRYPTOPRO_A
    assert len(cert.public_key_octets) == 64
    assert "ИНН ЮЛ: 5024245440" in cert.describe()


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["cert.pem", "cert.der"])
def test_openssl_certificate_fields(name: str) -> None:
    cert = load_certificate(require(OPENSSL_CERT.with_name(name)).read_bytes())
    assert (cert.inn, cert.inn_le, cert.ogrn, cert.snils) == ("771234567890", "7712345678", "1027700000000",
                                                              "12345678901")
    assert cert.surname == "Тестов" and cert.given_name == "Тест Тестович"
    assert cert.protection_classes == ("КС1", "КС2")
    assert cert.subject_sign_tool == "КриптоПро CSP (версия 5.0)"
    assert cert.is_gost


def test_generated_certificates_and_512_bit_keys() -> None:
    pki = fixtures.make_pki(TC26_512_A)
    cert = pki.signer.certificate
    assert cert.curve is TC26_512_A and len(cert.public_key_octets) == 128
    assert cert.inn == fixtures.INN_PERSON and cert.owner_name == "Иванов Пётр Сергеевич"
    assert pki.root.certificate.is_ca
    assert cert.authority_key_identifier == pki.root.certificate.subject_key_identifier


def test_pem_with_text_around_and_der_give_the_same_certificate() -> None:
    der = fixtures.make_pki().signer.certificate.der
    pem = x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)
    assert load_certificate(b"Bag Attributes\n  friendlyName: x\n" + pem + b"trailer\n").der == der


def test_rsa_certificate_parses_but_is_refused_for_gost() -> None:
    cert = load_certificate(fixtures.rsa_certificate()[0])
    assert cert.common_name == "Not GOST" and not cert.is_gost
    with pytest.raises(CertificateError, match="не ГОСТ"):
        cert.require_gost()
    assert "Ключ не ГОСТ" in cert.describe()


@pytest.mark.parametrize("data", [b"", b"garbage", b"\x30\x82\x01\x00\x02", b"-----BEGIN CERTIFICATE-----\nzz\n"])
def test_bad_input_is_a_russian_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        load_certificate(data)
    assert any("а" <= ch <= "я" for ch in str(info.value))


def test_certificate_from_garbage_der_fails_early() -> None:
    with pytest.raises(CertificateError, match="не является сертификатом"):
        Certificate(b"\x30\x03\x02\x01\x01")


def test_unknown_parameter_set_is_named() -> None:
    der = fixtures.make_pki().signer.certificate.der
    known = bytes.fromhex("06072a850302022301")  # OID 1.2.643.2.2.35.1 (CryptoPro-A)
    assert der.count(known) == 1
    cert = Certificate(der.replace(known, bytes.fromhex("06072a850302022309")))
    assert cert.is_gost
    with pytest.raises(InputError, match=r"Неизвестный набор параметров ГОСТ Р 34\.10: 1\.2\.643\.2\.2\.35\.9"):
        _ = cert.curve
