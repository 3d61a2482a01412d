"""`edo build act|torg12 INPUT.json` and `edo sample act|torg12 [--title seller|buyer]`: exactly one
valid file named by its ИдФайл, or nothing and the problems by field path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edo_app.cli import main
from edo_app.documents import ActSeller, PrimaryAnswer, Torg12Seller, primary_from_xml
from tests.oracles import PROJECT

SAMPLES = PROJECT / "resources" / "samples"
JSONS = {"act": SAMPLES / "act-services.json", "torg12": SAMPLES / "torg12-goods.json"}


@pytest.mark.parametrize(("kind", "title", "expected"), [
    ("act", "seller", ActSeller), ("act", "buyer", PrimaryAnswer),
    ("torg12", "seller", Torg12Seller), ("torg12", "buyer", PrimaryAnswer),
])
def test_sample_writes_one_valid_file_of_the_title(tmp_path: Path, kind: str, title: str, expected: type,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", kind, "--title", title, "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    assert capsys.readouterr().out.strip() == str(written)
    doc = primary_from_xml(written.read_bytes())
    assert isinstance(doc, expected) and written.name == doc.file_name
    assert main(["validate", str(written)]) == 0


@pytest.mark.parametrize("kind", sorted(JSONS))
def test_build_from_the_example_json(tmp_path: Path, kind: str) -> None:
    assert main(["build", kind, str(JSONS[kind]), "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    data = json.loads(JSONS[kind].read_text(encoding="utf-8"))
    assert written.stem.endswith(data["file"]["guid"])
    assert main(["validate", str(written)]) == 0


def test_bad_fields_are_listed_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(JSONS["torg12"].read_text(encoding="utf-8"))
    data["buyer"]["kpp"] = "66180100"
    data["lines"][1]["price"] = "дорого"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "torg12", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "buyer.kpp" in err and "lines[1].price" in err
    assert not out.exists() or not any(out.iterdir())


def test_title_is_refused_for_upd(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "upd", "--title", "buyer", "-o", str(tmp_path)]) == 1
    assert "--title" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
