"""The JSON input of ЭТрН title 04 (``"title": "4"``, docs/etrn-input.md): the carrier's driver and/or
vehicle change on its title 02. Drivers and vehicles are written as in title 1; every problem is
collected with its field path and raised at once (InputErrors).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from edo_app.model.json_input import JsonObject
from edo_app.model.problems import Problems

from .etrn_change import CHANGE, EtrnChange, VehicleChange
from .etrn_json import _driver, _file_id, _ref, _signer, _vehicle


def change_from_json(data: dict[str, Any], *, now: datetime | None = None, guid: str | None = None) -> EtrnChange:
    """``now`` / ``guid`` stand in for ``created`` / ``file.guid`` as in etrn_from_json."""
    problems = Problems()
    top = JsonObject(data, "", problems)
    top.text("title")
    created = top.moment("created") or now
    if created is None:
        problems.add("created", "укажите дату и время формирования файла")
    answers = top.child("answers", required=True)
    fields: dict[str, Any] = {
        "file_id": _file_id(top.child("file", required=True), CHANGE.prefix, created, guid), "created": created,
        "signer": _signer(top.child("signer", required=True)), "answers": _ref(answers) if answers else None,
        "uid": top.text("uid", required=True), "changed": top.moment("changed"),
        "reason": top.text("reason", required=True), "operation": top.text("operation", default=CHANGE.operation),
        "drivers": tuple(_driver(obj) for obj in top.children("drivers")),
        "vehicles": tuple(_vehicle_change(obj) for obj in top.children("vehicles"))}
    top.finish()
    problems.raise_if_any()  # the document-level checks need every part sound
    doc = problems.run("", lambda: EtrnChange(**fields))
    problems.raise_if_any()
    assert doc is not None
    return doc


def _vehicle_change(obj: JsonObject) -> VehicleChange | None:
    tractor = obj.child("vehicle")
    vehicle = _vehicle(tractor) if tractor else None
    trailers = tuple(_vehicle(item) for item in obj.children("trailers"))
    obj.finish()
    return obj.build(lambda: VehicleChange(vehicle, trailers))  # type: ignore[arg-type]
