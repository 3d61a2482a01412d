"""Matching people and links for the МЧД checks (edo_app.poa.checks): who signed the МЧД,
whether a certificate is the representative's, and the links of a re-delegation chain.

Names are compared casefolded with ё = е; identifiers as digits. A value missing on one
side is "cannot tell", never a match.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from edo_app.crypto.certificates import Certificate
from edo_app.model.identifiers import normalize_snils

from .model import REDELEGATE_FURTHER, ParentRef, PersonIdentity, PowerOfAttorney
from .parties import Entrepreneur, LegalEntity, Organisation, Person, Principal

Outcome = Literal["OK", "FAILED", "UNKNOWN"]


def normalize(text: str) -> str:
    """Casefolded, ё = е, single spaces: how names and powers are compared."""
    return " ".join(text.casefold().replace("ё", "е").split())


def owner(cert: Certificate) -> str:
    return cert.owner_name or cert.common_name or ""


def person_inn(cert: Certificate) -> str:
    """ИНН ФЛ of the owner: 12 digits. Old certificates put a ЮЛ's ИНН there as 00 + 10 digits."""
    inn = (cert.inn or "").strip()
    return inn if len(inn) == 12 and not inn.startswith("00") else ""


def _is_person(person: Person, cert: Certificate) -> str | None:
    """None when the certificate's owner is this person (name, then ИНН or СНИЛС), else why not."""
    if normalize(person.full_name) != normalize(owner(cert)):
        return f"владелец сертификата «{owner(cert)}», а в МЧД «{person.full_name}»"
    if person.inn and person_inn(cert) and person.inn != person_inn(cert):
        return f"ИНН владельца сертификата {person_inn(cert)}, а в МЧД {person.inn}"
    if person.snils and cert.snils and normalize_snils(person.snils) != normalize_snils(cert.snils):
        return "СНИЛС владельца сертификата не совпадает с указанным в МЧД"
    return None


def signer_problem(who: Principal, cert: Certificate | None) -> str | None:
    """None when ``cert`` belongs to someone entitled to sign for the principal ``who``:
    for a ЮЛ its ИНН ЮЛ and one of the persons acting without a power of attorney; for an
    ИП or a person, that person (ИНН required in the certificate when the МЧД has one)."""
    if cert is None:
        return "в подписи нет сертификата подписанта"
    if isinstance(who, LegalEntity):
        if (cert.inn_le or "") != who.org.inn:
            return f"ИНН ЮЛ в сертификате «{cert.inn_le or 'нет'}», а у доверителя {who.org.inn}"
        reasons = [_is_person(head, cert) for head in who.heads]
        if all(reasons):
            return f"{reasons[0]} (лицо, действующее без доверенности)"
        return None
    person = who.person if isinstance(who, Entrepreneur) else who
    if person.inn and person_inn(cert) != person.inn:
        return f"ИНН в сертификате «{person_inn(cert) or 'нет'}», а у доверителя {person.inn}"
    return _is_person(person, cert)


def _compare(identity: PersonIdentity, cert: Certificate) -> tuple[Outcome, str]:
    name = owner(cert)
    if normalize(identity.full_name) != normalize(name):
        return "FAILED", f"ФИО в сертификате «{name or 'нет'}», представитель в МЧД «{identity.full_name}»"
    gaps: list[str] = []
    if identity.inn:
        if not person_inn(cert):
            gaps.append("в сертификате нет ИНН ФЛ")
        elif person_inn(cert) != identity.inn:
            return "FAILED", f"ИНН ФЛ в сертификате {person_inn(cert)}, у представителя {identity.inn}"
    if identity.snils:
        if not cert.snils:
            gaps.append("в сертификате нет СНИЛС")
        elif normalize_snils(cert.snils) != identity.snils:
            return "FAILED", f"СНИЛС в сертификате {cert.snils}, у представителя другой"
    if not identity.inn and not identity.snils:
        gaps.append("у представителя в МЧД нет ни ИНН, ни СНИЛС: совпадает только ФИО")
    if gaps:
        return "UNKNOWN", f"ФИО «{identity.full_name}» совпадает, но {'; '.join(gaps)}"
    return "OK", f"сертификат выдан представителю {identity.full_name} (ФИО, ИНН ФЛ, СНИЛС совпадают)"


