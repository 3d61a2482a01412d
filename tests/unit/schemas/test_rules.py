"""The Schematron engine on the official УПД 5.03 seller schema and on small inline schemas."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edo_app.model.identifiers import check_inn, check_kpp
from edo_app.model.report import Severity, Source
from edo_app.schemas.rules import RuleSet, compile_rule
from edo_app.schemas.rules_extract import SCH_NS, extract_rules
from edo_app.schemas.rules_translate import USCH_NS
from edo_app.schemas.rules_xslt import CompiledRule, Unit
from tests.oracles import FNS_XSD, UPD503_SELLER, require

SELLER_INN, BUYER_INN, KPP = "7701000019", "5003000022", "770101001"
FILE_ID = (
    f"ON_NSCHFDOPPR_2BM-{BUYER_INN}-500301001_2BM-{SELLER_INN}-{KPP}_20260110_"
    "0f9c2d6e-8a51-4b7d-9e3a-5c1b2a3d4e5f_0_0_0_0_0_00"
)
# A small valid УПД 5.03 seller title (СЧФ). Fictional parties; line numbers matter to the tests:
# Файл is on line 2, Документ on line 3, the goods line start tags end on lines 18 and 23.
UPD_TEXT = f"""<?xml version="1.0" encoding="UTF-8"?>
<Файл ИдФайл="{FILE_ID}" ВерсФорм="5.03" ВерсПрог="edo-app 0.1">
<Документ КНД="1115131" Функция="СЧФ" ДатаИнфПр="10.01.2026" ВремИнфПр="12.00.00" НаимЭконСубСост="ООО «Ромашка-Тест»">
<СвСчФакт НомерДок="17" ДатаДок="10.01.2026">
<СвПрод>
<ИдСв><СвЮЛУч НаимОрг="ООО «Ромашка-Тест»" ИННЮЛ="{SELLER_INN}" КПП="{KPP}"/></ИдСв>
<Адрес><АдрИнф КодСтр="643" НаимСтран="РОССИЯ" АдрТекст="г. Москва, ул. Вымышленная, д. 1"/></Адрес>
</СвПрод>
<ДокПодтвОтгрНом РеквНаимДок="УПД" РеквНомерДок="17" РеквДатаДок="10.01.2026"/>
<СвПокуп>
<ИдСв><СвЮЛУч НаимОрг="АО «Лютик-Пример»" ИННЮЛ="{BUYER_INN}" КПП="500301001"/></ИдСв>
<Адрес><АдрИнф КодСтр="643" НаимСтран="РОССИЯ" АдрТекст="г. Примерный, ул. Условная, д. 2"/></Адрес>
</СвПокуп>
<ДенИзм КодОКВ="643" НаимОКВ="Российский рубль"/>
</СвСчФакт>
<ТаблСчФакт>
<СведТов НомСтр="1" НаимТов="Карандаш" ОКЕИ_Тов="796" НаимЕдИзм="шт" КолТов="10" ЦенаТов="15.00"
 СтТовБезНДС="150.00" НалСт="20%" СтТовУчНал="180.00">
<Акциз><БезАкциз>без акциза</БезАкциз></Акциз>
<СумНал><СумНал>30.00</СумНал></СумНал>
</СведТов>
<СведТов НомСтр="2" НаимТов="Ластик" ОКЕИ_Тов="796" НаимЕдИзм="шт" КолТов="2" ЦенаТов="10.00"
 СтТовБезНДС="20.00" НалСт="20%" СтТовУчНал="24.00">
