"""The bundled DejaVu fonts: present with their licence, registered once, a clear error without them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from edo_app.printing import PROJECT_FONTS_DIR, register_fonts
from edo_app.printing.fonts import FONT_FILES, FONTS_ENV
from tests.oracles import PROJECT


def test_fonts_and_licence_ship_in_resources() -> None:
    for file_name in FONT_FILES.values():
        data = (PROJECT_FONTS_DIR / file_name).read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00"  # a TrueType font
        assert b"D\x00e\x00j\x00a\x00V\x00u" in data or b"DejaVu" in data
    licence = (PROJECT_FONTS_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Permission is hereby granted" in licence


def test_registration_is_idempotent() -> None:
    assert register_fonts() == register_fonts() == ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold")


def test_missing_fonts_give_a_russian_error(tmp_path: Path) -> None:
    # A fresh interpreter: fonts registered in this process would hide the missing files.
    code = ("from edo_app.documents import sample_upd\nfrom edo_app.printing import print_upd, PrintingError\n"
            "try:\n    print_upd(sample_upd())\nexcept PrintingError as exc:\n    print(exc)\n")
    env = {**os.environ, FONTS_ENV: str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=PROJECT,
                            check=True, timeout=60)
    assert "Не найден шрифт для печатной формы" in result.stdout
    assert str(tmp_path / "DejaVuSansCondensed.ttf") in result.stdout
