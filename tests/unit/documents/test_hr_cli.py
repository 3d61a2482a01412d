"""`edo build hr INPUT.json` and `edo sample hr --kind KIND`: exactly one valid file named by its
ИдФайл, or nothing and the problems by field path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edo_app.cli import main
from edo_app.documents import HR_KINDS, HrEntrepreneur, hr_from_xml
from tests.oracles import PROJECT

SAMPLES = PROJECT / "resources" / "samples"


@pytest.mark.parametrize("kind", sorted(HR_KINDS))
def test_sample_writes_one_valid_file_of_the_kind(tmp_path: Path, kind: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "hr", "--kind", kind, "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    assert capsys.readouterr().out.strip() == str(written)
    doc = hr_from_xml(written.read_bytes())
    assert doc.kind == kind and written.name == doc.file_name
    assert main(["validate", str(written)]) == 0


@pytest.mark.parametrize("kind", ["leave", "order-dismissal", "ack"])
def test_sample_with_an_entrepreneur_as_employer(tmp_path: Path, kind: str) -> None:
    assert main(["sample", "hr", "--kind", kind, "--employer", "ip", "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    assert isinstance(hr_from_xml(written.read_bytes()).head.employer, HrEntrepreneur)
    assert main(["validate", str(written)]) == 0


def test_build_from_the_example_json(tmp_path: Path) -> None:
    source = SAMPLES / "hr-order-hire.json"
    assert main(["build", "hr", str(source), "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    data = json.loads(source.read_text(encoding="utf-8"))
    assert written.stem.startswith("HR_PRIKPRIEM_") and written.stem.endswith(data["file"]["guid"])
    assert main(["validate", str(written)]) == 0


def test_bad_input_writes_nothing_and_names_the_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((SAMPLES / "hr-notice.json").read_text(encoding="utf-8"))
    data["body"]["effective"] = data["date"]  # the same day: ст. 74 ТК РФ wants two months
    data["employee"]["snils"] = "123-456-789 00"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", "hr", str(source), "-o", str(out)]) != 0
    assert list(out.iterdir()) == []
    err = capsys.readouterr().err
    assert "employee.snils" in err and "контрольное число" in err
