"""Demo data: every folder and status filled, signed with the ДЕМО key, loading twice adds nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.documents import file_name, to_xml
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services import DocumentQuery, Services
from edo_app.services.counterparties import Counterparty, CounterpartyInput
from edo_app.services.demo import DEMO_MARK, DEMO_SET, DemoLoader, demo_document, load_demo

EXPECTED = {
    (Direction.DRAFT, DocumentStatus.DRAFT): 2,
    (Direction.OUTGOING, DocumentStatus.SIGNED): 1,
    (Direction.OUTGOING, DocumentStatus.SENT): 1,
    (Direction.OUTGOING, DocumentStatus.DELIVERED): 1,
    (Direction.OUTGOING, DocumentStatus.SIGNED_BY_COUNTERPARTY): 1,
    (Direction.OUTGOING, DocumentStatus.REJECTED): 1,
    (Direction.INCOMING, DocumentStatus.SIGNATURE_REQUIRED): 2,
    (Direction.INCOMING, DocumentStatus.CLARIFICATION_REQUIRED): 1,
    (Direction.INCOMING, DocumentStatus.ANNULLED): 1,
}


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def own(services: Services) -> Counterparty:
    value = CounterpartyInput("ООО «Пример учёта»", "7707083893", "770701001", "2AE7707083893", own=True)
    return services.counterparties.add(value)


def _census(services: Services) -> Counter[tuple[Direction, DocumentStatus]]:
    rows = services.library.list_documents(DocumentQuery(archived=None), 0, 500)
    return Counter((row.direction, row.status) for row in rows)


def test_demo_fills_every_folder_and_status(services: Services, own: Counterparty) -> None:
    result = load_demo(services, own)
    assert result.added == len(DEMO_SET) and result.skipped == 0
    assert _census(services) == EXPECTED
    assert (result.key.certificate.common_name or "").startswith(DEMO_MARK)
    for row in services.library.list_documents(DocumentQuery(archived=None), 0, 500):
        assert row.number.startswith(DEMO_MARK)
        signatures = services.signing.signatures(row.id)
        if row.direction is Direction.DRAFT:
            assert signatures == []
        else:  # ours with the stored ДЕМО key, incoming ones by their sender's throwaway ДЕМО key
            assert [s.valid for s in signatures] == [True]
            assert signatures[0].signer.startswith(DEMO_MARK)
            assert row.counterparty is not None and row.counterparty.inn != own.inn
        if row.direction is Direction.OUTGOING:
            assert signatures[0].cert_serial == result.key.certificate.serial_hex
        stored = services.library.get(row.id)
        ours = stored.summary.seller if row.direction is not Direction.INCOMING else stored.summary.buyer
        assert ours is not None and ours.inn == own.inn  # the user's organisation is in every document
    partners = [c for c in services.counterparties.search() if not c.own]
    assert len(partners) == result.counterparties_added > 0
    assert all(c.edo_id for c in partners)


def test_loading_twice_adds_nothing(services: Services, own: Counterparty) -> None:
    load_demo(services, own)
    before = _census(services)
    directory = len(services.counterparties.search())
    again = load_demo(services, own)
    assert (again.added, again.skipped, again.counterparties_added) == (0, len(DEMO_SET), 0)
    assert _census(services) == before
    assert len(services.counterparties.search()) == directory
    keys = [e for e in services.signing.certificates() if (e.certificate.common_name or "").startswith(DEMO_MARK)]
    assert len(keys) == 1  # the key is made once


def test_a_document_stored_before_a_crash_is_completed_not_duplicated(services: Services, own: Counterparty) -> None:
    item = next(i for i in DEMO_SET if i.status is DocumentStatus.SENT)
    doc = demo_document(item, own)
    stored = services.library.import_bytes(to_xml(doc), file_name(doc), Direction.OUTGOING)  # crash after this
    assert stored.document_id is not None
    loader = DemoLoader(services.database, services.schemas, services.events, services.data_dir / "keys")
    result = loader.load(own)
    assert result.added == len(DEMO_SET)  # the half-done one counts: it got its signature and status
    assert services.library.get(stored.document_id).status is DocumentStatus.SENT
    assert _census(services) == EXPECTED
    assert len(services.signing.signatures(stored.document_id)) == 1
    assert sum(_census(services).values()) == len(DEMO_SET)
