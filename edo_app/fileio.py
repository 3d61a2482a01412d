"""Reading and writing files so that nothing is half-written and nothing unbounded is read.

Base layer: every package that touches files uses these two functions.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from edo_app.errors import InputError, UnreadableInput

DEFAULT_READ_LIMIT = 256 * 1024 * 1024


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Temp file in the same folder (``mode``), fsync, rename over ``path``: a crash leaves old or new."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"не удалось создать файл в {path.parent}: {exc.strerror or exc}", str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"не удалось записать {path}: {exc.strerror or exc}", str(path)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_bytes(path: Path, what: str, limit: int = DEFAULT_READ_LIMIT) -> bytes:
    """The whole file, or UnreadableInput naming ``what`` (e.g. «сертификат») in Russian."""
    try:
        if path.stat().st_size > limit:
            raise UnreadableInput(f"файл {path.name} ({what}) слишком большой: более {limit} байт", what)
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"не удалось прочитать {what} {path}: {exc.strerror or exc}", what) from None


def read_password(path: Path | None, field: str = "--password-file") -> str | None:
    """The first line of a password file (the trailing newline is not part of the password)."""
    if path is None:
        return None
    try:
        text = read_bytes(path, "файл пароля", limit=4096).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput(f"файл пароля {path} не в кодировке UTF-8", field) from None
    return text.splitlines()[0] if text else ""
