"""Which stored file a title answers, and whether it refuses it: read for the registry
(DocumentSummary.answers / .refuses) from the reference every answering title carries.

Buyer's titles (УПД, УКД, акт, ТОРГ-12) name the seller's file; every ЭТрН title after title 1
names the title before (02 → 01, 03/04/05 → 02, 06 → 05, 07 → 06, 08 → 07). Tolerant like the
summaries: nothing here raises, a reference that cannot be read is "".
"""

from __future__ import annotations

from edo_app.model.kinds import DocumentKind

from .etrn_change_xml import REF_NAMES as CHANGE_REF_NAMES
from .etrn_change_xml import REF_TAG as CHANGE_REF_TAG
from .etrn_pud_xml import REF_06, REF_07
from .etrn_reply_xml import SPELLINGS
from .etrn_summary import TITLE_BY_KND
from .legacy import Element, _find, _get
from .primary_answer import ANSWER_FORMATS
from .upd_buyer import REFUSED

# ЭТрН title code -> (reference element, attribute with the answered ИдФайл)
_ETRN_REFS = {
    **{code: (s.ref_tag, s.ref_names[0]) for code, s in SPELLINGS.items()},
    "03": (CHANGE_REF_TAG, CHANGE_REF_NAMES[0]), "04": (CHANGE_REF_TAG, CHANGE_REF_NAMES[0]),
    "07": (REF_06[0], REF_06[1][0]), "08": (REF_07[0], REF_07[1][0]),
}
_CONSIGNEE = "05"
_CONSIGNEE_REFUSAL = "СодОпОтк"  # title 05: the refusal's text instead of СодОпПр
# УПД and УКД buyer's titles: the element holding the reference (ИдИнфПрод) and СодФХЖ4/СвПрин
_INVOICE_BODIES = {DocumentKind.UPD_BUYER: "Документ", DocumentKind.UKD_BUYER: "ИнфПок"}
NO_ANSWER = ("", False)


def answer_ref(root: Element, kind: DocumentKind) -> tuple[str, bool]:
    """(ИдФайл of the answered file, refuses it) of a title; NO_ANSWER when it answers nothing."""
    if kind is DocumentKind.ETRN:
        return _etrn(_find(root, "Документ"))
    if kind in _INVOICE_BODIES:
        return _invoice(_find(root, _INVOICE_BODIES[kind]))
    if kind in (DocumentKind.ACT_BUYER, DocumentKind.TORG12_BUYER):
        return _primary(_find(root, "Документ"))
    return NO_ANSWER


def _etrn(body: Element | None) -> tuple[str, bool]:
    code = TITLE_BY_KND.get(_get(body, "КНД"), ("", ""))[0]
    if code not in _ETRN_REFS:
        return NO_ANSWER
    tag, name = _ETRN_REFS[code]
    refuses = code == _CONSIGNEE and bool(_get(_find(body, SPELLINGS[code].content), _CONSIGNEE_REFUSAL))
    return _get(_find(body, tag), name), refuses


def _invoice(body: Element | None) -> tuple[str, bool]:
    result = _get(_find(_find(_find(body, "СодФХЖ4"), "СвПрин"), "КодСодОпер"), "КодИтога")
    return _get(_find(body, "ИдИнфПрод"), "ИдФайлИнфПр"), result == REFUSED


def _primary(body: Element | None) -> tuple[str, bool]:
    fmt = ANSWER_FORMATS.get(_get(body, "КНД"))
    if fmt is None:
        return NO_ANSWER
    operation = _get(_find(_find(body, fmt.content), fmt.accept), "СодОпер")
    return _get(_find(body, fmt.ref), fmt.ref_attrs[0]), operation.startswith(fmt.refused_text)
