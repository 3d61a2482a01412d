"""The ЭТрН 5.01 titles of the main flow as frozen dataclasses.

* EtrnShipper — title 1, информация грузоотправителя (ON_TRNACLGROT, КНД 1110339);
* EtrnReply — the later titles, each answering the one before by ИдФайл, date, time and signature:
  02 the carrier accepted the cargo (ON_TRNACLPPRIN, answers title 1), 05 the consignee accepted
  or refused it (ON_TRNACLGRPO, answers 02), 06 the carrier handed it over (ON_TRNACLPVYN, answers 05).

УИД_ТрН is assigned by ГИС ЭПД when title 1 is registered: title 1 usually leaves it empty, the
later titles must carry it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fields import need_text
from edo_app.model.fileid import FileId

from .etrn_types import (
    PROGRAM,
    REPLY_STATUSES,
    CargoItem,
    Driver,
    EtrnParty,
    EtrnSigner,
    Loading,
    TitleRef,
    Vehicle,
    need_file,
    need_order,
    need_place,
    need_positive,
    need_zoned,
)
from .primary_types import PlainAddress
from .upd_types import need_date


@dataclass(frozen=True, slots=True)
class TitleFormat:
    """What tells one title from another: file prefix, КНД, names of its own elements."""

    code: str  # "01", "02", "05", "06"
    prefix: str
    knd: str
    fact: str  # ПоФактХЖ
    operation: str  # the default СодОпер (СодОпПр for the consignee)
    party: str  # who signs it, for messages and print forms


SHIPPER = TitleFormat("01", "ON_TRNACLGROT", "1110339", "Транспортная накладная (информация грузоотправителя)",
                      "Груз передан перевозчику для перевозки", "Грузоотправитель")
CARRIER_ACCEPT = TitleFormat("02", "ON_TRNACLPPRIN", "1110340", "Транспортная накладная (информация перевозчика о "
                             "приеме груза к перевозке)", "Груз принят к перевозке", "Перевозчик")
CONSIGNEE = TitleFormat("05", "ON_TRNACLGRPO", "1110341", "Транспортная накладная (информация грузополучателя)",
                        "Груз принят", "Грузополучатель")
CARRIER_HANDOVER = TitleFormat("06", "ON_TRNACLPVYN", "1110342", "Транспортная накладная (информация перевозчика о "
                               "выдаче груза грузополучателю)", "Груз выдан грузополучателю", "Перевозчик")
REPLY_FORMATS = {f.code: f for f in (CARRIER_ACCEPT, CONSIGNEE, CARRIER_HANDOVER)}
TITLE_FORMATS = {SHIPPER.code: SHIPPER, **REPLY_FORMATS}
REFUSAL = "Отказ в приеме груза"


@dataclass(frozen=True, slots=True)
class EtrnShipper:
    """Title 1: the waybill as the shipper issues it."""

    file_id: FileId
    created: datetime
    number: str  # НомерТрН
    doc_date: date  # ДатаТрН
    order_number: str  # НомЗак
    order_date: date  # ДатаЗак
    shipper: EtrnParty
    consignee: EtrnParty
    delivery_address: PlainAddress  # АдресДостГр
    cargo: tuple[CargoItem, ...]
    transport_rules: str  # УказГО/@УкНормПрвз
    carrier: EtrnParty
    drivers: tuple[Driver, ...]
    vehicle: Vehicle
    loading: Loading
    signer: EtrnSigner
    trailers: tuple[Vehicle, ...] = ()
    delivery_due: str = ""  # УказГО/@СрокДостГр
    operation: str = SHIPPER.operation
    economic_entity: str = ""  # НаимЭкСубСост
    uid: str = ""  # УИД_ТрН, assigned by ГИС ЭПД
    program: str = PROGRAM

    def __post_init__(self) -> None:
        need_file(self.file_id, SHIPPER.prefix, self.created)
        need_text(self.number, "number", 1000)
        need_text(self.order_number, "order_number", 1000)
        need_date(self.doc_date, "doc_date")
        need_date(self.order_date, "order_date")
        need_order(self.order_date, self.doc_date, "order_date", "заказ (заявка) датирован позже накладной")
        need_order(self.doc_date, self.created.date(), "doc_date", "дата накладной позже формирования файла")
        need_place(self.delivery_address, "delivery_address")
        if not self.cargo:
            raise InputError("укажите груз", "cargo")
        if not self.drivers:
            raise InputError("укажите водителя", "drivers")
        for i, driver in enumerate(self.drivers):
            need_order(driver.licence_issued, self.doc_date, f"drivers[{i}].licence_issued",
                       "удостоверение выдано позже даты накладной")
        need_text(self.transport_rules, "transport_rules", 2000)
        need_text(self.delivery_due, "delivery_due", 100, required=False)
        need_text(self.operation, "operation", 255)
        need_text(self.economic_entity, "economic_entity", 1000, required=False)
        need_text(self.uid, "uid", 1000, required=False)
        need_text(self.program, "program", 40)
        need_order(self.order_date, self.loading.arrived.date(), "loading.arrived", "погрузка раньше даты заказа")

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"

    @property
    def places(self) -> int:
        return sum(item.places for item in self.cargo)


@dataclass(frozen=True, slots=True)
class Remarks:
    """Оговорки и замечания of the carrier (ЗамПрвПрием in title 02, ЗамПрвВыд in title 06)."""

    cargo_state: str = ""  # ЗамСостГруз
    mass: str = ""  # ЗамМасс, title 02 only
    places: str = ""  # ЗамКолМест, title 02 only
    works: str = ""  # ЗамПогрРаб (02) / ЗамРабВыгр (06)

    def __post_init__(self) -> None:
        need_text(self.cargo_state, "cargo_state", 10000, required=False)
        need_text(self.mass, "mass", 1000, required=False)
        need_text(self.places, "places", 1000, required=False)
        need_text(self.works, "works", 1000, required=False)

    def __bool__(self) -> bool:
        return any((self.cargo_state, self.mass, self.places, self.works))


@dataclass(frozen=True, slots=True)
class Unloading:
    """ПриемГрузГП: the consignee's receipt of the cargo at the unloading place."""

    address: PlainAddress
    planned: datetime  # ЗаявДатВрПриб
    arrived: datetime  # ФДатВрПриб
    departed: datetime  # ФДатВрУбыт
    places: int  # КолМестПриемЧ
    state: str  # ОбщСвСост
    gross_kg: Decimal
    net_kg: Decimal | None = None

    def __post_init__(self) -> None:
        need_place(self.address, "address")
        for name in ("planned", "arrived", "departed"):
            need_zoned(getattr(self, name), name)
        need_order(self.arrived, self.departed, "departed", "убытие после выгрузки раньше прибытия")
        if not isinstance(self.places, int) or not 0 <= self.places <= 9999:
            raise InputError("число принятых мест — от 0 до 9999", "places")
        need_text(self.state, "state", 10000)
        need_positive(self.gross_kg, "gross_kg")
        need_positive(self.net_kg, "net_kg", required=False)
        if self.net_kg is not None and self.net_kg > self.gross_kg:
            raise InputError("масса нетто больше массы брутто", "net_kg")


