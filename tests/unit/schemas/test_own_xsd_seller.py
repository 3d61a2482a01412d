"""The project's own XSD for the УПД 5.03 seller title (ON_NSCHFDOPPR) agrees with the official one.

Checked here: inline СЧФ / СЧФДОП / ДОП documents are valid against both schemas; single-defect
variants are rejected by both; both schemas' embedded Schematron (run by a tiny evaluator: XPath 1.0
via lxml plus usch:iif and usch:getFileName) reports the same codes on the same elements; the own
schema carries every active official rule and code; and a parallel walk of both schemas finds the
same elements, attributes, order, cardinalities and value spaces.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from edo_app.model.identifiers import check_inn
from tests.oracles import PROJECT, UPD503_SELLER, require
from tests.xsd_agreement import (
    NS,
    SCH,
    XS,
    active_asserts,
    assert_same_structure,
    both_valid,
    parse,
    probe_strings,
    replace_once,
    rule_failures,
    undocumented,
    xml_schema,
    xsd_tree,
)

OWN_XSD = PROJECT / "xsd" / "upd-5.03" / "upd-seller.xsd"

FILE_ID = (
    "ON_NSCHFDOPPR_2BM-6315274800-631501001_2BM-7704128930-770401001_20260115_"
    "3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f7a8b9c_0_0_0_0_0_00"
)
INN_SELLER, INN_BUYER, INN_CARRIER, INN_PERSON = "7704128930", "6315274800", "5027349616", "771924681325"
POA_NUMBER = "5b7e0c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e"

_BUYER_ADDRESS = '<Адрес><АдрРФ Индекс="443001" КодРегион="63" НаимРегион="Самарская область" Город="Самара"/></Адрес>'
_SELLER = f"""<СвПрод><ИдСв><СвЮЛУч НаимОрг="ООО «Ромашка-Тест»" ИННЮЛ="{INN_SELLER}" КПП="770401001"/></ИдСв>
    <Адрес><АдрИнф КодСтр="643" НаимСтран="Россия" АдрТекст="г. Москва, ул. Вымышленная, д. 1"/></Адрес>
   </СвПрод>"""
_BUYER = f"""<СвПокуп><ИдСв><СвЮЛУч НаимОрг="АО «Лютик-Пример»" ИННЮЛ="{INN_BUYER}" КПП="631501001"/></ИдСв>
    {_BUYER_ADDRESS}
   </СвПокуп>"""
_MONEY = '<ДенИзм КодОКВ="643" НаимОКВ="Российский рубль"/>'
_SHIP_DOC = '<ДокПодтвОтгрНом РеквНаимДок="Акт" РеквНомерДок="125" РеквДатаДок="15.01.2026"/>'
_DOP_TRANSFER = """<СвПродПер>
   <СвПер СодОпер="Услуги оказаны" ДатаНачПер="01.01.2026" ДатаОконПер="31.01.2026">
    <БезДокОснПер>1</БезДокОснПер>
   </СвПер>
  </СвПродПер>"""
_SIGNER = '<Подписант СпосПодтПолном="1"><ФИО Фамилия="Кедрова" Имя="Анна"/></Подписант>'


def _file(doc_attrs: str, body: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Файл ИдФайл="{FILE_ID}" ВерсФорм="5.03" ВерсПрог="edo-app 0.1">
 <Документ КНД="1115131" {doc_attrs} ДатаИнфПр="15.01.2026" ВремИнфПр="17.40.12"
   НаимЭконСубСост="ООО «Ромашка-Тест», ИНН {INN_SELLER}">
{body}
 </Документ>
</Файл>
"""


SCHF = _file(
    'Функция="СЧФ"',
    f"""  <СвСчФакт НомерДок="125" ДатаДок="15.01.2026">
   {_SELLER}
   {_SHIP_DOC}
   {_BUYER}
   {_MONEY}
  </СвСчФакт>
  <ТаблСчФакт>
   <СведТов НомСтр="1" НаимТов="Хранение груза" НалСт="20%" СтТовБезНДС="1000.00" СтТовУчНал="1200.00">
    <СумНал><СумНал>200.00</СумНал></СумНал>
   </СведТов>
   <ВсегоОпл СтТовБезНДСВсего="1000.00" СтТовУчНалВсего="1200.00"><СумНалВсего><СумНал>200.00</СумНал></СумНалВсего>
   </ВсегоОпл>
  </ТаблСчФакт>
  {_SIGNER}""",
)

