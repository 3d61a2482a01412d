"""ЭТрН title 1 (информация грузоотправителя, ON_TRNACLGROT) ↔ XML bytes (windows-1251).

Output is a pure function of the dataclass. The shipper is not a forwarder (ГОЭксп 0), the
shipper loads the cargo and owns the loading place (СовпГОП 1, СовпГОВ 1, identified by its
ИНН), and readdressing is on the shipper's electronic notice: these are the choices the model
makes, and the reader refuses files that make others rather than dropping what it cannot hold.
"""

from __future__ import annotations

from typing import Any

from edo_app.errors import InputError
from edo_app.xmlio import parse_bytes, to_bytes

from .etrn_model import SHIPPER, EtrnShipper
from .etrn_parts_xml import (
    DOC,
    PLACE_TAGS,
    decimal_attr,
    int_attr,
    new_file,
    number,
    opt_decimal,
    read_address,
    read_contact,
    read_file,
    read_moment,
    read_party,
    read_requisite,
    read_signer,
    read_zoned,
    refuse_extras,
    set_moment,
    set_zoned,
    write_address,
    write_contact,
    write_party,
    write_requisite,
    write_signer,
)
from .etrn_types import CargoItem, Driver, Loading, Vehicle
from .upd_types import format_date
from .upd_xml import Element, attr, build, child, date_attr, opt_date, opt_date_attr, read_fio, sub, write_fio

CONTENT = f"{DOC}/СодИнфГО"
READDRESS_BY = "Грузоотправитель"
READDRESS_WAY = "Электронное уведомление перевозчика о переадресовке"


def shipper_to_xml(doc: EtrnShipper) -> bytes:
    """The exchange file; its name is ``doc.file_name``."""
    root, body = new_file(doc.file_id, doc.program, SHIPPER.knd, SHIPPER.fact)
    set_moment(body, "ДатИнфГО", "ВрИнфГО", doc.created)
    if doc.economic_entity:
        body.set("НаимЭкСубСост", doc.economic_entity)
    content = sub(body, "СодИнфГО", {
        "УИД_ТрН": doc.uid, "СодОпер": doc.operation, "НомерТрН": doc.number, "ДатаТрН": format_date(doc.doc_date),
        "НомЗак": doc.order_number, "ДатаЗак": format_date(doc.order_date)})
    write_party(sub(content, "СвГО", {"ГОЭксп": "0"}), "РекИдентГО", doc.shipper)
    consignee = sub(content, "СвГП")
    write_party(consignee, "РекИдентГП", doc.consignee)
    write_address(sub(consignee, "АдресДостГр"), doc.delivery_address, PLACE_TAGS)
    cargo = sub(content, "СвГруз")
    for item in doc.cargo:
        _write_cargo(cargo, item)
    _write_instructions(content, doc)
    write_party(content, "СвПер", doc.carrier)
    for driver in doc.drivers:
        _write_driver(content, driver)
    vehicles = sub(content, "СвТС")
    _write_vehicle(vehicles, "ТС", doc.vehicle)
    for trailer in doc.trailers:
        _write_vehicle(vehicles, "Прицеп", trailer)
    _write_loading(content, doc)
    write_signer(body, doc.signer)
    return to_bytes(root)


def _write_cargo(parent: Element, item: CargoItem) -> None:
    el = sub(parent, "ОпГруз", {"НаимГруз": item.name, "КодТовНом": item.commodity_code, "СостГруз": item.state,
                                "СпУпак": item.packing, "ВидТар": item.container_kind,
                                "Объем": number(item.volume_m3), "КолМестГр": str(item.places)})
    for mark in item.marks:
        sub(el, "Марк", text=mark)
    sub(el, "ПлМасГруз", {"МасНетЗнач": number(item.net_kg), "МасБрутЗнач": number(item.gross_kg)})


