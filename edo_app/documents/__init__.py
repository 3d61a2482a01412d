"""Document kinds as typed dataclasses with XML build and parse.

УПД 5.03: seller title (UpdSeller) and buyer title (UpdBuyer); to_xml / from_xml round-trip
exactly. registry.identify / registry.summarize recognise files of any supported version
(УПД 5.01–5.03) and never fail on unknown well-formed XML.

УКД 5.01: seller title (UkdSeller: ukd_to_xml / ukd_from_xml, build_from_original from the
corrected УПД) and buyer title (UkdBuyer); both round-trip exactly.

Акт and ТОРГ-12 5.01 (ММВ-7-10/551@): seller titles ActSeller / Torg12Seller and the
answering titles (PrimaryAnswer: accept or refuse); primary_to_xml / primary_from_xml
round-trip exactly; act_from_json / torg12_from_json read the JSON input.

Service documents of the regulated flow (ИОП, ПДО, ПДП, УОУ, ПоА): ReceiptNotice,
OperatorConfirmation, ClarificationRequest, AnnulmentProposal; service_to_xml /
service_from_xml round-trip exactly; receipt_notice_for & co. build them from the answered file.

HR 1.01 (edo-app's own format, docs/formats/hr.md; 1.00 files are read too): employee statements,
notices, orders and acknowledgements (HrDocument, KINDS), the employer an organisation or an ИП;
hr_to_xml / hr_from_xml round-trip exactly; hr_from_json reads the JSON input; order_for /
acknowledgement_for build the answers of the HR flow.

ЭТрН 5.01 (ЕД-7-26/1065@): title 1 EtrnShipper and the answering titles 02/05/06 EtrnReply;
etrn_to_xml / etrn_from_xml round-trip exactly; reply_for builds the next party's title;
etrn_from_json reads the JSON input (docs/etrn-input.md). Title 04 (EtrnChange: the carrier's driver
and/or vehicle change, built on its title 02 by change_for) and title 03 (EtrnReaddress, readdress_for)
read back with etrn_any_from_xml.
Titles 07/08 (the ПУД: the carrier's cost of the carriage EtrnPudCarrier, formed from its title 06 by
cost_for; the shipper's answer EtrnPudShipper by answer_for) round-trip with pud_to_xml / pud_from_xml.
"""

from __future__ import annotations

from edo_app.model.problems import InputErrors

