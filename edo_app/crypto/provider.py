"""Crypto providers behind one protocol, and the registry that holds them.

A provider implements one primitive (pyHanko's model): ``sign_digest`` returns the CMS
signature value s||r of the Streebog digest of the signed attributes, and the CMS itself
is assembled once for every provider by ``crypto.cms``. A provider that can only sign
whole files (CryptoPro through ``cryptcp``, which builds the CMS itself) says
``signs_digests = False`` and implements ``sign_cms`` instead (``WholeFileSigner``).

Optional backends never fail on import: ``is_available()`` answers (ok, Russian reason)
and the registry lists them either way, so the UI can say why CryptoPro is greyed out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from edo_app.crypto.certificates import Certificate
from edo_app.errors import ProviderUnavailable


@dataclass(frozen=True)
class CertificateEntry:
    """A certificate a provider can sign with. ``handle`` is opaque outside the provider
    (a store file stem for the software provider, the SHA-1 thumbprint for CryptoPro)."""

    provider: str
    handle: str
    certificate: Certificate
    has_private_key: bool = True

    @property
    def label(self) -> str:
        """One Russian line for pickers: owner, organisation, validity."""
        cert = self.certificate
        who = cert.owner_name or cert.common_name or cert.serial_hex
        org = f", {cert.organization}" if cert.organization else ""
        return f"{who}{org} (до {cert.not_after:%d.%m.%Y})"


@runtime_checkable
class CryptoProvider(Protocol):
    """What every signing backend offers."""

    name: str  # stable id: "software", "cryptopro"
    title: str  # Russian, for the UI
    signs_digests: bool  # False: only ``sign_cms`` works (see WholeFileSigner)

    def is_available(self) -> tuple[bool, str]:
        """(usable now, Russian reason when not / short status when yes)."""
        ...

    def certificates(self) -> list[CertificateEntry]:
        """Certificates with a private key this provider can use."""
        ...

    def sign_digest(self, handle: str, digest: bytes, *, password: str | None = None) -> bytes:
        """CMS signature value (s||r, see ``gost3410``) of ``digest`` = Streebog(DER of signed attributes)."""
        ...


@runtime_checkable
class WholeFileSigner(Protocol):
    """A provider that makes the detached CMS (DER) of the content itself."""

    def sign_cms(self, handle: str, content: bytes, *, password: str | None = None) -> bytes: ...


class ProviderRegistry:
    """Providers by name. Registering never probes the backend; ``available()`` does."""

    def __init__(self, providers: Iterable[CryptoProvider] = ()) -> None:
        self._providers: dict[str, CryptoProvider] = {}
        for provider in providers:
            self.register(provider)

    def register(self, provider: CryptoProvider) -> None:
        """Add a provider, replacing one with the same name (tests register fakes this way)."""
        self._providers[provider.name] = provider

    def all(self) -> list[CryptoProvider]:
        return list(self._providers.values())

    def names(self) -> list[str]:
        return list(self._providers)

    def status(self) -> list[tuple[CryptoProvider, bool, str]]:
        """Every provider with its (available, reason): what a settings page shows."""
        return [(provider, *provider.is_available()) for provider in self._providers.values()]

    def available(self) -> list[CryptoProvider]:
        return [provider for provider, ok, _ in self.status() if ok]

    def get(self, name: str) -> CryptoProvider:
        """The provider ``name``; ProviderUnavailable (Russian reason) if unknown or not usable."""
        provider = self._providers.get(name)
        if provider is None:
            known = ", ".join(self._providers) or "нет ни одного"
            raise ProviderUnavailable(f"Криптопровайдер «{name}» не зарегистрирован (есть: {known})")
        ok, reason = provider.is_available()
        if not ok:
            raise ProviderUnavailable(f"{provider.title}: {reason}")
        return provider

    def certificates(self) -> list[CertificateEntry]:
        """Certificates of every available provider, in registration order."""
        return [entry for provider in self.available() for entry in provider.certificates()]

    def find(self, provider_name: str, handle: str) -> CertificateEntry:
        """The entry ``handle`` of provider ``provider_name``; ProviderUnavailable if it is gone."""
        for entry in self.get(provider_name).certificates():
            if entry.handle == handle:
                return entry
        raise ProviderUnavailable(f"Сертификат {handle} не найден у провайдера «{provider_name}»")


def default_registry(store_dir: Path | None = None) -> ProviderRegistry:
    """The software key store (``store_dir``, default ``<data dir>/keys``) and CryptoPro CSP.

    Importing the CryptoPro provider is free: it looks for its tools only when asked.
    """
    from edo_app.config import data_dir
    from edo_app.crypto.cryptopro import CryptoProProvider
    from edo_app.crypto.software import SoftwareProvider

    return ProviderRegistry([SoftwareProvider(store_dir or data_dir() / "keys"), CryptoProProvider()])
