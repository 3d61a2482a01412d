"""Single-defect mutations of valid documents, for comparing two schemas' verdicts.

Each mutation changes one thing a schema constrains: drops an attribute or element, breaks an
enumeration, a pattern or a length, reorders siblings, or adds an unknown element/attribute.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterator

from lxml import etree

Mutation = Callable[[etree._Element, random.Random], str]


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _with_attrs(root: etree._Element) -> list[etree._Element]:
    return [e for e in _elements(root) if e.attrib]


def drop_attribute(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_with_attrs(root))
    name = rng.choice(sorted(el.attrib))
    del el.attrib[name]
    return f"drop @{name} of {el.tag}"


def drop_element(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root)[1:])
    parent = el.getparent()
    assert parent is not None
    parent.remove(el)
    return f"drop {el.tag}"


def garbage_value(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_with_attrs(root))
    name = rng.choice(sorted(el.attrib))
    el.set(name, rng.choice(["", "ЪЪЪ", "x" * 1001, "-1", "99.99.9999", "1,5", "A" * 13]))
    return f"garbage @{name} of {el.tag}"


def long_text(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_with_attrs(root))
    name = rng.choice(sorted(el.attrib))
    el.set(name, el.get(name, "") + "Я" * rng.choice([1, 50, 300, 1000]))
    return f"lengthen @{name} of {el.tag}"


def swap_siblings(root: etree._Element, rng: random.Random) -> str:
    parents = [e for e in _elements(root) if len([c for c in e if isinstance(c.tag, str)]) >= 2]
    parent = rng.choice(parents)
    kids = [c for c in parent if isinstance(c.tag, str)]
    i = rng.randrange(len(kids) - 1)
    parent.insert(parent.index(kids[i]), kids[i + 1])
    return f"swap {kids[i].tag}/{kids[i + 1].tag}"


def unknown_element(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root))
    etree.SubElement(el, "НеизвестныйЭлемент")
    return f"unknown child of {el.tag}"


def unknown_attribute(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root))
    el.set("НеизвАтр", "1")
    return f"unknown attr on {el.tag}"


def duplicate_element(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root)[1:])
    el.addnext(copy.deepcopy(el))
    return f"duplicate {el.tag}"


MUTATIONS: tuple[Mutation, ...] = (
    drop_attribute, drop_element, garbage_value, long_text, swap_siblings,
    unknown_element, unknown_attribute, duplicate_element,
)


def mutants(root: etree._Element, count: int, seed: int) -> Iterator[tuple[str, etree._Element]]:
    """``count`` single-defect copies of ``root`` (deterministic for a seed)."""
    rng = random.Random(seed)
    for _ in range(count):
        clone = copy.deepcopy(root)
        mutation = rng.choice(MUTATIONS)
        yield mutation(clone, rng), clone
