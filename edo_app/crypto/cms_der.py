"""DER assembly of the CMS we write, without building asn1crypto objects for every signature.

Building a SignerInfo through asn1crypto costs about a millisecond (object trees, re-encoding,
SET OF sorting), five times the GOST signature itself; an operator that stamps two confirmations
per document pays it all day. What depends on the certificate (its ESSCertIDv2 attribute, the
issuerAndSerialNumber) is encoded once per certificate by asn1crypto and cached; the parts that
change per signature (signingTime, messageDigest, the signature) are plain TLVs. Tests pin the
bytes to the asn1crypto encoding (tests/unit/crypto/test_cms_der.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from asn1crypto import cms, core, x509

from edo_app.crypto import asn1_gost
from edo_app.crypto.certificates import Certificate
from edo_app.crypto.openssl_gost import new_hash
from edo_app.errors import CryptoError

__all__ = ["content_info", "signed_attributes", "signer_info"]

_SEQUENCE, _SET, _OCTETS, _UTC_TIME, _GENERAL_TIME = 0x30, 0x31, 0x04, 0x17, 0x18
_SIGNED_ATTRS_TAG, _EXPLICIT_0 = 0xA0, 0xA0


def tlv(tag: int, value: bytes) -> bytes:
    """One DER element: tag, definite length (short or long form), value."""
    size = len(value)
    if size < 0x80:
        return bytes((tag, size)) + value
    octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(octets))) + octets + value


def der_set(items: Iterable[bytes]) -> bytes:
    """SET OF in DER order: the encodings sorted as octet strings (X.690 11.6)."""
    return tlv(_SET, b"".join(sorted(items)))


def _dump(value: Any) -> bytes:
    return bytes(value.dump())


def _attribute(oid_der: bytes, value_der: bytes) -> bytes:
    return tlv(_SEQUENCE, oid_der + tlv(_SET, value_der))


_OID = {name: _dump(core.ObjectIdentifier(oid)) for name, oid in (
    ("content_type", "1.2.840.113549.1.9.3"), ("message_digest", "1.2.840.113549.1.9.4"),
    ("signing_time", "1.2.840.113549.1.9.5"), ("data", "1.2.840.113549.1.7.1"),
    ("signed_data", "1.2.840.113549.1.7.2"))}
_CONTENT_TYPE_ATTR = _attribute(_OID["content_type"], _OID["data"])
_VERSION_1 = _dump(core.Integer(1))


@lru_cache(maxsize=64)
def _algorithm(oid: str) -> bytes:
    """AlgorithmIdentifier with absent parameters, as the GOST profiles write it."""
    return tlv(_SEQUENCE, _dump(core.ObjectIdentifier(oid)))


@lru_cache(maxsize=64)
def _certificate_parts(der: bytes) -> tuple[bytes, bytes]:
    """(the signingCertificateV2 attribute, issuerAndSerialNumber) of a certificate, encoded once."""
    certificate = Certificate(der)
    cert_id = asn1_gost.ess_cert_id(new_hash(32, der).digest(), certificate.issuer_der, certificate.serial_number)
    ess = asn1_gost.SigningCertificateV2({"certs": [cert_id]})
    attribute = _attribute(_dump(core.ObjectIdentifier(asn1_gost.SIGNING_CERTIFICATE_V2)), _dump(ess))
    sid = cms.IssuerAndSerialNumber({"issuer": x509.Name.load(certificate.issuer_der),
                                     "serial_number": certificate.serial_number})
    return attribute, _dump(sid)


def _time(moment: datetime) -> bytes:
    """signingTime: UTCTime up to 2049 (RFC 5652 section 11.3), whole seconds, UTC."""
    if moment.tzinfo is None:
        raise CryptoError("Время подписи должно быть с часовым поясом")
    moment = moment.astimezone(UTC)
    if 1950 <= moment.year < 2050:
        return tlv(_UTC_TIME, moment.strftime("%y%m%d%H%M%SZ").encode("ascii"))
    return tlv(_GENERAL_TIME, f"{moment.year:04d}{moment.strftime('%m%d%H%M%S')}Z".encode("ascii"))


def signed_attributes(content_digest: bytes, certificate: Certificate, signing_time: datetime) -> bytes:
    """The DER SET OF signed attributes (the bytes whose Streebog digest is signed)."""
    signing_certificate, _ = _certificate_parts(certificate.der)
    return der_set((
        _CONTENT_TYPE_ATTR,
        _attribute(_OID["signing_time"], _time(signing_time)),
        _attribute(_OID["message_digest"], tlv(_OCTETS, content_digest)),
        signing_certificate,
    ))


def signer_info(certificate: Certificate, attributes_der: bytes, signature: bytes, size: int) -> bytes:
    """SignerInfo v1 with issuerAndSerialNumber; ``attributes_der`` is the signed SET OF."""
    _, sid = _certificate_parts(certificate.der)
    signed_attrs = bytes((_SIGNED_ATTRS_TAG,)) + attributes_der[1:]  # [0] IMPLICIT: only the tag differs
    return tlv(_SEQUENCE, b"".join((
        _VERSION_1, sid, _algorithm(asn1_gost.DIGEST_OIDS[size]), signed_attrs,
        _algorithm(asn1_gost.KEY_OIDS[size]), tlv(_OCTETS, signature))))


def content_info(certificates: list[bytes], signers: list[bytes], sizes: list[int], content: bytes | None) -> bytes:
    """ContentInfo { signedData } around SignerInfos (DER each) and certificates (DER each)."""
    encap = _OID["data"] + (tlv(_EXPLICIT_0, tlv(_OCTETS, content)) if content is not None else b"")
    signed = tlv(_SEQUENCE, b"".join((
        _VERSION_1,
        der_set(_algorithm(asn1_gost.DIGEST_OIDS[size]) for size in set(sizes)),
        tlv(_SEQUENCE, encap),
        bytes((_EXPLICIT_0,)) + der_set(certificates)[1:],  # certificates [0] IMPLICIT SET OF
        der_set(signers),
    )))
    return tlv(_SEQUENCE, _OID["signed_data"] + tlv(_EXPLICIT_0, signed))
