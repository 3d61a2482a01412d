"""The answering titles of акт and ТОРГ-12 5.01: заказчик (DP_REZRUZAK) and покупатель (DP_TOVTORGPOK).

Both point at the seller's file (its ИдФайл, date, time and the seller's signature ЭП) and
state what was accepted, so one model (PrimaryAnswer) and one writer/reader serve both; an
AnswerFormat names the tags each format spells differently.

The 5.01 formats have no result code (УПД's КодИтога): acceptance and refusal are told by
the text of СодОпер. ``answer_for`` writes the standard texts, ``PrimaryAnswer.refused``
reads them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from edo_app.errors import InputError
from edo_app.model.fields import need_text
from edo_app.model.fileid import FileId
from edo_app.xmlio import parse_bytes, to_bytes

from .primary_types import Handler, PrimarySigner, SellerHead
from .primary_xml import (
    DOC,
    new_file,
    read_file,
    read_handler,
    read_moment,
    read_signers,
    set_moment,
    write_handler,
    write_signer,
)
from .upd_buyer import ACCEPTED, REFUSED, SellerFileRef
from .upd_model import PROGRAM
from .upd_types import format_date, need_date, need_moment
from .upd_xml import Element, attr, build, child, date_attr, opt_date, opt_date_attr, sub


@dataclass(frozen=True, slots=True)
class AnswerFormat:
    """How one answering title spells its parts."""

    prefix: str
    knd: str
    created: tuple[str, str]  # Документ's date and time of the information
    ref: str  # the element naming the seller's file
    ref_attrs: tuple[str, str, str]  # its file id, date, time
    content: str  # СодФХЖ3 / СодФХЖ4
    content_attrs: tuple[str, str, str]  # seller's document name, number, date
    accept: str  # РезПринял / ГрузПолучил
    accept_date: str
    operation_max: int
    accepted_text: str
    refused_text: str
    person_holder: str = ""  # СвЛицПолГруз (ТОРГ-12 only)


ACT_ANSWER = AnswerFormat(
    "DP_REZRUZAK", "1175013", ("ДатаИнфЗак", "ВремИнфЗак"), "ИдДокПРУИсп",
    ("ИдФайлИнфИсп", "ДатаФайлИнфИсп", "ВремФайлИнфИсп"), "СодФХЖ3",
    ("НаимДокОпрИсп", "НомДокПРУИсп", "ДатаДокПРУИсп"), "РезПринял", "ДатаПрием", 1000,
    "Результаты работ (оказанные услуги) приняты без претензий", "Результаты работ (оказанные услуги) не приняты")
TORG12_ANSWER = AnswerFormat(
    "DP_TOVTORGPOK", "1175011", ("ДатаИнфПок", "ВремИнфПок"), "ИдДокПТПр",
    ("ИдФайлИнфПр", "ДатаФайлИнфПр", "ВремФайлИнфПр"), "СодФХЖ4",
    ("НаимДокОпрПр", "НомДокПТПр", "ДатаДокПТПр"), "ГрузПолучил", "ДатаПолуч", 255,
    "Перечисленные в документе ценности приняты без претензий", "Перечисленные в документе ценности не приняты",
    person_holder="СвЛицПолГруз")
ANSWER_FORMATS = {f.knd: f for f in (ACT_ANSWER, TORG12_ANSWER)}
# How other programs word a refusal in СодОпер (never part of an acceptance text).
_REFUSAL_WORDS = ("не принят", "не приня", "не получен", "отказ", "отклон")


@dataclass(frozen=True, slots=True)
class PrimaryAnswer:
    """The заказчик's / покупатель's title. ``operation`` is СодОпер (acceptance or refusal text)."""

    file_id: FileId
    created: datetime
    seller_file: SellerFileRef
    seller_doc_name: str
    seller_date: date
    operation: str
    signers: tuple[PrimarySigner, ...]
    economic_entity: str  # НаимЭконСубСост
    seller_number: str = ""
    accepted_on: date | None = None
    operation_kind: str = ""  # ВидОперации
    accepted_by: Handler | None = None  # ТОРГ-12 only: СвЛицПолГруз/РабОргПок
    program: str = PROGRAM

    def __post_init__(self) -> None:
        fmt = self.format
        if self.file_id.suffix:
            raise InputError("имя файла формата 5.01 оканчивается идентификатором GUID", "file_id")
        need_moment(self.created, "created")
        need_text(self.seller_doc_name, "seller_doc_name", 255)
        need_text(self.seller_number, "seller_number", 255, required=False)
        need_date(self.seller_date, "seller_date", required=True)
        need_text(self.operation, "operation", fmt.operation_max)
        need_date(self.accepted_on, "accepted_on")
        need_text(self.operation_kind, "operation_kind", 255, required=False)
        need_text(self.economic_entity, "economic_entity", 1000)
        need_text(self.program, "program", 40, required=False)
        if not self.signers:
            raise InputError("укажите подписанта", "signers")
        if self.accepted_by is not None and not fmt.person_holder:
            raise InputError("в титуле заказчика акта лицо, принявшее результат, не указывается", "accepted_by")

    @property
    def format(self) -> AnswerFormat:
        for fmt in ANSWER_FORMATS.values():
            if self.file_id.prefix == fmt.prefix:
                return fmt
        prefixes = " или ".join(f.prefix for f in ANSWER_FORMATS.values())
        raise InputError(f"имя файла должно начинаться с {prefixes}", "file_id")

    @property
    def refused(self) -> bool:
        """Our own refusal text, or another program's: the 5.01 formats carry no code, so a refusal
        is told by its words («не приняты», «не получены», «отказ», «отклонено»), in any case."""
        text = " ".join(self.operation.casefold().split())
        return text.startswith(self.format.refused_text.casefold()) or any(word in text for word in _REFUSAL_WORDS)

    @property
    def result(self) -> str:
        """The result as УПД's КодИтога spells it (ACCEPTED or REFUSED), told by СодОпер."""
        return REFUSED if self.refused else ACCEPTED

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


