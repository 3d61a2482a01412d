"""The package format: exact round trips, deterministic bytes, and hostile archives refused."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import warnings
import zipfile
from typing import Any

import pytest

from edo_app.errors import InputError
from edo_app.transport.base import PackageFormatError, TransportError
from edo_app.transport.package import (
    DEFLATE_FROM,
    FORMAT,
    MANIFEST_NAME,
    Entry,
    Package,
    PackageKind,
    Role,
    from_zip,
    to_zip,
)
from tests.unit.transport.samples import ALICE, BOB, CREATED, UPD_NAME, UPD_XML, document_package, service_package


def _manifest(files: dict[str, bytes], roles: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    roles = roles or {}
    entries = [
        {"name": n, "role": roles.get(n, "document"), "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
        for n, d in files.items()
    ]
    doc: dict[str, Any] = {
        "format": FORMAT,
        "package_id": "9b2f3c4d-1111-4a2b-8c3d-000000000001",
        "created": "2026-11-24T09:30:00+00:00",
        "sender": ALICE,
        "recipient": BOB,
        "kind": "document",
        "entries": entries,
    }
    doc.update(extra)
    return doc


def _zip(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns on duplicate names, which we want to write
        with zipfile.ZipFile(buffer, "w", compression=method) as archive:
            for name, data in members:
                archive.writestr(name, data)
    return buffer.getvalue()


def _package_zip(files: dict[str, bytes], manifest: dict[str, Any] | None = None) -> bytes:
    body = json.dumps(manifest if manifest is not None else _manifest(files)).encode()
    return _zip([(MANIFEST_NAME, body), *files.items()])


def _refused(data: bytes, *fragments: str, **limits: int) -> PackageFormatError:
    with pytest.raises(PackageFormatError) as caught:
        from_zip(data, **limits)
    for fragment in fragments:
        assert fragment in str(caught.value)
    return caught.value


# --- round trip ------------------------------------------------------------------------------


def test_round_trip_keeps_every_byte_and_field() -> None:
    package = document_package()
    back = from_zip(to_zip(package))
    assert back == package
    assert back.entry(UPD_NAME).data == package.entry(UPD_NAME).data  # windows-1251 + CRLF untouched
    assert back.entry(UPD_NAME + ".sig").signs == UPD_NAME


def test_service_package_round_trip_keeps_related_id() -> None:
    package = service_package(related="ON_NSCHFDOPPR_x")
    back = from_zip(to_zip(package))
    assert back == package and back.kind is PackageKind.SERVICE
    assert back.by_role(Role.SERVICE_DOCUMENT)[0].related == "ON_NSCHFDOPPR_x"


def test_output_is_deterministic_and_manifest_comes_first() -> None:
    package = document_package(package_id="9b2f3c4d-1111-4a2b-8c3d-000000000001")
    again = Package(package.package_id, ALICE, BOB, package.kind, package.entries, CREATED)
    data = to_zip(package)
    assert data == to_zip(again)
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert [i.filename for i in infos][:2] == [MANIFEST_NAME, UPD_NAME]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_signatures_and_small_files_are_stored_and_larger_files_deflated() -> None:
    large = UPD_XML + b"<!--" + b"x" * DEFLATE_FROM + b"-->"
    for package in (document_package(), document_package(body=large), service_package()):
        data = to_zip(package)
        methods = {info.filename: info.compress_type for info in zipfile.ZipFile(io.BytesIO(data)).infolist()}
        entries = {entry.name: entry for entry in package.entries}
        for name, method in methods.items():
            entry = entries.get(name)
            signature = entry is not None and entry.role in (Role.SIGNATURE, Role.SERVICE_SIGNATURE,
                                                             Role.POA_SIGNATURE)
            size = len(entry.data) if entry else len(zipfile.ZipFile(io.BytesIO(data)).read(name))
            deflated = size >= DEFLATE_FROM and not signature
            assert method == (zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED), name
        assert from_zip(data).entries == package.entries
    assert zipfile.ZipFile(io.BytesIO(to_zip(document_package(body=large)))).getinfo(UPD_NAME).compress_type == \
        zipfile.ZIP_DEFLATED


def test_manifest_lists_sizes_hashes_roles_and_links() -> None:
    package = document_package()
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(to_zip(package))).read(MANIFEST_NAME))
    assert manifest["format"] == "edo-package/1"
    assert manifest["package_id"] == package.package_id
    assert (manifest["sender"], manifest["recipient"], manifest["kind"]) == (ALICE, BOB, "document")
    first = manifest["entries"][1]
    assert first == {
        "name": UPD_NAME + ".sig",
        "role": "signature",
        "sha256": hashlib.sha256(package.entries[1].data).hexdigest(),
        "size": len(package.entries[1].data),
        "signs": UPD_NAME,
    }


def test_a_hand_written_archive_in_any_order_is_accepted() -> None:
    files = {"b.xml": b"<b/>", "a.xml": b"<a/>"}
    data = _zip([("a.xml", b"<a/>"), (MANIFEST_NAME, json.dumps(_manifest(files)).encode()), ("b.xml", b"<b/>")])
    assert [e.name for e in from_zip(data).entries] == ["b.xml", "a.xml"]  # manifest order wins


def test_a_package_read_from_a_zip_is_sent_on_as_those_bytes_until_changed() -> None:
    files = {"b.xml": b"<b/>", "a.xml": b"<a/>"}
    data = _zip([("a.xml", b"<a/>"), (MANIFEST_NAME, json.dumps(_manifest(files)).encode()), ("b.xml", b"<b/>")])
    read = from_zip(data)
    assert to_zip(read) == data  # the sender's archive as it came: the operator's digest stays the same
    changed = dataclasses.replace(read, recipient=ALICE)
    assert changed.source is None and from_zip(to_zip(changed)).recipient == ALICE


# --- not an archive, too large ----------------------------------------------------------------


def test_garbage_and_truncated_archives_are_refused() -> None:
    _refused(b"not a zip at all", "не является ZIP")
    whole = to_zip(document_package())
    with pytest.raises(PackageFormatError):
        from_zip(whole[: len(whole) // 2])


def test_limits_on_size_and_entry_count() -> None:
    data = to_zip(document_package())
    _refused(data, "больше допустимого размера", max_bytes=len(data) - 1)
    _refused(data, "допустимо не более 3", max_entries=3)


def test_zip_bomb_ratio_is_refused_naming_the_entry() -> None:
    files = {"bomb.xml": b"\0" * (8 * 1024 * 1024)}
    error = _refused(_package_zip(files), "bomb.xml", "ZIP-бомбу")
    assert error.entry == "bomb.xml"


def test_total_unpacked_size_is_limited() -> None:
    files = {"a.xml": b"x" * 5000, "b.xml": bytes(range(256)) * 40}
    _refused(_package_zip(files), "ZIP-бомбу", max_unpacked=8000)


# --- hostile names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.xml", "выход за пределы"),
        ("/etc/passwd", "абсолютный путь"),
        ("C:evil.xml", "абсолютный путь"),
        ("a\\..\\evil.xml", "обратная косая черта"),
        ("docs/a.xml", "вложенные папки"),
        ("docs/", "вложенные папки"),
        (".hidden", "недопустимые символы"),
        ("a\x01.xml", "недопустимые символы"),
    ],
)
def test_hostile_names_are_refused(name: str, reason: str) -> None:
    error = _refused(_package_zip({name: b"<x/>"}), reason)
    assert error.entry == name


def test_duplicate_names_are_refused_even_by_case() -> None:
    manifest = json.dumps(_manifest({"a.xml": b"1"})).encode()
    _refused(_zip([(MANIFEST_NAME, manifest), ("a.xml", b"1"), ("a.xml", b"2")]), "a.xml", "дважды")
    _refused(_zip([(MANIFEST_NAME, manifest), ("a.xml", b"1"), ("A.XML", b"1")]), "A.XML", "дважды")


# --- archive vs manifest ---------------------------------------------------------------------


def test_missing_and_extra_files_are_named() -> None:
    files = {"a.xml": b"<a/>"}
    body = json.dumps(_manifest({"a.xml": b"<a/>", "b.xml": b"<b/>"})).encode()
    _refused(_zip([(MANIFEST_NAME, body), *files.items()]), "b.xml", "отсутствует в архиве")
    body = json.dumps(_manifest(files)).encode()
    _refused(_zip([(MANIFEST_NAME, body), *files.items(), ("c.xml", b"")]), "c.xml", "не указан в manifest.json")
    _refused(_zip([("a.xml", b"<a/>")]), "нет описи manifest.json")


def test_hash_and_size_mismatches_are_named() -> None:
    manifest = _manifest({"a.xml": b"<a/>"})
    _refused(_package_zip({"a.xml": b"<b/>"}, manifest), "a.xml", "SHA-256")
    manifest["entries"][0]["size"] = 5
    _refused(_package_zip({"a.xml": b"<a/>"}, manifest), "a.xml", "размер")


def test_damaged_compressed_data_is_refused() -> None:
    payload = bytes(range(256)) * 64
    data = bytearray(_package_zip({"a.xml": payload}))
    start = data.index(b"PK\x03\x04", 10)  # the second local header: a.xml
    data[start + 60 : start + 80] = b"\xff" * 20
    _refused(bytes(data), "a.xml", "повреждён")


def test_encrypted_and_exotic_compression_are_refused() -> None:
    data = bytearray(_package_zip({"a.xml": b"<a/>"}))
    central = data.rindex(b"PK\x01\x02")  # central entry of a.xml: set the "encrypted" flag
    data[central + 8] |= 0x1
    _refused(bytes(data), "a.xml", "зашифрованные")
    files = {"a.xml": b"<a/>"}
    body = json.dumps(_manifest(files)).encode()
    _refused(_zip([(MANIFEST_NAME, body), *files.items()], zipfile.ZIP_BZIP2), "метод сжатия")


# --- manifest schema -------------------------------------------------------------------------


def _with(change: dict[str, Any]) -> bytes:
    files = {"a.xml": b"<a/>"}
    return _package_zip(files, _manifest(files, **change))


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"format": "edo-package/2"}, "format: ожидается «edo-package/1»"),
        ({"kind": "parcel"}, "kind: неизвестное значение «parcel»"),
        ({"package_id": "not-a-uuid"}, "package_id «not-a-uuid» должен быть UUID"),
        ({"created": "24.11.2026"}, "created: «24.11.2026» не является"),
        ({"created": "2026-11-24T09:30:00"}, "created: не указан часовой пояс"),
        ({"sender": "../../etc"}, "sender:"),
        ({"recipient": 42}, "recipient: ожидается непустая строка"),
        ({"extra": 1}, "extra: неизвестное поле"),
        ({"entries": {}}, "entries: должен быть список"),
    ],
)
def test_manifest_header_violations(change: dict[str, Any], fragment: str) -> None:
    error = _refused(_with(change), fragment)
    if "package_id" not in fragment and "sender" not in fragment:
        assert error.entry == MANIFEST_NAME


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("role", "selfie", "entries[0].role: неизвестное значение «selfie»"),
        ("sha256", "AB" * 32, "entries[0].sha256"),
        ("size", -1, "entries[0].size"),
        ("size", True, "entries[0].size"),
        ("name", "", "entries[0].name: ожидается непустая строка"),
        ("colour", "red", "entries[0].colour: неизвестное поле"),
    ],
)
def test_manifest_entry_violations(field: str, value: object, fragment: str) -> None:
    files = {"a.xml": b"<a/>"}
    manifest = _manifest(files)
    manifest["entries"][0][field] = value
    _refused(_package_zip(files, manifest), MANIFEST_NAME, fragment)


def test_manifest_missing_field_bad_json_duplicate_keys_and_encoding() -> None:
    files = {"a.xml": b"<a/>"}
    manifest = _manifest(files)
    del manifest["sender"]
    _refused(_package_zip(files, manifest), "sender: обязательное поле отсутствует")
    _refused(_zip([(MANIFEST_NAME, b"{not json"), *files.items()]), "не является корректным JSON")
    _refused(_zip([(MANIFEST_NAME, b'{"format": 1, "format": 2}'), *files.items()]), "ключ «format» повторяется")
    _refused(_zip([(MANIFEST_NAME, "{}".encode("utf-16")), *files.items()]), "UTF-8")
    _refused(_zip([(MANIFEST_NAME, b"[1]"), *files.items()]), "JSON-объектом")
    _refused(_zip([(MANIFEST_NAME, b'{"size": NaN}'), *files.items()]), "NaN")


# --- links between entries -------------------------------------------------------------------


def test_signature_links_are_checked() -> None:
    files = {"a.xml": b"<a/>", "a.sig": b"s"}
    manifest = _manifest(files, roles={"a.sig": "signature"})
    _refused(_package_zip(files, manifest), "a.sig", "signs")
    manifest["entries"][1]["signs"] = "nothing.xml"
    _refused(_package_zip(files, manifest), "a.sig", "nothing.xml")
    manifest["entries"][1]["role"] = "poa_signature"
    manifest["entries"][1]["signs"] = "a.xml"
    _refused(_package_zip(files, manifest), "a.sig", "poa")
    manifest["entries"][1] = {**manifest["entries"][0], "name": "a.sig", "signs": "a.xml"}
    manifest["entries"][1]["sha256"] = hashlib.sha256(b"s").hexdigest()
    manifest["entries"][1]["size"] = 1
    _refused(_package_zip(files, manifest), "a.sig", "не может ничего подписывать")


def test_kind_must_match_the_roles_inside() -> None:
    with pytest.raises(PackageFormatError, match="service_document"):
        Package.new(ALICE, BOB, [Entry("a.xml", Role.DOCUMENT, b"")], PackageKind.SERVICE)
    with pytest.raises(PackageFormatError, match="нет файла с ролью document"):
        Package.new(ALICE, BOB, [Entry("p.xml", Role.POA, b"")])
    with pytest.raises(PackageFormatError, match="related"):
        Package.new(ALICE, BOB, [Entry("s.xml", Role.SERVICE_DOCUMENT, b"")], PackageKind.SERVICE)
    with pytest.raises(PackageFormatError, match="нет ни одного файла"):
        Package.new(ALICE, BOB, [])
    with pytest.raises(PackageFormatError, match="зарезервировано"):
        Package.new(ALICE, BOB, [Entry(MANIFEST_NAME, Role.DOCUMENT, b"")])


def test_package_format_error_is_a_transport_error_with_a_russian_message() -> None:
    error = _refused(b"junk")
    assert isinstance(error, TransportError) and isinstance(error, OSError)
    assert "ZIP" in str(error)


def test_a_header_that_understates_the_size_is_caught() -> None:
    payload = bytes(range(256)) * 64
    data = bytearray(_package_zip({"a.xml": payload}))
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")  # uncompressed size: 100
    _refused(bytes(data), "a.xml")


def test_a_name_listed_twice_in_the_manifest_is_refused() -> None:
    files = {"a.xml": b"<a/>"}
    manifest = _manifest(files)
    manifest["entries"].append(dict(manifest["entries"][0]))
    _refused(_package_zip(files, manifest), "a.xml", "уже есть в пакете")


def test_looking_up_a_missing_entry_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"нет файла «nope\.xml»"):
        document_package().entry("nope.xml")
