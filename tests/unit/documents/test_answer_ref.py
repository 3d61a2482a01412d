"""summarize names the file a title answers (answer_ref), tolerantly: odd content gives nothing."""

from __future__ import annotations

import itertools

from edo_app.documents import (
    etrn_to_xml,
    pud_to_xml,
    sample_buyer_title,
    sample_etrn,
    sample_etrn_change,
    sample_etrn_title,
    sample_upd,
    summarize,
    to_xml,
)
from edo_app.documents.etrn_pud_flow import sample_pud
from edo_app.model.summary import DocumentSummary
from edo_app.xmlio import parse_bytes, to_bytes


def _summary(data: bytes) -> DocumentSummary:
    return summarize(parse_bytes(data))


def test_every_later_etrn_title_names_the_one_before() -> None:
    chain = [sample_etrn(seed=3), *(sample_etrn_title(s, 3) for s in ("2", "5", "6"))]
    assert (_summary(etrn_to_xml(chain[0])).answers, _summary(etrn_to_xml(chain[0])).refuses) == ("", False)
    for before, title in itertools.pairwise(chain):
        assert _summary(etrn_to_xml(title)).answers == str(before.file_id)
    assert _summary(etrn_to_xml(sample_etrn_change(3))).answers == str(chain[1].file_id)
    assert _summary(pud_to_xml(sample_pud("7", 3))).answers == str(chain[3].file_id)
    assert _summary(pud_to_xml(sample_pud("8", 3))).answers == str(sample_pud("7", 3).file_id)
    refused = _summary(etrn_to_xml(sample_etrn_title("5", 3, accepted=False)))
    assert refused.refuses and refused.answers == str(chain[1].file_id)


def test_a_buyers_title_names_the_seller_file_and_its_refusal() -> None:
    seller = sample_upd(seed=2)
    accepted, refused = (_summary(to_xml(sample_buyer_title(seller, accept=a, seed=2))) for a in (True, False))
    assert (accepted.answers, accepted.refuses) == (str(seller.file_id), False)
    assert (refused.answers, refused.refuses) == (str(seller.file_id), True)
    assert _summary(to_xml(seller)).answers == ""


def test_a_title_without_its_reference_answers_nothing() -> None:
    root = parse_bytes(to_xml(sample_buyer_title(sample_upd(seed=2), seed=2))).getroot()
    body = root.find("Документ")
    assert body is not None
    ref = body.find("ИдИнфПрод")
    assert ref is not None
    body.remove(ref)
    damaged = summarize(parse_bytes(to_bytes(root)))
    assert (damaged.answers, damaged.refuses, damaged.number != "") == ("", False, True)