<Акциз><БезАкциз>без акциза</БезАкциз></Акциз>
<СумНал><СумНал>4.00</СумНал></СумНал>
</СведТов>
<ВсегоОпл СтТовБезНДСВсего="170.00" СтТовУчНалВсего="204.00">
<СумНалВсего><СумНал>34.00</СумНал></СумНалВсего>
</ВсегоОпл>
</ТаблСчФакт>
<Подписант Должн="Генеральный директор" СпосПодтПолном="1">
<ФИО Фамилия="Тестов" Имя="Пример" Отчество="Условович"/>
</Подписант>
</Документ>
</Файл>
"""
FILE_NAME = f"{FILE_ID}.xml"


def upd_tree() -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(UPD_TEXT.encode("utf-8")))


@pytest.fixture(scope="module")
def seller_xsd() -> etree._ElementTree:
    return etree.parse(str(require(UPD503_SELLER)))


@pytest.fixture(scope="module")
def seller_rules(seller_xsd: etree._ElementTree) -> RuleSet:
    return RuleSet.from_xsd(seller_xsd)


def _codes(issues: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return sorted((i.code, i.xpath) for i in issues)


def test_fixture_parties_are_valid() -> None:
    assert check_inn(SELLER_INN) is None and check_inn(BUYER_INN) is None and check_kpp(KPP) is None


def test_every_live_assert_of_the_upd_schema_becomes_a_rule(seller_xsd: etree._ElementTree,
                                                             seller_rules: RuleSet) -> None:
    live = list(seller_xsd.iter(f"{{{SCH_NS}}}assert"))  # comment nodes are not elements
    commented = sum(c.text.count("sch:assert test=") for c in seller_xsd.iter(etree.Comment) if c.text)
    assert seller_rules.rule_count == len(live) == 54
    assert commented > 0  # the file does hold commented-out rules, and they are not counted
    assert seller_rules.problems == ()


def test_the_sample_is_valid_and_passes_every_rule(seller_xsd: etree._ElementTree, seller_rules: RuleSet) -> None:
    tree = upd_tree()
    assert etree.XMLSchema(seller_xsd).validate(tree)
    assert seller_rules.check(tree, FILE_NAME) == []
    assert seller_rules.check(tree, f"/some/folder/{FILE_NAME}") == []
    assert seller_rules.check(tree, FILE_ID) == []  # without the extension as well


def test_file_name_must_equal_id(seller_rules: RuleSet) -> None:
    (issue,) = seller_rules.check(upd_tree(), "ON_NSCHFDOPPR_OTHER.xml")
    assert (issue.code, issue.xpath, issue.line) == ("0400400007", "/Файл/@ИдФайл", 2)
    assert (issue.source, issue.severity) == (Source.RULES, Severity.ERROR)
    assert '"ON_NSCHFDOPPR_OTHER"' in issue.message and f'"{FILE_ID}"' in issue.message
    assert issue.message.startswith("Имя файла обмена") and "  " not in issue.message


def test_invoice_without_goods_table(seller_rules: RuleSet) -> None:
    tree = upd_tree()
    document = tree.getroot()[0]
    document.remove(document.find("ТаблСчФакт"))
    (issue,) = seller_rules.check(tree, FILE_NAME)
    assert (issue.code, issue.xpath, issue.line) == ("0400300003", "/Файл/Документ/ТаблСчФакт", 3)
    assert "ТаблСчФакт" in issue.message and '"СЧФ"' in issue.message


def test_document_name_is_forbidden_for_an_invoice(seller_rules: RuleSet) -> None:
    tree = upd_tree()
    tree.getroot()[0].set("НаимДокОпр", "Счет-фактура")
    (issue,) = seller_rules.check(tree, FILE_NAME)
    assert (issue.code, issue.xpath, issue.line) == ("0400300003", "/Файл/Документ/@НаимДокОпр", 3)
    tree.getroot()[0].set("Функция", "СЧФДОП")  # required there: no СвПродПер yet, but no НаимДокОпр issue
    assert all("НаимДокОпр" not in i.xpath for i in seller_rules.check(tree, FILE_NAME))


def test_goods_line_failures_name_the_line(seller_rules: RuleSet) -> None:
    tree = upd_tree()
    second = tree.getroot().find("Документ/ТаблСчФакт")[1]
    del second.attrib["НаимТов"]
    second.set("ЦенаТов", "0")
    issues = seller_rules.check(tree, FILE_NAME)
    assert _codes(issues) == [
        ("0400300003", "/Файл/Документ/ТаблСчФакт/СведТов[2]/@НаимТов"),
        ("0400300003", "/Файл/Документ/ТаблСчФакт/СведТов[2]/@ЦенаТов"),
    ]
    assert {i.line for i in issues} == {23}  # libxml2 counts the line where the start tag ends


def test_comparison_with_an_absent_attribute_is_false(seller_rules: RuleSet) -> None:
    # СтТовБезНДС is required on СЧФ only when ДопСвФХЖ1/@СпОбстФСЧФ != 2; with no such
    # attribute the comparison is false in XPath 1.0, so the line may omit it.
    tree = upd_tree()
    line = tree.getroot().find("Документ/ТаблСчФакт/СведТов")
    del line.attrib["СтТовБезНДС"]
    assert seller_rules.check(tree, FILE_NAME) == []
    invoice = tree.getroot().find("Документ/СвСчФакт")
    extra = etree.Element("ДопСвФХЖ1", СпОбстФСЧФ="1")
    invoice.append(extra)
    (issue,) = seller_rules.check(tree, FILE_NAME)
    assert issue.xpath == "/Файл/Документ/ТаблСчФакт/СведТов[1]/@СтТовБезНДС"
    extra.set("СпОбстФСЧФ", "2")
    assert seller_rules.check(tree, FILE_NAME) == []


def test_official_schemas_load_without_exceptions() -> None:
    files = sorted(require(FNS_XSD).rglob("*.xsd"))
    assert len(files) >= 30
    bare = etree.ElementTree(etree.fromstring('<Файл ИдФайл="X"/>'))
    total = 0
    for path in files:
        rules = RuleSet.from_xsd(etree.parse(str(path)))
        assert all(p.source is Source.ENGINE and p.severity is Severity.WARNING for p in rules.problems)
        issues = rules.check(bare, "Y.xml")
        assert all(i.source is Source.RULES for i in issues)
        total += rules.rule_count
    assert total == sum(1 for path in files for _ in etree.parse(str(path)).iter(f"{{{SCH_NS}}}assert"))


# --- inline schemas: problems, first-match semantics, other contexts -------------------------

def _schema(patterns: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(f"""
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:sch="{SCH_NS}" xmlns:usch="{USCH_NS}">
  <xs:element name="r"><xs:annotation><xs:appinfo>{patterns}</xs:appinfo></xs:annotation></xs:element>
