"""What every `edo` subcommand shares: exit codes and how problems are printed."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone
from typing import TextIO, TypeAlias

from edo_app.errors import InputError

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE, EXIT_CANNOT_CHECK = 0, 1, 2, 3
MOSCOW = timezone(timedelta(hours=3), "MSK")

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"  # private in argparse


def print_input_error(exc: InputError, out: TextIO | None = None) -> None:
    out = out or sys.stderr  # looked up at call time: tests and callers may redirect it
    problems = getattr(exc, "problems", None)
    if problems:
        print("ошибка: входные данные некорректны, файл не записан:", file=out)
        for field, message in problems:
            print(f"  {field}: {message}", file=out)
        return
    print(f"ошибка: {exc}", file=out)


def moment(text: str) -> datetime:
    """An ISO date-time for --at; without an offset it is Moscow time (as the app's users mean it)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        example = "2025-06-24T12:00:00+03:00"
        raise argparse.ArgumentTypeError(f"«{text}» — не дата и время ISO 8601, например {example}") from None
    return value if value.tzinfo else value.replace(tzinfo=MOSCOW)
