"""The project's own XSDs for the five service documents of the regulated EDO flow agree with FNS.

ИОП (DP_IZVPOL), ПДО (DP_PDOTPR), ПДП (DP_PDPOL), УОУ (DP_UVUTOCH), all ВерсФорм 1.03, and ПоА
(DP_PRANNUL, 1.02). Checked here: inline documents are valid against both the own and the
official schema; single-defect variants are rejected by both; a few hundred random mutants get
the same verdict from both; a parallel walk finds the same structure and value spaces; the own
rules run in the app's engine without problems, fire with the official codes on the same nodes
as the official rules where those are right, and stay silent where the official slips misfire
(a rule reading @ИныеСвед of the participant itself, two naming a non-existent @РегНомер);
the registry picks each schema and the full validation says ok.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from edo_app.model.identifiers import check_inn, check_kpp
from edo_app.schemas import SchemaRegistry, validate_bytes
from edo_app.schemas.rules import RuleSet
from tests.oracles import FNS_XSD, PROJECT, require
from tests.xsd_agreement import (
    NS,
    assert_same_structure,
    mutation_verdicts,
    parse,
    probe_strings,
    replace_once,
    undocumented,
)

OWN_DIR = PROJECT / "xsd" / "service"
OFFICIAL_DIR = FNS_XSD / "service-docs"
SCHEMAS = {  # kind -> (own file, official file)
    "ИОП": ("izvpol-1.03.xsd", "DP_IZVPOL_1_982_00_01_03_01.xsd"),
    "ПДО": ("pdotpr-1.03.xsd", "DP_PDOTPR_1_983_00_01_03_01.xsd"),
    "ПДП": ("pdpol-1.03.xsd", "DP_PDPOL_1_984_00_01_03_01.xsd"),
    "УОУ": ("uvutoch-1.03.xsd", "DP_UVUTOCH_1_985_00_01_03_01.xsd"),
    "ПоА": ("prannul-1.02.xsd", "DP_PRANNUL_1_985_00_01_01_02.xsd"),
}
MANIFEST_IDS = {"ИОП": "izvpol-1.03", "ПДО": "pdotpr-1.03", "ПДП": "pdpol-1.03", "УОУ": "uvutoch-1.03",
                "ПоА": "prannul-1.02"}
CODE = "0400400007"

# Fictional parties; every ИНН has valid check digits (see test_fixture_identifiers_are_valid).
INN_SELLER, KPP_SELLER, INN_BUYER, KPP_BUYER = "7704128930", "770401001", "6315274800", "631501001"
INN_OPERATOR, INN_IP, INN_PERSON = "7715260183", "771924681325", "630016613103"
ID_SELLER, ID_BUYER, ID_IP = "9ZX-7704128930-770401001", "9ZX-6315274800-631501001", "9ZX-771924681325"
ID_OPERATOR = "9ZX.operator"
GUID = "3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f7a8b9c"
POA_NUMBER = "5b7e0c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e"
UPD_FILE = f"ON_NSCHFDOPPR_{ID_BUYER}_{ID_SELLER}_20260115_{GUID}_0_0_0_0_0_00"
SIGNATURE = "MIIBzgYJKoZIhvcNAQcCoIIBvzCCAbsCAQExDjAMBggqhQMHAQECAgUAMAsGCSqGSIb3DQEHAQ=="

SELLER = f'<ЮЛ НаимОрг="ООО «Ромашка-Тест»" ИННЮЛ="{INN_SELLER}" КПП="{KPP_SELLER}"/>'
BUYER = f'<ЮЛ НаимОрг="АО «Лютик-Пример»" ИННЮЛ="{INN_BUYER}" КПП="{KPP_BUYER}"/>'
IP = f'<ИП ИННФЛ="{INN_IP}"><ФИО Фамилия="Сидоров" Имя="Олег"/></ИП>'
OPERATOR = f'НаимОрг="ООО «Оператор-Пример»" ИННЮЛ="{INN_OPERATOR}" ИдОперЭДО="9ZX"'
FOREIGN_ORG = '<СвИнУчастНеУч ИдСтат="ЮЛ" СтрРег="276" Наим="Beispiel Handel GmbH"/>'
POA_EL = f'<СвДоверЭл НомДовер="{POA_NUMBER}" ДатаВыдДовер="10.01.2026" СпособПредставл="2" ИдСистХран="https://m4d.nalog.gov.ru"/>'


def _file(prefix: str, version: str, knd: str, body: str, stamp: str = "20260116") -> str:
    file_id = f"{prefix}_{ID_BUYER}_{ID_SELLER}_{stamp}_{GUID}"
    knd_attr = f' КНД="{knd}"' if knd else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Файл ИдФайл="{file_id}" ВерсФорм="{version}" ВерсПрог="edo-app 0.1">
 <Документ{knd_attr}>
{body}
 </Документ>
</Файл>
"""


