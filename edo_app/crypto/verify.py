"""Checking CAdES-BES signatures over a file: one verdict per signer.

Policy (as CryptoPro and Kontur judge a CAdES-BES signature):

* the certificate must have been valid at the signing time (signingTime attribute);
* ``at`` given: the certificate must also be valid at ``at`` (an expired-now certificate
  with ``at`` inside its validity is fine);
* ``at`` not given and the certificate expired after signing: still valid, with a warning
  "срок действия сертификата истёк ..." (the signature was made while it was valid);
* ``valid`` covers the maths, the attributes and the dates. Trust in the issuer is in
  ``chain``: "not_checked" keeps ``valid`` (never claimed as trusted, see ``trusted``),
  "failed" makes the verdict invalid.

An attached signature is checked against the ``content`` given (its eContent is ignored);
``content=None`` uses the eContent. Unreadable signature files raise SignatureFormatError.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache

from edo_app.crypto import asn1_gost
from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms_parse import SignatureFormatError, SignedDataInfo, SignerData, parse_signed_data
from edo_app.crypto.gost3410 import verify_digest
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.trust import ChainResult, TrustStore, build_chain
from edo_app.errors import InputError

_SHA256 = "2.16.840.1.101.3.4.2.1"


@dataclass(frozen=True)
class SignatureVerdict:
    valid: bool
    reasons: tuple[str, ...]  # why it is not valid (Russian); empty when valid
    warnings: tuple[str, ...]
    signer: Certificate | None
    signing_time: datetime | None
    chain: ChainResult

    @property
    def trusted(self) -> bool:
        """Valid and the certificate chain reached a trusted certificate."""
        return self.valid and self.chain.status == "verified"


def verify_detached(content: bytes | None, signature_der: bytes, *, at: datetime | None = None,
                    trust: TrustStore | None = None) -> list[SignatureVerdict]:
    """Verdicts for every SignerInfo of ``signature_der`` over ``content``."""
    info = parse_signed_data(signature_der)
    if content is None:
        if info.content is None:
            raise SignatureFormatError("Подпись отсоединённая: нужен подписанный файл", "content")
        content = info.content
    digests: dict[int, bytes] = {}  # Streebog of the content by size, computed once for all signers
    verdicts = [_verify_signer(signer, info, content, digests, at=at, trust=trust) for signer in info.signers]
    if info.content is not None and info.content != content:
        # Checked against the file given, as asked; the embedded copy is only reported.
        verdicts = [_with_warning(v, "вложенное в подпись содержимое отличается от проверяемого файла")
                    for v in verdicts]
    return verdicts


def _with_warning(verdict: SignatureVerdict, warning: str) -> SignatureVerdict:
    return replace(verdict, warnings=(*verdict.warnings, warning))


def _verify_signer(signer: SignerData, info: SignedDataInfo, content: bytes, digests: dict[int, bytes], *,
                   at: datetime | None, trust: TrustStore | None) -> SignatureVerdict:
    reasons: list[str] = []
    warnings: list[str] = []
    certificate = signer.certificate
    if certificate is None:
        reasons.append("сертификат подписанта не вложен в подпись")
    else:
        reasons += _check_signature(signer, certificate, content, digests)
        reasons += _check_certificate_hash(signer, certificate, warnings)
        reasons += _check_dates(signer, certificate, at, warnings)
    chain = _chain(certificate, signer, info, at, trust)
    if chain.status == "failed":
        reasons.append(f"цепочка сертификатов: {chain.reason}")
    return SignatureVerdict(not reasons, tuple(reasons), tuple(warnings), certificate, signer.signing_time, chain)


def _check_signature(signer: SignerData, certificate: Certificate, content: bytes,
                     digests: dict[int, bytes]) -> list[str]:
    size = signer.digest_size
    if size is None:
        return [f"алгоритм хэширования {signer.digest_algorithm} не ГОСТ Р 34.11-2012"]
    try:
        certificate.require_gost()
        curve = certificate.curve
    except InputError as exc:
        return [exc.message]
    if curve.size != size or asn1_gost.SIGNATURE_DIGEST_SIZES.get(signer.signature_algorithm) != size:
        return [f"алгоритм подписи {signer.signature_algorithm} не подходит к ключу и хэшу {size * 8} бит"]
    if signer.signed_attrs_der is None or signer.message_digest is None:
        return ["нет подписанных атрибутов с хэшем документа (messageDigest): это не CAdES-BES"]
    if size not in digests:
        digests[size] = new_hash(size, content).digest()
    reasons = []
    if signer.message_digest != digests[size]:
        reasons.append("хэш документа не совпадает с подписанным: подпись относится к другому файлу "
                       "или файл изменён")
    if signer.content_type not in (None, asn1_gost.ID_DATA):
        reasons.append(f"подписан тип содержимого {signer.content_type}, а не данные (id-data)")
    try:
        math_ok = verify_digest(curve, certificate.public_key_octets, new_hash(size, signer.signed_attrs_der).digest(),
                                signer.signature)
    except InputError as exc:
        return [*reasons, f"открытый ключ сертификата неверен: {exc.message}"]
    if not math_ok:
        reasons.append("значение подписи не сходится с ключом сертификата (подпись повреждена или подделана)")
    return reasons


def _check_certificate_hash(signer: SignerData, certificate: Certificate, warnings: list[str]) -> list[str]:
    """signingCertificateV2 must name the embedded certificate (it binds the certificate to the signature)."""
    if not signer.certificate_hashes:
        warnings.append("нет атрибута signingCertificateV2: подпись CMS, но не CAdES-BES")
        return []
    oid, expected = signer.certificate_hashes[0]
    if oid not in asn1_gost.DIGEST_SIZES and oid != _SHA256:
        return [f"хэш сертификата в signingCertificateV2 посчитан неизвестным алгоритмом {oid}"]
    if _certificate_digest(certificate.der, oid) != expected:
        return ["хэш сертификата в signingCertificateV2 не совпадает с вложенным сертификатом"]
    return []


@lru_cache(maxsize=64)
def _certificate_digest(der: bytes, oid: str) -> bytes:
    """The same few certificates sign all day (the operator's, the counterparties'): hashed once each."""
    if oid == _SHA256:
        return hashlib.sha256(der).digest()
    return new_hash(asn1_gost.DIGEST_SIZES[oid], der).digest()


def _check_dates(signer: SignerData, certificate: Certificate, at: datetime | None, warnings: list[str]) -> list[str]:
    """Validity at the signing time, then at ``at`` (or now: expiry after signing is only a warning)."""
    reasons = []
    if signer.signing_time is None:
        warnings.append("нет времени подписи (signingTime): срок сертификата проверен на момент проверки")
    elif not certificate.valid_at(signer.signing_time):
        reasons.append(f"сертификат не действовал на момент подписи {signer.signing_time:%d.%m.%Y %H:%M} UTC "
                       f"(срок действия {_period(certificate)})")
    moment = at or datetime.now(UTC)
    if certificate.valid_at(moment):
        return reasons
    if at is not None or signer.signing_time is None:
        reasons.append(f"сертификат не действителен на {moment:%d.%m.%Y %H:%M} (срок действия {_period(certificate)})")
    elif moment > certificate.not_after:
        warnings.append(f"срок действия сертификата истёк {certificate.not_after:%d.%m.%Y}")
    return reasons


def _period(certificate: Certificate) -> str:
    return f"{certificate.not_before:%d.%m.%Y} – {certificate.not_after:%d.%m.%Y}"


def _chain(certificate: Certificate | None, signer: SignerData, info: SignedDataInfo, at: datetime | None,
           trust: TrustStore | None) -> ChainResult:
    if certificate is None:
        return ChainResult("not_checked", (), "нет сертификата подписанта")
    moment = at or signer.signing_time or datetime.now(UTC)
    others = [item for item in info.certificates if item.der != certificate.der]
    return build_chain(certificate, trust, moment, others)
