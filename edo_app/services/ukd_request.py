"""What the УКД editor holds (UkdRequest) and its JSON form, the one its drafts keep.

The editor service is the УПД editor's (services.upd_editor: check, form, drafts as JSON files),
so the request travels as JSON: ``request_json`` writes it, ``request_of`` reads it back and
names every wrong part by its path (a draft file may have been edited by hand)::

    {"file": {"guid": "…"}, "documents": [12, 14], "number": "УКД-15", "date": "2026-01-20",
     "function": "КСЧФДИС", "basis": {"name": "…", "number": "ДС-3", "date": "2026-01-18"},
     "lines": [{"quantity": "", "price": "90", "vat_rate": ""}, …],
     "signers": [{"last_name": "…", "first_name": "…", "middle_name": "…", "position": "…"}],
     "buyer": {"name": "…"}}

``lines`` follow the lines of the corrected documents in order (an empty text keeps the «before»
value); ``buyer`` only names the counterparty in the drafts list; without ``signers`` the УКД is
signed by the first original's signer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from edo_app.model.json_input import JsonObject, build_document
from edo_app.model.problems import Problems

AFTER_KEYS = ("quantity", "price", "vat_rate")
SIGNER_KEYS = ("last_name", "first_name", "middle_name", "position")


@dataclass(frozen=True, slots=True)
class AfterInput:
    """The «after» values of a row as typed; an empty text keeps the «before» value."""

    quantity: str = ""
    price: str = ""
    vat_rate: str = ""


@dataclass(frozen=True, slots=True)
class SignerText:
    """Who signs the УКД on behalf of the seller, as typed."""

    last_name: str = ""
    first_name: str = ""
    middle_name: str = ""
    position: str = ""


@dataclass(frozen=True, slots=True)
class UkdRequest:
    """What the editor holds: the rows' after values (in the order of Originals.lines) and the header."""

    document_ids: tuple[int, ...]
    rows: tuple[AfterInput, ...]
    number: str
    doc_date: date | None
    guid: str
    function: str = "КСЧФДИС"
    basis_name: str = ""
    basis_number: str = ""
    basis_date: date | None = None
    signer: SignerText | None = None  # None: the first original's signer


def request_json(request: UkdRequest, buyer_name: str = "") -> dict[str, Any]:
    """The JSON form of ``request``; ``buyer_name`` names the counterparty in the drafts list."""
    data: dict[str, Any] = {
        "file": {"guid": request.guid}, "documents": list(request.document_ids), "number": request.number,
        "date": _iso(request.doc_date), "function": request.function,
        "basis": {"name": request.basis_name, "number": request.basis_number, "date": _iso(request.basis_date)},
        "lines": [{key: getattr(row, key) for key in AFTER_KEYS} for row in request.rows],
        "buyer": {"name": buyer_name}}
    if request.signer is not None:
        data["signers"] = [{key: getattr(request.signer, key) for key in SIGNER_KEYS}]
    return data


def request_of(data: dict[str, Any]) -> UkdRequest:
    """The request a JSON form states; InputErrors name every wrong part by its path."""
    problems = Problems()
    top = JsonObject(data, "", problems)
    guid = top.child("file", required=True)
    parts: dict[str, Any] = {"guid": guid.text("guid") if guid is not None else ""}
    if guid is not None:
        guid.finish()
    parts["document_ids"] = _ids(top)
    parts.update(number=top.text("number"), doc_date=top.day("date"), function=top.text("function") or "КСЧФДИС")
    basis = top.child("basis")
    if basis is not None:
        parts.update(basis_name=basis.text("name"), basis_number=basis.text("number"), basis_date=basis.day("date"))
        basis.finish()
    parts["rows"] = tuple(_after(row) for row in top.children("lines"))
    signers = top.children("signers")
    parts["signer"] = _signer(signers[0]) if signers else None
    top.raw("buyer")  # only for the drafts list
    top.finish(allowed=("created",))  # the editor service adds the moment of forming
    return build_document(problems, lambda: UkdRequest(**parts))


def _ids(top: JsonObject) -> tuple[int, ...]:
    value = top.raw("documents")
    if not isinstance(value, list) or not value or not all(type(i) is int and i > 0 for i in value):
        top.problems.add(top.at("documents"), "ожидается список номеров корректируемых документов")
        return ()
    return tuple(value)


def _after(row: JsonObject) -> AfterInput:
    values = {key: row.text(key) for key in AFTER_KEYS}
    row.finish()
    return AfterInput(**values)


def _signer(obj: JsonObject) -> SignerText:
    values = {key: obj.text(key) for key in SIGNER_KEYS}
    obj.finish()
    return SignerText(**values)


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""
