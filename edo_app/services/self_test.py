"""``edo-app --self-test``: is this installation whole? Fonts, schemas, database, providers.

Each check returns a :class:`Check`; the report is Russian text and the exit code is 0 when every
required check passed. The Qt check lives in ``ui`` (the core never imports Qt) and is passed in
as one more callable. The database check runs on a fresh SQLite file in a temporary folder, so a
self-test never creates or migrates the user's real database.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from reportlab.pdfbase.ttfonts import TTFont

from edo_app.crypto.provider import ProviderRegistry, default_registry
from edo_app.errors import EdoError
from edo_app.printing.fonts import FONT_FILES, fonts_dir
from edo_app.schemas.registry import SchemaRegistry
from edo_app.storage.database import MIGRATIONS, open_database

CheckFn = Callable[[], "Check"]


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the report; ``required=False`` means a failure is only shown, not fatal."""

    title: str
    ok: bool
    detail: str
    required: bool = True

    @property
    def mark(self) -> str:
        if self.ok:
            return "ОК"
        return "ОШИБКА" if self.required else "нет"


def check_fonts(folder: Path | None = None) -> Check:
    """The DejaVu TTFs of the print forms exist and reportlab can read them."""
    base = folder or fonts_dir()
    loaded = []
    for name, file_name in FONT_FILES.items():
        path = base / file_name
        if not path.is_file():
            return Check("Шрифты", False, f"не найден файл {path}")
        try:
            TTFont(f"selftest-{name}", str(path))
        except Exception as exc:  # reportlab raises its own TTFError and plain OSError/struct errors
            return Check("Шрифты", False, f"{path} не читается: {exc}")
        loaded.append(file_name)
    return Check("Шрифты", True, f"{', '.join(loaded)} в {base}")


def check_schemas(registry: SchemaRegistry | None = None) -> Check:
    """Every schema of ``xsd/manifest.toml`` compiles, and so do the rules embedded in it."""
    schemas = registry or SchemaRegistry()
    if not schemas.entries:
        return Check("Схемы", False, "нет ни одной схемы: папка xsd/ или xsd/manifest.toml не найдены")
    rules = 0
    for entry in schemas.entries:
        try:
            compiled = schemas.compiled(entry)
        except EdoError as exc:
            return Check("Схемы", False, str(exc))
        if compiled.rules.problems:
            return Check("Схемы", False, f"{entry.path.name}: правила не компилируются: "
                         f"{compiled.rules.problems[0].message}")
        rules += compiled.rules.rule_count
    return Check("Схемы", True, f"схем: {len(schemas.entries)}, правил: {rules}; все компилируются")


def check_database() -> Check:
    """A new SQLite database in a temporary folder is created and migrated to the newest revision."""
    with tempfile.TemporaryDirectory(prefix="edo-selftest-") as folder:
        try:
            database = open_database(f"sqlite:///{Path(folder) / 'selftest.sqlite3'}")
        except EdoError as exc:
            return Check("База данных", False, f"временная база не создана: {exc}")
        try:
            with database.engine.connect() as connection:
                current = set(MigrationContext.configure(connection).get_current_heads())
        finally:
            database.close()
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    heads = set(ScriptDirectory.from_config(config).get_heads())
    if current != heads:
        return Check("База данных", False, f"миграции не дошли до последней: {sorted(current)} ≠ {sorted(heads)}")
    return Check("База данных", True, f"временная база SQLite создана, миграции применены ({', '.join(heads)})")


def check_providers(registry: ProviderRegistry | None = None) -> list[Check]:
    """Each crypto provider's state; an unavailable one (no CryptoPro here) is not a failure."""
    providers = registry or default_registry()
    return [Check(f"Криптопровайдер «{provider.title}»", ok, reason or "доступен", required=False)
            for provider, ok, reason in providers.status()]


def _guarded(title: str, check: CheckFn) -> Check:
    """A check that crashed is a failed check with the reason, never a traceback instead of a report."""
    try:
        return check()
    except Exception as exc:  # the self-test must report every check, whatever breaks
        return Check(title, False, f"сбой проверки: {exc!r}")


def run_checks(extra: Iterable[tuple[str, CheckFn]] = ()) -> list[Check]:
    """All core checks, then ``extra`` (title, check): the UI's Qt check."""
    results = [_guarded("Шрифты", check_fonts), _guarded("Схемы", check_schemas),
               _guarded("База данных", check_database)]
    try:
        results.extend(check_providers())
    except Exception as exc:  # same reason as _guarded
        results.append(Check("Криптопровайдеры", False, f"сбой проверки: {exc!r}", required=False))
    results.extend(_guarded(title, check) for title, check in extra)
    return results


def format_report(checks: Sequence[Check]) -> str:
    lines = ["Самопроверка edo-app:"]
    lines.extend(f"  [{check.mark}] {check.title}: {check.detail}" for check in checks)
    failed = [c for c in checks if c.required and not c.ok]
    lines.append("Итог: всё необходимое работает." if not failed
                 else f"Итог: не пройдено обязательных проверок: {len(failed)}.")
    return "\n".join(lines)


def exit_code(checks: Sequence[Check]) -> int:
    return 0 if all(c.ok for c in checks if c.required) else 1
