"""ЭТрН 5.01 title 04: информация о заменах водителя (водителей) и (или) транспортного средства
(ON_TRNZAMEN, КНД 1110344) as a frozen dataclass.

The carrier forms it on the way, after its acceptance title 02, which it names by ИдФайл, date,
time and signature (ИдИнфПрвПрием). It holds the moment of the change, its reason, and the new
drivers (ЗаменВодит) and/or new vehicles and trailers (ЗаменТС): at least one of the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from edo_app.errors import InputError
from edo_app.model.fields import need_text
from edo_app.model.fileid import FileId

from .etrn_model import CARRIER_ACCEPT, TitleFormat
from .etrn_types import (
    PROGRAM,
    REPLY_STATUSES,
    Driver,
    EtrnSigner,
    TitleRef,
    Vehicle,
    need_file,
    need_order,
    need_zoned,
)

CHANGE = TitleFormat("04", "ON_TRNZAMEN", "1110344", "Транспортная накладная (информация о заменах водителя "
                     "(водителей) и (или) транспортного средства)",
                     "Замена водителя и (или) транспортного средства", "Перевозчик")


@dataclass(frozen=True, slots=True)
class VehicleChange:
    """ЗаменТС: the new vehicle (tractor), the new trailers, or both."""

    vehicle: Vehicle | None = None
    trailers: tuple[Vehicle, ...] = ()

    def __post_init__(self) -> None:
        if self.vehicle is None and not self.trailers:
            raise InputError("укажите новое транспортное средство или прицеп", "vehicle")


@dataclass(frozen=True, slots=True)
class EtrnChange:
    """Title 04; ``answers`` is the carrier's title 02 of the same waybill."""

    file_id: FileId
    created: datetime
    answers: TitleRef
    uid: str  # УИД_ТрН
    changed: datetime  # ДатВрЗамен, with its UTC offset
    reason: str  # ПричЗамТекст
    signer: EtrnSigner
    drivers: tuple[Driver, ...] = ()  # ЗаменВодит/НовВодит
    vehicles: tuple[VehicleChange, ...] = ()  # ЗаменТС
    operation: str = CHANGE.operation  # СодОпер
    program: str = PROGRAM

    def __post_init__(self) -> None:
        need_file(self.file_id, CHANGE.prefix, self.created)
        need_text(self.uid, "uid", 1000)
        need_text(self.reason, "reason", 2000)
        need_text(self.operation, "operation", 1000)
        need_text(self.program, "program", 40)
        need_zoned(self.changed, "changed")
        if not self.drivers and not self.vehicles:
            raise InputError("укажите нового водителя или новое транспортное средство", "drivers")
        need_order(self.answers.created, self.created, "created",
                   "титул сформирован раньше титула 02, на который ссылается")
        local_change = self.changed.replace(tzinfo=None)
        need_order(self.answers.created, local_change, "changed", "замена раньше приёма груза перевозчиком")
        need_order(local_change, self.created, "changed", "замена позже формирования сведений о ней")
        if self.signer.status not in REPLY_STATUSES:
            raise InputError("статус подписанта этого титула: 1 или 3", "signer.status")

    @property
    def step(self) -> str:
        return CHANGE.code

    @property
    def format(self) -> TitleFormat:
        return CHANGE

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


def change_for(accepted: TitleRef, accepted_id: FileId, *, uid: str, created: datetime, guid: str,
               signer: EtrnSigner, changed: datetime, reason: str, drivers: tuple[Driver, ...] = (),
               vehicles: tuple[VehicleChange, ...] = (), recipient: str = "") -> EtrnChange:
    """Title 04 built on the carrier's own title 02 (``accepted``, file ``accepted_id``).

    The carrier sent 02, so it stays the sender; ``recipient`` defaults to the recipient of 02.
    """
    if accepted_id.prefix != CARRIER_ACCEPT.prefix:
        raise InputError("сведения о замене составляются на основании титула 02 (приём груза перевозчиком)",
                         "answers")
    file_id = FileId(CHANGE.prefix, recipient or accepted_id.recipient, accepted_id.sender, created.date(), guid)
    return EtrnChange(file_id=file_id, created=created, answers=accepted, uid=uid, changed=changed, reason=reason,
                      signer=signer, drivers=drivers, vehicles=vehicles)
