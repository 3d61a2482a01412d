"""Reading generated PDFs back for assertions: text (pypdf), fonts, page count."""

from __future__ import annotations

import io
import re
from typing import cast

import pypdf


def reader(pdf: bytes) -> pypdf.PdfReader:
    assert pdf.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(pdf))


def _flat(text: str) -> str:
    # Wrapped cells break lines where the text had spaces; format_rub groups with NBSP.
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def page_texts(pdf: bytes) -> list[str]:
    return [_flat(page.extract_text()) for page in reader(pdf).pages]


def text_of(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def flat(text: str) -> str:
    return _flat(text)


def font_names(pdf: bytes) -> set[str]:
    """BaseFont of every font the pages use, without the subset tag (AAAAAA+)."""
    names: set[str] = set()
    for page in reader(pdf).pages:
        resources = cast(pypdf.generic.DictionaryObject, page["/Resources"])
        fonts = cast(pypdf.generic.DictionaryObject, resources["/Font"])
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names
