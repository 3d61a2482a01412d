"""Compile rules into one XSLT 1.0 stylesheet that libxslt runs in a single pass per mode.

Rules whose context is a plain element name (all of the official ones) share the mode "m":
one template per name holds every check on that name, and the walk visits each element once.
Inside a template the checks branch on conditions several rules share (``rules_optimize``),
and one combined test lets a valid node through before any rule is tested on its own.
Any other pattern keeps full Schematron meaning in a mode of its own: its rules become
templates with falling priorities, so the first matching rule of the pattern wins.
The output lists failures only: ``<f r="rule index" p="1 4 2 5" k="@name"><v>value-of</v>…</f>``
where ``p`` is the element-child position of each ancestor-or-self element.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from lxml import etree

from edo_app.schemas.rules_extract import RuleSpec
from edo_app.schemas.rules_optimize import FALSE, literal_test_of, shared_atom, substitute
from edo_app.schemas.rules_translate import FILE_NAME_PARAM, Translator
from edo_app.schemas.rules_xpath import Node

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
MAIN_MODE = "m"
_WHERE = "edo-where"
_MAX_DEPTH = 3  # shared conditions tested per node before the rules run; 2**3 branches at most
_NO_ACCESS = cast(Any, etree.XSLTAccessControl).DENY_ALL  # the rules need no files and no network


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule translated to XPath 1.0; ``name`` is set when the context is a plain element name."""

    spec: RuleSpec
    test: str
    values: tuple[str, ...]
    name: str | None
    failure: Node | None = None  # parsed failure condition (rules_optimize); None: use ``test`` as is


@dataclass(slots=True)
class Unit:
    """Rules that can be compiled and run on their own: main-mode rules and whole patterns."""

    main: list[CompiledRule] = field(default_factory=list)
    patterns: list[list[CompiledRule]] = field(default_factory=list)

    def rules(self) -> list[CompiledRule]:
        return self.main + [rule for pattern in self.patterns for rule in pattern]


def _xsl(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{XSL_NS}}}{tag}", attrs)


def build_stylesheet(unit: Unit) -> etree._ElementTree:
    """The stylesheet running every rule of ``unit``."""
    root = etree.Element(f"{{{XSL_NS}}}stylesheet", {"version": "1.0"}, nsmap={"xsl": XSL_NS})
    _xsl(root, "output", method="xml", encoding="UTF-8")
    _xsl(root, "param", name=FILE_NAME_PARAM, select="''")
    start = etree.SubElement(_xsl(root, "template", match="/"), "failures")
    if unit.main:
        _xsl(start, "apply-templates", select="*", mode=MAIN_MODE)
        _main_mode(root, unit.main)
    for number, pattern in enumerate(unit.patterns):
        mode = f"p{number}"
        _xsl(start, "apply-templates", select="/", mode=mode)
        _pattern_mode(root, mode, pattern)
    _where_template(root)
    return etree.ElementTree(root)


def _main_mode(root: etree._Element, rules: Sequence[CompiledRule]) -> None:
    walk = _xsl(root, "template", match="*", mode=MAIN_MODE, priority="-1")
    _xsl(walk, "apply-templates", select="*", mode=MAIN_MODE)
    by_name: dict[str, list[CompiledRule]] = {}
    for rule in rules:
        by_name.setdefault(rule.name or "", []).append(rule)
    for name, group in by_name.items():
        template = _xsl(root, "template", match=name, mode=MAIN_MODE)
        _decide(template, [_Pending.of(rule) for rule in group], 0)
        for call in template.iter(f"{{{XSL_NS}}}call-template"):
            _xsl(call, "with-param", name="pos", select="position()")
        _xsl(template, "apply-templates", select="*", mode=MAIN_MODE)


def _pattern_mode(root: etree._Element, mode: str, rules: Sequence[CompiledRule]) -> None:
    walk = _xsl(root, "template", match="/|*", mode=mode, priority="-100")
    _xsl(walk, "apply-templates", select="@*|node()", mode=mode)
    _xsl(root, "template", match="@*|text()|comment()|processing-instruction()", mode=mode, priority="-100")
    by_rule: dict[int, list[CompiledRule]] = {}
    for rule in rules:
        by_rule.setdefault(rule.spec.rule, []).append(rule)
    for position, group in enumerate(by_rule.values()):  # earlier sch:rule, higher priority
        template = _xsl(root, "template", match=group[0].spec.context, mode=mode,
                        priority=str(len(by_rule) - position))
        _decide(template, [_Pending.of(rule) for rule in group], 0)
        _xsl(template, "apply-templates", select="@*|node()", mode=mode)


