"""Where an issue belongs on the form: a header field or a cell of the goods table.

Two kinds of addresses arrive. Problems of the JSON input carry field paths
(``lines[2].quantity``, ``buyer.inn``, ``file.recipient_id``); issues of the built XML carry
XPaths (``/Файл/Документ/ТаблСчФакт/СведТов[3]/@КолТов``). Both are mapped to one Target;
an address the form has no widget for maps to None and is shown in the issues list only.
The акт and ТОРГ-12 5.01 (ui.editor_primary) spell the same places differently: ``works[1]``,
``executor`` / ``customer`` in the input; ``Работа``, ``СвТов``, ``Исполнитель`` in the XML.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Field(enum.Enum):
    FUNCTION = "function"
    NUMBER = "number"
    DATE = "date"
    SELLER = "seller"
    SELLER_ADDRESS = "seller_address"
    BUYER = "buyer"
    BUYER_ADDRESS = "buyer_address"
    SIGNER_LAST = "signer_last"
    SIGNER_FIRST = "signer_first"
    SIGNER_MIDDLE = "signer_middle"
    SIGNER_POSITION = "signer_position"
    LINES = "lines"  # the table as a whole (e.g. «no lines»)


class LineColumn(enum.IntEnum):
    NUMBER = 0
    NAME = 1
    UNIT = 2
    QUANTITY = 3
    PRICE = 4
    RATE = 5
    WITHOUT_VAT = 6
    VAT = 7
    WITH_VAT = 8


FIELD_TITLES = {
    Field.FUNCTION: "Функция", Field.NUMBER: "Номер", Field.DATE: "Дата", Field.SELLER: "Продавец",
    Field.SELLER_ADDRESS: "Адрес продавца", Field.BUYER: "Покупатель", Field.BUYER_ADDRESS: "Адрес покупателя",
    Field.SIGNER_LAST: "Фамилия подписанта", Field.SIGNER_FIRST: "Имя подписанта",
    Field.SIGNER_MIDDLE: "Отчество подписанта", Field.SIGNER_POSITION: "Должность подписанта",
    Field.LINES: "Товары",
}
COLUMN_TITLES = {
    LineColumn.NUMBER: "№", LineColumn.NAME: "Наименование", LineColumn.UNIT: "Ед. изм. (ОКЕИ)",
    LineColumn.QUANTITY: "Количество", LineColumn.PRICE: "Цена без НДС", LineColumn.RATE: "Ставка НДС",
    LineColumn.WITHOUT_VAT: "Сумма без НДС", LineColumn.VAT: "НДС", LineColumn.WITH_VAT: "Сумма с НДС",
}


@dataclass(frozen=True, slots=True)
class Target:
    """A header field, or a cell (``row``, ``column``) of the goods table."""

    field: Field = Field.LINES
    row: int | None = None
    column: LineColumn = LineColumn.NAME

    @property
    def is_cell(self) -> bool:
        return self.row is not None

    @property
    def title(self) -> str:
        """Where on the form, in words: «Строка 2, Количество», «Покупатель»."""
        if self.row is not None:
            return f"Строка {self.row + 1}, {COLUMN_TITLES[self.column].lower()}"
        return FIELD_TITLES[self.field]


_LINE_KEYS = {
    "name": LineColumn.NAME, "unit_code": LineColumn.UNIT, "unit_name": LineColumn.UNIT, "okei": LineColumn.UNIT,
    "quantity": LineColumn.QUANTITY, "price": LineColumn.PRICE, "vat_rate": LineColumn.RATE,
    "amount_without_vat": LineColumn.WITHOUT_VAT, "vat_amount": LineColumn.VAT, "amount_with_vat": LineColumn.WITH_VAT,
}
_SIGNER_KEYS = {"last_name": Field.SIGNER_LAST, "first_name": Field.SIGNER_FIRST,
                "middle_name": Field.SIGNER_MIDDLE, "position": Field.SIGNER_POSITION}
_TOP_KEYS = {"function": Field.FUNCTION, "number": Field.NUMBER, "date": Field.DATE, "created": Field.DATE,
             "transfer": Field.DATE, "shipment_documents": Field.NUMBER, "lines": Field.LINES, "works": Field.LINES}
_SELLER_KEYS = ("seller", "executor")  # УПД and ТОРГ-12; акт
_BUYER_KEYS = ("buyer", "customer")
_PATH_PART = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def target_of_path(path: str) -> Target | None:
    """The target of a JSON field path (``lines[2].quantity`` → row 2, quantity)."""
    parts = [(m.group(1), m.group(2)) for m in _PATH_PART.finditer(path)]
    if not parts:
        return None
    (head, index), rest = parts[0], [key for key, _ in parts[1:]]
    if head in ("lines", "works"):
        return _line_target(index, rest)
    if head in (*_SELLER_KEYS, *_BUYER_KEYS, "file"):
        return _party_target(head, rest)
    if head == "signers":
        return Target(_SIGNER_KEYS.get(rest[-1], Field.SIGNER_LAST) if rest else Field.SIGNER_LAST)
    field = _TOP_KEYS.get(head)
    return Target(field) if field else None


def _line_target(index: str | None, rest: list[str]) -> Target:
    if index is None:
        return Target(Field.LINES)
    return Target(Field.LINES, int(index), _LINE_KEYS.get(rest[0], LineColumn.NAME) if rest else LineColumn.NAME)


def _party_target(head: str, rest: list[str]) -> Target:
    """``seller.inn`` → the seller; ``buyer.address`` → its address; ``file.recipient_id`` → the buyer."""
    if head == "file":
        return Target(Field.BUYER if rest and rest[0] == "recipient_id" else Field.SELLER)
    seller = head in _SELLER_KEYS
    if rest and rest[0] == "address":
        return Target(Field.SELLER_ADDRESS if seller else Field.BUYER_ADDRESS)
    return Target(Field.SELLER if seller else Field.BUYER)


_XML_LINE = re.compile(r"/(?:СведТов|СвТов|Работа)(?:\[(\d+)\])?(?=[/\[]|$)")
_XML_LINE_ATTRS = {
    "НаимТов": LineColumn.NAME, "ОКЕИ_Тов": LineColumn.UNIT, "НаимЕдИзм": LineColumn.UNIT,
    "КолТов": LineColumn.QUANTITY, "ЦенаТов": LineColumn.PRICE, "НалСт": LineColumn.RATE,
    "СтТовБезНДС": LineColumn.WITHOUT_VAT, "СумНал": LineColumn.VAT, "СтТовУчНал": LineColumn.WITH_VAT,
    # 5.01: Работа of the акт, СвТов of ТОРГ-12
    "НаимРабот": LineColumn.NAME, "ОКЕИ": LineColumn.UNIT, "Количество": LineColumn.QUANTITY,
    "НеттоПередано": LineColumn.QUANTITY, "Цена": LineColumn.PRICE, "СтоимБезНДС": LineColumn.WITHOUT_VAT,
    "СтБезНДС": LineColumn.WITHOUT_VAT, "СумНДС": LineColumn.VAT, "СтоимУчНДС": LineColumn.WITH_VAT,
    "СтУчНДС": LineColumn.WITH_VAT,
}
_XML_PARTS = (("СвПрод", Field.SELLER), ("СвПокуп", Field.BUYER), ("Подписант", Field.SIGNER_LAST),
              ("СвПродПер", Field.DATE), ("@НомерДок", Field.NUMBER), ("@ДатаДок", Field.DATE),
              ("@Функция", Field.FUNCTION), ("ИдОтпр", Field.SELLER), ("ИдПол", Field.BUYER),
              ("Исполнитель", Field.SELLER), ("Продавец", Field.SELLER), ("Заказчик", Field.BUYER),
              ("Покупатель", Field.BUYER), ("@НомДок", Field.NUMBER), ("@ДатаДок", Field.DATE))
_XML_SELLERS = ("СвПрод", "Исполнитель", "Продавец")
_XML_BUYERS = ("СвПокуп", "Заказчик", "Покупатель")


def target_of_xpath(xpath: str) -> Target | None:
    """The target of an XPath of the built document (``…/СведТов[3]/@КолТов`` → row 2, quantity)."""
    line = _XML_LINE.search(xpath)
    if line is not None:
        row = int(line.group(1) or 1) - 1
        tail = xpath[line.end():]
        column = next((col for name, col in _XML_LINE_ATTRS.items() if name in tail), LineColumn.NAME)
        return Target(Field.LINES, row, column)
    if "/Адр" in xpath:
        if any(name in xpath for name in _XML_SELLERS):
            return Target(Field.SELLER_ADDRESS)
        if any(name in xpath for name in _XML_BUYERS):
            return Target(Field.BUYER_ADDRESS)
    return next((Target(field) for name, field in _XML_PARTS if name in xpath), None)