</xs:schema>"""))


def _rule(context: str, test: str, code: str = "1", path: str = "", message: str = "m") -> str:
    return (f'<sch:pattern><sch:rule context="{context}"><sch:assert test="{test}">'
            f'<usch:error code="{code}" path="{path}">{message}</usch:error></sch:assert></sch:rule></sch:pattern>')


def test_unevaluable_rules_become_engine_warnings() -> None:
    xsd = _schema(
        _rule("r", "usch:nosuch(1)", "A") + _rule("r", "count(", "B") + _rule("r", "$v = 1", "C")
        + _rule("r", "count('x') = 1", "D") + _rule("r", "usch:iif(@a, b, 'c') = 'c'", "E")
        + '<sch:pattern><sch:rule context="r"><sch:let name="v" value="1"/>'
        '<sch:assert test="$v = 1"><usch:error code="F" path="">m</usch:error></sch:assert></sch:rule></sch:pattern>'
        + _rule("r", "count(b) = 1", "OK", "b", 'нет b: <usch:value-of select="count(b)"/>')
    )
    rules = RuleSet.from_xsd(xsd)
    assert rules.rule_count == 7
    assert [p.code for p in rules.problems] == ["A", "B", "C", "D", "E", "F"]
    assert all(p.source is Source.ENGINE and p.severity is Severity.WARNING for p in rules.problems)
    assert "неизвестная функция usch:nosuch()" in rules.problems[0].message
    assert "sch:let" in rules.problems[5].message
    (issue,) = rules.check(etree.ElementTree(etree.fromstring("<r/>")), "f")
    assert (issue.code, issue.xpath, issue.message) == ("OK", "/r/b", "нет b: 0")


def test_a_rule_failing_at_run_time_is_reported_and_the_rest_still_run() -> None:
    xsd = _schema(_rule("r", "count(b) = 1", "GOOD") + _rule("r", "true()", "BAD"))
    specs = extract_rules(xsd)
    good = compile_rule(specs[0])
    broken = CompiledRule(specs[1], "count('x') = 0", (), "r")  # slips past the static checks
    rules = RuleSet(specs, [Unit(main=[good]), Unit(main=[broken])], [])
    issues = rules.check(etree.ElementTree(etree.fromstring("<r/>")), "f")
    assert sorted((i.code, i.source) for i in issues) == [("BAD", Source.ENGINE), ("GOOD", Source.RULES)]
    broken_issue = next(i for i in issues if i.code == "BAD")
    assert broken_issue.severity is Severity.WARNING and "ошибка вычисления" in broken_issue.message


def test_first_matching_rule_of_a_pattern_wins() -> None:
    xsd = _schema(
        '<sch:pattern><sch:rule context="a/b"><sch:assert test="@x = 1"><usch:error code="AB" path="@x">ab'
        '</usch:error></sch:assert></sch:rule><sch:rule context="b"><sch:assert test="@x = 2">'
        '<usch:error code="B" path="@x">b</usch:error></sch:assert></sch:rule></sch:pattern>'
        + '<sch:pattern><sch:rule context="b"><sch:assert test="@y"><usch:error code="Y" path="">y'
        '</usch:error></sch:assert></sch:rule><sch:rule context="b"><sch:assert test="false()">'
        '<usch:error code="NEVER" path="">n</usch:error></sch:assert></sch:rule></sch:pattern>'
        + _rule("@x", ". != 3", "X")
    )
    rules = RuleSet.from_xsd(xsd)
    assert rules.problems == ()
    doc = etree.ElementTree(etree.fromstring('<r><a><b x="2" y="1"/></a><c><b x="1" y="1"/></c><b x="3"/></r>'))
    assert _codes(rules.check(doc, "f")) == [
        ("AB", "/r/a/b/@x"), ("B", "/r/b/@x"), ("B", "/r/c/b/@x"), ("X", "/r/b/@x"), ("Y", "/r/b"),
    ]


def test_report_fires_when_its_test_holds() -> None:
    xsd = _schema('<sch:pattern><sch:rule context="b"><sch:report test="@x">есть x у '
                  '<sch:value-of select="name()"/></sch:report></sch:rule></sch:pattern>')
    rules = RuleSet.from_xsd(xsd)
    (issue,) = rules.check(etree.ElementTree(etree.fromstring('<r><b/><b x="1"/></r>')), "f")
    assert (issue.xpath, issue.message, issue.code) == ("/r/b[2]", "есть x у b", "")


def test_file_name_param_is_quoted_safely(tmp_path: Path) -> None:
    xsd = _schema(_rule("r", "usch:getFileName() = @id", "N", "@id",
                        'имя "<usch:value-of select="usch:getFileName()"/>"'))
    rules = RuleSet.from_xsd(xsd)
    doc = etree.ElementTree(etree.fromstring("""<r id="it's &quot;x&quot;"/>"""))
    assert rules.check(doc, str(tmp_path / """it's "x".xml""")) == []
    (issue,) = rules.check(doc, "other.XML")
    assert issue.message == 'имя "other"'


