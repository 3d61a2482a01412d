"""Files for the UI tests, made with the documents package's sample builder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics, QImage, QRawFont

from edo_app.documents.samples import sample_upd
from edo_app.documents.upd_io import file_name, to_xml
from edo_app.documents.upd_model import UpdSeller


def write_upd(folder: Path, seed: int) -> tuple[UpdSeller, Path]:
    """A valid УПД 5.03 seller title saved under its exchange name <ИдФайл>.xml."""
    doc = sample_upd(seed=seed)
    path = folder / file_name(doc)
    path.write_bytes(to_xml(doc))
    return doc, path


def write_broken_upd(folder: Path, seed: int) -> tuple[UpdSeller, Path]:
    """Well-formed XML of the right format whose document number attribute is removed."""
    doc, path = write_upd(folder, seed)
    text = path.read_bytes().decode("cp1251")
    attribute = f' НомерДок="{doc.number}"'
    assert attribute in text, "the sample no longer carries НомерДок: adjust the test"
    path.write_bytes(text.replace(attribute, "", 1).encode("cp1251"))
    return doc, path


# --- screenshots: shared by the rendering smoke tests -------------------------------------------


def distinct_colours(image: QImage, step: int = 5) -> int:
    """How many different colours a grid of every ``step``-th pixel holds (1: a blank picture)."""
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def ink_pixels(image: QImage) -> int:
    """Pixels that differ from the top-left (background) one: the drawn text and lines."""
    background = image.pixel(0, 0)
    return sum(image.pixel(x, y) != background for x in range(image.width()) for y in range(image.height()))


def covers(font: QFont, text: str) -> bool:
    """Whether the font has a glyph for every character (Cyrillic renders, not as boxes)."""
    metrics = QFontMetrics(font)
    raw = QRawFont.fromFont(font)
    return all(metrics.inFontUcs4(ord(ch)) and raw.supportsCharacter(ord(ch)) for ch in text if not ch.isspace())
