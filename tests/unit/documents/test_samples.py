"""sample_upd / sample_buyer_title: deterministic, realistic, valid identifiers, scalable."""

from __future__ import annotations

import pytest

from edo_app.documents import compute_totals, sample_buyer_title, sample_upd
from edo_app.model import identifiers as ids
from edo_app.model.party import Party


@pytest.mark.parametrize("seed", range(8))
def test_identifiers_have_valid_check_digits(seed: int) -> None:
    doc = sample_upd(seed=seed)
    for member in (*doc.sellers, *doc.buyers):
        party = member.party
        assert isinstance(party, Party)
        assert ids.check_inn(party.inn) is None
        if party.kpp:
            assert ids.check_kpp(party.kpp) is None
        if party.ogrn:
            assert ids.check_ogrn(party.ogrn) is None


def test_deterministic_and_varied() -> None:
    assert sample_upd(seed=3) == sample_upd(seed=3)
    assert sample_upd(seed=3) != sample_upd(seed=4)
    doc = sample_upd(lines=60, seed=1)
    assert len({line.vat_rate for line in doc.lines}) >= 4
    assert [line.number for line in doc.lines] == list(range(1, 61))
    kinds = {sample_upd(seed=s).seller.party.is_organisation for s in range(4)}  # type: ignore[union-attr]
    assert kinds == {True, False}  # seed 3 gives an ИП seller
    assert any(sample_upd(seed=s).signers[0].authority == 3 for s in range(3))


def test_scales_to_ten_thousand_lines() -> None:
    doc = sample_upd(lines=10_000, seed=7)
    assert len(doc.lines) == 10_000
    assert doc.totals == compute_totals(doc.lines)
    assert doc.totals.with_vat > doc.totals.without_vat


def test_buyer_title_sample_answers_its_seller() -> None:
    seller = sample_upd("ДОП", 2, seed=11)
    buyer = sample_buyer_title(seller, accept=False, seed=11)
    assert buyer.seller_file.file_id == str(seller.file_id)
    assert buyer.result == "3" and buyer.accepted_on >= seller.doc_date
