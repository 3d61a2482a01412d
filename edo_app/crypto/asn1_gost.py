"""ASN.1 structures asn1crypto lacks for GOST CMS, and the OIDs used by the CMS layer.

asn1crypto 1.5 cannot parse a GOST SubjectPublicKeyInfo (its key parser raises KeyError
on 1.2.643.7.1.1.1.1) and has no ESS signingCertificateV2 (RFC 5035). Both are declared
here. asn1crypto is untyped: every value it returns is ``Any``, so this module is the only
place that converts them to plain typed Python (bytes, str, int).
"""

from __future__ import annotations

from typing import Any, Final, NamedTuple

from asn1crypto import core, pem, x509

from edo_app.errors import InputError

# Key / signature / digest OIDs of GOST R 34.10-2012 and 34.11-2012 (RFC 9215).
KEY_256: Final = "1.2.643.7.1.1.1.1"
KEY_512: Final = "1.2.643.7.1.1.1.2"
DIGEST_256: Final = "1.2.643.7.1.1.2.2"
DIGEST_512: Final = "1.2.643.7.1.1.2.3"
SIGNATURE_256: Final = "1.2.643.7.1.1.3.2"
SIGNATURE_512: Final = "1.2.643.7.1.1.3.3"
#: GOST R 34.10-2001 (GOST R 34.11-94 hash): recognised, not supported.
KEY_2001: Final = "1.2.643.2.2.19"

#: digest OID -> Streebog digest size in bytes
DIGEST_SIZES: Final = {DIGEST_256: 32, DIGEST_512: 64}
#: signature or key OID (CryptoPro writes the key OID as SignerInfo.signatureAlgorithm) -> digest size
SIGNATURE_DIGEST_SIZES: Final = {SIGNATURE_256: 32, SIGNATURE_512: 64, KEY_256: 32, KEY_512: 64}
KEY_OIDS: Final = {32: KEY_256, 64: KEY_512}
DIGEST_OIDS: Final = {32: DIGEST_256, 64: DIGEST_512}
SIGNATURE_OIDS: Final = {32: SIGNATURE_256, 64: SIGNATURE_512}

# CMS / ESS attribute OIDs
ID_DATA: Final = "1.2.840.113549.1.7.1"
ID_SIGNED_DATA: Final = "1.2.840.113549.1.7.2"
CONTENT_TYPE: Final = "1.2.840.113549.1.9.3"
MESSAGE_DIGEST: Final = "1.2.840.113549.1.9.4"
SIGNING_TIME: Final = "1.2.840.113549.1.9.5"
SIGNING_CERTIFICATE_V2: Final = "1.2.840.113549.1.9.16.2.47"


