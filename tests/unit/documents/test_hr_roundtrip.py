"""HR 1.01: any generated document of any kind survives build → parse → build unchanged and is
valid against the project's own schema; the registry recognises and summarises every kind."""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edo_app.documents import HR_KINDS, HrDocument, hr_from_xml, hr_to_xml, identify, sample_hr, summarize
from edo_app.documents.hr_model import (
    LEAVE_TYPES,
    Body,
    Condition,
    DismissalBody,
    HireBody,
    LeaveBody,
    NoticeBody,
    TransferBody,
    add_months,
)
from edo_app.documents.hr_types import (
    EMPLOYEE,
    EMPLOYER,
    HrDocRef,
    HrEmployee,
    HrEmployer,
    HrEntrepreneur,
    HrHead,
    HrOrganisation,
    HrSigner,
)
from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.identifiers import make_inn_le, make_inn_person, make_ogrn, make_ogrnip, make_snils
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import PersonName
from edo_app.schemas import validate_bytes
from edo_app.xmlio import parse_bytes

_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯabcXYZ0123456789 .,-«»№/\"'&<>"
words = st.text(_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
names = st.builds(PersonName, st.sampled_from(["Орлов", "Снегирёв", "O'Neil"]), st.sampled_from(["Пётр", "Анна"]),
                  st.sampled_from(["", "Ильич"]))
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999"), places=2)
seeds = st.integers(0, 2**32)


@st.composite
def employers(draw: st.DrawFn) -> HrEmployer:
    rng = random.Random(draw(seeds))
    if draw(st.booleans()):
        return HrEntrepreneur(draw(names), make_inn_person(rng, "50"), make_ogrnip(rng, "50"))
    return HrOrganisation(draw(words), make_inn_le(rng, "77"), draw(st.sampled_from(["771201001", "7712AB001"])),
                          make_ogrn(rng, "50"))


@st.composite
def employees(draw: st.DrawFn) -> HrEmployee:
    return HrEmployee(draw(names), make_snils(random.Random(draw(seeds))), draw(words), draw(words),
                      draw(st.one_of(st.just(""), words)))


@st.composite
def bodies(draw: st.DrawFn, key: str, day: date) -> Body:
    if key in ("leave", "order-leave"):
        start = day + timedelta(days=draw(st.integers(0, 200)))
        span = draw(st.integers(1, 120))
        return LeaveBody(draw(st.sampled_from(sorted(LEAVE_TYPES))), start, start + timedelta(days=span - 1),
                         draw(st.integers(1, span)))
    if key in ("transfer", "order-transfer"):
        return TransferBody(draw(days), draw(words), draw(words), draw(st.one_of(st.none(), money)))
    if key in ("dismissal", "order-dismissal"):
        return DismissalBody(day + timedelta(days=draw(st.integers(0, 60))), draw(words))
    if key == "notice":
        conditions = draw(st.lists(st.builds(Condition, words, words, words), min_size=1, max_size=4))
        return NoticeBody(add_months(day, 2) + timedelta(days=draw(st.integers(0, 90))), draw(words), tuple(conditions))
    return HireBody(draw(days), draw(words), draw(words), draw(money), draw(words), draw(days),
                    draw(st.integers(0, 6)))


@st.composite
def hr_documents(draw: st.DrawFn) -> HrDocument:
    key = draw(st.sampled_from([k for k in HR_KINDS if k != "ack"]))
    info = HR_KINDS[key]
    day = draw(days)
    created = datetime.combine(day + timedelta(days=draw(st.integers(0, 3))), datetime.min.time()).replace(
        hour=draw(st.integers(0, 23)), second=draw(st.integers(0, 59)))
    employee, employer = draw(employees()), draw(employers())
    signers = (HrSigner(employee.name, EMPLOYEE),) if info.author == EMPLOYEE else tuple(
        draw(st.lists(st.builds(HrSigner, names, st.just(EMPLOYER), words), min_size=1, max_size=2)))
    if isinstance(employer, HrEntrepreneur) and info.author == EMPLOYER:
        signers = (employer.signer,)  # an ИП signs his orders himself
    file_id = FileId(info.prefix, "2AE-RECIPIENT", "2AE-SENDER", created.date(), str(uuid.UUID(int=draw(seeds))))
    head = HrHead(file_id, draw(words), day, created, employer, employee, signers)
    basis = None
    if info.statement and draw(st.booleans()):
        basis = HrDocRef(info.statement, draw(words), day, f"HR_X_{draw(seeds)}")
    return HrDocument(key, head, draw(bodies(key, day)), basis)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hr_documents())
def test_build_parse_build_is_identity_and_valid(doc: HrDocument) -> None:
    data = hr_to_xml(doc)
    parsed = hr_from_xml(data)
    assert parsed == doc
    assert hr_to_xml(parsed) == data
    report = validate_bytes(data, doc.file_name)
    assert report.ok, [i.describe() for i in report.issues]


@pytest.mark.parametrize("key", sorted(HR_KINDS))
def test_every_sample_round_trips_and_the_registry_summarises_it(key: str) -> None:
    doc = sample_hr(key, seed=3)
    data = hr_to_xml(doc)
    assert hr_from_xml(data) == doc
    tree = parse_bytes(data)
    assert identify(tree) == (DocumentKind.HR, "1.01", "")
    summary = summarize(tree)
    assert (summary.file_id, summary.number, summary.doc_date) == (str(doc.head.file_id), doc.head.number,
                                                                  doc.head.doc_date)
    assert summary.function == HR_KINDS[key].code
    employer, person = doc.head.employer, doc.head.employee.name.full
    author, addressee = (summary.seller, summary.buyer) if HR_KINDS[key].author == EMPLOYER else (
        summary.buyer, summary.seller)
    assert isinstance(employer, HrOrganisation)
    assert author is not None and (author.name, author.inn, author.kpp) == (employer.name, employer.inn, employer.kpp)
    assert addressee is not None and addressee.name == person


def test_an_order_references_its_statement_and_the_ack_its_order() -> None:
    order = sample_hr("order-leave", seed=9)
    assert order.basis is not None and order.basis.kind == "leave"
    ack = sample_hr("ack", seed=9)
    assert ack.body.document.file_id == str(order.head.file_id)  # type: ignore[union-attr]
    assert ack.head.file_id.sender == order.head.file_id.recipient  # goes back to the employer


def test_a_reading_error_names_the_xpath() -> None:
    data = hr_to_xml(sample_hr("notice", seed=1)).replace(" Причина=".encode(), " Повод=".encode())
    with pytest.raises(InputError) as caught:
        hr_from_xml(data)
    assert caught.value.field == "Файл/Документ/ИзмУсловий/@Причина"


def test_a_head_with_a_wrong_snils_is_refused_with_its_field() -> None:
    good = sample_hr("leave", seed=2).head.employee
    with pytest.raises(InputError) as caught:
        replace(good, snils=good.snils[:-1] + str((int(good.snils[-1]) + 1) % 10))
    assert caught.value.field == "snils" and "контрольное число" in caught.value.message
