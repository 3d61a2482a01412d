"""Certificates as the desktop screens show them, the software key import, and the trust folder.

The UI never touches crypto objects: it gets frozen views (``CertificateView``,
``TrustedView``) with the Russian fields a person checks before signing (owner, ИНН,
validity, provider, whether the chain reaches a trusted root).

The trust folder (``<data dir>/trust``) is read again on every listing here; the services
opened at start keep the store they loaded, so a root added or removed takes effect for
signature verdicts after a restart (the screen says so).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from edo_app.crypto.certificates import Certificate, load_certificate
from edo_app.crypto.cms_parse import same_name
from edo_app.crypto.crl import MAX_CRL_BYTES, RevocationList, load_crl
from edo_app.crypto.provider import CertificateEntry
from edo_app.crypto.software import MAX_FILE, SoftwareProvider
from edo_app.crypto.trust import TrustStore, build_chain, is_crl_file
from edo_app.crypto.trust import _read_file as read_certificate_file  # one reader of DER/PEM bundles
from edo_app.errors import CryptoError, EdoError, InputError
from edo_app.fileio import read_bytes, write_atomic
from edo_app.services.context import TRUST_DIR, Services
from edo_app.services.revocation import add_crl, crl_file_name
from edo_app.services.signing import Clock, SigningService, utc_now

SOFTWARE: Final = "software"
_TRUST_NAME: Final = re.compile(r"[^/\\]+\.(cer|crt|pem|der|crl)", re.IGNORECASE)
_CHAIN_TEXT: Final = {"verified": "цепочка проверена", "not_checked": "цепочка не проверена",
                      "failed": "цепочка не доверена"}


def validity_problem(certificate: Certificate, at: datetime) -> str:
    """Why the certificate cannot sign at ``at`` (Russian), or "" when its term covers it."""
    if at < certificate.not_before:
        return f"сертификат ещё не действует (с {certificate.not_before:%d.%m.%Y})"
    if at > certificate.not_after:
        return f"срок действия сертификата истёк {certificate.not_after:%d.%m.%Y}"
    return ""


@dataclass(frozen=True, slots=True)
class CertificateView:
    """A signing certificate of a provider, ready for a table row."""

    provider: str
    provider_title: str
    handle: str
    owner: str
    organisation: str
    inn: str
    inn_le: str
    serial: str
    issuer: str
    not_before: datetime
    not_after: datetime
    problem: str  # "" when usable now; else why not (expired, not yet valid)
    needs_password: bool
    chain: str  # Russian: is the issuer chain trusted
    details: str  # Certificate.describe(): several Russian lines

    @property
    def usable(self) -> bool:
        return not self.problem


def certificate_view(entry: CertificateEntry, title: str, at: datetime, trust: TrustStore | None, *,
                     needs_password: bool = False) -> CertificateView:
    cert = entry.certificate
    chain = build_chain(cert, trust, at)
    return CertificateView(
        entry.provider, title, entry.handle, cert.owner_name or cert.common_name or "—", cert.organization or "",
        cert.inn or "", cert.inn_le or "", cert.serial_hex, cert.issuer_common_name or "", cert.not_before,
        cert.not_after, validity_problem(cert, at), needs_password,
        f"{_CHAIN_TEXT.get(chain.status, chain.status)}: {chain.reason}", cert.describe())


def _needs_password(provider: object, handle: str) -> bool:
    if not isinstance(provider, SoftwareProvider):
        return False  # CryptoPro asks for its PIN itself
    with contextlib.suppress(EdoError, OSError):
        return provider.needs_password(handle)
    return False


@dataclass(frozen=True, slots=True)
class TrustedView:
    """A certificate or a revocation list of the trust folder."""

    file_name: str
    subject: str
    organisation: str
    issuer: str
    not_before: datetime
    not_after: datetime
    is_root: bool  # self-issued: a trust anchor; else an intermediate
    is_crl: bool = False  # a УЦ's revocation list: subject says what it holds, issuer whose it is


class CertificateStore:
    """The software key store and the trust folder of one data folder."""

    def __init__(self, signing: SigningService, trust_dir: Path, *, clock: Clock = utc_now) -> None:
        self._signing = signing
        self.trust_dir = Path(trust_dir)
        self._clock = clock

    @classmethod
    def of(cls, services: Services) -> CertificateStore:
        """The store of the opened data folder (keys: the software provider's folder; trust/)."""
        return cls(services.signing, services.data_dir / TRUST_DIR)

    # -- signing certificates -------------------------------------------------------------
    def certificates(self) -> list[CertificateView]:
        """Every certificate of every available provider (a provider that fails is skipped)."""
        return [view for _, view in self.entries()]

    def entries(self) -> list[tuple[CertificateEntry, CertificateView]]:
        """The provider entries with their views (services that also need the certificate itself)."""
        at, trust = self._clock(), self.trust_store()
        titles = {state.name: state.title for state in self._signing.provider_status()}
        providers = {provider.name: provider for provider in self._signing.providers.all()}
        return [(entry, certificate_view(entry, titles.get(entry.provider, entry.provider), at, trust,
                                         needs_password=_needs_password(providers.get(entry.provider), entry.handle)))
                for entry in self._signing.certificates()]

    def import_key(self, cert_path: Path, key_path: Path, password: str | None) -> CertificateView:
        """Put a certificate and its private key (PEM/DER, PKCS#8, maybe password-protected) into
        the software key store; refused with a Russian error naming the file when the certificate
        is unreadable, the password is wrong or the key is not the certificate's. Nothing is
        stored then."""
        cert_bytes = read_bytes(cert_path, "сертификат", MAX_FILE)
        key_bytes = read_bytes(key_path, "ключ", MAX_FILE)
        try:
            load_certificate(cert_bytes).require_gost()
        except InputError as exc:
            raise InputError(f"{cert_path.name}: {exc.message}", "certificate") from None
        provider = self._signing.providers.get(SOFTWARE)
        if not isinstance(provider, SoftwareProvider):
            raise CryptoError("Программное хранилище ключей недоступно")
        try:
            entry = provider.import_pair(cert_bytes, key_bytes, password or None)
        except InputError as exc:
            raise InputError(f"{key_path.name}: {exc.message}", exc.field) from None
        except CryptoError as exc:  # the class (e.g. KeyPasswordError) is kept for callers
            raise type(exc)(f"{key_path.name}: {exc}") from None
        return certificate_view(entry, provider.title, self._clock(), self.trust_store(),
                                needs_password=_needs_password(provider, entry.handle))

    # -- trust folder -----------------------------------------------------------------------
    def trust_store(self) -> TrustStore | None:
        return TrustStore.from_folder(self.trust_dir) if self.trust_dir.is_dir() else None

    def trusted(self) -> tuple[list[TrustedView], tuple[str, ...]]:
        """The certificates of the trust folder by file, and the files that could not be read."""
        if not self.trust_dir.is_dir():
            return [], ()
        views: list[TrustedView] = []
        problems: list[str] = []
        for path in sorted(p for p in self.trust_dir.iterdir() if p.is_file()):
            try:
                if is_crl_file(path):
                    views.append(_crl_view(path.name, load_crl(read_bytes(path, "список отзыва", MAX_CRL_BYTES))))
                else:
                    views.extend(_trusted_view(path.name, cert) for cert in read_certificate_file(path))
            except InputError as exc:
                problems.append(f"{path.name}: {exc.message}")
            except OSError as exc:
                problems.append(f"{path.name}: не читается ({exc.strerror})")
        return views, tuple(problems)

    def add_trusted(self, path: Path) -> TrustedView:
        """Copy a CA certificate (DER or PEM) into the trust folder, atomically, as ``<SHA-1>.cer``.

        Refused (InputError naming the file): not a certificate, not a УЦ certificate
        (basicConstraints CA), or already in the folder. A ``.crl`` file is a УЦ's revocation list
        (revocation.add_crl: signed by a certificate of the folder; a newer one replaces the older)."""
        if is_crl_file(path):
            crl = add_crl(self.trust_dir, path)
            return _crl_view(crl_file_name(crl), crl)
        data = read_bytes(path, "сертификат", MAX_FILE)
        try:
            certificate = load_certificate(data)
        except InputError as exc:
            raise InputError(f"{path.name}: {exc.message}", "certificate") from None
        if not certificate.is_ca:
            raise InputError(f"{path.name}: это не сертификат удостоверяющего центра (нет признака CA "
                             "в basicConstraints); в доверенные добавляются только корневые и промежуточные",
                             "certificate")
        store = self.trust_store()
        if store is not None and store.contains(certificate):
            raise InputError(f"{path.name}: этот сертификат уже есть в доверенных", "certificate")
        name = hashlib.sha1(certificate.der, usedforsecurity=False).hexdigest() + ".cer"
        try:
            self.trust_dir.mkdir(parents=True, exist_ok=True)
            write_atomic(self.trust_dir / name, certificate.der, mode=0o644)
        except OSError as exc:
            raise InputError(f"Не удалось сохранить {path.name} в {self.trust_dir}: {exc.strerror or exc}",
                             "trust_store") from None
        return _trusted_view(name, certificate)

    def remove_trusted(self, file_name: str) -> None:
        """Delete one file of the trust folder; only a plain certificate file name is accepted."""
        if not _TRUST_NAME.fullmatch(file_name) or file_name.startswith("."):
            raise InputError(f"Неверное имя файла доверенного сертификата: {file_name!r}", "file_name")
        target = self.trust_dir / file_name
        if not target.is_file():
            raise InputError(f"Файла {file_name} нет в папке доверенных сертификатов", "file_name")
        try:
            target.unlink()
        except OSError as exc:
            raise InputError(f"Не удалось удалить {file_name}: {exc.strerror or exc}", "file_name") from None


def _crl_view(file_name: str, crl: RevocationList) -> TrustedView:
    """A revocation list in the trust folder's table: valid from its issue to its next issue."""
    return TrustedView(file_name, f"Список отзыва (СОС), отозвано: {len(crl.revoked)}", "", crl.issuer_name,
                       crl.this_update, crl.next_update or crl.this_update, False, is_crl=True)


def _trusted_view(file_name: str, certificate: Certificate) -> TrustedView:
    return TrustedView(file_name, certificate.common_name or certificate.serial_hex, certificate.organization or "",
                       certificate.issuer_common_name or "", certificate.not_before, certificate.not_after,
                       same_name(certificate.subject_der, certificate.issuer_der))
