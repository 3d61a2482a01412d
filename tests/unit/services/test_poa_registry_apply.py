"""drafts.apply_poa: a УПД signed under an МЧД carries СпосПодтПолном=3 and СвДоверЭл from
the МЧД, and still passes the full validation (own XSD + rules, and the official 5.03 XSD with
its rules when ../shared is present). Fictional parties from sample_poa / sample_upd."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from edo_app.documents import UpdSeller, file_name, from_xml, sample_upd, to_xml
from edo_app.errors import PoaError
from edo_app.model.party import Party
from edo_app.poa import Person, PersonIdentity, PowerOfAttorney, sample_poa
from edo_app.poa.fields import snils_digits
from edo_app.schemas import SchemaRegistry, validate_bytes
from edo_app.services.drafts import apply_poa
from tests.oracles import UPD503_SELLER, require


def seller_of(poa: PowerOfAttorney, function: str = "СЧФДОП", seed: int = 2) -> UpdSeller:
    """sample_upd whose seller is the МЧД's principal organisation."""
    doc = sample_upd(function, lines=2, seed=seed)
    principal = poa.principal_identity()
    org = Party("ООО «Доверитель»", principal.inn, kpp=principal.kpp)
    return replace(doc, sellers=(replace(doc.sellers[0], party=org),))


def identity(person: Person) -> PersonIdentity:
    return PersonIdentity(person.full_name, person.inn, snils_digits(person.snils))


def signer_element(content: bytes) -> etree._Element:
    root = etree.fromstring(content)
    [signer] = root.findall("Документ/Подписант")
    return signer


@pytest.mark.parametrize("function", ["СЧФДОП", "СЧФ", "ДОП"])
def test_applied_poa_validates_and_names_the_poa(function: str) -> None:
    poa = sample_poa(5)
    doc = apply_poa(seller_of(poa, function), poa)
    content = to_xml(doc)
    report = validate_bytes(content, file_name(doc))
    assert report.ok, [issue.describe() for issue in report.errors]
    signer = signer_element(content)
    assert signer.get("СпосПодтПолном") == "3"
    [ref] = signer.findall("СвДоверЭл")
    assert ref.get("НомДовер") == poa.number
    assert ref.get("ДатаВыдДовер") == f"{poa.issued:%d.%m.%Y}"
    assert ref.get("ВнНомДовер") == poa.internal_number
    assert ref.get("ИдСистХран") == poa.system and ref.get("УРЛСист") == poa.system
    rep = poa.representatives[0]
    assert isinstance(rep, Person)
    assert signer.find("ФИО").get("Фамилия") == rep.name.last  # type: ignore[union-attr]
    assert signer.get("Должн") == rep.position
    parsed = from_xml(content)
    assert isinstance(parsed, UpdSeller) and parsed.signers[0].poa[0].number == poa.number


def test_applied_poa_passes_the_official_schema_and_rules() -> None:
    registry = SchemaRegistry.default(extra_dirs=[require(UPD503_SELLER).parent])
    poa = sample_poa(8)
    doc = apply_poa(seller_of(poa), poa)
    report = validate_bytes(to_xml(doc), file_name(doc), registry)
    assert UPD503_SELLER.stem in report.schema_id
    assert report.ok, [issue.describe() for issue in report.errors]


def test_the_signer_picks_the_representative() -> None:
    base = sample_poa(5)
    second = sample_poa(9).representatives[0]
    assert isinstance(second, Person)
    poa = replace(base, representatives=(*base.representatives, second))
    doc = apply_poa(seller_of(poa), poa, identity(second))
    assert doc.signers[0].name == second.name and doc.signers[0].authority == 3
    stranger = sample_poa(11).representatives[0]
    assert isinstance(stranger, Person)
    with pytest.raises(PoaError, match="не является представителем"):
        apply_poa(seller_of(poa), poa, identity(stranger))
    namesake = PersonIdentity(second.full_name, "", "")  # a name alone identifies nobody
    with pytest.raises(PoaError):
        apply_poa(seller_of(poa), poa, namesake)


def test_the_principal_must_be_the_seller() -> None:
    poa = sample_poa(5)
    with pytest.raises(PoaError, match="не продавец"):
        apply_poa(sample_upd("СЧФДОП", lines=1, seed=2), poa)
    doc = seller_of(poa)
    other_branch = replace(doc.sellers[0], party=replace(doc.sellers[0].party, kpp=poa.principal_identity().inn[:4]
                                                          + "02001"))
    with pytest.raises(PoaError, match="КПП"):
        apply_poa(replace(doc, sellers=(other_branch,)), poa)


def test_other_signers_and_signer_details_are_kept() -> None:
    poa = sample_poa(5)
    doc = seller_of(poa)
    first = replace(doc.signers[0], signer_type="1", extra="по приказу № 1")
    doc = replace(doc, signers=(first, first))
    applied = apply_poa(doc, poa, index=1)
    assert applied.signers[0] == first
    assert (applied.signers[1].signer_type, applied.signers[1].extra) == ("1", "по приказу № 1")
    assert applied.signers[1].poa[0].number == poa.number
    report = validate_bytes(to_xml(applied), file_name(applied))
    assert report.ok, [issue.describe() for issue in report.errors]


def test_a_system_too_long_for_the_document_is_refused() -> None:
    poa = replace(sample_poa(5), system="https://реестр.example/" + "x" * 600)
    with pytest.raises(PoaError, match="ИдСистХран"):
        apply_poa(seller_of(poa), poa)
