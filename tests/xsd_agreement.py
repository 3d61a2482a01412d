"""Shared checks that one of the project's own XSDs agrees with the official FNS schema.

Tools used by the tests of each own schema (service documents, УПД seller and buyer, МЧД):

* ``assert_same_structure`` walks both schemas in parallel (xmlschema) and requires the same
  elements, attributes, order, choices, cardinalities and value spaces, the latter compared by
  feeding the same probe strings to both simple types;
* ``mutation_verdicts`` feeds single-defect mutants (tests/corpus.py) to both lxml schemas and
  collects the ones on which they disagree;
* ``undocumented`` lists named declarations without an xs:documentation;
* ``rule_failures`` runs a schema's embedded Schematron the way the official files state it
  (XPath 1.0 via lxml plus usch:iif and usch:getFileName), so both rule sets can be compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

import xmlschema
from lxml import etree
from xmlschema.validators import XsdGroup

from tests.corpus import mutants

XS = "http://www.w3.org/2001/XMLSchema"
SCH = "http://purl.oclc.org/dsdl/schematron"
USCH = "http://www.unisoftware.ru/schematron-extensions"
NS = {"xs": XS, "sch": SCH, "usch": USCH}


def parse(text: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(text.encode("utf-8")))


def replace_once(doc: str, old: str, new: str) -> str:
    """``doc`` with the first ``old`` replaced; fails loudly when the fixture text drifted."""
    assert old in doc, old
    return doc.replace(old, new, 1)


@cache
def xsd_tree(path: Path) -> etree._ElementTree:
    """The parsed schema file, read once per session: callers must not change it."""
    return etree.parse(str(path))


@cache
def xml_schema(path: Path) -> etree.XMLSchema:
    """The lxml validator of the schema at ``path``, compiled once per session."""
    return etree.XMLSchema(xsd_tree(path))


def both_valid(tree: etree._ElementTree, own: Path, official: Path) -> tuple[bool, bool]:
    """Whether ``tree`` is valid against the own and against the official schema."""
    return bool(xml_schema(own).validate(tree)), bool(xml_schema(official).validate(tree))


def undocumented(xsd_path: Path) -> list[str]:
    root = xsd_tree(xsd_path).getroot()
    declarations = root.xpath("//xs:*[@name]", namespaces=NS)
    return [d.get("name") for d in declarations if not d.xpath("xs:annotation/xs:documentation", namespaces=NS)]


# ---- parallel walk ---------------------------------------------------------------------------


@dataclass
class _Walk:
    probes: tuple[str, ...]
    compared: set[tuple[int, int]] = field(default_factory=set)
    seen: set[tuple[int, int]] = field(default_factory=set)

    def values(self, t1: xmlschema.XsdType, t2: xmlschema.XsdType, where: str) -> None:
        if (id(t1), id(t2)) in self.compared:  # named types recur; probe each pair once
            return
        self.compared.add((id(t1), id(t2)))
        for probe in self.probes:
            assert t1.is_valid(probe) == t2.is_valid(probe), f"{where}: {probe[:20]!r}"

    def element(self, e1: xmlschema.XsdElement, e2: xmlschema.XsdElement, where: str) -> None:
        where = f"{where}/{e1.local_name}"
        assert (e1.name, e1.min_occurs, e1.max_occurs) == (e2.name, e2.min_occurs, e2.max_occurs), where
        t1, t2 = e1.type, e2.type
        assert t1.is_simple() == t2.is_simple(), where
        if t1.is_simple():
            self.values(t1, t2, where)
            return
        if (id(t1), id(t2)) in self.seen:
            return
        self.seen.add((id(t1), id(t2)))
        assert sorted(t1.attributes) == sorted(t2.attributes), where
        for name, attr in t1.attributes.items():
            assert attr.use == t2.attributes[name].use, f"{where}/@{name}"
            self.values(attr.type, t2.attributes[name].type, f"{where}/@{name}")
        if t1.has_simple_content() or t2.has_simple_content():
            assert t1.has_simple_content() and t2.has_simple_content(), where
            self.values(t1.content, t2.content, f"{where}/text()")
            return
        self.group(t1.content, t2.content, where)

    def group(self, g1: XsdGroup, g2: XsdGroup, where: str) -> None:
        assert (g1.model, g1.min_occurs, g1.max_occurs) == (g2.model, g2.min_occurs, g2.max_occurs), where
        parts1, parts2 = list(g1), list(g2)
        assert len(parts1) == len(parts2), where
        for p1, p2 in zip(parts1, parts2, strict=True):
            if isinstance(p1, XsdGroup):
                self.group(p1, p2, f"{where}/({p1.model})")
            else:
                self.element(p1, p2, where)


def assert_same_structure(
    official: Path, own: Path, probes: Iterable[str], roots: Sequence[str] | None = None
) -> int:
    """Walk both schemas from their global elements; returns how many type pairs were probed.

    ``roots``, when given, are the global elements (by local name) both schemas must declare.
    """
    s1, s2 = xmlschema.XMLSchema10(str(official)), xmlschema.XMLSchema10(str(own))
    assert list(s2.elements) == list(s1.elements)
    if roots is not None:
        assert list(s1.elements) == list(roots)
    walk = _Walk(tuple(sorted(set(probes))))
    for name, element in s1.elements.items():
        walk.element(element, s2.elements[name], "")
    return len(walk.compared)


def probe_strings(texts: Iterable[str], lengths: Iterable[int]) -> set[str]:
    """Given texts plus strings of each length (Cyrillic, digits, Latin) for length facets."""
    found = set(texts)
    for n in lengths:
        found |= {"я" * n, "1" * n, "A" * n}
    return found


# ---- mutation agreement ----------------------------------------------------------------------


@dataclass
class Verdicts:
    total: int = 0
    rejected: int = 0
    disagreements: list[tuple[str, bool, bool]] = field(default_factory=list)


def mutation_verdicts(
    own: etree.XMLSchema, official: etree.XMLSchema, docs: Iterable[etree._Element], per_doc: int, seed: int = 0
) -> Verdicts:
    """Validate ``per_doc`` mutants of each document against both schemas and compare."""
    result = Verdicts()
    for number, root in enumerate(docs):
        for what, mutant in mutants(root, per_doc, seed=seed + number):
            tree = etree.ElementTree(mutant)
            mine, theirs = bool(own.validate(tree)), bool(official.validate(tree))
            result.total += 1
            result.rejected += not theirs
            if mine != theirs:
                result.disagreements.append((what, mine, theirs))
    return result


# ---- embedded Schematron ---------------------------------------------------------------------


class Failure(NamedTuple):
    code: str
    path: str  # what usch:error/@path blames, relative to the context node
    node: str  # XPath of the context node in the document


def _iif(_ctx: object, cond: object, then: object, other: object) -> object:
    return then if cond else other  # arguments arrive evaluated; a node-set is true when not empty


def rule_failures(schema: etree._ElementTree, doc: etree._ElementTree, file_name: str) -> list[Failure]:
    """Every failed assert of the rules embedded in ``schema``, run over ``doc``, sorted.

    lxml yields comments as nodes of their own, so rules the official files comment out are not
    run. Messages (usch:value-of) are evaluated too: a rule whose message breaks fails the test.
    """
    # Per-call extensions: a global etree.FunctionNamespace would leak into other test modules.
    ext = {(USCH, "iif"): _iif, (USCH, "getFileName"): lambda _ctx: file_name}
    failed = []
    for rule in schema.iterfind(f".//{{{SCH}}}rule"):
        nodes = doc.xpath("//" + rule.get("context"))
        for check in rule.iterfind(f"{{{SCH}}}assert"):
            test = etree.XPath(check.get("test"), namespaces=NS, extensions=ext)
            error = check.find(f"{{{USCH}}}error")
            for node in nodes:
                for value_of in error.iterfind(f"{{{USCH}}}value-of"):
                    etree.XPath(value_of.get("select"), namespaces=NS, extensions=ext)(node)
                if not test(node):
                    failed.append(Failure(error.get("code"), error.get("path"), doc.getpath(node)))
    return sorted(failed)


def active_asserts(schema: etree._ElementTree) -> list[etree._Element]:
    """The sch:assert elements that are not inside comments."""
    return schema.findall(f".//{{{SCH}}}assert")
