"""The hand-assembled CMS (crypto/cms_der.py) is byte for byte what asn1crypto encodes.

The reference below builds the same structures as asn1crypto objects, the way cms.py did
before the DER assembly; the signature function is deterministic here (a fixed s||r), so the
two encodings of the same signature can be compared whole.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from asn1crypto import cms, core, x509

from edo_app.crypto import asn1_gost
from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms import add_cosignature, build_detached, parse_signed_data
from edo_app.crypto.cms_der import der_set, signed_attributes, tlv
from edo_app.crypto.curves import CRYPTOPRO_A, TC26_512_A
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.verify import verify_detached
from tests.unit.crypto import fixtures
from tests.unit.crypto.fixtures import issue, make_pki, person_name


def _reference_attributes(digest: bytes, certificate: Certificate, moment: datetime) -> bytes:
    cert_id = asn1_gost.ess_cert_id(new_hash(32, certificate.der).digest(), certificate.issuer_der,
                                    certificate.serial_number)
    ess = asn1_gost.SigningCertificateV2({"certs": [cert_id]})
    moment = moment.astimezone(UTC).replace(microsecond=0)
    when = cms.Time({"utc_time": moment} if 1950 <= moment.year < 2050 else {"generalized_time": moment})
    attributes: Any = cms.CMSAttributes([
        {"type": "content_type", "values": ["data"]},
        {"type": "signing_time", "values": [when]},
        {"type": "message_digest", "values": [digest]},
        {"type": asn1_gost.SIGNING_CERTIFICATE_V2, "values": [core.Any.load(ess.dump())]},
    ])
    return bytes(attributes.dump())


def _reference(digest: bytes, certificate: Certificate, moment: datetime, signature: bytes, size: int) -> bytes:
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier(name="issuer_and_serial_number", value={
            "issuer": x509.Name.load(certificate.issuer_der), "serial_number": certificate.serial_number}),
        "digest_algorithm": {"algorithm": asn1_gost.DIGEST_OIDS[size]},
        "signed_attrs": cms.CMSAttributes.load(_reference_attributes(digest, certificate, moment)),
        "signature_algorithm": {"algorithm": asn1_gost.KEY_OIDS[size]},
        "signature": signature,
    })
    signed = cms.SignedData({
        "version": "v1", "digest_algorithms": [{"algorithm": asn1_gost.DIGEST_OIDS[size]}],
        "encap_content_info": {"content_type": "data"},
        "certificates": [cms.CertificateChoices(name="certificate", value=x509.Certificate.load(certificate.der))],
        "signer_infos": [signer],
    })
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())


@pytest.fixture(scope="module", params=[CRYPTOPRO_A, TC26_512_A], ids=["256", "512"])
def key(request: pytest.FixtureRequest) -> fixtures.TestKey:
    return make_pki().signer if request.param is CRYPTOPRO_A else issue(person_name("Петров Иван"), request.param)


@pytest.mark.parametrize("moment", [
    datetime(2025, 6, 24, 9, 30, 15, 123456, tzinfo=UTC),
    datetime(2049, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(2050, 1, 1, 0, 0, 0, tzinfo=UTC),  # GeneralizedTime from 2050 on
    datetime(1999, 3, 1, 12, 0, 0, tzinfo=UTC),
])
def test_the_assembled_signature_equals_the_asn1crypto_encoding(key: fixtures.TestKey, moment: datetime) -> None:
    size = key.certificate.curve.size
    digest = new_hash(size, b"document").digest()
    fixed = bytes(range(2 * size))
    assembled = build_detached(digest, key.certificate, lambda _: fixed, signing_time=moment)
    assert assembled == _reference(digest, key.certificate, moment, fixed, size)
    assert signed_attributes(digest, key.certificate, moment) == _reference_attributes(digest, key.certificate,
                                                                                       moment)


def test_a_cosignature_keeps_the_first_signer_and_both_verify(key: fixtures.TestKey) -> None:
    other = make_pki().signer
    first = build_detached(new_hash(32, b"document").digest(), other.certificate, other.sign_digest,
                           signing_time=datetime.now(UTC))
    size = key.certificate.curve.size
    both = add_cosignature(first, new_hash(size, b"document").digest(), key.certificate, key.sign_digest,
                           signing_time=datetime.now(UTC))
    assert len(parse_signed_data(both).certificates) == 2
    assert [v.valid for v in verify_detached(b"document", both)] == [True, True]


def test_long_lengths_and_set_order() -> None:
    assert tlv(0x04, b"\x00" * 127)[:2] == b"\x04\x7f"
    assert tlv(0x04, b"\x00" * 128)[:3] == b"\x04\x81\x80"
    assert tlv(0x04, b"\x00" * 70000)[:5] == b"\x04\x83\x01\x11\x70"
    assert der_set([b"\x02\x01\x05", b"\x02\x01\x01"]) == b"\x31\x06\x02\x01\x01\x02\x01\x05"