def answer_to_xml(doc: PrimaryAnswer) -> bytes:
    fmt = doc.format
    root, body = new_file(doc.file_id, doc.program)
    body.set("КНД", fmt.knd)
    set_moment(body, *fmt.created, doc.created)
    body.set("НаимЭконСубСост", doc.economic_entity)
    ref_file, ref_date, ref_time = fmt.ref_attrs
    ref = sub(body, fmt.ref, {ref_file: doc.seller_file.file_id})
    set_moment(ref, ref_date, ref_time, doc.seller_file.created)
    for sig in doc.seller_file.signatures:
        sub(ref, "ЭП", text=sig)
    name, number, when = fmt.content_attrs
    content = sub(body, fmt.content, {name: doc.seller_doc_name, number: doc.seller_number,
                                      when: format_date(doc.seller_date)})
    accept = sub(content, fmt.accept, {"СодОпер": doc.operation, fmt.accept_date: opt_date(doc.accepted_on)})
    if doc.accepted_by is not None:
        write_handler(sub(accept, fmt.person_holder), "РабОргПок", doc.accepted_by)
    if doc.operation_kind:
        sub(content, "ВидОперации", text=doc.operation_kind)
    for signer in doc.signers:
        write_signer(body, signer)
    return to_bytes(root)


def answer_from_xml(data: bytes) -> PrimaryAnswer:
    return answer_from_tree(parse_bytes(data).getroot())


