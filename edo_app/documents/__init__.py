"""Document kinds as typed dataclasses with XML build and parse.

УПД 5.03: seller title (UpdSeller) and buyer title (UpdBuyer); to_xml / from_xml round-trip
exactly. registry.identify / registry.summarize recognise files of any supported version
(УПД 5.01–5.03) and never fail on unknown well-formed XML.
"""

from __future__ import annotations

from edo_app.model.problems import InputErrors

from .registry import identify, summarize
from .samples import sample_buyer_title, sample_upd
from .upd_build import seller_to_xml
from .upd_buyer import (
    ACCEPTED,
    ACCEPTED_WITH_DISCREPANCIES,
    REFUSED,
    SellerFileRef,
    UpdBuyer,
    buyer_from_xml,
    buyer_title_for,
    buyer_to_xml,
)
from .upd_io import UpdDocument, dropped_parts, file_name, from_xml, to_xml
from .upd_json import upd_from_json
from .upd_model import Correction, Customs, GoodsLine, Totals, Transfer, UpdSeller, compute_totals, make_line
from .upd_parse import seller_from_xml
from .upd_types import (
    SAME_AS_SELLER,
    Address,
    DocRef,
    Employee,
    ForeignParty,
    PaperPoa,
    Participant,
    PoaRef,
    Signer,
)

__all__ = [
    "ACCEPTED",
    "ACCEPTED_WITH_DISCREPANCIES",
    "REFUSED",
    "SAME_AS_SELLER",
    "Address",
    "Correction",
    "Customs",
    "DocRef",
    "Employee",
    "ForeignParty",
    "GoodsLine",
    "InputErrors",
    "PaperPoa",
    "Participant",
    "PoaRef",
    "SellerFileRef",
    "Signer",
    "Totals",
    "Transfer",
    "UpdBuyer",
    "UpdDocument",
    "UpdSeller",
    "buyer_from_xml",
    "buyer_title_for",
    "buyer_to_xml",
    "compute_totals",
    "dropped_parts",
    "file_name",
    "from_xml",
    "identify",
    "make_line",
    "sample_buyer_title",
    "sample_upd",
    "seller_from_xml",
    "seller_to_xml",
    "summarize",
    "to_xml",
    "upd_from_json",
]