IZV_SIGNED_BY_POA = _file("DP_IZVPOL", "1.03", "1115110", f"""  <УчастЭДО ИдУчастЭДО="{ID_BUYER}">{BUYER}</УчастЭДО>
  <СвИзвПолуч ДатаПол="16.01.2026" ВремяПол="09.15.00">
   <СведПолФайл ИмяПолФайла="{UPD_FILE}"><ЭППолФайл>{SIGNATURE}</ЭППолФайл></СведПолФайл>
  </СвИзвПолуч>
  <ОтпрДок ИдУчастЭДО="{ID_SELLER}">{SELLER}</ОтпрДок>
  <Подписант СтатПодп="2" ТипПодпис="1" Должн="Главный бухгалтер">
   <ФИО Фамилия="Кедрова" Имя="Анна" Отчество="Павловна"/>
   {POA_EL}
  </Подписант>""")

IZV_ON_OPERATOR = _file("DP_IZVPOL", "1.03", "1115110", f"""  <УчастЭДО ИдУчастЭДО="{ID_IP}">{IP}</УчастЭДО>
  <СвИзвПолуч ДатаПол="16.01.2026" ВремяПол="23.59.59">
   <СведПолФайл ИмяПолФайла="DP_PDOTPR_{ID_IP}_{ID_SELLER}_20260116_{GUID}">
    <ЭППолФайл>{SIGNATURE}</ЭППолФайл><ЭППолФайл>{SIGNATURE}</ЭППолФайл>
   </СведПолФайл>
  </СвИзвПолуч>
  <ОтпрДок ИдУчастЭДО="{ID_OPERATOR}"><ОперЭДО {OPERATOR}/></ОтпрДок>
  <Подписант><ФИО Фамилия="Сидоров" Имя="Олег"/></Подписант>""", stamp="20260117")

IZV_FOREIGN = _file("DP_IZVPOL", "1.03", "1115110", f"""  <УчастЭДО ИдУчастЭДО="{ID_BUYER}">{FOREIGN_ORG}</УчастЭДО>
  <СвИзвПолуч ДатаПол="29.02.2028" ВремяПол="00.00.00">
   <СведПолФайл ИмяПолФайла="{UPD_FILE}"><ЭППолФайл>{SIGNATURE}</ЭППолФайл></СведПолФайл>
  </СвИзвПолуч>
  <ОтпрДок ИдУчастЭДО="{ID_SELLER}"><ФЛ ИННФЛ="{INN_PERSON}"><ФИО Фамилия="Орлова" Имя="Вера"/></ФЛ></ОтпрДок>
  <Подписант СтатПодп="1"><ФИО Фамилия="Müller" Имя="Jonas"/></Подписант>""", stamp="20280229")

PDO = _file("DP_PDOTPR", "1.03", "1115111", f"""  <ОперЭДО {OPERATOR}/>
  <СведПодтв ДатаОтпр="15.01.2026" ВремяОтпр="17.41.05">
   <СведОтпрФайл ИмяОтпрФайла="{UPD_FILE}"><ЭПОтпрФайл>{SIGNATURE}</ЭПОтпрФайл></СведОтпрФайл>
  </СведПодтв>
  <СвОтпрДок ИдУчастЭДО="{ID_SELLER}">{SELLER}</СвОтпрДок>
  <СвПолДок ИдУчастЭДО="{ID_BUYER}">{BUYER}</СвПолДок>
  <Подписант Должность="Инженер службы ЭДО"><ФИО Фамилия="Лебедев" Имя="Иван"/></Подписант>""")

