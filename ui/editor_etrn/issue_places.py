"""Where a problem of the ЭТрН form belongs: the widget of its input path or XPath, and its place in words.

Problems of the JSON input carry paths (``cargo[1].gross_kg``, ``consignee.address.postal_code``);
issues of the built XML carry XPaths (``…/СвГруз/ОпГруз[2]/ПлМасГруз/@МасБрутЗнач``). An XPath
is first turned into the path of the same place, then the longest registered path that starts
the address names the widget; a cargo path names a cell of the cargo table.
"""

from __future__ import annotations

import re

CARGO = re.compile(r"^cargo\[(\d+)\](?:\.(\w+))?")
_XML_CARGO = re.compile(r"/ОпГруз(?:\[(\d+)\])?")
_XML_CARGO_ATTRS = (("МасБрут", "gross_kg"), ("МасНет", "net_kg"), ("КолМест", "places"), ("Марк", "marks"),
                    ("ВидТар", "container_kind"), ("СпУпак", "packing"))
# XPath fragments, most specific first, and the input path of the same place.
_XML_PLACES = (("АдресДостГр", "delivery_address"), ("ФАдресПогр", "loading.address"), ("СвПогруз", "loading.arrived"),
               ("СвВодит", "drivers[0].last_name"), ("СвТС", "vehicle.reg_number"), ("УказГО", "transport_rules"),
               ("СвГО", "shipper"), ("СвГП", "consignee"), ("СвПер", "carrier"), ("Подписант", "signer.last_name"),
               ("@НомерТрН", "number"), ("@ДатаТрН", "date"), ("@НомЗак", "order_number"), ("@ДатаЗак", "order_date"))
TITLES = {"number": "Номер накладной", "date": "Дата накладной", "order_number": "Номер заказа",
          "order_date": "Дата заказа", "created": "Дата накладной", "shipper": "Грузоотправитель",
          "consignee": "Грузополучатель", "carrier": "Перевозчик", "delivery_address": "Адрес доставки",
          "loading": "Погрузка", "cargo": "Груз", "transport_rules": "Указания о перевозке",
          "delivery_due": "Срок доставки", "drivers": "Водитель", "vehicle": "Транспортное средство",
          "trailers": "Прицеп", "signer": "Подписант"}
FILE_TITLES = {"sender_id": "Грузоотправитель, идентификатор ЭДО", "recipient_id": "Перевозчик, идентификатор ЭДО"}
PART_TITLES = {
    "name": "наименование", "inn": "ИНН", "kpp": "КПП", "last_name": "фамилия", "first_name": "имя",
    "middle_name": "отчество", "position": "должность", "phones": "телефон", "address": "адрес",
    "postal_code": "индекс", "reg_number": "госномер", "kind": "тип", "brand": "марка",
    "capacity_t": "грузоподъёмность", "volume_m3": "вместимость", "ownership": "владение",
    "right_of_use": "документ о праве пользования",
    "licence_series": "серия удостоверения", "licence_number": "номер удостоверения",
    "licence_issued": "дата выдачи удостоверения", "planned": "погрузка по заявке", "arrived": "прибытие",
    "departed": "убытие", "gross_mass": "масса брутто", "places": "места", "mass_method": "метод определения массы",
    "packing": "упаковка", "container_kind": "вид тары", "marks": "маркировка", "gross_kg": "брутто",
    "net_kg": "нетто"}


def path_of_xpath(xpath: str) -> str:
    """The input path of the place an XPath names ("" when the form has no such place)."""
    line = _XML_CARGO.search(xpath)
    if line is not None:
        row = int(line.group(1) or 1) - 1
        tail = xpath[line.end():]
        key = next((key for name, key in _XML_CARGO_ATTRS if name in tail), "name")
        return f"cargo[{row}].{key}"
    return next((path for name, path in _XML_PLACES if name in xpath), "")


def input_path(address: str) -> str:
    return path_of_xpath(address) if address.startswith("/") else address


def cargo_cell(path: str) -> tuple[int, str] | None:
    """``cargo[2].gross_kg`` → (2, "gross_kg"); None for any other path."""
    found = CARGO.match(path)
    return (int(found.group(1)), found.group(2) or "name") if found else None


def shorter(path: str) -> str:
    """The path one step up: ``a.b[0].c`` → ``a.b[0]`` → ``a.b`` → ``a`` → ""."""
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def place_title(path: str) -> str:
    """The place in words: «Груз, строка 2, брутто», «Водитель, имя», or the path itself."""
    words = [word for word in re.split(r"[.\[\]]", path) if word and not word.isdigit()]
    if not words:
        return path
    if words[0] == "file":
        return FILE_TITLES.get(words[-1], "Участники обмена")
    cell = cargo_cell(path)
    head = f"Груз, строка {cell[0] + 1}" if cell is not None else TITLES.get(words[0], path)
    part = next((PART_TITLES[word] for word in reversed(words[1:]) if word in PART_TITLES), "")
    return f"{head}, {part}" if part and head != path else head
