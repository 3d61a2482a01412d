"""operator_trust.LiveTrust: the running operator sees `trust --add` / `--add-crl` without a restart,
no sooner than its interval, and a folder broken meanwhile keeps the last good store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from edo_app.errors import InputError
from edo_app.services.operator_trust import TRUST_DIR, LiveTrust, add_trusted
from edo_app.services.revocation import add_crl
from tests.unit.crypto.fixtures import NOW, make_crl, make_pki

PKI = make_pki()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _root_file(tmp_path: Path) -> Path:
    path = tmp_path / "root.cer"
    path.write_bytes(PKI.root.certificate.der)
    return path


def test_a_certificate_added_while_running_is_trusted_after_the_interval(tmp_path: Path) -> None:
    data, clock = tmp_path / "data", Clock()
    live = LiveTrust(data, interval=1.0, clock=clock)
    assert live.current() is None  # no folder: chains unchecked
    add_trusted(data, _root_file(tmp_path))
    clock.now += 0.5
    assert live.current() is None  # not looked at yet
    clock.now += 0.6
    store = live.current()
    assert store is not None and [c.der for c in store.certificates] == [PKI.root.certificate.der]


def test_a_revocation_list_added_while_running_is_applied(tmp_path: Path) -> None:
    data, clock = tmp_path / "data", Clock()
    add_trusted(data, _root_file(tmp_path))
    live = LiveTrust(data, interval=1.0, clock=clock)
    assert live.current() is not None and live.current().crls == ()  # type: ignore[union-attr]
    crl = tmp_path / "root.crl"
    crl.write_bytes(make_crl(PKI.root, {PKI.signer.certificate.serial_number: NOW - timedelta(days=2)}))
    add_crl(data / TRUST_DIR, crl)
    clock.now += 1.5
    store = live.current()
    assert store is not None and len(store.crls) == 1
    assert store.crls[0].revoked_at(PKI.signer.certificate.serial_number) is not None


def test_a_folder_broken_meanwhile_keeps_the_last_good_store(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    data, clock = tmp_path / "data", Clock()
    add_trusted(data, _root_file(tmp_path))
    live = LiveTrust(data, interval=1.0, clock=clock)
    before = live.current()
    (data / TRUST_DIR / "broken.cer").write_bytes(b"\x30\x03\x02\x01")
    clock.now += 2
    assert live.current() is before
    assert "не читается, действует прежний набор" in capsys.readouterr().err
    (data / TRUST_DIR / "broken.cer").unlink()
    clock.now += 2
    again = live.current()
    assert again is not before and again is not None and len(again.certificates) == 1


def test_a_folder_broken_at_the_start_still_stops_the_server(tmp_path: Path) -> None:
    (tmp_path / TRUST_DIR).mkdir()
    (tmp_path / TRUST_DIR / "broken.cer").write_bytes(b"\x30\x03\x02\x01")
    with pytest.raises(InputError, match="непригодные файлы"):
        LiveTrust(tmp_path)
