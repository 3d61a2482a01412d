"""The software provider: GOST keys kept as files, signatures computed in Python.

Store layout (one folder): ``<thumbprint>.cer`` (the certificate, DER) and
``<thumbprint>.key`` (the private key exactly as the user imported it: encrypted PKCS#8
stays encrypted, a clear one stays as given; nothing decrypted is ever written).
``<thumbprint>`` is the certificate's SHA-1 thumbprint in lower-case hex, as CryptoPro
shows it. The key file is written first and the certificate last, each atomically, so a
listed certificate always has its key. Decrypted keys live only in memory, per call.

A signature from this provider is not a qualified one (КЭП needs certified crypto,
DOMAIN.md section 5); it serves tests, non-qualified signatures and verification.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from edo_app.crypto.certificates import Certificate, load_certificate
from edo_app.crypto.keys import GostPrivateKey, check_key_matches, is_encrypted_key, load_private_key
from edo_app.crypto.provider import CertificateEntry
from edo_app.errors import CryptoError, InputError
from edo_app.fileio import read_bytes, write_atomic

_HANDLE: Final = re.compile(r"[0-9a-f]{40}")
MAX_FILE: Final = 1 << 20  # certificates and keys are a few KB; refuse anything huge


def thumbprint(certificate: Certificate) -> str:
    """SHA-1 of the certificate DER, lower-case hex (CryptoPro's "SHA1 Thumbprint")."""
    return hashlib.sha1(certificate.der, usedforsecurity=False).hexdigest()


def _read_limited(path: Path, what: str) -> bytes:
    return read_bytes(path, what, MAX_FILE)


@dataclass(frozen=True)
class FileSigner:
    """A certificate and its (decrypted, in-memory) key, checked to belong together."""

    certificate: Certificate
    key: GostPrivateKey

    def sign_digest(self, digest: bytes) -> bytes:
        """CMS signature value s||r of a Streebog digest (32 bytes for 256-bit keys, 64 for 512)."""
        return self.key.sign_digest(digest)


def open_signer(cert_bytes: bytes, key_bytes: bytes, password: str | None = None) -> FileSigner:
    """Load and pair a certificate and key; refuse a key that is not the certificate's."""
    certificate = load_certificate(cert_bytes)
    certificate.require_gost()
    key = load_private_key(key_bytes, password)
    if key.curve is not certificate.curve:  # aliases of one parameter set are one Curve object
        raise CryptoError(f"Ключ на кривой {key.curve.name}, а сертификат на {certificate.curve.name}: "
                          "ключ не от этого сертификата")
    check_key_matches(key, certificate.public_key_octets, encrypted=is_encrypted_key(key_bytes))
    return FileSigner(certificate, key)


def sign_with_files(cert_path: Path, key_path: Path, password: str | None = None) -> FileSigner:
    """The CLI's path: a certificate file (DER/PEM) and a PKCS#8 key file, no store involved."""
    return open_signer(_read_limited(cert_path, "сертификат"), _read_limited(key_path, "ключ"), password)


class SoftwareProvider:
    """Key pairs the user imported into ``store_dir``; always available."""

    name = "software"
    title = "Программные ключи (ГОСТ в Python)"
    signs_digests = True

    def __init__(self, store_dir: Path) -> None:
        self.store_dir = Path(store_dir)

    def is_available(self) -> tuple[bool, str]:
        return True, f"ключи хранятся в {self.store_dir}"

    def _paths(self, handle: str) -> tuple[Path, Path]:
        if not _HANDLE.fullmatch(handle):
            raise InputError(f"Неверный идентификатор сертификата: {handle!r}", "handle")
        return self.store_dir / f"{handle}.cer", self.store_dir / f"{handle}.key"

    def certificates(self) -> list[CertificateEntry]:
        """Every complete pair in the store, ordered by expiry (latest first)."""
        if not self.store_dir.is_dir():
            return []
        entries = []
        for cert_path in sorted(self.store_dir.glob("*.cer")):
            if not _HANDLE.fullmatch(cert_path.stem) or not cert_path.with_suffix(".key").is_file():
                continue
            certificate = load_certificate(_read_limited(cert_path, "сертификат"))
            entries.append(CertificateEntry(self.name, cert_path.stem, certificate))
        return sorted(entries, key=lambda entry: entry.certificate.not_after, reverse=True)

    def import_pair(self, cert_bytes: bytes, key_bytes: bytes, password: str | None = None) -> CertificateEntry:
        """Check that the key opens with ``password`` and belongs to the certificate, then store both.

        The key is stored byte for byte as given (an encrypted key stays encrypted).
        """
        if len(key_bytes) > MAX_FILE or len(cert_bytes) > MAX_FILE:
            raise InputError("Файл ключа или сертификата слишком велик", "import")
        signer = open_signer(cert_bytes, key_bytes, password)
        handle = thumbprint(signer.certificate)
        cert_path, key_path = self._paths(handle)
        try:
            self.store_dir.mkdir(parents=True, exist_ok=True)
            write_atomic(key_path, key_bytes)
            write_atomic(cert_path, signer.certificate.der)
        except OSError as exc:
            raise CryptoError(f"Не удалось сохранить ключ в {self.store_dir}: {exc.strerror or exc}") from None
        return CertificateEntry(self.name, handle, signer.certificate)

    def remove(self, handle: str) -> None:
        """Delete a pair (certificate first, so a half-deleted pair is never listed)."""
        for path in self._paths(handle):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def needs_password(self, handle: str) -> bool:
        return is_encrypted_key(_read_limited(self._paths(handle)[1], "ключ"))

    def signer(self, handle: str, password: str | None = None) -> FileSigner:
        cert_path, key_path = self._paths(handle)
        if not cert_path.is_file() or not key_path.is_file():
            raise CryptoError(f"В хранилище {self.store_dir} нет ключа сертификата {handle}")
        return open_signer(_read_limited(cert_path, "сертификат"), _read_limited(key_path, "ключ"), password)

    def sign_digest(self, handle: str, digest: bytes, *, password: str | None = None) -> bytes:
        return self.signer(handle, password).sign_digest(digest)
