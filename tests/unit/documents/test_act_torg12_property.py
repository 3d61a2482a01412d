"""Property: any generated акт / ТОРГ-12 (both titles) survives build → parse → build unchanged,
and the project's own schema (with its rules and the business checks) finds nothing wrong."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edo_app.documents import (
    ActSeller,
    Basis,
    Handler,
    Member,
    PlainAddress,
    PrimaryAnswer,
    PrimarySigner,
    SellerHead,
    Torg12Seller,
    act_answer_for,
    primary_from_xml,
    primary_to_xml,
    torg12_answer_for,
)
from edo_app.documents.act_model import ACT_PREFIX, ACT_RATES
from edo_app.documents.primary_types import ValueLine, make_value_line
from edo_app.documents.torg12_model import TORG12_PREFIX, TORG12_RATES
from edo_app.model.fileid import FileId
from edo_app.model.party import Party, PersonName
from edo_app.model.vat import VatRate
from edo_app.schemas import validate_bytes

from .strategies import days, entrepreneurs, names, organisations, region, words

SIGNATURE = "MIIBzgYJKoZIhvcNAQcCoIIBvzCCAbsCAQExDjAMBggqhQMHAQECAgUAMAsGCSqGSIb3DQEHAQ=="
short = st.text("абвгдАБВГ0123456789 -", min_size=1, max_size=20).filter(lambda s: s.strip() != "")
addresses = st.one_of(
    st.none(),
    st.builds(PlainAddress, text=words, country_code=st.sampled_from(["643", "112"])),
    st.builds(PlainAddress, region_code=region, city=short, street=short, house=st.sampled_from(["", "7", "12А"]),
              postal_code=st.sampled_from(["", "620014"])))
persons = st.builds(lambda p: Party(p.person.full, p.inn, person=p.person), entrepreneurs)


@st.composite
def members(draw: st.DrawFn) -> Member:
    kind = draw(st.sampled_from(("org", "ip", "person")))
    party = draw(organisations if kind == "org" else persons)
    return Member(party, draw(addresses), draw(st.sampled_from(["", "12345678"])), draw(st.sampled_from(["", "Склад"])),
                  entrepreneur=kind == "ip")


def signer_for(member: Member, person: PersonName) -> PrimarySigner:
    party = member.party
    if party.is_organisation:
        return PrimarySigner(person, party.inn, "ЮЛ", party.name, "Директор")
    return PrimarySigner(person, party.inn, "ИП" if member.entrepreneur else "ФЛ", status="4", basis="Лично")


@st.composite
def value_lines(draw: st.DrawFn, rates: tuple[VatRate, ...], *, goods: bool) -> tuple[ValueLine, ...]:
    count = draw(st.integers(1, 6))
    result = []
    for number in range(1, count + 1):
        quantity = draw(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("9999"), places=3))
        price = draw(st.decimals(min_value=Decimal("0"), max_value=Decimal("99999"), places=2))
        unit = ("796", "шт") if goods or draw(st.booleans()) else ("", "")
        extra = {"article": draw(st.sampled_from(["", "A-1"]))} if goods else {
            "description": draw(st.sampled_from(["", "Работы по договору & <приложению>"]))}
        result.append(make_value_line(number, draw(words), quantity, price, draw(st.sampled_from(rates)),
                                      okei=unit[0], unit_name=unit[1], **extra))
    return tuple(result)


@st.composite
def heads(draw: st.DrawFn, prefix: str, issuer: Member, other: Member) -> SellerHead:
    day = draw(days)
    created = datetime(day.year, day.month, day.day, draw(st.integers(0, 23)), draw(st.integers(0, 59)))
    file_id = FileId(prefix, f"2AE{other.party.inn}", f"2AE{issuer.party.inn}", day,
                     "0b7e3c5a-9d2f-4a61-8e4b-7c3d1f2a9e58")
    bases = draw(st.sampled_from([(Basis(),), (Basis("Договор", "Д-1", day), Basis("Заказ", extra="срочно"))]))
    return SellerHead(file_id, created, draw(short), day, (signer_for(issuer, draw(names)),), draw(words),
                      issuer.name, bases=bases, operation_kind=draw(st.sampled_from(["", "Продажа"])))


@st.composite
def acts(draw: st.DrawFn) -> ActSeller:
    executor, customer = draw(members()), draw(members())
    head = draw(heads(ACT_PREFIX, executor, customer))
    end = head.doc_date
    return ActSeller(head, executor, customer, draw(value_lines(ACT_RATES, goods=False)),
                     work_start=draw(st.sampled_from([None, end - timedelta(days=30)])), work_end=end,
                     transfer_date=draw(st.sampled_from([None, end])), heading=draw(st.sampled_from(["", "Услуги"])))


@st.composite
def torg12s(draw: st.DrawFn) -> Torg12Seller:
    seller, buyer = draw(members()), draw(members())
    head = draw(heads(TORG12_PREFIX, seller, buyer))
    return Torg12Seller(head, seller, buyer, draw(value_lines(TORG12_RATES, goods=True)),
                        shipper=draw(st.sampled_from([None, seller])), consignee=draw(st.sampled_from([None, buyer])),
                        shipped_on=head.doc_date,
                        handed_by=draw(st.sampled_from([None, Handler(draw(names), "Кладовщик")])))


def assert_round_trip(doc: ActSeller | Torg12Seller | PrimaryAnswer) -> bytes:
    data = primary_to_xml(doc)
    parsed = primary_from_xml(data)
    assert parsed == doc
    assert primary_to_xml(parsed) == data
    return data


def assert_clean(doc: ActSeller | Torg12Seller | PrimaryAnswer, data: bytes) -> None:
    report = validate_bytes(data, doc.file_name, today=doc.created.date() if isinstance(doc, PrimaryAnswer)
                            else doc.head.created.date())
    assert report.ok and not report.issues, [i.describe() for i in report.issues]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(acts(), st.booleans())
def test_act_titles_round_trip_and_pass_the_own_checks(act: ActSeller, accept: bool) -> None:
    assert_clean(act, assert_round_trip(act))
    person = act.customer.party.person or act.head.signers[0].name
    answer = act_answer_for(act, SIGNATURE, created=act.head.created + timedelta(hours=3),
                            guid="3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f7a8b9c", signer=signer_for(act.customer, person),
                            accept=accept, reason="" if accept else "не в срок")
    assert answer.refused is not accept
    assert_clean(answer, assert_round_trip(answer))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(torg12s(), st.booleans())
def test_torg12_titles_round_trip_and_pass_the_own_checks(doc: Torg12Seller, accept: bool) -> None:
    assert_clean(doc, assert_round_trip(doc))
    person = doc.head.signers[0].name
    answer = torg12_answer_for(doc, SIGNATURE, created=doc.head.created + timedelta(minutes=5),
                               guid="3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f7a8b9c", signer=signer_for(doc.buyer, person),
                               accept=accept, accepted_by=Handler(person, "Кладовщик") if accept else None)
    assert answer.refused is not accept
    assert_clean(answer, assert_round_trip(answer))
