"""The answers of the HR flow, built from the document they answer: the employer's order from
the employee's statement, and the employee's acknowledgement of a notice or an order.

The answer goes back the way the answered file came (sender and recipient swap), carries the
same employer and employee, and references the answered file (ДокОсн / ДокОзнак).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from edo_app.errors import InputError
from edo_app.model.fileid import FileId

from .hr_model import EMPLOYER_KINDS, KINDS, AckBody, HrDocument, kind_info
from .hr_types import EMPLOYEE, HrDocRef, HrHead, HrSigner


def reference_to(doc: HrDocument) -> HrDocRef:
    return HrDocRef(doc.kind, doc.head.number, doc.head.doc_date, str(doc.head.file_id))


def answered_ref(doc: HrDocument) -> HrDocRef | None:
    """The file ``doc`` answers: an order's statement (ДокОсн), an acknowledgement's document (ДокОзнак)."""
    return doc.body.document if isinstance(doc.body, AckBody) else doc.basis


def answerable_codes(doc: HrDocument) -> frozenset[str]:
    """ВидДок of the files ``doc`` may answer: an order, the statement of its own kind (ТК: a leave order
    grants a leave statement); an acknowledgement, the kind it names. Empty when it answers nothing."""
    ref = answered_ref(doc)
    if ref is None:
        return frozenset()
    return frozenset({KINDS[doc.info.statement or ref.kind].code})


def _answer_file(doc: HrDocument, prefix: str, day: date, guid: str | None) -> FileId:
    old = doc.head.file_id
    return FileId(prefix, old.sender, old.recipient, day, guid or str(uuid.uuid4()))


def order_for(statement: HrDocument, number: str, doc_date: date, *, created: datetime, signer: HrSigner,
              guid: str | None = None) -> HrDocument:
    """The order that grants the statement: the same leave, transfer or dismissal, signed by the employer."""
    orders = [k for k in KINDS.values() if k.statement == statement.kind]
    if not orders:
        raise InputError(f"«{statement.info.title}» не заявление работника: приказ по нему не строится", "kind")
    if doc_date < statement.head.doc_date:
        raise InputError(f"приказ ({doc_date:%d.%m.%Y}) не может быть раньше заявления "
                         f"({statement.head.doc_date:%d.%m.%Y})", "doc_date")
    order = orders[0]
    head = HrHead(_answer_file(statement, order.prefix, created.date(), guid), number, doc_date, created,
                  statement.head.employer, statement.head.employee, (signer,))
    return HrDocument(order.key, head, statement.body, reference_to(statement))


def acknowledgement_for(doc: HrDocument, created: datetime, guid: str | None = None) -> HrDocument:
    """The employee's acknowledgement of ``doc`` (a notice or an order), dated and signed today by him."""
    if doc.kind not in EMPLOYER_KINDS:
        raise InputError(f"«{doc.info.title}»: ознакомление оформляется только с уведомлением или приказом", "kind")
    info = kind_info("ack")
    employee = doc.head.employee
    head = HrHead(_answer_file(doc, info.prefix, created.date(), guid), f"{doc.head.number}-О", created.date(),
                  created, doc.head.employer, employee, (HrSigner(employee.name, EMPLOYEE),))
    return HrDocument(info.key, head, AckBody(reference_to(doc)))