SCHFDOP = _file(
    'Функция="СЧФДОП" ПоФактХЖ="Документ об отгрузке товаров" НаимДокОпр="Универсальный передаточный документ"',
    f"""  <СвСчФакт НомерДок="126" ДатаДок="15.01.2026">
   <ИспрДок НомИспр="1" ДатаИспр="16.01.2026"/>
   {_SELLER}
   <ГрузОт><ГрузОтпр><ИдСв><СвЮЛУч НаимОрг="ООО «Склад-Пример»" ИННЮЛ="{INN_CARRIER}"/></ИдСв>
     <Адрес><АдрГАР ИдНом="0c5b2444-70a0-4932-980c-b4dc0d3f02b5"><Регион>77</Регион>
      <НаимРегион>Москва</НаимРегион><МуниципРайон ВидКод="2" Наим="Тестовый"/>
      <Здание Тип="дом" Номер="5"/></АдрГАР></Адрес>
    </ГрузОтпр></ГрузОт>
   <ГрузПолуч><ИдСв><СвИП ИННФЛ="{INN_PERSON}"><ФИО Фамилия="Сидоров" Имя="Олег"/></СвИП></ИдСв>
    <Адрес><АдрИнф КодСтр="643" НаимСтран="Россия" АдрТекст="г. Тверь, ул. Условная, д. 3"/></Адрес>
   </ГрузПолуч>
   <СвПРД НомерПРД="44" ДатаПРД="10.01.2026" СуммаПРД="500.00"/>
   {_SHIP_DOC}
   {_BUYER}
   {_MONEY}
   <ДопСвФХЖ1 СпОбстФСЧФДОП="00001"><ВидОбяз КодВидОбяз="1"/></ДопСвФХЖ1>
   <ИнфПолФХЖ1><ТекстИнф Идентиф="заказ" Значен="З-17"/></ИнфПолФХЖ1>
  </СвСчФакт>
  <ТаблСчФакт>
   <СведТов НомСтр="1" НаимТов="Стул офисный" ОКЕИ_Тов="796" НаимЕдИзм="шт" КолТов="2" ЦенаТов="1500.00"
     СтТовБезНДС="3000.00" НалСт="20%" СтТовУчНал="3600.00">
    <ДопСведТов ПрТовРаб="1" КодТов="ST-1">
     <НомСредИдентТов><КИЗ>0104600000000001215ABCDEFGHIJKLM</КИЗ></НомСредИдентТов>
    </ДопСведТов>
    <Акциз><БезАкциз>без акциза</БезАкциз></Акциз>
    <СумНал><СумНал>600.00</СумНал></СумНал>
   </СведТов>
   <СведТов НомСтр="2" НаимТов="Доставка" НалСт="без НДС" СтТовБезНДС="400.00" СтТовУчНал="400.00">
    <СумНал><БезНДС>без НДС</БезНДС></СумНал>
   </СведТов>
   <ВсегоОпл СтТовБезНДСВсего="3400.00" СтТовУчНалВсего="4000.00" КолНеттоВс="2">
    <СумНалВсего><СумНал>600.00</СумНал></СумНалВсего></ВсегоОпл>
  </ТаблСчФакт>
  <СвПродПер>
   <СвПер СодОпер="Товары переданы" ДатаПер="15.01.2026">
    <ОснПер РеквНаимДок="Договор поставки" РеквНомерДок="П-3" РеквДатаДок="01.12.2025"/>
    <СвЛицПер><РабОргПрод Должность="Кладовщик"><ФИО Фамилия="Лебедев" Имя="Иван"/></РабОргПрод></СвЛицПер>
    <Тран СвТран="Автомобиль"/>
   </СвПер>
  </СвПродПер>
  <Подписант Должн="Директор" ТипПодпис="1" ДатаПодДок="15.01.2026" СпосПодтПолном="3">
   <ФИО Фамилия="Кедрова" Имя="Анна" Отчество="Павловна"/>
   <СвДоверЭл НомДовер="{POA_NUMBER}" ДатаВыдДовер="10.01.2026" ИдСистХран="https://m4d.nalog.gov.ru"/>
  </Подписант>""",
)

DOP = _file(
    'Функция="ДОП" НаимДокОпр="Акт об оказании услуг"',
    f"""  <СвСчФакт НомерДок="127" ДатаДок="31.01.2026">
   <СвПрод><ИдСв><СвЮЛУч НаимОрг="ООО «Ромашка-Тест»" ИННЮЛ="{INN_SELLER}"/></ИдСв></СвПрод>
   <СвПокуп><ИдСв><СвЮЛУч НаимОрг="АО «Лютик-Пример»" ИННЮЛ="{INN_BUYER}"/></ИдСв></СвПокуп>
   {_MONEY}
  </СвСчФакт>
  <ТаблСчФакт>
   <СведТов НомСтр="1" НаимТов="Консультации" НалСт="без НДС" СтТовУчНал="5000.00">
    <СумНал><БезНДС>без НДС</БезНДС></СумНал>
   </СведТов>
   <ВсегоОпл СтТовУчНалВсего="5000.00"><СумНалВсего><БезНДС>без НДС</БезНДС></СумНалВсего></ВсегоОпл>
  </ТаблСчФакт>
  {_DOP_TRANSFER}
  <Подписант СпосПодтПолном="5"><ФИО Фамилия="Кедрова" Имя="Анна"/>
   <СвДоверБум ДатаВыдДовер="09.01.2026" ВнНомДовер="Д-12"/>
  </Подписант>""",
)

