"""`edo sample etrn --title 7|8` and `edo build etrn` with the JSON of titles 7 and 8 (docs/etrn-input.md):
exactly one valid file named by its ИдФайл, or nothing and the problems by field path."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from edo_app.cli import main
from edo_app.documents import EtrnPudCarrier, EtrnPudShipper, pud_from_xml
from edo_app.documents.etrn_pud_json import pud_from_json
from edo_app.model.problems import InputErrors
from tests.oracles import PROJECT

SAMPLES = PROJECT / "resources" / "samples"


@pytest.mark.parametrize(("title", "kind"), [("7", EtrnPudCarrier), ("8", EtrnPudShipper)])
def test_sample_writes_one_valid_title(tmp_path: Path, title: str, kind: type,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "etrn", "--title", title, "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    assert capsys.readouterr().out.strip() == str(written)
    doc = pud_from_xml(written.read_bytes())
    assert isinstance(doc, kind) and written.name == doc.file_name
    assert main(["validate", str(written)]) == 0


@pytest.mark.parametrize("name", ["etrn-pud-cost.json", "etrn-pud-answer.json"])
def test_build_from_the_example_json(tmp_path: Path, name: str) -> None:
    source = SAMPLES / name
    assert main(["build", "etrn", str(source), "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    assert written.stem.endswith(json.loads(source.read_text(encoding="utf-8"))["file"]["guid"])
    assert main(["validate", str(written)]) == 0


def _example(name: str) -> dict[str, object]:
    data = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_cost_json_computes_tax_and_total_from_base_and_rate() -> None:
    doc = pud_from_json(_example("etrn-pud-cost.json"))
    assert isinstance(doc, EtrnPudCarrier)
    assert (doc.cost.vat, doc.cost.with_vat, doc.cost.currency) == (Decimal("9700.00"), Decimal("58200.00"), "643")
    assert doc.extras.account is not None and doc.extras.account.bik == "044525225"
    answer = pud_from_json(_example("etrn-pud-answer.json"))
    assert isinstance(answer, EtrnPudShipper) and answer.payer is not None


def test_every_bad_field_is_named_by_its_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _example("etrn-pud-cost.json")
    data["cost"] = {"without_vat": "1000", "vat": "150", "with_vat": "1150", "rate": "20%"}
    data["extras"] = {"account": {"number": "4070", "bik": "12"}, "okpo": "x"}
    data["uid"] = ""
    with pytest.raises(InputErrors) as caught:
        pud_from_json(data)
    fields = {field for field, _ in caught.value.problems}
    assert {"uid", "extras.account.bik", "extras.okpo"} <= fields
    data = _example("etrn-pud-cost.json")
    data["cost"] = {"without_vat": "1000", "vat": "150", "rate": "20%"}
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "etrn", str(source), "-o", str(out)]) == 1
    assert "cost.vat" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


def test_a_payer_needs_the_basis_of_payment() -> None:
    data = _example("etrn-pud-answer.json")
    payer = data["payer"]
    assert isinstance(payer, dict)
    del payer["basis"]
    with pytest.raises(InputErrors) as caught:
        pud_from_json(data)
    assert "payer.basis" in {field for field, _ in caught.value.problems}