class GostKeyParams(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    """GostR3410-2012-PublicKeyParameters (RFC 9215 section 4.2.2)."""

    _fields = [  # noqa: RUF012 - asn1crypto's declaration style
        ("public_key_param_set", core.ObjectIdentifier),
        ("digest_param_set", core.ObjectIdentifier, {"optional": True}),
        ("encryption_param_set", core.ObjectIdentifier, {"optional": True}),
    ]


class GostKeyAlgorithm(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [  # noqa: RUF012
        ("algorithm", core.ObjectIdentifier),
        ("parameters", core.Any, {"optional": True}),
    ]


class GostSpki(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    """SubjectPublicKeyInfo with the BIT STRING kept as bytes (it wraps an OCTET STRING X||Y)."""

    _fields = [("algorithm", GostKeyAlgorithm), ("public_key", core.OctetBitString)]  # noqa: RUF012


class EssAlgorithm(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [  # noqa: RUF012
        ("algorithm", core.ObjectIdentifier),
        ("parameters", core.Any, {"optional": True}),
    ]


class IssuerSerial(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [("issuer", x509.GeneralNames), ("serial_number", core.Integer)]  # noqa: RUF012


class EssCertIdV2(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    """ESSCertIDv2 (RFC 5035). CryptoPro writes hashAlgorithm explicitly, so we do too."""

    _fields = [  # noqa: RUF012
        ("hash_algorithm", EssAlgorithm, {"optional": True}),
        ("cert_hash", core.OctetString),
        ("issuer_serial", IssuerSerial, {"optional": True}),
    ]


class EssCertIdsV2(core.SequenceOf):  # type: ignore[misc]  # asn1crypto is untyped
    _child_spec = EssCertIdV2


class SigningCertificateV2(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [  # noqa: RUF012
        ("certs", EssCertIdsV2),
        ("policies", core.Any, {"optional": True}),
    ]


class _AnyList(core.SequenceOf):  # type: ignore[misc]  # asn1crypto is untyped
    _child_spec = core.Any


class KeyInfo(NamedTuple):
    """A certificate's public key: algorithm OID, parameter set, key bytes, or why it is unreadable.

    A tuple, so ``read_public_key(spki)[2]`` (the octets) keeps working for callers.

    ``octets`` is X||Y little-endian for GOST keys (the BIT STRING's inner OCTET STRING
    unwrapped) and the raw BIT STRING content for other algorithms.
    """

    algorithm: str
    param_set: str | None = None
    octets: bytes = b""
    error: str | None = None


def read_public_key(spki_der: bytes) -> KeyInfo:
    """The key of a SubjectPublicKeyInfo; never raises (an unreadable key has ``error`` set)."""
    algorithm = "?"
    try:
        spki: Any = GostSpki.load(spki_der)
        algorithm = str(spki["algorithm"]["algorithm"].dotted)
        raw = bytes(spki["public_key"].native)
        if algorithm not in (KEY_256, KEY_512):
            return KeyInfo(algorithm, None, raw)
        parameters = spki["algorithm"]["parameters"]
        param_set = None
        if parameters.native is not None:  # absent or NULL: no parameter set named
            param_set = str(GostKeyParams.load(parameters.dump())["public_key_param_set"].dotted)
        return KeyInfo(algorithm, param_set, bytes(core.OctetString.load(raw).native))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return KeyInfo(algorithm, error=f"открытый ключ сертификата не разбирается: {exc}")


def ess_cert_id(cert_hash: bytes, issuer_name_der: bytes, serial: int) -> Any:
    """An ESSCertIDv2 with hashAlgorithm Streebog-256 written out and issuerSerial."""
    name = x509.Name.load(issuer_name_der)
    return EssCertIdV2({
        "hash_algorithm": {"algorithm": DIGEST_256},
        "cert_hash": cert_hash,
        "issuer_serial": {"issuer": [x509.GeneralName(name="directory_name", value=name)],
                          "serial_number": serial},
    })


def read_ess_cert_hashes(attribute_value_der: bytes) -> list[tuple[str, bytes]]:
    """[(hash OID, certHash)] of a signingCertificateV2 value; the default hash is SHA-256 (RFC 5035)."""
    try:
        value: Any = SigningCertificateV2.load(attribute_value_der)
        result = []
        for cert_id in value["certs"]:
            algorithm = cert_id["hash_algorithm"]
            oid = "2.16.840.1.101.3.4.2.1" if algorithm.native is None else str(algorithm["algorithm"].dotted)
            result.append((oid, bytes(cert_id["cert_hash"].native)))
        return result
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(f"Атрибут signingCertificateV2 не разбирается: {exc}", "signedAttrs") from None


def decode_string(der: bytes) -> str:
    """The text of a DER string value (UTF8String, PrintableString, ...), e.g. an extension's value."""
    value: Any = core.Asn1Value.load(der)
    native = value.native
    if isinstance(native, bytes):
        return native.decode("utf-8", errors="replace")
    return str(native)


def decode_strings(der: bytes) -> list[str]:
    """The texts of a SEQUENCE OF strings (IssuerSignTool), or of a single string."""
    value: Any = core.Asn1Value.load(der)
    if value.tag != 16:  # not a SEQUENCE: one string
        return [decode_string(der)]
    sequence: Any = _AnyList.load(der)
    return [decode_string(item.dump()) for item in sequence]


def spki_of_tbs(tbs_der: bytes) -> bytes:
    """The SubjectPublicKeyInfo bytes of a TBSCertificate, taken without parsing the key."""
    try:
        tbs: Any = x509.TbsCertificate.load(tbs_der)
        return bytes(tbs["subject_public_key_info"].dump())
    except (ValueError, TypeError) as exc:
        raise InputError(f"Сертификат не разбирается: {exc}", "tbsCertificate") from None


def pem_blocks(data: bytes, names: tuple[str, ...]) -> list[bytes]:
    """DER bodies of the PEM blocks named ``names``; text around the blocks is ignored."""
    try:
        found = pem.unarmor(data, multiple=True)
        return [bytes(der) for name, _headers, der in found if name in names]
    except (ValueError, TypeError) as exc:
        raise InputError(f"PEM не разбирается: {exc}", "pem") from None
