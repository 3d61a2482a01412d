"""Packages the exchange builds: documents with signatures (and the МЧД hook), and the ИОП."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

import pytest

from edo_app.documents import ReceiptNotice, service_from_xml
from edo_app.errors import InputError
from edo_app.model.summary import PartyRef
from edo_app.services.exchange_packages import Answered, build_receipt, document_package, participant
from edo_app.services.exchange_setup import poa_entries
from edo_app.services.poa_registry import PoaPart, PoaRegistryService
from edo_app.transport.package import Entry, PackageKind, Role, from_zip
from tests.unit.services.test_exchange_helpers import SIGNER

WHEN = datetime(2026, 11, 24, 9, 30, 15, 123456, tzinfo=UTC)
ORG = PartyRef("ООО «Ромашка»", "7715000805", "771501001")
IP = PartyRef("ИП Воронов Глеб Андреевич", "780597919080")


def test_document_package_carries_signatures_and_poa_entries() -> None:
    poa = Entry("poa.xml", Role.POA, b"<poa/>")
    built = document_package("2AE-1111", "2BM-2222", "ON_X", b"<doc/>", signatures=[b"s1", b"s2"], extra=[poa],
                             created=WHEN)
    package = from_zip(built.data)
    assert package.package_id == built.package_id and package.kind is PackageKind.DOCUMENT
    assert [(e.name, e.role, e.signs) for e in package.entries] == [
        ("ON_X.xml", Role.DOCUMENT, None), ("ON_X.xml.sig", Role.SIGNATURE, "ON_X.xml"),
        ("ON_X.xml.2.sig", Role.SIGNATURE, "ON_X.xml"), ("poa.xml", Role.POA, None)]


def test_participant_of_an_entrepreneur_takes_the_name_apart() -> None:
    member = participant("2AE-1111", IP)
    assert member.entrepreneur and member.party.person is not None  # type: ignore[union-attr]
    assert member.party.person.full == "Воронов Глеб Андреевич"  # type: ignore[union-attr]
    with pytest.raises(InputError):
        participant("2AE-1111", PartyRef("ИП Воронов", "780597919080"))
    with pytest.raises(InputError):
        participant("2AE-1111", None)


def test_receipt_names_the_file_its_signature_and_local_time() -> None:
    answered = Answered("ON_NSCHFDOPPR_2BM-2222_2AE-1111_20261124_x", (b"\x30\x03\x02\x01\x01",), WHEN,
                        participant("2BM-2222", ORG), participant("2AE-1111", IP))
    name, xml = build_receipt(answered, SIGNER)
    notice = service_from_xml(xml)
    assert isinstance(notice, ReceiptNotice) and name == notice.file_name and name.startswith("DP_IZVPOL_2AE-1111_")
    assert notice.received.file_id == answered.file_id
    assert notice.received_at == datetime(2026, 11, 24, 12, 30, 15)  # Moscow time, whole seconds


class _Poas:
    def package_parts(self, document_id: int) -> list[PoaPart]:
        return [PoaPart(b"<emchd/>", [b"sig-a", b"sig-b"])] if document_id == 7 else []


def test_poa_hook_adds_the_poa_and_its_signatures() -> None:
    entries = poa_entries(cast(PoaRegistryService, _Poas()))
    assert [(e.name, e.role, e.signs) for e in entries(7)] == [
        ("poa-1.xml", Role.POA, None), ("poa-1.xml.1.sig", Role.POA_SIGNATURE, "poa-1.xml"),
        ("poa-1.xml.2.sig", Role.POA_SIGNATURE, "poa-1.xml")]
    assert entries(8) == []
    built = document_package("2AE-1111", "2BM-2222", "ON_X", b"<doc/>", signatures=[b"s"], extra=entries(7),
                             created=WHEN)
    assert len(from_zip(built.data).by_role(Role.POA_SIGNATURE)) == 2