from .act_model import ActSeller, act_answer_for
from .etrn_change import EtrnChange, VehicleChange, change_for
from .etrn_change_samples import sample_etrn_change, sample_etrn_readdress
from .etrn_io import EtrnAny, etrn_any_from_xml, etrn_from_xml, etrn_to_xml, reply_for
from .etrn_json import etrn_from_json
from .etrn_model import EtrnReply, EtrnShipper, EtrnTitle, Remarks, Unloading
from .etrn_pud import CarriageCost, EtrnPud, EtrnPudCarrier, EtrnPudShipper, PartyExtras, ThirdPartyPayer, cost_at
from .etrn_pud_flow import answer_for, cost_for, sample_pud
from .etrn_pud_xml import pud_from_xml, pud_to_xml
from .etrn_readdress import EtrnReaddress, readdress_for
from .etrn_samples import sample_etrn, sample_etrn_title
from .etrn_types import CargoItem, Driver, EtrnParty, EtrnSigner, Loading, TitleRef, Vehicle
from .hr_build import acknowledgement_for, order_for
from .hr_json import hr_from_json
from .hr_model import KINDS as HR_KINDS
from .hr_model import HrDocument
from .hr_samples import sample_hr
from .hr_types import HrDocRef, HrEmployee, HrEmployer, HrEntrepreneur, HrOrganisation, HrSigner
from .hr_xml import hr_from_xml, hr_to_xml
from .primary_answer import PrimaryAnswer
from .primary_io import PrimaryDocument, primary_from_xml, primary_to_xml
from .primary_json import act_from_json, torg12_from_json
from .primary_samples import sample_act, sample_act_answer, sample_torg12, sample_torg12_answer
from .primary_types import Basis, Handler, Member, PlainAddress, PrimarySigner, SellerHead, ValueLine
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
from .torg12_model import Torg12Seller, torg12_answer_for
from .ukd_build import ukd_to_xml
from .ukd_buyer import UkdBuyer, ukd_buyer_from_xml, ukd_buyer_title_for, ukd_buyer_to_xml
from .ukd_json import ukd_from_json
from .ukd_model import Agreement, BasisDoc, CorrectedInvoice, LineState, UkdLine, UkdSeller, UkdSigner
from .ukd_original import LineChange, build_from_original, build_from_originals
from .ukd_parse import ukd_from_xml
from .ukd_samples import sample_ukd, sample_ukd_buyer
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
    "HR_KINDS",
    "REFUSED",
    "SAME_AS_SELLER",
    "SERVICE_FORMATS",
    "ActSeller",
    "Address",
    "Agreement",
    "AnnulmentProposal",
    "Basis",
    "BasisDoc",
    "CargoItem",
    "CarriageCost",
    "ClarificationRequest",
    "CorrectedInvoice",
    "Correction",
    "Customs",
    "DocRef",
    "Driver",
    "EdoOperator",
    "EdoParticipant",
    "Employee",
    "EtrnAny",
    "EtrnChange",
    "EtrnParty",
    "EtrnPud",
    "EtrnPudCarrier",
    "EtrnPudShipper",
    "EtrnReaddress",
    "EtrnReply",
    "EtrnShipper",
    "EtrnSigner",
    "EtrnTitle",
    "ForeignMember",
    "ForeignParty",
    "GoodsLine",
    "Handler",
    "HrDocRef",
    "HrDocument",
    "HrEmployee",
    "HrEmployer",
    "HrEntrepreneur",
    "HrOrganisation",
    "HrSigner",
    "InputErrors",
    "LineChange",
    "LineState",
    "Loading",
    "Member",
    "OperatorConfirmation",
    "PaperPoa",
    "Participant",
    "PartyExtras",
    "PlainAddress",
    "PoaRef",
    "PrimaryAnswer",
    "PrimaryDocument",
    "PrimarySigner",
    "ReceiptNotice",
    "ReferencedFile",
    "Remarks",
    "SellerFileRef",
    "SellerHead",
    "ServiceDocument",
    "ServiceFormat",
    "ServicePaperPoa",
    "ServicePoa",
    "ServiceSigner",
    "Signer",
    "ThirdPartyPayer",
    "TitleRef",
    "Torg12Seller",
    "Totals",
    "Transfer",
    "UkdBuyer",
    "UkdLine",
    "UkdSeller",
    "UkdSigner",
    "Unloading",
    "UpdBuyer",
    "UpdDocument",
    "UpdSeller",
    "ValueLine",
    "Vehicle",
    "VehicleChange",
    "acknowledgement_for",
    "act_answer_for",
    "act_from_json",
    "annulment_proposal_for",
    "answer_for",
    "build_from_original",
    "build_from_originals",
    "buyer_from_xml",
    "buyer_title_for",
    "buyer_to_xml",
    "change_for",
    "clarification_request_for",
    "compute_totals",
    "cost_at",
    "cost_for",
    "dropped_parts",
    "etrn_any_from_xml",
    "etrn_from_json",
    "etrn_from_xml",
    "etrn_to_xml",
    "file_name",
    "from_xml",
    "hr_from_json",
    "hr_from_xml",
    "hr_to_xml",
    "identify",
    "make_line",
    "operator_confirmation",
    "order_for",
    "primary_from_xml",
    "primary_to_xml",
    "pud_from_xml",
    "pud_to_xml",
    "readdress_for",
    "receipt_notice_for",
    "reply_for",
    "sample_act",
    "sample_act_answer",
    "sample_buyer_title",
    "sample_etrn",
    "sample_etrn_change",
    "sample_etrn_readdress",
    "sample_etrn_title",
    "sample_hr",
    "sample_pud",
    "sample_service",
    "sample_torg12",
    "sample_torg12_answer",
    "sample_ukd",
    "sample_ukd_buyer",
    "sample_upd",
    "seller_from_xml",
    "seller_to_xml",
    "service_from_xml",
    "service_to_xml",
    "summarize",
    "to_xml",
    "torg12_answer_for",
    "torg12_from_json",
    "ukd_buyer_from_xml",
    "ukd_buyer_title_for",
    "ukd_buyer_to_xml",
    "ukd_from_json",
    "ukd_from_xml",
    "ukd_to_xml",
    "upd_from_json",
]
