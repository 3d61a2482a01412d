"""Checks no schema states: registration-number check digits, line arithmetic, totals, dates.

Every finding is an Issue with ``Source.BUSINESS``, a stable ``biz.*`` code, the XPath of the
exact attribute and a Russian message with the expected and the actual value.

Codes: biz.inn, biz.kpp, biz.ogrn, biz.snils (business_ids); biz.line.cost,
biz.line.tax, biz.line.total, biz.total.cost, biz.total.tax, biz.total.total, biz.total.qty
(business_lines; the cost of the carriage in ЭТрН title 07: business_etrn); biz.ukd.change,
biz.ukd.date (business_ukd, УКД); biz.date (warnings, here).
"""

from __future__ import annotations

from datetime import date, timedelta

from lxml import etree

from edo_app.model.report import Issue, Severity, Source
from edo_app.schemas.business_etrn import check_etrn_cost
from edo_app.schemas.business_ids import check_identifiers
from edo_app.schemas.business_lines import check_table, source_line
from edo_app.schemas.business_primary import check_primary_tables
from edo_app.schemas.business_ukd import check_ukd

__all__ = ["check_business", "check_dates", "check_identifiers", "check_table"]


def check_business(tree: etree._ElementTree, *, today: date | None = None) -> list[Issue]:
    """All business checks that apply to this document (arithmetic only where there is a table)."""
    issues = check_identifiers(tree)
    root = tree.getroot()
    if root.tag != "Файл":  # namespaced formats (МЧД) carry no invoice table or dates here
        return issues
    document = root.find("Документ")
    if document is None:
        return issues
    table = document.find("ТаблСчФакт")
    if table is not None:
        issues.extend(check_table(tree, table))
    if document.find("ТаблКСчФ") is not None:  # УКД: before/after pairs (business_ukd)
        issues.extend(check_ukd(tree, document))
    issues.extend(check_primary_tables(tree, document))  # акт / ТОРГ-12 5.01 (business_primary)
    issues.extend(check_etrn_cost(tree, document))  # ЭТрН title 07: the cost of the carriage (business_etrn)
    issues.extend(check_dates(tree, document, today or date.today()))
    return issues


def parse_fns_date(text: str | None) -> date | None:
    """``ДД.ММ.ГГГГ`` → date; anything else None (the XSD reports malformed dates)."""
    if not text or len(text) != 10 or text[2] != "." or text[5] != ".":
        return None
    try:
        return date(int(text[6:]), int(text[3:5]), int(text[:2]))
    except ValueError:
        return None


def check_dates(tree: etree._ElementTree, document: etree._Element, today: date) -> list[Issue]:
    """Warnings: the document dated after tomorrow; the file formed before the document date."""
    issues: list[Issue] = []
    invoice = document.find("СвСчФакт")
    doc_date = parse_fns_date(invoice.get("ДатаДок")) if invoice is not None else None
    formed = parse_fns_date(document.get("ДатаИнфПр"))
    latest = today + timedelta(days=1)  # a day's slack for time zones (Владивосток is ahead)
    if invoice is not None and doc_date is not None and doc_date > latest:
        issues.append(_warning(
            tree, invoice, "ДатаДок",
            f"Дата документа {doc_date:%d.%m.%Y} позже завтрашнего дня ({latest:%d.%m.%Y}): документ из будущего?",
        ))
    if formed is not None and formed > latest:
        issues.append(_warning(
            tree, document, "ДатаИнфПр",
            f"Дата формирования файла {formed:%d.%m.%Y} позже завтрашнего дня ({latest:%d.%m.%Y})",
        ))
    if doc_date is not None and formed is not None and formed < doc_date:
        issues.append(_warning(
            tree, document, "ДатаИнфПр",
            f"Файл сформирован {formed:%d.%m.%Y}, раньше даты самого документа {doc_date:%d.%m.%Y}",
        ))
    return issues


def _warning(tree: etree._ElementTree, element: etree._Element, attr: str, message: str) -> Issue:
    return Issue(
        message, xpath=f"{tree.getpath(element)}/@{attr}", code="biz.date", line=source_line(element),
        severity=Severity.WARNING, source=Source.BUSINESS,
    )
