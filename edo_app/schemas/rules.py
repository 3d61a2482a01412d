"""Run the Schematron rules embedded in an FNS XSD (which lxml's XMLSchema ignores).

All rules of a schema are compiled once into a single XSLT 1.0 stylesheet (``rules_xslt``) with
the ``usch:`` extensions rewritten as plain XPath 1.0 (``rules_translate``) and the conditions
rules share tested once per node (``rules_optimize``), so a check is one libxslt pass instead of
thousands of XPath calls from Python. Anything the engine cannot evaluate becomes a warning
(Source.ENGINE) and never an exception: at load time for rules that do not parse or compile, at
run time for rules that fail on a particular document.

Pipeline: rules_extract (XSD -> RuleSpec) -> rules_xpath (parse, refuse what cannot run) ->
rules_translate (plain XPath 1.0) -> rules_optimize (failure conditions, shared atoms) ->
rules_xslt (stylesheet) -> here (run, map failures back to nodes, lines and messages).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any, cast

from lxml import etree

from edo_app.model.report import Issue, Severity, Source
from edo_app.schemas.rules_extract import RuleSpec, ValueOf, extract_rules, line_of, shadowed
from edo_app.schemas.rules_optimize import failure_condition
from edo_app.schemas.rules_translate import FILE_NAME_PARAM, Translator
from edo_app.schemas.rules_xpath import RuleCompileError, parse
from edo_app.schemas.rules_xslt import CompiledRule, Unit, compile_unit

_SIMPLE_NAME = re.compile(r"[^\W\d][\w.\-\u00b7]*")


def compile_rule(spec: RuleSpec) -> CompiledRule:
    """Translate one rule to XPath 1.0 or raise RuleCompileError with the reason."""
    if spec.unsupported:
        raise RuleCompileError(spec.unsupported)
    if not spec.context:
        raise RuleCompileError("у правила нет контекста (атрибут context пуст)")
    translator = Translator(dict(spec.prefixes))
    tree = parse(spec.test)
    test = translator.emit(tree, boolean=True)
    values = tuple(translator.emit(parse(part.select)) for part in spec.message if isinstance(part, ValueOf))
    name = spec.context if _SIMPLE_NAME.fullmatch(spec.context) else None
    return CompiledRule(spec, test, values, name, failure_condition(tree, spec.is_report, translator))


def problem(spec: RuleSpec, reason: str) -> Issue:
    """The ENGINE warning for a rule that is not checked."""
    code = f" {spec.code}" if spec.code else ""
    return Issue(
        message=f"Правило{code} (контекст «{spec.context}», проверка «{' '.join(spec.test.split())}») "
        f"не проверяется: {reason}",
        xpath=spec.context,
        code=spec.code,
        line=spec.source_line,
        severity=Severity.WARNING,
        source=Source.ENGINE,
    )


def _units(compiled: list[CompiledRule], hidden: set[int]) -> list[Unit]:
    """Split rules into independently runnable units, keeping first-match-wins per pattern."""
    patterns: dict[int, list[CompiledRule]] = {}
    for rule in compiled:
        patterns.setdefault(rule.spec.pattern, []).append(rule)
    units: list[Unit] = []
    for rules in patterns.values():
        if all(rule.name for rule in rules):  # plain names: only identical contexts can shadow
            units.extend(Unit(main=[rule]) for rule in rules if rule.spec.index not in hidden)
        else:
            units.append(Unit(patterns=[rules]))
    return units


def _compilable(units: list[Unit], problems: list[Issue]) -> list[Unit]:
    """The units libxslt accepts one by one; the others become problems."""
    kept: list[Unit] = []
    for unit in units:
        try:
            compile_unit(unit)
        except etree.XSLTParseError as exc:
            problems.extend(problem(r.spec, f"libxslt не компилирует правило: {exc}") for r in unit.rules())
        else:
            kept.append(unit)
    return kept


def _merge(units: list[Unit]) -> Unit:
    merged = Unit()
    for unit in units:
        merged.main.extend(unit.main)
        merged.patterns.extend(unit.patterns)
    return merged


class RuleSet:
    """The compiled rules of one schema. Build with ``from_xsd``; ``check`` is cheap and repeatable."""

    def __init__(self, specs: list[RuleSpec], units: list[Unit], problems: list[Issue],
                 transform: etree.XSLT | None = None) -> None:
        self._specs = {spec.index: spec for spec in specs}
        self._problems = tuple(problems)
        self._units = units
        self._transform = transform or (compile_unit(_merge(units)) if units else None)
        self._unit_transforms: dict[int, etree.XSLT] = {}

    @classmethod
    def from_xsd(cls, xsd: etree._ElementTree) -> RuleSet:
        """Extract and compile every rule of ``xsd`` once."""
        specs = extract_rules(xsd)
        problems: list[Issue] = []
        compiled: list[CompiledRule] = []
        for spec in specs:
            try:
                compiled.append(compile_rule(spec))
            except RuleCompileError as exc:
                problems.append(problem(spec, exc.message))
        units = _units(compiled, shadowed(specs))
        try:
            transform = compile_unit(_merge(units)) if units else None
        except etree.XSLTParseError:  # libxslt refused what the parser accepted: isolate the culprits
            units = _compilable(units, problems)
            transform = None
        return cls(specs, units, problems, transform)

    @property
    def rule_count(self) -> int:
        """Every assertion found in the schema, checked or not (see ``problems``)."""
        return len(self._specs)

    @property
    def problems(self) -> tuple[Issue, ...]:
        return self._problems

    def check(self, tree: etree._ElementTree, file_name: str) -> list[Issue]:
        """One Issue per failed assertion per context node, plus ENGINE warnings for rules that broke."""
        if self._transform is None:
            return []
        params = {FILE_NAME_PARAM: etree.XSLT.strparam(_stem(file_name))}
        result, _ = _run(self._transform, tree, params)
        if result is not None:
            return self._issues(tree, result)
        issues: list[Issue] = []  # something failed at run time: find which units, run the rest
        for number, unit in enumerate(self._units):
            unit_result, error = _run(self._unit_transform(number), tree, params)
            if unit_result is None:
                reason = f"ошибка вычисления на этом документе ({error})"
                issues.extend(problem(r.spec, reason) for r in unit.rules())
            else:
                issues.extend(self._issues(tree, unit_result))
        return issues

    def _unit_transform(self, number: int) -> etree.XSLT:
        if number not in self._unit_transforms:
            self._unit_transforms[number] = compile_unit(self._units[number])
        return self._unit_transforms[number]

    def _issues(self, tree: etree._ElementTree, result: etree._ElementTree) -> list[Issue]:
        locator = _Locator(tree)
        return [self._issue(failure, locator) for failure in result.getroot()]

    def _issue(self, failure: etree._Element, locator: _Locator) -> Issue:
        spec = self._specs[int(failure.get("r") or 0)]
        node, xpath = locator.find(failure.get("p") or "", failure.get("k"))
        if spec.path:
            xpath = f"{xpath.rstrip('/')}/{spec.path}"
        values = iter(v.text or "" for v in failure)
        text = "".join(next(values, "") if isinstance(p, ValueOf) else p for p in spec.message)
        return Issue(
            message=" ".join(text.split()) or f"Не выполнено условие {' '.join(spec.test.split())}",
            xpath=xpath,
            code=spec.code,
            line=line_of(node) if node is not None else None,
            severity=Severity.ERROR,
            source=Source.RULES,
        )


def _run(transform: etree.XSLT, tree: etree._ElementTree,
         params: dict[str, Any]) -> tuple[etree._ElementTree | None, str]:
    """The failures document, or None and libxslt's complaint when it reported any error."""
    try:
        result = transform(tree, **params)
    except etree.XSLTApplyError as exc:
        return None, str(exc)
    log: etree._ListErrorLog = cast(Any, transform).error_log  # missing from lxml-stubs
    errors = [e.message for e in log if e.level >= etree.ErrorLevels.ERROR]
    if errors or result.getroot() is None:
        return None, "; ".join(errors) or "пустой результат"
    return result, ""


