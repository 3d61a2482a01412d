"""HR 1.01 with an individual entrepreneur (ИП) as the employer: the variant's own checks (ИНН of 12
digits, ОГРНИП of 15 with its check digit, the ИП signs his orders himself), the XML round trip and
the registry's summary, the JSON input, and HR 1.00 files still read (and checked by their schema)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from edo_app.documents import (
    HR_KINDS,
    HrEntrepreneur,
    HrOrganisation,
    hr_from_json,
    hr_from_xml,
    hr_to_xml,
    order_for,
    sample_hr,
    summarize,
)
from edo_app.documents.hr_types import EMPLOYER, ENTREPRENEUR_POSITION, HrSigner
from edo_app.errors import InputError
from edo_app.model.party import PersonName
from edo_app.model.problems import InputErrors
from edo_app.printing.hr import print_hr
from edo_app.schemas import validate_bytes
from edo_app.xmlio import parse_bytes
from tests.oracles import PROJECT
from tests.unit.printing.pdfcheck import flat, text_of

CASES = PROJECT / "tests" / "cases" / "hr"
IP_ORDER_JSON = PROJECT / "resources" / "samples" / "hr-order-leave-ip.json"
BOSS = HrSigner(PersonName("Журавлёв", "Семён", "Андреевич"), EMPLOYER, "Директор по персоналу")


def _entrepreneur() -> HrEntrepreneur:
    employer = sample_hr("leave", seed=5, entrepreneur=True).head.employer
    assert isinstance(employer, HrEntrepreneur)
    return employer


def _refused(make: object) -> InputError:
    with pytest.raises(InputError) as caught:
        make()  # type: ignore[operator]
    return caught.value


def test_an_entrepreneur_needs_a_personal_inn_and_a_15_digit_ogrnip_with_its_check_digit() -> None:
    ip = _entrepreneur()
    assert ip.name == f"ИП {ip.person.full}" and ip.requisites == f"ИНН {ip.inn}, ОГРНИП {ip.ogrnip}"
    wrong_length = _refused(lambda: replace(ip, inn="7711043325"))  # a valid organisation's ИНН
    assert wrong_length.field == "inn" and "12 цифр" in wrong_length.message
    bad_digit = ip.inn[:-1] + str((int(ip.inn[-1]) + 1) % 10)
    assert "контрольное число" in _refused(lambda: replace(ip, inn=bad_digit)).message
    bad_check = ip.ogrnip[:-1] + str((int(ip.ogrnip[-1]) + 1) % 10)
    refused = _refused(lambda: replace(ip, ogrnip=bad_check))
    assert refused.field == "ogrnip" and "контрольное число" in refused.message
    organisations_ogrn = _refused(lambda: replace(ip, ogrnip="1027700132195"))
    assert organisations_ogrn.field == "ogrnip" and "ОГРНИП" in organisations_ogrn.message
    assert _refused(lambda: replace(ip, person=PersonName("Я" * 61, "Глеб"))).field == "person.last"


@pytest.mark.parametrize("key", sorted(HR_KINDS))
def test_every_kind_with_an_entrepreneur_round_trips_valid_and_is_summarised(key: str) -> None:
    doc = sample_hr(key, seed=7, entrepreneur=True)
    data = hr_to_xml(doc)
    assert hr_from_xml(data) == doc and hr_to_xml(hr_from_xml(data)) == data
    report = validate_bytes(data, doc.file_name)
    assert report.ok and report.schema_id.startswith("hr-1.01-"), [i.describe() for i in report.issues]
    summary = summarize(parse_bytes(data))
    ip = _entrepreneur_of(doc.head.employer)
    employer = summary.seller if HR_KINDS[key].author == EMPLOYER else summary.buyer
    assert employer is not None and (employer.name, employer.inn, employer.kpp) == (ip.name, ip.inn, "")
    if HR_KINDS[key].author == EMPLOYER:  # his orders and notices: signed by himself
        assert doc.head.signers == (HrSigner(ip.person, EMPLOYER, ENTREPRENEUR_POSITION),)


def _entrepreneur_of(employer: object) -> HrEntrepreneur:
    assert isinstance(employer, HrEntrepreneur)
    return employer


def test_an_entrepreneurs_order_is_signed_by_him_not_by_a_manager() -> None:
    statement = sample_hr("leave", seed=8, entrepreneur=True)
    moment = datetime(2025, 3, 15, 9, 30)
    refused = _refused(lambda: order_for(statement, "5-К", date(2025, 3, 15), created=moment, signer=BOSS))
    assert refused.field == "signers[0].name" and "сам предприниматель" in refused.message
    ip = _entrepreneur_of(statement.head.employer)
    order = order_for(statement, "5-К", date(2025, 3, 15), created=moment, signer=ip.signer)
    assert order.head.employer == ip and validate_bytes(hr_to_xml(order), order.file_name).ok


def test_the_print_form_names_the_entrepreneur_with_his_ogrnip() -> None:
    order = sample_hr("order-dismissal", seed=9, entrepreneur=True)
    ip = _entrepreneur_of(order.head.employer)
    text = text_of(print_hr(order))
    assert flat(ip.name) in text and f"ИНН {ip.inn}, ОГРНИП {ip.ogrnip}" in text and "КПП" not in text
    assert ENTREPRENEUR_POSITION in text


def test_json_input_of_an_entrepreneur_defaults_the_signer_and_names_each_problem() -> None:
    data = json.loads(IP_ORDER_JSON.read_text(encoding="utf-8"))
    doc = hr_from_json(data)
    ip = _entrepreneur_of(doc.head.employer)
    assert doc.head.signers == (ip.signer,) and "signers" not in data
    data["employer"].update(inn="7711043325", ogrnip=ip.ogrnip[:-1])
    with pytest.raises(InputErrors) as caught:
        hr_from_json(data)
    assert [path for path, _ in caught.value.problems] == ["employer.inn"]  # the first refusal of the ИП
    data["employer"].update(inn=ip.inn)
    with pytest.raises(InputErrors) as caught:
        hr_from_json(data)
    assert [path for path, _ in caught.value.problems] == ["employer.ogrnip"]


def _of_version(version: str) -> list[Path]:
    marker = f'ВерсФорм="{version}"'.encode()
    return [p for p in sorted((CASES / "valid").glob("*.xml")) if marker in p.read_bytes()]


@pytest.mark.parametrize("path", _of_version("1.00"), ids=lambda p: p.stem[:40])
def test_hr_1_00_files_are_still_read_checked_by_their_schema_and_rewritten_as_1_01(path: Path) -> None:
    data = path.read_bytes()
    old = validate_bytes(data, path.name)
    assert old.ok and old.schema_id.startswith("hr-1.00-")
    doc = hr_from_xml(data)
    assert isinstance(doc.head.employer, HrOrganisation)
    again = hr_to_xml(doc)
    assert "<ЮЛ ".encode() in again and hr_from_xml(again) == doc  # 1.01 nests the organisation in ЮЛ
    assert validate_bytes(again, doc.file_name).schema_id.startswith("hr-1.01-")


def test_the_case_suite_has_files_of_both_versions() -> None:
    assert len(_of_version("1.00")) == 9 and len(_of_version("1.01")) == 2
