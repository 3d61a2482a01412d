"""Shared data for the service-document tests: the official schemas and rules (oracles in
../shared), and one document per kind that uses every optional part the model supports.

Holds no tests itself; the test_service_* modules import from here.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from lxml import etree

from edo_app.documents import (
    AnnulmentProposal,
    ClarificationRequest,
    EdoOperator,
    EdoParticipant,
    ForeignMember,
    OperatorConfirmation,
    ReceiptNotice,
    ReferencedFile,
    ServiceDocument,
    ServicePaperPoa,
    ServicePoa,
    ServiceSigner,
)
from edo_app.model.fileid import FileId
from edo_app.model.party import Party, PersonName
from edo_app.schemas.rules import RuleSet
from edo_app.xmlio import parse_bytes
from tests.oracles import FNS_XSD, require

KINDS = ("ИОП", "ПДО", "ПДП", "УОУ", "ПоА")
XSD_FILES = {
    "ИОП": "DP_IZVPOL_1_982_00_01_03_01.xsd",
    "ПДО": "DP_PDOTPR_1_983_00_01_03_01.xsd",
    "ПДП": "DP_PDPOL_1_984_00_01_03_01.xsd",
    "УОУ": "DP_UVUTOCH_1_985_00_01_03_01.xsd",
    "ПоА": "DP_PRANNUL_1_985_00_01_01_02.xsd",
}


@cache
def _xsd(kind: str) -> etree._ElementTree:
    return etree.parse(str(require(FNS_XSD / "service-docs" / XSD_FILES[kind])))


@cache
def schema(kind: str) -> etree.XMLSchema:
    return etree.XMLSchema(_xsd(kind))


@cache
def rules(kind: str) -> RuleSet:
    return RuleSet.from_xsd(_xsd(kind))


def assert_official(doc: ServiceDocument, data: bytes) -> None:
    """Valid against the official XSD of its kind and no official rule fails."""
    kind = doc.format.code
    xsd = schema(kind)
    tree = parse_bytes(data)
    assert xsd.validate(tree), "\n".join(f"{e.line}: {e.message}" for e in xsd.error_log)
    assert rules(kind).problems == ()  # the engine evaluates every rule of these schemas
    issues = rules(kind).check(tree, doc.file_name)
    assert issues == [], [i.message for i in issues]


ORG = Party("ООО «Северный ветер»", "7711043325", "771101001", ogrn="1227700000010", edo_id="2AE7711043325")
ORG2 = Party("АО «Медный бор»", "6611819605", "661101001")
IP = Party("любое", "500013389010", ogrn="321508386379409", person=PersonName("Журавлёв", "Семён", "Глебович"))
PERSON = Party("любое", "500013389010", person=PersonName("Снегирёв", "Тимофей"))
OPERATOR = EdoOperator("ООО «Оператор ЭДО Пример»", "7710000008", "2AE")
SELLER = EdoParticipant("", ORG)  # the id comes from Party.edo_id
BUYER = EdoParticipant("2AE6611819605", ORG2)
ENTREPRENEUR = EdoParticipant("2AE500013389010", IP)
CITIZEN = EdoParticipant("2BM.500013389010@x", PERSON)
FOREIGN_LE = EdoParticipant("2BK-BY-190000001", ForeignMember("ЮЛ", "Minsk Trade LLC", "112", "190000001", "УНП"))
FOREIGN_PERSON = EdoParticipant("2BK-KZ-1", ForeignMember("ФЛ", "Ivanov Ivan"))
UPD_ID = "ON_NSCHFDOPPR_2AE6611819605_2AE7711043325_20250314_6f1c2b9e-4a57-4d0e-9a3b-1c2d3e4f5a6b_0_0_0_0_0_00"
SIG = "MIIBAgIBATANBgkqhkiG9w0BAQEFAA=="
SIG2 = "MIIC\nAgIBATAN\r\nBgkqhk=="  # base64 wrapped over lines, as some operators write it
AT = datetime(2025, 3, 14, 10, 15, 30)
DAY = date(2025, 3, 14)
GUID = "0d2c7a52-2f6e-4b8e-8d0c-6a1f5e3b9c47"
POA = ServicePoa("0c1e6f2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", date(2024, 9, 1), "2", "17/24", date(2024, 9, 2),
                 "https://m4d.nalog.gov.ru/emchd/check-status")
PAPER = ServicePaperPoa(date(2024, 1, 10), "Д-5", "ООО «Северный ветер», директор", PersonName("Орлов", "Пётр"))
FULL_SIGNER = ServiceSigner(PersonName("Соколов", "Илья", "Андреевич"), "Бухгалтер", "2", "1", POA, PAPER)
PAPER_SIGNER = ServiceSigner(PersonName("Лебедев", "Глеб"), "", "3", "3", paper_poa=PAPER)
PLAIN_SIGNER = ServiceSigner(PersonName("Воронов", "Андрей", "Ильич"), "Специалист службы поддержки")


def file_id(prefix: str, recipient: str = "2AE7711043325", sender: str = "2AE6611819605") -> FileId:
    return FileId(prefix, recipient, sender, DAY, GUID)


def rich(kind: str) -> ServiceDocument:
    """Every optional part a kind holds: foreign and private parties, the operator as the
    sender, powers of attorney of both kinds, several signatures, a .xml file name."""
    ref = ReferencedFile(UPD_ID, (SIG, SIG2))
    if kind == "ИОП":
        return ReceiptNotice(file_id("DP_IZVPOL"), FOREIGN_LE, ReferencedFile(UPD_ID + ".xml", (SIG, SIG2)), AT,
                             EdoParticipant("2AE-OPERATOR", OPERATOR), FULL_SIGNER, "Программа 2.0")
    if kind in ("ПДП", "ПДО"):
        return OperatorConfirmation(kind, file_id("DP_PDPOL" if kind == "ПДП" else "DP_PDOTPR", sender="2AE"),
                                    OPERATOR, ref, AT, CITIZEN, FOREIGN_PERSON, PLAIN_SIGNER)
    if kind == "УОУ":
        text = "  Уточните <цену> & количество;\nстрока 2 «Кофе»\tи строка 3.  "
        return ClarificationRequest(file_id("DP_UVUTOCH"), ENTREPRENEUR, ReferencedFile(UPD_ID, (SIG2,)), AT, text,
                                    FOREIGN_LE, PAPER_SIGNER)
    return AnnulmentProposal(file_id("DP_PRANNUL"), ENTREPRENEUR, ref, "Ошибка в цене <строка 1> & НДС.", SELLER,
                             ServiceSigner(PersonName("Орлов", "Пётр")))


def bare(kind: str) -> ServiceDocument:
    """Only what a kind requires."""
    ref = ReferencedFile(UPD_ID, (SIG,))
    signer = ServiceSigner(PersonName("Орлов", "Пётр"))
    if kind == "ИОП":
        return ReceiptNotice(file_id("DP_IZVPOL"), BUYER, ref, AT, SELLER, signer)
    if kind in ("ПДП", "ПДО"):
        return OperatorConfirmation(kind, file_id("DP_PDPOL" if kind == "ПДП" else "DP_PDOTPR", sender="2AE"),
                                    OPERATOR, ref, AT, SELLER, BUYER)
    if kind == "УОУ":
        return ClarificationRequest(file_id("DP_UVUTOCH"), BUYER, ref, AT, "Уточните цену", SELLER, signer)
    return AnnulmentProposal(file_id("DP_PRANNUL"), SELLER, ref, "Ошибка", BUYER)
