"""The project's error tree. Every error the core raises on purpose is an EdoError.

    EdoError
    ├── InputError (+ValueError)        bad user input; carries the field path or XPath
    │   ├── UnreadableInput             a file that cannot be read or parsed at all (CLI exit 2)
    │   │   └── XmlInputError           not XML, truncated, wrong encoding, hostile, too large
    │   └── ConfigError                 a settings file that cannot be used
    ├── SchemaError (+ValueError)       a document that failed validation; carries the Report
    ├── CryptoError (+RuntimeError)     signing or verification could not be done
    │   └── ProviderUnavailable         an optional crypto backend is not installed / usable
    ├── PoaError (+ValueError)          a power of attorney (МЧД) problem
    ├── TransportError (+OSError)       talking to the operator or the exchange folder failed
    ├── StorageError (+RuntimeError)    the database refused or is unreachable
    └── UserCancelled                   the user stopped an action; shown as nothing

Each class also inherits a built-in so callers that only know Python's own errors still
catch them sensibly. Messages are Russian: they reach the user as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from edo_app.model.report import Report


class EdoError(Exception):
    """Base of every deliberate error of the core."""


class InputError(EdoError, ValueError):
    """Bad input. ``field`` is a dotted field path (``lines[2].price``) or an XPath."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class UnreadableInput(InputError):
    """A file that cannot be read or parsed at all: missing, garbage, truncated, hostile."""


class XmlInputError(UnreadableInput):
    """A file that cannot be read as XML at all, or that is hostile or too large."""


class ConfigError(InputError):
    """A settings file that cannot be used."""


class SchemaError(EdoError, ValueError):
    """A document failed validation; ``report`` lists every issue."""

    def __init__(self, report: Report) -> None:
        first = report.errors[0].message if report.errors else "ошибка проверки"
        super().__init__(f"Документ не прошёл проверку: {first}")
        self.report = report


class CryptoError(EdoError, RuntimeError):
    """Signing or verification could not be done."""


class ProviderUnavailable(CryptoError):
    """An optional crypto provider is absent; the message says why."""


class PoaError(EdoError, ValueError):
    """A power of attorney (МЧД) problem."""


class TransportError(EdoError, OSError):
    """Exchange with the operator or the exchange folder failed."""


class StorageError(EdoError, RuntimeError):
    """The database refused the operation or cannot be reached."""


class UserCancelled(EdoError):
    """The user cancelled; the UI shows nothing for it."""
