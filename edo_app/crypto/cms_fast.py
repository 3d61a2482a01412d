"""CMS SignedData read in one pass over plain DER, for the signatures that arrive all day.

asn1crypto builds an object per element and a parser per access: about 0.2 ms a signature, more
than the GOST verification itself, eight times per exchanged document. Signatures written by this
project, CryptoPro and the operator are plain DER, and this reader walks them once (der.py).
It answers only when it is sure: any form it does not take on (BER, unusual times, repeated
checked attributes, an unexpected tag) gives None and cms_parse reads the input with asn1crypto,
which then produces the value or the error. Tests hold both readers to the same answers
(tests/unit/crypto/test_cms_fast.py).
"""

from __future__ import annotations

from typing import Any, Final

from edo_app.crypto import asn1_gost
from edo_app.crypto import der as d
from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms_types import SignedDataInfo, SignerData, cached_certificate, find_certificate

__all__ = ["read_signed_data"]

_IMPLICIT_0, _IMPLICIT_1, _KEY_ID = 0xA0, 0xA1, 0x80
_SHA256: Final = "2.16.840.1.101.3.4.2.1"
_CHECKED: Final = {asn1_gost.CONTENT_TYPE: "content_type", asn1_gost.MESSAGE_DIGEST: "message_digest",
                   asn1_gost.SIGNING_TIME: "signing_time", asn1_gost.SIGNING_CERTIFICATE_V2: "hashes"}


def read_signed_data(data: bytes) -> SignedDataInfo | None:
    """The SignedData of a plain-DER ContentInfo, or None to leave the input to asn1crypto."""
    try:
        top = d.expect(d.element(data, 0, len(data)), d.SEQUENCE)
        if top.end != len(data):
            return None
        content_type, wrapper = d.children(data, top)
        if d.oid(data, content_type) != asn1_gost.ID_SIGNED_DATA:
            return None
        (signed,) = d.children(data, d.expect(wrapper, _IMPLICIT_0))
        return _signed_data(data, d.children(data, d.expect(signed, d.SEQUENCE)))
    except (d.NotPlainDer, ValueError, IndexError):  # a structure of the wrong size when unpacked
        return None


def _signed_data(data: bytes, fields: list[d.Element]) -> SignedDataInfo | None:
    version, algorithms, encap, *rest = fields
    d.integer(data, version)
    certificates: tuple[Certificate, ...] = ()
    if rest and rest[0].tag == _IMPLICIT_0:
        certificates = tuple(cached_certificate(d.expect(item, d.SEQUENCE).whole(data))  # other choices: rare
                             for item in d.children(data, rest.pop(0)))
    if rest and rest[0].tag == _IMPLICIT_1:  # CRLs: not used in EDO
        rest.pop(0)
    (signer_infos,) = rest
    signers = tuple(_signer(data, d.children(data, d.expect(item, d.SEQUENCE)), certificates)
                    for item in d.children(data, d.expect(signer_infos, d.SET)))
    content_type, content = _encapsulated(data, d.children(data, d.expect(encap, d.SEQUENCE)))
    if not signers:
        return None
    return SignedDataInfo(signers=signers, certificates=certificates, content=content, content_type=content_type,
                          digest_algorithms=tuple(_algorithm(data, item)
                                                  for item in d.children(data, d.expect(algorithms, d.SET))))


def _encapsulated(data: bytes, fields: list[d.Element]) -> tuple[str, bytes | None]:
    content_type, *rest = fields
    if not rest:
        return d.oid(data, content_type), None
    (wrapper,) = rest
    (octets,) = d.children(data, d.expect(wrapper, _IMPLICIT_0))
    return d.oid(data, content_type), d.octets(data, octets)


def _algorithm(data: bytes, item: d.Element) -> str:
    """An AlgorithmIdentifier without parameters or with NULL ones, as GOST and SHA-2 are written."""
    algorithm, *parameters = d.children(data, d.expect(item, d.SEQUENCE))
    if parameters and (len(parameters) > 1 or parameters[0].whole(data) != b"\x05\x00"):
        raise d.NotPlainDer("algorithm parameters")
    return d.oid(data, algorithm)


