"""Reference evaluator: each rule on each context node through lxml XPath and Python extensions.

It implements ``usch:iif`` and ``usch:getFileName`` as Python functions, with no translation,
so it serves as an independent oracle for the compiled engine in tests and as the baseline in
bench/rules_engine.py. It is ~an order of magnitude slower and understands plain element-name
contexts only (the only kind the official schemas use); production code uses ``rules.RuleSet``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from lxml import etree

from edo_app.model.report import Issue, Severity, Source
from edo_app.schemas.rules_extract import RuleSpec, ValueOf, extract_rules, line_of, shadowed
from edo_app.schemas.rules_translate import USCH_NS


def xpath_truth(value: Any) -> bool:
    """XPath 1.0 boolean() of a value as lxml hands it to an extension function."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str | list):
        return len(value) > 0
    return bool(value)


def iif(_context: Any, condition: Any, then: Any, other: Any) -> Any:
    """usch:iif(c, a, b): a when boolean(c), else b, returned with its own type."""
    return then if xpath_truth(condition) else other


@dataclass(frozen=True, slots=True)
class _NaiveRule:
    spec: RuleSpec
    test: etree.XPath
    values: tuple[etree.XPath, ...]


class NaiveRuleSet:
    """Same contract as ``rules.RuleSet.check`` for element-name contexts, evaluated node by node."""

    def __init__(self, xsd: etree._ElementTree) -> None:
        self._file_name = ""
        extensions = {(USCH_NS, "iif"): iif}
        namespaces = {"usch": USCH_NS}
        specs = extract_rules(xsd)
        hidden = shadowed(specs)

        def compile_xpath(expr: str) -> etree.XPath:
            # The file name comes in as a variable: nothing registered globally can shadow it.
            expr = expr.replace("usch:getFileName()", "$file-name")
            return etree.XPath(expr, namespaces=namespaces, extensions=extensions, smart_strings=False)

        self._rules = [
            _NaiveRule(spec, compile_xpath(f"boolean({spec.test})"),
                       tuple(compile_xpath(f"string({p.select})") for p in spec.message if isinstance(p, ValueOf)))
            for spec in specs
            if spec.index not in hidden
        ]

    def check(self, tree: etree._ElementTree, file_name: str) -> list[Issue]:
        self._file_name = file_name[:-4] if file_name.lower().endswith(".xml") else file_name
        issues: list[Issue] = []
        for rule in self._rules:
            for node in tree.iter(rule.spec.context):
                if bool(rule.test(node, **{"file-name": self._file_name})) == rule.spec.is_report:
                    issues.append(self._issue(tree, node, rule, self._file_name))
        return issues

    @staticmethod
    def _issue(tree: etree._ElementTree, node: etree._Element, rule: _NaiveRule, file_name: str) -> Issue:
        values = iter(str(v(node, **{"file-name": file_name})) for v in rule.values)
        text = "".join(next(values) if isinstance(p, ValueOf) else p for p in rule.spec.message)
        xpath = tree.getpath(node) + (f"/{rule.spec.path}" if rule.spec.path else "")
        return Issue(" ".join(text.split()), xpath, rule.spec.code, line_of(node), Severity.ERROR, Source.RULES)

