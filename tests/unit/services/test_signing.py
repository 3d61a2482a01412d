"""SigningService: sign stored documents, keep and re-verify signatures, attach incoming ones.

Keys and certificates come from the throwaway test PKI of tests/unit/crypto (fictional owner).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from edo_app.crypto.cms import build_detached
from edo_app.crypto.cms_parse import SignatureFormatError
from edo_app.crypto.keys import KeyPasswordError
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.provider import CertificateEntry, CryptoProvider, ProviderRegistry, WholeFileSigner
from edo_app.crypto.software import SoftwareProvider
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import verify_detached
from edo_app.errors import CryptoError, InputError, ProviderUnavailable
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services import Changes, EventBus, SigningService
from edo_app.storage import Database, DocumentRepository, open_database
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import INN_PERSON, NOW, Pki, make_pki
from tests.unit.crypto.fixtures import TestKey as PkiKey
from tests.unit.storage.contract import table_counts
from tests.unit.storage.factories import CONTENT, REPORT_OK, summary

PASSWORD = "секрет-42"
CHECK_TIME = datetime(2026, 6, 1, 12, 30, tzinfo=UTC)


@dataclass
class World:
    database: Database
    documents: DocumentRepository
    service: SigningService
    provider: SoftwareProvider
    handle: str
    key: PkiKey
    root: PkiKey
    bus_seen: list[Changes]
    doc_id: int


def _import_key(provider: SoftwareProvider, key: PkiKey, password: str | None = PASSWORD) -> str:
    info = pki.private_key_info(key.curve, key.private)
    pem = pki.encrypt_pkcs8(info, password) if password else pki.to_pem("PRIVATE KEY", info)
    return provider.import_pair(key.certificate.der, pem, password).handle


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def world(tmp_path: Path, sqlite_url: str, test_pki: Pki) -> Iterator[World]:
    root, key = test_pki.root, test_pki.signer
    database = open_database(sqlite_url)
    documents = DocumentRepository(database)
    doc_id = documents.add_document(summary(1), CONTENT, Direction.OUTGOING, DocumentStatus.VALIDATED, REPORT_OK)
    provider = SoftwareProvider(tmp_path / "keys")
    handle = _import_key(provider, key)
    bus, seen = EventBus(), list[Changes]()
    bus.subscribe(seen.append)
    service = SigningService(database, ProviderRegistry([provider]), bus, TrustStore((root.certificate,)),
                             clock=lambda: CHECK_TIME)
    yield World(database, documents, service, provider, handle, key, root, seen, doc_id)
    database.close()


def test_sign_stores_a_verifying_signature_and_marks_signed(world: World) -> None:
    stored = world.service.sign_document(world.doc_id, "software", world.handle, password=PASSWORD, at=NOW)
    assert stored.valid is True and stored.trusted is True and stored.chain_status == "verified"
    assert stored.signer == "Иванов Пётр Сергеевич" and stored.signer_inn == INN_PERSON
    assert stored.cert_serial == world.key.certificate.serial_hex
    assert stored.signing_time == NOW and stored.verified_at == CHECK_TIME
    [verdict] = verify_detached(CONTENT, world.service.export_signature(stored.id), at=NOW)
    assert verdict.valid and verdict.signing_time == NOW
    assert world.documents.get(world.doc_id).status is DocumentStatus.SIGNED
    actions = [e.action for e in world.documents.events(world.doc_id)]
    assert actions == ["document.added", "signature.added", "document.status"]
    assert world.bus_seen == [Changes(documents_changed=(world.doc_id,))]
    assert world.service.signatures(world.doc_id) == [stored]


def test_wrong_password_stores_nothing(world: World) -> None:
    before = table_counts(world.database)
    with pytest.raises(KeyPasswordError):
        world.service.sign_document(world.doc_id, "software", world.handle, password="неверный")
    assert table_counts(world.database) == before
    assert world.documents.get(world.doc_id).status is DocumentStatus.VALIDATED
    assert world.bus_seen == []


def test_unknown_provider_or_certificate(world: World) -> None:
    with pytest.raises(ProviderUnavailable, match="не зарегистрирован"):
        world.service.sign_document(world.doc_id, "cryptopro", world.handle)
    with pytest.raises(ProviderUnavailable, match="не найден"):
        world.service.sign_document(world.doc_id, "software", "0" * 40)
    assert world.service.signatures(world.doc_id) == []


def test_tampered_bytes_are_reported_on_verify(world: World) -> None:
    world.service.sign_document(world.doc_id, "software", world.handle, password=PASSWORD, at=NOW)
    with world.database.session() as session:
        session.execute(text("UPDATE document_contents SET content = :c"), {"c": CONTENT + b" "})
    [checked] = world.service.verify_document(world.doc_id, actor="проверка")
    assert checked.valid is False and checked.trusted is False
    assert any("хэш документа не совпадает" in reason for reason in checked.reasons)
    assert world.service.signatures(world.doc_id) == [checked]
    [event] = [e for e in world.documents.events(world.doc_id) if e.action == "signature.verified"]
    assert event.actor == "проверка" and event.details["valid"] is False


def test_verify_document_confirms_a_good_signature(world: World) -> None:
    signed = world.service.sign_document(world.doc_id, "software", world.handle, password=PASSWORD, at=NOW)
    [checked] = world.service.verify_document(world.doc_id, at=CHECK_TIME)
    assert checked.valid is True and checked.id == signed.id


def test_garbage_signature_is_refused_and_not_stored(world: World) -> None:
    before = table_counts(world.database)
    for garbage in (b"not a signature at all", b"\x30\x03\x02\x01\x01"):
        with pytest.raises(SignatureFormatError):
            world.service.attach_signature(world.doc_id, garbage, "контрагент")
    assert table_counts(world.database) == before


def test_signature_over_another_file_is_stored_invalid(world: World) -> None:
    key = world.key
    der = build_detached(new_hash(32, b"another file").digest(), key.certificate, key.sign_digest, signing_time=NOW)
    stored = world.service.attach_signature(world.doc_id, der, "контрагент")
    assert stored.valid is False and stored.der == der
    assert any("подпись относится к другому файлу" in reason for reason in stored.reasons)
    assert world.documents.get(world.doc_id).status is DocumentStatus.VALIDATED  # attaching is not signing
    [event] = [e for e in world.documents.events(world.doc_id) if e.action == "signature.added"]
    assert event.actor == "контрагент" and event.details["valid"] is False


def test_attach_accepts_pem_and_stores_der(world: World) -> None:
    key = world.key
    der = build_detached(new_hash(32, CONTENT).digest(), key.certificate, key.sign_digest, signing_time=NOW)
    stored = world.service.attach_signature(world.doc_id, pki.to_pem("CMS", der))
    assert stored.valid is True and world.service.export_signature(stored.id) == der


def test_second_signer_is_stored_separately_and_same_signer_refused(world: World) -> None:
    other = make_pki().signer
    world.service.sign_document(world.doc_id, "software", world.handle, password=PASSWORD, at=NOW)
    handle = _import_key(world.provider, other, None)
    cosigned = world.service.sign_document(world.doc_id, "software", handle, at=NOW)
    assert cosigned.valid is True and cosigned.chain_status == "not_checked"  # another root: not trusted
    assert cosigned.trusted is False
    assert len(world.service.signatures(world.doc_id)) == 2
    with pytest.raises(InputError, match="уже подписан этим сертификатом"):
        world.service.sign_document(world.doc_id, "software", handle, at=NOW)


class BrokenProvider:
    """Signs digests with garbage: the service must refuse to store the result."""

    name = "broken"
    title = "Сломанный провайдер"
    signs_digests = True

    def __init__(self, key: PkiKey) -> None:
        self.key = key

    def is_available(self) -> tuple[bool, str]:
        return True, "тест"

    def certificates(self) -> list[CertificateEntry]:
        return [CertificateEntry(self.name, "k", self.key.certificate)]

    def sign_digest(self, handle: str, digest: bytes, *, password: str | None = None) -> bytes:
        return bytes(range(1, 65))


class FakeCli:
    """A whole-file signer like CryptoPro's cryptcp: it returns the finished CMS."""

    name = "fakecli"
    title = "Фальшивый КриптоПро"
    signs_digests = False

    def __init__(self, key: PkiKey) -> None:
        self.key = key
        self.calls: list[tuple[str, bytes, str | None]] = []

    def is_available(self) -> tuple[bool, str]:
        return True, "тест"

    def certificates(self) -> list[CertificateEntry]:
        return [CertificateEntry(self.name, "thumb", self.key.certificate)]

    def sign_digest(self, handle: str, digest: bytes, *, password: str | None = None) -> bytes:
        raise AssertionError("a whole-file signer is never asked for a digest signature")

    def sign_cms(self, handle: str, content: bytes, *, password: str | None = None) -> bytes:
        self.calls.append((handle, content, password))
        digest = new_hash(32, content).digest()
        return build_detached(digest, self.key.certificate, self.key.sign_digest, signing_time=NOW)