@dataclass(frozen=True, slots=True)
class _Pending:
    """A rule and what is left of its failure condition on the current branch."""

    rule: CompiledRule
    failure: Node | None
    translator: Translator

    @classmethod
    def of(cls, rule: CompiledRule) -> _Pending:
        return cls(rule, rule.failure, Translator(dict(rule.spec.prefixes)))

    def text(self) -> str:
        if self.failure is not None:
            return self.translator.emit(self.failure, boolean=True)
        return self.rule.test if self.rule.spec.is_report else f"not({self.rule.test})"


def _decide(parent: etree._Element, pending: list[_Pending], depth: int) -> None:
    """Branch on shared atoms (a few levels deep), then test what is left of each rule."""
    pending = [p for p in pending if p.failure != FALSE]
    parsed = [(p.failure, p.translator) for p in pending if p.failure is not None]
    atom = shared_atom(parsed) if depth < _MAX_DEPTH else None
    if atom is None:
        _leaf(parent, pending)
        return
    single = literal_test_of(atom, parsed)
    choose = _xsl(parent, "choose")
    for branch, value in ((_xsl(choose, "when", test=atom), True), (_xsl(choose, "otherwise"), False)):
        _decide(branch, [_assume(p, atom, value, single) for p in pending], depth + 1)


def _assume(pending: _Pending, atom: str, value: bool, single: tuple[str, str] | None) -> _Pending:
    if pending.failure is None:
        return pending
    failure = substitute(pending.failure, pending.translator, atom, value, single)
    return _Pending(pending.rule, failure, pending.translator)


def _leaf(parent: etree._Element, pending: list[_Pending]) -> None:
    if len(pending) > 1:  # valid nodes pass one test instead of one per rule
        parent = _xsl(parent, "if", test=" or ".join(f"({p.text()})" for p in pending))
    for item in pending:
        _failure(_xsl(parent, "if", test=item.text()), item.rule)


def _failure(parent: etree._Element, rule: CompiledRule) -> None:
    failure = etree.SubElement(parent, "f", r=str(rule.spec.index))
    _xsl(failure, "call-template", name=_WHERE)
    for select in rule.values:
        _xsl(etree.SubElement(failure, "v"), "value-of", select=select)


def _where_template(root: etree._Element) -> None:
    """Locate the context node: element positions from the root, then an attribute name if any.

    The main walk passes ``pos`` = position() (its node list is the element children), which
    spares counting the preceding siblings of every failing line among thousands.
    """
    template = _xsl(root, "template", name=_WHERE)
    _xsl(template, "param", name="pos", select="0")
    choose = _xsl(_xsl(template, "attribute", name="p"), "choose")
    known = _xsl(choose, "when", test="$pos > 0")
    _positions(known, "ancestor::*")
    _xsl(known, "value-of", select="$pos")
    _positions(_xsl(choose, "otherwise"), "ancestor-or-self::*")
    choose = _xsl(template, "choose")
    _xsl(choose, "when", test="self::*")
    is_attribute = _xsl(choose, "when", test="count(. | ../@*) = count(../@*)")
    _xsl(_xsl(is_attribute, "attribute", name="k"), "value-of", select="concat('@', name())")
    _xsl(_xsl(choose, "otherwise"), "attribute", name="k").text = "node()"


def _positions(parent: etree._Element, axis: str) -> None:
    each = _xsl(parent, "for-each", select=axis)
    _xsl(each, "value-of", select="count(preceding-sibling::*) + 1")
    _xsl(each, "text").text = " "


def compile_unit(unit: Unit) -> etree.XSLT:
    """Compile ``unit``; raises etree.XSLTParseError when libxslt refuses it."""
    return etree.XSLT(build_stylesheet(unit), access_control=_NO_ACCESS)
