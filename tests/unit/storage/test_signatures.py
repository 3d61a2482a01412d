"""SignatureRepository and migration 0002 on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from edo_app.errors import InputError, StorageError
from edo_app.model.kinds import DocumentStatus
from edo_app.storage import (
    Database,
    DocumentRepository,
    SignatureCheck,
    SignatureRepository,
    SignerFacts,
)
from tests.unit.storage.contract import DatabaseContract, OnPostgres, OnSqlite, opened, table_counts
from tests.unit.storage.factories import add_document
from tests.unit.storage.migrations_check import run_alembic, schema_diff

SIGNED_AT = datetime(2026, 6, 1, 12, 0, 5, tzinfo=UTC)
CHECKED_AT = datetime(2026, 6, 2, 9, 30, tzinfo=UTC)
FACTS = SignerFacts("Иванов Пётр Сергеевич", "01A2B3C4D5", "500100000199", SIGNED_AT)
GOOD = SignatureCheck(True, True, CHECKED_AT, (), ("нет атрибута signingCertificateV2",), "verified",
                      "цепочка проверена")
BAD = SignatureCheck(False, False, CHECKED_AT, ("хэш документа не совпадает с подписанным",), (),
                     "not_checked", "хранилище не задано")
DER = b"\x30\x03\x02\x01\x01"


class SignatureContract(DatabaseContract):
    @pytest.fixture
    def signatures(self, database: Database) -> SignatureRepository:
        return SignatureRepository(database)

    def test_add_and_list_round_trip(self, signatures: SignatureRepository, documents: DocumentRepository,
                                     doc_id: int) -> None:
        sig_id = signatures.add(doc_id, DER, GOOD, "Иванов", facts=FACTS)
        [stored] = signatures.list_for(doc_id)
        assert (stored.id, stored.document_id, stored.der) == (sig_id, doc_id, DER)
        assert (stored.signer, stored.cert_serial, stored.signer_inn) == (FACTS.name, "01A2B3C4D5", "500100000199")
        assert stored.signing_time == SIGNED_AT and stored.verified_at == CHECKED_AT
        assert (stored.valid, stored.trusted, stored.chain_status) == (True, True, "verified")
        assert stored.warnings == GOOD.warnings and stored.reasons == ()
        assert stored.created_at.tzinfo is UTC
        [added] = [e for e in documents.events(doc_id) if e.action == "signature.added"]
        assert added.actor == "Иванов" and added.details["signature_id"] == sig_id and added.details["valid"]
        assert signatures.get_der(sig_id) == DER

    def test_unverified_signature_has_no_verdict(self, signatures: SignatureRepository, doc_id: int) -> None:
        signatures.add(doc_id, DER, None, "")
        [stored] = signatures.list_for(doc_id)
        assert stored.valid is None and stored.trusted is None and stored.verified_at is None
        assert stored.chain_status is None and stored.reasons == () and stored.signer == ""

    def test_set_verdict_replaces_it_and_logs(self, signatures: SignatureRepository, documents: DocumentRepository,
                                              doc_id: int) -> None:
        sig_id = signatures.add(doc_id, DER, GOOD, "a", facts=FACTS)
        updated = signatures.set_verdict(sig_id, BAD, "проверка")
        assert updated.valid is False and updated.trusted is False
        assert updated.reasons == BAD.reasons and updated.chain_reason == "хранилище не задано"
        assert signatures.get(sig_id) == updated
        [verified] = [e for e in documents.events(doc_id) if e.action == "signature.verified"]
        assert verified.actor == "проверка" and verified.details["reasons"] == list(BAD.reasons)

    def test_status_changes_in_the_same_transaction(self, signatures: SignatureRepository,
                                                    documents: DocumentRepository, doc_id: int) -> None:
        signatures.add(doc_id, DER, GOOD, "a", facts=FACTS, status=DocumentStatus.SIGNED)
        assert documents.get(doc_id).status is DocumentStatus.SIGNED
        actions = [e.action for e in documents.events(doc_id)]
        assert actions == ["document.added", "signature.added", "document.status"]

    def test_unknown_document_is_refused_and_nothing_written(self, database: Database,
                                                             signatures: SignatureRepository, doc_id: int) -> None:
        before = table_counts(database)
        with pytest.raises(StorageError, match="Документ № 999 не найден"):
            signatures.add(999, DER, GOOD, "a", facts=FACTS, status=DocumentStatus.SIGNED)
        assert table_counts(database) == before

    def test_failure_after_insert_rolls_everything_back(self, database: Database, signatures: SignatureRepository,
                                                        doc_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
        from edo_app.storage import signatures as module

        def broken(*_: object) -> None:
            raise StorageError("сбой")

        monkeypatch.setattr(module.SignatureRepository, "_set_status", staticmethod(broken))
        before = table_counts(database)
        with pytest.raises(StorageError, match="сбой"):
            signatures.add(doc_id, DER, GOOD, "a", facts=FACTS, status=DocumentStatus.SIGNED)
        assert table_counts(database) == before

    def test_values_too_long_are_input_errors(self, signatures: SignatureRepository, doc_id: int) -> None:
        with pytest.raises(InputError, match="ИНН"):
            signatures.add(doc_id, DER, GOOD, "a", facts=SignerFacts("x", inn="1" * 13))
        with pytest.raises(InputError, match="подпись пуста"):
            signatures.add(doc_id, b"", GOOD, "a")
        assert signatures.list_for(doc_id) == []

    def test_unknown_signature(self, signatures: SignatureRepository) -> None:
        with pytest.raises(StorageError, match="Подпись № 5 не найдена"):
            signatures.get_der(5)
        with pytest.raises(StorageError, match="Подпись № 5 не найдена"):
            signatures.set_verdict(5, GOOD, "a")

    def test_several_signatures_in_order(self, signatures: SignatureRepository, database: Database,
                                         doc_id: int) -> None:
        other = add_document(database, 2)
        first = signatures.add(doc_id, DER, GOOD, "a", facts=FACTS)
        second = signatures.add(doc_id, DER + b"\x00", BAD, "b", facts=SignerFacts("Второй"))
        signatures.add(other, DER, None, "c")
        assert [s.id for s in signatures.list_for(doc_id)] == [first, second]
        assert [s.signer for s in signatures.list_for(doc_id)] == [FACTS.name, "Второй"]

    def test_migration_0002_down_and_up(self, url: str) -> None:
        """A signature written under 0001 survives 0002 as "never verified"; down and up again is clean."""
        run_alembic(url, "downgrade", "0001")
        with opened(url) as db:  # upgrades back to head, so go down again on a filled table
            doc_id = add_document(db)
            SignatureRepository(db).add(doc_id, DER, GOOD, "a", facts=FACTS)
        run_alembic(url, "downgrade", "0001")
        with opened(url) as db:
            with db.engine.connect() as conn:
                assert conn.execute(text("SELECT signer FROM signatures")).scalar_one() == FACTS.name
            [stored] = SignatureRepository(db).list_for(doc_id)
            assert stored.der == DER and stored.valid is None and stored.cert_serial is None
        assert schema_diff(url) == []


class TestSqliteSignatures(OnSqlite, SignatureContract):
    pass


class TestPostgresSignatures(OnPostgres, SignatureContract):
    pass
