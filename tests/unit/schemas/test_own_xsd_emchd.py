"""The project's own XSD for the МЧД (единый формат EMCHD_1) agrees with the official one.

Checked here: inline доверенности (организация → физическое лицо with classifier powers, ИП with
free-text powers under notarial certification, a передоверие) are valid against both schemas;
single-defect variants are rejected by both; a few hundred random single-defect mutants get the
same verdict from both; a parallel walk of both schemas finds the same structure and value spaces;
the project's own rules (the official file has none) run in the app's engine, stay silent on valid
documents and fire on crafted violations; the registry picks the schema from the manifest.
"""

from __future__ import annotations

from functools import cache

import pytest
from lxml import etree

from edo_app.model.identifiers import check_inn, check_ogrn, check_snils
from edo_app.schemas.registry import SchemaRegistry
from edo_app.schemas.rules import RuleSet
from tests import xsd_agreement
from tests.oracles import FNS_XSD, PROJECT, require
from tests.xsd_agreement import NS, SCH, XS, parse, probe_strings, replace_once, undocumented, xml_schema, xsd_tree

OWN_XSD = PROJECT / "xsd" / "emchd" / "emchd-1.xsd"
OFFICIAL_XSD = FNS_XSD / "emchd" / "ON_EMCHD_1_928_00_01_01_01.xsd"
NS_URI = "urn://x-artefacts/EMCHD_1"

# Fictional parties; every number has valid check digits (see test_fixture_identifiers_are_valid).
INN_ORG, KPP_ORG, OGRN_ORG = "5027349616", "502701001", "1027700123450"
INN_HEAD, SNILS_HEAD = "502712345651", "112-233-445 95"
INN_REP, SNILS_REP = "631598765400", "123-456-789 64"
INN_IP, SNILS_IP, OGRNIP = "771924681325", "987-654-321 83", "318774600123452"
INN_SUB, SNILS_SUB = "770123456703", "135-792-468 94"
POA_1, POA_2, POA_3 = (
    "3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f7a8b9c",
    "0c1e6f2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
    "7d4a9e10-52c3-4b8f-a1d6-9e8f7a6b5c4d",
)
FILE_1 = f"ON_EMCHD_20260112_{POA_1}"
FILE_2 = f"ON_EMCHD_20260115_{POA_2}"
FILE_3 = f"ON_EMCHD_20260201_{POA_3}"
SYSTEM = "<СведСист>https://m4d.nalog.gov.ru/emchd/check-status</СведСист>"


