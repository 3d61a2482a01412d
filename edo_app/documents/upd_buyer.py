"""The buyer's title of УПД 5.03 (ON_NSCHFDOPPOK, КНД 1115132): acceptance or refusal.

The title points at the seller's file (ИдИнфПрод: its ИдФайл, date and time) and carries
the seller's signature (ЭП, base64 of the detached CMS), so it is built from the seller's
document: ``buyer_title_for(seller, signature_b64, ...)``.
"""

from __future__ import annotations

import binascii
from base64 import b64decode
from dataclasses import dataclass
from datetime import date, datetime

from edo_app.errors import InputError
from edo_app.model.fields import need_text
from edo_app.model.fileid import SUFFIX_503, FileId
from edo_app.xmlio import parse_bytes, to_bytes

from .upd_model import FORMAT_VERSION, PROGRAM, SELLER_KND, UpdSeller
from .upd_parse import check_root
from .upd_types import DocRef, Employee, Signer, format_date, format_time, need_date, need_moment, parse_time
from .upd_xml import (
    Element,
    attr,
    build,
    child,
    date_attr,
    file_root,
    read_docref,
    read_employee,
    read_signer,
    sub,
    write_docref,
    write_employee,
    write_signer,
)

BUYER_PREFIX = "ON_NSCHFDOPPOK"
BUYER_KND = "1115132"
ACCEPTED = "1"  # КодИтога: приняты без расхождений (претензий)
ACCEPTED_WITH_DISCREPANCIES = "2"  # приняты с расхождениями (претензией)
REFUSED = "3"  # не приняты
RESULTS = (ACCEPTED, ACCEPTED_WITH_DISCREPANCIES, REFUSED)
DEFAULT_OPERATION = "Товары (работы, услуги, права) приняты"
DISCREPANCY_OPERATION = "Товары (работы, услуги, права) приняты с расхождениями (претензией)"  # КодИтога 2
DOC = "Файл/Документ"


@dataclass(frozen=True, slots=True)
class SellerFileRef:
    """ИдИнфПрод: which seller file is answered, and the seller's signature(s) over it."""

    file_id: str
    created: datetime
    signatures: tuple[str, ...]

    def __post_init__(self) -> None:
        need_text(self.file_id, "file_id", 255)
        need_moment(self.created, "created")
        if not self.signatures:
            raise InputError("нужна подпись продавца (base64)", "signatures")
        for i, sig in enumerate(self.signatures):
            _check_base64(sig, f"signatures[{i}]")


def _check_base64(text: str, field: str) -> None:
    try:
        b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InputError("подпись должна быть в кодировке base64", field) from None
    if not text:
        raise InputError("подпись пуста", field)


@dataclass(frozen=True, slots=True)
class UpdBuyer:
    """The buyer's title. ``result`` is КодИтога (ACCEPTED, ACCEPTED_WITH_DISCREPANCIES, REFUSED)."""

    file_id: FileId
    created: datetime  # ДатаИнфПок + ВремИнфПок
    seller_file: SellerFileRef
    function: str
    seller_doc_name: str  # НаимДокОпрПр
    seller_number: str  # ПорНомДокИнфПр
    seller_date: date  # ДатаДокИнфПр
    accepted_on: date  # ДатаПрин
    signers: tuple[Signer, ...]
    result: str = ACCEPTED
    operation: str = ""  # СодОпер; must stay empty for a refusal
    operation_kind: str = ""  # ВидОпер
    discrepancy_doc: DocRef | None = None  # РеквДокРасх
    accepted_by: Employee | None = None  # СвЛицПрин/РабОргПок
    economic_entity: str = ""
    uid: str = ""
    program: str = PROGRAM

    def __post_init__(self) -> None:
        if self.file_id.prefix != BUYER_PREFIX or self.file_id.suffix != SUFFIX_503:
            raise InputError(f"имя файла должно начинаться с {BUYER_PREFIX} и оканчиваться {SUFFIX_503}", "file_id")
        need_moment(self.created, "created")
        if self.function not in ("СЧФДОП", "ДОП", "СвРК", "СвЗК"):
            raise InputError(f"для функции «{self.function}» титул покупателя не формируется", "function")
        need_text(self.seller_doc_name, "seller_doc_name", 255)
        need_text(self.seller_number, "seller_number", 1000, required=False)
        need_date(self.seller_date, "seller_date")
        need_date(self.accepted_on, "accepted_on")
        if self.result not in RESULTS:
            raise InputError("итог приёмки: 1 — принято, 2 — принято с расхождениями, 3 — не принято", "result")
        if self.result == REFUSED and self.operation:
            raise InputError("при отказе (итог 3) содержание операции не указывается", "operation")
        need_text(self.operation, "operation", 255, required=False)
        need_text(self.operation_kind, "operation_kind", 255, required=False)
        need_text(self.economic_entity, "economic_entity", 1000, required=False)
        need_text(self.uid, "uid", 1000, required=False)
        need_text(self.program, "program", 40)
        if not self.signers:
            raise InputError("укажите подписанта", "signers")

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


