"""CertificateStore: views of signing certificates, key import refusals, the trust folder's guards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from edo_app.errors import InputError
from edo_app.services import Services
from edo_app.services.certificate_store import CertificateStore, validity_problem
from tests.unit.crypto.fixtures import NOW as TODAY_AT
from tests.unit.crypto.fixtures import Pki, issue, make_crl, make_pki, person_name, rsa_certificate
from tests.unit.services.signing_world import PASSWORD, TODAY, head_key, import_key, key_pem


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(tmp_path / "data")
    yield opened
    opened.close()


def test_a_view_carries_what_a_person_checks(services: Services, test_pki: Pki) -> None:
    key = head_key(test_pki)
    handle = import_key(services, key)
    [view] = CertificateStore.of(services).certificates()
    assert (view.provider, view.handle, view.owner, view.inn_le) == ("software", handle, "Иванов Пётр Сергеевич",
                                                                     "5001000002")
    assert view.usable and view.needs_password and view.serial == key.certificate.serial_hex
    assert "Издатель: Тестовый корневой УЦ" in view.details


def test_validity_problems_are_russian(test_pki: Pki) -> None:
    future = issue(person_name("Будущий"), issuer=test_pki.root, not_before=TODAY + timedelta(days=3),
                   not_after=TODAY + timedelta(days=30)).certificate
    assert validity_problem(future, TODAY).startswith("сертификат ещё не действует (с ")
    assert validity_problem(future, TODAY + timedelta(days=40)).startswith("срок действия сертификата истёк ")
    assert validity_problem(future, TODAY + timedelta(days=10)) == ""


def test_a_non_gost_certificate_is_refused_naming_the_file(services: Services, tmp_path: Path,
                                                           test_pki: Pki) -> None:
    der, _ = rsa_certificate()
    (tmp_path / "rsa.cer").write_bytes(der)
    (tmp_path / "k.key").write_bytes(key_pem(head_key(test_pki)))
    with pytest.raises(InputError) as refused:
        CertificateStore.of(services).import_key(tmp_path / "rsa.cer", tmp_path / "k.key", PASSWORD)
    assert refused.value.message.startswith("rsa.cer: Ключ сертификата не ГОСТ")
    assert not (services.data_dir / "keys").exists() or list((services.data_dir / "keys").iterdir()) == []


@pytest.mark.parametrize("name", ["../keep.cer", "..", ".hidden.cer", "sub/root.cer", "root.txt", "absent.cer"])
def test_remove_accepts_only_a_certificate_file_of_the_folder(services: Services, name: str) -> None:
    store = CertificateStore.of(services)
    store.trust_dir.mkdir()
    (services.data_dir / "keep.cer").write_bytes(b"outside the trust folder")
    with pytest.raises(InputError):
        store.remove_trusted(name)
    assert (services.data_dir / "keep.cer").exists()


def test_an_unreadable_trust_file_is_reported_not_fatal(services: Services, test_pki: Pki) -> None:
    store = CertificateStore.of(services)
    store.trust_dir.mkdir()
    (store.trust_dir / "broken.cer").write_bytes(b"garbage")
    (store.trust_dir / "root.cer").write_bytes(test_pki.root.certificate.der)
    views, problems = store.trusted()
    assert [(v.file_name, v.is_root) for v in views] == [("root.cer", True)]
    assert len(problems) == 1 and problems[0].startswith("broken.cer: ")


def test_a_revocation_list_is_added_listed_replaced_and_removed(services: Services, test_pki: Pki,
                                                                 tmp_path: Path) -> None:
    store = CertificateStore.of(services)
    older, newer, stranger = tmp_path / "older.crl", tmp_path / "newer.crl", tmp_path / "stranger.crl"
    day = TODAY_AT - timedelta(days=3)
    older.write_bytes(make_crl(test_pki.root, {5: day}, this_update=day))
    newer.write_bytes(make_crl(test_pki.root, {5: day, 6: day}, this_update=day + timedelta(days=1)))
    other = make_pki().root
    stranger.write_bytes(make_crl(other, {5: day}))
    with pytest.raises(InputError, match="не подписан ни одним доверенным"):
        store.add_trusted(older)  # its УЦ is not trusted yet
    store.trust_dir.mkdir()
    (store.trust_dir / "root.cer").write_bytes(test_pki.root.certificate.der)
    added = store.add_trusted(older)
    assert added.subject.endswith("отозвано: 1") and added.issuer == "Тестовый корневой УЦ"
    assert store.add_trusted(newer).file_name == added.file_name  # one list per УЦ: the newer replaces it
    with pytest.raises(InputError, match="старее уже добавленного"):
        store.add_trusted(older)
    with pytest.raises(InputError, match=r"stranger\.crl"):
        store.add_trusted(stranger)
    views, problems = store.trusted()
    assert problems == () and [v.subject for v in views if v.file_name.endswith(".crl")] == [
        "Список отзыва (СОС), отозвано: 2"]
    trust = store.trust_store()
    assert trust is not None and len(trust.crls) == 1
    store.remove_trusted(added.file_name)
    assert not (store.trust_dir / added.file_name).exists()
