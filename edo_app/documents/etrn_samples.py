"""Realistic, valid ЭТрН 5.01 titles 01, 02, 05, 06 for tests, demos and ``edo sample etrn``.

Everything follows from ``seed`` through one random.Random; the invented parties (with
correct check digits) come from primary_samples, like the акт and ТОРГ-12 samples.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.party import PersonName

from .etrn_io import reply_for
from .etrn_model import SHIPPER, EtrnReply, EtrnShipper, EtrnTitle, Remarks, Unloading
from .etrn_types import CargoItem, DocRequisite, Driver, EtrnParty, EtrnSigner, Loading, Vehicle
from .primary_samples import _member
from .primary_types import PlainAddress
from .samples import SAMPLE_DAY, sample_signature

MSK = timezone(timedelta(hours=3))
_CARGO = (("Бумага офисная А4 в пачках", "Коробки картонные", "12"), ("Краска фасадная в вёдрах", "Паллеты", "26"),
          ("Кабель медный на барабанах", "Барабаны деревянные", "40"), ("Кофе в зёрнах", "Мешки", "31"))
_LAST = ("Кузнецов", "Морозов", "Волков", "Зайцев")
_FIRST = ("Иван", "Сергей", "Олег", "Павел")
_BRANDS = (("Грузовой бортовой", "КАМАЗ 65117"), ("Грузовой фургон", "ГАЗ Валдай"), ("Седельный тягач", "MAN TGS"))
SAMPLE_STEPS = ("1", "2", "5", "6")


def _party(rng: random.Random, *, entrepreneur: bool = False) -> EtrnParty:
    member = _member(rng, entrepreneur=entrepreneur)  # always with a Russian address and postal code
    return EtrnParty(member, (f"+7 495 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",),
                     f"logist{rng.randint(1, 99)}@example.ru")


def _person(rng: random.Random) -> PersonName:
    return PersonName(rng.choice(_LAST), rng.choice(_FIRST), "Петрович")


def _place(party: EtrnParty) -> PlainAddress:
    """The sample parties always have an address: their premises are the loading and delivery places."""
    assert party.member.address is not None
    return party.member.address


def edo_id_of(party: EtrnParty) -> str:
    return f"2AE{party.inn}"


def _cargo(rng: random.Random, count: int) -> tuple[CargoItem, ...]:
    items = []
    for i in range(count):
        name, packing, kind = _CARGO[(i + rng.randint(0, 3)) % len(_CARGO)]
        places = rng.randint(1, 40)
        gross = Decimal(rng.randint(100, 9000)) + Decimal(rng.randint(0, 999)) / 1000
        items.append(CargoItem(name, "Исправное", packing, kind, places, (f"Маркировка партии {i + 1}",),
                               gross, (gross * Decimal("0.9")).quantize(Decimal("0.001")), Decimal(places)))
    return tuple(items)


def _vehicle(rng: random.Random, carrier: EtrnParty, day: datetime) -> Vehicle:
    kind, brand = rng.choice(_BRANDS)
    leased = rng.random() < 0.5
    right = DocRequisite("Договор аренды транспортного средства", f"А-{rng.randint(1, 99)}", (day - timedelta(days=200))
                         .date(), carrier.inn) if leased else None
    return Vehicle(f"А{rng.randint(100, 999)}ВС77", "3" if leased else "1", kind, brand,
                   Decimal(rng.randint(5, 20)), Decimal(rng.randint(20, 82)), right)


def sample_etrn(cargo: int = 2, seed: int = 0) -> EtrnShipper:
    """Title 1: a shipper's waybill with ``cargo`` shipping names."""
    rng = random.Random(seed)
    shipper, consignee, carrier = _party(rng), _party(rng), _party(rng, entrepreneur=seed % 3 == 2)
    day = SAMPLE_DAY + timedelta(days=seed % 300)
    created = datetime(day.year, day.month, day.day, 8 + seed % 8, seed % 60, (seed * 7) % 60)
    guid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    file_id = FileId(SHIPPER.prefix, edo_id_of(carrier), edo_id_of(shipper), day, guid)
    items = _cargo(rng, cargo)
    loading_at = datetime(day.year, day.month, day.day, 5, 0, tzinfo=MSK)  # loaded before title 1 is formed
    gross = sum((i.gross_kg for i in items), Decimal(0))
    loading = Loading(_place(shipper), loading_at, loading_at + timedelta(minutes=20), loading_at + timedelta(hours=2),
                      f"{gross} кг", "01", sum(i.places for i in items))
    driver = Driver(_person(rng), (f"+7 916 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",),
                    f"{rng.randint(10, 99)} {rng.randint(10, 99)}", f"{rng.randint(100000, 999999)}",
                    day - timedelta(days=2000))
    return EtrnShipper(
        file_id=file_id, created=created, number=f"ТН-{seed + 1:05d}", doc_date=day, order_number=f"З-{seed + 7}",
        order_date=day - timedelta(days=3), shipper=shipper, consignee=consignee,
        delivery_address=_place(consignee),
        cargo=items, transport_rules="Перевозить в крытом кузове, беречь от влаги", carrier=carrier,
        drivers=(driver,), vehicle=_vehicle(rng, carrier, created), loading=loading,
        signer=EtrnSigner(_person(rng), "Начальник склада"), delivery_due="2 суток",
        economic_entity=shipper.name)


def sample_etrn_title(step: str = "1", seed: int = 0, *, accepted: bool = True) -> EtrnTitle:
    """The title ``step`` (1, 2, 5, 6) of one sample waybill; 5 accepts, or refuses with ``accepted=False``."""
    if step not in SAMPLE_STEPS:
        raise InputError(f"титул «{step}»: допустимы {', '.join(SAMPLE_STEPS)}", "title")
    waybill = sample_etrn(seed=seed)
    doc: EtrnTitle = waybill
    rng = random.Random(seed + 1)
    uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    for current in SAMPLE_STEPS[1:SAMPLE_STEPS.index(step) + 1]:
        doc = _answer(doc, waybill, current, rng, (uid, accepted))
    return doc


def _answer(doc: EtrnTitle, waybill: EtrnShipper, step: str, rng: random.Random,
            how: tuple[str, bool]) -> EtrnReply:
    uid, accepted = how
    created = doc.created + timedelta(days=1, hours=2)
    guid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    signer = EtrnSigner(_person(rng), "Водитель-экспедитор" if step != "5" else "Кладовщик")
    signature = sample_signature(rng)
    if step == "2":
        assert isinstance(doc, EtrnShipper)
        return reply_for(doc, signature, created=created, guid=guid, signer=signer, uid=uid,
                         recipient=edo_id_of(doc.consignee), remarks=Remarks(cargo_state="Замечаний нет"))
    if step == "5":
        # the consignee's receipt repeats the waybill's places and masses
        arrived = datetime(created.year, created.month, created.day, 9, 0, tzinfo=MSK)
        receipt = Unloading(waybill.delivery_address, arrived, arrived, arrived + timedelta(hours=1), waybill.places,
                            "Груз, тара и упаковка без повреждений",
                            sum((i.gross_kg for i in waybill.cargo), Decimal(0))) if accepted else None
        return reply_for(doc, signature, created=created, guid=guid, signer=signer, accepted=accepted,
                         reason="" if accepted else "Повреждена упаковка, груз подмочен", receipt=receipt,
                         economic_entity=waybill.consignee.name)
    return reply_for(doc, signature, created=created, guid=guid, signer=signer)


__all__ = ["SAMPLE_STEPS", "sample_etrn", "sample_etrn_title"]
