"""The provider protocol and registry: availability reasons, lookups, defaults."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from edo_app.crypto import cryptopro
from edo_app.crypto.certificates import load_certificate
from edo_app.crypto.cryptopro import CryptoProProvider
from edo_app.crypto.curves import CRYPTOPRO_A
from edo_app.crypto.provider import CertificateEntry, CryptoProvider, ProviderRegistry, default_registry
from edo_app.crypto.software import SoftwareProvider
from edo_app.errors import ProviderUnavailable
from tests.unit.crypto.fake_cryptopro import pki


@dataclass
class FakeProvider:
    """An in-process provider: the shape every real one has."""

    name: str
    ok: bool = True
    reason: str = "готов"
    entries: list[CertificateEntry] = field(default_factory=list)
    title: str = "Тестовый провайдер"
    signs_digests: bool = True

    def is_available(self) -> tuple[bool, str]:
        return self.ok, self.reason

    def certificates(self) -> list[CertificateEntry]:
        return list(self.entries)

    def sign_digest(self, handle: str, digest: bytes, *, password: str | None = None) -> bytes:
        return digest[::-1] * 2


def _entry(provider: str, handle: str) -> CertificateEntry:
    d = 1 + int.from_bytes(handle.encode(), "big") % (CRYPTOPRO_A.q - 1)
    return CertificateEntry(provider, handle, load_certificate(pki.self_signed(CRYPTOPRO_A, d)))


def test_registry_reports_availability_with_reasons() -> None:
    ready = FakeProvider("ready", entries=[_entry("ready", "a")])
    absent = FakeProvider("absent", ok=False, reason="не установлен")
    registry = ProviderRegistry([ready, absent])
    assert isinstance(ready, CryptoProvider)
    assert registry.names() == ["ready", "absent"]
    assert [(p.name, ok, why) for p, ok, why in registry.status()] == [
        ("ready", True, "готов"), ("absent", False, "не установлен")]
    assert registry.available() == [ready]
    assert registry.get("ready") is ready
    with pytest.raises(ProviderUnavailable, match="Тестовый провайдер: не установлен"):
        registry.get("absent")
    with pytest.raises(ProviderUnavailable, match=r"«nope» не зарегистрирован .*ready, absent"):
        registry.get("nope")


def test_registry_certificates_and_find() -> None:
    first = FakeProvider("one", entries=[_entry("one", "a"), _entry("one", "b")])
    second = FakeProvider("two", entries=[_entry("two", "c")])
    hidden = FakeProvider("off", ok=False, entries=[_entry("off", "d")])
    registry = ProviderRegistry([first, hidden, second])
    assert [(e.provider, e.handle) for e in registry.certificates()] == [("one", "a"), ("one", "b"), ("two", "c")]
    assert registry.find("one", "b").handle == "b"
    with pytest.raises(ProviderUnavailable, match="Сертификат z не найден"):
        registry.find("one", "z")


def test_register_replaces_by_name() -> None:
    registry = ProviderRegistry([FakeProvider("x", reason="старый")])
    registry.register(FakeProvider("x", reason="новый"))
    assert [why for _, _, why in registry.status()] == ["новый"]


def test_default_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(cryptopro, "DEFAULT_DIRS", (tmp_path / "no-csp",))
    registry = default_registry(tmp_path / "keys")
    assert registry.names() == ["software", "cryptopro"]
    assert isinstance(registry.get("software"), SoftwareProvider)
    status = {p.name: (ok, why) for p, ok, why in registry.status()}
    assert status["cryptopro"] == (False, "КриптоПро CSP не установлен (не найден cryptcp)")
    assert status["software"][0]
    with pytest.raises(ProviderUnavailable, match="КриптоПро CSP: КриптоПро CSP не установлен"):
        registry.get("cryptopro")


def test_default_registry_uses_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EDO_APP_DATA_DIR", str(tmp_path))
    software = default_registry().get("software")
    assert isinstance(software, SoftwareProvider) and software.store_dir == tmp_path / "keys"


def test_importing_providers_probes_nothing() -> None:
    """A fresh interpreter imports the provider modules with no CryptoPro and no subprocess."""
    code = ("import subprocess, sys\n"
            "def boom(*a, **k): raise SystemExit('subprocess at import')\n"
            "subprocess.run = subprocess.Popen = boom\n"
            "import edo_app.crypto.provider, edo_app.crypto.cryptopro, edo_app.crypto.software\n"
            "print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                          cwd=Path(__file__).resolve().parents[3])
    assert done.stdout.strip() == "ok", done.stderr


def test_cryptopro_provider_shape() -> None:
    provider = CryptoProProvider([], use_path=False)
    assert isinstance(provider, CryptoProvider)
    assert provider.name == "cryptopro" and provider.title == "КриптоПро CSP" and not provider.signs_digests
