"""What the carrier's change dialog (ui.editor_etrn.carrier_titles) runs in the Executor: reading the
selected title and the directories, and forming title 04 or 03 from the typed values.

Only the carrier's own outgoing, signed title 02 qualifies: both titles name it with its signature.
The new driver and vehicle come from the transport directories, whose entries were checked by the
ЭТрН's own types when stored; the new consignee comes from the counterparty directory. Every
problem is collected with its field path (InputErrors) and nothing is stored until the title is valid.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from edo_app.documents import (
    Driver,
    EtrnAny,
    EtrnParty,
    EtrnReply,
    EtrnShipper,
    Member,
    PlainAddress,
    VehicleChange,
)
from edo_app.documents.etrn_types import LEASED, DocRequisite, Vehicle
from edo_app.errors import InputError
from edo_app.model.kinds import Direction
from edo_app.model.party import Party, PersonName
from edo_app.model.problems import Problems
from edo_app.services import Counterparty, Services
from edo_app.services.etrn_flow import (
    chain,
    change_title,
    readdress_title,
    store_title,
    stored_any,
    title_signature,
)
from edo_app.services.transport_directory import StoredDriver, StoredVehicle
from ui.editor.form_data import PartyInput
from ui.editor_etrn.title_fields import signer_of
from ui.editor_primary.form_data import member_json

NO_TITLE = ("Выберите в реестре свой исходящий титул 02 ЭТрН (груз принят к перевозке): замена водителя или "
            "ТС (титул 04) и переадресовка (титул 03) оформляются на его основании")
RECEIVED = ("выбран полученный титул 02: замену водителя или ТС и переадресовку оформляет перевозчик "
            "на своём исходящем титуле 02")


@dataclass(frozen=True, slots=True)
class Accepted:
    """The carrier's title 02, the waybill of its chain when in the registry, and the directories."""

    title: EtrnReply
    waybill: EtrnShipper | None
    drivers: list[StoredDriver]
    vehicles: list[StoredVehicle]
    parties: list[Counterparty]


def load_accepted(services: Services, document_id: int) -> Accepted:
    """The selected title when it is the carrier's own signed title 02; a Russian InputError otherwise."""
    title = stored_any(services.database, document_id)
    if not isinstance(title, EtrnReply) or title.step != "02":
        raise InputError(f"выбран {_title_name(title)}. {NO_TITLE}", "document")
    if services.library.get(document_id).direction is not Direction.OUTGOING:
        raise InputError(RECEIVED, "document")
    title_signature(services.database, document_id)  # an unsigned 02 is refused now, not after the typing
    first = chain(services.database, title)[0]
    transport = services.transport
    return Accepted(title, first if isinstance(first, EtrnShipper) else None, transport.drivers(),
                    transport.vehicles(), services.counterparties.search(own=False))


def _title_name(title: EtrnAny) -> str:
    return "титул 1 грузоотправителя" if isinstance(title, EtrnShipper) else f"титул {title.step}"


def _created() -> tuple[datetime, str]:
    """When the title is formed (local time, as the other titles) and its file's GUID."""
    return datetime.now().replace(microsecond=0), str(uuid.uuid4())


# --- title 04 ------------------------------------------------------------------------------------

def form_change(services: Services, document_id: int, values: dict[str, Any]) -> int:
    """Title 04 with the driver and/or vehicle and trailer chosen (None: unchanged), stored outgoing."""
    problems = Problems()
    signer = problems.run("signer", lambda: signer_of(values))
    driver, vehicle, trailer = values["drivers"], values["vehicles"], values["trailers"]
    if driver is None and vehicle is None and trailer is None:
        problems.add("drivers", "выберите из справочников нового водителя и (или) новое ТС или прицеп")
    if not values["reason"]:
        problems.add("reason", "укажите причину замены")
    drivers = problems.run("drivers", lambda: (driver_of(driver),) if driver else ())
    vehicles = problems.run("vehicles", lambda: _vehicle_change(vehicle, trailer))
    problems.raise_if_any()
    assert signer is not None and drivers is not None and vehicles is not None
    created, guid = _created()
    change = change_title(services.database, document_id, signer=signer, created=created, guid=guid,
                          changed=datetime.fromisoformat(values["changed"]), reason=values["reason"],
                          drivers=drivers, vehicles=vehicles)
    return store_title(services.library, change)


def _vehicle_change(vehicle: StoredVehicle | None, trailer: StoredVehicle | None) -> tuple[VehicleChange, ...]:
    if vehicle is None and trailer is None:
        return ()
    trailers = (vehicle_of(trailer),) if trailer else ()
    return (VehicleChange(vehicle_of(vehicle) if vehicle else None, trailers),)


def driver_of(stored: StoredDriver) -> Driver:
    entry = stored.entry
    return Driver(entry.name, (entry.phone,), entry.licence_series, entry.licence_number, entry.licence_issued,
                  entry.inn)


def vehicle_of(stored: StoredVehicle) -> Vehicle:
    """The entry as the ЭТрН writes it; a leased one carries its document of the right to use."""
    e = stored.entry
    right = DocRequisite(e.right_name, e.right_number, e.right_date, e.right_issuer_inn) \
        if e.ownership in LEASED and e.right_date is not None else None
    return Vehicle(e.reg_number, e.ownership, e.kind, e.brand, Decimal(e.capacity_t), Decimal(e.volume_m3), right)


# --- title 03 ------------------------------------------------------------------------------------

def form_readdress(services: Services, document_id: int, values: dict[str, Any]) -> int:
    """Title 03 to the new unloading place (and the new consignee when one is chosen), stored outgoing."""
    problems = Problems()
    signer = problems.run("signer", lambda: signer_of(values))
    basis = problems.run("basis", lambda: DocRequisite(values["basis.name"], values["basis.number"],
                                                       date.fromisoformat(values["basis.date"]),
                                                       values["basis.issuer_inn"]))
    place = problems.run("new_place", lambda: PlainAddress(text=values["new_place"]))
    party = values["new_consignee"]
    consignee = _consignee(party, values, problems) if isinstance(party, Counterparty) else None
    problems.raise_if_any()
    assert signer is not None and basis is not None and place is not None
    created, guid = _created()
    title = readdress_title(services.database, document_id, signer=signer, created=created, guid=guid,
                            readdressed=datetime.fromisoformat(values["readdressed"]), basis=basis, new_place=place,
                            new_unloading=datetime.fromisoformat(values["new_unloading"]), new_consignee=consignee)
    return store_title(services.library, title)


def _consignee(party: Counterparty, values: dict[str, Any], problems: Problems) -> EtrnParty | None:
    address = problems.run("new_consignee.address", lambda: PlainAddress(text=values["new_consignee.address"]))
    phone = values["new_consignee.phones"]
    if not phone:
        problems.add("new_consignee.phones", "укажите телефон нового грузополучателя")
    member = problems.run("new_consignee", lambda: _member(party, address))
    if member is None or address is None or not phone:
        return None
    return problems.run("new_consignee", lambda: EtrnParty(member, (phone,)))


def _member(entry: Counterparty, address: PlainAddress | None) -> Member:
    """The directory's party as the ЭТрН names it: an organisation, or a person (ИП) by the ФИО."""
    parts = member_json(PartyInput(entry.name, entry.inn, entry.kpp))
    if "last_name" in parts:
        person = PersonName(parts["last_name"], parts.get("first_name", ""), parts.get("middle_name", ""))
        party = Party(person.full, entry.inn, person=person)
    else:
        party = Party(entry.name, entry.inn, entry.kpp)
    return Member(party, address, entrepreneur=parts.get("entrepreneur") is True)
