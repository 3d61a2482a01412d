"""Files for the UI tests, made with the documents package's sample builder."""

from __future__ import annotations

from pathlib import Path

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
