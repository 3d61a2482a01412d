"""Fictional documents for storage tests (invented companies, valid ИНН check digits)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from edo_app.model.identifiers import check_inn
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.report import Issue, Report, Severity, Source
from edo_app.model.summary import DocumentSummary, PartyRef
from edo_app.storage import Database, DocumentRepository

_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def inn10(body: str) -> str:
    """A 10-digit ИНН of an organisation with the correct check digit."""
    inn = body + str(sum(int(d) * w for d, w in zip(body, _W10, strict=True)) % 11 % 10)
    assert check_inn(inn) is None
    return inn


ROMASHKA = PartyRef("ООО «Ромашка»", inn10("770812345"), "770801001")
LYUTIK = PartyRef("АО «Лютик-Снаб»", inn10("500198765"), "500101001")
VASILEK = PartyRef("ООО «Василёк»", inn10("290876543"), "290101001")

REPORT_OK = Report(file_name="doc.xml", schema_id="upd-5.03-seller")
REPORT_BAD = Report(
    file_name="doc.xml",
    schema_id="upd-5.03-seller",
    issues=(
        Issue("ИНН продавца: неверное контрольное число", "/Файл/Документ/СвСчФакт/СвПрод", "", 12,
              Severity.ERROR, Source.BUSINESS),
        Issue("Необязательное поле пусто", "/Файл/@ВерсПрог", "0400300003", None, Severity.WARNING,
              Source.RULES),
    ),
)

# windows-1251 bytes, as FNS files are: stored and returned byte for byte.
CONTENT = '<?xml version="1.0" encoding="windows-1251"?><Файл ИдФайл="x"/>'.encode("cp1251")


def summary(n: int = 1, **changes: object) -> DocumentSummary:
    """A УПД summary numbered ``n``: Ромашка sells to Лютик unless ``changes`` say otherwise."""
    base = DocumentSummary(
        kind=DocumentKind.UPD_SELLER,
        file_id=f"ON_NSCHFDOPPR_2BM-{LYUTIK.inn}_2BM-{ROMASHKA.inn}_20260301_{n:08d}-0000-0000-0000-000000000000",
        format_version="5.03",
        knd="1115131",
        function="СЧФДОП",
        number=f"УПД-{n}",
        doc_date=date(2026, 3, 1),
        seller=ROMASHKA,
        buyer=LYUTIK,
        total=Decimal("1200.00"),
        vat=Decimal("200.00"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def add_document(database: Database, n: int = 1, status: DocumentStatus = DocumentStatus.VALIDATED) -> int:
    """Stores outgoing document ``n`` (``summary(n)``, ``CONTENT``, ``REPORT_OK``); returns its id."""
    return DocumentRepository(database).add_document(summary(n), CONTENT, Direction.OUTGOING, status, REPORT_OK)
