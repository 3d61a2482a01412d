"""Building and reading CAdES-BES SignedData: structure, co-signatures, input forms, bad input."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest
from asn1crypto import cms as acms

from edo_app.crypto import asn1_gost
from edo_app.crypto.cms import SignatureFormatError, add_cosignature, build_detached, parse_signed_data
from edo_app.crypto.curves import TC26_512_A
from edo_app.crypto.streebog import streebog256, streebog512
from edo_app.errors import CryptoError, InputError
from tests.oracles import GOST_SAMPLES, require
from tests.unit.crypto import fixtures

CONTENT = "Счёт-фактура №1".encode()
SIGNED_AT = datetime(2026, 6, 1, 15, 30, 45, 123456, tzinfo=timezone(timedelta(hours=3)))


@pytest.fixture(scope="module")
def pki() -> fixtures.Pki:
    return fixtures.make_pki()


def _sign(key: fixtures.TestKey, content: bytes = CONTENT) -> bytes:
    digest = streebog256(content) if key.curve.size == 32 else streebog512(content)
    return build_detached(digest, key.certificate, key.sign_digest, signing_time=SIGNED_AT)


def test_detached_signature_has_the_cryptopro_structure(pki: fixtures.Pki) -> None:
    der = _sign(pki.signer)
    signed = acms.ContentInfo.load(der)["content"]
    assert signed["version"].native == "v1"
    assert [a["algorithm"].dotted for a in signed["digest_algorithms"]] == [asn1_gost.DIGEST_256]
    assert signed["encap_content_info"]["content"].native is None
    assert signed["encap_content_info"]["content_type"].dotted == asn1_gost.ID_DATA
    assert [c.chosen.dump() for c in signed["certificates"]] == [pki.signer.certificate.der]
    signer = signed["signer_infos"][0]
    assert signer["sid"].name == "issuer_and_serial_number"
    assert signer["signature_algorithm"]["algorithm"].dotted == asn1_gost.KEY_256
    types = [a["type"].dotted for a in signer["signed_attrs"]]
    assert types == [asn1_gost.CONTENT_TYPE, asn1_gost.SIGNING_TIME, asn1_gost.MESSAGE_DIGEST,
                     asn1_gost.SIGNING_CERTIFICATE_V2]  # DER order of the SET OF
    time_attr = signer["signed_attrs"][1]["values"][0]
    assert time_attr.name == "utc_time"
    assert signed["signer_infos"].dump() == signed["signer_infos"].dump(force=True)  # canonical DER


def test_parse_gives_the_signed_values(pki: fixtures.Pki) -> None:
    info = parse_signed_data(_sign(pki.signer))
    assert info.detached and info.content is None
    (signer,) = info.signers
    assert signer.certificate == pki.signer.certificate
    assert signer.message_digest == streebog256(CONTENT)
    assert signer.signing_time == datetime(2026, 6, 1, 12, 30, 45, tzinfo=UTC)  # UTC, whole seconds
    assert signer.certificate_hashes == ((asn1_gost.DIGEST_256, streebog256(pki.signer.certificate.der)),)
    assert signer.signed_attrs_der is not None and signer.signed_attrs_der[0] == 0x31
    assert len(signer.signature) == 64
    assert signer.serial_number == pki.signer.certificate.serial_number


def test_512_bit_keys_use_streebog_512() -> None:
    key = fixtures.make_pki(TC26_512_A).signer
    signer = parse_signed_data(_sign(key)).signers[0]
    assert signer.digest_algorithm == asn1_gost.DIGEST_512
    assert signer.signature_algorithm == asn1_gost.KEY_512
    assert len(signer.signature) == 128 and signer.message_digest == streebog512(CONTENT)


def test_cosignature_keeps_the_first_and_merges_certificates(pki: fixtures.Pki) -> None:
    second = fixtures.issue(fixtures.person_name("Петров Иван"), issuer=pki.root)
    first_der = _sign(pki.signer)
    both = add_cosignature(first_der, streebog256(CONTENT), second.certificate, second.sign_digest,
                           signing_time=SIGNED_AT)
    info = parse_signed_data(both)
    # SignerInfos is a DER SET OF: sorted by encoding, so the order is not the signing order.
    assert {s.certificate for s in info.signers} == {pki.signer.certificate, second.certificate}
    assert parse_signed_data(first_der).signers[0].signature in {s.signature for s in info.signers}
    assert len(info.certificates) == 2 and info.digest_algorithms == (asn1_gost.DIGEST_256,)
    again = add_cosignature(both, streebog256(CONTENT), second.certificate, second.sign_digest,
                            signing_time=SIGNED_AT)
    assert len(parse_signed_data(again).certificates) == 2


def test_cosignature_of_another_file_is_refused(pki: fixtures.Pki) -> None:
    with pytest.raises(SignatureFormatError, match="другому файлу"):
        add_cosignature(_sign(pki.signer), streebog256(b"other"), pki.signer.certificate, pki.signer.sign_digest,
                        signing_time=SIGNED_AT)


def test_signing_refuses_wrong_digest_and_bad_provider_output(pki: fixtures.Pki) -> None:
    cert = pki.signer.certificate
    with pytest.raises(CryptoError, match="32 байт"):
        build_detached(b"short", cert, pki.signer.sign_digest, signing_time=SIGNED_AT)
    with pytest.raises(CryptoError, match="512 бит"):
        build_detached(streebog256(CONTENT), cert, pki.signer.sign_digest, signing_time=SIGNED_AT, digest_size=64)
    with pytest.raises(CryptoError, match="неверной длины"):
        build_detached(streebog256(CONTENT), cert, lambda _digest: b"x", signing_time=SIGNED_AT)
    with pytest.raises(CryptoError, match="часовым поясом"):
        build_detached(streebog256(CONTENT), cert, pki.signer.sign_digest, signing_time=datetime(2026, 1, 1))


def test_pem_and_base64_forms_are_accepted(pki: fixtures.Pki) -> None:
    der = _sign(pki.signer)
    body = base64.encodebytes(der)
    for label in (b"PKCS7", b"CMS"):
        pem = b"junk before\n-----BEGIN " + label + b"-----\n" + body + b"-----END " + label + b"-----\n"
        assert parse_signed_data(pem).signers[0].signature == parse_signed_data(der).signers[0].signature
    assert parse_signed_data(body).signers[0].certificate == pki.signer.certificate


@pytest.mark.oracle
def test_cryptopro_attached_sample_is_read() -> None:
    folder = GOST_SAMPLES / "libksba-nicesoft"
    info = parse_signed_data(require(folder / "gost_test.txt.p7s").read_bytes())
    assert not info.detached and info.content == (folder / "gost_test.txt").read_bytes()
    assert info.signers[0].certificate is not None and info.signers[0].certificate.inn == "615509077872"


def _truncated(pki: fixtures.Pki) -> bytes:
    return _sign(pki.signer)[:300]


@pytest.mark.parametrize("data", [
    b"", b"   \n", b"garbage that is not CMS", b"\x30\x03\x02\x01\x01", b"\x30\x82\xff\xff\x06",
    b"-----BEGIN PKCS7-----\n!!!junk!!!\n-----END PKCS7-----\n",
    b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
])
def test_garbage_is_a_russian_signature_format_error(data: bytes) -> None:
    with pytest.raises(SignatureFormatError) as info:
        parse_signed_data(data)
    assert isinstance(info.value, InputError) and isinstance(info.value, CryptoError)
    assert any("а" <= ch <= "я" for ch in info.value.message)


def test_truncated_and_non_signed_data_are_refused(pki: fixtures.Pki) -> None:
    with pytest.raises(SignatureFormatError, match="повреждена или обрезана"):
        parse_signed_data(_truncated(pki))
    data_only = acms.ContentInfo({"content_type": "data", "content": b"x"}).dump()
    with pytest.raises(SignatureFormatError, match="не подписанные данные"):
        parse_signed_data(data_only)


def test_ber_indefinite_length_is_accepted(pki: fixtures.Pki) -> None:
    der = _sign(pki.signer)
    assert der[:2] == b"\x30\x82"
    ber = b"\x30\x80" + der[4:] + b"\x00\x00"  # the outer ContentInfo with an indefinite length
    assert parse_signed_data(ber).signers[0].signature == parse_signed_data(der).signers[0].signature


def test_repeated_message_digest_is_refused(pki: fixtures.Pki) -> None:
    signed = acms.ContentInfo.load(_sign(pki.signer))
    attrs = signed["content"]["signer_infos"][0]["signed_attrs"]
    attrs.append(acms.CMSAttribute({"type": "message_digest", "values": [streebog256(b"other")]}))
    signed["content"]["certificates"] = None  # asn1crypto cannot re-encode GOST certificates
    with pytest.raises(SignatureFormatError, match="повторяется"):
        parse_signed_data(signed.dump(force=True))