PDP = _file("DP_PDPOL", "1.03", "1115112", f"""  <ОперЭДО {OPERATOR}/>
  <СведПодтв ДатаПол="15.01.2026" ВремяПол="17.41.03">
   <СведПолФайл ИмяПолФайла="{UPD_FILE}"><ЭППолФайл>{SIGNATURE}</ЭППолФайл></СведПолФайл>
  </СведПодтв>
  <СвОтпрДок ИдУчастЭДО="{ID_SELLER}">{SELLER}</СвОтпрДок>
  <СвПолДок ИдУчастЭДО="{ID_BUYER}">
   <СвИнУчастНеУч ИдСтат="ФЛ" Наим="Jonas Müller" ИныеСвед="паспорт DE"/>
  </СвПолДок>""")

UOU = _file("DP_UVUTOCH", "1.03", "1115113", f"""  <УчастЭДО ИдУчастЭДО="{ID_BUYER}">{BUYER}</УчастЭДО>
  <СвУведУточ ДатаПол="16.01.2026" ВремяПол="10.02.00">
   <СведПолФайл ИмяПолФайла="{UPD_FILE}"><ЭППолФайл>{SIGNATURE}</ЭППолФайл></СведПолФайл>
   <ТекстУведУточ>Неверно указан КПП покупателя</ТекстУведУточ>
  </СвУведУточ>
  <ОтпрДок ИдУчастЭДО="{ID_SELLER}">{SELLER}</ОтпрДок>
  <Подписант СтатПодп="3" Должн="Бухгалтер">
   <ФИО Фамилия="Морозова" Имя="Ольга"/>
   <СвДоверБум ДатаДовер="09.01.2026" ВнНомДовер="Д-12" СвИдДовер="АО «Лютик-Пример»">
    <ФИО Фамилия="Кедрова" Имя="Анна"/>
   </СвДоверБум>
  </Подписант>""")

POA = _file("DP_PRANNUL", "1.02", "", f"""  <УчастЭДО ИдУчастЭДО="{ID_SELLER}">{SELLER}</УчастЭДО>
  <СвПредАн>
   <СведАнФайл ИмяАнФайла="{UPD_FILE}"><ЭЦПАнФайл>{SIGNATURE}</ЭЦПАнФайл><ЭЦПАнФайл>{SIGNATURE}</ЭЦПАнФайл></СведАнФайл>
   <ТекстПредАн>Документ выставлен ошибочно</ТекстПредАн>
  </СвПредАн>
  <НапрПредАн ИдУчастЭДО="{ID_IP}">{IP}</НапрПредАн>
  <Подписант Должность="Генеральный директор"><ФИО Фамилия="Кедрова" Имя="Анна"/></Подписант>""")

VALID = {  # name -> (kind, document)
    "ИОП по МЧД": ("ИОП", IZV_SIGNED_BY_POA),
    "ИОП на документ оператора": ("ИОП", IZV_ON_OPERATOR),
    "ИОП иностранной организации": ("ИОП", IZV_FOREIGN),
    "ПДО": ("ПДО", PDO),
    "ПДП": ("ПДП", PDP),
    "УОУ": ("УОУ", UOU),
    "УОУ с пустым текстом": ("УОУ", UOU.replace("Неверно указан КПП покупателя", "")),
    "ПоА": ("ПоА", POA),
    "ПоА, КПП с буквами A-F, свободный ИдУчастЭДО": (
        "ПоА", POA.replace(f'КПП="{KPP_SELLER}"', 'КПП="7704AF001"').replace(f'"{ID_IP}"', '"участник 7"')),
}

_PDO_SENDER = f'<СвОтпрДок ИдУчастЭДО="{ID_SELLER}">{SELLER}</СвОтпрДок>'
_PDO_RECIPIENT = f'<СвПолДок ИдУчастЭДО="{ID_BUYER}">{BUYER}</СвПолДок>'

