"""Validating files outside the database: the CLI's `edo validate` and the UI's File → Open."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from edo_app.errors import XmlInputError
from edo_app.model.report import Report
from edo_app.schemas.registry import SchemaRegistry
from edo_app.schemas.validate import validate_tree
from edo_app.xmlio import DEFAULT_MAX_BYTES, read_file


@dataclass(frozen=True, slots=True)
class FileVerdict:
    """A file's report, or why it could not be read at all."""

    path: Path
    report: Report | None = None
    unreadable: str = ""

    @property
    def valid(self) -> bool:
        return self.report is not None and self.report.ok


@dataclass(frozen=True, slots=True)
class ValidationRun:
    """Verdicts per file, plus files in the official-schema folders that could not be used."""

    verdicts: tuple[FileVerdict, ...]
    schema_problems: tuple[str, ...] = ()


def validate_paths(
    paths: Iterable[Path], extra_schema_dirs: Iterable[Path] = (), max_bytes: int = DEFAULT_MAX_BYTES
) -> ValidationRun:
    registry = SchemaRegistry.default(extra_dirs=list(extra_schema_dirs))
    verdicts = tuple(_verdict(path, registry, max_bytes) for path in paths)
    return ValidationRun(verdicts, registry.problems)


def _verdict(path: Path, registry: SchemaRegistry, max_bytes: int) -> FileVerdict:
    try:
        _, tree = read_file(path, max_bytes=max_bytes)
        return FileVerdict(path, validate_tree(tree, path.name, registry))
    except XmlInputError as exc:
        return FileVerdict(path, unreadable=str(exc))
