"""Print forms of stored documents by kind, for the print preview and «Сохранить PDF».

Each kind that has a paper form registers a function here (``PRINT_FORMS``); the preview asks
``can_print`` first and shows ``unsupported_message`` otherwise. The УПД buyer title prints on
its seller title's form (the right half of the transfer block), as on paper.
"""

from __future__ import annotations

from collections.abc import Callable

from edo_app.documents import PrimaryAnswer, UkdBuyer, UpdBuyer, from_xml, primary_from_xml, ukd_buyer_from_xml
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.services.etrn_pud_flow import print_stored_title
from edo_app.services.hr_documents import print_stored_hr
from edo_app.services.printing import print_document
from edo_app.storage.database import Database
from edo_app.storage.outbox import ExchangeRepository
from edo_app.storage.repository import DocumentRepository

PrintForm = Callable[[Database, int], bytes]


class PrintFormUnavailable(InputError):
    """This kind of document has no print form yet."""


def unsupported_message(kind: DocumentKind) -> str:
    return f"Для документов вида «{kind.title}» печатная форма пока не поддерживается."


def _upd_buyer(database: Database, document_id: int) -> bytes:
    title = from_xml(DocumentRepository(database).get_content(document_id))
    if not isinstance(title, UpdBuyer):
        raise InputError("ожидается титул покупателя УПД (ON_NSCHFDOPPOK)", f"документ № {document_id}")
    return _on_seller_form(database, document_id, title)


def _ukd_buyer(database: Database, document_id: int) -> bytes:
    """The УКД buyer title prints on its seller title's form (the agreement block), like the УПД's."""
    title = ukd_buyer_from_xml(DocumentRepository(database).get_content(document_id))
    return _on_seller_form(database, document_id, title)


def _primary_buyer(database: Database, document_id: int) -> bytes:
    """The акт customer's / ТОРГ-12 buyer's title prints on its seller title's form (the receiving side)."""
    title = primary_from_xml(DocumentRepository(database).get_content(document_id))
    if not isinstance(title, PrimaryAnswer):
        raise InputError("ожидается титул заказчика акта или покупателя ТОРГ-12", f"документ № {document_id}")
    return _on_seller_form(database, document_id, title)


def _on_seller_form(database: Database, document_id: int, title: UpdBuyer | UkdBuyer | PrimaryAnswer) -> bytes:
    seller = ExchangeRepository(database).document_by_file_id(title.seller_file.file_id)
    if seller is None:
        raise InputError(f"титул продавца {title.seller_file.file_id} не найден в реестре: печатная форма "
                         "строится по нему", f"документ № {document_id}")
    return print_document(database, seller.id, buyer_document_id=document_id)


PRINT_FORMS: dict[DocumentKind, PrintForm] = {
    DocumentKind.UPD_SELLER: print_document,
    DocumentKind.UPD_BUYER: _upd_buyer,
    DocumentKind.UKD_SELLER: print_document,
    DocumentKind.UKD_BUYER: _ukd_buyer,
    DocumentKind.ACT_SELLER: print_document,
    DocumentKind.ACT_BUYER: _primary_buyer,
    DocumentKind.TORG12_SELLER: print_document,
    DocumentKind.TORG12_BUYER: _primary_buyer,
    DocumentKind.HR: print_stored_hr,
    DocumentKind.ETRN: print_stored_title,  # the waybill with its chain (etrn_flow); 07/08 their own form
}


def can_print(kind: DocumentKind) -> bool:
    return kind in PRINT_FORMS


def print_form(database: Database, document_id: int) -> bytes:
    """The PDF of a stored document with a stamp per stored signature (their last verdicts)."""
    kind = DocumentRepository(database).get(document_id).summary.kind
    form = PRINT_FORMS.get(kind)
    if form is None:
        raise PrintFormUnavailable(unsupported_message(kind), "kind")
    return form(database, document_id)
