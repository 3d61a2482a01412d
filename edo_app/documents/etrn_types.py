"""Value types of the электронная транспортная накладная (ЭТрН) 5.01, приказ ФНС ЕД-7-26/1065@.

The transport titles spell their parties differently from the 5.01 primary documents
(УчастникТрНТип: СвЮЛУч / СвИП / СвФЛУчаст, a required Контакт with phones), place addresses
need a postal code, and moments are written with their UTC offset (ДатаВремяВЗТип). What is
shared with акт / ТОРГ-12 is reused: Member (the party with its ИНН/КПП checks), PlainAddress.
Every type checks itself against the limits of the official schemas on construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fields import need_digits, need_text
from edo_app.model.fileid import FileId
from edo_app.model.party import PersonName

from .primary_types import Member, PlainAddress
from .upd_types import need_date, need_moment, need_name

FORMAT_VERSION = "5.01"
PROGRAM = "edo-app 1.0"
OWNERSHIP_TYPES = ("1", "2", "3", "4", "5")  # ТипВлад: собственность … безвозмездное пользование
LEASED = ("3", "4", "5")  # these need the document of the right to use the vehicle (ОснАрЛиз)
MASS_METHODS = ("01", "02", "03")  # МетОпрМасс: взвешивание, расчётный, по стандарту/замерам
SHIPPER_STATUSES = ("1", "3", "4", "6")  # СтатПодп without a paper power of attorney (2 and 5 need СвДовер)
REPLY_STATUSES = ("1", "3")


def need_positive(value: Decimal | None, field: str, *, digits: int = 17, places: int = 3,
                  required: bool = True) -> None:
    """A mass, volume or capacity: greater than zero and within the schema's digits."""
    if value is None:
        if required:
            raise InputError("значение обязательно", field)
        return
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        raise InputError("значение должно быть больше нуля", field)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise InputError(f"не более {places} знаков после запятой", field)
    if len(value.quantize(Decimal(1)).as_tuple().digits) > digits - places:
        raise InputError(f"не более {digits - places} цифр до запятой", field)


def need_zoned(value: datetime | None, field: str, *, required: bool = True) -> None:
    """ДатаВремяВЗТип: a moment to the second with its UTC offset in whole minutes."""
    if value is None:
        if required:
            raise InputError("укажите дату и время", field)
        return
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise InputError("укажите дату и время с часовым поясом (например +03:00)", field)
    offset = value.utcoffset() or timedelta(0)
    if value.microsecond or offset.seconds % 60 or abs(offset) >= timedelta(hours=24):
        raise InputError("время указывается с точностью до секунды, пояс — в часах и минутах", field)
    need_date(value.date(), field)


def need_order(earlier: date | datetime | None, later: date | datetime | None, field: str, what: str) -> None:
    if earlier is not None and later is not None and earlier > later:
        raise InputError(what, field)


@dataclass(frozen=True, slots=True)
class EtrnParty:
    """A participant of the carriage (УчастникТрНТип): the party, its address and phones."""

    member: Member
    phones: tuple[str, ...]
    email: str = ""

    def __post_init__(self) -> None:
        if self.member.okpo or self.member.department:
            raise InputError("ОКПО и подразделение в транспортной накладной не указываются", "okpo")
        if not self.phones:
            raise InputError("укажите хотя бы один телефон", "phones")
        for i, phone in enumerate(self.phones):
            need_text(phone, f"phones[{i}]", 255)
        need_text(self.email, "email", 255, required=False)
        if self.member.address is not None:
            need_place(self.member.address, "address")

    @property
    def name(self) -> str:
        return self.member.name

    @property
    def inn(self) -> str:
        return self.member.party.inn


def need_place(address: PlainAddress, field: str) -> None:
    """Russian addresses of the transport formats carry a postal code (АдрРФ/@Индекс is required)."""
    if address.is_russian_structured and not address.postal_code:
        raise InputError("для адреса в России укажите индекс", f"{field}.postal_code")


@dataclass(frozen=True, slots=True)
class DocRequisite:
    """РеквДокТип: a document by name, number and date, with the ИНН of whoever drew it up."""

    name: str
    number: str
    date: date
    issuer_inn: str

    def __post_init__(self) -> None:
        need_text(self.name, "name", 255)
        need_text(self.number, "number", 255)
        need_date(self.date, "date")
        need_digits(self.issuer_inn, "issuer_inn", (10, 12))


@dataclass(frozen=True, slots=True)
class Driver:
    """СвВодит: the driver, identified by ИНН or by the driving licence (series, number, date)."""

    name: PersonName
    phones: tuple[str, ...]
    licence_series: str = ""
    licence_number: str = ""
    licence_issued: date | None = None
    inn: str = ""

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        if not self.phones:
            raise InputError("укажите телефон водителя", "phones")
        for i, phone in enumerate(self.phones):
            need_text(phone, f"phones[{i}]", 20)
        need_text(self.licence_series, "licence_series", 20, required=False)
        need_text(self.licence_number, "licence_number", 20, required=False)
        need_date(self.licence_issued, "licence_issued")
        need_digits(self.inn, "inn", (12,), required=False)
        licence = (self.licence_series, self.licence_number, self.licence_issued)
        if not self.inn and not all(licence):
            raise InputError("укажите ИНН водителя или серию, номер и дату выдачи удостоверения", "licence_number")
        if any(licence) and not all(licence):
            raise InputError("серия, номер и дата выдачи удостоверения указываются вместе", "licence_number")