def _poa(file_id: str, body: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Доверенность xmlns="{NS_URI}" ВерсФорм="EMCHD_1" ПрЭлФорм="00000000" ИдФайл="{file_id}">
 <Документ>
{body}
 </Документ>
</Доверенность>
"""


_HEAD = f"""<ЛицоБезДов ПолнЮЛ="1">
       <СвФЛ ИННФЛ="{INN_HEAD}" СНИЛС="{SNILS_HEAD}" Должность="Генеральный директор">
        <СведФЛ ДатаРожд="1980-04-12"><ФИО Фамилия="Кедрова" Имя="Анна" Отчество="Павловна"/></СведФЛ>
       </СвФЛ>
      </ЛицоБезДов>"""
_IP_HEAD = f"""<СвИП ОГРНИП="{OGRNIP}" ИННФЛ="{INN_IP}" СНИЛС="{SNILS_IP}">
        <СведФЛ><ФИО Фамилия="Сидоров" Имя="Олег"/></СведФЛ></СвИП>"""
_ORG_PRINCIPAL = f"""<СвДоверит ТипДоверит="1">
    <Доверит>
     <РосОргДовер ЕИОУК="0" ЕИОФЛ="1" ЕИОИП="0">
      <СвРосОрг НаимОрг="ООО «Ромашка-Тест»" ИННЮЛ="{INN_ORG}" КПП="{KPP_ORG}" ОГРН="{OGRN_ORG}">
       <АдрРег Регион="50"><АдрРФ>Московская обл., г. Условный, ул. Вымышленная, д. 1</АдрРФ></АдрРег>
      </СвРосОрг>
      {_HEAD}
     </РосОргДовер>
    </Доверит>
   </СвДоверит>"""
_REPRESENTATIVE = f"""<СвУпПред ТипПред="3">
    <Пред>
     <СведФизЛ ИННФЛ="{INN_REP}" СНИЛС="{SNILS_REP}" Должность="Бухгалтер">
      <СведФЛ Пол="1" ДатаРожд="1990-09-30" Гражданство="643">
       <ФИО Фамилия="Лебедев" Имя="Иван"/>
       <УдЛичнФЛ КодВидДок="21" СерНомДок="45 10 123456" ДатаДок="2010-10-15" КодВыдДок="770-001"/>
      </СведФЛ>
     </СведФизЛ>
    </Пред>
   </СвУпПред>"""
_CODED_POWERS = """<СвПолн ТипПолн="0" ПрСовмПолн="1">
    <МашПолн КодПолн="02.001" МнПолн="SIGN_UPD" НаимПолн="Подписание счетов-фактур и УПД">
     <ОгрСвПолн ИдОгр="1" КодОгр="SUM_LIMIT" НаимОгр="Предельная сумма">
      <ТексЗначОгр>1000000 руб.</ТексЗначОгр></ОгрСвПолн>
    </МашПолн>
    <МашПолн КодПолн="02.114" НаимПолн="Подписание транспортных накладных"/>
   </СвПолн>"""

ORG_TO_PERSON = _poa(
    FILE_1,
    f"""  <Довер>
   <СвДов ВидДовер="1" ПрПередов="2" ВнНомДовер="Д-17/2026" НомДовер="{POA_1}" ДатаВыдДовер="2026-01-12"
     СрокДейст="2027-01-11">
    {SYSTEM}
   </СвДов>
   {_ORG_PRINCIPAL}
   {_REPRESENTATIVE}
   {_CODED_POWERS}
  </Довер>""",
)

_SIGNATURE = """<ПодпРукопис>
     <ХешPDFДок>b5f3c1d2e4a6</ХешPDFДок><ПодпИзобр>iVBORw0KGgo=</ПодпИзобр><ХешПодп>9a8b7c6d</ХешПодп>
     <ДатаВремПодп>1768464000</ДатаВремПодп><ФИООтв Фамилия="Сидоров" Имя="Олег"/>
    </ПодпРукопис>"""
_NOTARY = f"""<СвНотУд МестоДовер="г. Самара" УплНотДейст="2200.00" НапрДокДовЕПГУ="1">
    <СвНотДейств Должность="Нотариус" РегНомНот="63/123-н"><ФИОНотДейств Фамилия="Орлова" Имя="Вера"/></СвНотДейств>
    {_SIGNATURE}
   </СвНотУд>"""
_IRREVOCABLE = """<Безотзыв ПрПерБезДов="1" УслОтзыва="2">
     <ОписУслОт>При расторжении договора поставки</ОписУслОт></Безотзыв>"""

IP_FREE_TEXT = _poa(
    FILE_2,
    f"""  <Довер>
   <СвДов ВидДовер="2" ПрПередов="1" ВнНомДовер="7" НомДовер="{POA_2}" ДатаВыдДовер="2026-01-15" СрокДейст="2026-12-31">
    <КодНОДейст>6315</КодНОДейст>
    {SYSTEM}
    {_IRREVOCABLE}
   </СвДов>
   <СвДоверит ТипДоверит="3">
    <Доверит>
     <ИПДовер ОГРНИП="{OGRNIP}" ИННФЛ="{INN_IP}" СНИЛС="{SNILS_IP}">
      <СведФЛ><ФИО Фамилия="Сидоров" Имя="Олег"/></СведФЛ>
     </ИПДовер>
    </Доверит>
   </СвДоверит>
   {_REPRESENTATIVE}
   <СвПолн ТипПолн="1" ПрСовмПолн="2">
    <ТекстПолн>Подписывать и получать документы об отгрузке товаров, акты и счета-фактуры</ТекстПолн>
   </СвПолн>
   {_NOTARY}
  </Довер>""",
)

_BASIS = f"""<СвПервДовер ПрДовер="1" ФормДовер="1" ДатаВыдДовер="2026-01-12" СрокДейст="2027-01-11"
     НомДоверПерв="{POA_1}" ВнНомДоверПерв="Д-17/2026">
    <СвДоверПерв ТипДоверит="1">
     <ДоверитПерв><РосОргДовер НаимОрг="ООО «Ромашка-Тест»" ИННЮЛ="{INN_ORG}" КПП="{KPP_ORG}"/></ДоверитПерв>
    </СвДоверПерв>
   </СвПервДовер>"""
_REDELEGATION_DATES = 'ДатаВыдДовер="2026-02-01" СрокДейст="2026-12-31"'

REDELEGATION = _poa(
    FILE_3,
    f"""  <Передов ПрНалПередов="0">
   {_BASIS}
   <СвПереДовер ВидДовер="1" ПрПередов="1" ВнНомДовер="П-2" НомДовер="{POA_3}" {_REDELEGATION_DATES}>
    {SYSTEM}
   </СвПереДовер>
   <СвПередПолн ТипПерПолн="3">
    <ПередПолн>
     <ФЛПерПолн ИННФЛ="{INN_REP}" СНИЛС="{SNILS_REP}">
      <СведФЛ><ФИО Фамилия="Лебедев" Имя="Иван"/></СведФЛ>
     </ФЛПерПолн>
    </ПередПолн>
   </СвПередПолн>
   <СвПолучПолн ТипПред="3">
    <Пред>
     <СведФизЛ ИННФЛ="{INN_SUB}" СНИЛС="{SNILS_SUB}">
      <СведФЛ><ФИО Фамилия="Морозова" Имя="Ольга"/></СведФЛ>
     </СведФизЛ>
    </Пред>
   </СвПолучПолн>
   <СвПолн ТипПолн="0" ПрСовмПолн="1" ПрУтрПолн="2">
    <МашПолн КодПолн="02.114" НаимПолн="Подписание транспортных накладных"/>
   </СвПолн>
  </Передов>""",
)

_INTERMEDIATE = f"""<СвПередов ПрДовер="2" ФормДовер="1" ДатаВыдДовер="2026-01-20" СрокДейст="2026-12-31"
     НомДоверN="{POA_2}"/>"""
CHAINED = REDELEGATION.replace('ПрНалПередов="0"', 'ПрНалПередов="1"').replace(
    "</СвПервДовер>", f"</СвПервДовер>\n   {_INTERMEDIATE}"
)

VALID = {
    "организация → физлицо, коды полномочий": (ORG_TO_PERSON, FILE_1),
    "ИП, текст полномочий, нотариус, безотзывная": (IP_FREE_TEXT, FILE_2),
    "передоверие": (REDELEGATION, FILE_3),
    "передоверие через промежуточную доверенность": (CHAINED, FILE_3),
}

# One defect each, caught by the XSD itself: (document, text to replace, replacement).
XSD_DEFECTS = {
    "чужая версия формата": (ORG_TO_PERSON, 'ВерсФорм="EMCHD_1"', 'ВерсФорм="EMCHD_2"'),
    "ПрЭлФорм из 7 знаков": (ORG_TO_PERSON, 'ПрЭлФорм="00000000"', 'ПрЭлФорм="0000000"'),
    "номер доверенности не GUID": (ORG_TO_PERSON, f'НомДовер="{POA_1}"', 'НомДовер="Д-17"'),
    "дата не ISO": (ORG_TO_PERSON, 'ДатаВыдДовер="2026-01-12"', 'ДатаВыдДовер="12.01.2026"'),
    "нет СведСист": (ORG_TO_PERSON, SYSTEM, ""),
    "нет представителя": (ORG_TO_PERSON, _REPRESENTATIVE, ""),
    "ТипДоверит вне перечня": (ORG_TO_PERSON, 'ТипДоверит="1"', 'ТипДоверит="5"'),
    "короткий код полномочия": (ORG_TO_PERSON, 'КодПолн="02.114"', 'КодПолн="02114"'),
    "ограничение без значения": (ORG_TO_PERSON, "<ТексЗначОгр>1000000 руб.</ТексЗначОгр>", ""),
    "ИНН ФЛ из 10 цифр": (ORG_TO_PERSON, f'ИННФЛ="{INN_REP}"', f'ИННФЛ="{INN_ORG}"'),
    "СНИЛС без дефисов": (IP_FREE_TEXT, f'СНИЛС="{SNILS_IP}"', 'СНИЛС="98765432183"'),
    "ИП без ОГРНИП": (IP_FREE_TEXT, f'ОГРНИП="{OGRNIP}" ', ""),
    "СведСист после Безотзыв": (IP_FREE_TEXT, f"{SYSTEM}\n    {_IRREVOCABLE}", f"{_IRREVOCABLE}\n    {SYSTEM}"),
    "нотариус без подписи": (IP_FREE_TEXT, _SIGNATURE, ""),
    "сумма с тремя знаками после точки": (IP_FREE_TEXT, 'УплНотДейст="2200.00"', 'УплНотДейст="2200.001"'),
    "передоверие без СвПервДовер": (REDELEGATION, _BASIS, ""),
    "первоначальная доверенность в 1899 году": (REDELEGATION, 'ДатаВыдДовер="2026-01-12"', 'ДатаВыдДовер="1899-12-31"'),
    "ТипПерПолн вне перечня": (REDELEGATION, 'ТипПерПолн="3"', 'ТипПерПолн="6"'),
    "ФЛ, передающий полномочия, без СНИЛС": (
        REDELEGATION, f'<ФЛПерПолн ИННФЛ="{INN_REP}" СНИЛС="{SNILS_REP}">', f'<ФЛПерПолн ИННФЛ="{INN_REP}">'),
    "Довер и Передов вместе": (ORG_TO_PERSON, "  </Довер>", "  </Довер><Передов/>"),
}

# One defect each that only the project's rules catch:
# (document, text to replace, replacement, "context element/rule path", code).
RULE_DEFECTS = {
    "срок раньше выдачи": (
        ORG_TO_PERSON, 'СрокДейст="2027-01-11"', 'СрокДейст="2025-12-31"', "СвДов/@СрокДейст", "emchd.validity"),
    "ТипДоверит не тот": (
        ORG_TO_PERSON, 'ТипДоверит="1"', 'ТипДоверит="3"', "СвДоверит/Доверит", "emchd.principal-type"),
    "ТипПред не тот": (
        ORG_TO_PERSON, 'ТипПред="3"', 'ТипПред="1"', "СвУпПред/Пред", "emchd.representative-type"),
    "полномочий нет": (
        ORG_TO_PERSON, _CODED_POWERS, '<СвПолн ТипПолн="0" ПрСовмПолн="1"/>', "СвПолн/ТекстПолн", "emchd.powers"),
    "ЕИОУК без СВЮЛ": (
        ORG_TO_PERSON, 'ЕИОУК="0"', 'ЕИОУК="1"', "РосОргДовер/ЛицоБезДов", "emchd.eio"),
    "руководитель дважды в ЛицоБезДов": (
        ORG_TO_PERSON, "</СвФЛ>", f"</СвФЛ>{_IP_HEAD}", "ЛицоБезДов/СвФЛ", "emchd.eio-person"),
    "безотзывная без Безотзыв": (
        IP_FREE_TEXT, _IRREVOCABLE, "", "СвДов/Безотзыв", "emchd.irrevocable"),
    "отзывная с Безотзыв": (
        IP_FREE_TEXT, 'ВидДовер="2"', 'ВидДовер="1"', "СвДов/Безотзыв", "emchd.irrevocable"),
    "передоверие дольше основной": (
        REDELEGATION, 'СрокДейст="2026-12-31"', 'СрокДейст="2027-06-30"',
        "Передов/СвПереДовер/@СрокДейст", "emchd.redelegation-term"),
    "передоверие раньше основной": (
        REDELEGATION, 'ДатаВыдДовер="2026-02-01"', 'ДатаВыдДовер="2026-01-05"',
        "Передов/СвПереДовер/@ДатаВыдДовер", "emchd.redelegation-issued"),
    "основание без номера": (
        REDELEGATION, f'НомДоверПерв="{POA_1}" ВнНомДоверПерв="Д-17/2026"', "",
        "СвПервДовер/@НомДоверПерв", "emchd.redelegation-basis"),
    "ПрНалПередов=1 без СвПередов": (
        REDELEGATION, 'ПрНалПередов="0"', 'ПрНалПередов="1"', "Передов/СвПередов", "emchd.redelegation-chain"),
    "СвПередов при ПрНалПередов=0": (
        CHAINED, 'ПрНалПередов="1"', 'ПрНалПередов="0"', "Передов/СвПередов", "emchd.redelegation-chain"),
    "ТипПерПолн не тот": (
        REDELEGATION, 'ТипПерПолн="3"', 'ТипПерПолн="2"', "СвПередПолн/ПередПолн", "emchd.transferor-type"),
    "ТипДоверит первоначальной не тот": (
        REDELEGATION, '<СвДоверПерв ТипДоверит="1">', '<СвДоверПерв ТипДоверит="4">',
        "СвДоверПерв/ДоверитПерв", "emchd.principal-type"),
    "ИдФайл не по шаблону": (
        ORG_TO_PERSON, f'ИдФайл="{FILE_1}"', 'ИдФайл="ON_EMCHD_2026011_x"', "Доверенность/@ИдФайл", "emchd.file-id"),
}


def _own_schema() -> etree.XMLSchema:
    return xml_schema(OWN_XSD)


def _official_schema() -> etree.XMLSchema:
    return xml_schema(require(OFFICIAL_XSD))


@cache
def _rules() -> RuleSet:
    return RuleSet.from_xsd(xsd_tree(OWN_XSD))


def _findings(tree: etree._ElementTree, file_id: str) -> list[tuple[str, str]]:
    return [(issue.xpath, issue.code) for issue in _rules().check(tree, f"{file_id}.xml")]


def test_own_schema_is_utf8_and_in_the_official_namespace() -> None:
    assert b'encoding="UTF-8"' in OWN_XSD.read_bytes()[:60]
    own = xsd_tree(OWN_XSD).getroot()
    official = xsd_tree(require(OFFICIAL_XSD)).getroot()
    for name in ("targetNamespace", "elementFormDefault", "attributeFormDefault"):
        assert own.get(name) == official.get(name), name
    assert own.get("targetNamespace") == NS_URI
    assert isinstance(_own_schema(), etree.XMLSchema)


def test_official_schema_has_no_rules_and_own_rules_all_compile() -> None:
    official = xsd_tree(require(OFFICIAL_XSD))
    assert official.xpath("//sch:assert", namespaces=NS) == []
    assert _rules().rule_count == 19
    assert _rules().problems == ()


def test_fixture_identifiers_are_valid() -> None:
    for inn in (INN_ORG, INN_HEAD, INN_REP, INN_IP, INN_SUB):
        assert check_inn(inn) is None, inn
    for snils in (SNILS_HEAD, SNILS_REP, SNILS_IP, SNILS_SUB):
        assert check_snils(snils) is None, snils
    for ogrn in (OGRN_ORG, OGRNIP):
        assert check_ogrn(ogrn) is None, ogrn


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_documents_pass_both_schemas_and_own_rules(name: str) -> None:
    doc, file_id = VALID[name]
    tree = parse(doc)
    assert _own_schema().validate(tree), _own_schema().error_log
    assert _official_schema().validate(tree), _official_schema().error_log
    assert _findings(tree, file_id) == []


@pytest.mark.parametrize("defect", sorted(XSD_DEFECTS))
def test_xsd_defects_are_rejected_by_both(defect: str) -> None:
    tree = parse(replace_once(*XSD_DEFECTS[defect]))
    assert xsd_agreement.both_valid(tree, OWN_XSD, require(OFFICIAL_XSD)) == (False, False)


@pytest.mark.parametrize("defect", sorted(RULE_DEFECTS))
def test_rules_catch_what_the_schemas_allow(defect: str) -> None:
    doc, old, new, tail, code = RULE_DEFECTS[defect]
    tree = parse(replace_once(doc, old, new))
    assert _own_schema().validate(tree) and _official_schema().validate(tree)  # only the rules see it
    file_id = tree.getroot().get("ИдФайл") or ""
    ((xpath, found),) = _findings(tree, file_id)
    assert found == code
    assert _context_and_path(xpath, tail) == tuple(tail.split("/", 1)), xpath


def _context_and_path(xpath: str, tail: str) -> tuple[str, str]:
    """(local name of the context element, the rule's path) of a finding's XPath.

    The engine names elements by local name (``/Доверенность/Документ/Довер/...``) and appends
    the path the rule's usch:error gives; ``tail`` says how many steps that path has.
    """
    path_steps = len(tail.split("/")) - 1
    steps = xpath.split("/")
    context = steps[-path_steps - 1].split("[")[0]
    return context, "/".join(steps[len(steps) - path_steps:])


def test_file_name_must_equal_file_id() -> None:
    tree = parse(ORG_TO_PERSON)
    assert _findings(tree, FILE_1) == []
    ((xpath, code),) = _findings(tree, "ON_EMCHD_20260112_другое")
    assert (code, xpath) == ("emchd.file-name", "/Доверенность/@ИдФайл")  # local names, readable


def test_dates_with_time_zone_are_compared_by_day() -> None:
    doc = replace_once(ORG_TO_PERSON, 'СрокДейст="2027-01-11"', 'СрокДейст="2026-01-12+03:00"')
    assert _own_schema().validate(parse(doc))
    assert _findings(parse(doc), FILE_1) == []


def test_mutants_get_the_same_verdict_from_both_schemas() -> None:
    docs = [parse(doc).getroot() for doc, _file_id in VALID.values()]
    verdicts = xsd_agreement.mutation_verdicts(_own_schema(), _official_schema(), docs, 100)
    assert verdicts.total >= 300
    assert verdicts.rejected > verdicts.total // 2  # the mutants really break things
    assert verdicts.disagreements == []


def test_rules_are_stated_in_the_engine_dialect() -> None:
    root = xsd_tree(OWN_XSD).getroot()
    codes = set()
    for pattern in root.iter(f"{{{SCH}}}pattern"):
        assert pattern.get("name")
        assert pattern.getparent().tag == f"{{{XS}}}appinfo"
        for rule in pattern.iterfind("sch:rule", NS):
            assert "local-name()" in rule.get("context")
            for check in rule.iterfind("sch:assert", NS):
                error = check.find("usch:error", NS)
                assert error.get("code").startswith("emchd.") and error.get("path") and error.text
                codes.add(error.get("code"))
    assert len(codes) == 14


def test_every_declaration_is_documented() -> None:
    assert undocumented(OWN_XSD) == []


def test_registry_picks_the_own_schema_from_the_manifest() -> None:
    registry = SchemaRegistry(official_dirs=[require(FNS_XSD / "emchd")])
    found = [(e.id, e.official) for e in registry.find(parse(ORG_TO_PERSON))]
    assert found == [("emchd-1", False), ("ON_EMCHD_1_928_00_01_01_01", True)]
    compiled = registry.compiled(registry.get("emchd-1"))
    tree = parse(REDELEGATION)
    assert compiled.xsd_errors(tree) == []
    assert compiled.rule_issues(tree, f"{FILE_3}.xml") == []


# ---- Parallel walk of both schemas: structure and value spaces must coincide. ----
_PROBE_TEXT = (
    "|0|1|2|3|4|5|6|00|01|101|102|299|300|399|1.5|2200.00|2200.001|12345678.90|123456789.0|-1|007|643|50|5|99"
    "|EMCHD_1|EMCHD_2|00000000|0000000|01010101|02000000|2026-01-12|2026-02-30|1899-12-31|1900-01-01|2100-12-31"
    "|2101-01-01|2026-01-12+03:00|12.01.2026|1768464000|17684640001|0|999|1000"
    f"|{POA_1}|{POA_1.upper()}|{POA_1[:-1]}|{POA_1}0|{POA_1.replace('-', '_')}|{SNILS_IP}|98765432183|987-654-321-83"
    f"|{INN_ORG}|0027349616|{INN_IP}|001924681325|{KPP_ORG}|5027AB001|5027ab001|{OGRN_ORG}|{OGRNIP}|770-001"
)
_PROBE_LENGTHS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 25, 26, 28, 29, 36, 50, 51, 80, 81, 120, 121, 129,
                  130, 200, 201, 250, 251, 255, 256, 1000, 1001, 2500, 2501, 4000, 4001, 5000, 5001)
_UNICODE_DIGIT_GUID = "\u0663" + POA_1[1:]  # XSD \d matches any Unicode digit, as in the official GUID pattern


def test_schemas_have_same_structure_and_value_spaces() -> None:
    probes = probe_strings({*_PROBE_TEXT.split("|"), _UNICODE_DIGIT_GUID}, _PROBE_LENGTHS)
    root = "Доверенность"  # xmlschema keys global elements by local name
    probed = xsd_agreement.assert_same_structure(require(OFFICIAL_XSD), OWN_XSD, probes, roots=[root])
    assert probed >= 100  # the walk reached the value spaces of the whole document