# One defect each, caught by the XSD itself: (kind, document, text to replace, replacement).
XSD_DEFECTS = {
    "ИОП с КНД ПДО": ("ИОП", IZV_SIGNED_BY_POA, 'КНД="1115110"', 'КНД="1115111"'),
    "ИОП версии 1.02": ("ИОП", IZV_SIGNED_BY_POA, 'ВерсФорм="1.03"', 'ВерсФорм="1.02"'),
    "ИОП с пустой подписью": ("ИОП", IZV_SIGNED_BY_POA, f"<ЭППолФайл>{SIGNATURE}</ЭППолФайл>", "<ЭППолФайл/>"),
    "ИОП: оператор вместо участника": ("ИОП", IZV_ON_OPERATOR, f"<УчастЭДО ИдУчастЭДО=\"{ID_IP}\">{IP}",
                                       f"<УчастЭДО ИдУчастЭДО=\"{ID_IP}\"><ОперЭДО {OPERATOR}/>"),
    "ИОП: время 24.00.00": ("ИОП", IZV_ON_OPERATOR, 'ВремяПол="23.59.59"', 'ВремяПол="24.00.00"'),
    "ИОП: 29.02 не високосного года": ("ИОП", IZV_FOREIGN, 'ДатаПол="29.02.2028"', 'ДатаПол="29.02.2027"'),
    "ИОП: номер МЧД не 36 знаков": ("ИОП", IZV_SIGNED_BY_POA, f'НомДовер="{POA_NUMBER}"', 'НомДовер="Д-17"'),
    "ИОП: СпособПредставл 3": ("ИОП", IZV_SIGNED_BY_POA, 'СпособПредставл="2"', 'СпособПредставл="3"'),
    "ИОП: ИдУчастЭДО с пробелом": ("ИОП", IZV_SIGNED_BY_POA, f'"{ID_BUYER}"', '"9ZX 6315"'),
    "ИОП: ИдСтат не ЮЛ/ФЛ": ("ИОП", IZV_FOREIGN, 'ИдСтат="ЮЛ"', 'ИдСтат="ИП"'),
    "ИОП: ОКСМ из двух цифр": ("ИОП", IZV_FOREIGN, 'СтрРег="276"', 'СтрРег="76"'),
    "ИОП: код оператора из 4 знаков": ("ИОП", IZV_ON_OPERATOR, 'ИдОперЭДО="9ZX"', 'ИдОперЭДО="9ZX1"'),
    "ПДО: подписант без должности": ("ПДО", PDO, ' Должность="Инженер службы ЭДО"', ""),
    "ПДО: элементы ПДП": ("ПДО", PDO, 'ДатаОтпр="15.01.2026"', 'ДатаПол="15.01.2026"'),
    "ПДО: получатель раньше отправителя": ("ПДО", PDO, f"{_PDO_SENDER}\n  {_PDO_RECIPIENT}",
                                           f"{_PDO_RECIPIENT}\n  {_PDO_SENDER}"),
    "ПДП без подписи": ("ПДП", PDP, f"<ЭППолФайл>{SIGNATURE}</ЭППолФайл>", ""),
    "ПДП: ИНН с 00": ("ПДП", PDP, f'ИННЮЛ="{INN_SELLER}"', 'ИННЮЛ="0004128930"'),
    "УОУ: две подписи": ("УОУ", UOU, f"<ЭППолФайл>{SIGNATURE}</ЭППолФайл>",
                         f"<ЭППолФайл>{SIGNATURE}</ЭППолФайл><ЭППолФайл>{SIGNATURE}</ЭППолФайл>"),
    "УОУ без текста": ("УОУ", UOU, "<ТекстУведУточ>Неверно указан КПП покупателя</ТекстУведУточ>", ""),
    "УОУ: имя атрибута из ИОП": ("УОУ", UOU, "СвИдДовер=", "СвДовер="),
    "УОУ: оператор как отправитель": ("УОУ", UOU, f'<ОтпрДок ИдУчастЭДО="{ID_SELLER}">{SELLER}',
                                      f'<ОтпрДок ИдУчастЭДО="{ID_SELLER}"><ОперЭДО {OPERATOR}/>'),
    "ПоА с КНД": ("ПоА", POA, "<Документ>", '<Документ КНД="1115110">'),
    "ПоА: физлицо": ("ПоА", POA, IP, f'<ФЛ ИННФЛ="{INN_IP}"><ФИО Фамилия="Сидоров" Имя="Олег"/></ФЛ>'),
    "ПоА: КПП с буквой Z": ("ПоА", POA, f'КПП="{KPP_SELLER}"', 'КПП="7704AZ001"'),
    "ПоА: ИдФайл длиннее 200": ("ПоА", POA, 'ИдФайл="DP_PRANNUL_', f'ИдФайл="DP_PRANNUL_{"я" * 130}'),
    "ПоА без текста": ("ПоА", POA, "<ТекстПредАн>Документ выставлен ошибочно</ТекстПредАн>", ""),
}


