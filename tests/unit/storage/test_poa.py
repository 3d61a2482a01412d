"""PoaRepository and migration 0003 on SQLite and on a real PostgreSQL server.

Fictional parties with valid check digits (the same as tests/unit/schemas/test_own_xsd_emchd.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from edo_app.errors import InputError, StorageError
from edo_app.model.kinds import DocumentStatus
from edo_app.storage import (
    Database,
    DocumentRepository,
    PoaFacts,
    PoaPerson,
    PoaQuery,
    PoaRepository,
    SignatureCheck,
    SignatureRepository,
    SignerFacts,
)
from edo_app.storage.poa import NewPoaSignature
from tests.unit.storage.contract import DatabaseContract, OnPostgres, OnSqlite, opened, table_counts
from tests.unit.storage.factories import add_document
from tests.unit.storage.migrations_check import run_alembic, schema_diff

NUMBER_1 = "3F2B6C1E-8A4D-4C7E-9B1A-2D5E6F7A8B9C"  # upper case on purpose: GUIDs ignore case
NUMBER_2 = "0c1e6f2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
NUMBER_3 = "7d4a9e10-52c3-4b8f-a1d6-9e8f7a6b5c4d"
REP = PoaPerson("Щеглов Лев Романович", "631598765400", "12345678964")
OTHER_REP = PoaPerson("Чижова Злата Игнатьевна", "770123456703", "13579246894")
FACTS = PoaFacts(NUMBER_1, f"ON_EMCHD_20260112_{NUMBER_1}", date(2026, 1, 12), date(2026, 12, 31),
                 "5027349616", "502701001", "ООО «Ёлочка»", (REP, OTHER_REP))
XML = '<?xml version="1.0" encoding="UTF-8"?><Доверенность ИдФайл="x"/>'.encode()
SIGNED_AT = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)
GOOD = SignatureCheck(True, True, datetime(2026, 1, 13, tzinfo=UTC), chain_status="verified")
BAD = SignatureCheck(False, False, datetime(2026, 1, 13, tzinfo=UTC), ("хэш не совпадает",))
SIGNER = SignerFacts("Скворцов Аркадий Романович", "0A1B", "502712345651", SIGNED_AT)
DER = b"\x30\x03\x02\x01\x01"
POA_TABLES = ("powers_of_attorney", "poa_signatures", "poa_revocations", "document_poa", "events")


def counts(db: Database) -> dict[str, int]:
    return table_counts(db, POA_TABLES)


def other(number: str, **changes: object) -> PoaFacts:
    """A second МЧД: another number, principal and representative unless ``changes`` say otherwise."""
    base = replace(FACTS, number=number, file_id=f"ON_EMCHD_20260201_{number}", issued=date(2026, 2, 1),
                   valid_to=date(2026, 3, 31), principal_inn="7701234560", principal_kpp="770101001",
                   principal_name="АО «Кедровый бор»", representatives=(OTHER_REP,))
    return replace(base, **changes)  # type: ignore[arg-type]


class PoaContract(DatabaseContract):
    DOC_STATUS = DocumentStatus.SIGNED

    @pytest.fixture
    def repo(self, database: Database) -> PoaRepository:
        return PoaRepository(database)

    def test_add_then_get_round_trips_facts_and_bytes(self, repo: PoaRepository) -> None:
        poa_id = repo.add(XML, FACTS, "Скворцов")
        stored = repo.get(poa_id)
        assert stored.content == XML and repo.get_content(poa_id) == XML
        assert stored.row.facts == replace(FACTS, number=NUMBER_1.lower())
        assert stored.row.representative == REP and stored.row.facts.representatives == (REP, OTHER_REP)
        assert stored.row.revoked_at is None and stored.row.signed is False and stored.signatures == ()
        assert len(stored.row.sha256) == 64 and stored.row.created_at.tzinfo is not None
        [event] = repo.events(poa_id)
        assert (event.action, event.actor, event.document_id) == ("poa.added", "Скворцов", None)
        assert event.details == {"poa_id": poa_id, "number": NUMBER_1.lower(), "file_id": FACTS.file_id}

    def test_find_by_number_ignores_case(self, repo: PoaRepository) -> None:
        poa_id = repo.add(XML, FACTS)
        found = repo.find_by_number(NUMBER_1.lower())
        assert found is not None and found.id == poa_id and found.number == NUMBER_1.lower()
        assert repo.find_by_number(NUMBER_2) is None

    def test_duplicate_number_is_refused_and_leaves_nothing(self, repo: PoaRepository, database: Database) -> None:
        repo.add(XML, FACTS)
        before = counts(database)
        again = replace(FACTS, number=NUMBER_1.lower(), file_id="ON_EMCHD_other")
        with pytest.raises(StorageError, match="уже есть в базе") as caught:
            repo.add(XML + b" ", again, signatures=[NewPoaSignature(DER, GOOD, SIGNER)])
        assert "UNIQUE" not in str(caught.value) and "duplicate" not in str(caught.value)
        assert counts(database) == before

    def test_bad_input_writes_nothing(self, repo: PoaRepository, database: Database) -> None:
        before = counts(database)
        with pytest.raises(InputError, match="пуст"):
            repo.add(b"", FACTS)
        with pytest.raises(InputError, match="1 МБ"):
            repo.add(XML, FACTS, signatures=[NewPoaSignature(b"\x30" * ((1 << 20) + 1), None)])
        with pytest.raises(InputError, match="длиннее"):
            repo.add(XML, replace(FACTS, principal_inn="1" * 13))
        with pytest.raises(InputError, match="представител"):
            repo.add(XML, replace(FACTS, representatives=()))
        assert counts(database) == before

    def test_signatures_with_the_poa_and_later(self, repo: PoaRepository) -> None:
        poa_id = repo.add(XML, FACTS, "импорт", signatures=[NewPoaSignature(DER, BAD, SIGNER)])
        assert repo.get(poa_id).row.signed is False  # only a verified signature counts
        second = repo.add_signature(poa_id, DER + b"\x00", GOOD, "Скворцов", facts=SIGNER)
        first, stored = repo.get(poa_id).signatures
        assert (first.valid, first.reasons) == (False, ("хэш не совпадает",))
        assert stored.id == second and stored.der == DER + b"\x00" and stored.valid and stored.trusted
        assert (stored.signer, stored.cert_serial, stored.signer_inn) == (SIGNER.name, "0A1B", "502712345651")
        assert stored.signing_time == SIGNED_AT and stored.chain_status == "verified"
        assert repo.get_signature(second) == stored and repo.signatures(poa_id) == [first, stored]
        assert repo.get(poa_id).row.signed is True
        assert [e.action for e in repo.events(poa_id)] == ["poa.added", "poa.signature.added",
                                                             "poa.signature.added"]

    def test_unknown_poa(self, repo: PoaRepository, database: Database) -> None:
        with pytest.raises(StorageError, match="Доверенность № 404 не найдена"):
            repo.get(404)
        with pytest.raises(StorageError, match="не найдена"):
            repo.get_content(404)
        with pytest.raises(StorageError, match="не найдена"):
            repo.add_signature(404, DER, GOOD)
        with pytest.raises(StorageError, match="не найдена"):
            repo.get_signature(404)
        assert counts(database)["poa_signatures"] == 0

    def test_list_filters(self, repo: PoaRepository) -> None:
        first = repo.add(XML, FACTS)
        second = repo.add(XML, other(NUMBER_2))
        assert [r.id for r in repo.list()] == [second, first]  # the latest issued first
        assert [r.id for r in repo.list(PoaQuery(text="ЕЛОЧКА"))] == [first]  # case and ё ignored
        assert [r.id for r in repo.list(PoaQuery(text="чижова"))] == [second, first]  # any representative
        assert [r.id for r in repo.list(PoaQuery(text="631598765400"))] == [first]
        assert [r.id for r in repo.list(PoaQuery(text="3f2b6c1e"))] == [first]
        assert [r.id for r in repo.list(PoaQuery(text="%"))] == []  # LIKE wildcards are plain text
        assert [r.id for r in repo.list(PoaQuery(valid_on=date(2026, 4, 1)))] == [first]
        assert [r.id for r in repo.list(PoaQuery(valid_on=date(2026, 1, 11)))] == []
        assert [r.id for r in repo.list(PoaQuery(valid_on=date(2026, 3, 31)))] == [second, first]  # inclusive
        assert [r.id for r in repo.list(PoaQuery(principal_inn="7701234560"))] == [second]
        with pytest.raises(InputError):
            repo.list(limit=0)

    def test_revocations_are_recorded_once_per_source(self, repo: PoaRepository, database: Database) -> None:
        poa_id = repo.add(XML, FACTS)
        later, earlier = datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 4, 1, 9, 30, tzinfo=UTC)
        first = repo.record_revocation(NUMBER_1, later, "user", "Скворцов")
        assert (first.number, first.revoked_at, first.source) == (NUMBER_1.lower(), later, "user")
        assert repo.record_revocation(NUMBER_1.lower(), earlier, "user") == first  # same source: unchanged
        repo.record_revocation(NUMBER_1, earlier, "operator")
        assert [(r.source, r.revoked_at) for r in repo.revocations(NUMBER_1)] == [("user", later),
                                                                                  ("operator", earlier)]
        assert repo.get(poa_id).row.revoked_at == earlier  # the earliest report counts
        revoked = [e for e in repo.events(poa_id) if e.action == "poa.revoked"]
        assert [(e.actor, e.details["source"]) for e in revoked] == [("Скворцов", "user"), ("", "operator")]
        assert counts(database)["poa_revocations"] == 2

    def test_revocation_filter_and_unknown_numbers(self, repo: PoaRepository) -> None:
        at = datetime(2026, 2, 10, tzinfo=UTC)
        assert repo.record_revocations([(NUMBER_2, at, "operator"), (NUMBER_3, at, "operator"),
                                        (NUMBER_2, at, "operator")]) == 2  # unknown МЧД are kept too
        first, second = repo.add(XML, FACTS), repo.add(XML, other(NUMBER_2))
        assert repo.get(second).row.revoked_at == at  # a revocation recorded before the МЧД arrived
        assert [r.id for r in repo.list(PoaQuery(include_revoked=False))] == [first]
        assert [r.id for r in repo.list(PoaQuery())] == [second, first]
        with pytest.raises(InputError, match="часовым поясом"):
            repo.record_revocation(NUMBER_1, datetime(2026, 2, 10), "user")
        with pytest.raises(InputError, match="источник"):
            repo.record_revocation(NUMBER_1, at, " ")

    def test_links_between_documents_and_poa(self, repo: PoaRepository, database: Database, doc_id: int) -> None:
        poa_id = repo.add(XML, FACTS)
        other_id = repo.add(XML, other(NUMBER_2))
        link = repo.link_document(doc_id, poa_id, None, "Щеглов")
        assert (link.document_id, link.poa_id, link.signature_id) == (doc_id, poa_id, None)
        signature_id = SignatureRepository(database).add(doc_id, DER, GOOD, "Щеглов", facts=SIGNER)
        assert repo.link_document(doc_id, poa_id, signature_id).signature_id == signature_id
        assert repo.link_document(doc_id, poa_id).signature_id == signature_id  # no signature: kept
        repo.link_document(doc_id, other_id)
        assert repo.documents_using(poa_id) == [doc_id] and repo.documents_using(404) == []
        assert [(x.poa_id, x.signature_id) for x in repo.links(doc_id)] == [(poa_id, signature_id), (other_id, None)]
        linked = [e for e in DocumentRepository(database).events(doc_id) if e.action == "poa.linked"]
        assert [e.details for e in linked] == [{"poa_id": poa_id, "signature_id": None},
                                               {"poa_id": poa_id, "signature_id": signature_id},
                                               {"poa_id": other_id, "signature_id": None}]

    def test_bad_links_write_nothing(self, repo: PoaRepository, database: Database, doc_id: int) -> None:
        poa_id = repo.add(XML, FACTS)
        second_doc = add_document(database, 2, DocumentStatus.SIGNED)
        foreign = SignatureRepository(database).add(second_doc, DER, GOOD, "x")
        before = counts(database)
        with pytest.raises(StorageError, match="Документ № 404 не найден"):
            repo.link_document(404, poa_id)
        with pytest.raises(StorageError, match="Доверенность № 404 не найдена"):
            repo.link_document(doc_id, 404)
        with pytest.raises(InputError, match="не относится к документу"):
            repo.link_document(doc_id, poa_id, foreign)
        assert counts(database) == before

    def test_migration_0003_down_and_up(self, url: str) -> None:
        """0003 goes down to 0002 leaving the older tables alone, and comes back clean."""
        with opened(url) as db:
            PoaRepository(db).add(XML, FACTS)
        run_alembic(url, "downgrade", "0002")
        with opened(url) as db:  # upgrades back to head: the tables are new and empty
            assert PoaRepository(db).list() == []
            assert [e.action for e in DocumentRepository(db).events(1)] == []
        assert schema_diff(url) == []


class TestSqlitePoa(OnSqlite, PoaContract):
    pass


class TestPostgresPoa(OnPostgres, PoaContract):
    pass
