"""Trusted root/intermediate certificates and certificate chains (GOST only).

A trust store is a folder the user fills with certificates of the УЦ they trust (the
Минцифры root, УЦ ФНС, the operator's УЦ ...): DER or PEM, ``.cer``/``.crt``/``.pem``/``.der``,
PEM bundles allowed. Unreadable files are listed in ``problems``; they never stop loading.

Trust anchors are the self-issued (root) certificates of the store; its other certificates
serve as intermediates, like CryptoPro's "Доверенные корневые" and "Промежуточные" stores.
``build_chain`` never pretends: without a store, or when an issuer is missing, the answer is
"not_checked" with the reason in Russian. Revocation: by the CRLs (``*.crl``) put in the folder
(crl.py), at the moment checked; a link without a list is said so in the reason. No OCSP, no fetching.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal

from edo_app.crypto import asn1_gost
from edo_app.crypto.certificates import Certificate, load_certificate
from edo_app.crypto.cms_parse import same_name
from edo_app.crypto.crl import MAX_CRL_BYTES, RevocationList, crl_signed_by, load_crl
from edo_app.errors import InputError

ChainStatus = Literal["verified", "not_checked", "failed"]
_MAX_DEPTH: Final = 8
_MAX_FILE: Final = 1 << 20  # a certificate file larger than 1 MB is not a certificate


@dataclass(frozen=True)
class ChainResult:
    status: ChainStatus
    chain: tuple[Certificate, ...]  # from the signer up to the trusted root (as far as it got)
    reason: str


@dataclass(frozen=True)
class TrustStore:
    certificates: tuple[Certificate, ...]
    problems: tuple[str, ...] = ()
    crls: tuple[RevocationList, ...] = ()  # the folder's ``*.crl`` files

    @classmethod
    def from_folder(cls, folder: Path) -> TrustStore:
        """Every certificate and CRL in ``folder`` (not recursive); bad files go to ``problems``."""
        if not folder.is_dir():
            raise InputError(f"Папка доверенных сертификатов не найдена: {folder}", "trust_store")
        found: list[Certificate] = []
        crls: list[RevocationList] = []
        problems: list[str] = []
        for path in sorted(folder.iterdir()):
            if path.is_file():
                try:
                    if is_crl_file(path):
                        crls.append(_read_crl(path))
                    else:
                        found.extend(_read_file(path))
                except InputError as exc:
                    problems.append(f"{path.name}: {exc.message}")
                except OSError as exc:
                    problems.append(f"{path.name}: не читается ({exc.strerror})")
        return cls(tuple(_unique(found)), tuple(problems), tuple(crls))

    def contains(self, certificate: Certificate) -> bool:
        return any(item.der == certificate.der for item in self.certificates)


def is_crl_file(path: Path) -> bool:
    """CRLs in a trust folder are told by their extension, ``.crl``."""
    return path.suffix.lower() == ".crl"


def _read_crl(path: Path) -> RevocationList:
    if path.stat().st_size > MAX_CRL_BYTES:
        raise InputError(f"список отзыва больше {MAX_CRL_BYTES >> 20} МБ", "trust_store")
    return load_crl(path.read_bytes())


def _read_file(path: Path) -> list[Certificate]:
    if path.stat().st_size > _MAX_FILE:
        raise InputError("файл слишком велик для сертификата", "trust_store")
    data = path.read_bytes()
    if b"-----BEGIN" in data[:4096]:
        blocks = asn1_gost.pem_blocks(data, ("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"))
        if not blocks:
            raise InputError("в PEM-файле нет сертификатов", "trust_store")
        return [Certificate(der) for der in blocks]
    return [load_certificate(data)]


def _unique(certificates: Iterable[Certificate]) -> list[Certificate]:
    return list({item.der: item for item in certificates}.values())


@lru_cache(maxsize=1024)
def certificate_signed_by(certificate: Certificate, issuer: Certificate) -> bool:
    """Whether ``issuer``'s GOST key made ``certificate``'s signature (same byte orders as CMS).

    Remembered: certificates are equal only when their DER is, so the answer cannot change, and
    a signer's certificate is checked against its УЦ once instead of with every signature it
    makes (that check was half the cost of verifying a signature with a trust store)."""
    return issuer.made(certificate.signature_algorithm, certificate.tbs_der, certificate.signature)


def _candidates(certificate: Certificate, pool: Sequence[Certificate]) -> list[Certificate]:
    """Certificates whose subject is ``certificate``'s issuer (and whose key id matches, when both are given)."""
    wanted = certificate.authority_key_identifier
    return [item for item in pool
            if same_name(item.subject_der, certificate.issuer_der)
            and (wanted is None or item.subject_key_identifier in (None, wanted))]