@cache
def _own_path(kind: str) -> Path:
    return OWN_DIR / SCHEMAS[kind][0]


@cache
def _official_path(kind: str) -> Path:
    return require(OFFICIAL_DIR / SCHEMAS[kind][1])


@cache
def _schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


@cache
def _rules(path: Path) -> RuleSet:
    return RuleSet.from_xsd(etree.parse(str(path)))


def _file_name(tree: etree._ElementTree) -> str:
    return f"{tree.getroot().get('ИдФайл')}.xml"


def _findings(path: Path, tree: etree._ElementTree, file_name: str | None = None) -> list[tuple[str, str]]:
    return sorted((i.xpath, i.code) for i in _rules(path).check(tree, file_name or _file_name(tree)))


def _asserts(path: Path) -> list[etree._Element]:
    return etree.parse(str(path)).xpath("//sch:assert", namespaces=NS)


# ---- the schema files themselves -------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_own_schema_is_utf8_without_namespace_and_compiles(kind: str) -> None:
    text = _own_path(kind).read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "edo-app: собственная XML-схема" in text[:400] and "Версия схемы edo-app" in text
    own, official = etree.parse(str(_own_path(kind))).getroot(), etree.parse(str(_official_path(kind))).getroot()
    for name in ("targetNamespace", "elementFormDefault", "attributeFormDefault"):
        assert own.get(name) == official.get(name), name
    assert isinstance(_schema(_own_path(kind)), etree.XMLSchema)


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_declaration_is_documented_and_every_named_type_used(kind: str) -> None:
    assert undocumented(_own_path(kind)) == []
    root = etree.parse(str(_own_path(kind))).getroot()
    named = {t.get("name") for t in root.xpath("xs:simpleType | xs:complexType", namespaces=NS)}
    used = {v for v in root.xpath("//@type | //@base") if not v.startswith("xs:")}
    assert named == used


def test_fixture_identifiers_are_valid() -> None:
    for inn in (INN_SELLER, INN_BUYER, INN_OPERATOR, INN_IP, INN_PERSON):
        assert check_inn(inn) is None, inn
    for kpp in (KPP_SELLER, KPP_BUYER):
        assert check_kpp(kpp) is None, kpp


# ---- agreement with the official XSD ---------------------------------------------------------

_PROBE_TEXT = (
    "|0|1|2|3|4|00|643|276|76|1.03|1.02|1.0|1115110|1115111|1115112|1115113|ЮЛ|ФЛ|ИП|29.02.1900|29.02.2000"
    "|29.02.2001|29.02.2024|31.04.2026|30.02.2026|31.12.2099|01.01.2100|31.12.1899|15.01.2026|23.59.59|24.00.00"
    f"|12.60.00|9ZX|9Z|9 X|{ID_SELLER}|{ID_OPERATOR}|2B@.|ab c|ЖЖЖЖ|{INN_SELLER}|0015274800|{INN_IP}"
    f"|001924681325|{KPP_SELLER}|7704AZ001|7704AF001|7704af001|{POA_NUMBER}|{SIGNATURE}"
)
_PROBE_LENGTHS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 26, 35, 36, 37, 40, 41, 45, 46, 47, 50, 51, 60,
                  61, 199, 200, 201, 255, 256, 500, 501, 1000, 1001)


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schemas_have_same_structure_and_value_spaces(kind: str) -> None:
    probes = probe_strings(_PROBE_TEXT.split("|"), _PROBE_LENGTHS)
    assert assert_same_structure(_official_path(kind), _own_path(kind), probes) >= 15


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_documents_pass_both_schemas(name: str) -> None:
    kind, doc = VALID[name]
    tree = parse(doc)
    for path in (_own_path(kind), _official_path(kind)):
        schema = _schema(path)
        assert schema.validate(tree), (path.name, schema.error_log)