VALID = {"СЧФ": SCHF, "СЧФДОП": SCHFDOP, "ДОП": DOP}

# One defect each, caught by the XSD itself: (document, text to replace, replacement).
XSD_DEFECTS = {
    "нет обязательного атрибута ДатаДок": (SCHF, ' ДатаДок="15.01.2026"', ""),
    "неизвестная Функция": (SCHF, 'Функция="СЧФ"', 'Функция="СФ"'),
    "ставка не из перечня": (SCHF, 'НалСт="20%"', 'НалСт="19%"'),
    "ИНН начинается с 00": (SCHF, f'ИННЮЛ="{INN_BUYER}"', 'ИННЮЛ="0015274800"'),
    "ИНН из 9 цифр": (DOP, f'ИННЮЛ="{INN_SELLER}"', 'ИННЮЛ="770412893"'),
    "ДенИзм раньше СвПокуп": (SCHF, f"{_BUYER}\n   {_MONEY}", f"{_MONEY}\n   {_BUYER}"),
    "слишком длинный НомерДок": (SCHF, 'НомерДок="125"', f'НомерДок="{"9" * 1001}"'),
    "несуществующая дата": (DOP, 'ДатаДок="31.01.2026"', 'ДатаДок="30.02.2026"'),
    "чужой КНД": (DOP, 'КНД="1115131"', 'КНД="1115132"'),
    "КолТов равно нулю": (SCHFDOP, 'КолТов="2"', 'КолТов="0"'),
    "номер МЧД не из 36 знаков": (SCHFDOP, f'НомДовер="{POA_NUMBER}"', 'НомДовер="12345"'),
    "лишний атрибут": (DOP, 'НомСтр="1"', 'НомСтр="1" Цвет="синий"'),
}

# One defect each that only the embedded rules catch: (document, old, new, XPath of the failing element).
RULE_DEFECTS = {
    "СЧФ с НаимДокОпр": (SCHF, 'Функция="СЧФ"', 'Функция="СЧФ" НаимДокОпр="Счет"', "/Файл/Документ"),
    "СвДоверЭл при СпосПодтПолном 2": (SCHFDOP, 'СпосПодтПолном="3"', 'СпосПодтПолном="2"', "/Файл/Документ/Подписант"),
    "СвДоверБум без СпосПодтПолном 5": (DOP, 'СпосПодтПолном="5"', 'СпосПодтПолном="1"', "/Файл/Документ/Подписант"),
    "ДОП без СвПродПер": (DOP, _DOP_TRANSFER, "", "/Файл/Документ"),
    "СЧФ без адреса покупателя": (SCHF, _BUYER_ADDRESS, "", "/Файл/Документ/СвСчФакт/СвПокуп"),
    "СпОбстФДОП в СЧФДОП": (
        SCHFDOP,
        'СпОбстФСЧФДОП="00001"',
        'СпОбстФДОП="00001"',
        "/Файл/Документ/СвСчФакт/ДопСвФХЖ1",
    ),
    "СЧФ без ДокПодтвОтгрНом": (SCHF, _SHIP_DOC, "", "/Файл/Документ/СвСчФакт"),
    "КолТов без ЦенаТов": (SCHFDOP, ' ЦенаТов="1500.00"', "", "/Файл/Документ/ТаблСчФакт/СведТов[1]"),
}


def _own_schema() -> etree.XMLSchema:
    return xml_schema(OWN_XSD)


def _official_schema() -> etree.XMLSchema:
    return xml_schema(require(UPD503_SELLER))


def _rule_failures(xsd_path: Path, tree: etree._ElementTree, file_name: str = FILE_ID) -> list[tuple[str, str]]:
    """(XPath of the context element, error code) of every failed active assert, sorted."""
    return sorted((f.node, f.code) for f in rule_failures(xsd_tree(xsd_path), tree, file_name))


def test_own_schema_compiles_and_is_utf8_without_namespace() -> None:
    head = OWN_XSD.read_bytes()[:60]
    assert b'encoding="UTF-8"' in head
    root = xsd_tree(OWN_XSD).getroot()
    assert root.get("targetNamespace") is None
    assert root.get("elementFormDefault") == "qualified"
    assert isinstance(_own_schema(), etree.XMLSchema)