def _self_issued(certificate: Certificate) -> bool:
    return same_name(certificate.subject_der, certificate.issuer_der)


def _name(certificate: Certificate) -> str:
    return f"«{certificate.common_name or certificate.serial_hex}»"


def _check_link(certificate: Certificate, issuer: Certificate, at: datetime) -> str | None:
    """Why ``issuer`` cannot vouch for ``certificate`` at ``at``, or None when it can."""
    if not certificate_signed_by(certificate, issuer):
        return f"подпись сертификата {_name(certificate)} не проверяется ключом издателя {_name(issuer)}"
    if not issuer.is_ca:
        return f"сертификат {_name(issuer)} не является сертификатом УЦ (нет basicConstraints CA)"
    if not issuer.valid_at(at):
        return f"сертификат УЦ {_name(issuer)} не действовал на {at:%d.%m.%Y %H:%M}"
    return None


def build_chain(certificate: Certificate, store: TrustStore | None, at: datetime,
                intermediates: Sequence[Certificate] = ()) -> ChainResult:
    """The chain from ``certificate`` to a certificate of ``store``, checked at ``at``.

    ``intermediates`` (e.g. the certificates inside a CMS) may fill gaps but are not trusted.
    """
    if store is None or not store.certificates:
        return ChainResult("not_checked", (certificate,), "хранилище доверенных сертификатов не задано: "
                                                          "цепочка сертификатов не проверялась")
    chain = [certificate]
    pool = [*store.certificates, *intermediates]
    while len(chain) <= _MAX_DEPTH:
        current = chain[-1]
        if store.contains(current) and _self_issued(current):
            return check_revocation(_anchor_result(chain, at), store, at)
        found = _candidates(current, pool)
        if not found:
            return ChainResult("not_checked", tuple(chain), f"издатель сертификата {_name(current)} "
                               f"(«{current.issuer_common_name or '?'}») не найден среди доверенных сертификатов")
        problems = [_check_link(current, issuer, at) for issuer in found]
        good = [issuer for issuer, problem in zip(found, problems, strict=True) if problem is None]
        if not good:
            return ChainResult("failed", tuple(chain), next(p for p in problems if p))
        if any(item.der == good[0].der for item in chain):
            return ChainResult("failed", tuple(chain), "цепочка сертификатов замкнулась сама на себя")
        chain.append(good[0])
    return ChainResult("failed", tuple(chain), "цепочка сертификатов слишком длинная")


def _anchor_result(chain: list[Certificate], at: datetime) -> ChainResult:
    anchor = chain[-1]
    if not anchor.valid_at(at):
        return ChainResult("failed", tuple(chain), f"доверенный сертификат {_name(anchor)} "
                                                   f"не действовал на {at:%d.%m.%Y %H:%M}")
    return ChainResult("verified", tuple(chain), f"цепочка до доверенного сертификата {_name(anchor)} проверена")


def check_revocation(result: ChainResult, store: TrustStore, at: datetime) -> ChainResult:
    """A verified chain checked against the store's CRLs: failed when a list signed by a
    certificate's issuer names it revoked at or before ``at``; the reason says what was covered."""
    if result.status != "verified" or len(result.chain) < 2:  # a trusted certificate itself: no issuer to ask
        return result
    notes: list[str] = []
    for certificate, issuer in zip(result.chain, result.chain[1:], strict=False):
        lists = [item for item in store.crls
                 if same_name(item.issuer_der, certificate.issuer_der) and crl_signed_by(item, issuer)]
        revoked = sorted(moment for item in lists if (moment := item.revoked_at(certificate.serial_number)))
        if revoked and revoked[0] <= at:
            return ChainResult("failed", result.chain, f"сертификат {_name(certificate)} отозван "
                               f"{revoked[0]:%d.%m.%Y %H:%M} (список отзыва УЦ {_name(issuer)})")
        if revoked:
            notes.append(f"сертификат {_name(certificate)} отозван позже, {revoked[0]:%d.%m.%Y %H:%M}")
        elif not lists:
            notes.append(f"отзыв не проверялся: нет списка отзыва (СОС) УЦ {_name(issuer)}")
    return ChainResult("verified", result.chain, "; ".join([result.reason, *notes] if notes else
                                                           [result.reason, "отзыв проверен по СОС"]))
