"""The buyer's title of УКД 5.01 (ON_NKORSCHFDOPPOK, КНД 1115134): agreement or refusal.

No official XSD of this title is among the project's test oracles: its structure here follows
the published 5.01 buyer titles of the same family (ИнфПок: ИдИнфПрод with the seller's file and
signature, СодФХЖ4 naming the seller's document, СвПрин with КодСодОпер/КодИтога, Подписант of
5.01), and the project's own schema xsd/ukd-5.01/ukd-buyer.xsd states it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from edo_app.errors import InputError
from edo_app.model.fields import need_text
from edo_app.model.fileid import FileId
from edo_app.xmlio import parse_bytes, to_bytes

from .ukd_model import UKD_VERSION, UkdSeller, UkdSigner
from .ukd_parse import check_root_501
from .ukd_xml import read_file_id, read_signer, write_exchange, write_signer
from .upd_buyer import ACCEPTED, REFUSED, RESULTS, SellerFileRef, read_moment, read_seller_ref, write_seller_ref
from .upd_model import PROGRAM
from .upd_types import format_date, format_time, need_date, need_moment
from .upd_xml import Element, attr, build, child, date_attr, file_root, sub

UKD_BUYER_PREFIX = "ON_NKORSCHFDOPPOK"
UKD_BUYER_KND = "1115134"
BUYER_FUNCTIONS = ("КСЧФДИС", "ДИС")
AGREED = "Изменение стоимости согласовано"
BODY = "Файл/ИнфПок"


@dataclass(frozen=True, slots=True)
class UkdBuyer:
    """The buyer's answer to a УКД. ``result`` is КодИтога (ACCEPTED, ACCEPTED_WITH_DISCREPANCIES, REFUSED)."""

    file_id: FileId
    created: datetime  # ДатаИнфПок + ВремИнфПок
    seller_file: SellerFileRef
    function: str
    seller_doc_name: str  # НаимДокОпрПр
    seller_number: str  # НомСчФИнфПр: the УКД number
    seller_date: date  # ДатаСчФИнфПр
    economic_entity: str  # НаимЭконСубСост: the buyer
    signers: tuple[UkdSigner, ...]
    result: str = ACCEPTED
    operation: str = ""  # СодОпер; empty for a refusal
    accepted_on: date | None = None  # ДатаПрин
    program: str = PROGRAM

    def __post_init__(self) -> None:
        if self.file_id.prefix != UKD_BUYER_PREFIX or self.file_id.suffix:
            raise InputError(f"имя файла должно начинаться с {UKD_BUYER_PREFIX} и оканчиваться GUID", "file_id")
        need_moment(self.created, "created")
        if self.function not in BUYER_FUNCTIONS:
            raise InputError(f"для функции «{self.function}» титул покупателя не формируется", "function")
        need_text(self.seller_doc_name, "seller_doc_name", 255)
        need_text(self.seller_number, "seller_number", 1000)
        need_date(self.seller_date, "seller_date")
        need_date(self.accepted_on, "accepted_on")
        need_text(self.economic_entity, "economic_entity", 1000)
        if self.result not in RESULTS:
            raise InputError("итог: 1 — согласовано, 2 — согласовано с расхождениями, 3 — не согласовано", "result")
        if self.result == REFUSED and self.operation:
            raise InputError("при отказе (итог 3) содержание операции не указывается", "operation")
        need_text(self.operation, "operation", 255, required=False)
        need_text(self.program, "program", 40)
        if not self.signers:
            raise InputError("укажите подписанта", "signers")

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


def ukd_buyer_to_xml(doc: UkdBuyer) -> bytes:
    root = file_root(doc.file_id, UKD_VERSION, doc.program)
    write_exchange(root, doc.file_id)
    body = sub(root, "ИнфПок", {"КНД": UKD_BUYER_KND, "ДатаИнфПок": format_date(doc.created),
                                "ВремИнфПок": format_time(doc.created), "НаимЭконСубСост": doc.economic_entity})
    write_seller_ref(body, doc.seller_file)
    content = sub(body, "СодФХЖ4", {"НаимДокОпрПр": doc.seller_doc_name, "Функция": doc.function,
                                    "НомСчФИнфПр": doc.seller_number, "ДатаСчФИнфПр": format_date(doc.seller_date)})
    accept = sub(content, "СвПрин", {"СодОпер": doc.operation,
                                     "ДатаПрин": format_date(doc.accepted_on) if doc.accepted_on else None})
    sub(accept, "КодСодОпер", {"КодИтога": doc.result})
    for signer in doc.signers:
        write_signer(body, signer)
    return to_bytes(root)


def ukd_buyer_from_xml(data: bytes) -> UkdBuyer:
    return ukd_buyer_from_tree(parse_bytes(data).getroot())


def ukd_buyer_from_tree(root: Element) -> UkdBuyer:
    body = check_root_501(root, UKD_BUYER_KND, "ИнфПок")
    content, c_path = child(body, "СодФХЖ4", BODY), f"{BODY}/СодФХЖ4"
    accept, a_path = child(content, "СвПрин", c_path), f"{c_path}/СвПрин"
    code = child(accept, "КодСодОпер", a_path)
    seller_file = read_seller_ref(body, BODY)
    signers = tuple(read_signer(s, f"{BODY}/Подписант[{i + 1}]") for i, s in enumerate(body.findall("Подписант")))
    accepted = accept.get("ДатаПрин")
    return build(BODY, lambda: UkdBuyer(
        file_id=read_file_id(root), created=read_moment(body, "ДатаИнфПок", "ВремИнфПок", BODY),
        seller_file=seller_file,
        function=attr(content, "Функция", c_path), seller_doc_name=attr(content, "НаимДокОпрПр", c_path),
        seller_number=attr(content, "НомСчФИнфПр", c_path), seller_date=date_attr(content, "ДатаСчФИнфПр", c_path),
        economic_entity=attr(body, "НаимЭконСубСост", BODY), signers=signers,
        result=attr(code, "КодИтога", f"{a_path}/КодСодОпер"), operation=accept.get("СодОпер", ""),
        accepted_on=date_attr(accept, "ДатаПрин", a_path) if accepted is not None else None,
        program=attr(root, "ВерсПрог", "Файл")))


def ukd_buyer_title_for(seller: UkdSeller, signature_b64: str, *, created: datetime, guid: str,
                        signer: UkdSigner, result: str = ACCEPTED, operation: str | None = None) -> UkdBuyer:
    """The buyer's answer to ``seller``: the file goes back, so recipient and sender swap."""
    if operation is None:
        operation = "" if result == REFUSED else AGREED
    file_id = FileId(UKD_BUYER_PREFIX, seller.file_id.sender, seller.file_id.recipient, created.date(), guid)
    return UkdBuyer(
        file_id=file_id, created=created,
        seller_file=SellerFileRef(str(seller.file_id), seller.created, (signature_b64,)), function=seller.function,
        seller_doc_name=seller.doc_name or seller.fact_name, seller_number=seller.number,
        seller_date=seller.doc_date, economic_entity=seller.buyer.name, signers=(signer,), result=result,
        operation=operation, accepted_on=created.date() if result != REFUSED else None)
