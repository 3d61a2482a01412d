"""DejaVu fonts for the print forms, registered in reportlab once per process.

reportlab's built-in Helvetica has no Cyrillic glyphs: without an embedded TTF every
Russian letter prints as a box. The fonts ship in ``resources/fonts`` beside the package
(like ``xsd/`` for schemas) with their licence; ``EDO_FONTS_DIR`` points elsewhere
(a frozen bundle, a distribution package that keeps fonts in /usr/share).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import edo_app
from edo_app.errors import EdoError

PROJECT_FONTS_DIR = Path(edo_app.__file__).resolve().parent.parent / "resources" / "fonts"
FONTS_ENV = "EDO_FONTS_DIR"

REGULAR = "DejaVuSansCondensed"
BOLD = "DejaVuSansCondensed-Bold"
FONT_FILES = {REGULAR: "DejaVuSansCondensed.ttf", BOLD: "DejaVuSansCondensed-Bold.ttf"}
FAMILY = "DejaVuCondensed"

_lock = threading.Lock()


class PrintingError(EdoError, RuntimeError):
    """The print form cannot be made for a reason outside the document (fonts missing ...)."""


def fonts_dir() -> Path:
    override = os.environ.get(FONTS_ENV)
    return Path(override) if override else PROJECT_FONTS_DIR


def register_fonts(folder: Path | None = None) -> tuple[str, str]:
    """Register the regular and bold fonts (idempotent, thread-safe); returns their names.

    PrintingError in Russian naming the missing file when a TTF is absent or unreadable.
    """
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        if {REGULAR, BOLD} <= registered:
            return REGULAR, BOLD
        base = folder or fonts_dir()
        for name, file_name in FONT_FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(_font_path(base, file_name))))
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


def _font_path(base: Path, file_name: str) -> Path:
    path = base / file_name
    if not path.is_file():
        raise PrintingError(
            f"Не найден шрифт для печатной формы: {path}. Без него кириллица печатается квадратами. "
            f"Переустановите программу или укажите папку со шрифтами DejaVu в переменной {FONTS_ENV}.")
    return path