@pytest.mark.parametrize(("sample", "schema"), [
    ("upd-5.02/samples/generate_utd970_05_02_01_title0_resp.xml", "upd-5.02/ON_NSCHFDOPPR_1_997_01_05_02_01.xsd"),
    ("upd-5.02/samples/generate_utd970_05_02_01_title1_resp.xml", "upd-5.02/ON_NSCHFDOPPOK_1_997_02_05_02_01.xsd"),
    ("upd-5.01/samples/generate_utd820_05_01_02_hyphen_title0_resp.xml",
     "upd-5.01/ON_NSCHFDOPPR_1_997_01_05_01_03.xsd"),
])
def test_operator_generated_samples_pass_their_rules(sample: str, schema: str) -> None:
    tree = etree.parse(str(require(FNS_XSD / sample)))
    rules = RuleSet.from_xsd(etree.parse(str(require(FNS_XSD / schema))))
    file_id = tree.getroot().get("ИдФайл")
    assert rules.check(tree, f"{file_id}.xml") == []
    (issue,) = rules.check(tree, Path(sample).name)  # saved under a generic name
    assert (issue.code, issue.xpath) == ("0400400007", "/Файл/@ИдФайл")


def test_a_context_libxslt_refuses_is_isolated() -> None:
    rules = RuleSet.from_xsd(_schema(_rule("count(b)", "true()", "PATTERN") + _rule("r", "b", "GOOD", "b")))
    (warning,) = rules.problems
    assert (warning.code, warning.source) == ("PATTERN", Source.ENGINE)
    assert "libxslt не компилирует" in warning.message
    (issue,) = rules.check(etree.ElementTree(etree.fromstring("<r/>")), "f")
    assert (issue.code, issue.xpath) == ("GOOD", "/r/b")