def _signer(data: bytes, fields: list[d.Element], certificates: tuple[Certificate, ...]) -> SignerData:
    version, sid, digest, *rest = fields
    d.integer(data, version)
    issuer_der, serial, key_id = _sid(data, sid)
    attributes: dict[str, Any] = {}
    if rest and rest[0].tag == _IMPLICIT_0:
        signed = rest.pop(0)
        attributes = _attributes(data, signed)
        attributes["_der"] = b"\x31" + signed.whole(data)[1:]
    signature_algorithm, signature, *unsigned = rest
    if unsigned and (len(unsigned) > 1 or unsigned[0].tag != _IMPLICIT_1):
        raise d.NotPlainDer("unexpected SignerInfo field")
    return SignerData(
        issuer_der=issuer_der, serial_number=serial, key_identifier=key_id,
        digest_algorithm=_algorithm(data, digest), signature_algorithm=_algorithm(data, signature_algorithm),
        signed_attrs_der=attributes.get("_der"), content_type=attributes.get("content_type"),
        message_digest=attributes.get("message_digest"), signing_time=attributes.get("signing_time"),
        certificate_hashes=tuple(attributes.get("hashes", ())), signature=d.octets(data, signature),
        certificate=find_certificate(certificates, issuer_der, serial, key_id),
    )


def _sid(data: bytes, sid: d.Element) -> tuple[bytes | None, int | None, bytes | None]:
    if sid.tag == _KEY_ID:
        return None, None, sid.value(data)
    issuer, serial = d.children(data, d.expect(sid, d.SEQUENCE))
    return d.expect(issuer, d.SEQUENCE).whole(data), d.integer(data, serial), None


def _attributes(data: bytes, signed: d.Element) -> dict[str, Any]:
    """The checked attributes by short name. Only they may appear, each once with one value: other
    attributes have their own ASN.1 types, which asn1crypto knows and reads."""
    found: dict[str, Any] = {}
    for attribute in d.children(data, signed):
        kind, values = d.children(data, d.expect(attribute, d.SEQUENCE))
        items = d.children(data, d.expect(values, d.SET))
        name = _CHECKED.get(d.oid(data, kind))
        if name is None or name in found or len(items) != 1:
            raise d.NotPlainDer("another attribute, or a checked one repeated")
        found[name] = _attribute_value(data, name, items[0])
    return found


def _attribute_value(data: bytes, name: str, value: d.Element) -> Any:
    if name == "content_type":
        return d.oid(data, value)
    if name == "message_digest":
        return d.octets(data, value)
    if name == "signing_time":
        return d.time(data, value)
    return _certificate_hashes(data, value)


def _certificate_hashes(data: bytes, value: d.Element) -> list[tuple[str, bytes]]:
    """signingCertificateV2: (hash OID, certHash) of each ESSCertIDv2; SHA-256 when the OID is left out."""
    certs, *policies = d.children(data, d.expect(value, d.SEQUENCE))
    if policies and (len(policies) > 1 or policies[0].tag != d.SEQUENCE):
        raise d.NotPlainDer("signingCertificateV2 policies")
    return [_cert_id(data, d.children(data, d.expect(item, d.SEQUENCE)))
            for item in d.children(data, d.expect(certs, d.SEQUENCE))]


def _cert_id(data: bytes, fields: list[d.Element]) -> tuple[str, bytes]:
    """ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL }"""
    algorithm = _algorithm(data, fields.pop(0)) if fields and fields[0].tag == d.SEQUENCE else _SHA256
    cert_hash, *issuer_serial = fields
    if issuer_serial and (len(issuer_serial) > 1 or issuer_serial[0].tag != d.SEQUENCE):
        raise d.NotPlainDer("ESSCertIDv2 issuerSerial")
    return algorithm, d.octets(data, cert_hash)
