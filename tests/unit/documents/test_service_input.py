"""Bad input to service documents: every problem reported at once under its field path, and
unreadable or foreign XML refused with the XPath of what is wrong."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from lxml import etree

from edo_app.documents import (
    AnnulmentProposal,
    ClarificationRequest,
    EdoParticipant,
    ForeignMember,
    InputErrors,
    OperatorConfirmation,
    ReceiptNotice,
    ReferencedFile,
    ServicePoa,
    ServiceSigner,
    clarification_request_for,
    sample_service,
    sample_upd,
    service_from_xml,
    service_to_xml,
    to_xml,
)
from edo_app.errors import InputError, XmlInputError
from edo_app.model.fileid import FileId
from edo_app.model.party import Party, PersonName

from .test_service_data import (
    AT,
    BUYER,
    CITIZEN,
    FOREIGN_LE,
    FULL_SIGNER,
    OPERATOR,
    PLAIN_SIGNER,
    SELLER,
    SIG,
    UPD_ID,
    bare,
    file_id,
    rich,
)


def _paths(exc: pytest.ExceptionInfo[InputErrors]) -> list[str]:
    return [path for path, _ in exc.value.problems]


def test_every_problem_of_a_notice_is_reported_with_its_path() -> None:
    with pytest.raises(InputErrors) as exc:
        ReceiptNotice(file_id("DP_PDPOL"), BUYER, ReferencedFile(UPD_ID, (SIG,)), AT.replace(microsecond=5),
                      SELLER, replace(PLAIN_SIGNER, position="д" * 256), program="")
    assert _paths(exc) == ["file_id", "received_at", "signer.position", "program"]
    assert "DP_IZVPOL" in exc.value.problems[0][1]
    assert str(exc.value).startswith("Найдено ошибок: 4")


def test_the_operator_is_only_a_sender_of_an_iop() -> None:
    operator = EdoParticipant("2AE-OPERATOR", OPERATOR)
    with pytest.raises(InputErrors) as exc:
        ReceiptNotice(file_id("DP_IZVPOL"), operator, ReferencedFile(UPD_ID, (SIG,)), AT, operator, FULL_SIGNER)
    assert _paths(exc) == ["author.party"]
    pdp = bare("ПДП")
    assert isinstance(pdp, OperatorConfirmation)
    with pytest.raises(InputErrors) as exc:
        replace(pdp, recipient=operator)
    assert _paths(exc) == ["recipient.party"]


def test_operator_confirmation_holds_only_name_and_position_of_its_signer() -> None:
    doc = bare("ПДО")
    assert isinstance(doc, OperatorConfirmation)
    with pytest.raises(InputErrors) as exc:
        replace(doc, signer=FULL_SIGNER, kind="ПДО")
    assert _paths(exc) == ["signer"]
    with pytest.raises(InputErrors) as exc:
        replace(doc, signer=ServiceSigner(PersonName("Орлов", "Пётр")))
    assert _paths(exc) == ["signer.position"]  # Должность is required in ПДП/ПДО
    with pytest.raises(InputError) as single:
        replace(doc, kind="ИОП")
    assert single.value.field == "kind"


def test_annulment_knows_organisations_and_entrepreneurs_only() -> None:
    doc = bare("ПоА")
    assert isinstance(doc, AnnulmentProposal)
    odd_kpp = EdoParticipant("2AE7711043325", Party("ООО «Кедр»", "7711043325", "7711AZ001"))
    with pytest.raises(InputErrors) as exc:
        replace(doc, author=CITIZEN, recipient=odd_kpp, reason=" ")
    assert _paths(exc) == ["author.party", "reason", "recipient.party.kpp"]


def test_clarification_limits() -> None:
    with pytest.raises(InputErrors) as exc:
        clarification_request_for(UPD_ID, SIG, AT, sender=SELLER, recipient=BUYER, signer=FULL_SIGNER,
                                  text="ж" * 20_001)
    assert _paths(exc) == ["text"] and "20000" in exc.value.problems[0][1]
    uou = rich("УОУ")
    assert isinstance(uou, ClarificationRequest)
    with pytest.raises(InputErrors) as exc:
        replace(uou, received=ReferencedFile(UPD_ID, (SIG, SIG)))
    assert _paths(exc) == ["received.signatures"]


@pytest.mark.parametrize(("make", "field"), [
    (lambda: ReferencedFile(UPD_ID, ("не base64!",)), "signatures[0]"),
    (lambda: ReferencedFile(UPD_ID, ()), "signatures"),
    (lambda: ReferencedFile("x" * 256, (SIG,)), "name"),
    (lambda: EdoParticipant("2A", SELLER.party), "edo_id"),
    (lambda: EdoParticipant("2AE ид", SELLER.party), "edo_id"),
    (lambda: EdoParticipant("2AE7711043325", SELLER.party, entrepreneur=True), "entrepreneur"),
    (lambda: EdoParticipant("2AE7711043325", FOREIGN_LE.party, entrepreneur=True), "entrepreneur"),
    (lambda: EdoParticipant("2AE0011043325", Party("ООО «Ноль»", "0011043327", "001101001")), "party.inn"),
    (lambda: ForeignMember("ЮЛ", "Minsk Trade"), "country_code"),
    (lambda: ForeignMember("ИП", "Minsk Trade"), "status"),
    (lambda: ForeignMember("ФЛ", ""), "name"),
    (lambda: ServiceSigner(PersonName("Орлов", "Пётр"), status="2"), "poa"),
    (lambda: ServiceSigner(PersonName("Орлов", "Пётр"), status="3"), "paper_poa"),
    (lambda: ServiceSigner(PersonName("Орлов", "Пётр"), status="4"), "status"),
    (lambda: ServiceSigner(PersonName("Орлов", "Пётр"), status="2",
                           poa=ServicePoa("0c1e6f2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", AT.date(), "2")), "poa.system_id"),
    (lambda: ServicePoa("short", AT.date()), "number"),
    (lambda: ServicePoa("0c1e6f2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", AT.date(), "3"), "method"),
    (lambda: sample_service("ЭДО"), "kind"),
])
def test_value_types_name_the_field(make: object, field: str) -> None:
    with pytest.raises(InputError) as exc:
        make()  # type: ignore[operator]
    assert exc.value.field == field


def _xml(kind: str) -> etree._Element:
    return etree.fromstring(service_to_xml(rich(kind)))


def _bytes(root: etree._Element) -> bytes:
    data = etree.tostring(root, encoding="windows-1251", xml_declaration=True)
    assert isinstance(data, bytes)
    return data


@pytest.mark.parametrize(("kind", "change", "field"), [
    ("ИОП", lambda r: r.find("Документ").remove(r.find("Документ/ОтпрДок")), "Файл/Документ/ОтпрДок"),
    ("ИОП", lambda r: r.find("Документ/СвИзвПолуч").set("ВремяПол", "25.00.00"),
     "Файл/Документ/СвИзвПолуч/@ВремяПол"),
    ("ИОП", lambda r: r.set("ВерсФорм", "1.02"), "Файл/@ВерсФорм"),
    ("ИОП", lambda r: r.find("Документ/УчастЭДО").set("ИдУчастЭДО", "ab"), "Файл/Документ/УчастЭДО/@ИдУчастЭДО"),
    ("УОУ", lambda r: r.find("Документ/УчастЭДО/ИП").set("ИННФЛ", "500013389011"), "Файл/Документ/УчастЭДО/ИП.inn"),
    ("ПДП", lambda r: r.find("Документ/ОперЭДО").set("ИННЮЛ", "7710000009"), "Файл/Документ/ОперЭДО.inn"),
    ("ПДО", lambda r: r.find("Документ/СвОтпрДок").attrib.pop("ИдУчастЭДО"), "Файл/Документ/СвОтпрДок/@ИдУчастЭДО"),
    ("УОУ", lambda r: r.find("Документ/СвУведУточ/СведПолФайл").append(etree.fromstring("<ЭППолФайл>QUJD</ЭППолФайл>")),
     "Файл/Документ.received.signatures"),
    ("ПоА", lambda r: r.find("Документ/УчастЭДО").remove(r.find("Документ/УчастЭДО/ИП")),
     "Файл/Документ/УчастЭДО"),
    ("ПоА", lambda r: r.set("ИдФайл", "DP_PRANNUL_плохое"), "ИдФайл"),
])
def test_parse_errors_name_the_xpath(kind: str, change: object, field: str) -> None:
    root = _xml(kind)
    change(root)  # type: ignore[operator]
    with pytest.raises(InputError) as exc:
        service_from_xml(_bytes(root))
    fields = [p for p, _ in exc.value.problems] if isinstance(exc.value, InputErrors) else [exc.value.field]
    assert field in fields


def test_other_documents_are_refused() -> None:
    with pytest.raises(InputError) as exc:
        service_from_xml(to_xml(sample_upd()))
    assert exc.value.field == "Файл/Документ/@КНД"
    with pytest.raises(XmlInputError):
        service_from_xml(b'<!DOCTYPE x [<!ENTITY e "1">]><x>&e;</x>')
    with pytest.raises(XmlInputError):
        service_from_xml(b"not xml")


def test_bad_file_id_of_a_built_document() -> None:
    with pytest.raises(InputError) as exc:
        FileId("DP_IZVPOL", "2AE@x", "2AE", datetime(2025, 1, 1).date(), "g")
    assert exc.value.field == "recipient"