def representative_match(poa: PowerOfAttorney, cert: Certificate) -> tuple[Outcome, str]:
    """The best match among the representatives: OK beats UNKNOWN beats FAILED."""
    found = [_compare(identity, cert) for identity in poa.representative_identities()]
    for rep in poa.representatives:
        if isinstance(rep, Organisation) and cert.inn_le == rep.inn:
            # A ЮЛ's certificate names its head (ФНС issues them to persons acting without a POA).
            found.append(("OK", f"сертификат организации-представителя {rep.name} (ИНН ЮЛ {rep.inn})"))
    for wanted in ("OK", "UNKNOWN"):
        for outcome, detail in found:
            if outcome == wanted:
                return outcome, detail
    if not found:
        return "FAILED", f"владелец сертификата «{owner(cert)}» не является представителем по МЧД"
    return found[0]


# -- the re-delegation chain -------------------------------------------------------------------
def _ids(party: object) -> set[str]:
    """ИНН and СНИЛС by which a party in one МЧД is recognised in another."""
    if isinstance(party, LegalEntity):
        return {party.org.inn}
    if isinstance(party, Entrepreneur):
        party = party.person
    if isinstance(party, Person):
        return {value for value in (party.inn, normalize_snils(party.snils) if party.snils else "") if value}
    if isinstance(party, Organisation):
        return {party.inn}
    return set()


def _link(child: PowerOfAttorney, ref: ParentRef, parent: PowerOfAttorney, day: date) -> list[str]:
    """What is wrong with one link: ``child`` is issued under ``parent`` (referenced as ``ref``)."""
    name = f"доверенность {parent.number}"
    problems = []
    if (ref.issued, ref.valid_to) != (parent.issued, parent.valid_to):
        problems.append(f"{name}: даты в ссылке ({ref.issued:%d.%m.%Y} – {ref.valid_to:%d.%m.%Y}) не совпадают "
                        f"с самой доверенностью ({parent.issued:%d.%m.%Y} – {parent.valid_to:%d.%m.%Y})")
    if not parent.issued <= day <= parent.valid_to:
        problems.append(f"{name} не действует на {day:%d.%m.%Y} (срок {parent.issued:%d.%m.%Y} – "
                        f"{parent.valid_to:%d.%m.%Y})")
    if child.issued < parent.issued or child.valid_to > parent.valid_to:
        problems.append(f"срок передоверия {child.issued:%d.%m.%Y} – {child.valid_to:%d.%m.%Y} выходит за срок "
                        f"{name}")
    return problems


def _grantors_problem(child: PowerOfAttorney, parent: PowerOfAttorney) -> str | None:
    allowed = set().union(*(_ids(rep) for rep in parent.representatives))
    for who in child.principals:
        if not _ids(who) & allowed:
            return f"передающий полномочия не является представителем по доверенности {parent.number}"
    return None


def _powers_problem(child: PowerOfAttorney, parent: PowerOfAttorney) -> str | None:
    """Only classifier codes can be compared; free text is left to a person."""
    extra = {p.code for p in child.powers.codes} - {p.code for p in parent.powers.codes}
    if child.powers.codes and parent.powers.codes and extra:
        return f"передоверены полномочия, которых нет в доверенности {parent.number}: {', '.join(sorted(extra))}"
    return None


def chain_problems(poa: PowerOfAttorney, known: dict[str, PowerOfAttorney], day: date) -> tuple[list[str], list[str]]:
    """(numbers not supplied, problems) of every link of ``poa``'s re-delegation chain."""
    assert poa.redelegation is not None
    refs = [poa.redelegation.original, *([poa.redelegation.via] if poa.redelegation.via else [])]
    found = [known.get(ref.number.lower()) if ref.number else None for ref in refs]
    missing = [ref.number or ref.internal_number for ref, parent in zip(refs, found, strict=True) if parent is None]
    problems: list[str] = []
    children = [*found[1:], poa]  # each link's child: the next МЧД down the chain
    for ref, parent, child in zip(refs, found, children, strict=True):
        if parent is None:
            continue
        problems += _link(child, ref, parent, day) if child is not None else []
        further = child is not poa  # a parent of an intermediate link must allow re-delegating further
        if not parent.redelegation_allowed or (further and parent.redelegation_right != REDELEGATE_FURTHER):
            problems.append(f"доверенность {parent.number} не разрешает "
                            f"{'последующее ' if further else ''}передоверие")
    immediate = found[-1]
    if immediate is not None:
        problems += [p for p in (_grantors_problem(poa, immediate), _powers_problem(poa, immediate)) if p]
    original = found[0]
    if original is not None and original.principal_identity().inn != poa.principal_identity().inn:
        problems.append(f"доверитель доверенности {original.number} не совпадает с первоначальным доверителем "
                        "в передоверии")
    return missing, problems
