"""Speed of the compiled Schematron engine against lxml XSD validation and a naive evaluator.

Builds a ~10,000-line УПД 5.03 seller document by cloning the goods line of a small valid
document, then prints the best-of-N time of: parsing, XSD validation with the official schema,
the rules (edo_app.schemas.rules.RuleSet) and the naive node-by-node Python evaluation, with
ratios. The goal: parse + XSD + rules well within 2x of XSD validation alone.

Run: .venv/bin/python bench/rules_engine.py [lines]
"""

from __future__ import annotations

import copy
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from edo_app.schemas.rules import RuleSet
from edo_app.schemas.rules_naive import NaiveRuleSet
from edo_app.xmlio import parse_bytes

SHARED = Path(os.environ.get("EDO_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
SCHEMA = SHARED / "fns-xsd" / "upd-5.03" / "ON_NSCHFDOPPR_1_997_01_05_03_05.xsd"
FILE_ID = (
    "ON_NSCHFDOPPR_2BM-5003000022-500301001_2BM-7701000019-770101001_20260110_"
    "0f9c2d6e-8a51-4b7d-9e3a-5c1b2a3d4e5f_0_0_0_0_0_00"
)
# Fictional parties; the ИНН check digits are valid (7701000019, 5003000022).
DOCUMENT = f"""<Файл ИдФайл="{FILE_ID}" ВерсФорм="5.03" ВерсПрог="edo-app 0.1">
  <Документ КНД="1115131" Функция="СЧФ" ДатаИнфПр="10.01.2026" ВремИнфПр="12.00.00"
            НаимЭконСубСост="ООО «Ромашка-Тест»">
    <СвСчФакт НомерДок="17" ДатаДок="10.01.2026">
      <СвПрод>
        <ИдСв><СвЮЛУч НаимОрг="ООО «Ромашка-Тест»" ИННЮЛ="7701000019" КПП="770101001"/></ИдСв>
        <Адрес><АдрИнф КодСтр="643" НаимСтран="РОССИЯ" АдрТекст="г. Москва, ул. Вымышленная, д. 1"/></Адрес>
      </СвПрод>
      <ДокПодтвОтгрНом РеквНаимДок="УПД" РеквНомерДок="17" РеквДатаДок="10.01.2026"/>
      <СвПокуп>
        <ИдСв><СвЮЛУч НаимОрг="АО «Лютик-Пример»" ИННЮЛ="5003000022" КПП="500301001"/></ИдСв>
        <Адрес><АдрИнф КодСтр="643" НаимСтран="РОССИЯ" АдрТекст="г. Примерный, ул. Условная, д. 2"/></Адрес>
      </СвПокуп>
      <ДенИзм КодОКВ="643" НаимОКВ="Российский рубль"/>
    </СвСчФакт>
    <ТаблСчФакт>
      <СведТов НомСтр="1" НаимТов="Карандаш чернографитный" ОКЕИ_Тов="796" НаимЕдИзм="шт" КолТов="10"
               ЦенаТов="15.00" СтТовБезНДС="150.00" НалСт="20%" СтТовУчНал="180.00">
        <ДопСведТов ПрТовРаб="1" КодТов="PEN-HB-01">
          <НомСредИдентТов><КИЗ>0104600000000001215ABCDEFGHIJKLM</КИЗ></НомСредИдентТов>
        </ДопСведТов>
        <Акциз><БезАкциз>без акциза</БезАкциз></Акциз>
        <СумНал><СумНал>30.00</СумНал></СумНал>
      </СведТов>
      <ВсегоОпл СтТовБезНДСВсего="150.00" СтТовУчНалВсего="180.00">
        <СумНалВсего><СумНал>30.00</СумНал></СумНалВсего>
      </ВсегоОпл>
    </ТаблСчФакт>
    <Подписант Должн="Генеральный директор" СпосПодтПолном="1">
      <ФИО Фамилия="Тестов" Имя="Пример" Отчество="Условович"/>
    </Подписант>
  </Документ>
</Файл>"""


def build(target_lines: int, break_lines: bool = False) -> bytes:
    """The document with its goods line cloned until the file has ``target_lines`` lines."""
    root = etree.fromstring(DOCUMENT.encode("utf-8"), etree.XMLParser(remove_blank_text=True))
    table = root.find("Документ/ТаблСчФакт")
    assert table is not None
    line = table[0]
    per_line = len(etree.tostring(line, pretty_print=True).splitlines())
    count = max(1, -(-(target_lines - 30) // per_line))  # round up: at least target_lines
    for number in range(2, count + 1):
        clone = copy.deepcopy(line)
        clone.set("НомСтр", str(number))
        table.insert(number - 1, clone)
    if break_lines:  # every line loses НаимТов: one rule failure per line
        for goods in table.iterfind("СведТов"):
            del goods.attrib["НаимТов"]
    return etree.tostring(root, xml_declaration=True, encoding="windows-1251", pretty_print=True)


def best_time(action: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs: other processes on the machine only ever add time."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def run(target_lines: int, break_lines: bool) -> None:
    data = build(target_lines, break_lines)
    xsd_doc = etree.parse(str(SCHEMA))
    schema = etree.XMLSchema(xsd_doc)
    start = time.perf_counter()
    rules = RuleSet.from_xsd(xsd_doc)
    compile_s = time.perf_counter() - start
    naive = NaiveRuleSet(xsd_doc)
    tree = parse_bytes(data)
    name = f"{FILE_ID}.xml"
    found, expected = rules.check(tree, name), naive.check(tree, name)
    assert found == expected, "engine and naive evaluator disagree"
    parse_s = best_time(lambda: parse_bytes(data), 21)
    xsd_s = best_time(lambda: schema.validate(tree), 21)
    rules_s = best_time(lambda: rules.check(tree, name), 21)
    naive_s = best_time(lambda: naive.check(tree, name), 5)
    title = "every line fails one rule" if break_lines else "valid document"
    print(f"\n{title}: {len(data.splitlines())} lines, {len(data) / 1024:.0f} KiB, "
          f"{rules.rule_count} rules, {len(found)} rule failures (naive agrees)")
    print(f"  compile rules once   {compile_s * 1000:8.1f} ms")
    for label, seconds in (("parse", parse_s), ("XSD validate (lxml)", xsd_s),
                           ("rules (XSLT engine)", rules_s), ("rules (naive Python)", naive_s)):
        print(f"  {label:<20} {seconds * 1000:8.1f} ms   {seconds / xsd_s:6.2f}x XSD")
    pipeline = parse_s + xsd_s + rules_s
    print(f"  parse+XSD+rules      {pipeline * 1000:8.1f} ms   {pipeline / xsd_s:6.2f}x XSD")
    print(f"  rules / (parse+XSD)  {rules_s / (parse_s + xsd_s):8.2f}x;  naive / (parse+XSD) "
          f"{naive_s / (parse_s + xsd_s):.1f}x;  engine is {naive_s / rules_s:.0f}x faster than naive")


def main() -> None:
    if not SCHEMA.exists():
        sys.exit(f"official schema {SCHEMA} not found: ../shared is not beside the checkout")
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    run(target, break_lines=False)
    run(target, break_lines=True)


if __name__ == "__main__":
    main()
