"""check_poa end to end with real GOST signatures: validation, the principal's signature,
the signed УПД; and the file services behind `edo poa check` / `edo poa build`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from edo_app.crypto.cms_parse import SignatureFormatError
from edo_app.documents import sample_buyer_title, to_xml
from edo_app.errors import UnreadableInput, XmlInputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.problems import InputErrors
from edo_app.poa import PartyIdentity, file_name, poa_from_xml, poa_to_xml, sample_poa
from edo_app.poa.checks import CheckOutcome, PoaStatus
from edo_app.poa.revocation import RevocationList
from edo_app.services.poa_checks import build_poa_file, check_poa, document_facts, load_revocations
from tests.oracles import PROJECT
from tests.unit.poa.test_checks_fixtures import AT, key_for, sign, signed_poa, subject, upd_bytes, upd_under

OK, FAILED, UNKNOWN = CheckOutcome.OK, CheckOutcome.FAILED, CheckOutcome.UNKNOWN
COMPLETE = RevocationList(checked_through=AT)


def test_a_sound_poa_with_its_document_is_valid() -> None:
    s = signed_poa(1)
    verdict = check_poa(s.xml, s.name, s.signature, s.representative.certificate,
                        document_bytes=upd_bytes(upd_under(s.poa)), at=AT, revocations=COMPLETE)
    assert verdict.status is PoaStatus.VALID, verdict.checks
    assert all(c.outcome is OK for c in verdict.checks)


def test_a_tampered_poa_fails_its_signature() -> None:
    s = signed_poa(1)
    tampered = s.xml.replace(s.poa.internal_number.encode(), b"X-0001/2025")
    verdict = check_poa(tampered, s.name, s.signature, s.representative.certificate, at=AT)
    assert verdict.status is PoaStatus.INVALID
    assert verdict.check("format").outcome is OK  # still a well-formed МЧД
    assert verdict.check("principal_signature").outcome is FAILED
    assert "хэш документа" in verdict.check("principal_signature").detail


def test_wrong_file_name_fails_the_format() -> None:
    s = signed_poa(1)
    verdict = check_poa(s.xml, "renamed.xml", s.signature, s.representative.certificate, at=AT)
    assert verdict.status is PoaStatus.INVALID
    assert "emchd.file-name" in verdict.check("format").detail


def test_without_a_document_the_verdict_has_warnings() -> None:
    s = signed_poa(1)
    verdict = check_poa(s.xml, s.name, s.signature, s.representative.certificate, at=AT)
    assert verdict.status is PoaStatus.WARNINGS
    unknown = {c.name for c in verdict.checks if c.outcome is UNKNOWN}
    assert unknown == {"principal", "powers", "not_revoked", "document_reference"}


def test_without_the_principals_signature_it_cannot_be_checked() -> None:
    s = signed_poa(1)
    verdict = check_poa(s.xml, s.name, None, s.representative.certificate, at=AT, revocations=COMPLETE)
    assert verdict.status is PoaStatus.CANNOT_CHECK


def test_a_document_of_another_seller_under_another_poa_is_invalid() -> None:
    s = signed_poa(1)
    other = sample_poa(4)
    doc = upd_under(s.poa, number=other.number, seller_inn=other.principal_identity().inn)
    verdict = check_poa(s.xml, s.name, s.signature, s.representative.certificate, document_bytes=upd_bytes(doc),
                        at=AT, revocations=COMPLETE)
    assert verdict.status is PoaStatus.INVALID
    assert verdict.check("principal").outcome is FAILED
    assert verdict.check("document_reference").outcome is FAILED


def test_no_poa_is_not_attached() -> None:
    assert check_poa(None, "", None, None).status is PoaStatus.NOT_ATTACHED


def test_xml_that_is_not_a_readable_poa_is_invalid() -> None:
    data = '<Доверенность xmlns="urn://x-artefacts/EMCHD_1" ВерсФорм="EMCHD_1"/>'.encode()
    verdict = check_poa(data, "ON_EMCHD_x.xml", None, None, at=AT)
    assert verdict.status is PoaStatus.INVALID
    assert verdict.check("format").outcome is FAILED and "не читается" in verdict.check("format").detail
    assert verdict.check("validity").outcome is UNKNOWN


def test_garbage_input_is_unreadable() -> None:
    s = signed_poa(1)
    with pytest.raises(XmlInputError):
        check_poa(b"\x00not xml", s.name, None, None, at=AT)
    with pytest.raises(SignatureFormatError):
        check_poa(s.xml, s.name, b"garbage", None, at=AT)


def test_a_redelegation_signed_by_its_grantor_with_the_parent_supplied() -> None:
    parent = signed_poa(1)
    child = sample_poa(2, redelegation_of=parent.poa)
    xml = poa_to_xml(child)
    grantor = child.principals[0]
    signature = sign(xml, key_for(subject(grantor)))  # type: ignore[arg-type]  # a Person here
    rep = key_for(subject(child.representatives[0])).certificate  # type: ignore[arg-type]
    doc = upd_bytes(upd_under(parent.poa, number=child.number))
    verdict = check_poa(xml, file_name(child), signature, rep, at=AT, revocations=COMPLETE,
                        parents=[parent.poa], document_bytes=doc)
    assert verdict.check("principal_signature").outcome is OK, verdict.check("principal_signature")
    assert verdict.check("chain").outcome is OK and verdict.check("principal").outcome is OK
    assert verdict.status is PoaStatus.VALID, verdict.checks
    broken = check_poa(xml, file_name(child), signature, rep, at=AT, revocations=COMPLETE,
                       parents=[replace(parent.poa, redelegation_right="1")], document_bytes=doc)
    assert broken.status is PoaStatus.INVALID and broken.check("chain").outcome is FAILED


# -- the document's facts ---------------------------------------------------------------------
def test_document_facts_of_seller_and_buyer_titles() -> None:
    poa = signed_poa(1).poa
    seller = upd_under(poa)
    facts = document_facts(upd_bytes(seller))
    assert facts.kind is DocumentKind.UPD_SELLER and facts.parties == (poa.principal_identity(),)
    assert facts.poa_refs is not None and facts.poa_refs[0].number == poa.number
    buyer = document_facts(to_xml(sample_buyer_title(seed=2)))
    assert buyer.kind is DocumentKind.UPD_BUYER and buyer.parties == () and buyer.poa_refs == ()
    other = document_facts('<Файл ИдФайл="X"/>'.encode())
    assert other.kind is DocumentKind.UNKNOWN and other.poa_refs is None
    assert isinstance(facts.parties[0], PartyIdentity)


# -- files ----------------------------------------------------------------------------------
def test_load_revocations_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "revoked.txt"
    path.write_text("# список\nchecked-through: 2025-06-01\nплохая строка\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="строка 3"):
        load_revocations(path)
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(UnreadableInput, match="UTF-8"):
        load_revocations(path)


def test_build_poa_file_writes_a_valid_poa(tmp_path: Path) -> None:
    source = PROJECT / "resources" / "samples" / "poa-ul-employee.json"
    target = build_poa_file(source, tmp_path / "out")
    poa = poa_from_xml(target.read_bytes())
    assert target.name == file_name(poa) and target.name.startswith("ON_EMCHD_")


def test_build_poa_file_writes_nothing_for_bad_input(tmp_path: Path) -> None:
    data = json.loads((PROJECT / "resources" / "samples" / "poa-ul-employee.json").read_text(encoding="utf-8"))
    data["number"] = "123"
    data["representatives"][0]["snils"] = "111-111-111 11"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        build_poa_file(source, tmp_path / "out")
    assert {"number", "representatives[0].snils"} <= {p for p, _ in caught.value.problems}
    assert not (tmp_path / "out").exists()
