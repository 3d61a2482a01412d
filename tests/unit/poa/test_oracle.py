"""Oracle: every МЧД the builders make is valid against the official EMCHD_1 XSD (../shared)."""

from __future__ import annotations

import pytest
from lxml import etree

from edo_app.poa import poa_from_json, poa_to_xml, sample_poa
from tests.oracles import PROJECT

from .conftest import assert_valid, rich_poa


@pytest.mark.parametrize("representative", ["fl", "ul", "ip"])
@pytest.mark.parametrize("principal", ["ul", "ip", "fl"])
def test_samples_are_valid(emchd_schema: etree.XMLSchema, principal: str, representative: str) -> None:
    for seed in range(3):
        poa = sample_poa(seed, principal=principal, representative=representative)  # type: ignore[arg-type]
        child = sample_poa(seed + 10, redelegation_of=poa)
        grandchild = sample_poa(seed + 20, redelegation_of=child)
        for item in (poa, child, grandchild):
            assert_valid(emchd_schema, poa_to_xml(item))


def test_rich_poa_is_valid(emchd_schema: etree.XMLSchema) -> None:
    assert_valid(emchd_schema, poa_to_xml(rich_poa()))


@pytest.mark.parametrize("name", ["poa-ul-employee.json", "poa-redelegation.json"])
def test_json_samples_are_valid(emchd_schema: etree.XMLSchema, name: str) -> None:
    import json

    data = json.loads((PROJECT / "resources" / "samples" / name).read_text(encoding="utf-8"))
    assert_valid(emchd_schema, poa_to_xml(poa_from_json(data)))
