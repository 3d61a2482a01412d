"""Collecting every input problem at once, each under its field path.

A form or a JSON file usually has several mistakes; reporting them one by one makes the
user fix-and-retry many times. ``Problems`` runs each construction step, records the
InputError it raises under the step's path, and raises one ``InputErrors`` at the end.
Every input format (УПД, МЧД) reports the same way, so this lives in the base layer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from edo_app.errors import InputError

T = TypeVar("T")


def join_path(prefix: str, field: str | None) -> str:
    """``lines[2]`` + ``price`` → ``lines[2].price``; ``[0]`` suffixes attach without a dot."""
    if not field:
        return prefix
    if not prefix:
        return field
    return f"{prefix}{field}" if field.startswith("[") else f"{prefix}.{field}"


class InputErrors(InputError):
    """Several input problems. ``problems`` lists ``(field path, Russian message)`` pairs.

    ``field`` and ``message`` of the base class describe the first problem, so code that
    only knows InputError still shows something sensible.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        first_path, first_message = problems[0]
        super().__init__(first_message, first_path or None)
        self.problems = list(problems)

    def __str__(self) -> str:
        lines = [f"{path}: {message}" if path else message for path, message in self.problems]
        return f"Найдено ошибок: {len(lines)}\n" + "\n".join(lines)


def prefixed(exc: InputError, prefix: str) -> list[tuple[str, str]]:
    """The problems of ``exc`` with their paths moved under ``prefix``."""
    if isinstance(exc, InputErrors):
        return [(join_path(prefix, path), message) for path, message in exc.problems]
    return [(join_path(prefix, exc.field), exc.message)]


def rethrow(exc: InputError, prefix: str) -> InputError:
    """The same error with every path moved under ``prefix`` (for single-error callers)."""
    items = prefixed(exc, prefix)
    if len(items) == 1:
        return InputError(items[0][1], items[0][0] or None)
    return InputErrors(items)


class Problems:
    """Accumulates problems; ``run`` returns None when the step failed.

    One defect is recorded once: a JSON reader reports a blank required field, and the
    constructor run after it (with the blank value) finds the same field blank again.
    """

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, path: str, message: str) -> None:
        if (path, message) not in self._seen:
            self._seen.add((path, message))
            self.items.append((path, message))

    def run(self, path: str, step: Callable[[], T]) -> T | None:
        try:
            return step()
        except InputError as exc:
            for problem_path, message in prefixed(exc, path):
                self.add(problem_path, message)
            return None

    def raise_if_any(self) -> None:
        if self.items:
            raise InputErrors(self.items)