@dataclass(frozen=True, slots=True)
class Vehicle:
    """ПараметрыТСТип: a vehicle or a trailer with its parameters."""

    reg_number: str
    ownership: str  # ТипВлад
    kind: str  # ПарТС/@Тип
    brand: str
    capacity_t: Decimal  # грузоподъёмность, т
    volume_m3: Decimal  # вместимость, м³
    right_of_use: DocRequisite | None = None  # ОснАрЛиз: lease, leasing, free use

    def __post_init__(self) -> None:
        need_text(self.reg_number, "reg_number", 9)
        if self.ownership not in OWNERSHIP_TYPES:
            raise InputError("тип владения: 1–5", "ownership")
        need_text(self.kind, "kind", 1000)
        need_text(self.brand, "brand", 1000)
        need_positive(self.capacity_t, "capacity_t", digits=5, places=2)
        need_positive(self.volume_m3, "volume_m3", digits=4, places=2)
        if (self.ownership in LEASED) != (self.right_of_use is not None):
            raise InputError("документ о праве пользования указывается при аренде, лизинге и безвозмездном "
                             "пользовании (тип владения 3, 4, 5), и только тогда", "right_of_use")


@dataclass(frozen=True, slots=True)
class CargoItem:
    """ОпГруз: one shipping name of the cargo with its packaging, places, marking and planned mass."""

    name: str
    state: str  # СостГруз
    packing: str  # СпУпак
    container_kind: str  # ВидТар, ОКВГУМ (2 characters)
    places: int  # КолМестГр
    marks: tuple[str, ...]  # Марк
    gross_kg: Decimal
    net_kg: Decimal | None = None
    volume_m3: Decimal | None = None
    commodity_code: str = ""  # КодТовНом, 4 characters

    def __post_init__(self) -> None:
        for name in ("name", "state", "packing"):
            need_text(getattr(self, name), name, 1000)
        need_text(self.container_kind, "container_kind", 2, min_len=2)
        if not isinstance(self.places, int) or not 1 <= self.places <= 9999:
            raise InputError("число грузовых мест — от 1 до 9999", "places")
        if not self.marks:
            raise InputError("укажите маркировку груза", "marks")
        for i, mark in enumerate(self.marks):
            need_text(mark, f"marks[{i}]", 1000)
        need_positive(self.gross_kg, "gross_kg")
        need_positive(self.net_kg, "net_kg", required=False)
        if self.net_kg is not None and self.net_kg > self.gross_kg:
            raise InputError("масса нетто больше массы брутто", "net_kg")
        need_positive(self.volume_m3, "volume_m3", required=False)
        need_text(self.commodity_code, "commodity_code", 4, required=False, min_len=4)


@dataclass(frozen=True, slots=True)
class Loading:
    """СвПогруз: when and where the carrier took the cargo, and what the shipper handed over."""

    address: PlainAddress
    planned: datetime  # ЗаявПогр
    arrived: datetime  # ФДатВрПриб
    departed: datetime  # ФДатВрУбыт
    gross_mass: str  # МасБрутОтгр, as the shipper states it
    mass_method: str  # МетОпрМасс
    places: int  # КолМестПрием
    access: str = "Пропуск выдаётся на КПП грузоотправителя"  # ОснДостОбИнфрТекст

    def __post_init__(self) -> None:
        need_place(self.address, "address")
        for name in ("planned", "arrived", "departed"):
            need_zoned(getattr(self, name), name)
        need_order(self.arrived, self.departed, "departed", "убытие под погрузкой раньше прибытия")
        need_text(self.gross_mass, "gross_mass", 1000)
        if self.mass_method not in MASS_METHODS:
            raise InputError("метод определения массы: 01, 02 или 03", "mass_method")
        if not isinstance(self.places, int) or not 1 <= self.places <= 9999:
            raise InputError("число принятых грузовых мест — от 1 до 9999", "places")
        need_text(self.access, "access", 1000)


@dataclass(frozen=True, slots=True)
class EtrnSigner:
    """Подписант of the transport titles: the person with position and status (СтатПодп)."""

    name: PersonName
    position: str = ""
    status: str = "1"

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        need_text(self.position, "position", 128, required=False)
        if self.status not in SHIPPER_STATUSES:
            raise InputError("статус подписанта: 1, 3, 4 или 6 (2 и 5 требуют сведений о доверенности)", "status")


@dataclass(frozen=True, slots=True)
class TitleRef:
    """The earlier title a later one answers: its ИдФайл, when it was formed and its signature."""

    file_id: str
    created: datetime
    signature: str  # ЭП: base64 of the detached signature of that file

    def __post_init__(self) -> None:
        need_text(self.file_id, "file_id", 255)
        need_moment(self.created, "created")
        need_text(self.signature, "signature", 10_000_000)


def need_file(file_id: FileId, prefix: str, created: datetime) -> None:
    """The file name starts with the title's prefix; its date is the day the file was formed."""
    if file_id.prefix != prefix:
        raise InputError(f"имя файла должно начинаться с {prefix}", "file_id")
    if file_id.suffix:
        raise InputError("имя файла ЭТрН заканчивается GUID", "file_id")
    need_moment(created, "created")
    if file_id.day != created.date():
        raise InputError("дата в имени файла не совпадает с датой формирования", "file_id")
