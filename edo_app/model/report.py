"""Validation results: a Report of Issues, each with code, XPath, line and a Russian message."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Source(enum.Enum):
    """Which stage found the issue."""

    INPUT = "input"  # the bytes could not be read as XML
    XSD = "xsd"  # structure and types
    RULES = "rules"  # Schematron embedded in the XSD
    BUSINESS = "business"  # checks no schema states: check digits, arithmetic, totals
    ENGINE = "engine"  # a rule the engine could not evaluate (reported, never fatal)


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding. ``code`` is the official FNS error code where one exists."""

    message: str
    xpath: str = ""
    code: str = ""
    line: int | None = None
    severity: Severity = Severity.ERROR
    source: Source = Source.XSD

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "source": self.source.value,
            "code": self.code,
            "xpath": self.xpath,
            "line": self.line,
            "message": self.message,
        }

    def describe(self) -> str:
        where = f"{self.xpath} " if self.xpath else ""
        line = f"(строка {self.line}) " if self.line else ""
        code = f"[{self.code}] " if self.code else ""
        return f"{code}{where}{line}{self.message}".strip()


@dataclass(frozen=True, slots=True)
class Report:
    """Everything found in one document; ``ok`` when there is no error."""

    file_name: str = ""
    schema_id: str = ""
    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not self.errors

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def extended(self, more: Iterable[Issue]) -> Report:
        return Report(self.file_name, self.schema_id, self.issues + tuple(more))

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "schema": self.schema_id,
            "valid": self.ok,
            "issues": [i.as_dict() for i in self.issues],
        }
