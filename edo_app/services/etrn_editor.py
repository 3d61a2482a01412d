"""What the ЭТрН editor needs: the УПД editor's service (check, drafts, form) over the ЭТрН
builder (services.etrn_drafts.build_etrn, docs/etrn-input.md).

The drafts of title 1 live in ``drafts/etrn`` under their own format tag, apart from the other
kinds; the drafts list names the consignee. «Сформировать» stores the shipper's title 1 as
outgoing only when it passes every check (XSD, the format's rules, the business checks).

The counterparty directory keeps no addresses; ``known_contacts`` finds where a party was last
written in a stored waybill (its address and phone), so the clerk types a place once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from edo_app.documents import EtrnShipper, etrn_from_xml
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.report import Report
from edo_app.services.etrn_drafts import build_etrn
from edo_app.services.upd_editor import DRAFTS_DIR, UpdEditorService
from edo_app.storage.records import DocumentQuery

RECENT_WAYBILLS = 50  # how far back ``known_contacts`` looks


@dataclass(frozen=True, slots=True)
class KnownContacts:
    address: str
    phone: str


class EtrnEditorService(UpdEditorService):
    drafts_folder = f"{DRAFTS_DIR}/etrn"
    draft_format = "edo-etrn-draft/1"
    draft_title = "транспортной накладной"
    buyer_key = "consignee"

    def _build_document(self, complete: dict[str, Any]) -> tuple[str, bytes, Report]:
        complete.setdefault("title", "1")
        doc, content, report = build_etrn(complete, self._schemas)
        return doc.file_name, content, report

    def known_contacts(self, inn: str) -> KnownContacts | None:
        """The address and phone of the party with ``inn`` in the newest stored waybill naming it."""
        if not inn:
            return None
        for row in self._library.list_documents(DocumentQuery(kind=DocumentKind.ETRN), limit=RECENT_WAYBILLS):
            try:
                title = etrn_from_xml(self._library.get(row.id).content)
            except InputError:
                continue  # a title the reader refuses names nobody here
            if not isinstance(title, EtrnShipper):
                continue
            for party in (title.shipper, title.consignee, title.carrier):
                address = party.member.address
                if party.inn == inn and address is not None:
                    return KnownContacts(address.line, party.phones[0])
        return None