def _write_instructions(content: Element, doc: EtrnShipper) -> None:
    el = sub(content, "УказГО", {"СрокДостГр": doc.delivery_due, "УкНормПрвз": doc.transport_rules})
    readdress = sub(el, "СвПА", {"ЛицоПА": READDRESS_BY, "СпосПерУкПА": READDRESS_WAY})
    write_contact(readdress, "КонтПА", doc.shipper.phones)


def _write_driver(content: Element, driver: Driver, tag: str = "СвВодит") -> None:
    el = sub(content, tag, {"НомВУ": driver.licence_number, "СерВУ": driver.licence_series,
                                  "ДатаВыдВУ": opt_date(driver.licence_issued), "ИННФЛ": driver.inn})
    for phone in driver.phones:
        sub(el, "Тлф", text=phone)
    write_fio(el, driver.name)


def _write_vehicle(parent: Element, tag: str, vehicle: Vehicle) -> None:
    el = sub(parent, tag, {"РегНомер": vehicle.reg_number, "ТипВлад": vehicle.ownership})
    sub(el, "ПарТС", {"Тип": vehicle.kind, "Марка": vehicle.brand, "Грузопод": number(vehicle.capacity_t),
                      "Вместим": number(vehicle.volume_m3)})
    if vehicle.right_of_use is not None:
        write_requisite(el, "ОснАрЛиз", vehicle.right_of_use)


def _write_loading(content: Element, doc: EtrnShipper) -> None:
    loading = doc.loading
    el = sub(content, "СвПогруз")
    set_zoned(el, "ЗаявПогр", "НалКоорТочВрЗаяв", loading.planned)
    set_zoned(el, "ФДатВрПриб", "НалКоорТочВрФПогр", loading.arrived)
    set_zoned(el, "ФДатВрУбыт", "НалКоорТочВрФУбыт", loading.departed)
    for name, value in (("МасБрутОтгр", loading.gross_mass), ("МетОпрМасс", loading.mass_method),
                        ("КолМестПрием", str(loading.places))):
        el.set(name, value)
    write_address(sub(el, "ФАдресПогр"), loading.address, PLACE_TAGS)
    inn_tag = "ИННЮЛ" if len(doc.shipper.inn) == 10 else "ИННФЛ"
    sub(sub(sub(el, "СвЛицПогрГр", {"СовпГОП": "1"}), "ИдентРекГО"), inn_tag, text=doc.shipper.inn)
    sub(sub(sub(el, "ВладИнфр", {"СовпГОВ": "1"}), "ИдентРекГО"), inn_tag, text=doc.shipper.inn)
    sub(el, "ОснДостОбИнфрТекст", text=loading.access)


# --- reading ----------------------------------------------------------------------------------------

def shipper_from_xml(data: bytes) -> EtrnShipper:
    return shipper_from_tree(parse_bytes(data).getroot())


