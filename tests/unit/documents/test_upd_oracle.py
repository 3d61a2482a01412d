"""Every document the builders make is valid against the official УПД 5.03 XSDs (../shared)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from edo_app.documents import ACCEPTED_WITH_DISCREPANCIES, REFUSED, DocRef, sample_buyer_title, sample_upd, to_xml

from .conftest import DAY, assert_valid, rich_upd

FUNCTIONS = ("СЧФ", "СЧФДОП", "ДОП", "СвРК", "СвЗК")


@pytest.mark.parametrize("lines", [1, 200])
@pytest.mark.parametrize("function", FUNCTIONS)
def test_seller_title_valid(seller_schema: etree.XMLSchema, function: str, lines: int) -> None:
    for seed in range(3):  # seeds cover organisations, an ИП and МЧД signers
        assert_valid(seller_schema, to_xml(sample_upd(function, lines, seed)))


@pytest.mark.parametrize("function", FUNCTIONS)
def test_rich_seller_title_valid(seller_schema: etree.XMLSchema, function: str) -> None:
    assert_valid(seller_schema, to_xml(rich_upd(function)))


@pytest.mark.parametrize("accept", [True, False])
def test_buyer_title_valid(buyer_schema: etree.XMLSchema, accept: bool) -> None:
    for seed in range(3):
        doc = sample_buyer_title(sample_upd("СЧФДОП", 200, seed), accept=accept, seed=seed)
        assert doc.result == ("1" if accept else REFUSED)
        assert_valid(buyer_schema, to_xml(doc))


def test_buyer_with_discrepancy_document_valid(buyer_schema: etree.XMLSchema) -> None:
    doc = replace(sample_buyer_title(seed=1), result=ACCEPTED_WITH_DISCREPANCIES,
                  discrepancy_doc=DocRef("Акт о расхождениях", "Р-1", DAY, file_id="ON_AKT"))
    assert_valid(buyer_schema, to_xml(doc))


def test_schema_catches_a_broken_document(seller_schema: etree.XMLSchema) -> None:
    """The oracle is live: a file with a wrong КНД is refused."""
    data = to_xml(sample_upd()).replace(b"1115131", b"1115999")
    assert not seller_schema.validate(etree.fromstring(data))