def _stem(file_name: str) -> str:
    """usch:getFileName(): the bare file name without its .xml extension."""
    name = PurePath(file_name.replace("\\", "/")).name
    return name[:-4] if name.lower().endswith(".xml") else name


class _Locator:
    """Find the node the stylesheet reported (element-child positions) and name its XPath.

    Each parent's children are indexed once, so many failures among thousands of goods lines
    stay linear (tree.getpath alone rescans the siblings for every node).
    """

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        self.children: dict[etree._Element, list[tuple[etree._Element, str]]] = {}

    def find(self, positions: str, kind: str | None) -> tuple[etree._Element | None, str]:
        root = self.tree.getroot()
        node: etree._Element | None = None
        steps: list[str] = []
        for position in (int(p) for p in positions.split()):
            if node is None:
                node, step = root, _step_name(root)
            else:
                node, step = self._indexed(node)[position - 1]
            steps.append(step)
        xpath = "/" + "/".join(steps)  # local names: readable for namespaced formats (МЧД) too
        if kind:
            xpath = f"{xpath.rstrip('/')}/{kind}"
        return node, xpath

    def _indexed(self, parent: etree._Element) -> list[tuple[etree._Element, str]]:
        if parent not in self.children:
            elements = list(parent.iterchildren(etree.Element))
            totals: dict[str, int] = {}
            for child in elements:
                totals[child.tag] = totals.get(child.tag, 0) + 1
            seen: dict[str, int] = {}
            indexed = []
            for child in elements:
                seen[child.tag] = seen.get(child.tag, 0) + 1
                name = _step_name(child)
                indexed.append((child, name if totals[child.tag] == 1 else f"{name}[{seen[child.tag]}]"))
            self.children[parent] = indexed
        return self.children[parent]


def _step_name(element: etree._Element) -> str:
    return etree.QName(element).localname
