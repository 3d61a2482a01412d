"""The `edo` command's exact contract: outputs, files written or not, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edo_app.cli import main
from tests.oracles import PROJECT

SAMPLE_JSON = PROJECT / "resources" / "samples" / "upd-schfdop.json"


def _sample(tmp_path: Path, function: str = "СЧФДОП") -> Path:
    assert main(["sample", "upd", "--function", function, "-o", str(tmp_path)]) == 0
    return max(tmp_path.glob("*.xml"), key=lambda p: p.stat().st_mtime_ns)


@pytest.mark.parametrize("function", ["СЧФДОП", "СЧФ", "ДОП"])
def test_sample_then_validate_is_clean(tmp_path: Path, function: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _sample(tmp_path, function)
    root_name = path.stem
    assert root_name.startswith("ON_NSCHFDOPPR_") and root_name.endswith("_0_0_0_0_0_00")
    assert f'Функция="{function}"'.encode("cp1251") in path.read_bytes()
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    assert "корректен" in capsys.readouterr().out


def test_samples_get_distinct_file_ids(tmp_path: Path) -> None:
    _sample(tmp_path)
    _sample(tmp_path)
    assert len(list(tmp_path.glob("*.xml"))) == 2


def test_invalid_document_exit_1_with_code_xpath_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _sample(tmp_path)
    bad = tmp_path / "renamed.xml"  # the file name no longer equals @ИдФайл
    bad.write_bytes(good.read_bytes())
    capsys.readouterr()
    assert main(["validate", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "0400400007" in out and "/Файл/@ИдФайл" in out and f"{bad}:" in out


def test_unreadable_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.xml"
    junk.write_bytes(b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY b 'c'>]><a>&b;</a>")
    good = _sample(tmp_path)
    assert main(["validate", str(good), str(junk)]) == 2
    assert "DOCTYPE" in capsys.readouterr().out


def test_validate_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _sample(tmp_path)
    capsys.readouterr()
    assert main(["validate", "--json", str(good)]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["valid"] is True and entry["schema"] == "upd-5.03-seller" and entry["issues"] == []


def test_validate_with_missing_schema_dir_is_exit_2(tmp_path: Path) -> None:
    good = _sample(tmp_path)
    assert main(["validate", "--schemas", str(tmp_path / "nope"), str(good)]) == 2


def test_build_writes_exactly_one_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", "upd", str(SAMPLE_JSON), "-o", str(out)]) == 0
    [written] = list(out.iterdir())
    assert written.name == capsys.readouterr().out.strip().split("/")[-1]
    assert main(["validate", str(written)]) == 0


def test_build_bad_fields_lists_paths_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    data["seller"]["inn"] = "7707083894"
    data["lines"][0]["quantity"] = "много"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "upd", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "seller.inn" in err and "lines[0].quantity" in err
    assert not out.exists() or not any(out.iterdir())


def test_build_with_broken_json_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "broken.json"
    source.write_text("{", encoding="utf-8")
    assert main(["build", "upd", str(source), "-o", str(tmp_path / "out")]) == 1
    assert "некорректный JSON" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_size_limit_comes_from_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _sample(tmp_path / "docs")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "settings.toml").write_text("max_xml_bytes = 100\n", encoding="utf-8")
    monkeypatch.setenv("EDO_APP_DATA_DIR", str(data_dir))
    capsys.readouterr()
    assert main(["validate", str(good)]) == 2
    assert "слишком большой" in capsys.readouterr().out


def test_unusable_official_schema_files_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _sample(tmp_path / "docs")
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "ON_BROKEN_1_999_01_01_00_01.xsd").write_text("not a schema", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--schemas", str(schemas), str(good)]) == 0
    assert "ON_BROKEN_1_999_01_01_00_01.xsd" in capsys.readouterr().err


def test_official_xsds_in_the_data_folder_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _sample(tmp_path / "docs")
    data_dir = tmp_path / "data"
    (data_dir / "xsd").mkdir(parents=True)
    (data_dir / "xsd" / "ON_BROKEN_1_999_01_01_00_01.xsd").write_text("not a schema", encoding="utf-8")
    monkeypatch.setenv("EDO_APP_DATA_DIR", str(data_dir))
    capsys.readouterr()
    assert main(["validate", str(good)]) == 0
    assert "ON_BROKEN_1_999_01_01_00_01.xsd" in capsys.readouterr().err
