"""What every `edo` subcommand shares: exit codes and how problems are printed."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO, TypeAlias

from edo_app.errors import InputError, UnreadableInput
from edo_app.fileio import read_bytes

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


def read_password(path: Path | None) -> str | None:
    """The first line of a password file (the trailing newline is not part of the password)."""
    if path is None:
        return None
    try:
        text = read_bytes(path, "файл пароля", limit=4096).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput(f"файл пароля {path} не в кодировке UTF-8", "--password-file") from None
    return text.splitlines()[0] if text else ""
