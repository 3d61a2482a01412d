"""What the registry shows of any document: parsed once on import, stored as columns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from edo_app.model.kinds import DocumentKind


@dataclass(frozen=True, slots=True)
class PartyRef:
    """A party as a document names it; identifiers as written (not re-validated)."""

    name: str
    inn: str = ""
    kpp: str = ""


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """Registry columns of a document. ``file_id`` is the root's @ИдФайл."""

    kind: DocumentKind
    file_id: str
    format_version: str
    knd: str = ""
    function: str = ""  # Функция of УПД: СЧФ, СЧФДОП, ДОП, ...
    number: str = ""
    doc_date: date | None = None
    seller: PartyRef | None = None
    buyer: PartyRef | None = None
    total: Decimal | None = None  # amount with VAT
    vat: Decimal | None = None
    currency: str = "643"
    answers: str = ""  # ИдФайл of the file this title answers (buyer's titles, ЭТрН titles after 1)
    refuses: bool = False  # the answer refuses it (buyer's title, ЭТрН title 05)
