"""«Справочники → Сертификаты…»: the signing certificates of the software store, importing a key
pair from files (wrong password and a key of another certificate refused, nothing stored), and
the trust folder: add a УЦ certificate, refuse a non-УЦ one, remove after the question."""

from __future__ import annotations

import base64
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from edo_app.services import Services
from tests.ui.conftest import Shown
from tests.unit.crypto.fixtures import NOW, Pki, make_crl, make_pki
from tests.unit.services.signing_world import PASSWORD, head_key, key_pem, representative_key
from ui.directories.certificates import CertificatesDialog
from ui.ops import SyncExecutor


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> CertificatesDialog:
    opened = CertificatesDialog(services, SyncExecutor())
    qtbot.addWidget(opened)
    return opened


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _key_files(tmp_path: Path, test_pki: Pki, password: str | None = PASSWORD) -> tuple[Path, Path]:
    key = head_key(test_pki)
    return (_write(tmp_path, "ivanov.cer", key.certificate.der),
            _write(tmp_path, "ivanov.key", key_pem(key, password)))


def _keys(services: Services) -> list[str]:
    folder = services.data_dir / "keys"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_import_of_a_key_pair_lists_the_certificate(dialog: CertificatesDialog, services: Services, shown: Shown,
                                                    tmp_path: Path, test_pki: Pki) -> None:
    assert dialog.certificates_table.rowCount() == 0
    dialog.import_key(*_key_files(tmp_path, test_pki), PASSWORD)
    assert shown.boxes == []
    assert dialog.certificates_table.rowCount() == 1
    row = [dialog.certificates_table.item(0, c).text() for c in range(dialog.certificates_table.columnCount())]
    assert row[:4] == ["Иванов Пётр Сергеевич", 'ООО "Тестовая Ромашка"', "500100000199", "5001000002"]
    assert row[6].startswith("Программные ключи") and "цепочка не проверена" in row[7]
    assert len(_keys(services)) == 2  # <thumbprint>.cer and .key


def test_a_wrong_password_is_refused_naming_the_file(dialog: CertificatesDialog, services: Services, shown: Shown,
                                                     tmp_path: Path, test_pki: Pki) -> None:
    dialog.import_key(*_key_files(tmp_path, test_pki), "не тот пароль")
    [box] = shown.boxes
    assert box.windowTitle() == "Ошибка подписи" and box.text().startswith("ivanov.key: Неверный пароль")
    assert _keys(services) == [] and dialog.certificates_table.rowCount() == 0


def test_a_key_of_another_certificate_is_refused(dialog: CertificatesDialog, services: Services, shown: Shown,
                                                 tmp_path: Path, test_pki: Pki) -> None:
    certificate = _write(tmp_path, "ivanov.cer", head_key(test_pki).certificate.der)
    other = _write(tmp_path, "other.key", key_pem(representative_key(test_pki), None))
    dialog.import_key(certificate, other, None)
    [box] = shown.boxes
    assert box.text() == "other.key: Закрытый ключ не соответствует сертификату (открытые ключи различаются)"
    assert _keys(services) == []


def test_an_unreadable_certificate_file_is_named(dialog: CertificatesDialog, services: Services, shown: Shown,
                                                 tmp_path: Path, test_pki: Pki) -> None:
    _, key = _key_files(tmp_path, test_pki)
    dialog.import_key(_write(tmp_path, "broken.cer", b"not a certificate"), key, PASSWORD)
    [box] = shown.boxes
    assert box.windowTitle() == "Неверные данные" and box.text().startswith("broken.cer: ")
    assert _keys(services) == []


def test_trust_store_add_refuse_and_remove(dialog: CertificatesDialog, shown: Shown, tmp_path: Path, test_pki: Pki,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    trust = dialog.store.trust_dir
    root_file = _write(tmp_path, "root.cer", test_pki.root.certificate.der)
    dialog.add_trusted(root_file)
    assert [view.subject for view in dialog.trusted] == ["Тестовый корневой УЦ"]
    kinds = dialog.trust_table.item(0, 5).text()
    assert kinds == "корневой" and [p.suffix for p in trust.iterdir()] == [".cer"]
    dialog.add_trusted(_write(tmp_path, "person.cer", test_pki.signer.certificate.der))
    dialog.add_trusted(root_file)
    texts = [box.text() for box in shown.boxes]
    assert texts[0].startswith("person.cer: это не сертификат удостоверяющего центра")
    assert texts[1] == "root.cer: этот сертификат уже есть в доверенных"
    dialog.trust_table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    dialog.ask_remove_trusted()
    assert dialog.trusted == [] and list(trust.iterdir()) == []


def test_a_trusted_root_makes_the_chain_verified(dialog: CertificatesDialog, shown: Shown, tmp_path: Path,
                                                 test_pki: Pki) -> None:
    dialog.import_key(*_key_files(tmp_path, test_pki), PASSWORD)
    dialog.add_trusted(_write(tmp_path, "root.pem", _pem(test_pki.root.certificate.der)))
    assert shown.boxes == []
    assert dialog.certificates[0].chain.startswith("цепочка проверена")


def test_a_revocation_list_is_added_and_shown_as_one(dialog: CertificatesDialog, shown: Shown, tmp_path: Path,
                                                      test_pki: Pki) -> None:
    dialog.add_trusted(_write(tmp_path, "root.cer", test_pki.root.certificate.der))
    dialog.add_trusted(_write(tmp_path, "root.crl", make_crl(test_pki.root, {7: NOW - timedelta(days=2)})))
    assert shown.boxes == []
    row = next(r for r in range(dialog.trust_table.rowCount()) if dialog.trust_table.item(r, 6).text().endswith(".crl"))
    assert dialog.trust_table.item(row, 5).text() == "список отзыва"
    assert dialog.trust_table.item(row, 0).text() == "Список отзыва (СОС), отозвано: 1"


def _pem(der: bytes) -> bytes:
    body = "\n".join(textwrap.wrap(base64.b64encode(der).decode(), 64))
    return f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n".encode()
