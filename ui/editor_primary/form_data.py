"""The editor's values and the акт / ТОРГ-12 JSON input (docs/act-torg12-input.md), both ways.

The form is the УПД editor's (ui.editor.form_data), and so are the pieces of the input: a
party, a line, the signer. What 5.01 adds is said here: the parties' keys (``executor`` /
``customer`` of the акт), an entrepreneur marked ``"entrepreneur": true`` (the directory names
one «ИП Фамилия Имя Отчество»), and the usual short-form defaults: ТОРГ-12 goods are shipped
by the seller to the buyer on the document's date, the акт's results handed over on its date.
"""

from __future__ import annotations

from typing import Any

from ui.editor.form_data import (
    PERSON_INN_LENGTH,
    PERSON_PREFIX,
    EditorForm,
    PartyInput,
    file_json,
    json_day,
    json_object,
    json_text,
    line_json,
    line_of_json,
    party_json,
    party_of_json,
    signer_json,
    signer_of_json,
)
from ui.editor_primary.kinds import ACT, PrimaryKind


def to_input(kind: PrimaryKind, form: EditorForm) -> dict[str, Any]:
    """The JSON input of the executor's / seller's title for ``form``."""
    day = form.date.isoformat() if form.date else ""
    seller_key, buyer_key = kind.party_keys
    data: dict[str, Any] = {
        "number": form.number.strip(), "date": day, "file": file_json(form),
        seller_key: member_json(form.seller), buyer_key: member_json(form.buyer),
        kind.lines_key: [line_json(line) for line in form.lines], "signers": [signer_json(form.signer)],
    }
    if kind is ACT:
        data["transfer_date"] = day
    else:
        data.update(shipper="seller", consignee="buyer", shipped_on=day)
    return data


def member_json(party: PartyInput) -> dict[str, Any]:
    values: dict[str, Any] = party_json(party)
    if len(party.inn.strip()) == PERSON_INN_LENGTH and party.name.strip().startswith(PERSON_PREFIX):
        values["entrepreneur"] = True
    return values


def from_input(kind: PrimaryKind, data: dict[str, Any]) -> EditorForm:
    """The form for a saved input (a draft may lack anything: missing values stay empty)."""
    file_part = json_object(data.get("file"))
    seller_key, buyer_key = kind.party_keys
    lines = data.get(kind.lines_key)
    return EditorForm(
        function="", number=json_text(data, "number"), date=json_day(json_text(data, "date")),
        seller=_party_of(data.get(seller_key), file_part, "sender_id"),
        buyer=_party_of(data.get(buyer_key), file_part, "recipient_id"), signer=signer_of_json(data),
        lines=[line_of_json(json_object(item)) for item in lines] if isinstance(lines, list) else [],
        guid=json_text(file_part, "guid"))


def _party_of(value: object, file_part: dict[str, Any], id_key: str) -> PartyInput:
    """As the УПД reads it, except that a person who is no entrepreneur is named without «ИП»."""
    party = party_of_json(value, file_part, id_key)
    member = json_object(value)
    if json_text(member, "last_name") and member.get("entrepreneur") is not True:
        party.name = party.name.removeprefix(PERSON_PREFIX)
    return party
