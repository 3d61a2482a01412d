"""Realistic, valid HR documents for tests, the case suite and ``edo sample hr --kind ...``.

Fictional employer (an organisation, or with ``entrepreneur=True`` an ИП who signs his orders
himself) and employee with correct check digits; everything derives from ``seed``.
Orders of leave, transfer and dismissal answer a sample statement (hr_build.order_for), the
acknowledgement answers a sample leave order.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from edo_app.model.fileid import FileId
from edo_app.model.identifiers import make_inn_le, make_inn_person, make_ogrn, make_ogrnip, make_snils

from .hr_build import acknowledgement_for, order_for
from .hr_model import (
    KINDS,
    Body,
    Condition,
    DismissalBody,
    HireBody,
    HrDocument,
    LeaveBody,
    NoticeBody,
    TransferBody,
    kind_info,
)
from .hr_types import EMPLOYEE, EMPLOYER, HrEmployee, HrEmployer, HrEntrepreneur, HrHead, HrOrganisation, HrSigner
from .samples import SAMPLE_DAY, _person

EMPLOYER_ID = "2AE7712345678-771201001"  # the employer's box at the EDO operator
EMPLOYEE_ID = "2AE-SNILS-EMPLOYEE"  # the employee's box (a personal account of the operator)
ENTREPRENEUR_ID = "2AE-INN-ENTREPRENEUR"  # the box of an ИП employer
_POSITIONS = ("Инженер", "Бухгалтер", "Менеджер по продажам", "Кладовщик", "Программист")
_DEPARTMENTS = ("Отдел продаж", "Бухгалтерия", "Склад", "Отдел разработки")
_COMPANIES = ("ООО «Северный ветер»", "АО «Медный бор»", "ООО «Ясный день»")
_HEAD = ("Генеральный директор", "Директор по персоналу")


def sample_employer(rng: random.Random) -> HrOrganisation:
    return HrOrganisation(rng.choice(_COMPANIES), make_inn_le(rng, "77"), "771201001", make_ogrn(rng, "77"))


def sample_entrepreneur(rng: random.Random) -> HrEntrepreneur:
    return HrEntrepreneur(_person(rng), make_inn_person(rng, "50"), make_ogrnip(rng, "50"))


def _employer_signer(rng: random.Random, employer: HrEmployer) -> HrSigner:
    """A head of the organisation; an ИП signs himself (the draws are made anyway: same samples as before)."""
    head = HrSigner(_person(rng), EMPLOYER, rng.choice(_HEAD))
    return employer.signer if isinstance(employer, HrEntrepreneur) else head


def sample_employee(rng: random.Random) -> HrEmployee:
    return HrEmployee(_person(rng), make_snils(rng), str(rng.randint(1, 9999)).zfill(4), rng.choice(_POSITIONS),
                      rng.choice(_DEPARTMENTS))


def _head(rng: random.Random, key: str, employer: HrEmployer, employee: HrEmployee, created: datetime) -> HrHead:
    info = kind_info(key)
    by_employee = info.author == EMPLOYEE
    box = ENTREPRENEUR_ID if isinstance(employer, HrEntrepreneur) else EMPLOYER_ID
    sender, recipient = (EMPLOYEE_ID, box) if by_employee else (box, EMPLOYEE_ID)
    file_id = FileId(info.prefix, recipient, sender, created.date(), str(uuid.UUID(int=rng.getrandbits(128))))
    signer = HrSigner(employee.name, EMPLOYEE) if by_employee else _employer_signer(rng, employer)
    return HrHead(file_id, f"{rng.randint(1, 999)}-{'З' if by_employee else 'К'}", created.date(), created, employer,
                  employee, (signer,))


def _body(rng: random.Random, key: str, created: datetime) -> Body:
    day = created.date()
    if key in ("leave", "order-leave"):
        start = day + timedelta(days=rng.randint(14, 60))
        days = rng.choice((7, 14, 28))
        return LeaveBody(rng.choice(("1", "1", "2", "3")), start, start + timedelta(days=days - 1), days)
    if key in ("transfer", "order-transfer"):
        return TransferBody(day + timedelta(days=rng.randint(1, 30)), rng.choice(_POSITIONS), rng.choice(_DEPARTMENTS),
                            Decimal(rng.randint(60, 200) * 1000))
    if key in ("dismissal", "order-dismissal"):
        return DismissalBody(day + timedelta(days=14))
    if key == "notice":
        return NoticeBody(day + timedelta(days=rng.randint(62, 90)), "Переход на сменный график работы склада",
                          (Condition("Режим рабочего времени", "пятидневная неделя, с 9:00 до 18:00",
                                     "сменный график 2/2, с 8:00 до 20:00"),))
    return HireBody(day + timedelta(days=1), rng.choice(_POSITIONS), rng.choice(_DEPARTMENTS),
                    Decimal(rng.randint(50, 150) * 1000), f"ТД-{rng.randint(1, 999)}", day, rng.choice((0, 3)))


def sample_hr(key: str = "leave", seed: int = 0, *, entrepreneur: bool = False) -> HrDocument:
    """A valid document of the kind ``key`` (a key of hr_model.KINDS); its employer is an ИП with ``entrepreneur``."""
    kind_info(key)
    rng = random.Random(seed + 7_000_003)
    employer = sample_entrepreneur(rng) if entrepreneur else sample_employer(rng)
    employee = sample_employee(rng)
    created = datetime.combine(SAMPLE_DAY, datetime.min.time()).replace(hour=10, minute=rng.randint(0, 59))
    statement_key = KINDS[key].statement
    if statement_key:
        statement = _plain(rng, statement_key, employer, employee, created)
        signer = _employer_signer(rng, employer)
        later = created + timedelta(hours=2)
        return order_for(statement, f"{rng.randint(1, 999)}-К", later.date(), created=later, signer=signer,
                         guid=str(uuid.UUID(int=rng.getrandbits(128))))
    if key == "ack":
        order = sample_hr("order-leave", seed, entrepreneur=entrepreneur)
        return acknowledgement_for(order, order.head.created + timedelta(days=1),
                                   str(uuid.UUID(int=rng.getrandbits(128))))
    return _plain(rng, key, employer, employee, created)


def _plain(rng: random.Random, key: str, employer: HrEmployer, employee: HrEmployee, created: datetime) -> HrDocument:
    return HrDocument(key, _head(rng, key, employer, employee, created), _body(rng, key, created))
