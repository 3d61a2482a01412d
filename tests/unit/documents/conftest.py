"""Shared fixtures: the official 5.03 schemas (oracles in ../shared) and a document that uses
every optional part the model supports."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from lxml import etree

from edo_app.documents import (
    Address,
    Correction,
    Customs,
    DocRef,
    Employee,
    ForeignParty,
    PaperPoa,
    Participant,
    PoaRef,
    Signer,
    Transfer,
    UpdSeller,
    make_line,
)
from edo_app.model.fileid import SUFFIX_503, FileId
from edo_app.model.party import Party, PersonName
from edo_app.model.vat import VatRate
from tests.oracles import UPD503_BUYER, UPD503_SELLER, require


def _schema(path: object) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="session")
def seller_schema() -> etree.XMLSchema:
    return _schema(require(UPD503_SELLER))


@pytest.fixture(scope="session")
def buyer_schema() -> etree.XMLSchema:
    return _schema(require(UPD503_BUYER))


def assert_valid(schema: etree.XMLSchema, data: bytes) -> None:
    ok = schema.validate(etree.fromstring(data))
    assert ok, "\n".join(f"{e.line}: {e.message}" for e in schema.error_log)


ORG = Party("ООО «Северный ветер»", "7711043325", "771101001")
ORG2 = Party("АО «Медный бор»", "6611819605", "661101001")
IP_PERSON = PersonName("Журавлёв", "Семён", "Глебович")
IP = Party("любое имя", "500013389010", ogrn="321508386379409", person=IP_PERSON)
MOSCOW = Address(text="125009, г. Москва, ул. Садовая, д. 5")
EKB = Address(region_code="66", region_name="Свердловская область", postal_code="620014", city="Екатеринбург",
              street="пр-т Мира", house="17", building="2", flat="4", district="Ленинский", locality="мкр. Южный")
MINSK = Address(text="220030, Минск, пр-т Независимости, 1", country_code="112", country_name="Беларусь")
DAY = date(2025, 3, 14)
CREATED = datetime(2025, 3, 14, 10, 15, 30)
GUID = "6f1c2b9e-4a57-4d0e-9a3b-1c2d3e4f5a6b"
POA = PoaRef("0c1e6f2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", date(2024, 9, 1), "https://m4d.nalog.gov.ru/emchd/check-status",
             internal_number="17/24", registered=date(2024, 9, 2), url="https://m4d.nalog.gov.ru")


def seller_file_id(sender: str = "2AE7711043325", recipient: str = "2AE6611819605") -> FileId:
    return FileId("ON_NSCHFDOPPR", recipient, sender, DAY, GUID, SUFFIX_503)


def rich_upd(function: str = "СЧФДОП") -> UpdSeller:
    """Every optional part: ИП seller, two buyers (one foreign), shippers, correction, customs,
    markings, excise, a transfer over a period, signers with МЧД and paper power of attorney."""
    lines = (
        make_line(1, "Кофе зерновой", Decimal("6"), Decimal("1490.00"), VatRate.R10,
                  customs=(Customs("076", "Бразилия", "10130010/120225/5012345/1"),), kind="1", code="0901",
                  article="K-1", gtin="04600000000017", markings=("0104600000000017215abcde",),
                  excise=Decimal("12.50")),
        make_line(2, "Монтаж стеллажей", Decimal("1"), Decimal("15000"), VatRate.R20_120, okei="", unit_name=""),
        make_line(3, "Бумага А4", Decimal("2.125"), Decimal("0.01"), VatRate.WITHOUT, okei="166", unit_name="кг",
                  packages=("046000000000170001",)),
        make_line(4, "Краска", Decimal("3"), Decimal("100.333"), VatRate.R22),
    )
    return UpdSeller(
        file_id=seller_file_id("2AE500013389010"), created=CREATED, function=function, number="УПД-17/2",
        doc_date=DAY, sellers=(Participant(IP, MOSCOW, okpo="12345678", department="Склад №2"),),
        buyers=(Participant(ORG2, EKB, short_name="Медный бор"),
                Participant(ForeignParty("Minsk Trade LLC", "112", "Беларусь", identifier="UNP 190000001"), MINSK)),
        signers=(Signer(PersonName("Орлов", "Пётр"), "Менеджер", 3, "1", DAY, "по МЧД", poa=(POA,)),
                 Signer(PersonName("Соколов", "Илья", "Андреевич"), "Бухгалтер", 5,
                        paper_poa=(PaperPoa(date(2024, 1, 10), "Д-5", "выдана директором"),))),
        lines=lines, correction=Correction(1, date(2025, 3, 20)), shipper_is_seller=True,
        shippers=(Participant(ORG, MOSCOW),), consignees=(Participant(ORG2, EKB),),
        shipment_docs=(DocRef("УПД", "УПД-17", DAY, file_id="ON_X", extra="доп"),),
        transfer=Transfer("Работы выполнены", None, date(2025, 3, 1), date(2025, 3, 14), "Поставка",
                          (DocRef("Договор", "П-48", date(2024, 12, 2)),),
                          Employee(PersonName("Лебедев", "Глеб"), "Кладовщик", "смена 2"), "Самовывоз"),
        economic_entity="ООО «Бухгалтерия»", uid="UID-17")
