"""Business checks: registration-number check digits anywhere in a document, and dates."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from edo_app.model.identifiers import check_inn, check_ogrn, check_snils
from edo_app.model.report import Severity, Source
from edo_app.schemas.business import check_business, check_identifiers, parse_fns_date

TODAY = date(2026, 11, 23)

# Fictional numbers with correct check digits (verified in test_fixture_numbers_are_correct).
INN_LE, INN_PERSON, SNILS = "7752601811", "770913909946", "11223344595"
OGRN, OGRNIP = "1027700281949", "304770082199354"


def tree_of(xml: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(xml.encode()))


def test_fixture_numbers_are_correct() -> None:
    assert check_inn(INN_LE) is None and check_inn(INN_PERSON) is None
    assert check_ogrn(OGRN) is None and check_ogrn(OGRNIP) is None and check_snils(SNILS) is None


# --- identifiers --------------------------------------------------------------------------

GOOD = [
    ("ИННЮЛ", INN_LE), ("ИННФЛ", INN_PERSON), ("ИНН", INN_LE), ("ИНН", INN_PERSON), ("ИННЮЛПер", INN_LE),
    ("ИННОргПрин", INN_LE), ("ИННФЛПер", INN_PERSON), ("ИННФЛПрин", INN_PERSON), ("ИННУчаст", INN_PERSON),
    ("КПП", "775201001"), ("КПП", "7752AB001"), ("ОГРН", OGRN), ("ОГРНИП", OGRNIP), ("СНИЛС", SNILS),
    ("СНИЛС", "112-233-445 95"),
]
BAD = [
    ("ИННЮЛ", "7752601812", "biz.inn", "«1», указано «2»"),
    ("ИННЮЛ", INN_PERSON, "biz.inn", "10 цифр"),
    ("ИННФЛ", "770913909947", "biz.inn", "«46», указано «47»"),
    ("ИННФЛ", INN_LE, "biz.inn", "12 цифр"),
    ("ИНН", "77526018", "biz.inn", "10 (организация) или 12"),
    ("ИННЮЛПер", "7752601810", "biz.inn", "контрольное число"),
    ("ИННФЛПрин", "770913909900", "biz.inn", "контрольное число"),
    ("КПП", "77520100A", "biz.kpp", "9 знаков"),
    ("ОГРН", "1027700281940", "biz.ogrn", "«9», указано «0»"),
    ("ОГРНИП", "304770082199355", "biz.ogrn", "«4», указано «5»"),
    ("СНИЛС", "11223344596", "biz.snils", "«95», указано «96»"),
]


@pytest.mark.parametrize(("name", "value"), GOOD)
def test_correct_numbers_pass_as_attributes_and_elements(name: str, value: str) -> None:
    xml = f'<Файл><Лицо {name}="{value}"/><Рекв><{name}>{value}</{name}></Рекв></Файл>'
    assert check_identifiers(tree_of(xml)) == []


@pytest.mark.parametrize(("name", "value", "code", "fragment"), BAD)
def test_wrong_numbers_fail_with_the_exact_attribute(name: str, value: str, code: str, fragment: str) -> None:
    xml = f'<Файл>\n<Лицо/>\n<Лицо Наим="x" {name}="{value}"/>\n</Файл>'
    (issue,) = check_identifiers(tree_of(xml))
    assert (issue.code, issue.xpath, issue.line) == (code, f"/Файл/Лицо[2]/@{name}", 3)
    assert (issue.source, issue.severity) == (Source.BUSINESS, Severity.ERROR)
    assert value in issue.message and fragment in issue.message


def test_numbers_in_element_text_are_checked_too() -> None:
    xml = f"<Файл><РеквИдРекСост>\n<ИННЮЛ> 7752601812 </ИННЮЛ></РеквИдРекСост><ИННФЛ>{INN_PERSON}</ИННФЛ></Файл>"
    (issue,) = check_identifiers(tree_of(xml))
    assert (issue.code, issue.xpath, issue.line) == ("biz.inn", "/Файл/РеквИдРекСост/ИННЮЛ", 2)


def test_namespaced_documents_are_checked() -> None:
    xml = (
        '<Доверенность xmlns="urn://x-artefacts/EMCHD_1">'
        f'<СвФЛ СНИЛС="11223344596"/><ИННФЛ>{INN_PERSON}</ИННФЛ></Доверенность>'
    )
    (issue,) = check_identifiers(tree_of(xml))
    assert issue.code == "biz.snils" and issue.xpath.endswith("/@СНИЛС")


def test_lookalike_names_are_not_identifiers() -> None:
    xml = '<Файл ДатаОГРНИП="01.01.2020" ДефИННЮЛ="-" ИННЮЛТип="x"><ИННЮЛ><Вложенный/></ИННЮЛ></Файл>'
    assert check_identifiers(tree_of(xml)) == []


def test_the_same_wrong_number_is_reported_at_each_place() -> None:
    xml = '<Файл><А ИННЮЛ="7752601812"/><Б ИННЮЛ="7752601812"/></Файл>'
    assert [i.xpath for i in check_identifiers(tree_of(xml))] == ["/Файл/А/@ИННЮЛ", "/Файл/Б/@ИННЮЛ"]


# --- dates --------------------------------------------------------------------------------


def dated(doc_date: str, formed: str) -> etree._ElementTree:
    return tree_of(
        f'<Файл>\n<Документ Функция="ДОП" ДатаИнфПр="{formed}">\n<СвСчФакт ДатаДок="{doc_date}"/></Документ></Файл>'
    )


def date_issues(doc_date: str, formed: str) -> list[tuple[str, str]]:
    found = check_business(dated(doc_date, formed), today=TODAY)
    assert all(i.code == "biz.date" and i.severity is Severity.WARNING for i in found)
    return [(i.xpath, i.message) for i in found]


def test_dates_in_order_and_not_in_the_future_pass() -> None:
    assert date_issues("20.11.2026", "21.11.2026") == []
    assert date_issues("24.11.2026", "24.11.2026") == []  # tomorrow: a time-zone day of slack


def test_a_document_dated_after_tomorrow_is_a_warning() -> None:
    ((xpath, message),) = date_issues("25.11.2026", "25.11.2026")[:1]
    assert xpath == "/Файл/Документ/СвСчФакт/@ДатаДок"
    assert "25.11.2026" in message and "24.11.2026" in message


def test_a_file_formed_in_the_future_is_a_warning() -> None:
    assert date_issues("20.11.2026", "30.11.2026") == [
        ("/Файл/Документ/@ДатаИнфПр", "Дата формирования файла 30.11.2026 позже завтрашнего дня (24.11.2026)")
    ]


def test_a_file_formed_before_the_document_date_is_a_warning() -> None:
    ((xpath, message),) = date_issues("20.11.2026", "19.11.2026")
    assert xpath == "/Файл/Документ/@ДатаИнфПр"
    assert "19.11.2026" in message and "20.11.2026" in message


def test_malformed_dates_are_left_to_the_schema() -> None:
    assert date_issues("31.11.2026", "1.1.2026") == []
    assert parse_fns_date("29.02.2028") == date(2028, 2, 29)
    assert parse_fns_date("29.02.2027") is None
    assert parse_fns_date("2026-11-20") is None


def test_without_today_the_clock_is_used() -> None:
    assert check_business(dated("01.01.2090", "01.01.2090"))  # far in the future whatever today is


def test_other_roots_get_identifier_checks_only() -> None:
    xml = '<Доверенность><Документ ДатаИнфПр="01.01.2090"><СвСчФакт ДатаДок="01.01.2090"/></Документ></Доверенность>'
    assert check_business(tree_of(xml), today=TODAY) == []
