"""УКД through the services and the CLI: built from a stored УПД («build from the document
chosen»), printed by the stored-document dispatch, `edo build ukd` and `edo sample ukd`."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from edo_app.cli import main
from edo_app.documents import BasisDoc, LineChange, sample_ukd, summarize, to_xml, ukd_from_xml
from edo_app.documents.ukd_samples import original_for_ukd
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services.printing import print_document
from edo_app.services.ukd_drafts import ukd_from_stored_upd, validated
from edo_app.storage import Database, DocumentRepository, open_database
from edo_app.xmlio import parse_bytes
from tests.oracles import PROJECT
from tests.unit.printing.pdfcheck import text_of
from tests.unit.storage.factories import REPORT_OK

SAMPLE_JSON = PROJECT / "resources" / "samples" / "ukd-ksfdis.json"
BASIS = BasisDoc("Дополнительное соглашение", "12", date(2025, 4, 1))


def _store(database: Database, content: bytes, direction: Direction = Direction.OUTGOING) -> int:
    summary = summarize(parse_bytes(content))
    return DocumentRepository(database).add_document(summary, content, direction, DocumentStatus.VALIDATED, REPORT_OK)


@pytest.fixture
def database(sqlite_url: str) -> Database:
    return open_database(sqlite_url)


def test_ukd_from_a_stored_upd_is_validated_and_prints(database: Database) -> None:
    upd = original_for_ukd(seed=11, lines=3)
    upd_id = _store(database, to_xml(upd))
    doc, content, report = ukd_from_stored_upd(
        database, upd_id, [LineChange(2, quantity=Decimal(1))], number="УКД-77", doc_date=date(2025, 4, 2),
        basis=BASIS, created=datetime(2025, 4, 2, 9, 30, 0), guid="5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")
    assert report.ok and ukd_from_xml(content) == doc
    assert doc.invoices[0].number == upd.number and doc.lines[0].original_number == 2
    ukd_id = _store(database, content)
    text = text_of(print_document(database, ukd_id))
    assert "УКД-77" in text and upd.number in text


def test_only_a_seller_upd_can_be_corrected(database: Database) -> None:
    ukd_id = _store(database, validated(sample_ukd(seed=12))[1])
    with pytest.raises(InputError) as err:
        ukd_from_stored_upd(database, ukd_id, [LineChange(1, quantity=Decimal(1))], number="1",
                            doc_date=date(2025, 4, 2), basis=BASIS)
    assert err.value.field == "Файл/Документ/@КНД"


def test_cli_build_writes_one_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", "ukd", str(SAMPLE_JSON), "-o", str(out)]) == 0
    (written,) = out.iterdir()
    assert capsys.readouterr().out.strip() == str(written)
    assert written.stem == str(ukd_from_xml(written.read_bytes()).file_id)
    assert main(["validate", str(written)]) == 0
    assert "ukd-5.01-seller" in capsys.readouterr().out


def test_cli_build_bad_fields_lists_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    data["lines"][0]["after"]["vat_rate"] = "5%"
    del data["invoices"]
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "ukd", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "lines[0].after" in err and "invoices" in err
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("function", ["КСЧФДИС", "КСЧФ", "ДИС"])
def test_cli_sample_then_validate(tmp_path: Path, function: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "ukd", "--function", function, "--lines", "3", "-o", str(tmp_path)]) == 0
    (path,) = tmp_path.iterdir()
    assert path.name.startswith("ON_NKORSCHFDOPPR_")
    assert ukd_from_xml(path.read_bytes()).function == function
    assert main(["validate", str(path)]) == 0


def test_cli_sample_refuses_a_upd_function_for_ukd(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "ukd", "--function", "СЧФ", "-o", str(tmp_path)]) == 1
    assert "КСЧФДИС" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
