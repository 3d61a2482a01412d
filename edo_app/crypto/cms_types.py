"""What a read CMS SignedData is: the values both readers produce (cms_parse, cms_fast) and the
error they raise, with the lookups they share (certificates parsed once, the signer's certificate)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Final

from asn1crypto import x509

from edo_app.crypto import asn1_gost
from edo_app.crypto.certificates import Certificate
from edo_app.errors import CryptoError, UnreadableInput

# Everything asn1crypto may raise on malformed input (it parses lazily, on first access).
ASN1_ERRORS: Final = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


class SignatureFormatError(UnreadableInput, CryptoError):
    """The signature file is not a CMS SignedData we can read (garbage, truncated, wrong type)."""

    def __init__(self, message: str, field: str | None = "signature") -> None:
        super().__init__(message, field)


@dataclass(frozen=True)
class SignerData:
    """One SignerInfo, read as is (nothing verified here)."""

    issuer_der: bytes | None  # issuerAndSerialNumber; None when the signer is named by key identifier
    serial_number: int | None
    key_identifier: bytes | None
    digest_algorithm: str
    signature_algorithm: str
    signed_attrs_der: bytes | None  # the SET OF exactly as signed (tag 0x31); None without signed attributes
    content_type: str | None
    message_digest: bytes | None
    signing_time: datetime | None
    certificate_hashes: tuple[tuple[str, bytes], ...]  # signingCertificateV2: (hash OID, certHash)
    signature: bytes
    certificate: Certificate | None  # the embedded certificate this SignerInfo names, if present

    @property
    def digest_size(self) -> int | None:
        return asn1_gost.DIGEST_SIZES.get(self.digest_algorithm)


@dataclass(frozen=True)
class SignedDataInfo:
    signers: tuple[SignerData, ...]
    certificates: tuple[Certificate, ...]
    content: bytes | None  # eContent of an attached signature
    content_type: str
    digest_algorithms: tuple[str, ...] = field(default=())

    @property
    def detached(self) -> bool:
        return self.content is None


@lru_cache(maxsize=256)
def cached_certificate(der: bytes) -> Certificate:
    """Certificates repeat from signature to signature (a counterparty's, the operator's): parsed
    once. Certificate is immutable, so sharing one is safe."""
    return Certificate(der)


def find_certificate(certificates: tuple[Certificate, ...], issuer_der: bytes | None, serial: int | None,
                     key_id: bytes | None) -> Certificate | None:
    for certificate in certificates:
        if key_id is not None and certificate.subject_key_identifier == key_id:
            return certificate
        if serial is not None and issuer_der is not None and certificate.serial_number == serial \
                and same_name(certificate.issuer_der, issuer_der):
            return certificate
    return None


def same_name(first_der: bytes, second_der: bytes) -> bool:
    """X.501 names equal after RFC 5280 normalisation (case, spaces, string types)."""
    if first_der == second_der:
        return True
    try:
        return bool(x509.Name.load(first_der) == x509.Name.load(second_der))
    except ASN1_ERRORS:
        return False
