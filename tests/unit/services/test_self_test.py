"""`edo-app --self-test` core checks: pass on this machine, fail clearly when a part is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from edo_app.printing.fonts import FONTS_ENV
from edo_app.schemas.registry import SchemaRegistry
from edo_app.services.self_test import Check, check_fonts, check_schemas, exit_code, format_report, run_checks


def test_every_required_check_passes_here() -> None:
    checks = run_checks()
    assert exit_code(checks) == 0, format_report(checks)
    titles = [c.title for c in checks]
    assert titles[:3] == ["Шрифты", "Схемы", "База данных"]
    assert any(t.startswith("Криптопровайдер") for t in titles)
    assert "Итог: всё необходимое работает." in format_report(checks)


def test_missing_fonts_folder_fails_the_self_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FONTS_ENV, str(tmp_path / "нет-такой-папки"))
    checks = run_checks()
    fonts = checks[0]
    assert (fonts.title, fonts.ok, fonts.required) == ("Шрифты", False, True)
    assert "нет-такой-папки" in fonts.detail
    assert exit_code(checks) == 1
    assert "[ОШИБКА] Шрифты" in format_report(checks)


def test_an_unreadable_font_is_named(tmp_path: Path) -> None:
    for name in ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"):
        (tmp_path / name).write_bytes(b"not a font")
    check = check_fonts(tmp_path)
    assert not check.ok and "не читается" in check.detail


def test_no_schemas_is_a_failure(tmp_path: Path) -> None:
    check = check_schemas(SchemaRegistry(project_dir=tmp_path))
    assert not check.ok and "xsd" in check.detail


def test_optional_failures_do_not_fail_and_crashing_extra_checks_are_reported() -> None:
    def broken() -> Check:
        raise RuntimeError("сломано")

    checks = run_checks([("Дополнительная", broken)])
    extra = checks[-1]
    assert (extra.title, extra.ok) == ("Дополнительная", False) and "сломано" in extra.detail
    assert exit_code(checks) == 1
    assert exit_code([Check("Криптопровайдер «КриптоПро CSP»", False, "не установлен", required=False)]) == 0
