"""The project's own XSD for the УПД 5.03 buyer title (ON_NSCHFDOPPOK) agrees with the official one.

Agreement is checked on inline documents (acceptance, acceptance with discrepancies, refusal),
on single-defect variants the XSD must reject, and on variants only the embedded rules catch:
both schemas' Schematron is run by a tiny evaluator here (XPath 1.0 via lxml plus usch:iif and
usch:getFileName) and must report the same codes at the same places.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import xmlschema
from lxml import etree

from edo_app.model.identifiers import check_inn
from tests.oracles import PROJECT, UPD503_BUYER, require
from tests.xsd_agreement import SCH, USCH, XS, active_asserts, parse, rule_failures, xml_schema, xsd_tree

OWN_XSD = PROJECT / "xsd" / "upd-5.03" / "upd-buyer.xsd"

FILE_ID = (
    "ON_NSCHFDOPPOK_2BM-7724913576-772401001_2BM-5042186370-504201001_20260116_"
    "78d49295-d78d-4b1d-a15a-9cfa8b4bfe5b_0_0_0_0_0_00"
)
SELLER_FILE_ID = (
    "ON_NSCHFDOPPR_2BM-5042186370-504201001_2BM-7724913576-772401001_20260115_"
    "8068e2c4-b803-475f-9354-6832caa036ef_0_0_0_0_0_00"
)
INN_BUYER, INN_SELLER, INN_CARRIER, INN_PERSON = "7724913576", "5042186370", "6315834025", "771924681325"

_HEAD = f"""<?xml version="1.0" encoding="UTF-8"?>
<Файл ИдФайл="{FILE_ID}" ВерсФорм="5.03" ВерсПрог="edo-app 0.1">
 <Документ КНД="1115132" ДатаИнфПок="16.01.2026" ВремИнфПок="10.15.00"
   НаимЭконСубСост="ООО «Тестовый покупатель», ИНН {INN_BUYER}">
  <ИдИнфПрод ИдФайлИнфПр="{SELLER_FILE_ID}" ДатаФайлИнфПр="15.01.2026" ВремФайлИнфПр="17.40.12">
   <ЭП>MIIGdGVzdC1zaWduYXR1cmUtb2YtdGhlLXNlbGxlcg==</ЭП>
  </ИдИнфПрод>
  <СодФХЖ4 НаимДокОпрПр="Счет-фактура и документ об отгрузке товаров" Функция="СЧФДОП"
    ПорНомДокИнфПр="125" ДатаДокИнфПр="15.01.2026">
"""
_DISCREPANCY_ACT = f"""<РеквДокРасх РеквНаимДок="Акт о расхождениях" РеквНомерДок="7" РеквДатаДок="16.01.2026">
      <РеквИдРекСост><ИННЮЛ>{INN_BUYER}</ИННЮЛ></РеквИдРекСост>
     </РеквДокРасх>"""

ACCEPTED = (
    _HEAD
    + """   <СвПрин СодОпер="Товары приняты без расхождений" ДатаПрин="16.01.2026">
    <КодСодОпер КодИтога="1"/>
    <СвЛицПрин><РабОргПок Должность="Кладовщик"><ФИО Фамилия="Зайцева" Имя="Марина" Отчество="Олеговна"/>
    </РабОргПок></СвЛицПрин>
   </СвПрин>
   <ИнфПолФХЖ4><ТекстИнф Идентиф="склад" Значен="Склад № 2"/></ИнфПолФХЖ4>
  </СодФХЖ4>
  <Подписант Должн="Менеджер по закупкам" ТипПодпис="1" ДатаПодДок="16.01.2026" СпосПодтПолном="3">
   <ФИО Фамилия="Орлов" Имя="Пётр" Отчество="Ильич"/>
   <СвДоверЭл НомДовер="0c1d2e3f-4a5b-4c6d-8e7f-101112131415" ДатаВыдДовер="10.01.2026"
     ИдСистХран="Распределённый реестр ФНС России"/>
  </Подписант>
 </Документ>