def test_signature_that_does_not_verify_is_never_stored(world: World) -> None:
    world.service.providers.register(BrokenProvider(world.key))
    with pytest.raises(CryptoError, match="не прошла проверку"):
        world.service.sign_document(world.doc_id, "broken", "k")
    assert world.service.signatures(world.doc_id) == []
    assert world.documents.get(world.doc_id).status is DocumentStatus.VALIDATED


def test_whole_file_provider(world: World) -> None:
    fake = FakeCli(world.key)
    assert isinstance(fake, CryptoProvider) and isinstance(fake, WholeFileSigner)
    world.service.providers.register(fake)
    stored = world.service.sign_document(world.doc_id, "fakecli", "thumb", password="1234")
    assert fake.calls == [("thumb", CONTENT, "1234")]
    assert stored.valid is True and stored.signing_time == NOW
    assert world.documents.get(world.doc_id).status is DocumentStatus.SIGNED


def test_certificates_and_provider_status(world: World) -> None:
    class Absent(BrokenProvider):
        name = "absent"

        def is_available(self) -> tuple[bool, str]:
            return False, "не установлен"

    world.service.providers.register(Absent(world.key))
    assert [(e.provider, e.handle) for e in world.service.certificates()] == [("software", world.handle)]
    states = {s.name: (s.ok, s.reason) for s in world.service.provider_status()}
    assert states["absent"] == (False, "не установлен") and states["software"][0] is True


def test_unknown_document(world: World) -> None:
    from edo_app.errors import StorageError

    with pytest.raises(StorageError, match="не найден"):
        world.service.sign_document(12345, "software", world.handle, password=PASSWORD)
    with pytest.raises(StorageError, match="не найден"):
        world.service.attach_signature(12345, b"\x30\x00")


def test_whole_file_provider_signing_with_another_certificate_is_refused(world: World) -> None:
    fake = FakeCli(make_pki().signer)
    fake.certificates = lambda: [CertificateEntry("fakecli", "thumb", world.key.certificate)]  # type: ignore[method-assign]
    world.service.providers.register(fake)
    with pytest.raises(CryptoError, match="не выбранным сертификатом"):
        world.service.sign_document(world.doc_id, "fakecli", "thumb")
    assert world.service.signatures(world.doc_id) == []
