"""Validation speed on a 10,000-line УПД 5.03: raw lxml XSD vs the full `edo validate` vs xmlschema.

    .venv/bin/python bench/validate.py [LINES]

Prints the best of several runs for each, and the ratios. The goal: the full pipeline (parse,
XSD, embedded FNS rules, business checks) within 2x of raw lxml (parse + XSD).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import xmlschema
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edo_app.documents import file_name, sample_upd, to_xml  # noqa: E402
from edo_app.schemas import SchemaRegistry, validate_bytes  # noqa: E402
from edo_app.schemas.business import check_business  # noqa: E402

OWN_SELLER_XSD = ROOT / "xsd" / "upd-5.03" / "upd-seller.xsd"


def best_of(runs: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main(lines: int) -> None:
    doc = sample_upd("СЧФДОП", lines=lines, seed=7)
    data, name = to_xml(doc), file_name(doc)
    schema = etree.XMLSchema(etree.parse(str(OWN_SELLER_XSD)))
    registry = SchemaRegistry()
    report = validate_bytes(data, name, registry)  # warms the registry: compiles XSD + rules once
    assert report.ok, report.issues[:3]

    def raw_lxml() -> None:
        assert schema.validate(etree.ElementTree(etree.fromstring(data)))

    def full() -> None:
        assert validate_bytes(data, name, registry).ok

    raw = best_of(5, raw_lxml)
    edo = best_of(5, full)
    xs_schema = xmlschema.XMLSchema10(str(OWN_SELLER_XSD))
    xs = best_of(1, lambda: xs_schema.validate(data.decode("cp1251").split("\n", 1)[1]))
    print(f"document: {lines} goods lines, {len(data) / 1e6:.2f} MB")
    print(f"raw lxml (parse + XSD):                         {raw * 1000:8.1f} ms")
    print(f"edo validate (+ FNS rules + business checks): {edo * 1000:8.1f} ms   ratio {edo / raw:5.2f}x (goal <= 2x)")
    print(f"xmlschema (pure Python XSD):                    {xs * 1000:8.1f} ms   ratio {xs / raw:5.2f}x")
    print_stages(data, name, registry)


def print_stages(data: bytes, name: str, registry: SchemaRegistry) -> None:
    """Each stage alone, one after another (the full run overlaps XSD and rules with the rest)."""
    tree = etree.ElementTree(etree.fromstring(data))
    (entry, *_) = registry.find(tree)
    compiled = registry.compiled(entry)
    stages = {
        "parse": lambda: etree.fromstring(data),
        "XSD": lambda: compiled.xsd_errors(tree),
        "FNS rules": lambda: compiled.rule_issues(tree, name),
        "business checks": lambda: check_business(tree),
    }
    print("stages, each alone:")
    for label, action in stages.items():
        print(f"  {label:<16} {best_of(5, action) * 1000:8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
