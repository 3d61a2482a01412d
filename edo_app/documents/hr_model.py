"""HR documents of edo-app's own format HR (1.01; 1.00 read): one family, a shared header (hr_types) and a
body per kind. The kinds, their file prefixes and who signs them are one table, ``KINDS``.

Business rules the builder enforces (the schema's embedded rules state the same where XPath 1.0
can): a notice of changed conditions takes effect no earlier than two months after the notice
(ст. 74 ТК РФ), a leave ends no earlier than it starts and has no more days than its calendar
span, an acknowledgement is dated no earlier than the document it acknowledges, a dismissal
is not dated before the statement asking for it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fields import need_code, need_text
from edo_app.model.party import PersonName

from .hr_types import EMPLOYEE, EMPLOYER, HrDocRef, HrEntrepreneur, HrHead, need_day
from .upd_model import need_amount

LEAVE_TYPES = {
    "1": "ежегодный основной оплачиваемый отпуск",
    "2": "ежегодный дополнительный оплачиваемый отпуск",
    "3": "отпуск без сохранения заработной платы",
    "4": "учебный отпуск",
    "5": "отпуск по беременности и родам",
    "6": "отпуск по уходу за ребёнком",
}
OWN_WISH = "пункт 3 части первой статьи 77 Трудового кодекса Российской Федерации (по инициативе работника)"
NOTICE_MONTHS = 2  # ст. 74 ТК РФ
MAX_PROBATION_MONTHS = 6  # ст. 70 ТК РФ: up to 3 months, up to 6 for heads and chief accountants
Day = date  # for annotations in classes whose field ``date`` hides the type


@dataclass(frozen=True, slots=True)
class LeaveBody:
    """Отпуск: its type (LEAVE_TYPES), first and last day, days."""

    leave_type: str
    start: date
    end: date
    days: int

    def __post_init__(self) -> None:
        need_code(self.leave_type, "leave_type", tuple(LEAVE_TYPES))
        need_day(self.start, "start")
        need_day(self.end, "end")
        if self.end < self.start:
            raise InputError(f"отпуск не может закончиться ({self.end:%d.%m.%Y}) раньше, чем начнётся "
                             f"({self.start:%d.%m.%Y})", "end")
        span = (self.end - self.start).days + 1
        if not 1 <= self.days <= span:  # holidays inside a leave are not counted (ст. 120 ТК РФ)
            raise InputError(f"число дней {self.days}: ожидается от 1 до {span} (календарных дней с "
                             f"{self.start:%d.%m.%Y} по {self.end:%d.%m.%Y})", "days")


@dataclass(frozen=True, slots=True)
class TransferBody:
    """Перевод: from when, to which position and department; the new salary when it changes."""

    date: date
    position: str
    department: str
    salary: Decimal | None = None

    def __post_init__(self) -> None:
        need_day(self.date, "date")
        need_text(self.position, "position", 255)
        need_text(self.department, "department", 255)
        need_amount(self.salary, "salary", required=False)


@dataclass(frozen=True, slots=True)
class DismissalBody:
    """Увольнение: the last working day and the ground of the ТК РФ."""

    date: date
    basis: str = OWN_WISH

    def __post_init__(self) -> None:
        need_day(self.date, "date")
        need_text(self.basis, "basis", 1000)


@dataclass(frozen=True, slots=True)
class Condition:
    """One changed condition of the employment contract: what it was and what it becomes."""

    name: str
    before: str
    after: str

    def __post_init__(self) -> None:
        need_text(self.name, "name", 255)
        need_text(self.before, "before", 1000)
        need_text(self.after, "after", 1000)


@dataclass(frozen=True, slots=True)
class NoticeBody:
    """ИзмУсловий: the changes, why (organisational or technological conditions), from when."""

    effective: date
    reason: str
    conditions: tuple[Condition, ...]

    def __post_init__(self) -> None:
        need_day(self.effective, "effective")
        need_text(self.reason, "reason", 1000)
        if not self.conditions:
            raise InputError("укажите хотя бы одно изменяемое условие", "conditions")


@dataclass(frozen=True, slots=True)
class HireBody:
    """Прием: the first working day, position, department, salary, probation, the contract."""

    date: date
    position: str
    department: str
    salary: Decimal
    contract_number: str
    contract_date: Day
    probation_months: int = 0

    def __post_init__(self) -> None:
        need_day(self.date, "date")
        need_text(self.position, "position", 255)
        need_text(self.department, "department", 255)
        need_amount(self.salary, "salary")
        if self.salary <= 0:
            raise InputError("оклад должен быть больше нуля", "salary")
        need_text(self.contract_number, "contract_number", 100)
        need_day(self.contract_date, "contract_date")
        if isinstance(self.probation_months, bool) or not 0 <= self.probation_months <= MAX_PROBATION_MONTHS:
            raise InputError(f"испытательный срок: от 0 до {MAX_PROBATION_MONTHS} месяцев", "probation_months")


@dataclass(frozen=True, slots=True)
class AckBody:
    """Ознакомление: the employee has read the referenced notice or order (on the document's date)."""

    document: HrDocRef

    def __post_init__(self) -> None:
        if self.document.kind not in EMPLOYER_KINDS:
            raise InputError(f"ознакомиться можно с уведомлением или приказом, а не с «{self.document.kind}»",
                             "document.kind")


Body = LeaveBody | TransferBody | DismissalBody | NoticeBody | HireBody | AckBody


@dataclass(frozen=True, slots=True)
class HrKind:
    """One kind of HR document: its key (CLI, JSON), file prefix, ВидДок, title, who signs it."""

    key: str
    prefix: str
    title: str
    body: type
    author: str
    statement: str = ""  # for an order: the key of the employee's statement it may answer

    @property
    def code(self) -> str:
        """ВидДок: the prefix without ``HR_`` (a rule of the schema ties the two)."""
        return self.prefix.removeprefix("HR_")


KINDS: dict[str, HrKind] = {k.key: k for k in (
    HrKind("leave", "HR_ZAYAVOTP", "Заявление о предоставлении отпуска", LeaveBody, EMPLOYEE),
    HrKind("transfer", "HR_ZAYAVPER", "Заявление о переводе на другую должность", TransferBody, EMPLOYEE),
    HrKind("dismissal", "HR_ZAYAVUV", "Заявление об увольнении", DismissalBody, EMPLOYEE),
    HrKind("notice", "HR_UVIZMTD", "Уведомление об изменении условий трудового договора", NoticeBody, EMPLOYER),
    HrKind("order-hire", "HR_PRIKPRIEM", "Приказ о приёме на работу", HireBody, EMPLOYER),
    HrKind("order-transfer", "HR_PRIKPER", "Приказ о переводе на другую работу", TransferBody, EMPLOYER,
           "transfer"),
    HrKind("order-leave", "HR_PRIKOTP", "Приказ о предоставлении отпуска", LeaveBody, EMPLOYER, "leave"),
    HrKind("order-dismissal", "HR_PRIKUV", "Приказ о прекращении трудового договора", DismissalBody, EMPLOYER,
           "dismissal"),
    HrKind("ack", "HR_OZNAK", "Ознакомление работника с документом", AckBody, EMPLOYEE),
)}
EMPLOYER_KINDS = frozenset(k for k, info in KINDS.items() if info.author == EMPLOYER)
KIND_BY_CODE = {info.code: info for info in KINDS.values()}
HR_PREFIXES = tuple(info.prefix for info in KINDS.values())


def kind_info(key: str, field: str = "kind") -> HrKind:
    if key not in KINDS:
        raise InputError(f"вид кадрового документа «{key}»: допустимы {', '.join(KINDS)}", field)
    return KINDS[key]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of that month when it is shorter (ст. 14 ТК РФ)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class _Himself:
    title: str
    name: PersonName


@dataclass(frozen=True, slots=True)
class HrDocument:
    """One HR document; ``basis`` (orders only) is the statement the order answers."""

    kind: str
    head: HrHead
    body: Body
    basis: HrDocRef | None = None

    def __post_init__(self) -> None:
        info = kind_info(self.kind)
        if not isinstance(self.body, info.body):
            raise InputError(f"у документа «{info.title}» другие сведения ({info.body.__name__})", "body")
        if self.head.file_id.prefix != info.prefix:
            raise InputError(f"имя файла начинается с «{self.head.file_id.prefix}», ожидается «{info.prefix}»",
                             "file.prefix")
        self._check_signers(info)
        if self.basis is not None and info.author != EMPLOYER:
            raise InputError("документ-основание указывается только в уведомлениях и приказах", "basis")
        self._check_dates()

    def _check_signers(self, info: HrKind) -> None:
        for i, signer in enumerate(self.head.signers):
            if signer.role != info.author:
                raise InputError(f"«{info.title}» подписывает {info.author.lower()}, а не «{signer.role}»",
                                 f"signers[{i}].role")
            himself = self._who_signs_himself(info)
            if himself is not None and signer.name != himself.name:
                raise InputError(f"подписывает сам {himself.title} ({himself.name.full}), а не "
                                 f"{signer.name.full}", f"signers[{i}].name")

    def _who_signs_himself(self, info: HrKind) -> _Himself | None:
        """The employee signs his statements; an ИП signs his orders and notices (no one is above him)."""
        if info.author == EMPLOYEE:
            return _Himself("работник", self.head.employee.name)
        employer = self.head.employer
        return _Himself("предприниматель", employer.person) if isinstance(employer, HrEntrepreneur) else None

    def _check_dates(self) -> None:
        body, doc_date = self.body, self.head.doc_date
        if isinstance(body, NoticeBody) and body.effective < add_months(doc_date, NOTICE_MONTHS):
            earliest = add_months(doc_date, NOTICE_MONTHS)
            raise InputError(f"изменения вступают в силу {body.effective:%d.%m.%Y}, но по ст. 74 ТК РФ работника "
                             f"уведомляют не позднее чем за два месяца: не ранее {earliest:%d.%m.%Y}",
                             "body.effective")
        if isinstance(body, DismissalBody) and self.kind == "dismissal" and body.date < doc_date:
            raise InputError(f"дата увольнения {body.date:%d.%m.%Y} раньше даты заявления {doc_date:%d.%m.%Y}",
                             "body.date")
        if isinstance(body, AckBody) and doc_date < body.document.date:
            raise InputError(f"дата ознакомления {doc_date:%d.%m.%Y} раньше даты документа "
                             f"{body.document.date:%d.%m.%Y}", "doc_date")

    @property
    def info(self) -> HrKind:
        return KINDS[self.kind]

    @property
    def file_name(self) -> str:
        return f"{self.head.file_id}.xml"
