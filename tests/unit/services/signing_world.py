"""A data folder ready for signing from the desktop: keys of the test PKI in the software store,
УПД of the PKI's company stored in the registry, and МЧД of that company for a representative.

Shared by the service tests of signing_batch/certificate_store and the UI tests. Validity is
relative to today, so the same data work whatever day the suite runs (the app uses the clock).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from edo_app.crypto.cms import build_detached
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.software import SoftwareProvider
from edo_app.documents import file_name, sample_upd, to_xml
from edo_app.model.kinds import Direction
from edo_app.model.party import Party
from edo_app.poa import Person, poa_to_xml
from edo_app.poa import file_name as poa_file_name
from edo_app.services import Services
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import INN_LE, Pki, issue, person_name
from tests.unit.crypto.fixtures import TestKey as PkiKey
from tests.unit.services.test_poa_registry import KPP, make_poa, person_subject

PASSWORD = "ключ-для-подписи"
TODAY = datetime.now(UTC)


def software(services: Services) -> SoftwareProvider:
    provider = services.signing.providers.get("software")
    assert isinstance(provider, SoftwareProvider)
    return provider


def key_pem(key: PkiKey, password: str | None = PASSWORD) -> bytes:
    info = pki.private_key_info(key.curve, key.private)
    return pki.encrypt_pkcs8(info, password) if password else pki.to_pem("PRIVATE KEY", info)


def import_key(services: Services, key: PkiKey, password: str | None = PASSWORD) -> str:
    """The key pair in the data folder's software store; returns its handle."""
    return software(services).import_pair(key.certificate.der, key_pem(key, password), password).handle


def head_key(test_pki: Pki, *, days_left: int = 300) -> PkiKey:
    """The company's head (ИНН ЮЛ in the certificate) with a term around today."""
    return issue(person_name("Иванов Пётр Сергеевич"), issuer=test_pki.root, not_before=TODAY - timedelta(days=30),
                 not_after=TODAY + timedelta(days=days_left))


def expired_key(test_pki: Pki) -> PkiKey:
    return issue(person_name("Иванов Пётр Сергеевич"), issuer=test_pki.root, not_before=TODAY - timedelta(days=400),
                 not_after=TODAY - timedelta(days=35))


def representative(seed: int = 1) -> Person:
    rep = make_poa(seed).representatives[0]
    assert isinstance(rep, Person)
    return rep


def representative_key(test_pki: Pki, seed: int = 1) -> PkiKey:
    """A person's certificate (no ИНН ЮЛ): the representative of make_poa(seed)."""
    return issue(person_subject(representative(seed)), issuer=test_pki.root, not_before=TODAY - timedelta(days=30),
                 not_after=TODAY + timedelta(days=300))


def store_upd(services: Services, seed: int, direction: Direction = Direction.OUTGOING) -> int:
    """A valid УПД stored in the registry whose own party is the test PKI's company: the seller of
    an outgoing document, the buyer of an incoming one."""
    doc = sample_upd("СЧФ", lines=1, seed=seed)
    company = Party('ООО "Тестовая Ромашка"', INN_LE, kpp=KPP)
    if direction is Direction.INCOMING:
        doc = replace(doc, buyers=(replace(doc.buyers[0], party=company),))
    else:
        doc = replace(doc, sellers=(replace(doc.sellers[0], party=company),))
    result = services.library.import_bytes(to_xml(doc), file_name(doc), direction)
    assert result.document_id is not None, [issue.describe() for issue in result.report.errors]
    return result.document_id


def store_poa(services: Services, head: PkiKey, seed: int = 1) -> int:
    """make_poa(seed) valid from ten days ago for a year, signed by the company's head, stored."""
    start = TODAY.date() - timedelta(days=10)
    poa = make_poa(seed, valid_from=start, valid_to=date(start.year + 1, start.month, min(start.day, 28)))
    data = poa_to_xml(poa)
    der = build_detached(new_hash(32, data).digest(), head.certificate, head.sign_digest, signing_time=TODAY)
    result = services.poas.import_poa(data, poa_file_name(poa), der)
    assert result.poa_id is not None, [issue.describe() for issue in result.report.errors]
    return result.poa_id
