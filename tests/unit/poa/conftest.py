"""Shared fixtures of the МЧД tests: the official EMCHD_1 schema (an oracle in ../shared)
and a МЧД that fills every optional field the model holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from lxml import etree

from edo_app.poa import Irrevocable, Power, PowerOfAttorney, Powers, sample_poa
from tests.oracles import EMCHD, require


@pytest.fixture(scope="session")
def emchd_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(require(EMCHD))))


def assert_valid(schema: etree.XMLSchema, data: bytes) -> None:
    ok = schema.validate(etree.fromstring(data))
    assert ok, str(schema.error_log)


def rich_poa() -> PowerOfAttorney:
    """Every optional field set: irrevocable, registry ids, tax offices, mnemonics."""
    powers = Powers("Подписывать УПД & счета-фактуры <в ЭДО>", (
        Power("SAMPLE.001", "Подписание счетов-фактур", "SAMPLE_SIGN_INVOICE"),), joint="2", loss_on_redelegation="1")
    return replace(sample_poa(11, principal="ip", representative="ip"), powers=powers,
                   irrevocable=Irrevocable("2", "1", "Отзыв только по решению суда"), extra_id="ДОП-1",
                   registered=date(2025, 3, 1), tax_office="7701", tax_offices=("7701", "7702"),
                   other_info="Иные сведения", knd="1110312", tax_file_id="НО-1", oid="1000000001")