def shipper_from_tree(root: Element) -> EtrnShipper:
    file_id, program, body = read_file(root, SHIPPER.knd, SHIPPER.fact)
    refuse_extras(body, DOC, ("ОснДовОргСост",))
    content = child(body, "СодИнфГО", DOC)
    refuse_extras(content, CONTENT, ("ИдЗак", "ИспрТрН", "СвЗак", "СопрДок", "ОтметГО", "ИнфПол"))
    sender = child(content, "СвГО", CONTENT)
    if sender.get("ГОЭксп") != "0" or sender.find("ОснРасчИным") is not None:
        raise InputError("поддерживается только грузоотправитель, не являющийся экспедитором", f"{CONTENT}/СвГО")
    receiver = child(content, "СвГП", CONTENT)
    shipper = read_party(child(sender, "РекИдентГО", f"{CONTENT}/СвГО"), f"{CONTENT}/СвГО/РекИдентГО")
    parts: dict[str, Any] = {
        "shipper": shipper,
        "consignee": read_party(child(receiver, "РекИдентГП", f"{CONTENT}/СвГП"), f"{CONTENT}/СвГП/РекИдентГП"),
        "delivery_address": read_address(child(receiver, "АдресДостГр", f"{CONTENT}/СвГП"),
                                         f"{CONTENT}/СвГП/АдресДостГр", PLACE_TAGS),
        "cargo": _read_cargo(child(content, "СвГруз", CONTENT)),
        "carrier": read_party(child(content, "СвПер", CONTENT), f"{CONTENT}/СвПер"),
        "drivers": tuple(_read_driver(el, f"{CONTENT}/СвВодит[{i + 1}]")
                         for i, el in enumerate(content.findall("СвВодит"))),
        **_read_vehicles(child(content, "СвТС", CONTENT)), **_read_instructions(content, shipper.phones),
        "loading": _read_loading(child(content, "СвПогруз", CONTENT), shipper.inn), "signer": read_signer(body)}
    return build(DOC, lambda: EtrnShipper(
        file_id=file_id, created=read_moment(body, "ДатИнфГО", "ВрИнфГО", DOC),
        number=attr(content, "НомерТрН", CONTENT), doc_date=date_attr(content, "ДатаТрН", CONTENT),
        order_number=attr(content, "НомЗак", CONTENT), order_date=date_attr(content, "ДатаЗак", CONTENT),
        operation=attr(content, "СодОпер", CONTENT), economic_entity=body.get("НаимЭкСубСост", ""),
        uid=content.get("УИД_ТрН", ""), program=program, **parts))


def _read_cargo(el: Element) -> tuple[CargoItem, ...]:
    path = f"{CONTENT}/СвГруз"
    refuse_extras(el, path, ("ОбЦеннГр", "ИнфПол"))
    return tuple(_read_item(item, f"{path}/ОпГруз[{i + 1}]") for i, item in enumerate(el.findall("ОпГруз")))


def _read_item(el: Element, path: str) -> CargoItem:
    refuse_extras(el, path, ("Габар", "СвОпГруз", "СвКонтейн", "ЦеннГруз", "ЗакУсл", "СвГосСист"))
    for name in ("Плотн", "УчГосСист", "ДрОГруз"):
        if el.get(name) is not None:
            raise InputError(f"атрибут {name} не поддерживается", f"{path}/@{name}")
    mass = child(el, "ПлМасГруз", path)
    where = f"{path}/ПлМасГруз"
    if mass.get("КолПалл") is not None:
        raise InputError("число паллет не поддерживается", f"{where}/@КолПалл")
    return build(path, lambda: CargoItem(
        name=attr(el, "НаимГруз", path), state=attr(el, "СостГруз", path), packing=attr(el, "СпУпак", path),
        container_kind=attr(el, "ВидТар", path), places=int_attr(el, "КолМестГр", path),
        marks=tuple(m.text or "" for m in el.findall("Марк")), gross_kg=decimal_attr(mass, "МасБрутЗнач", where),
        net_kg=opt_decimal(mass, "МасНетЗнач", where), volume_m3=opt_decimal(el, "Объем", path),
        commodity_code=el.get("КодТовНом", "")))


def _read_instructions(content: Element, shipper_phones: tuple[str, ...]) -> dict[str, str]:
    path = f"{CONTENT}/УказГО"
    el = child(content, "УказГО", CONTENT)
    refuse_extras(el, path, ("МршПрвз", "КлимРеж", "ИнфПол"))
    for name in ("ЗапрПерегруз", "ДатВрДостГр", "НалКоорТочВрДост", "СвПломба", "ОгрСкор"):
        if el.get(name) is not None:
            raise InputError(f"атрибут {name} не поддерживается", f"{path}/@{name}")
    readdress = child(el, "СвПА", path)
    if readdress.get("ЛицоПА") != READDRESS_BY or readdress.get("СпосПерУкПА") != READDRESS_WAY:
        raise InputError("поддерживается переадресовка по электронному уведомлению грузоотправителя",
                         f"{path}/СвПА")
    phones, _ = read_contact(child(readdress, "КонтПА", f"{path}/СвПА"), f"{path}/СвПА/КонтПА")
    if phones != shipper_phones:
        raise InputError("телефоны для переадресовки должны совпадать с телефонами грузоотправителя",
                         f"{path}/СвПА/КонтПА")
    return {"transport_rules": attr(el, "УкНормПрвз", path), "delivery_due": el.get("СрокДостГр", "")}