def answer_from_tree(root: Element) -> PrimaryAnswer:
    body = root.find("Документ")
    fmt = ANSWER_FORMATS.get(body.get("КНД", "") if body is not None else "")
    if fmt is None:
        raise InputError("это не титул заказчика акта и не титул покупателя ТОРГ-12", f"{DOC}/@КНД")
    file_id, program, body = read_file(root, fmt.knd)
    ref_path, c_path = f"{DOC}/{fmt.ref}", f"{DOC}/{fmt.content}"
    ref = child(body, fmt.ref, DOC)
    content = child(body, fmt.content, DOC)
    accept = child(content, fmt.accept, c_path)
    a_path = f"{c_path}/{fmt.accept}"
    _refuse_unmodelled(content, c_path)
    holder = accept.find(fmt.person_holder) if fmt.person_holder else None
    seller_file = build(ref_path, lambda: SellerFileRef(
        attr(ref, fmt.ref_attrs[0], ref_path), read_moment(ref, *fmt.ref_attrs[1:], ref_path),
        tuple(e.text or "" for e in ref.findall("ЭП"))))
    name, number, when = fmt.content_attrs
    return build(DOC, lambda: PrimaryAnswer(
        file_id=file_id, created=read_moment(body, *fmt.created, DOC), seller_file=seller_file,
        seller_doc_name=attr(content, name, c_path), seller_date=date_attr(content, when, c_path),
        operation=attr(accept, "СодОпер", a_path), signers=read_signers(body),
        economic_entity=attr(body, "НаимЭконСубСост", DOC), seller_number=content.get(number, ""),
        accepted_on=opt_date_attr(accept, fmt.accept_date, a_path),
        operation_kind=content.findtext("ВидОперации") or "",
        accepted_by=read_handler(holder, "РабОргПок", f"{a_path}/{fmt.person_holder}"), program=program))


def _refuse_unmodelled(content: Element, path: str) -> None:
    for tag in ("СвПолВещи", "ИнфПолФХЖ3", "ИнфПолФХЖ4"):
        if content.find(tag) is not None:
            raise InputError(f"элемент {tag} не поддерживается", f"{path}/{tag}")


@dataclass(frozen=True, slots=True)
class AnsweredTitle:
    """What an answer needs of the seller's title."""

    file_id: FileId
    created: datetime
    doc_name: str
    number: str
    doc_date: date
    buyer_name: str


@dataclass(frozen=True, slots=True)
class SellerTitle:
    """What the seller titles of the акт and ТОРГ-12 share: the head naming the file they travel in."""

    head: SellerHead

    @property
    def file_id(self) -> FileId:
        return self.head.file_id

    @property
    def file_name(self) -> str:
        return self.head.file_name

    def answered(self, buyer_name: str) -> AnsweredTitle:
        """What the answer of ``buyer_name`` (the customer, the buyer) refers to."""
        head = self.head
        return AnsweredTitle(head.file_id, head.created, head.doc_name, head.number, head.doc_date, buyer_name)


def answer_for(fmt: AnswerFormat, seller: AnsweredTitle, signature_b64: str, *, created: datetime, guid: str,
               signer: PrimarySigner, accept: bool = True, reason: str = "", accepted_on: date | None = None,
               accepted_by: Handler | None = None) -> PrimaryAnswer:
    """The answer to a seller title: the file goes back (recipient and sender swap).

    A refusal states the standard text and, after a colon, the ``reason``.
    """
    if accept and reason:
        raise InputError("причина указывается только при отказе", "reason")
    operation = fmt.accepted_text if accept else fmt.refused_text + (f": {reason}" if reason else "")
    sid = seller.file_id
    file_id = FileId(fmt.prefix, sid.sender, sid.recipient, created.date(), guid)
    return PrimaryAnswer(
        file_id=file_id, created=created, seller_file=SellerFileRef(str(sid), seller.created, (signature_b64,)),
        seller_doc_name=seller.doc_name, seller_date=seller.doc_date, operation=operation, signers=(signer,),
        economic_entity=seller.buyer_name, seller_number=seller.number,
        accepted_on=(accepted_on or created.date()) if accept else None, accepted_by=accepted_by)
