"""Exchange file names (ИдФайл): ``<prefix>_<recipient>_<sender>_<YYYYMMDD>_<GUID>[suffix]``.

The file name without ``.xml`` must equal the root's ``@ИдФайл``. УПД 5.03 ends the name
with ``_0_0_0_0_0_00`` (reserved parts of the format); older formats end at the GUID.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from edo_app.errors import InputError

SUFFIX_503 = "_0_0_0_0_0_00"
_PARTICIPANT = re.compile(r"^[0-9A-Za-z\-]{1,46}$")
_NAME = re.compile(
    r"^(?P<prefix>[A-Z]{2}_[A-Z0-9]+)_(?P<recipient>[^_]+)_(?P<sender>[^_]+)_"
    r"(?P<date>\d{8})_(?P<guid>[0-9A-Fa-f\-]{36})(?P<suffix>(?:_[0-9]+)*)$"
)


@dataclass(frozen=True, slots=True)
class FileId:
    prefix: str
    recipient: str
    sender: str
    day: date
    guid: str
    suffix: str = ""

    def __post_init__(self) -> None:
        for field, value in (("recipient", self.recipient), ("sender", self.sender)):
            if not _PARTICIPANT.match(value):
                raise InputError(
                    f"идентификатор участника ЭДО «{value}» может содержать только латинские буквы, "
                    "цифры и дефис (до 46 знаков)",
                    field,
                )

    @classmethod
    def new(cls, prefix: str, recipient: str, sender: str, day: date, suffix: str = "") -> FileId:
        return cls(prefix, recipient, sender, day, str(uuid.uuid4()), suffix)

    def __str__(self) -> str:
        return (
            f"{self.prefix}_{self.recipient}_{self.sender}_{self.day:%Y%m%d}_{self.guid}{self.suffix}"
        )

    @classmethod
    def parse(cls, name: str) -> FileId:
        """Read a file name (with or without .xml)."""
        stem = name[:-4] if name.lower().endswith(".xml") else name
        match = _NAME.match(stem)
        if not match:
            raise InputError(f"имя файла «{name}» не соответствует формату ИдФайл", "ИдФайл")
        raw = match.group("date")
        try:
            day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        except ValueError:
            raise InputError(f"в имени файла «{name}» неверная дата «{raw}»", "ИдФайл") from None
        return cls(
            match.group("prefix"), match.group("recipient"), match.group("sender"), day,
            match.group("guid"), match.group("suffix"),
        )