def test_fixture_identifiers_have_valid_check_digits() -> None:
    for inn in (INN_SELLER, INN_BUYER, INN_CARRIER, INN_PERSON):
        assert check_inn(inn) is None, inn


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_documents_pass_both_schemas_and_rules(name: str) -> None:
    require(UPD503_SELLER)
    tree = parse(VALID[name])
    assert _own_schema().validate(tree), _own_schema().error_log
    assert _official_schema().validate(tree), _official_schema().error_log
    assert _rule_failures(OWN_XSD, tree) == []
    assert _rule_failures(UPD503_SELLER, tree) == []


@pytest.mark.parametrize("defect", sorted(XSD_DEFECTS))
def test_xsd_defects_are_rejected_by_both(defect: str) -> None:
    tree = parse(replace_once(*XSD_DEFECTS[defect]))
    assert both_valid(tree, OWN_XSD, require(UPD503_SELLER)) == (False, False)


@pytest.mark.parametrize("defect", sorted(RULE_DEFECTS))
def test_rule_defects_give_same_codes_in_both(defect: str) -> None:
    require(UPD503_SELLER)
    doc, old, new, where = RULE_DEFECTS[defect]
    tree = parse(replace_once(doc, old, new))
    assert _own_schema().validate(tree), _own_schema().error_log  # only the rules see these defects
    own = _rule_failures(OWN_XSD, tree)
    assert own == _rule_failures(UPD503_SELLER, tree)
    assert own == [(where, "0400300003")]


def test_empty_identification_block_fails_all_four_alternatives() -> None:
    require(UPD503_SELLER)
    tree = parse(replace_once(SCHFDOP, "<КИЗ>0104600000000001215ABCDEFGHIJKLM</КИЗ>", ""))
    own = _rule_failures(OWN_XSD, tree)
    assert own == _rule_failures(UPD503_SELLER, tree)
    assert len(own) == 4 and {code for _path, code in own} == {"0400300003"}


def test_file_name_rule_compares_name_with_id() -> None:
    require(UPD503_SELLER)
    tree = parse(SCHF)
    own = _rule_failures(OWN_XSD, tree, file_name="другое_имя")
    assert own == _rule_failures(UPD503_SELLER, tree, file_name="другое_имя") == [("/Файл", "0400400007")]


def test_every_active_official_rule_is_restated() -> None:
    official, own = active_asserts(xsd_tree(require(UPD503_SELLER))), active_asserts(xsd_tree(OWN_XSD))
    all_official = xsd_tree(UPD503_SELLER).getroot()
    commented = sum(c.text.count("<sch:assert") for c in all_official.iter(etree.Comment))
    assert commented > 0  # the official file does keep switched-off rules in comments
    assert len(own) == len(official)

    def contexts(asserts: list[etree._Element]) -> Counter[str]:
        return Counter(a.getparent().get("context") for a in asserts)

    assert contexts(own) == contexts(official)
    codes = {a.find("usch:error", NS).get("code") for a in own}
    assert codes >= {a.find("usch:error", NS).get("code") for a in official}


def test_rules_live_in_appinfo_of_their_element() -> None:
    root = xsd_tree(OWN_XSD).getroot()
    for pattern in root.iter(f"{{{SCH}}}pattern"):
        assert pattern.get("name")
        element = pattern.getparent().getparent().getparent()
        rule = pattern.find("sch:rule", NS)
        assert element.tag == f"{{{XS}}}element" and element.get("name") == rule.get("context")
        for check in rule.iterfind("sch:assert", NS):
            error = check.find("usch:error", NS)
            assert error.get("code") and error.get("path") and error.text


def test_every_declaration_is_documented() -> None:
    assert undocumented(OWN_XSD) == []


# ---- Parallel walk of both schemas: structure and value spaces must coincide. ----
_PROBE_TEXT = (
    "|0|1|2|5|7|-1|0.5|1.123|1.12345|12345678901234567890|5.03|1115131|СЧФ|СЧФДОП|ДОП|СвРК|СвЗК|ИО|ИГ|он же"
    "|без НДС|без акциза|20%|22/122|29.02.1900|29.02.2001|31.04.2026|15.01.2026|23.59.59|24.00.00|0015274800"
    "|631501001|6315AZ001|643|796|7960|79601|123456789012345"
)
_PROBE_LENGTHS = (1, 2, 3, 4, 5, 6, 9, 10, 11, 13, 14, 20, 25, 27, 29, 30, 34, 35, 36, 40, 41, 50, 51, 55, 56, 60,
                  61, 100, 101, 255, 256, 500, 501, 510, 511, 1000, 1001, 2000, 2001)


def test_schemas_have_same_structure_and_value_spaces() -> None:
    probes = probe_strings({*_PROBE_TEXT.split("|"), INN_SELLER, INN_PERSON}, _PROBE_LENGTHS)
    probed = assert_same_structure(require(UPD503_SELLER), OWN_XSD, probes, roots=["Файл"])
    assert probed >= 150  # the walk reached the value spaces of the whole document