</Файл>
"""
)

DISCREPANCY = (
    _HEAD
    + f"""   <СвПрин СодОпер="Товары приняты с расхождениями" ДатаПрин="16.01.2026">
    <КодСодОпер КодИтога="2">{_DISCREPANCY_ACT}</КодСодОпер>
    <СвЛицПрин><ИнЛицо>
     <ПредОргПрин Должность="Экспедитор" НаимОргПрин="ООО «Тестовая логистика»" ИННОргПрин="{INN_CARRIER}">
      <ФИО Фамилия="Смирнов" Имя="Олег"/>
     </ПредОргПрин>
    </ИнЛицо></СвЛицПрин>
   </СвПрин>
  </СодФХЖ4>
  <Подписант Должн="Заведующий складом" СпосПодтПолном="5">
   <ФИО Фамилия="Кузнецова" Имя="Анна"/>
   <СвДоверБум ДатаВыдДовер="09.01.2026" ВнНомДовер="12/2026"><ФИО Фамилия="Орлов" Имя="Пётр"/></СвДоверБум>
  </Подписант>
 </Документ>
</Файл>
"""
)

REFUSAL = (
    _HEAD
    + f"""   <СвПрин ДатаПрин="16.01.2026">
    <КодСодОпер КодИтога="3">{_DISCREPANCY_ACT}</КодСодОпер>
    <СвЛицПрин><ИнЛицо>
     <ФЛПрин ИННФЛПрин="{INN_PERSON}">
      <ОснДоверФЛ РеквНаимДок="Договор поручения" РеквНомерДок="3" РеквДатаДок="05.01.2026">
       <РеквИдРекСост><ДаннИно ИдСтат="ИО" КодСтр="112" НаимСтран="Беларусь" Наим="ОАО «Тест»" Идентиф="190000001"/>
       </РеквИдРекСост>
      </ОснДоверФЛ>
      <ФИО Фамилия="Волков" Имя="Иван"/>
     </ФЛПрин>
    </ИнЛицо></СвЛицПрин>
   </СвПрин>
  </СодФХЖ4>
  <ИнфПокЗаГоскКазн ЛицСчетПок="03731000123" НаимФинОргПок="Тестовое финансовое управление"
    НомРеестрЗапПок="00100123" ОКТМОПок="45382000" ДатаОплПред="30.01.2026" ОчерПлат="5" ВидПлат="0">
   <ИнфСведДенОбяз НомСтр="1" ВидСредств="1" КодПокБюджКласс="00001130113000000244" СумАванс="0.00"/>
  </ИнфПокЗаГоскКазн>
  <Подписант Должн="Директор" СпосПодтПолном="1"><ФИО Фамилия="Орлов" Имя="Пётр"/></Подписант>
  <ОснДоверОргСост РеквНаимДок="Соглашение об ЭДО" РеквНомерДок="1" РеквДатаДок="01.01.2026">
   <РеквИдРекСост/>
  </ОснДоверОргСост>
 </Документ>
