"""Directories: employees (HR documents), vehicles and drivers (ЭТрН)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from edo_app.storage.models.base import (
    PARTICIPANT_LENGTH,
    Base,
)


class EmployeeRecord(Base):
    """The employees directory (HR documents): one row per employee of one of the user's
    organisations (``employer_inn``); unique by СНИЛС and by табельный номер within it."""

    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employer_inn: Mapped[str] = mapped_column(String(12))
    personnel_number: Mapped[str] = mapped_column(String(50))
    snils: Mapped[str] = mapped_column(String(11))  # 11 digits, no dashes
    last_name: Mapped[str] = mapped_column(String(60))
    first_name: Mapped[str] = mapped_column(String(60))
    middle_name: Mapped[str] = mapped_column(String(60))
    position: Mapped[str] = mapped_column(String(255))
    department: Mapped[str] = mapped_column(String(255))
    edo_id: Mapped[str] = mapped_column(String(PARTICIPANT_LENGTH))  # the employee's box at the operator
    search_text: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("employer_inn", "snils"), UniqueConstraint("employer_inn", "personnel_number"))


# --- Transport directories (ЭТрН) ---------------------------------------------------------------
class VehicleRecord(Base):
    """The vehicles directory (ЭТрН): a vehicle or a trailer by its госномер (unique), with what
    title 1 says of it; ``right_*`` is the document of the right to use a leased one."""

    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reg_number: Mapped[str] = mapped_column(String(9), unique=True)  # upper case, no blanks
    trailer: Mapped[bool] = mapped_column(Boolean, server_default=false())
    kind: Mapped[str] = mapped_column(String(255))  # тип ТС: «Грузовой фургон»
    brand: Mapped[str] = mapped_column(String(255))  # марка и модель
    capacity_t: Mapped[str] = mapped_column(String(16))  # decimal text, exact
    volume_m3: Mapped[str] = mapped_column(String(16))
    ownership: Mapped[str] = mapped_column(String(1))  # ТипВлад 1–5
    right_name: Mapped[str] = mapped_column(String(255))
    right_number: Mapped[str] = mapped_column(String(255))
    right_date: Mapped[date | None] = mapped_column(Date)
    right_issuer_inn: Mapped[str] = mapped_column(String(12))
    search_text: Mapped[str] = mapped_column(Text)


class DriverRecord(Base):
    """The drivers directory (ЭТрН): unique by the driving licence (series and number)."""

    __tablename__ = "drivers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_name: Mapped[str] = mapped_column(String(60))
    first_name: Mapped[str] = mapped_column(String(60))
    middle_name: Mapped[str] = mapped_column(String(60))
    licence_series: Mapped[str] = mapped_column(String(4))
    licence_number: Mapped[str] = mapped_column(String(6))
    licence_issued: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(20))
    inn: Mapped[str] = mapped_column(String(12))  # "" when not known
    search_text: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("licence_series", "licence_number"),)