@dataclass(frozen=True, slots=True)
class EtrnReply:
    """Titles 02, 05 and 06: ``step`` is their code; ``answers`` the title before."""

    step: str
    file_id: FileId
    created: datetime
    answers: TitleRef
    uid: str
    signer: EtrnSigner
    operation: str = ""  # СодОпер (02, 06) or СодОпПр / СодОпОтк (05); the format's default when empty
    remarks: Remarks = Remarks()  # 02, 06
    accepted: bool = True  # 05: СодОпПр, or СодОпОтк with ``reason``
    reason: str = ""  # 05: ПричОтк
    receipt: Unloading | None = None  # 05: ПриемГрузГП, required when accepted
    economic_entity: str = ""  # 05: НаимЭконСубСост, required there
    program: str = PROGRAM

    def __post_init__(self) -> None:
        if self.step not in REPLY_FORMATS:
            raise InputError("титул: 02, 05 или 06", "step")
        need_file(self.file_id, self.format.prefix, self.created)
        if not self.operation:
            object.__setattr__(self, "operation", self.format.operation if self.accepted else REFUSAL)
        need_text(self.operation, "operation", 255)
        need_text(self.uid, "uid", 1000)
        need_order(self.answers.created, self.created, "created",
                   "титул сформирован раньше титула, на который отвечает")
        if self.signer.status not in REPLY_STATUSES:
            raise InputError("статус подписанта этого титула: 1 или 3", "signer.status")
        need_text(self.program, "program", 40)
        self._check_step_fields()

    def _check_step_fields(self) -> None:
        consignee = self.step == CONSIGNEE.code
        if not consignee and (not self.accepted or self.reason or self.receipt or self.economic_entity):
            raise InputError("приём или отказ с причиной указывает только грузополучатель (титул 05)", "accepted")
        if consignee:
            need_text(self.economic_entity, "economic_entity", 1000)
            if self.remarks:
                raise InputError("оговорки указывает перевозчик, а не грузополучатель", "remarks")
            need_text(self.reason, "reason", 2000, required=not self.accepted)
            if self.accepted and self.reason:
                raise InputError("причина указывается только при отказе", "reason")
            if self.accepted and self.receipt is None:
                raise InputError("при приёме груза укажите сведения о приёме (receipt)", "receipt")
        if self.step == CARRIER_HANDOVER.code and (self.remarks.mass or self.remarks.places):
            raise InputError("при выдаче груза оговорки о массе и местах не предусмотрены", "remarks.mass")

    @property
    def format(self) -> TitleFormat:
        return REPLY_FORMATS[self.step]

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


EtrnTitle = EtrnShipper | EtrnReply
