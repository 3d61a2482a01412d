"""Hypothesis strategies for УПД 5.03 documents: parties of every form, lines with realistic
Decimal quantities and prices, every VAT rate, every Функция."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from hypothesis import strategies as st

from edo_app.documents import (
    Address,
    Customs,
    DocRef,
    Employee,
    ForeignParty,
    GoodsLine,
    Participant,
    Signer,
    Transfer,
    UpdSeller,
    make_line,
)
from edo_app.model.fileid import SUFFIX_503, FileId
from edo_app.model.party import Party, PersonName
from edo_app.model.vat import VatRate

from .conftest import POA

FUNCTIONS = ("СЧФ", "СЧФДОП", "ДОП", "СвРК", "СвЗК")
_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯabcXYZ0123456789 .,-«»№/\"'&<>"
_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_W11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_W12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)

words = st.text(_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


def _check(body: str, weights: tuple[int, ...]) -> str:
    return str(sum(int(d) * w for d, w in zip(body, weights, strict=False)) % 11 % 10)


def _inn10(body: str) -> str:
    return body + _check(body, _W10)


def _inn12(body: str) -> str:
    body += _check(body, _W11)
    return body + _check(body, _W12)


region = st.integers(1, 99).map(lambda n: f"{n:02d}")
names = st.builds(PersonName, st.sampled_from(["Орлов", "Снегирёв", "O'Neil"]), st.sampled_from(["Пётр", "Анна"]),
                  st.sampled_from(["", "Ильич"]))
organisations = st.builds(
    lambda r, body, name: Party(name, _inn10(r + body), kpp=r + "0101001"[:7]),
    region, st.text("0123456789", min_size=7, max_size=7), words)
entrepreneurs = st.builds(
    lambda r, body, person, ogrn_body: Party("x", _inn12(r + body), ogrn=ogrn_body + str(int(ogrn_body) % 13 % 10),
                                             person=person),
    region, st.text("0123456789", min_size=8, max_size=8), names,
    st.text("0123456789", min_size=14, max_size=14).map(lambda s: "3" + s[1:]))
foreigners = st.builds(ForeignParty, words, st.sampled_from(["112", "156", "398"]), words, st.booleans(), words)
addresses = st.one_of(
    st.builds(Address, text=words),
    st.builds(Address, text=words, country_code=st.just("112"), country_name=st.just("Беларусь")),
    st.builds(Address, region_code=region, region_name=words, city=words, street=words,
              house=st.text("0123456789", min_size=1, max_size=4), postal_code=st.sampled_from(["", "620014"])))
participants = st.builds(Participant, st.one_of(organisations, entrepreneurs, foreigners), addresses)

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("100000"), places=3)
prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)
customs = st.builds(Customs, st.just("156"), st.just("Китай"), st.sampled_from(["", "10130010/120225/5012345/1"]))


@st.composite
def lines(draw: st.DrawFn, count: int) -> tuple[GoodsLine, ...]:
    result = []
    for number in range(1, count + 1):
        unit = draw(st.sampled_from([("796", "шт"), ("166", "кг"), ("", "")]))
        result.append(make_line(
            number, draw(words), draw(quantities), draw(prices), draw(st.sampled_from(list(VatRate))),
            okei=unit[0], unit_name=unit[1], excise=draw(st.one_of(st.none(), prices)),
            customs=draw(st.one_of(st.just(()), customs.map(lambda c: (c,)))),
            kind=draw(st.sampled_from(["", "1", "3"])), markings=draw(st.lists(words, max_size=2).map(tuple))))
    return tuple(result)


signers = st.one_of(
    st.builds(Signer, names, words, st.just(1)),
    st.builds(Signer, names, st.just(""), st.just(3), poa=st.just((POA,))))


@st.composite
def upd_documents(draw: st.DrawFn) -> UpdSeller:
    function = draw(st.sampled_from(FUNCTIONS))
    day = draw(days)
    created = datetime(day.year, day.month, day.day, draw(st.integers(0, 23)), draw(st.integers(0, 59)),
                       draw(st.integers(0, 59)))
    guid = str(draw(st.uuids()))
    transfer = None
    if function in ("СЧФДОП", "ДОП") or draw(st.booleans()):
        transfer = Transfer(draw(words), transfer_date=day,
                            basis=draw(st.lists(st.builds(DocRef, words, words, days), max_size=2).map(tuple)),
                            handed_by=draw(st.one_of(st.none(), st.builds(Employee, names, words))))
    return UpdSeller(
        file_id=FileId("ON_NSCHFDOPPR", "2AE1", "2AE2", day, guid, SUFFIX_503), created=created, function=function,
        number=draw(words), doc_date=day, sellers=(draw(participants),), buyers=(draw(participants),),
        signers=tuple(draw(st.lists(signers, min_size=1, max_size=2))),
        lines=draw(lines(draw(st.integers(1, 6)))), shipper_is_seller=draw(st.booleans()),
        consignees=tuple(draw(st.lists(participants, max_size=1))),
        shipment_docs=tuple(draw(st.lists(st.builds(DocRef, words, words, days), min_size=1, max_size=2))),
        transfer=transfer)
