"""A self-signed GOST certificate and a clear PKCS#8 key for a program's own identity.

The reference operator signs its ПДП/ПДО with a key it generates on first start. That signature
is not a qualified one (no accredited УЦ issued the certificate): it proves which operator
installation formed a confirmation, which is what the tests and a closed office network need.

The certificate is written with asn1crypto and signed with edo_app's own GOST maths (Streebog of
the TBS, s||r in the BIT STRING); the key is PKCS#8 PrivateKeyInfo with the scalar little-endian
in the OCTET STRING, the gost engine's layout, so ``keys.load_private_key`` and OpenSSL read it.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from asn1crypto import core, pem, x509

from edo_app.crypto import asn1_gost
from edo_app.crypto import gost3410 as gost
from edo_app.crypto.certificates import Certificate
from edo_app.crypto.curves import Curve
from edo_app.crypto.streebog import Streebog

__all__ = ["organisation_name", "private_key_pem", "self_signed"]

_DIGEST_PARAMSET = {32: asn1_gost.DIGEST_256, 64: asn1_gost.DIGEST_512}
_INN_LE_OID = "1.2.643.100.4"


class _PrivateKeyInfo(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [  # noqa: RUF012 - asn1crypto's declaration style
        ("version", core.Integer),
        ("algorithm", asn1_gost.GostKeyAlgorithm),
        ("private_key", core.OctetString),
    ]


def _params(curve: Curve) -> Any:
    params = asn1_gost.GostKeyParams({"public_key_param_set": curve.oid,
                                      "digest_param_set": _DIGEST_PARAMSET[curve.size]})
    return core.Any.load(params.dump())


def organisation_name(name: str, inn: str) -> Any:
    """An x509 Name of an organisation: CN and O = ``name``, C = RU, ИННЮЛ = ``inn``."""
    def rdn(oid: str, value: Any) -> Any:
        return x509.RelativeDistinguishedName([{"type": oid, "value": value}])

    text = x509.DirectoryString(name="utf8_string", value=name)
    rdns = [rdn("2.5.4.3", text), rdn("2.5.4.6", x509.DirectoryString(name="printable_string", value="RU")),
            rdn("2.5.4.10", text), rdn(_INN_LE_OID, core.NumericString(inn))]
    return x509.Name(name="", value=x509.RDNSequence(rdns))


def _spki(curve: Curve, private: int) -> Any:
    octets = core.OctetString(gost.public_key_to_octets(curve, gost.public_key(curve, private))).dump()
    spki = asn1_gost.GostSpki({"algorithm": {"algorithm": asn1_gost.KEY_OIDS[curve.size], "parameters": _params(curve)},
                               "public_key": octets})
    return x509.PublicKeyInfo.load(spki.dump())  # asn1crypto cannot build a GOST key: load our bytes


def self_signed(subject: Any, curve: Curve, private: int, not_before: datetime, not_after: datetime) -> Certificate:
    """A self-signed end-entity certificate (digitalSignature, nonRepudiation) for ``private``."""
    public = gost.public_key_to_octets(curve, gost.public_key(curve, private))
    extensions = [
        {"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": False}},
        {"extn_id": "key_usage", "critical": True, "extn_value": {"digital_signature", "non_repudiation"}},
        {"extn_id": "key_identifier", "critical": False, "extn_value": Streebog(32, public).digest()[:20]},
    ]
    tbs = x509.TbsCertificate({
        "version": "v3", "serial_number": secrets.randbits(120),
        "signature": {"algorithm": asn1_gost.SIGNATURE_OIDS[curve.size]},
        "issuer": subject, "subject": subject,
        "validity": {"not_before": x509.Time(name="utc_time", value=not_before),
                     "not_after": x509.Time(name="utc_time", value=not_after)},
        "subject_public_key_info": _spki(curve, private), "extensions": extensions,
    })
    signature = gost.sign_digest(curve, private, Streebog(curve.size, tbs.dump()).digest())
    der = x509.Certificate({"tbs_certificate": tbs, "signature_algorithm": {"algorithm": asn1_gost.SIGNATURE_OIDS[
        curve.size]}, "signature_value": signature}).dump()
    return Certificate(der)


def private_key_pem(curve: Curve, private: int) -> bytes:
    """The key as clear PKCS#8 PEM (``BEGIN PRIVATE KEY``); protect the file it goes into."""
    info = _PrivateKeyInfo({
        "version": 0,
        "algorithm": {"algorithm": asn1_gost.KEY_OIDS[curve.size], "parameters": _params(curve)},
        "private_key": private.to_bytes(curve.size, "little"),
    })
    return bytes(pem.armor("PRIVATE KEY", info.dump()))
