"""Fictional packages for the transport tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from edo_app.transport.package import Entry, Package, PackageKind, Role

ALICE = "2AE1111111111-222222222"  # invented EDO participant ids
BOB = "2BM-3333333333-444444444"
CAROL = "2AL5555555555"
CREATED = datetime(2026, 11, 24, 9, 30, 0, tzinfo=UTC)
UPD_NAME = "ON_NSCHFDOPPR_2BM-3333333333_2AE1111111111_20261124_5f0c0c8e-5a44-4c3e-9d4a-4f36e0a1b2c3_0_0_0_0_0_00.xml"
UPD_XML = '<?xml version="1.0" encoding="windows-1251"?>\r\n<Файл ИдФайл="x" ВерсФорм="5.03"/>\r\n'.encode("cp1251")


def document_package(
    sender: str = ALICE, recipient: str = BOB, *, body: bytes = UPD_XML, package_id: str | None = None
) -> Package:
    """A УПД with its detached signature, a МЧД and the МЧД's signature."""
    entries = (
        Entry(UPD_NAME, Role.DOCUMENT, body),
        Entry(UPD_NAME + ".sig", Role.SIGNATURE, b"0\x82\x01\x00fake-cms\x00\xff", signs=UPD_NAME),
        Entry("ON_EMCHD_20261101_poa.xml", Role.POA, '<Доверенность/>'.encode()),
        Entry("ON_EMCHD_20261101_poa.xml.sig", Role.POA_SIGNATURE, b"\x30\x00", signs="ON_EMCHD_20261101_poa.xml"),
    )
    return Package(package_id or str(uuid.uuid4()), sender, recipient, PackageKind.DOCUMENT, entries, CREATED)


def service_package(sender: str = BOB, recipient: str = ALICE, related: str = "doc-1") -> Package:
    """An ИОП (receipt notice) about an earlier document, with its signature."""
    name = "DP_IZVPOL_2AE1111111111_2BM-3333333333_20261124_0f7f1c2a.xml"
    entries = (
        Entry(name, Role.SERVICE_DOCUMENT, b"<IOP/>", related=related),
        Entry(name + ".sig", Role.SERVICE_SIGNATURE, b"sig", signs=name),
    )
    return Package.new(sender, recipient, entries, PackageKind.SERVICE, created=CREATED)