def _read_driver(el: Element, path: str) -> Driver:
    if el.get("СвСпИдПодп") is not None or el.find("ПутевойЛист") is not None:
        raise InputError("путевой лист и способ идентификации водителя не поддерживаются", path)
    name = read_fio(el, path)
    return build(path, lambda: Driver(
        name, tuple(t.text or "" for t in el.findall("Тлф")), el.get("СерВУ", ""), el.get("НомВУ", ""),
        opt_date_attr(el, "ДатаВыдВУ", path), el.get("ИННФЛ", "")))


def _read_vehicles(el: Element) -> dict[str, Any]:
    path = f"{CONTENT}/СвТС"
    refuse_extras(el, path, ("СпецУслДвиж", "ИнфПол"))
    trailers = tuple(_read_vehicle(t, f"{path}/Прицеп[{i + 1}]") for i, t in enumerate(el.findall("Прицеп")))
    return {"vehicle": _read_vehicle(child(el, "ТС", path), f"{path}/ТС"), "trailers": trailers}


def _read_vehicle(el: Element, path: str) -> Vehicle:
    if el.get("НомСТС") is not None or el.get("НомерВИН") is not None or len(el.findall("ОснАрЛиз")) > 1:
        raise InputError("номер СТС, VIN и несколько документов о праве пользования не поддерживаются", path)
    params = child(el, "ПарТС", path)
    where = f"{path}/ПарТС"
    lease = el.find("ОснАрЛиз")
    right = read_requisite(lease, f"{path}/ОснАрЛиз") if lease is not None else None
    return build(path, lambda: Vehicle(
        attr(el, "РегНомер", path), attr(el, "ТипВлад", path), attr(params, "Тип", where),
        attr(params, "Марка", where), decimal_attr(params, "Грузопод", where),
        decimal_attr(params, "Вместим", where), right))


def _read_loading(el: Element, shipper_inn: str) -> Loading:
    path = f"{CONTENT}/СвПогруз"
    refuse_extras(el, path, ("ОснДостОбИнфрДок", "ИнфПол"))
    for name in ("ФСостТар", "ФСостУп", "ФСостКуз"):
        if el.get(name) is not None:
            raise InputError(f"атрибут {name} не поддерживается", f"{path}/@{name}")
    for tag, flag in (("СвЛицПогрГр", "СовпГОП"), ("ВладИнфр", "СовпГОВ")):
        part = child(el, tag, path)
        ident = part.find("ИдентРекГО")
        shipper_named = ident is not None and len(ident) == 1 and ident[0].text == shipper_inn
        if part.get(flag) != "1" or len(part) != 1 or not shipper_named:
            raise InputError("поддерживается только погрузка грузоотправителем на его площадке", f"{path}/{tag}")
    return build(path, lambda: Loading(
        address=read_address(child(el, "ФАдресПогр", path), f"{path}/ФАдресПогр", PLACE_TAGS),
        planned=read_zoned(el, "ЗаявПогр", "НалКоорТочВрЗаяв", path),
        arrived=read_zoned(el, "ФДатВрПриб", "НалКоорТочВрФПогр", path),
        departed=read_zoned(el, "ФДатВрУбыт", "НалКоорТочВрФУбыт", path),
        gross_mass=attr(el, "МасБрутОтгр", path), mass_method=attr(el, "МетОпрМасс", path),
        places=int_attr(el, "КолМестПрием", path), access=child(el, "ОснДостОбИнфрТекст", path).text or ""))