def buyer_to_xml(doc: UpdBuyer) -> bytes:
    root = file_root(doc.file_id, FORMAT_VERSION, doc.program)
    body = sub(root, "Документ", {"КНД": BUYER_KND, "УИД": doc.uid, "ДатаИнфПок": format_date(doc.created),
                                  "ВремИнфПок": format_time(doc.created), "НаимЭконСубСост": doc.economic_entity})
    write_seller_ref(body, doc.seller_file)
    content = sub(body, "СодФХЖ4", {"НаимДокОпрПр": doc.seller_doc_name, "Функция": doc.function,
                                    "ПорНомДокИнфПр": doc.seller_number, "ДатаДокИнфПр": format_date(doc.seller_date),
                                    "ВидОпер": doc.operation_kind})
    accept = sub(content, "СвПрин", {"СодОпер": doc.operation, "ДатаПрин": format_date(doc.accepted_on)})
    code = sub(accept, "КодСодОпер", {"КодИтога": doc.result})
    if doc.discrepancy_doc is not None:
        write_docref(code, "РеквДокРасх", doc.discrepancy_doc)
    if doc.accepted_by is not None:
        write_employee(sub(accept, "СвЛицПрин"), "РабОргПок", doc.accepted_by)
    for signer in doc.signers:
        write_signer(body, signer)
    return to_bytes(root)


def buyer_from_xml(data: bytes) -> UpdBuyer:
    return buyer_from_tree(parse_bytes(data).getroot())


def buyer_from_tree(root: Element) -> UpdBuyer:
    body = check_root(root, BUYER_KND)
    content = child(body, "СодФХЖ4", DOC)
    c_path = f"{DOC}/СодФХЖ4"
    accept = child(content, "СвПрин", c_path)
    a_path = f"{c_path}/СвПрин"
    code = child(accept, "КодСодОпер", a_path)
    disc = code.find("РеквДокРасх")
    person = accept.find("СвЛицПрин/РабОргПок")
    if accept.find("СвЛицПрин") is not None and person is None:
        raise InputError("поддерживается только работник покупателя (РабОргПок)", f"{a_path}/СвЛицПрин")
    seller_file = read_seller_ref(body, DOC)
    signers = tuple(read_signer(s, f"{DOC}/Подписант[{i + 1}]") for i, s in enumerate(body.findall("Подписант")))
    return build(DOC, lambda: UpdBuyer(
        file_id=FileId.parse(attr(root, "ИдФайл", "Файл")), created=read_moment(body, "ДатаИнфПок", "ВремИнфПок", DOC),
        seller_file=seller_file, function=attr(content, "Функция", c_path),
        seller_doc_name=attr(content, "НаимДокОпрПр", c_path), seller_number=content.get("ПорНомДокИнфПр", ""),
        seller_date=date_attr(content, "ДатаДокИнфПр", c_path), accepted_on=date_attr(accept, "ДатаПрин", a_path),
        signers=signers, result=attr(code, "КодИтога", f"{a_path}/КодСодОпер"), operation=accept.get("СодОпер", ""),
        operation_kind=content.get("ВидОпер", ""),
        discrepancy_doc=read_docref(disc, f"{a_path}/КодСодОпер/РеквДокРасх") if disc is not None else None,
        accepted_by=read_employee(person, f"{a_path}/СвЛицПрин/РабОргПок") if person is not None else None,
        economic_entity=body.get("НаимЭконСубСост", ""), uid=body.get("УИД", ""),
        program=attr(root, "ВерсПрог", "Файл")))


