"""Document kinds as typed dataclasses with XML build and parse.

УПД 5.03: seller title (UpdSeller) and buyer title (UpdBuyer); to_xml / from_xml round-trip
exactly. registry.identify / registry.summarize recognise files of any supported version
(УПД 5.01–5.03) and never fail on unknown well-formed XML.

Service documents of the regulated flow (ИОП, ПДО, ПДП, УОУ, ПоА): ReceiptNotice,
OperatorConfirmation, ClarificationRequest, AnnulmentProposal; service_to_xml /
service_from_xml round-trip exactly; receipt_notice_for & co. build them from the answered file.
"""

from __future__ import annotations

from edo_app.model.problems import InputErrors

from .registry import identify, summarize
from .samples import sample_buyer_title, sample_service, sample_upd
from .service_build import service_to_xml
from .service_flow import (
    annulment_proposal_for,
    clarification_request_for,
    file_name,
    operator_confirmation,
    receipt_notice_for,
)
from .service_model import (
    SERVICE_FORMATS,
    AnnulmentProposal,
    ClarificationRequest,
    OperatorConfirmation,
    ReceiptNotice,
    ServiceDocument,
    ServiceFormat,
)
from .service_parse import service_from_xml
from .service_types import (
    EdoOperator,
    EdoParticipant,
    ForeignMember,
    ReferencedFile,
    ServicePaperPoa,
    ServicePoa,
    ServiceSigner,
)
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
from .upd_io import UpdDocument, dropped_parts, from_xml, to_xml
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
    "SERVICE_FORMATS",
    "Address",
    "AnnulmentProposal",
    "ClarificationRequest",
    "Correction",
    "Customs",
    "DocRef",
    "EdoOperator",
    "EdoParticipant",
    "Employee",
    "ForeignMember",
    "ForeignParty",
    "GoodsLine",
    "InputErrors",
    "OperatorConfirmation",
    "PaperPoa",
    "Participant",
    "PoaRef",
    "ReceiptNotice",
    "ReferencedFile",
    "SellerFileRef",
    "ServiceDocument",
    "ServiceFormat",
    "ServicePaperPoa",
    "ServicePoa",
    "ServiceSigner",
    "Signer",
    "Totals",
    "Transfer",
    "UpdBuyer",
    "UpdDocument",
    "UpdSeller",
    "annulment_proposal_for",
    "buyer_from_xml",
    "buyer_title_for",
    "buyer_to_xml",
    "clarification_request_for",
    "compute_totals",
    "dropped_parts",
    "file_name",
    "from_xml",
    "identify",
    "make_line",
    "operator_confirmation",
    "receipt_notice_for",
    "sample_buyer_title",
    "sample_service",
    "sample_upd",
    "seller_from_xml",
    "seller_to_xml",
    "service_from_xml",
    "service_to_xml",
    "summarize",
    "to_xml",
    "upd_from_json",
]
