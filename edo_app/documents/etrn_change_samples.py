"""Realistic, valid ЭТрН titles 03 (readdressing) and 04 (driver and vehicle change) for tests and
``edo sample etrn --title 3|4``.

Both are built on title 02 of the sample waybill of the same ``seed``, on the day after the carrier
accepted the cargo: 04 changes the driver (and, every other seed, the vehicle too); 03 sends the
cargo to a new unloading place (and, every other seed, to a new consignee).
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from edo_app.model.party import PersonName

from .etrn_change import EtrnChange, VehicleChange, change_for
from .etrn_model import EtrnReply
from .etrn_readdress import EtrnReaddress, readdress_for
from .etrn_samples import MSK, _party, _place, sample_etrn_title
from .etrn_types import DocRequisite, Driver, EtrnSigner, TitleRef, Vehicle
from .samples import sample_signature


def sample_etrn_change(seed: int = 0) -> EtrnChange:
    accepted = sample_etrn_title("2", seed)
    assert isinstance(accepted, EtrnReply)
    rng = random.Random(seed + 4)
    day = accepted.created + timedelta(days=1)
    changed = datetime(day.year, day.month, day.day, 7, 30, tzinfo=MSK)
    driver = Driver(PersonName("Соколов", "Андрей", "Викторович"),
                    (f"+7 926 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",),
                    f"{rng.randint(10, 99)} {rng.randint(10, 99)}", f"{rng.randint(100000, 999999)}",
                    (day - timedelta(days=1500)).date())
    vehicles = (VehicleChange(Vehicle(f"В{rng.randint(100, 999)}ОР77", "1", "Грузовой фургон", "ГАЗ Валдай",
                                      Decimal(5), Decimal(30))),) if seed % 2 else ()
    ref = TitleRef(str(accepted.file_id), accepted.created, sample_signature(rng))
    return change_for(ref, accepted.file_id, uid=accepted.uid, created=day.replace(hour=12, minute=0),
                      guid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                      signer=EtrnSigner(PersonName("Титов", "Олег", "Петрович"), "Диспетчер", "1"),
                      changed=changed, reason="Водитель заболел в пути", drivers=(driver,), vehicles=vehicles)


def sample_etrn_readdress(seed: int = 0) -> EtrnReaddress:
    accepted = sample_etrn_title("2", seed)
    assert isinstance(accepted, EtrnReply)
    rng = random.Random(seed + 3)
    day = accepted.created + timedelta(days=1)
    readdressed = datetime(day.year, day.month, day.day, 8, 0, tzinfo=MSK)
    consignee = _party(rng)
    basis = DocRequisite("Уведомление о переадресовке", f"П-{rng.randint(1, 99)}", day.date(), consignee.inn)
    ref = TitleRef(str(accepted.file_id), accepted.created, sample_signature(rng))
    return readdress_for(ref, accepted.file_id, uid=accepted.uid, created=day.replace(hour=11, minute=0),
                         guid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                         signer=EtrnSigner(PersonName("Титов", "Олег", "Петрович"), "Диспетчер", "1"),
                         readdressed=readdressed, basis=basis, new_place=_place(consignee),
                         new_unloading=readdressed + timedelta(days=1), new_consignee=consignee if seed % 2 else None)


__all__ = ["sample_etrn_change", "sample_etrn_readdress"]
