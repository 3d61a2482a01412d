"""XML: build → parse → build is exact for every kind of principal, representative and
power, for re-delegations one and two links deep; the parser refuses what it cannot hold."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from edo_app.errors import InputError, XmlInputError
from edo_app.poa import (
    FORMAT_VERSION,
    NAMESPACE,
    Power,
    PowerOfAttorney,
    Powers,
    file_name,
    poa_from_xml,
    poa_to_xml,
    sample_poa,
)
from edo_app.xmlio import parse_bytes

from .conftest import rich_poa

PRINCIPALS = ("ul", "ip", "fl")
REPRESENTATIVES = ("fl", "ul", "ip")


def assert_round_trip(poa: PowerOfAttorney) -> bytes:
    data = poa_to_xml(poa)
    parsed = poa_from_xml(data)
    assert parsed == poa
    assert poa_to_xml(parsed) == data
    return data


@pytest.mark.parametrize("representative", REPRESENTATIVES)
@pytest.mark.parametrize("principal", PRINCIPALS)
def test_direct_round_trip(principal: str, representative: str) -> None:
    for seed in range(4):
        assert_round_trip(sample_poa(seed, principal=principal, representative=representative))  # type: ignore[arg-type]


@pytest.mark.parametrize("representative", REPRESENTATIVES)
@pytest.mark.parametrize("principal", PRINCIPALS)
def test_redelegation_round_trip(principal: str, representative: str) -> None:
    parent = sample_poa(1, principal=principal, representative=representative)  # type: ignore[arg-type]
    child = sample_poa(2, redelegation_of=parent)
    grandchild = sample_poa(3, redelegation_of=child)
    assert_round_trip(child)
    assert_round_trip(grandchild)
    assert child.redelegation is not None and child.redelegation.via is None
    assert grandchild.redelegation is not None and grandchild.redelegation.via is not None
    assert grandchild.chain() == (parent.number, child.number, grandchild.number)
    # the party on documents stays the original principal through the whole chain
    assert grandchild.principal_identity() == parent.principal_identity()


def test_text_only_and_codes_only_powers() -> None:
    base = sample_poa(5)
    text_only = replace(base, powers=Powers("Подписывать УПД"))
    codes_only = replace(base, powers=Powers(codes=(Power("SAMPLE.001", "Подписание УПД"),)))
    assert 'ТипПолн="0"' in assert_round_trip(text_only).decode()
    assert "ТипПолн=\"1\"" in assert_round_trip(codes_only).decode()


def test_every_optional_field_round_trips() -> None:
    poa = rich_poa()
    text = assert_round_trip(poa).decode()
    assert 'ВидДовер="2"' in text and "<ОписУслОт>" in text and "&amp;" in text
    assert poa.revocable is False


def test_header_file_name_and_encoding() -> None:
    poa = sample_poa(3)
    data = poa_to_xml(poa)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = parse_bytes(data).getroot()
    assert root.tag == f"{{{NAMESPACE}}}Доверенность"
    assert root.get("ВерсФорм") == FORMAT_VERSION
    assert root.get("ИдФайл") == f"ON_EMCHD_{poa.issued:%Y%m%d}_{poa.number}"
    assert file_name(poa) == f"{root.get('ИдФайл')}.xml"


def test_explicit_file_id_is_kept() -> None:
    poa = replace(sample_poa(3), file_id="ON_EMCHD_20250101_00000000-0000-4000-8000-000000000001")
    assert_round_trip(poa)
    assert file_name(poa) == "ON_EMCHD_20250101_00000000-0000-4000-8000-000000000001.xml"


def _mutate(old: str, new: str) -> bytes:
    return poa_to_xml(sample_poa(0)).decode().replace(old, new, 1).encode()


@pytest.mark.parametrize(("old", "new", "where"), [
    ("</Довер>", "<СвНотУд МестоДовер=\"Москва\" УплНотДейст=\"1\"/></Довер>", "/Доверенность/Документ/Довер/СвНотУд"),
    ('ТипДоверит="1"', 'ТипДоверит="2"', "/Доверенность/Документ/Довер/СвДоверит/@ТипДоверит"),
    ('ТипПолн="1"', 'ТипПолн="0"', "/Доверенность/Документ/Довер/СвПолн/@ТипПолн"),
    ('ВидДовер="1"', 'ВидДовер="2"', "/Доверенность/Документ/Довер/СвДов/@ВидДовер"),
    ('ДатаВыдДовер="', 'ДатаВыдДовер="X', "/Доверенность/Документ/Довер/СвДов/@ДатаВыдДовер"),
    ('ВерсФорм="EMCHD_1"', 'ВерсФорм="EMCHD_1" Лишний="1"', "/Доверенность/@Лишний"),
    ("</Довер>", "</Довер><Передов ПрНалПередов=\"0\"/>", "/Доверенность/Документ"),
    ('ЕИОФЛ="1"', 'ЕИОФЛ="0"', "/Доверенность/Документ/Довер/СвДоверит/Доверит/РосОргДовер/@ЕИОФЛ"),
])
def test_parser_names_what_it_refuses(old: str, new: str, where: str) -> None:
    with pytest.raises(InputError) as caught:
        poa_from_xml(_mutate(old, new))
    assert caught.value.field == where


def test_bad_identifier_in_xml_names_the_element() -> None:
    with pytest.raises(InputError) as caught:
        poa_from_xml(_mutate('ИННЮЛ="', 'ИННЮЛ="1'))  # 11 digits
    assert caught.value.field is not None and "СвРосОрг" in caught.value.field
    assert "ИНН" in caught.value.message


def test_wrong_root_and_hostile_input() -> None:
    with pytest.raises(InputError, match="Доверенность"):
        poa_from_xml(_mutate(f'xmlns="{NAMESPACE}"', 'xmlns="urn:other"'))
    with pytest.raises(XmlInputError):
        poa_from_xml(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    with pytest.raises(XmlInputError):
        poa_from_xml(poa_to_xml(sample_poa(0))[:200])


def test_redelegation_flag_must_match_via() -> None:
    child = sample_poa(2, redelegation_of=sample_poa(1))
    data = poa_to_xml(child).decode().replace('ПрНалПередов="0"', 'ПрНалПередов="1"').encode()
    with pytest.raises(InputError) as caught:
        poa_from_xml(data)
    assert caught.value.field == "/Доверенность/Документ/Передов/@ПрНалПередов"


def test_dates_are_iso_in_xml() -> None:
    poa = replace(sample_poa(0), issued=date(2025, 1, 31), valid_to=date(2025, 12, 31))
    assert 'ДатаВыдДовер="2025-01-31" СрокДейст="2025-12-31"' in poa_to_xml(poa).decode()
