"""Reading CMS SignedData (CAdES-BES) into plain typed values.

Input: DER or BER, PEM (``-----BEGIN PKCS7-----`` / ``CMS`` / ``PKCS #7 SIGNED DATA``), or bare
base64 as CryptoPro sometimes saves it. Anything that is not a readable SignedData raises
``SignatureFormatError``: it is both an ``InputError`` (bad input file, so the CLI reports it
like any other bad input) and a ``CryptoError`` (the signature cannot be checked).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Final

from asn1crypto import cms, core

from edo_app.crypto import asn1_gost, cms_fast
from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms_types import (
    ASN1_ERRORS,
    SignatureFormatError,
    SignedDataInfo,
    SignerData,
    cached_certificate,
    find_certificate,
    same_name,
)
from edo_app.errors import EdoError, InputError

__all__ = ["SignatureFormatError", "SignedDataInfo", "SignerData", "parse_signed_data", "same_name", "to_der"]

_PEM_NAMES: Final = ("PKCS7", "CMS", "PKCS #7 SIGNED DATA")
_CHECKED_ATTRIBUTES: Final = frozenset({asn1_gost.CONTENT_TYPE, asn1_gost.MESSAGE_DIGEST, asn1_gost.SIGNING_TIME,
                                        asn1_gost.SIGNING_CERTIFICATE_V2})


def to_der(data: bytes) -> bytes:
    """The binary CMS of DER/BER, PEM or bare base64 input."""
    if not data.strip():
        raise SignatureFormatError("Файл подписи пуст")
    if data[:1] == b"\x30":
        return data
    head = data[:4096]
    if b"-----BEGIN" in head:
        try:
            blocks = asn1_gost.pem_blocks(data, _PEM_NAMES)
        except InputError:
            blocks = []
        if not blocks:
            raise SignatureFormatError("PEM-файл не содержит блока PKCS7/CMS или повреждён")
        return blocks[0]
    try:  # CryptoPro's "base64 without headers"
        decoded = base64.b64decode(b"".join(data.split()), validate=True)
    except (binascii.Error, ValueError):
        decoded = b""
    if decoded[:1] == b"\x30":
        return decoded
    raise SignatureFormatError("Файл не является подписью CMS (ожидается DER, PEM или base64)")


def parse_signed_data(data: bytes) -> SignedDataInfo:
    """Read a CMS SignedData; SignatureFormatError (Russian) when it cannot be read."""
    der = to_der(data)
    fast = cms_fast.read_signed_data(der)  # plain DER in one pass; None leaves the input to asn1crypto
    if fast is not None:
        return fast
    return read_with_asn1crypto(der)


def read_with_asn1crypto(der: bytes) -> SignedDataInfo:
    """The reference reader: any BER asn1crypto takes, and the errors for what it does not."""
    try:
        info: Any = cms.ContentInfo.load(der)
        content_type = str(info["content_type"].dotted)
        if content_type != asn1_gost.ID_SIGNED_DATA:
            raise SignatureFormatError(f"CMS содержит не подписанные данные (тип {content_type})")
        return _signed_data(info["content"])
    except EdoError:
        raise
    except ASN1_ERRORS as exc:
        raise SignatureFormatError(f"Подпись CMS повреждена или обрезана: {exc}") from None


def _signed_data(signed: Any) -> SignedDataInfo:
    certificates = tuple(_certificates(signed["certificates"]))
    encap = signed["encap_content_info"]
    content = encap["content"]
    signers = tuple(_signer(item, certificates) for item in signed["signer_infos"])
    if not signers:
        raise SignatureFormatError("В подписи CMS нет ни одного подписанта (SignerInfo)")
    return SignedDataInfo(
        signers=signers,
        certificates=certificates,
        content=None if content.native is None else bytes(content.native),
        content_type=str(encap["content_type"].dotted),
        digest_algorithms=tuple(str(item["algorithm"].dotted) for item in signed["digest_algorithms"]),
    )


def _certificates(choices: Any) -> list[Certificate]:
    result = []
    for choice in choices or []:
        if choice.name == "certificate":  # attribute / other certificate formats are not used in EDO
            result.append(cached_certificate(bytes(choice.chosen.dump())))
    return result


def _signer(signer: Any, certificates: tuple[Certificate, ...]) -> SignerData:
    sid = signer["sid"]
    issuer_der = serial = key_id = None
    if sid.name == "issuer_and_serial_number":
        issuer_der = bytes(sid.chosen["issuer"].dump())
        serial = int(sid.chosen["serial_number"].native)
    else:
        key_id = bytes(sid.chosen.native)
    attrs = _attributes(signer["signed_attrs"])
    return SignerData(
        issuer_der=issuer_der, serial_number=serial, key_identifier=key_id,
        digest_algorithm=str(signer["digest_algorithm"]["algorithm"].dotted),
        signature_algorithm=str(signer["signature_algorithm"]["algorithm"].dotted),
        signed_attrs_der=attrs.get("_der"),
        content_type=attrs.get("content_type"),
        message_digest=attrs.get("message_digest"),
        signing_time=attrs.get("signing_time"),
        certificate_hashes=tuple(attrs.get("hashes", ())),
        signature=bytes(signer["signature"].native),
        certificate=find_certificate(certificates, issuer_der, serial, key_id),
    )


def _attributes(signed_attrs: Any) -> dict[str, Any]:
    """The signed attributes we check, by short name; ``_der`` is the SET OF that was signed."""
    if isinstance(signed_attrs, core.Void):  # absent; not ``.native``, which would convert the whole set
        return {}
    # The signature covers the attributes encoded as a SET OF (tag 0x31), not as [0] IMPLICIT.
    result: dict[str, Any] = {"_der": b"\x31" + bytes(signed_attrs.dump())[1:]}
    seen: set[str] = set()
    for attribute in signed_attrs:
        oid = attribute["type"].dotted
        if oid in _CHECKED_ATTRIBUTES and (oid in seen or len(attribute["values"]) != 1):
            # RFC 5652 5.3: these attributes appear once with one value; a second copy could mislead.
            raise SignatureFormatError(f"Подписанный атрибут {oid} повторяется или содержит не одно значение")
        seen.add(oid)
        value = attribute["values"][0]
        if oid == asn1_gost.CONTENT_TYPE:
            result["content_type"] = str(value.dotted)
        elif oid == asn1_gost.MESSAGE_DIGEST:
            result["message_digest"] = bytes(value.native)
        elif oid == asn1_gost.SIGNING_TIME:
            result["signing_time"] = value.native
        elif oid == asn1_gost.SIGNING_CERTIFICATE_V2:
            result["hashes"] = asn1_gost.read_ess_cert_hashes(bytes(value.dump()))
    return result
