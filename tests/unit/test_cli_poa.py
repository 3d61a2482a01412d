"""`edo poa check` and `edo poa build`: the exact contract (exit 0/1/2/3, what is printed),
end to end with real GOST signatures over the МЧД bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edo_app.cli import main
from tests.oracles import PROJECT
from tests.unit.poa.test_checks_fixtures import key_for, representative, signed_poa, subject, upd_bytes, upd_under

AT = "2025-06-02T15:00:00"  # Moscow time (no offset)
SAMPLE_JSON = PROJECT / "resources" / "samples" / "poa-ul-employee.json"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """The МЧД under its own name, the principal's signature, the representative's
    certificate, a УПД signed under the МЧД and a revocation list complete through --at."""
    s = signed_poa(1)
    paths = {"poa": tmp_path / s.name, "sig": tmp_path / "poa.sig", "cert": tmp_path / "rep.cer",
             "doc": tmp_path / "upd.xml", "revoked": tmp_path / "revoked.txt"}
    paths["poa"].write_bytes(s.xml)
    paths["sig"].write_bytes(s.signature)
    paths["cert"].write_bytes(s.representative.certificate.der)
    paths["doc"].write_bytes(upd_bytes(upd_under(s.poa)))
    paths["revoked"].write_text("checked-through: 2025-06-03T00:00:00+03:00\n", encoding="utf-8")
    return paths


def _check(files: dict[str, Path], *extra: str, at: str = AT) -> list[str]:
    return ["poa", "check", str(files["poa"]), "--sig", str(files["sig"]), "--signer-cert", str(files["cert"]),
            "--at", at, *extra]


def test_valid_poa_prints_every_check_and_exits_0(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(_check(files, "--doc", str(files["doc"]), "--revoked", str(files["revoked"])))
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count(": пройдена") == 9 and out.rstrip().endswith("Итог: действительна")
    assert "[+] Подпись доверителя: пройдена" in out and "действует на 02.06.2025 (МСК)" in out


def test_warnings_still_exit_0(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_check(files)) == 0
    out = capsys.readouterr().out
    assert "Итог: действительна с предупреждениями" in out
    assert "[?] Не отозвана: не удалось проверить" in out and "нет сведений об отзыве на дату 02.06.2025" in out


def test_expired_poa_exits_1(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_check(files, at="2026-03-04T00:30:00")) == 1  # the day after СрокДейст, Moscow time
    out = capsys.readouterr().out
    assert "истекла 03.03.2026" in out and "Итог: недействительна" in out


def test_tampered_poa_exits_1(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data = files["poa"].read_bytes()
    files["poa"].write_bytes(data.replace(b"</", b" </", 1))  # one more space: same МЧД, other bytes
    assert main(_check(files)) == 1
    out = capsys.readouterr().out
    assert "[-] Подпись доверителя: не пройдена" in out and "Итог: недействительна" in out


def test_revoked_poa_exits_1(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    files["revoked"].write_text(f"# отозвана\n{signed_poa(1).poa.number};2025-05-20T10:00:00\n", encoding="utf-8")
    assert main(_check(files, "--revoked", str(files["revoked"]))) == 1
    assert "отозвана 20.05.2025 10:00 (МСК)" in capsys.readouterr().out


def test_certificate_without_snils_cannot_be_checked_exits_3(files: dict[str, Path],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    rep = representative(signed_poa(1).poa)
    files["cert"].write_bytes(key_for(subject(rep, snils=None)).certificate.der)
    assert main(_check(files)) == 3
    out = capsys.readouterr().out
    assert "в сертификате нет СНИЛС" in out and "Итог: не удалось проверить" in out


@pytest.mark.parametrize("broken", ["poa", "sig", "cert", "revoked"])
def test_unreadable_input_exits_2(files: dict[str, Path], broken: str, capsys: pytest.CaptureFixture[str]) -> None:
    files[broken].write_bytes(b"\x00\x01garbage" if broken != "revoked" else "не запись\n".encode())
    assert main(_check(files, "--revoked", str(files["revoked"]))) == 2
    assert "ошибка:" in capsys.readouterr().err


def test_missing_files_exit_2(files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_check(files, "--doc", str(tmp_path / "absent.xml"))) == 2
    files["sig"].unlink()
    assert main(_check(files)) == 2
    assert "ошибка:" in capsys.readouterr().err


# -- edo poa build ----------------------------------------------------------------------------
def test_build_writes_the_poa_under_its_file_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poa", "build", str(SAMPLE_JSON), "-o", str(tmp_path / "out")]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == tmp_path / "out" and written.name.startswith("ON_EMCHD_")
    assert f'ИдФайл="{written.stem}"' in written.read_text(encoding="utf-8")


def test_build_with_bad_fields_exits_1_listing_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    data["valid_to"] = "не дата"
    data["representatives"][0]["inn"] = "123"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["poa", "build", str(source), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "файл не записан" in err and "  valid_to:" in err and "  representatives[0].inn:" in err
    assert not (tmp_path / "out").exists()


def test_build_with_a_missing_input_exits_2(tmp_path: Path) -> None:
    assert main(["poa", "build", str(tmp_path / "absent.json"), "-o", str(tmp_path)]) == 2
