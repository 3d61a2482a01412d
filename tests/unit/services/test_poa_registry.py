"""PoaRegistryService: import, create and sign МЧД, revocations, who may use which МЧД, and
the МЧД a signed document carries.

Keys and certificates come from the throwaway test PKI of tests/unit/crypto: the principal's
head is its fictional «Иванов Пётр Сергеевич»; representatives are sample_poa's invented people.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import core, x509
from sqlalchemy import text

from edo_app.crypto.cms import build_detached
from edo_app.crypto.cms_parse import SignatureFormatError
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.provider import ProviderRegistry
from edo_app.crypto.software import SoftwareProvider
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import verify_detached
from edo_app.documents import file_name as document_file_name
from edo_app.documents import sample_upd, to_xml
from edo_app.errors import InputError, PoaError, StorageError, XmlInputError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.party import Party, PersonName
from edo_app.poa import (
    LegalEntity,
    Organisation,
    PartyIdentity,
    Person,
    PowerOfAttorney,
    file_name,
    poa_to_xml,
    sample_poa,
)
from edo_app.poa.revocation import Revocation, RevocationList, RevocationStatus
from edo_app.services import Changes, EventBus, PoaPart, PoaQuery, PoaRegistryService, Services
from edo_app.storage import Database, DocumentRepository, SignatureRepository, open_database
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import INN_LE, INN_PERSON, NOW, OGRN, Pki
from tests.unit.crypto.fixtures import TestKey as PkiKey
from tests.unit.storage.factories import CONTENT, REPORT_OK, summary

PASSWORD = "пароль-доверителя"
CHECK_TIME = datetime(2026, 6, 1, 12, 30, tzinfo=UTC)
KPP = "500101001"
HEAD = Person(PersonName("Иванов", "Пётр", "Сергеевич"), INN_PERSON, "123-456-789 64", "Генеральный директор")
PRINCIPAL = LegalEntity(Organisation('ООО "Тестовая Ромашка"', INN_LE, KPP, OGRN), (HEAD,))
PARTY = PartyIdentity(INN_LE, KPP)
TABLES = ("powers_of_attorney", "poa_signatures", "poa_revocations", "document_poa", "events")


def make_poa(seed: int, *, principal: LegalEntity = PRINCIPAL, valid_from: date = date(2026, 1, 10),
             valid_to: date = date(2026, 12, 31), representative: Person | None = None) -> PowerOfAttorney:
    """sample_poa's МЧД (an invented representative) given by the test PKI's company."""
    base = sample_poa(seed, valid_from=valid_from, valid_to=valid_to)
    reps = (representative,) if representative is not None else base.representatives
    return replace(base, principals=(principal,), representatives=reps)


def _rdn(oid: str, value: Any) -> Any:
    return x509.RelativeDistinguishedName([{"type": oid, "value": value}])


def person_subject(person: Person) -> Any:
    """A КЭП-like subject of a person: CN, SN, GN, ИНН, СНИЛС."""
    name = person.name
    utf8 = lambda v: x509.DirectoryString(name="utf8_string", value=v)  # noqa: E731
    return x509.Name(name="", value=x509.RDNSequence([
        _rdn("2.5.4.3", utf8(name.full)), _rdn("2.5.4.4", utf8(name.last)),
        _rdn("2.5.4.42", utf8(f"{name.first} {name.middle}".strip())),
        _rdn("1.2.643.3.131.1.1", core.NumericString(person.inn)),
        _rdn("1.2.643.100.3", core.NumericString(person.snils.replace("-", "").replace(" ", ""))),
    ]))


def signature(key: PkiKey, content: bytes) -> bytes:
    return build_detached(new_hash(32, content).digest(), key.certificate, key.sign_digest, signing_time=NOW)


@dataclass
class World:
    database: Database
    service: PoaRegistryService
    provider: SoftwareProvider
    seen: list[Changes]
    pki: Pki

    def counts(self) -> dict[str, int]:
        with self.database.engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}

    def import_signed(self, poa: PowerOfAttorney, key: PkiKey | None = None) -> int:
        data = poa_to_xml(poa)
        result = self.service.import_poa(data, file_name(poa), signature(key or self.pki.signer, data))
        assert result.poa_id is not None
        return result.poa_id


@pytest.fixture
def world(tmp_path: Path, sqlite_url: str, test_pki: Pki) -> Iterator[World]:
    database = open_database(sqlite_url)
    provider = SoftwareProvider(tmp_path / "keys")
    bus, seen = EventBus(), list[Changes]()
    bus.subscribe(seen.append)
    service = PoaRegistryService(database, bus, providers=ProviderRegistry([provider]),
                                 trust=TrustStore((test_pki.root.certificate,)), clock=lambda: CHECK_TIME)
    yield World(database, service, provider, seen, test_pki)
    database.close()


def _import_key(provider: SoftwareProvider, key: PkiKey) -> str:
    pem = pki.encrypt_pkcs8(pki.private_key_info(key.curve, key.private), PASSWORD)
    return provider.import_pair(key.certificate.der, pem, PASSWORD).handle


# --- import ---------------------------------------------------------------------------------


def test_import_with_a_valid_signature_stores_both(world: World) -> None:
    poa = make_poa(1)
    data = poa_to_xml(poa)
    result = world.service.import_poa(data, file_name(poa), signature(world.pki.signer, data), actor="импорт")
    assert result.stored and result.report.ok and result.poa_id is not None
    assert result.signature is not None and result.signature.valid is True and result.signature.trusted is True
    assert result.signature.signer == "Иванов Пётр Сергеевич" and result.signature.signer_inn == INN_PERSON
    stored = world.service.get(result.poa_id)
    assert stored.content == data and stored.signatures == (result.signature,)
    facts = stored.row.facts
    assert (facts.number, facts.principal_inn, facts.principal_kpp) == (poa.number, INN_LE, KPP)
    assert facts.principal_name == 'ООО "Тестовая Ромашка"' and stored.row.signed
    rep = poa.representatives[0]
    assert isinstance(rep, Person) and facts.representatives[0].inn == rep.inn
    assert world.service.poa(result.poa_id) == poa
    assert [e.action for e in world.service.history(result.poa_id)] == ["poa.added", "poa.signature.added"]


def test_signature_of_other_bytes_is_kept_with_its_verdict(world: World) -> None:
    poa = make_poa(1)
    result = world.service.import_poa(poa_to_xml(poa), file_name(poa), signature(world.pki.signer, b"other"))
    assert result.stored and result.signature is not None and result.signature.valid is False
    assert any("другому файлу" in reason for reason in result.signature.reasons)
    assert world.service.list()[0].signed is False


def test_garbage_signature_stores_nothing(world: World) -> None:
    poa = make_poa(1)
    with pytest.raises(SignatureFormatError):
        world.service.import_poa(poa_to_xml(poa), file_name(poa), b"not a signature")
    assert world.counts() == dict.fromkeys(TABLES, 0)


def test_invalid_poa_is_reported_and_nothing_stored(world: World) -> None:
    poa = make_poa(1)
    data = poa_to_xml(poa)
    broken = data.replace('ВидДовер="1"'.encode(), 'ВидДовер="9"'.encode())
    assert broken != data
    for content, name in ((broken, file_name(poa)), (data, "ON_EMCHD_20260110_other.xml")):
        result = world.service.import_poa(content, name, signature(world.pki.signer, content))
        assert not result.stored and not result.report.ok and result.signature is None
    with pytest.raises(XmlInputError):
        world.service.import_poa(b"<not xml", file_name(poa))
    assert world.counts() == dict.fromkeys(TABLES, 0)


def test_a_document_that_is_no_poa_is_refused(world: World) -> None:
    doc = sample_upd("СЧФ", lines=1, seed=1)
    result = world.service.import_poa(to_xml(doc), document_file_name(doc))
    assert not result.stored
    assert [i.code for i in result.report.errors] == ["emchd.unsupported"]
    assert world.counts() == dict.fromkeys(TABLES, 0)


def test_the_same_poa_twice_is_refused(world: World) -> None:
    poa = make_poa(1)
    world.import_signed(poa)
    before = world.counts()
    with pytest.raises(StorageError, match="уже есть в базе"):
        world.service.import_poa(poa_to_xml(poa), file_name(poa))
    assert world.counts() == before


# --- create and sign ------------------------------------------------------------------------


def test_create_and_sign_through_the_software_provider(world: World) -> None:
    poa = make_poa(2)
    poa_id = world.service.create_poa(poa, actor="Иванов")
    assert world.service.get(poa_id).content == poa_to_xml(poa)
    assert world.service.list()[0].signed is False
    handle = _import_key(world.provider, world.pki.signer)
    stored = world.service.sign_poa(poa_id, "software", handle, PASSWORD, at=NOW)
    assert stored.valid is True and stored.trusted is True and stored.signing_time == NOW
    assert stored.cert_serial == world.pki.signer.certificate.serial_hex and stored.verified_at == CHECK_TIME
    [verdict] = verify_detached(poa_to_xml(poa), stored.der, at=NOW)
    assert verdict.valid
    assert world.service.list()[0].signed is True
    assert [e.action for e in world.service.history(poa_id)] == ["poa.added", "poa.signature.added"]
    with pytest.raises(InputError, match="уже подписана"):
        world.service.sign_poa(poa_id, "software", handle, PASSWORD)


def test_only_the_principal_may_sign(world: World, rep_key: PkiKey) -> None:
    poa_id = world.service.create_poa(make_poa(1))
    handle = _import_key(world.provider, rep_key)
    before = world.counts()
    with pytest.raises(PoaError, match="подписывает доверитель"):
        world.service.sign_poa(poa_id, "software", handle, PASSWORD)
    assert world.counts() == before


def test_a_head_of_another_company_may_not_sign(world: World) -> None:
    other = LegalEntity(Organisation("ООО «Дальний лес»", "5027349616", "502701001"), (HEAD,))
    poa_id = world.service.create_poa(make_poa(1, principal=other))
    handle = _import_key(world.provider, world.pki.signer)  # the certificate names company INN_LE
    with pytest.raises(PoaError, match="5027349616"):
        world.service.sign_poa(poa_id, "software", handle, PASSWORD)


# --- revocations ---------------------------------------------------------------------------


def test_revoke_and_import_revocations(world: World) -> None:
    poa = make_poa(1)
    poa_id = world.import_signed(poa)
    at = datetime(2026, 3, 1, 12, 0)  # naive: Moscow time
    revocation = world.service.revoke(poa.number.upper(), at, actor="Иванов")
    assert revocation.number == poa.number and revocation.revoked_at == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert world.service.get(poa_id).row.revoked_at == revocation.revoked_at
    assert world.service.history(poa_id)[-1].action == "poa.revoked"
    others = RevocationList([Revocation(poa.number, at, "operator"),
                             Revocation("0c1e6f2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", at, "operator")])
    assert world.service.import_revocations(others) == 2
    assert world.service.import_revocations(others) == 0  # a registry answer re-imported
    assert len(world.service.revocations()) == 3
    known = world.service.revocation_list()
    assert known.status(poa.number, datetime(2026, 3, 2, tzinfo=UTC)) is RevocationStatus.REVOKED
    with pytest.raises(InputError, match="GUID"):
        world.service.revoke("не-номер", at)
    with pytest.raises(InputError, match="источник"):
        world.service.revoke(poa.number, at, "кто-то")


# --- which МЧД a signer may use --------------------------------------------------------------


def test_usable_for_filters_by_representative_principal_date_and_revocation(world: World,
                                                                              rep_key: PkiKey) -> None:
    rep = make_poa(1).representatives[0]
    assert isinstance(rep, Person)
    good = world.import_signed(make_poa(1))
    world.import_signed(make_poa(3, representative=rep, valid_from=date(2025, 1, 1), valid_to=date(2025, 12, 31)))
    world.import_signed(make_poa(4))  # another representative
    elsewhere = LegalEntity(Organisation("ООО «Дальний лес»", "5027349616", "502701001"), (HEAD,))
    world.import_signed(make_poa(5, principal=elsewhere, representative=rep))
    revoked = world.import_signed(make_poa(6, representative=rep))
    world.service.revoke(world.service.get(revoked).row.number, datetime(2026, 5, 1, tzinfo=UTC))
    unsigned = world.service.create_poa(make_poa(7, representative=rep))
    cert = rep_key.certificate
    at = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    assert [r.id for r in world.service.usable_for(cert, PARTY, at)] == [good]
    assert {r.id for r in world.service.usable_for(cert, PARTY, at, signed_only=False)} == {good, unsigned}
    before_revocation = datetime(2026, 4, 30, tzinfo=UTC)
    assert {r.id for r in world.service.usable_for(cert, PARTY, before_revocation)} == {good, revoked}
    assert world.service.usable_for(cert, PartyIdentity(INN_LE, "500102001"), at) == []  # another КПП
    assert [r.id for r in world.service.usable_for(cert, PartyIdentity(INN_LE, ""), at)] == [good]
    assert world.service.usable_for(world.pki.signer.certificate, PARTY, at) == []  # the head is no representative
    assert world.service.usable_for(cert, PARTY, datetime(2027, 1, 1, tzinfo=UTC)) == []  # expired


def test_usable_for_takes_the_day_in_moscow(world: World, rep_key: PkiKey) -> None:
    poa_id = world.import_signed(make_poa(1, valid_to=date(2026, 6, 30)))
    late_utc = datetime(2026, 6, 30, 22, 0, tzinfo=UTC)  # already 1 July in Moscow
    assert world.service.usable_for(rep_key.certificate, PARTY, late_utc) == []
    assert [r.id for r in world.service.usable_for(rep_key.certificate, PARTY, late_utc - timedelta(hours=2))] \
        == [poa_id]


# --- documents -------------------------------------------------------------------------------


def test_attach_to_document_and_package_parts(world: World, rep_key: PkiKey) -> None:
    poa = make_poa(1)
    data = poa_to_xml(poa)
    poa_id = world.import_signed(poa)
    docs = DocumentRepository(world.database)
    doc_id = docs.add_document(summary(1), CONTENT, Direction.OUTGOING, DocumentStatus.VALIDATED, REPORT_OK)
    doc_sig = SignatureRepository(world.database).add(doc_id, b"\x30\x03\x02\x01\x01", None, "Щеглов")
    assert world.service.package_parts(doc_id) == []
    link = world.service.attach_to_document(doc_id, poa_id, doc_sig, actor="Щеглов")
    assert (link.document_id, link.poa_id, link.signature_id) == (doc_id, poa_id, doc_sig)
    assert world.seen == [Changes(documents_changed=(doc_id,))]
    [part] = world.service.package_parts(doc_id)
    assert part == PoaPart(data, [world.service.get(poa_id).signatures[0].der])
    content, ders = part
    assert verify_detached(content, ders[0])[0].valid
    assert world.service.documents_using(poa_id) == [doc_id]


def test_package_leaves_out_signatures_that_do_not_verify(world: World) -> None:
    poa = make_poa(1)
    data = poa_to_xml(poa)
    result = world.service.import_poa(data, file_name(poa), signature(world.pki.signer, b"other bytes"))
    assert result.poa_id is not None
    docs = DocumentRepository(world.database)
    doc_id = docs.add_document(summary(1), CONTENT, Direction.OUTGOING, DocumentStatus.VALIDATED, REPORT_OK)
    world.service.attach_to_document(doc_id, result.poa_id)
    assert world.service.package_parts(doc_id) == [PoaPart(data, [])]


def test_services_open_wires_the_registry(tmp_path: Path) -> None:
    services = Services.open(tmp_path / "data")
    try:
        poa_id = services.poas.create_poa(make_poa(1))
        assert [row.id for row in services.poas.list(PoaQuery(text="тестовая ромашка"))] == [poa_id]
    finally:
        services.close()


def test_signed_poa_and_document_pass_the_poa_checks(world: World, rep_key: PkiKey) -> None:
    """End to end: create, sign as principal, put the МЧД into a УПД, attach, then the МЧД
    checks (services.poa_checks) accept what the package would carry."""
    from edo_app.poa.checks import CheckOutcome
    from edo_app.services.drafts import apply_poa
    from edo_app.services.poa_checks import check_poa

    poa = make_poa(1)
    poa_id = world.service.create_poa(poa)
    world.service.sign_poa(poa_id, "software", _import_key(world.provider, world.pki.signer), PASSWORD, at=NOW)
    doc = sample_upd("СЧФДОП", lines=2, seed=4)
    doc = replace(doc, sellers=(replace(doc.sellers[0], party=Party('ООО "Тестовая Ромашка"', INN_LE, kpp=KPP)),))
    doc = apply_poa(doc, world.service.poa(poa_id))
    docs = DocumentRepository(world.database)
    doc_id = docs.add_document(summary(1), to_xml(doc), Direction.OUTGOING, DocumentStatus.SIGNED, REPORT_OK)
    world.service.attach_to_document(doc_id, poa_id)
    [(content, [der])] = world.service.package_parts(doc_id)
    verdict = check_poa(content, file_name(poa), der, rep_key.certificate, document_bytes=to_xml(doc),
                        document_file_name=document_file_name(doc), at=datetime(2026, 6, 1, 12, 0, tzinfo=UTC))
    for name in ("format", "principal_signature", "validity", "representative", "principal", "document_reference"):
        assert verdict.check(name).outcome is CheckOutcome.OK, verdict.check(name)
