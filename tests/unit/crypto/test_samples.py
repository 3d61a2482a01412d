"""Real signatures from ../shared/gost-samples, checked with this package's maths.

asn1crypto is used here only to take the CMS apart (signed attributes, signature value,
public key); the CMS layer proper is written elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import cms, core, pem, x509

from edo_app.crypto import gost3410 as gost
from edo_app.crypto.curves import get_curve
from edo_app.crypto.streebog import streebog256
from tests.oracles import GOST_SAMPLES, require

pytestmark = pytest.mark.oracle

MESSAGE_DIGEST = "1.2.840.113549.1.9.4"


class _GostKeyParams(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declaration style
        ("public_key_param_set", core.ObjectIdentifier),
        ("digest_param_set", core.ObjectIdentifier, {"optional": True}),
    ]


class _Algorithm(core.Sequence):
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", _GostKeyParams, {"optional": True})]  # noqa: RUF012


class _Spki(core.Sequence):
    _fields = [("algorithm", _Algorithm), ("public_key", core.OctetBitString)]  # noqa: RUF012


def _certificate(path: Path) -> x509.Certificate:
    data = path.read_bytes()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def _key(cert: x509.Certificate) -> tuple[str, bytes]:
    """(paramset OID, the OCTET STRING content X||Y) — asn1crypto cannot parse GOST keys itself."""
    spki = _Spki.load(cert["tbs_certificate"]["subject_public_key_info"].dump())
    octet_string = spki["public_key"].native  # the BIT STRING holds a DER OCTET STRING
    return spki["algorithm"]["parameters"]["public_key_param_set"].dotted, core.OctetString.load(octet_string).native


def _check(signature_file: Path, cert_file: Path, content_file: Path) -> None:
    signer = cms.ContentInfo.load(require(signature_file).read_bytes())["content"]["signer_infos"][0]
    attrs = signer["signed_attrs"]
    signed_der = b"\x31" + attrs.dump()[1:]  # [0] IMPLICIT -> SET OF, as the signature covers it
    message_digest = next(a["values"][0].native for a in attrs if a["type"].dotted == MESSAGE_DIGEST)
    assert message_digest == streebog256(require(content_file).read_bytes())
    oid, key = _key(_certificate(require(cert_file)))
    curve = get_curve(oid)
    signature = signer["signature"].native
    digest = streebog256(signed_der)
    assert gost.verify_digest(curve, key, digest, signature)
    # Any change of byte order must fail: this pins down the CMS conventions.
    assert not gost.verify_digest(curve, key, digest[::-1], signature)
    half = len(signature) // 2
    assert not gost.verify_digest(curve, key, digest, signature[half:] + signature[:half])
    tampered = bytearray(signed_der)
    tampered[-1] ^= 1
    assert not gost.verify_digest(curve, key, streebog256(bytes(tampered)), signature)


def test_cryptopro_signature_of_a_real_certificate() -> None:
    folder = GOST_SAMPLES / "libksba-nicesoft"
    _check(folder / "gost_test.txt.p7s", folder / "gost_test.signer-cert.pem", folder / "gost_test.txt")
    oid, _ = _key(_certificate(folder / "gost_test.signer-cert.pem"))
    assert oid == "1.2.643.2.2.36.0"  # XchA, the CryptoPro-A curve


@pytest.mark.parametrize("name", ["doc.xml.sig", "doc.pygost.sig", "doc.gostcrypto.sig"])
def test_generated_signatures(name: str) -> None:
    folder = GOST_SAMPLES / "generated-openssl-gost-engine"
    _check(folder / name, folder / "cert.der", folder / "doc.xml")


def test_openssl_test_key_matches_its_certificate_and_signs() -> None:
    folder = GOST_SAMPLES / "generated-openssl-gost-engine"
    _, _, der = pem.unarmor(require(folder / "key.pem").read_bytes())
    info = core.Sequence.load(der)
    raw = core.OctetString.load(info[2].dump()).native
    d = int.from_bytes(raw, "little")  # the gost engine stores the private key little-endian
    oid, key = _key(_certificate(folder / "cert.der"))
    curve = get_curve(oid)
    assert gost.public_key_to_octets(curve, gost.public_key(curve, d)) == key
    digest = streebog256(b"any signed attributes")
    assert gost.verify_digest(curve, key, digest, gost.sign_digest(curve, d, digest))
