"""Speed of the compiled Schematron engine against lxml XSD validation and a naive evaluator.

Builds a УПД 5.03 seller document with 10,000 goods lines (the sample builder), then prints
the best-of-N time of: parsing, XSD validation with the official schema,
the rules (edo_app.schemas.rules.RuleSet) and the naive node-by-node Python evaluation, with
ratios. The goal: parse + XSD + rules well within 2x of XSD validation alone.

Run: .venv/bin/python bench/rules_engine.py [goods lines]
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from edo_app.documents import file_name, sample_upd, to_xml
from edo_app.schemas.rules import RuleSet
from edo_app.schemas.rules_naive import NaiveRuleSet
from edo_app.xmlio import parse_bytes

SHARED = Path(os.environ.get("EDO_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
SCHEMA = SHARED / "fns-xsd" / "upd-5.03" / "ON_NSCHFDOPPR_1_997_01_05_03_05.xsd"


def build(goods_lines: int, break_lines: bool = False) -> tuple[str, bytes]:
    """A sample УПД with ``goods_lines`` lines; optionally every line loses НаимТов (one failure each)."""
    doc = sample_upd("СЧФ", lines=goods_lines, seed=3)
    data = to_xml(doc)
    if break_lines:
        root = etree.fromstring(data)
        for goods in root.iterfind("Документ/ТаблСчФакт/СведТов"):
            del goods.attrib["НаимТов"]
        data = etree.tostring(root, xml_declaration=True, encoding="windows-1251")
    return file_name(doc), data


def best_time(action: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs: other processes on the machine only ever add time."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def run(target_lines: int, break_lines: bool) -> None:
    name, data = build(target_lines, break_lines)
    xsd_doc = etree.parse(str(SCHEMA))
    schema = etree.XMLSchema(xsd_doc)
    start = time.perf_counter()
    rules = RuleSet.from_xsd(xsd_doc)
    compile_s = time.perf_counter() - start
    naive = NaiveRuleSet(xsd_doc)
    tree = parse_bytes(data)
    found, expected = rules.check(tree, name), naive.check(tree, name)
    assert found == expected, "engine and naive evaluator disagree"
    parse_s = best_time(lambda: parse_bytes(data), 21)
    xsd_s = best_time(lambda: schema.validate(tree), 21)
    rules_s = best_time(lambda: rules.check(tree, name), 21)
    naive_s = best_time(lambda: naive.check(tree, name), 5)
    title = "every line fails one rule" if break_lines else "valid document"
    print(f"\n{title}: {target_lines} goods lines, {len(data) / 1024:.0f} KiB, "
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
