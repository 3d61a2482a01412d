"""CAdES-BES detached signatures (CMS SignedData, DER) for GOST R 34.10-2012 keys.

Assembled once for every provider (pyHanko's way): a provider only supplies
``sign_digest(digest) -> s||r`` over the Streebog digest of the signed attributes.

What is written, as CryptoPro CSP writes it (DOMAIN.md section 5):
SignedData v1, digestAlgorithms {Streebog-256 or -512}, encapContentInfo id-data without
eContent, certificates {signer certificates}, one SignerInfo per signer: v1,
issuerAndSerialNumber, signed attributes contentType, signingTime (UTCTime), messageDigest,
signingCertificateV2 (ESSCertIDv2: Streebog-256 of the certificate, written explicitly, and
issuerSerial), signatureAlgorithm = the key OID, signature = s||r.

Reading lives in ``cms_parse`` (re-exported here); errors: ``SignatureFormatError`` (an
InputError and a CryptoError) for unreadable input, ``CryptoError`` when signing fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from asn1crypto import cms

from edo_app.crypto import asn1_gost, cms_der
from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms_der import signed_attributes
from edo_app.crypto.cms_parse import (
    SignatureFormatError,
    SignedDataInfo,
    SignerData,
    parse_signed_data,
    same_name,
    to_der,
)
from edo_app.crypto.openssl_gost import new_hash
from edo_app.errors import CryptoError

__all__ = ["SignDigest", "SignatureFormatError", "SignedDataInfo", "SignerData", "add_cosignature",
           "build_detached", "parse_signed_data", "same_name", "signed_attributes"]

#: The one primitive a provider implements: Streebog digest of the signed attributes -> s||r.
SignDigest = Callable[[bytes], bytes]


def build_detached(content_digest: bytes, certificate: Certificate, sign_digest: SignDigest, *,
                   signing_time: datetime, digest_size: int | None = None) -> bytes:
    """A detached CAdES-BES SignedData (DER) over content whose Streebog digest is ``content_digest``.

    ``digest_size`` (32/64) defaults to the key's size; GOST 2012 pairs 256-bit keys with
    Streebog-256 and 512-bit keys with Streebog-512.
    """
    size = _digest_size(certificate, content_digest, digest_size)
    signer = _signer_info(content_digest, certificate, sign_digest, signing_time, size)
    return cms_der.content_info([certificate.der], [signer], [size], None)


def add_cosignature(existing: bytes, content_digest: bytes, certificate: Certificate, sign_digest: SignDigest, *,
                    signing_time: datetime, digest_size: int | None = None) -> bytes:
    """``existing`` SignedData with one more SignerInfo (certificates merged), DER.

    The new signer must sign the same content: a messageDigest of an existing signer with the
    same hash that differs from ``content_digest`` raises SignatureFormatError.
    """
    size = _digest_size(certificate, content_digest, digest_size)
    info = parse_signed_data(existing)
    for signer in info.signers:
        if signer.digest_size == size and signer.message_digest not in (None, content_digest):
            raise SignatureFormatError("Существующая подпись относится к другому файлу: соподпись невозможна")
    signed: Any = cms.ContentInfo.load(to_der(existing))["content"]
    signers = [bytes(item.dump()) for item in signed["signer_infos"]]
    signers.append(_signer_info(content_digest, certificate, sign_digest, signing_time, size))
    certificates = [item.der for item in info.certificates]
    if certificate.der not in certificates:
        certificates.append(certificate.der)
    sizes = [asn1_gost.DIGEST_SIZES[oid] for oid in info.digest_algorithms if oid in asn1_gost.DIGEST_SIZES]
    return cms_der.content_info(certificates, signers, [*sizes, size], info.content)


def _digest_size(certificate: Certificate, content_digest: bytes, digest_size: int | None) -> int:
    certificate.require_gost()
    size = certificate.curve.size
    if digest_size not in (None, size):
        raise CryptoError(f"Ключ {certificate.curve.name} подписывает хэшем {size * 8} бит, "
                          f"а запрошен {digest_size * 8 if digest_size else '?'} бит")
    if len(content_digest) != size:
        raise CryptoError(f"Хэш документа должен быть {size} байт (Стрибог-{size * 8}), получено {len(content_digest)}")
    return size


def _signer_info(content_digest: bytes, certificate: Certificate, sign_digest: SignDigest,
                 signing_time: datetime, size: int) -> bytes:
    attrs_der = signed_attributes(content_digest, certificate, signing_time)
    signature = sign_digest(new_hash(size, attrs_der).digest())
    if not isinstance(signature, bytes) or len(signature) != 2 * size:
        raise CryptoError(f"Провайдер вернул подпись неверной длины (нужно {2 * size} байт s||r)")
    return cms_der.signer_info(certificate, attrs_der, signature, size)
