"""A friendly JSON input for HR documents (described in docs/hr-input.md).

``hr_from_json(data)`` reads the whole object, collects every problem with its field path
(``employee.snils``, ``body.end``) and raises one InputErrors listing them all. The person
fields are named like the УПД input (last_name, first_name, middle_name); statements and
acknowledgements need no ``signers``: the employee signs them himself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from edo_app.model.identifiers import normalize_snils
from edo_app.model.json_input import JsonObject, build_document, read_file_id
from edo_app.model.problems import Problems

from .hr_model import (
    KINDS,
    AckBody,
    Body,
    Condition,
    DismissalBody,
    HireBody,
    HrDocument,
    HrKind,
    LeaveBody,
    NoticeBody,
    TransferBody,
)
from .hr_types import EMPLOYEE, HrDocRef, HrEmployee, HrEmployer, HrEntrepreneur, HrHead, HrOrganisation, HrSigner
from .upd_json import _person


def hr_from_json(data: dict[str, Any], *, now: datetime | None = None, guid: str | None = None) -> HrDocument:
    """Build an HR document from the JSON object; raises InputErrors with every problem."""
    problems = Problems()
    top = JsonObject(data, "", problems)
    key = top.text("kind", required=True)
    info = KINDS.get(key)
    if key and info is None:
        problems.add("kind", f"«{key}»: допустимы {', '.join(KINDS)}")
    created = top.moment("created") or now
    if created is None:
        problems.add("created", "укажите дату и время формирования файла")
    employee = _employee(top.child("employee", required=True))
    employer_obj = top.child("employer", required=True)
    employer = _employer(employer_obj)
    head: dict[str, Any] = {"number": top.text("number", required=True), "doc_date": top.day("date", required=True),
            "created": created, "employer": employer, "employee": employee,
            "file_id": read_file_id(top.child("file", required=True), info.prefix if info else None, created, guid,
                                    skip_blank_ids=True)}
    by_entrepreneur = employer_obj is not None and _is_entrepreneur(employer_obj)
    head["signers"] = _signers(top, info, employee, employer if by_entrepreneur else None, by_entrepreneur)
    body_obj = top.child("body", required=True)
    body = _body(body_obj, info) if body_obj is not None and info is not None else None
    basis_obj = top.child("basis")
    basis = _ref(basis_obj) if basis_obj is not None else None
    top.finish()
    problems.raise_if_any()
    assert info is not None
    return build_document(problems, lambda: HrDocument(info.key, HrHead(**head), body, basis))  # type: ignore[arg-type]


def _employer(obj: JsonObject | None) -> HrEmployer | None:
    """An organisation (name, inn, kpp, ogrn) or, named by his ФИО and ОГРНИП, an entrepreneur."""
    if obj is None:
        return None
    if _is_entrepreneur(obj):
        return _entrepreneur(obj)
    values = [obj.text(k, required=True) for k in ("name", "inn", "kpp", "ogrn")]
    obj.finish()
    return obj.build(lambda: HrOrganisation(*values))


def _is_entrepreneur(obj: JsonObject) -> bool:
    return obj.has("ogrnip") or obj.has("last_name")


def _entrepreneur(obj: JsonObject) -> HrEntrepreneur | None:
    person = _person(obj)
    inn, ogrnip = obj.text("inn", required=True), obj.text("ogrnip", required=True)
    obj.finish()
    return obj.build(lambda: HrEntrepreneur(person, inn, ogrnip)) if person is not None else None


def _employee(obj: JsonObject | None) -> HrEmployee | None:
    if obj is None:
        return None
    name = _person(obj)
    snils = normalize_snils(obj.text("snils", required=True))
    number, position = obj.text("personnel_number", required=True), obj.text("position", required=True)
    department = obj.text("department")
    obj.finish()
    if name is None:
        return None
    return obj.build(lambda: HrEmployee(name, snils, number, position, department))


def _signers(top: JsonObject, info: HrKind | None, employee: HrEmployee | None, employer: HrEmployer | None,
             by_entrepreneur: bool) -> tuple[HrSigner, ...]:
    """Given, or the one who can only sign himself: the employee his statement, an ИП his orders and
    notices (none when the ИП's requisites had problems: they are reported, not a missing signer)."""
    if info is not None and info.author == EMPLOYEE and not top.has("signers"):
        return (HrSigner(employee.name, EMPLOYEE),) if employee is not None else ()
    if by_entrepreneur and not top.has("signers"):
        return (employer.signer,) if isinstance(employer, HrEntrepreneur) else ()
    role = info.author if info is not None else EMPLOYEE
    found = (_signer(obj, role) for obj in top.children("signers", required=True))
    return tuple(signer for signer in found if signer is not None)


def _signer(obj: JsonObject, role: str) -> HrSigner | None:
    name = _person(obj)
    position = obj.text("position")
    obj.finish()
    return obj.build(lambda: HrSigner(name, role, position)) if name is not None else None


def _ref(obj: JsonObject) -> HrDocRef | None:
    values = (obj.text("kind", required=True), obj.text("number", required=True), obj.day("date", required=True),
              obj.text("file_id", required=True))
    obj.finish()
    return obj.build(lambda: HrDocRef(*values))  # type: ignore[arg-type]


# Each reader reads every field first (so one pass finds every problem) and returns the constructor.
Make = Callable[[], Body]


def _leave(obj: JsonObject) -> Make:
    values = (obj.text("type", default="1"), obj.day("start", required=True), obj.day("end", required=True),
              obj.integer("days", required=True))
    return lambda: LeaveBody(*values)  # type: ignore[arg-type]


def _transfer(obj: JsonObject) -> Make:
    values = (obj.day("date", required=True), obj.text("position", required=True),
              obj.text("department", required=True), obj.decimal("salary"))
    return lambda: TransferBody(*values)  # type: ignore[arg-type]


def _dismissal(obj: JsonObject) -> Make:
    day, basis = obj.day("date", required=True), obj.text("basis")
    return lambda: DismissalBody(day, basis) if basis else DismissalBody(day)  # type: ignore[arg-type]


def _notice(obj: JsonObject) -> Make:
    found = (_condition(item) for item in obj.children("conditions", required=True))
    conditions = tuple(c for c in found if c is not None)
    effective, reason = obj.day("effective", required=True), obj.text("reason", required=True)
    return lambda: NoticeBody(effective, reason, conditions)  # type: ignore[arg-type]


def _condition(item: JsonObject) -> Condition | None:
    name, before, after = (item.text(k, required=True) for k in ("name", "before", "after"))
    item.finish()
    return item.build(lambda: Condition(name, before, after))


def _hire(obj: JsonObject) -> Make:
    values = (obj.day("date", required=True), obj.text("position", required=True),
              obj.text("department", required=True), obj.decimal("salary", required=True),
              obj.text("contract_number", required=True), obj.day("contract_date", required=True),
              obj.integer("probation_months"))
    return lambda: HireBody(*values)  # type: ignore[arg-type]


def _ack(obj: JsonObject) -> Make:
    ref_obj = obj.child("document", required=True)
    ref = _ref(ref_obj) if ref_obj is not None else None
    return lambda: AckBody(ref)  # type: ignore[arg-type]


_READERS: dict[type, Callable[[JsonObject], Make]] = {
    LeaveBody: _leave, TransferBody: _transfer, DismissalBody: _dismissal, NoticeBody: _notice, HireBody: _hire,
    AckBody: _ack}


def _body(obj: JsonObject, info: HrKind) -> Body | None:
    """The body, constructed only when every field was read without a problem (errors under ``body``)."""
    before = len(obj.problems.items)
    make = _READERS[info.body](obj)
    obj.finish()
    return obj.build(make) if len(obj.problems.items) == before else None
