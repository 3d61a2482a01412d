"""Property: any generated document survives build → parse → build unchanged, and is valid
against the official schema."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from lxml import etree

from edo_app.documents import UpdSeller, from_xml, sample_buyer_title, to_xml

from .conftest import assert_valid
from .strategies import upd_documents


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(upd_documents())
def test_build_parse_build_is_identity(doc: UpdSeller) -> None:
    data = to_xml(doc)
    parsed = from_xml(data)
    assert parsed == doc
    assert to_xml(parsed) == data


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(upd_documents())
def test_generated_documents_are_valid(seller_schema: etree.XMLSchema, doc: UpdSeller) -> None:
    assert_valid(seller_schema, to_xml(doc))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(upd_documents())
def test_buyer_titles_round_trip(buyer_schema: etree.XMLSchema, doc: UpdSeller) -> None:
    if doc.function == "СЧФ":
        return
    buyer = sample_buyer_title(doc, accept=len(doc.lines) % 2 == 0)
    data = to_xml(buyer)
    assert from_xml(data) == buyer
    assert to_xml(from_xml(data)) == data
    assert_valid(buyer_schema, data)
