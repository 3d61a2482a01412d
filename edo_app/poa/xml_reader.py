"""Strict reading of an EMCHD_1 tree: every attribute and child must be consumed.

Whatever the model does not hold (a notary block, addresses, a foreign principal...) is
refused with an InputError naming its XPath instead of being dropped silently, so a parsed
МЧД always says everything the file said.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from lxml import etree

from edo_app.errors import InputError

from .model import NAMESPACE

T = TypeVar("T")
_NS = f"{{{NAMESPACE}}}"
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class Node:
    def __init__(self, element: etree._Element, path: str) -> None:
        self.element = element
        self.path = path
        self._attrs: set[str] = set()
        self._children: set[str] = set()

    def attr(self, name: str, *, required: bool = False) -> str:
        self._attrs.add(name)
        value = self.element.get(name)
        if value is None:
            if required:
                raise InputError("обязательный атрибут отсутствует", f"{self.path}/@{name}")
            return ""
        return value

    def day(self, name: str, *, required: bool = False) -> date | None:
        raw = self.attr(name, required=required)
        if not raw:
            return None
        try:
            if not _DATE.match(raw):
                raise ValueError(raw)
            return date.fromisoformat(raw)
        except ValueError:
            raise InputError(f"«{raw}»: ожидается дата ГГГГ-ММ-ДД", f"{self.path}/@{name}") from None

    def need_day(self, name: str) -> date:
        value = self.day(name, required=True)
        assert value is not None
        return value

    def children(self, name: str) -> list[Node]:
        self._children.add(name)
        found = [el for el in self.element if el.tag == _NS + name]
        if len(found) == 1:
            return [Node(found[0], f"{self.path}/{name}")]
        return [Node(el, f"{self.path}/{name}[{i}]") for i, el in enumerate(found, start=1)]

    def child(self, name: str, *, required: bool = False) -> Node | None:
        found = self.children(name)
        if len(found) > 1:
            raise InputError("элемент повторяется, а допускается один", f"{self.path}/{name}")
        if not found and required:
            raise InputError("обязательный элемент отсутствует", f"{self.path}/{name}")
        return found[0] if found else None

    def need_child(self, name: str) -> Node:
        node = self.child(name, required=True)
        assert node is not None
        return node

    def text(self, name: str, *, required: bool = False) -> str:
        node = self.child(name, required=required)
        if node is None:
            return ""
        node.finish()
        return node.element.text or ""

    def texts(self, name: str) -> tuple[str, ...]:
        found = self.children(name)
        for node in found:
            node.finish()
        return tuple(node.element.text or "" for node in found)

    def finish(self) -> None:
        """Refuse anything this reader was not asked for."""
        for raw in self.element.attrib:
            name = raw if isinstance(raw, str) else raw.decode()
            if name not in self._attrs:
                raise InputError("атрибут не поддерживается", f"{self.path}/@{name}")
        for el in self.element:
            if not isinstance(el.tag, str):
                continue  # comments and processing instructions carry no data
            local = etree.QName(el).localname
            if not el.tag.startswith(_NS) or local not in self._children:
                raise InputError("элемент не поддерживается", f"{self.path}/{local}")

    def build(self, make: Callable[[], T]) -> T:
        """Construct a model value; its own field path goes after this element's XPath."""
        try:
            return make()
        except InputError as exc:
            where = f"{self.path} ({exc.field})" if exc.field else self.path
            raise InputError(exc.message, where) from None
