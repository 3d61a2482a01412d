"""Service documents: exact round trip, the flow's constructors, samples, registry recognition."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from lxml import etree

from edo_app.documents import (
    AnnulmentProposal,
    ClarificationRequest,
    EdoParticipant,
    OperatorConfirmation,
    ReceiptNotice,
    annulment_proposal_for,
    clarification_request_for,
    file_name,
    identify,
    operator_confirmation,
    receipt_notice_for,
    sample_service,
    sample_upd,
    service_from_xml,
    service_to_xml,
    summarize,
)
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import Party, PersonName
from edo_app.xmlio import parse_bytes

from .test_service_data import (
    AT,
    BUYER,
    DAY,
    ENTREPRENEUR,
    GUID,
    IP,
    KINDS,
    OPERATOR,
    PLAIN_SIGNER,
    SELLER,
    SIG,
    SIG2,
    UPD_ID,
    bare,
    rich,
)

KND = {"ИОП": "1115110", "ПДО": "1115111", "ПДП": "1115112", "УОУ": "1115113", "ПоА": ""}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("make", [rich, bare, sample_service])
def test_exact_round_trip(kind: str, make: object) -> None:
    doc = make(kind)  # type: ignore[operator]
    data = service_to_xml(doc)
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>\n<\xd4\xe0\xe9\xeb ')  # «<Файл »
    parsed = service_from_xml(data)
    assert parsed == doc
    assert service_to_xml(parsed) == data
    assert file_name(doc) == f"{doc.file_id}.xml" == doc.file_name
    root = parse_bytes(data).getroot()
    assert root.get("ИдФайл") == str(doc.file_id) and root.get("ВерсФорм") == doc.format.version
    assert root.get("ИдФайл", "").startswith(doc.format.prefix + "_")
    assert (root.find("Документ").get("КНД") or "") == KND[kind]  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", KINDS)
def test_layout_is_not_part_of_the_model(kind: str) -> None:
    """A file without indentation (as other programs write) parses to the same document, and
    rebuilding it gives our canonical bytes."""
    doc = rich(kind)
    data = service_to_xml(doc)
    compact = etree.tostring(etree.fromstring(data, etree.XMLParser(remove_blank_text=True)), encoding="windows-1251")
    assert isinstance(compact, bytes) and compact != data
    assert service_from_xml(compact) == doc
    assert service_to_xml(service_from_xml(compact)) == data


def test_identify_and_summarize_every_kind() -> None:
    for kind in KINDS:
        doc = rich(kind)
        tree = parse_bytes(service_to_xml(doc))
        assert identify(tree) == (DocumentKind.SERVICE, doc.format.version, KND[kind])
        s = summarize(tree)
        assert (s.kind, s.file_id, s.function, s.number) == (DocumentKind.SERVICE, str(doc.file_id), kind, UPD_ID)
        assert s.doc_date == (None if kind == "ПоА" else AT.date())


def test_summary_of_a_damaged_service_document_does_not_raise() -> None:
    xml = '<Файл ИдФайл="DP_IZVPOL_1_2" ВерсФорм="1.03"><Документ КНД="1115110"><СвИзвПолуч ДатаПол="31.02.2025"/>'
    s = summarize(parse_bytes((xml + "</Документ></Файл>").encode()))
    assert (s.kind, s.function, s.number, s.doc_date) == (DocumentKind.SERVICE, "ИОП", "", None)


def test_receipt_notice_goes_back_to_the_sender() -> None:
    upd = sample_upd(seed=1)
    doc = receipt_notice_for(upd.file_id, SIG, AT, sender=SELLER, recipient=BUYER, signer=PLAIN_SIGNER, guid=GUID)
    assert isinstance(doc, ReceiptNotice)
    assert (doc.file_id.prefix, doc.file_id.recipient, doc.file_id.sender) == ("DP_IZVPOL", SELLER.edo_id,
                                                                                BUYER.edo_id)
    assert (doc.file_id.day, doc.file_id.guid, doc.file_id.suffix) == (AT.date(), GUID, "")
    assert doc.received.name == str(upd.file_id) == doc.received.file_id  # FNS file names carry no .xml
    assert (doc.author, doc.sender, doc.received_at, doc.received.signatures) == (BUYER, SELLER, AT, (SIG,))
    again = receipt_notice_for(f"{upd.file_id}.xml", SIG, AT, sender=SELLER, recipient=BUYER, signer=PLAIN_SIGNER,
                               guid=GUID)
    assert again == doc
    fresh = receipt_notice_for(upd.file_id, SIG, AT, sender=SELLER, recipient=BUYER, signer=PLAIN_SIGNER)
    assert fresh.file_id.guid != GUID and len(fresh.file_id.guid) == 36


def test_receipt_notice_on_an_operator_confirmation() -> None:
    pdo = sample_service("ПДО")
    operator = EdoParticipant("2AE-OPERATOR", OPERATOR)
    doc = receipt_notice_for(pdo.file_id, SIG, AT, sender=operator, recipient=BUYER, signer=PLAIN_SIGNER, guid=GUID)
    assert doc.sender.party == OPERATOR and doc.file_id.recipient == "2AE-OPERATOR"
    assert service_from_xml(service_to_xml(doc)) == doc


@pytest.mark.parametrize(("kind", "addressee"), [("ПДП", SELLER), ("ПДО", BUYER)])
def test_operator_confirmation_addressee(kind: str, addressee: EdoParticipant) -> None:
    doc = operator_confirmation(kind, UPD_ID, (SIG, SIG2), AT, operator=OPERATOR, sender=SELLER, recipient=BUYER,
                                guid=GUID, day=date(2025, 3, 15))
    assert isinstance(doc, OperatorConfirmation) and doc.kind == kind
    assert (doc.file_id.recipient, doc.file_id.sender, doc.file_id.day) == (addressee.edo_id, "2AE",
                                                                            date(2025, 3, 15))
    assert (doc.sender, doc.recipient, doc.at, doc.document.signatures) == (SELLER, BUYER, AT, (SIG, SIG2))
    other = operator_confirmation(kind, UPD_ID, SIG, AT, operator=OPERATOR, sender=SELLER, recipient=BUYER,
                                  addressee=ENTREPRENEUR)
    assert other.file_id.recipient == ENTREPRENEUR.edo_id


def test_clarification_and_annulment_constructors() -> None:
    uou = clarification_request_for(UPD_ID, SIG, AT, sender=SELLER, recipient=BUYER, signer=PLAIN_SIGNER,
                                    text="Исправьте КПП", guid=GUID)
    assert isinstance(uou, ClarificationRequest)
    assert (uou.text, uou.author, uou.sender, uou.file_id.recipient) == ("Исправьте КПП", BUYER, SELLER,
                                                                         SELLER.edo_id)
    poa = annulment_proposal_for(UPD_ID, SIG, author=BUYER, counterparty=SELLER, reason="Ошибка", day=DAY)
    assert isinstance(poa, AnnulmentProposal)
    assert (poa.annulled.file_id, poa.reason, poa.recipient, poa.file_id.prefix) == (UPD_ID, "Ошибка", SELLER,
                                                                                     "DP_PRANNUL")


def test_participants_are_kept_as_the_format_carries_them() -> None:
    member = EdoParticipant("2AE500013389010", IP)
    assert member.entrepreneur and isinstance(member.party, Party)
    assert (member.party.name, member.party.ogrn, member.party.edo_id) == ("ИП Журавлёв Семён Глебович", "", "")
    assert SELLER.edo_id == "2AE7711043325" and isinstance(SELLER.party, Party) and SELLER.party.ogrn == ""
    person = EdoParticipant("2AE5000", Party("x", "500013389010", person=PersonName("Орлов", "Пётр")))
    assert not person.entrepreneur and person.name == "Орлов Пётр"


def test_samples_are_deterministic_and_vary() -> None:
    for kind in KINDS:
        assert sample_service(kind, seed=5) == sample_service(kind, seed=5)
        assert sample_service(kind, seed=5) != sample_service(kind, seed=6)
    guids = {sample_service(kind, seed=1).file_id.guid for kind in KINDS}
    assert len(guids) == len(KINDS)  # one seed's five files never share a name
    iop = sample_service("ИОП", seed=2)
    assert isinstance(iop, ReceiptNotice) and iop.signer.poa is not None  # every third seed signs under an МЧД
    poa = sample_service("ПоА", seed=3)
    assert isinstance(poa, AnnulmentProposal) and isinstance(poa.author.party, Party) and poa.author.entrepreneur
    uou = sample_service("УОУ")
    assert isinstance(uou, ClarificationRequest) and isinstance(uou.received_at, datetime)