</Файл>
"""
)

VALID = {"accepted": ACCEPTED, "discrepancy": DISCREPANCY, "refusal": REFUSAL}


# ---------- helpers ----------


@pytest.fixture(scope="module")
def own_tree() -> etree._ElementTree:
    return xsd_tree(OWN_XSD)


@pytest.fixture(scope="module")
def official_tree() -> etree._ElementTree:
    return xsd_tree(require(UPD503_BUYER))


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    return {"own": xml_schema(OWN_XSD), "official": xml_schema(require(UPD503_BUYER))}


def mutate(text: str, xpath: str, change: Callable[[etree._Element], object]) -> etree._ElementTree:
    """Apply one change to the single element ``xpath`` selects in a copy of ``text``."""
    tree = parse(text)
    [node] = tree.xpath(xpath)
    change(node)
    return tree


def drop(node: etree._Element) -> None:
    node.getparent().remove(node)


def unset(attr: str) -> Callable[[etree._Element], object]:
    return lambda node: node.attrib.pop(attr)


def put(attr: str, value: str) -> Callable[[etree._Element], object]:
    return lambda node: node.set(attr, value)


def add(fragment: str, index: int = -1) -> Callable[[etree._Element], object]:
    def apply(node: etree._Element) -> None:
        child = etree.fromstring(fragment)
        node.insert(len(node) if index < 0 else index, child)

    return apply


def strip_person(node: etree._Element) -> None:
    """ФЛПрин left with neither its ИНН nor the document it acts on."""
    node.attrib.pop("ИННФЛПрин")
    drop(node.find("ОснДоверФЛ"))


def targets(asserts: list[etree._Element]) -> list[tuple[str, str]]:
    """(rule context, error path) of each assert: which node is checked and what it blames."""
    return sorted((a.getparent().get("context"), a.find(f"{{{USCH}}}error").get("path")) for a in asserts)


# ---------- the schema itself ----------


def test_own_schema_compiles_and_is_shaped_as_agreed(own_tree: etree._ElementTree) -> None:
    etree.XMLSchema(own_tree)
    xmlschema.XMLSchema10(str(OWN_XSD))  # second opinion: the reference implementation accepts it too
    raw = OWN_XSD.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = own_tree.getroot()
    assert root.get("targetNamespace") is None
    assert root.get("elementFormDefault") == "qualified"
    header = own_tree.getroot().getprevious()
    assert isinstance(header, etree._Comment)
    assert "edo-app" in header.text and "5.03" in header.text and "ЕД-7-26/970@" in header.text


def test_test_documents_use_valid_inns() -> None:
    for inn in (INN_BUYER, INN_SELLER, INN_CARRIER, INN_PERSON):
        assert check_inn(inn) is None, inn


def test_rules_match_the_official_count_and_codes(
    own_tree: etree._ElementTree, official_tree: etree._ElementTree
) -> None:
    own, official = active_asserts(own_tree), active_asserts(official_tree)
    assert len(own) == len(official) == 12
    own_codes = {a.find(f"{{{USCH}}}error").get("code") for a in own}
    official_codes = {a.find(f"{{{USCH}}}error").get("code") for a in official}
    assert official_codes <= own_codes
    assert targets(own) == targets(official)


def test_every_rule_sits_on_its_element_and_reports_a_value(own_tree: etree._ElementTree) -> None:
    for rule in own_tree.iterfind(f".//{{{SCH}}}rule"):
        owner = next(rule.iterancestors(f"{{{XS}}}element"))
        assert owner.get("name") == rule.get("context")
        assert rule.getparent().get("name")
        for check in rule.iterfind(f"{{{SCH}}}assert"):
            error = check.find(f"{{{USCH}}}error")
            assert error.get("code") and error.get("path")
            assert error.find(f"{{{USCH}}}value-of").get("select")
            literal = "".join(t for t in error.itertext())  # the official ДаннИно texts leave a quote open
            assert literal.count('"') % 2 == 0, literal


# ---------- agreement on documents ----------


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_documents_pass_both_schemas_and_all_rules(
    name: str, schemas: dict[str, etree.XMLSchema], own_tree: etree._ElementTree, official_tree: etree._ElementTree
) -> None:
    doc = parse(VALID[name])
    for label, schema in schemas.items():
        assert schema.validate(doc), (label, schema.error_log)
    assert rule_failures(own_tree, doc, FILE_ID) == []
    assert rule_failures(official_tree, doc, FILE_ID) == []


XSD_DEFECTS: dict[str, tuple[str, str, Callable[[etree._Element], object]]] = {
    "no seller signature": (ACCEPTED, "//ЭП", drop),
    "seller КНД": (ACCEPTED, "//Документ", put("КНД", "1115131")),
    "old version": (ACCEPTED, "/Файл", put("ВерсФорм", "5.01")),
    "КодИтога 4": (ACCEPTED, "//КодСодОпер", put("КодИтога", "4")),
    "30 February": (ACCEPTED, "//СвПрин", put("ДатаПрин", "30.02.2026")),
    "hour 24": (ACCEPTED, "//Документ", put("ВремИнфПок", "24.00.00")),
    "no ДатаПрин": (ACCEPTED, "//СвПрин", unset("ДатаПрин")),
    "no КодСодОпер": (ACCEPTED, "//КодСодОпер", drop),
    "МЧД number of 35": (ACCEPTED, "//СвДоверЭл", put("НомДовер", "0" * 35)),
    "signer without ФИО": (ACCEPTED, "//Подписант/ФИО", drop),
    "both kinds of power of attorney": (
        ACCEPTED,
        "//Подписант",
        add('<СвДоверБум ДатаВыдДовер="09.01.2026" ВнНомДовер="1"/>'),
    ),
    "info field before acceptance": (ACCEPTED, "//СодФХЖ4", add("<ИнфПолФХЖ4/>", 0)),
    "unknown attribute": (ACCEPTED, "//СвПрин", put("Итог", "1")),
    "ИНН starting 00": (DISCREPANCY, "//ПредОргПрин", put("ИННОргПрин", "0012345678")),
    "two identifiers in РеквИдРекСост": (
        DISCREPANCY,
        "//РеквИдРекСост",
        add(f"<ИННФЛ>{INN_PERSON}</ИННФЛ>"),
    ),
    "ОКТМО of 9 digits": (REFUSAL, "//ИнфПокЗаГоскКазн", put("ОКТМОПок", "453820001")),
    "advance with 3 decimals": (REFUSAL, "//ИнфСведДенОбяз", put("СумАванс", "1.005")),
    "line number of 7 digits": (REFUSAL, "//ИнфСведДенОбяз", put("НомСтр", "1000000")),
    "ВидПлат 1": (REFUSAL, "//ИнфПокЗаГоскКазн", put("ВидПлат", "1")),
    "foreign status ИП": (REFUSAL, "//ДаннИно", put("ИдСтат", "ИП")),
    "no ИнфСведДенОбяз": (REFUSAL, "//ИнфСведДенОбяз", drop),
}


@pytest.mark.parametrize("defect", sorted(XSD_DEFECTS))
def test_single_defects_are_rejected_by_both_schemas(defect: str, schemas: dict[str, etree.XMLSchema]) -> None:
    base, xpath, change = XSD_DEFECTS[defect]
    doc = mutate(base, xpath, change)
    for label, schema in schemas.items():
        assert not schema.validate(doc), (label, defect)


RULE_DEFECTS: dict[str, tuple[str, str, Callable[[etree._Element], object], str]] = {
    "СодОпер on refusal": (REFUSAL, "//СвПрин", put("СодОпер", "Не принято"), "@СодОпер"),
    "organisation with neither ИНН nor basis": (DISCREPANCY, "//ПредОргПрин", unset("ИННОргПрин"), "@ИННОргПрин"),
    "person with neither ИНН nor basis": (REFUSAL, "//ФЛПрин", strip_person, "@ИННФЛПрин"),
    "payment date without ОчерПлат": (REFUSAL, "//ИнфПокЗаГоскКазн", unset("ОчерПлат"), "@ОчерПлат"),
    "payment date without ВидПлат": (REFUSAL, "//ИнфПокЗаГоскКазн", unset("ВидПлат"), "@ВидПлат"),
    "method 3 without МЧД": (ACCEPTED, "//СвДоверЭл", drop, "СвДоверЭл"),
    "МЧД with method 2": (ACCEPTED, "//Подписант", put("СпосПодтПолном", "2"), "СвДоверЭл"),
    "method 5 without paper": (DISCREPANCY, "//СвДоверБум", drop, "СвДоверБум"),
    "paper with method 6": (DISCREPANCY, "//Подписант", put("СпосПодтПолном", "6"), "СвДоверБум"),
    "foreigner without any identifier": (REFUSAL, "//ДаннИно", unset("Идентиф"), "@Идентиф"),
}


@pytest.mark.parametrize("defect", sorted(RULE_DEFECTS))
def test_rule_defects_pass_the_xsd_and_fail_the_same_rules(
    defect: str,
    schemas: dict[str, etree.XMLSchema],
    own_tree: etree._ElementTree,
    official_tree: etree._ElementTree,
) -> None:
    base, xpath, change, path = RULE_DEFECTS[defect]
    doc = mutate(base, xpath, change)
    for label, schema in schemas.items():
        assert schema.validate(doc), (label, schema.error_log)
    own = rule_failures(own_tree, doc, FILE_ID)
    assert own == rule_failures(official_tree, doc, FILE_ID)
    assert path in {p for _code, p, _node in own}
    assert {code for code, _p, _node in own} == {"0400300003"}


def test_file_name_must_equal_file_id(own_tree: etree._ElementTree, official_tree: etree._ElementTree) -> None:
    doc = parse(ACCEPTED)
    expected = [("0400400007", "@ИдФайл", "/Файл")]
    assert rule_failures(own_tree, doc, FILE_ID + "_copy") == expected
    assert rule_failures(official_tree, doc, FILE_ID + "_copy") == expected


def test_rule_verdicts_agree_on_every_optional_node_removed(
    own_tree: etree._ElementTree, official_tree: etree._ElementTree, schemas: dict[str, etree.XMLSchema]
) -> None:
    """Drop each element and each attribute in turn: both schemas and both rule sets must agree."""
    checked = 0
    for text in VALID.values():
        tree = parse(text)
        for element in list(tree.iter())[1:]:
            path = tree.getpath(element)
            for attr in [None, *element.attrib]:
                doc = mutate(text, path, drop if attr is None else unset(attr))
                verdicts = {label: schema.validate(doc) for label, schema in schemas.items()}
                assert verdicts["own"] == verdicts["official"], (path, attr)
                assert rule_failures(own_tree, doc, FILE_ID) == rule_failures(official_tree, doc, FILE_ID), (path, attr)
                checked += 1
    assert checked > 150
