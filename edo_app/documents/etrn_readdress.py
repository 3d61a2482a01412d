"""ЭТрН 5.01 title 03: информация о переадресовке (ON_TRNPEREADR, КНД 1110343) as a frozen dataclass.

The carrier forms it when the shipper (or consignee) readdresses the cargo on the way, after its
acceptance title 02, which it names by ИдФайл, date, time and signature (ИдИнфПрвПрием). It holds
the basis of the readdressing (ОснПА), the new unloading place with its time, and, when the
cargo goes to someone else, the new consignee.
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
    DocRequisite,
    EtrnParty,
    EtrnSigner,
    TitleRef,
    need_file,
    need_order,
    need_place,
    need_zoned,
)
from .primary_types import PlainAddress

READDRESS = TitleFormat("03", "ON_TRNPEREADR", "1110343", "Транспортная накладная (информация о переадресовке)",
                        "Груз переадресован", "Перевозчик")
ELECTRONIC_NOTICE = "Электронное уведомление перевозчика о переадресовке"  # ФормаПА
ELECTRONIC_DELIVERY = "Электронный документ"  # ВидДост


@dataclass(frozen=True, slots=True)
class EtrnReaddress:
    """Title 03; ``answers`` is the carrier's title 02 of the same waybill."""

    file_id: FileId
    created: datetime
    answers: TitleRef
    uid: str  # УИД_ТрН
    readdressed: datetime  # ДатВрПА, with its UTC offset
    basis: DocRequisite  # ОснПА: the shipper's notice or another document
    new_place: PlainAddress  # НовПунктВыгр/АдрВыгруз
    new_unloading: datetime  # НовПунктВыгр/@ДатВрНовВыгрПА
    signer: EtrnSigner
    new_consignee: EtrnParty | None = None  # НовГрузПол
    form: str = ELECTRONIC_NOTICE  # ФормаПА
    delivery: str = ELECTRONIC_DELIVERY  # ВидДост
    operation: str = READDRESS.operation  # СодОпер
    program: str = PROGRAM

    def __post_init__(self) -> None:
        need_file(self.file_id, READDRESS.prefix, self.created)
        for name, size in (("uid", 1000), ("operation", 1000), ("form", 1000), ("delivery", 50), ("program", 40)):
            need_text(getattr(self, name), name, size)
        need_zoned(self.readdressed, "readdressed")
        need_zoned(self.new_unloading, "new_unloading")
        need_place(self.new_place, "new_place")
        if self.new_consignee is not None and self.new_consignee.member.address is None:
            raise InputError("укажите адрес нового грузополучателя", "new_consignee.address")
        need_order(self.answers.created, self.created, "created",
                   "титул сформирован раньше титула 02, на который ссылается")
        local = self.readdressed.replace(tzinfo=None)
        need_order(self.answers.created, local, "readdressed", "переадресовка раньше приёма груза перевозчиком")
        need_order(local, self.created, "readdressed", "переадресовка позже формирования сведений о ней")
        need_order(self.readdressed, self.new_unloading, "new_unloading", "выгрузка назначена раньше переадресовки")
        if self.signer.status not in REPLY_STATUSES:
            raise InputError("статус подписанта этого титула: 1 или 3", "signer.status")

    @property
    def step(self) -> str:
        return READDRESS.code

    @property
    def format(self) -> TitleFormat:
        return READDRESS

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


def readdress_for(accepted: TitleRef, accepted_id: FileId, *, uid: str, created: datetime, guid: str,
                  signer: EtrnSigner, readdressed: datetime, basis: DocRequisite, new_place: PlainAddress,
                  new_unloading: datetime, new_consignee: EtrnParty | None = None,
                  recipient: str = "") -> EtrnReaddress:
    """Title 03 built on the carrier's own title 02 (``accepted``, file ``accepted_id``)."""
    if accepted_id.prefix != CARRIER_ACCEPT.prefix:
        raise InputError("сведения о переадресовке составляются на основании титула 02 (приём груза перевозчиком)",
                         "answers")
    file_id = FileId(READDRESS.prefix, recipient or accepted_id.recipient, accepted_id.sender, created.date(), guid)
    return EtrnReaddress(file_id=file_id, created=created, answers=accepted, uid=uid, readdressed=readdressed,
                         basis=basis, new_place=new_place, new_unloading=new_unloading, signer=signer,
                         new_consignee=new_consignee)
