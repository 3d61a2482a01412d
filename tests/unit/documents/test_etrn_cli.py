"""`edo build etrn INPUT.json` and `edo sample etrn [--title 1|2|5|6]`: exactly one valid file named
by its ИдФайл, or nothing and the problems by field path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edo_app.cli import main
from edo_app.documents import EtrnReply, EtrnShipper, etrn_from_xml
from tests.oracles import PROJECT

SAMPLES = PROJECT / "resources" / "samples"


@pytest.mark.parametrize(("title", "step"), [(None, None), ("1", None), ("2", "02"), ("5", "05"), ("6", "06")])
def test_sample_writes_one_valid_title(tmp_path: Path, title: str | None, step: str | None,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    args = ["sample", "etrn", "-o", str(tmp_path)] + (["--title", title] if title else [])
    assert main(args) == 0
    (written,) = tmp_path.glob("*.xml")
    assert capsys.readouterr().out.strip() == str(written)
    doc = etrn_from_xml(written.read_bytes())
    assert written.name == doc.file_name
    if step is None:
        assert isinstance(doc, EtrnShipper)
    else:
        assert isinstance(doc, EtrnReply) and doc.step == step
    assert main(["validate", str(written)]) == 0


@pytest.mark.parametrize("name", ["etrn-waybill.json", "etrn-carrier-accept.json", "etrn-consignee-refusal.json"])
def test_build_from_the_example_json(tmp_path: Path, name: str) -> None:
    source = SAMPLES / name
    assert main(["build", "etrn", str(source), "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    assert written.stem.endswith(json.loads(source.read_text(encoding="utf-8"))["file"]["guid"])
    assert main(["validate", str(written)]) == 0


def test_bad_fields_are_listed_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((SAMPLES / "etrn-waybill.json").read_text(encoding="utf-8"))
    data["cargo"][0]["places"] = 0
    data["vehicle"]["capacity_t"] = "-1"
    data["loading"]["departed"] = "2025-03-17T08:00:00+03:00"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "etrn", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "cargo[0].places" in err and "vehicle.capacity_t" in err and "loading.departed" in err
    assert not out.exists() or not any(out.iterdir())


def test_a_title_of_another_format_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "etrn", "--title", "buyer", "-o", str(tmp_path)]) == 1
    assert "титул ЭТрН" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
