"""The editor's values and the JSON input of ``edo build upd`` (docs/upd-input.md), both ways.

The form holds text exactly as typed; the JSON builder (``upd_from_json``) is the one judge
of it, so an empty field is sent as "" and comes back as «обязательное поле не заполнено»
under its path. The parts the short form does not ask for are filled the usual way: the
shipper is the seller, the consignee the buyer, the transfer happens on the document's date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

GOODS_FUNCTIONS = ("СЧФДОП", "СЧФ")  # the invoice functions: addresses, shipper, consignee
TRANSFER_FUNCTIONS = ("СЧФДОП", "ДОП")  # the transfer functions: СвПродПер
SHIPMENT_DOC_NAME = "Универсальный передаточный документ"
DEFAULT_OPERATION = "Товары переданы"
PERSON_PREFIX = "ИП "
PERSON_INN_LENGTH = 12


@dataclass
class PartyInput:
    name: str = ""
    inn: str = ""
    kpp: str = ""
    edo_id: str = ""
    address: str = ""


@dataclass
class SignerInput:
    last_name: str = ""
    first_name: str = ""
    middle_name: str = ""
    position: str = ""


@dataclass
class LineInput:
    name: str = ""
    unit_code: str = "796"
    unit_name: str = "шт"
    quantity: str = ""
    price: str = ""
    vat_rate: str = "20%"


@dataclass
class EditorForm:
    function: str = "СЧФДОП"
    number: str = ""
    date: date | None = None
    seller: PartyInput = field(default_factory=PartyInput)
    buyer: PartyInput = field(default_factory=PartyInput)
    signer: SignerInput = field(default_factory=SignerInput)
    lines: list[LineInput] = field(default_factory=list)
    guid: str = ""


def to_input(form: EditorForm) -> dict[str, Any]:
    """The JSON input of the seller title for ``form``."""
    day = form.date.isoformat() if form.date else ""
    data: dict[str, Any] = {
        "function": form.function, "number": form.number.strip(), "date": day,
        "file": file_json(form), "seller": party_json(form.seller), "buyer": party_json(form.buyer),
        "lines": [line_json(line) for line in form.lines],
        "signers": [signer_json(form.signer)],
    }
    if form.function in GOODS_FUNCTIONS:
        data["shipper"], data["consignee"] = "он же", "buyer"
        data["shipment_documents"] = [{"name": SHIPMENT_DOC_NAME, "number": data["number"], "date": day}]
    if form.function in TRANSFER_FUNCTIONS:
        data["transfer"] = {"operation": DEFAULT_OPERATION, "date": day}
    return data


def file_json(form: EditorForm) -> dict[str, str]:
    values = {"sender_id": form.seller.edo_id.strip(), "recipient_id": form.buyer.edo_id.strip()}
    if form.guid:
        values["guid"] = form.guid
    return values


def party_json(party: PartyInput) -> dict[str, str]:
    inn = party.inn.strip()
    values: dict[str, str] = {"inn": inn}
    if len(inn) == PERSON_INN_LENGTH:
        values.update(_person_name(party.name))
    else:
        values.update(name=party.name.strip(), kpp=party.kpp.strip())
    if party.address.strip():
        values["address"] = party.address.strip()
    return values


def _person_name(name: str) -> dict[str, str]:
    """«ИП Фамилия Имя Отчество» (as the directory stores a person) → the JSON's name parts."""
    words = name.strip().removeprefix(PERSON_PREFIX).split()
    parts = dict(zip(("last_name", "first_name"), words, strict=False))
    if len(words) > 2:
        parts["middle_name"] = " ".join(words[2:])
    return parts


def line_json(line: LineInput) -> dict[str, str]:
    values = {"name": line.name.strip(), "quantity": line.quantity.strip(), "price": line.price.strip(),
              "vat_rate": line.vat_rate, "unit_code": line.unit_code.strip()}
    if values["unit_code"]:
        values["unit_name"] = line.unit_name.strip()
    return values


def signer_json(signer: SignerInput) -> dict[str, str]:
    values = {"last_name": signer.last_name.strip(), "first_name": signer.first_name.strip(),
              "position": signer.position.strip()}
    if signer.middle_name.strip():
        values["middle_name"] = signer.middle_name.strip()
    return values


def from_input(data: dict[str, Any]) -> EditorForm:
    """The form for a saved input (a draft may lack anything: missing values stay empty)."""
    file_part = json_object(data.get("file"))
    seller, buyer = party_of_json(data.get("seller"), file_part, "sender_id"), party_of_json(
        data.get("buyer"), file_part, "recipient_id")
    lines = data.get("lines")
    return EditorForm(
        function=json_text(data, "function") or "СЧФДОП", number=json_text(data, "number"),
        date=json_day(json_text(data, "date")), seller=seller, buyer=buyer, signer=signer_of_json(data),
        lines=[line_of_json(json_object(item)) for item in lines] if isinstance(lines, list) else [],
        guid=json_text(file_part, "guid"))


def signer_of_json(data: dict[str, Any]) -> SignerInput:
    """The first signer of the input (empty when there is none)."""
    signers = data.get("signers")
    signer = json_object(signers[0]) if isinstance(signers, list) and signers else {}
    return SignerInput(*(json_text(signer, key) for key in ("last_name", "first_name", "middle_name", "position")))


def party_of_json(value: object, file_part: dict[str, Any], id_key: str) -> PartyInput:
    party = json_object(value)
    name = json_text(party, "name")
    if not name and json_text(party, "last_name"):
        words = (json_text(party, key) for key in ("last_name", "first_name", "middle_name"))
        name = PERSON_PREFIX + " ".join(word for word in words if word)
    return PartyInput(name, json_text(party, "inn"), json_text(party, "kpp"), json_text(file_part, id_key),
                      json_text(party, "address"))


def line_of_json(line: dict[str, Any]) -> LineInput:
    unit_code = json_text(line, "unit_code") if "unit_code" in line else "796"
    unit_name = json_text(line, "unit_name") or ("шт" if unit_code == "796" else "")
    return LineInput(json_text(line, "name"), unit_code, unit_name, json_text(line, "quantity"),
                     json_text(line, "price"), json_text(line, "vat_rate") or "20%")


def json_object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def json_text(values: dict[str, Any], key: str) -> str:
    value = values.get(key)
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""


def json_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
