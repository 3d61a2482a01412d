"""transport/zipread.py: the fast path takes only plain archives, and reads them exactly as zipfile does.

The differential test holds from_zip's two paths to the same answer on our packages, on archives
zipfile writes, and on seeded random corruptions of both: the same package, or a refusal from each.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

import pytest

from edo_app.transport import package as package_module
from edo_app.transport.base import PackageFormatError
from edo_app.transport.package import DEFLATE_FROM, MANIFEST_NAME, Package, from_zip, to_zip
from edo_app.transport.zipread import plain_members
from edo_app.transport.zipwrite import ZipItem, write_zip
from tests.unit.transport.samples import UPD_XML, document_package, service_package

SEEDS = range(600)


def _zipfile_written(package: Package) -> bytes:
    """The same package written by zipfile (other dates, attributes and versions than ours)."""
    source = zipfile.ZipFile(io.BytesIO(to_zip(package)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
    return buffer.getvalue()


def _outcome(data: bytes) -> Package | str:
    try:
        return from_zip(data)
    except PackageFormatError:
        return "refused"


def _through_zipfile(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Package | str:
    with monkeypatch.context() as patch:
        patch.setattr(package_module, "plain_members", lambda _data: None)
        return _outcome(data)


LARGE_XML = UPD_XML + b"<!--" + bytes(random.Random(3).choices(b"abc <>=", k=2 * DEFLATE_FROM)) + b"-->"
SOURCES: list[Callable[[], bytes]] = [lambda: to_zip(document_package()), lambda: to_zip(service_package()),
                                      lambda: _zipfile_written(document_package()),
                                      lambda: to_zip(document_package(body=LARGE_XML))]  # deflated by us


@pytest.mark.parametrize("make", SOURCES)
def test_plain_archives_take_the_fast_path_with_the_same_result(make: Callable[[], bytes],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = make()
    assert plain_members(data) is not None
    assert _outcome(data) == _through_zipfile(data, monkeypatch) != "refused"


def _with_comment(data: bytes) -> bytes:
    return data[:-2] + b"\x03\x00abc"


def _streamed(data: bytes) -> bytes:
    """Written to a stream that cannot seek: zipfile then uses data descriptors (flag bit 3)."""
    class Unseekable(io.RawIOBase):
        def __init__(self) -> None:
            self.out = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, chunk: bytes) -> int:  # type: ignore[override]
            self.out += chunk
            return len(chunk)

    sink, source = Unseekable(), zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            with archive.open(info.filename, "w") as handle:
                handle.write(source.read(info))
    return bytes(sink.out)


def _zip64(data: bytes) -> bytes:
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            with archive.open(info.filename, "w", force_zip64=True) as handle:
                handle.write(source.read(info))
    return buffer.getvalue()


@pytest.mark.parametrize("change", [_with_comment, lambda d: b"prefix" + d, _streamed, _zip64],
                         ids=["comment", "prepended", "data-descriptors", "zip64"])
def test_other_valid_layouts_are_left_to_zipfile_and_still_read(change: Callable[[bytes], bytes]) -> None:
    plain = to_zip(document_package())
    data = change(plain)
    assert plain_members(data) is None
    assert from_zip(data).entries == from_zip(plain).entries


def test_a_truncated_archive_is_left_to_zipfile_and_refused() -> None:
    data = to_zip(document_package())[:-1]
    assert plain_members(data) is None
    with pytest.raises(PackageFormatError, match="не является ZIP-архивом"):
        from_zip(data)


def test_a_name_zipfile_would_decode_as_cp437_is_left_to_it() -> None:
    data = bytearray(write_zip([ZipItem("é.xml", b"<x/>", deflate=True)]))
    assert plain_members(bytes(data)) is not None  # marked UTF-8: read here
    central = data.index(b"PK\x01\x02")
    data[6:8] = data[central + 8:central + 10] = b"\x00\x00"  # the UTF-8 flag cleared in both headers
    assert plain_members(bytes(data)) is None
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).namelist() == ["é.xml".encode().decode("cp437")]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_corrupted_archive_gets_the_same_answer_from_both_paths(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    data = bytearray(SOURCES[seed % len(SOURCES)]())
    for _ in range(rng.choice((1, 1, 2, 4))):
        spot = rng.randrange(len(data))
        data[spot] = rng.randrange(256) if rng.random() < 0.7 else data[spot] ^ 1
    if rng.random() < 0.1:
        data = data[:rng.randrange(len(data))]
    fast, slow = _outcome(bytes(data)), _through_zipfile(bytes(data), monkeypatch)
    assert fast == slow, (seed, fast if isinstance(fast, str) else "ok", slow if isinstance(slow, str) else "ok")


def test_damaged_members_are_named() -> None:
    data = bytearray(to_zip(document_package()))
    manifest_data = 30 + len(MANIFEST_NAME)
    data[manifest_data + 5] ^= 0xFF  # inside the stored manifest: its CRC no longer matches
    with pytest.raises(PackageFormatError) as caught:
        from_zip(bytes(data))
    assert caught.value.entry == MANIFEST_NAME and "повреждён" in str(caught.value)


def test_an_archive_asking_for_a_newer_zip_version_is_refused_not_a_crash() -> None:
    data = bytearray(to_zip(service_package()))
    central = data.index(b"PK\x01\x02")
    data[central + 6:central + 8] = (67).to_bytes(2, "little")  # "version needed to extract: 6.7"
    assert plain_members(bytes(data)) is None
    with pytest.raises(PackageFormatError, match="не является ZIP-архивом"):  # zipfile: NotImplementedError
        from_zip(bytes(data))
