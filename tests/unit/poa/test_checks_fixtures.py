"""Shared pieces of the МЧД-check tests (no tests here): GOST certificates for the people of
an МЧД (built with tests/unit/crypto/fixtures.issue), the principal's detached signature over
the МЧД bytes, and a УПД signed under the МЧД. Fictional people only (sample_poa's)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

from asn1crypto import core, x509

from edo_app.crypto.cms import build_detached
from edo_app.crypto.openssl_gost import new_hash
from edo_app.documents import Participant, PoaRef, Signer, UpdSeller, sample_upd, to_xml
from edo_app.model.identifiers import normalize_snils
from edo_app.model.party import Party
from edo_app.poa import LegalEntity, Person, PowerOfAttorney, file_name, poa_to_xml, sample_poa
from tests.unit.crypto import fixtures as pki  # module import: pytest would collect TestKey here

CERT_FROM = datetime(2024, 1, 1, tzinfo=UTC)
CERT_TO = datetime(2030, 1, 1, tzinfo=UTC)
SIGNED_AT = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # when the principal signed the МЧД
AT = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)  # when the document is signed under it
SYSTEM_ID = "https://m4d.nalog.gov.ru/emchd/check-status"


def _rdn(oid: str, value: Any) -> Any:
    return x509.RelativeDistinguishedName([{"type": oid, "value": value}])


def _text(value: str) -> Any:
    return x509.DirectoryString(name="utf8_string", value=value)


def subject(person: Person, *, inn: str | None = "", snils: str | None = "", inn_le: str = "",
            org: str = "") -> Any:
    """A КЭП subject for ``person``; ``inn``/``snils`` "" take the person's, None leaves them out."""
    rdns = [_rdn("2.5.4.3", _text(org or person.full_name)), _rdn("2.5.4.4", _text(person.name.last)),
            _rdn("2.5.4.42", _text(f"{person.name.first} {person.name.middle}".strip()))]
    if org:
        rdns.append(_rdn("2.5.4.10", _text(org)))
    if inn is not None and (inn or person.inn):
        rdns.append(_rdn("1.2.643.3.131.1.1", core.NumericString(inn or person.inn)))
    if inn_le:
        rdns.append(_rdn("1.2.643.100.4", core.NumericString(inn_le)))
    if snils is not None and (snils or person.snils):
        rdns.append(_rdn("1.2.643.100.3", core.NumericString(normalize_snils(snils or person.snils))))
    return x509.Name(name="", value=x509.RDNSequence(rdns))


def key_for(name: Any) -> pki.TestKey:
    return pki.issue(name, not_before=CERT_FROM, not_after=CERT_TO)


def representative(poa: PowerOfAttorney) -> Person:
    rep = poa.representatives[0]
    assert isinstance(rep, Person)
    return rep


def head(poa: PowerOfAttorney) -> tuple[Person, str]:
    principal = poa.principals[0]
    assert isinstance(principal, LegalEntity)
    return principal.heads[0], principal.org.inn


def sign(content: bytes, key: pki.TestKey, when: datetime = SIGNED_AT) -> bytes:
    digest = new_hash(32, content).digest()
    return build_detached(digest, key.certificate, key.sign_digest, signing_time=when)


@dataclass(frozen=True)
class Signed:
    """An МЧД with its bytes, the principal's key and signature, and the representative's key."""

    poa: PowerOfAttorney
    xml: bytes
    principal: pki.TestKey
    signature: bytes
    representative: pki.TestKey

    @property
    def name(self) -> str:
        return file_name(self.poa)


@cache
def signed_poa(seed: int = 1) -> Signed:
    """sample_poa(seed) (a ЮЛ → a person) signed by the ЮЛ's head; cached: GOST keys are slow."""
    poa = sample_poa(seed)
    xml = poa_to_xml(poa)
    person, inn_le = head(poa)
    principal = key_for(subject(person, inn_le=inn_le, org=_org_name(poa)))
    rep = key_for(subject(representative(poa)))
    return Signed(poa, xml, principal, sign(xml, principal), rep)


def _org_name(poa: PowerOfAttorney) -> str:
    principal = poa.principals[0]
    return principal.org.name if isinstance(principal, LegalEntity) else ""


def upd_under(poa: PowerOfAttorney, *, number: str | None = None, system_id: str = SYSTEM_ID,
              seller_inn: str | None = None) -> UpdSeller:
    """A seller УПД whose seller is the МЧД's principal and whose signer refers to the МЧД."""
    principal = poa.principals[0]
    assert isinstance(principal, LegalEntity)
    org = principal.org
    base = sample_upd(seed=5)
    seller = Participant(Party(org.name, seller_inn or org.inn, kpp=org.kpp), base.sellers[0].address)
    rep = representative(poa)
    ref = PoaRef(number or poa.number, poa.issued, system_id)
    signer = Signer(rep.name, rep.position or "Главный бухгалтер", 3, poa=(ref,))
    return replace(base, sellers=(seller,), signers=(signer,))


def upd_bytes(doc: UpdSeller) -> bytes:
    return to_xml(doc)
