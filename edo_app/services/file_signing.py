"""Signing and verifying loose files: `edo sign`, `edo verify`, `edo certs`.

The signature is detached CAdES-BES over the file's exact bytes. A fresh signature is
verified before it is written, so a broken key or provider never leaves a bad .sig behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms import build_detached
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.provider import CertificateEntry, default_registry
from edo_app.crypto.software import sign_with_files
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import SignatureVerdict, verify_detached
from edo_app.errors import CryptoError
from edo_app.fileio import read_bytes, write_atomic

__all__ = ["FileVerification", "ProviderListing", "SignatureVerdict", "provider_listings", "sign_file", "verify_file"]


def content_digest(content: bytes, certificate: Certificate) -> bytes:
    """Streebog of the content with the size the certificate's key calls for (fast path if present)."""
    return new_hash(certificate.curve.size, content).digest()


def sign_file(
    path: Path, cert_path: Path, key_path: Path, password: str | None, out: Path | None = None,
    *, now: datetime | None = None,
) -> Path:
    """Write ``out`` (default ``PATH.sig``): DER detached CAdES-BES over the file's bytes."""
    content = read_bytes(path, "документ")
    signer = sign_with_files(cert_path, key_path, password)
    signer.certificate.require_gost()
    signing_time = now or datetime.now(UTC)
    der = build_detached(content_digest(content, signer.certificate), signer.certificate, signer.sign_digest,
                         signing_time=signing_time)
    (verdict,) = verify_detached(content, der, at=signing_time)
    if not verdict.valid:
        raise CryptoError("Созданная подпись не проходит проверку: " + "; ".join(verdict.reasons))
    target = out or path.with_name(path.name + ".sig")
    write_atomic(target, der, mode=0o644)
    return target


@dataclass(frozen=True, slots=True)
class FileVerification:
    verdicts: tuple[SignatureVerdict, ...]
    trust_problems: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return bool(self.verdicts) and all(v.valid for v in self.verdicts)


def verify_file(path: Path, signature: Path, *, at: datetime | None = None,
                trust_dir: Path | None = None) -> FileVerification:
    """Verdicts for every signer of ``signature`` over the file; the chain is checked if a store is given."""
    content = read_bytes(path, "документ")
    der = read_bytes(signature, "подпись")
    trust = TrustStore.from_folder(trust_dir) if trust_dir is not None else None
    verdicts = verify_detached(content, der, at=at, trust=trust)
    return FileVerification(tuple(verdicts), trust.problems if trust else ())


@dataclass(frozen=True, slots=True)
class ProviderListing:
    name: str
    title: str
    available: bool
    reason: str
    certificates: tuple[CertificateEntry, ...]


def provider_listings(key_store: Path) -> list[ProviderListing]:
    """Every crypto provider, whether it can be used (and why not), and its certificates."""
    listings = []
    for provider, ok, reason in default_registry(store_dir=key_store).status():
        entries = tuple(provider.certificates()) if ok else ()
        listings.append(ProviderListing(provider.name, provider.title, ok, reason, entries))
    return listings
