"""Collect the Schematron rules an FNS XSD embeds in ``xs:appinfo``.

Only live elements count: a commented-out appinfo block is a comment node to lxml, so it is
never visited. Each ``sch:assert`` (or ``sch:report``) becomes one RuleSpec carrying what the
engine needs: the pattern it belongs to, the context, the test, the official error code and
the message split into literal text and ``usch:value-of`` expressions.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from edo_app.schemas.rules_translate import USCH_NS

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_PATTERN = f"{{{SCH_NS}}}pattern"
_RULE = f"{{{SCH_NS}}}rule"
_CHECKS = (f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report")
_ERROR = f"{{{USCH_NS}}}error"
_VALUE_OFS = (f"{{{USCH_NS}}}value-of", f"{{{SCH_NS}}}value-of")


@dataclass(frozen=True, slots=True)
class ValueOf:
    """A ``value-of`` inside a message: evaluated in the failing node's context."""

    select: str


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One assertion as written in the XSD (nothing compiled yet)."""

    index: int
    pattern: int
    rule: int  # which sch:rule (schema-wide number): asserts of one rule share it
    pattern_name: str
    context: str
    test: str
    is_report: bool  # sch:report fires when the test is true, sch:assert when it is false
    code: str
    path: str
    message: tuple[str | ValueOf, ...]
    source_line: int | None
    prefixes: tuple[tuple[str | None, str], ...]
    unsupported: str = ""  # why the rule cannot run at all (sch:let, sch:extends...)


def extract_rules(xsd: etree._ElementTree) -> list[RuleSpec]:
    """Every live assertion of the schema, in document order."""
    rules: list[RuleSpec] = []
    rule_number = 0
    for number, pattern in enumerate(xsd.iter(_PATTERN)):
        for rule in pattern.iterchildren(_RULE):
            for check in rule.iterchildren(*_CHECKS):
                rules.append(_spec(len(rules), (number, rule_number), rule, check))
            rule_number += 1
    return rules


def shadowed(rules: list[RuleSpec]) -> set[int]:
    """Indexes of asserts that never run: an earlier rule of their pattern has the same context.

    Schematron fires only the first rule of a pattern that matches a node; for identical
    contexts that is always the earlier one.
    """
    first: dict[tuple[int, str], int] = {}
    hidden: set[int] = set()
    for spec in rules:
        owner = first.setdefault((spec.pattern, spec.context), spec.rule)
        if owner != spec.rule:
            hidden.add(spec.index)
    return hidden


def _unsupported(rule: etree._Element) -> str:
    if rule.get("abstract") == "true":
        return "абстрактное правило Schematron не поддерживается"
    extra = {etree.QName(child).localname for child in rule.iterchildren(f"{{{SCH_NS}}}*")}
    for local in ("let", "extends"):
        if local in extra:
            return f"элемент sch:{local} не поддерживается"
    return ""


def _spec(index: int, where: tuple[int, int], rule: etree._Element, check: etree._Element) -> RuleSpec:
    error = check.find(_ERROR)
    pattern = rule.getparent()
    name = (pattern.get("name") or pattern.get("id") or "") if pattern is not None else ""
    holder = error if error is not None else check
    return RuleSpec(
        index=index,
        pattern=where[0],
        rule=where[1],
        pattern_name=name,
        context=(rule.get("context") or "").strip(),
        test=check.get("test") or "",
        is_report=etree.QName(check).localname == "report",
        code=(error.get("code") or "") if error is not None else "",
        path=(error.get("path") or "").strip() if error is not None else "",
        message=_message_parts(holder),
        source_line=line_of(check),
        prefixes=tuple(sorted(check.nsmap.items(), key=lambda kv: kv[0] or "")),
        unsupported=_unsupported(rule),
    )


def line_of(node: etree._Element) -> int | None:
    """The source line, or None when lxml does not know it."""
    line = node.sourceline
    return line if isinstance(line, int) else None


def _message_parts(holder: etree._Element) -> tuple[str | ValueOf, ...]:
    """Literal text and value-of expressions in order; other markup contributes its text."""
    parts: list[str | ValueOf] = [holder.text or ""]
    for child in holder:
        if isinstance(child.tag, str) and child.tag in _VALUE_OFS:
            parts.append(ValueOf(child.get("select") or ""))
        elif isinstance(child.tag, str):
            parts.append("".join(str(t) for t in child.itertext()))
        parts.append(child.tail or "")
    return tuple(p for p in parts if p != "")
