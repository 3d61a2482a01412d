"""BatchSigning: who may sign (the company's head directly, a representative under an МЧД),
one document per transaction, a cancel between documents, a summary in Russian.

Real software provider and database in a temp data folder; the test PKI's fictional company.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from edo_app.errors import PoaError
from edo_app.services import Changes, Services
from edo_app.services.signing_batch import BatchSigning, SignerChoice
from tests.unit.crypto.fixtures import Pki
from tests.unit.services.signing_world import (
    PASSWORD,
    expired_key,
    head_key,
    import_key,
    representative_key,
    store_poa,
    store_upd,
)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(tmp_path / "data")
    yield opened
    opened.close()


def _count(services: Services, table: str) -> int:
    with services.database.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


def test_the_head_signs_directly_and_the_signature_verifies(services: Services, test_pki: Pki) -> None:
    handle = import_key(services, head_key(test_pki))
    document_id = store_upd(services, 1)
    batch = BatchSigning.of(services)
    [candidate] = batch.options([document_id]).candidates
    assert candidate.representative is False and candidate.problem == ""
    assert candidate.certificate.needs_password and candidate.certificate.inn_le == "5001000002"
    batch.sign_one(document_id, SignerChoice("software", handle, PASSWORD))
    [stored] = services.signing.signatures(document_id)
    assert stored.valid is True
    assert [s.valid for s in services.signing.verify_document(document_id)] == [True]


def test_a_representative_needs_a_fitting_poa(services: Services, test_pki: Pki) -> None:
    head = head_key(test_pki)
    import_key(services, head)
    rep_handle = import_key(services, representative_key(test_pki))
    document_id = store_upd(services, 2)
    batch = BatchSigning.of(services)
    without = {c.certificate.handle: c for c in batch.options([document_id]).candidates}[rep_handle]
    assert without.representative and without.poas == () and "МЧД" in without.problem
    with pytest.raises(PoaError, match="по МЧД"):
        batch.sign_one(document_id, SignerChoice("software", rep_handle, PASSWORD))
    assert services.signing.signatures(document_id) == []
    poa_id = store_poa(services, head)
    offered = {c.certificate.handle: c for c in batch.options([document_id]).candidates}[rep_handle]
    assert [option.id for option in offered.poas] == [poa_id] and offered.problem == ""
    signature = batch.sign_one(document_id, SignerChoice("software", rep_handle, PASSWORD, poa_id))
    assert signature.valid is True
    assert [part.content for part in services.poas.package_parts(document_id)] == [services.poas.get(poa_id).content]


def test_a_poa_of_another_representative_is_refused_before_signing(services: Services, test_pki: Pki) -> None:
    head = head_key(test_pki)
    import_key(services, head)
    stranger = import_key(services, representative_key(test_pki, seed=7))
    poa_id = store_poa(services, head, seed=1)
    document_id = store_upd(services, 3)
    with pytest.raises(PoaError, match="МЧД не подходит"):
        BatchSigning.of(services).sign_one(document_id, SignerChoice("software", stranger, PASSWORD, poa_id))
    assert services.signing.signatures(document_id) == []


def test_an_expired_certificate_is_offered_with_its_reason(services: Services, test_pki: Pki) -> None:
    import_key(services, expired_key(test_pki))
    [candidate] = BatchSigning.of(services).options([store_upd(services, 4)]).candidates
    assert not candidate.certificate.usable and "истёк" in candidate.problem


def test_a_batch_signs_all_and_skips_the_already_signed(services: Services, test_pki: Pki) -> None:
    handle = import_key(services, head_key(test_pki))
    ids = [store_upd(services, seed) for seed in range(10, 15)]
    batch = BatchSigning.of(services)
    choice = SignerChoice("software", handle, PASSWORD)
    batch.sign_one(ids[0], choice)
    seen: list[tuple[int, int]] = []
    summary = batch.sign_batch(ids, choice, progress=lambda n, total, _number: seen.append((n, total)))
    assert seen == [(n, 5) for n in range(1, 6)]
    assert [o.result for o in summary.outcomes] == ["skipped", "signed", "signed", "signed", "signed"]
    assert summary.lines()[0] == "Подписано: 4 из 5"
    assert _count(services, "signatures") == 5


def test_cancel_after_the_second_leaves_exactly_two_signed(services: Services, test_pki: Pki) -> None:
    handle = import_key(services, head_key(test_pki))
    ids = [store_upd(services, seed) for seed in range(20, 25)]
    cancel = threading.Event()
    signed: list[int] = []

    def on_change(changes: Changes) -> None:  # the user presses «Отмена» as the 2nd signature lands
        signed.extend(changes.documents_changed)
        if len(signed) == 2:
            cancel.set()

    services.events.subscribe(on_change)
    summary = BatchSigning.of(services).sign_batch(ids, SignerChoice("software", handle, PASSWORD), cancel=cancel)
    assert summary.cancelled and len(summary.of("signed")) == 2 and summary.untouched == 3
    assert [len(services.signing.signatures(i)) for i in ids] == [1, 1, 0, 0, 0]
    assert [services.library.get(i).status.value for i in ids[2:]] == ["validated"] * 3
    assert "Не обработано (отменено пользователем): 3" in summary.lines()


def test_a_wrong_password_stops_the_batch_and_stores_nothing(services: Services, test_pki: Pki) -> None:
    handle = import_key(services, head_key(test_pki))
    ids = [store_upd(services, seed) for seed in range(30, 33)]
    summary = BatchSigning.of(services).sign_batch(ids, SignerChoice("software", handle, "не тот"))
    [failed] = summary.of("failed")
    assert "Неверный пароль" in failed.reason and summary.untouched == 2
    assert _count(services, "signatures") == 0


def test_a_representative_batch_links_the_poa_to_every_document(services: Services, test_pki: Pki) -> None:
    head = head_key(test_pki)
    rep_handle = import_key(services, representative_key(test_pki))
    poa_id = store_poa(services, head)
    ids = [store_upd(services, seed) for seed in (40, 41)]
    batch = BatchSigning.of(services)
    [candidate] = batch.options(ids).candidates
    assert [option.id for option in candidate.poas] == [poa_id]
    summary = batch.sign_batch(ids, SignerChoice("software", rep_handle, PASSWORD, poa_id))
    assert len(summary.of("signed")) == 2
    assert services.poas.documents_using(poa_id) == ids
