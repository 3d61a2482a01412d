"""validate_bytes / validate_file / is_valid / validate_or_raise on a small schema of our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edo_app.errors import InputError, SchemaError, XmlInputError
from edo_app.model.report import Issue, Severity, Source
from edo_app.schemas import is_valid, validate_bytes, validate_file, validate_or_raise, validate_tree
from edo_app.schemas.registry import SchemaRegistry
from edo_app.schemas.validate import UNSUPPORTED, base_name
from tests.unit.schemas.test_registry import MINI_ID, mini_doc, write_mini_xsd, write_project

NAME = f"{MINI_ID}.xml"
OFFICIAL_ID = "ON_TESTDOC_1_999_01_01_00_01"


@pytest.fixture
def project(tmp_path: Path) -> SchemaRegistry:
    return SchemaRegistry(write_project(tmp_path / "project"))


@pytest.fixture
def both(tmp_path: Path) -> SchemaRegistry:
    write_mini_xsd(tmp_path / "official" / f"{OFFICIAL_ID}.xsd")
    return SchemaRegistry(write_project(tmp_path / "project"), [tmp_path / "official"])


def find(issues: tuple[Issue, ...], code: str) -> Issue:
    matching = [i for i in issues if i.code == code]
    assert matching, f"no {code} in {[i.describe() for i in issues]}"
    return matching[0]


def test_a_valid_document_has_no_errors(project: SchemaRegistry) -> None:
    report = validate_bytes(mini_doc(), NAME, project)
    assert report.ok, [i.describe() for i in report.errors]
    assert (report.file_name, report.schema_id) == (NAME, "test-mini")


# --- XSD errors in Russian, with the XPath of the attribute ---------------------------------

XSD_CASES = [
    ({"document": ' Лишний="1"'}, "xsd.attribute.unexpected", "/Файл/Документ/@Лишний",
     "Атрибут «Лишний» не предусмотрен для элемента «Документ»"),
    ({"body": '<Сторона ИННЮЛ="7752601811"/><Итог>1</Итог><Чужой/>'}, "xsd.element.unexpected",
     "/Файл/Документ/Чужой", "Элемент «Чужой» здесь не предусмотрен"),
    ({"body": '<Сторона ИННЮЛ="7752601811"/>'}, "xsd.element.missing", "/Файл/Документ",
     "В элементе «Документ» не хватает обязательного элемента; ожидается: Сторона, Итог"),
    ({"document": ' Вид="В"'}, "xsd.enumeration", "/Файл/Документ/@Вид",
     "Значение «В» атрибута «Вид» элемента «Документ» не входит в перечень допустимых: 'А', 'Б'"),
    ({"document": ' ДатаДок="32.01.2026"'}, "xsd.pattern", "/Файл/Документ/@ДатаДок",
     "Значение «32.01.2026» атрибута «ДатаДок» элемента «Документ» не соответствует формату: "
     "ожидается дата в виде ДД.ММ.ГГГГ"),
    ({"body": '<Сторона ИННЮЛ="123"/><Итог>1</Итог>'}, "xsd.length", "/Файл/Документ/Сторона/@ИННЮЛ",
     "Длина значения «123» атрибута «ИННЮЛ» элемента «Сторона» — 3 зн., а должна быть ровно 10"),
    ({"document": ' Имя="абвгдеж"'}, "xsd.length", "/Файл/Документ/@Имя", "7 зн., а должна быть не более 5"),
    ({"document": ' Кол="0"'}, "xsd.range", "/Файл/Документ/@Кол",
     "«0» атрибута «Кол» элемента «Документ» должно быть больше 0"),
    ({"document": ' Кол="1.234"'}, "xsd.digits", "/Файл/Документ/@Кол",
     "слишком много знаков после точки, допускается (2)"),
    ({"document": ' Кол="1,5"'}, "xsd.type", "/Файл/Документ/@Кол", "дробная часть отделяется точкой"),
]


@pytest.mark.parametrize(("change", "code", "xpath", "text"), XSD_CASES, ids=[c[1] + c[2] for c in XSD_CASES])
def test_xsd_errors_are_explained_in_russian(
    project: SchemaRegistry, change: dict[str, str], code: str, xpath: str, text: str
) -> None:
    report = validate_bytes(mini_doc(**change), NAME, project)
    issue = find(report.issues, code)
    assert (issue.xpath, issue.source, issue.severity, issue.line) == (xpath, Source.XSD, Severity.ERROR, 3)
    assert text in issue.message
    assert not report.ok


def test_a_missing_required_attribute_names_it(project: SchemaRegistry) -> None:
    data = mini_doc(document=' Вид="А"').replace(' КНД="9999001"'.encode(), b"")
    report = validate_bytes(data, NAME, SchemaRegistry(None, []))  # nothing matches without a prefix …
    assert find(report.issues, UNSUPPORTED)
    issue = find(validate_bytes(data, NAME, project).issues, "xsd.attribute.missing")  # … the prefix does
    assert issue.xpath == "/Файл/Документ"
    assert issue.message == "Отсутствует обязательный атрибут «КНД» элемента «Документ»"


def test_untranslated_errors_keep_the_english_original(project: SchemaRegistry) -> None:
    report = validate_bytes(mini_doc(body='<Сторона ИННЮЛ="7752601811">текст</Сторона><Итог>1</Итог>'), NAME, project)
    (issue,) = report.errors
    assert issue.code == "xsd" and issue.xpath == "/Файл/Документ/Сторона"
    assert issue.message.startswith("Ошибка структуры элемента «Сторона»: ")
    assert "Character content" in issue.message


# --- picking, dedupe, no schema ------------------------------------------------------------


def test_no_schema_is_one_clear_issue(project: SchemaRegistry) -> None:
    report = validate_bytes(mini_doc(version="9.99"), NAME, project)
    (issue,) = report.issues
    assert issue.code == UNSUPPORTED and not report.ok and report.schema_id == ""
    assert issue.message.startswith("Формат документа не поддерживается: корневой элемент «Файл», ВерсФорм «9.99»")
    assert "КНД «9999001»" in issue.message and "версий: 1.00" in issue.message


def test_project_and_official_schema_both_run_and_duplicates_are_dropped(
    project: SchemaRegistry, both: SchemaRegistry
) -> None:
    data = mini_doc(document=' Вид="В" Кол="0"')
    single = validate_bytes(data, NAME, project)
    double = validate_bytes(data, NAME, both)
    assert double.schema_id == f"test-mini+{OFFICIAL_ID}"
    key = [(i.code, i.xpath, i.line) for i in single.errors]
    assert [(i.code, i.xpath, i.line) for i in double.errors] == key
    assert {"xsd.enumeration", "xsd.range"} <= {code for code, _, _ in key}


def test_a_schema_that_does_not_compile_makes_the_report_fail(tmp_path: Path) -> None:
    broken = write_mini_xsd(tmp_path / f"{OFFICIAL_ID}.xsd")
    broken.write_text(broken.read_text(encoding="utf-8").replace('type="КНДТип"', 'type="Нет"'), encoding="utf-8")
    report = validate_bytes(mini_doc(), NAME, SchemaRegistry(None, [tmp_path]))
    issue = find(report.errors, "engine.schema")
    assert issue.source is Source.ENGINE and f"{OFFICIAL_ID}.xsd" in issue.message and not report.ok


def test_issues_come_in_document_order(project: SchemaRegistry) -> None:
    data = mini_doc(document=' Вид="В"', body='<Сторона ИННЮЛ="7752601812"/>\n<Итог>1</Итог><Чужой/>')
    lines = [i.line or 0 for i in validate_bytes(data, NAME, project).issues]
    assert lines == sorted(lines) and len(lines) >= 3


# --- the rules embedded in the XSD --------------------------------------------------------


def test_file_name_rule_sees_the_base_name_without_xml(project: SchemaRegistry) -> None:
    assert validate_bytes(mini_doc(), f"some/folder/{NAME}", project).ok
    report = validate_bytes(mini_doc(), "renamed.xml", project)
    issue = find(report.errors, "0400400007")
    assert issue.source is Source.RULES and issue.xpath.endswith("@ИдФайл")


def test_base_name() -> None:
    assert base_name("a/b/ON_X_1.xml") == "ON_X_1"
    assert base_name("ON_X_1.XML") == "ON_X_1"
    assert base_name("ON_X_1") == "ON_X_1"


# --- business checks take part ------------------------------------------------------------


def test_business_checks_run_on_every_document(project: SchemaRegistry) -> None:
    report = validate_bytes(mini_doc(body='<Сторона ИННЮЛ="7752601812"/><Итог>1</Итог>'), NAME, project)
    issue = find(report.errors, "biz.inn")
    assert issue.source is Source.BUSINESS and issue.xpath == "/Файл/Документ/Сторона/@ИННЮЛ"


# --- unreadable input and the trio --------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"not xml", b"<a><b></a>", b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', b"<\xff\xfe/>"],
    ids=["empty", "text", "broken", "entity", "bad-bytes"],
)
def test_unreadable_input_raises_xml_input_error(project: SchemaRegistry, data: bytes) -> None:
    with pytest.raises(XmlInputError):
        validate_bytes(data, NAME, project)
    assert not is_valid(data, NAME, project)


def test_size_limit_is_honoured(project: SchemaRegistry) -> None:
    with pytest.raises(XmlInputError, match="слишком большой"):
        validate_bytes(mini_doc(), NAME, project, max_bytes=100)


def test_an_entity_reference_left_in_a_tree_is_bad_input(project: SchemaRegistry) -> None:
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    text = mini_doc().decode().replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")
    text = '<!DOCTYPE Файл [<!ENTITY e "1">]>\n' + text.replace("<Итог>1</Итог>", "<Итог>&e;</Итог>")
    tree = etree.ElementTree(etree.fromstring(text.encode(), parser))
    with pytest.raises(XmlInputError, match="не может быть проверен"):
        validate_tree(tree, NAME, project)


def test_validate_file_and_trio_on_paths(tmp_path: Path, project: SchemaRegistry) -> None:
    good = tmp_path / NAME
    good.write_bytes(mini_doc())
    bad = tmp_path / "bad" / NAME
    bad.parent.mkdir()
    bad.write_bytes(mini_doc(document=' Вид="В"'))
    assert validate_file(good, project).ok
    assert is_valid(good, registry=project) and not is_valid(bad, registry=project)
    assert validate_or_raise(good, registry=project).ok
    with pytest.raises(SchemaError) as caught:
        validate_or_raise(bad, registry=project)
    assert find(caught.value.report.errors, "xsd.enumeration")
    assert "Вид" in str(caught.value)


def test_trio_on_bytes_needs_a_file_name(project: SchemaRegistry) -> None:
    assert is_valid(mini_doc(), NAME, project)
    with pytest.raises(InputError, match="имя файла"):
        is_valid(mini_doc(), None, project)
    with pytest.raises(SchemaError):
        validate_or_raise(mini_doc(version="9.99"), NAME, project)


def test_a_path_with_an_explicit_name_uses_that_name(tmp_path: Path, project: SchemaRegistry) -> None:
    stored = tmp_path / "stored-under-another-name.xml"
    stored.write_bytes(mini_doc())
    assert is_valid(stored, NAME, project)