def read_moment(el: Element, date_name: str, time_name: str, path: str) -> datetime:
    return parse_time(date_attr(el, date_name, path), attr(el, time_name, path), f"{path}/@{time_name}")


def write_seller_ref(body: Element, seller_file: SellerFileRef) -> None:
    """ИдИнфПрод: the answered seller's file with its signatures (the УПД and УКД buyer titles)."""
    ref = sub(body, "ИдИнфПрод", {"ИдФайлИнфПр": seller_file.file_id, "ДатаФайлИнфПр": format_date(seller_file.created),
                                  "ВремФайлИнфПр": format_time(seller_file.created)})
    for signature in seller_file.signatures:
        sub(ref, "ЭП", text=signature)


def read_seller_ref(body: Element, body_path: str) -> SellerFileRef:
    ref, path = child(body, "ИдИнфПрод", body_path), f"{body_path}/ИдИнфПрод"
    return build(path, lambda: SellerFileRef(
        attr(ref, "ИдФайлИнфПр", path), read_moment(ref, "ДатаФайлИнфПр", "ВремФайлИнфПр", path),
        tuple(e.text or "" for e in ref.findall("ЭП"))))


@dataclass(frozen=True, slots=True)
class _SellerFacts:
    file_id: str
    created: datetime
    function: str
    doc_name: str
    number: str
    doc_date: date


def _facts(seller: bytes | UpdSeller) -> _SellerFacts:
    if isinstance(seller, UpdSeller):
        return _SellerFacts(str(seller.file_id), seller.created, seller.function, seller.doc_name, seller.number,
                            seller.doc_date)
    root = parse_bytes(seller).getroot()
    body = check_root(root, SELLER_KND)
    inv = child(body, "СвСчФакт", DOC)
    return _SellerFacts(attr(root, "ИдФайл", "Файл"), read_moment(body, "ДатаИнфПр", "ВремИнфПр", DOC),
                        attr(body, "Функция", DOC), body.get("НаимДокОпр", ""),
                        attr(inv, "НомерДок", f"{DOC}/СвСчФакт"), date_attr(inv, "ДатаДок", f"{DOC}/СвСчФакт"))


def buyer_title_for(seller: bytes | UpdSeller, signature_b64: str, *, created: datetime, guid: str,
                    signer: Signer, result: str = ACCEPTED, accepted_on: date | None = None,
                    operation: str | None = None, accepted_by: Employee | None = None,
                    discrepancy_doc: DocRef | None = None) -> UpdBuyer:
    """The buyer's answer to a seller title (its bytes as received, or the parsed document).

    The buyer's file goes back the other way: recipient and sender swap. ``operation``
    defaults to the standard acceptance text, and is left out for a refusal.
    """
    facts = _facts(seller)
    seller_id = FileId.parse(facts.file_id)
    file_id = FileId(BUYER_PREFIX, seller_id.sender, seller_id.recipient, created.date(), guid, SUFFIX_503)
    if operation is None:
        operation = "" if result == REFUSED else DEFAULT_OPERATION
    return UpdBuyer(
        file_id=file_id, created=created, seller_file=SellerFileRef(facts.file_id, facts.created, (signature_b64,)),
        function=facts.function, seller_doc_name=facts.doc_name, seller_number=facts.number,
        seller_date=facts.doc_date, accepted_on=accepted_on or created.date(), signers=(signer,), result=result,
        operation=operation, discrepancy_doc=discrepancy_doc, accepted_by=accepted_by)
