"""What is this file? Maps root element, КНД, ВерсФорм and the ИдФайл prefix to a DocumentKind,
and gives the registry columns (DocumentSummary) of every supported УПД version.

Never raises on well-formed XML: anything it does not know is DocumentKind.UNKNOWN with
whatever could be read (file id, version, КНД).
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from edo_app.model.kinds import DocumentKind
from edo_app.model.summary import DocumentSummary

from . import legacy
from .answer_ref import answer_ref
from .etrn_summary import etrn_summary
from .hr_model import HR_PREFIXES
from .hr_summary import hr_summary
from .hr_types import HR_VERSIONS
from .primary_summary import PRIMARY_SUMMARIES
from .service_parse import service_summary
from .ukd_summary import ukd_buyer_summary, ukd_seller_summary

Element = etree._Element

# КНД codes from the formats' orders (DOMAIN.md §1)
KND_KINDS: dict[str, DocumentKind] = {
    "1115131": DocumentKind.UPD_SELLER,
    "1115132": DocumentKind.UPD_BUYER,
    "1115133": DocumentKind.UKD_SELLER,
    "1115134": DocumentKind.UKD_BUYER,
    "1175010": DocumentKind.TORG12_SELLER,
    "1175011": DocumentKind.TORG12_BUYER,
    "1175012": DocumentKind.ACT_SELLER,
    "1175013": DocumentKind.ACT_BUYER,
    **{str(k): DocumentKind.ETRN for k in range(1110339, 1110347)},
    **{str(k): DocumentKind.SERVICE for k in range(1115110, 1115114)},
}
# Longest prefixes first: ON_NSCHFDOPPOK must not be taken for ON_NSCHFDOPPR.
PREFIX_KINDS: tuple[tuple[str, DocumentKind], ...] = (
    ("ON_NSCHFDOPPOK", DocumentKind.UPD_BUYER),
    ("ON_NSCHFDOPPR", DocumentKind.UPD_SELLER),
    ("ON_NKORSCHFDOPPOK", DocumentKind.UKD_BUYER),
    ("ON_NKORSCHFDOPPR", DocumentKind.UKD_SELLER),
    ("DP_TOVTORGPOK", DocumentKind.TORG12_BUYER),
    ("DP_TOVTORGPR", DocumentKind.TORG12_SELLER),
    ("DP_REZRUZAK", DocumentKind.ACT_BUYER),
    ("DP_REZRUISP", DocumentKind.ACT_SELLER),
    ("ON_TRN", DocumentKind.ETRN),
    ("DP_IZVPOL", DocumentKind.SERVICE),
    ("DP_PDOTPR", DocumentKind.SERVICE),
    ("DP_PDPOL", DocumentKind.SERVICE),
    ("DP_UVUTOCH", DocumentKind.SERVICE),
    ("DP_PRANNUL", DocumentKind.SERVICE),
    ("ON_EMCHD", DocumentKind.POA),
    *((prefix, DocumentKind.HR) for prefix in HR_PREFIXES),  # edo-app's own HR 1.00/1.01 (docs/formats/hr.md)
)
UPD_VERSIONS = ("5.01", "5.02", "5.03")
UKD_SUMMARIES = {DocumentKind.UKD_SELLER: ukd_seller_summary, DocumentKind.UKD_BUYER: ukd_buyer_summary}


def _root(tree: etree._ElementTree | Element) -> Element:
    return tree.getroot() if isinstance(tree, etree._ElementTree) else tree


def identify(tree: etree._ElementTree | Element) -> tuple[DocumentKind, str, str]:
    """``(kind, ВерсФорм, КНД)``; КНД wins over the file-name prefix, which some operators vary."""
    root = _root(tree)
    if not isinstance(root.tag, str):
        return DocumentKind.UNKNOWN, "", ""
    if etree.QName(root).localname == "Доверенность":
        return DocumentKind.POA, root.get("ВерсФорм", "") or (etree.QName(root).namespace or ""), ""
    if root.tag != "Файл":
        return DocumentKind.UNKNOWN, "", ""
    version = root.get("ВерсФорм", "")
    body = root.find("Документ")
    knd = body.get("КНД", "") if body is not None else ""
    if knd in KND_KINDS:
        return KND_KINDS[knd], version, knd
    file_id = root.get("ИдФайл", "")
    for prefix, kind in PREFIX_KINDS:
        if file_id.startswith(prefix + "_") or file_id == prefix:
            return kind, version, knd
    return DocumentKind.UNKNOWN, version, knd


def summarize(tree: etree._ElementTree | Element) -> DocumentSummary:
    """Registry columns; full for УПД 5.01–5.03 titles, the referenced file for service documents
    (service_parse.service_summary), identification only for other kinds. A title answering
    another names it in ``answers`` (answer_ref)."""
    root = _root(tree)
    summary = _columns(root)
    answers, refuses = answer_ref(root, summary.kind)
    return replace(summary, answers=answers, refuses=refuses) if answers else summary


def _columns(root: Element) -> DocumentSummary:
    kind, version, knd = identify(root)
    if kind is DocumentKind.UPD_SELLER and version in UPD_VERSIONS:
        return legacy.seller_summary(root)
    if kind is DocumentKind.UPD_BUYER and version in UPD_VERSIONS:
        return legacy.buyer_summary(root)
    if kind is DocumentKind.SERVICE:
        return service_summary(root)
    if kind is DocumentKind.HR and version in HR_VERSIONS:
        return hr_summary(root)
    if kind is DocumentKind.ETRN and version == "5.01":  # ЭТрН, every title (etrn_summary)
        return etrn_summary(root)
    # УКД titles (ukd_summary), акт and ТОРГ-12 titles (primary_summary)
    ukd = (UKD_SUMMARIES.get(kind) or PRIMARY_SUMMARIES.get(kind)) if version == "5.01" else None
    file_id = root.get("ИдФайл", "") if isinstance(root.tag, str) else ""
    return ukd(root) if ukd else DocumentSummary(kind=kind, file_id=file_id, format_version=version, knd=knd)