@pytest.mark.parametrize("defect", sorted(XSD_DEFECTS))
def test_xsd_defects_are_rejected_by_both(defect: str) -> None:
    kind, doc, old, new = XSD_DEFECTS[defect]
    tree = parse(replace_once(doc, old, new))
    assert not _schema(_own_path(kind)).validate(tree)
    assert not _schema(_official_path(kind)).validate(tree)


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_mutants_get_the_same_verdict_from_both_schemas(kind: str) -> None:
    docs = [parse(doc).getroot() for k, doc in VALID.values() if k == kind]
    verdicts = mutation_verdicts(_schema(_own_path(kind)), _schema(_official_path(kind)), docs, 240 // len(docs))
    assert verdicts.total >= 200  # five kinds: 1 200 mutants in all
    assert verdicts.rejected > verdicts.total // 2  # the mutants really break things
    assert verdicts.disagreements == []


# ---- embedded rules --------------------------------------------------------------------------

OFFICIAL_ASSERTS = {"ИОП": 12, "ПДО": 9, "ПДП": 9, "УОУ": 12, "ПоА": 0}
CORRECTED = {"ИОП": 2, "ПДО": 3, "ПДП": 3, "УОУ": 3, "ПоА": 0}  # «исправлено» comments


def _contexts(path: Path) -> Counter[str]:
    return Counter(a.getparent().get("context") for a in _asserts(path))


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_rules_compile_and_restate_every_official_assert(kind: str) -> None:
    own, official = _rules(_own_path(kind)), _rules(_official_path(kind))
    assert own.problems == () and official.problems == ()
    assert official.rule_count == OFFICIAL_ASSERTS[kind]
    added = Counter({"Файл": 1}) if kind == "ПоА" else Counter()  # ПоА: only the file-name rule, added
    assert _contexts(_own_path(kind)) == _contexts(_official_path(kind)) + added
    assert own.rule_count == OFFICIAL_ASSERTS[kind] + added.total()
    assert {a.find("usch:error", NS).get("code") for a in _asserts(_own_path(kind))} == {CODE}


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_rules_live_in_appinfo_of_their_element_and_corrections_are_marked(kind: str) -> None:
    root = etree.parse(str(_own_path(kind))).getroot()
    for pattern in root.iter(f"{{{NS['sch']}}}pattern"):
        element = pattern.getparent().getparent().getparent()
        assert pattern.get("name") and element.get("name") == pattern.find("sch:rule", NS).get("context")
        for check in pattern.iterfind("sch:rule/sch:assert", NS):
            error = check.find("usch:error", NS)
            assert error.get("path") and error.text and error.find("usch:value-of", NS) is not None
    comments = [c.text for c in root.iter(etree.Comment)]
    assert sum("исправлено" in c for c in comments) == CORRECTED[kind]


def _attribute_names(path: Path) -> set[str]:
    return set(etree.parse(str(path)).xpath("//xs:attribute/@name", namespaces=NS))


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_rules_name_only_attributes_the_format_has(kind: str) -> None:
    def named(path: Path) -> set[str]:
        return {name for a in _asserts(path) for name in re.findall(r"@(\w+)", a.get("test"))}

    assert named(_own_path(kind)) <= _attribute_names(_own_path(kind))
    slip = named(_official_path(kind)) - _attribute_names(_official_path(kind))
    assert slip == ({"РегНомер"} if kind in ("ПДО", "ПДП", "УОУ") else set())  # the official slip


# Participant elements holding the foreign-person rules; the ones where the official schema names
# @РегНомер instead of @КодНПРег are marked True.
PARTICIPANTS = [
    ("ИОП", IZV_SIGNED_BY_POA, "УчастЭДО", False), ("ИОП", IZV_SIGNED_BY_POA, "ОтпрДок", False),
    ("УОУ", UOU, "УчастЭДО", False), ("УОУ", UOU, "ОтпрДок", True),
    ("ПДО", PDO, "СвОтпрДок", False), ("ПДО", PDO, "СвПолДок", True),
    ("ПДП", PDP, "СвОтпрДок", False), ("ПДП", PDP, "СвПолДок", True),
]
# foreign person's attributes -> (own findings, official findings, official findings where @РегНомер)
FOREIGN_CASES = {
    "организация без СтрРег": ({"Наим": "X"}, ["@СтрРег"], ["@СтрРег"], ["@СтрРег"]),
    "физлицо без Наим": ({"ИдСтат": "ФЛ", "ИныеСвед": "x"}, ["@Наим"], ["@Наим"], ["@Наим"]),
    "организация только со СтрРег": (
        {"СтрРег": "276"}, ["@ИныеСвед", "@КодНПРег"], ["@ИныеСвед", "@КодНПРег"], ["@ИныеСвед", "@РегНомер"]),
    "организация с ИныеСвед": ({"СтрРег": "276", "ИныеСвед": "x"}, [], ["@ИныеСвед"], ["@ИныеСвед"]),
    "организация с КодНПРег": ({"СтрРег": "276", "КодНПРег": "HRB 1"}, [], [], ["@ИныеСвед", "@РегНомер"]),
    "организация с Наим": ({"СтрРег": "276", "Наим": "X"}, [], [], []),
}


def _with_foreign(doc: str, element: str, attrs: dict[str, str]) -> etree._ElementTree:
    tree = parse(doc)
    holder = tree.getroot().find(f"Документ/{element}")
    assert holder is not None
    holder[:] = [etree.Element("СвИнУчастНеУч", {"ИдСтат": "ЮЛ", **attrs})]
    return tree


@pytest.mark.parametrize("case", sorted(FOREIGN_CASES))
@pytest.mark.parametrize(("kind", "doc", "element", "slip"), PARTICIPANTS)
def test_foreign_participant_rules(kind: str, doc: str, element: str, slip: bool, case: str) -> None:
    attrs, own, official, official_slip = FOREIGN_CASES[case]
    tree = _with_foreign(doc, element, attrs)
    assert _schema(_own_path(kind)).validate(tree) and _schema(_official_path(kind)).validate(tree)

    def at(names: list[str]) -> list[tuple[str, str]]:
        return [(f"/Файл/Документ/{element}/СвИнУчастНеУч/{n}", CODE) for n in names]

    assert _findings(_own_path(kind), tree) == at(own)
    assert _findings(_official_path(kind), tree) == at(official_slip if slip else official)


# Signer rules (ИОП, УОУ): (kind, document, [(old, new)], XPath of the finding); both schemas agree.
_UOU_POA_EL = ('<СвДоверЭл НомДовер="' + POA_NUMBER + '" ДатаВыдДовер="10.01.2026" СпособПредставл="2"/>')
_UOU_PAPER = UOU[UOU.index("<СвДоверБум"):UOU.index("</СвДоверБум>") + len("</СвДоверБум>")]
SIGNER_DEFECTS = {
    "ИОП: СтатПодп 2 без СвДоверЭл": ("ИОП", IZV_SIGNED_BY_POA, [(POA_EL, "")], "Подписант/СвДоверЭл"),
    "ИОП: СтатПодп 3 без СвДоверБум": ("ИОП", IZV_SIGNED_BY_POA, [('СтатПодп="2"', 'СтатПодп="3"')],
                                      "Подписант/СвДоверБум"),
    "ИОП: МЧД без системы хранения": ("ИОП", IZV_SIGNED_BY_POA, [(' ИдСистХран="https://m4d.nalog.gov.ru"', "")],
                                     "Подписант/СвДоверЭл/@ИдСистХран"),
    "УОУ: СтатПодп 3 без СвДоверБум": ("УОУ", UOU, [(_UOU_PAPER, "")], "Подписант/СвДоверБум"),
    "УОУ: СтатПодп 2 без СвДоверЭл": ("УОУ", UOU, [('СтатПодп="3"', 'СтатПодп="2"')], "Подписант/СвДоверЭл"),
    "УОУ: МЧД без системы хранения": ("УОУ", UOU, [('СтатПодп="3"', 'СтатПодп="2"'), (_UOU_PAPER, _UOU_POA_EL)],
                                     "Подписант/СвДоверЭл/@СвСистХран"),
}


@pytest.mark.parametrize("defect", sorted(SIGNER_DEFECTS))
def test_signer_rules_fire_on_the_same_node_in_both(defect: str) -> None:
    kind, doc, edits, where = SIGNER_DEFECTS[defect]
    for old, new in edits:
        doc = replace_once(doc, old, new)
    tree = parse(doc)
    assert _schema(_own_path(kind)).validate(tree) and _schema(_official_path(kind)).validate(tree)
    expected = [(f"/Файл/Документ/{where}", CODE)]
    assert _findings(_own_path(kind), tree) == _findings(_official_path(kind), tree) == expected


def test_signer_rules_are_silent_when_the_poa_is_given_otherwise() -> None:
    tree = parse(replace_once(IZV_SIGNED_BY_POA, 'СпособПредставл="2" ИдСистХран="https://m4d.nalog.gov.ru"',
                              'СпособПредставл="1"'))
    assert _findings(_own_path("ИОП"), tree) == _findings(_official_path("ИОП"), tree) == []


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_documents_pass_the_rules_and_file_name_is_checked(name: str) -> None:
    kind, doc = VALID[name]
    tree = parse(doc)
    assert _findings(_own_path(kind), tree) == _findings(_official_path(kind), tree) == []
    wrong = _findings(_own_path(kind), tree, "DP_ДРУГОЕ_ИМЯ.xml")
    assert wrong == [("/Файл/@ИдФайл", CODE)]
    assert _findings(_official_path(kind), tree, "DP_ДРУГОЕ_ИМЯ.xml") == ([] if kind == "ПоА" else wrong)


# ---- registry and full validation ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VALID))
def test_registry_picks_the_own_schema_and_validation_is_ok(name: str) -> None:
    kind, doc = VALID[name]
    tree = parse(doc)
    registry = SchemaRegistry()
    assert [e.id for e in registry.find(tree)] == [MANIFEST_IDS[kind]]
    report = validate_bytes(doc.encode("utf-8"), _file_name(tree), registry)
    assert report.ok and report.schema_id == MANIFEST_IDS[kind], [i.describe() for i in report.issues]


def test_registry_with_official_folder_runs_both_schemas() -> None:
    registry = SchemaRegistry(official_dirs=[require(OFFICIAL_DIR)])
    for kind, doc in (("УОУ", UOU), ("ПоА", POA)):
        tree = parse(doc)
        found = [(e.id, e.official) for e in registry.find(tree)]
        assert found == [(MANIFEST_IDS[kind], False), (Path(SCHEMAS[kind][1]).stem, True)]
        assert validate_bytes(doc.encode("utf-8"), _file_name(tree), registry).ok
    # A foreign organisation identified by ИныеСвед only: the official slip reports an error, the own rule not.
    tree = _with_foreign(UOU, "УчастЭДО", {"СтрРег": "276", "ИныеСвед": "x"})
    data = etree.tostring(tree, encoding="utf-8", xml_declaration=True)
    assert validate_bytes(data, _file_name(tree), SchemaRegistry()).ok
    errors = validate_bytes(data, _file_name(tree), registry).errors
    assert [(e.code, e.xpath) for e in errors] == [(CODE, "/Файл/Документ/УчастЭДО/СвИнУчастНеУч/@ИныеСвед")]
