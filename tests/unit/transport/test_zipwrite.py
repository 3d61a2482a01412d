"""transport/zipwrite.py: what it writes is a valid ZIP that zipfile (and so from_zip) reads back."""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from edo_app.transport.zipwrite import ZipItem, write_zip

ITEMS = [ZipItem("manifest.json", b'{"a":1}\n' * 40, deflate=True),
         ZipItem("ON_NSCHFDOPPR_1.xml", "<Файл ИдФайл='1'/>".encode("windows-1251") * 300, deflate=True),
         ZipItem("ON_NSCHFDOPPR_1.xml.sig", random.Random(7).randbytes(1500), deflate=False),
         ZipItem("приложение.pdf", b"%PDF-1.7 " + bytes(range(256)) * 4, deflate=True),
         ZipItem("empty.txt", b"", deflate=True),
         ZipItem("empty.sig", b"", deflate=False)]


def _archive(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_zipfile_reads_every_entry_back_with_its_crc_checked() -> None:
    archive = _archive(write_zip(ITEMS))
    assert archive.testzip() is None
    assert [info.filename for info in archive.infolist()] == [item.name for item in ITEMS]
    assert [archive.read(item.name) for item in ITEMS] == [item.data for item in ITEMS]


def test_fixed_fields_the_package_format_promises() -> None:
    for info, item in zip(_archive(write_zip(ITEMS)).infolist(), ITEMS, strict=True):
        assert info.compress_type == (zipfile.ZIP_DEFLATED if item.deflate else zipfile.ZIP_STORED)
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert (info.create_system, info.external_attr >> 16) == (3, 0o100644)
        assert bool(info.flag_bits & 0x800) == (not item.name.isascii())  # UTF-8 names marked as such
        assert info.extra == b"" and info.comment == b""
        assert not info.is_dir()


def test_same_items_same_bytes_and_an_empty_archive_is_valid() -> None:
    assert write_zip(ITEMS) == write_zip(list(ITEMS))
    assert write_zip(reversed(ITEMS)) != write_zip(ITEMS)
    empty = write_zip([])
    assert _archive(empty).infolist() == [] and len(empty) == 22  # the end record alone


def test_a_corrupted_byte_is_caught_by_the_reader() -> None:
    data = bytearray(write_zip(ITEMS[2:3]))  # stored: the signature's bytes lie in the clear
    data[60] ^= 0xFF
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        _archive(bytes(data)).read(ITEMS[2].name)


@pytest.mark.skipif(shutil.which("unzip") is None, reason="the unzip tool is not installed")
def test_the_unzip_tool_accepts_it(tmp_path: Path) -> None:
    (tmp_path / "p.zip").write_bytes(write_zip(ITEMS))
    done = subprocess.run(["unzip", "-t", str(tmp_path / "p.zip")], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8"}, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No errors detected" in done.stdout
