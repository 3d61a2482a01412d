"""JSON input: the shipped samples build valid МЧД; every problem is reported at once
under its field path."""

from __future__ import annotations

import json
from typing import Any

import pytest

from edo_app.poa import InputErrors, Person, poa_from_json, poa_from_xml, poa_to_xml
from tests.oracles import PROJECT

SAMPLES = PROJECT / "resources" / "samples"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


def _problems(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InputErrors) as caught:
        poa_from_json(data)
    return dict(caught.value.problems)


def test_employee_sample() -> None:
    poa = poa_from_json(_load("poa-ul-employee.json"))
    rep = poa.representatives[0]
    assert isinstance(rep, Person)
    assert rep.snils == "506-030-824 33"  # plain digits were formatted
    assert rep.birth_date is not None and rep.birth_date.isoformat() == "1974-08-19"  # ДД.ММ.ГГГГ accepted
    assert poa.system.endswith(poa.number)  # the registry address by default
    assert poa.redelegation_allowed and poa.covers("счета-фактуры")
    assert poa_from_xml(poa_to_xml(poa)) == poa


def test_redelegation_sample() -> None:
    poa = poa_from_json(_load("poa-redelegation.json"))
    employee = poa_from_json(_load("poa-ul-employee.json"))
    assert poa.redelegation is not None
    assert poa.chain() == (employee.number, poa.number)
    assert poa.principal_identity() == employee.principal_identity()
    assert poa.principals[0].inn == employee.representatives[0].inn
    assert poa.powers.loss_on_redelegation == "2"


def test_every_problem_is_named() -> None:
    data = _load("poa-ul-employee.json")
    data["number"] = "123"
    data["issued"] = "2025-13-01"
    data["principals"][0]["inn"] = "5016281942"
    data["principals"][0]["heads"][0]["snils"] = "406-323-194 43"
    data["representatives"][0]["type"] = "robot"
    data["powers"] = {"codes": [{"code": "ab", "name": "x"}], "txt": "опечатка"}
    data["qqq"] = 1
    found = _problems(data)
    assert set(found) == {"number", "issued", "principals[0].inn", "principals[0].heads[0].snils",
                          "representatives[0].type", "powers.codes[0].code", "powers.txt", "qqq"}
    assert "контрольное число" in found["principals[0].inn"]
    assert found["qqq"] == "неизвестное поле"


def test_missing_and_wrongly_typed_fields() -> None:
    found = _problems({"principals": "нет", "representatives": [], "powers": {}, "issued": 20250101})
    assert found["number"] == "обязательное поле не заполнено"
    assert found["internal_number"] == "обязательное поле не заполнено"
    assert found["principals"] == "ожидается список ([...])"
    assert found["representatives"] == "список не может быть пустым"
    assert found["issued"] == "ожидается строка"


def test_document_level_check_after_the_parts() -> None:
    data = _load("poa-ul-employee.json")
    data["valid_to"] = "2025-01-01"
    assert _problems(data) == {"valid_to": "срок действия не может закончиться раньше даты выдачи"}


def test_principal_person_rejects_a_position_and_redelegation_needs_the_original() -> None:
    data = _load("poa-redelegation.json")
    data["principals"][0]["position"] = "Бухгалтер"
    data["redelegation"]["original"].pop("issued")
    found = _problems(data)
    assert found["principals[0].position"] == "неизвестное поле"
    assert found["redelegation.original.issued"] == "обязательное поле не заполнено"


def test_errors_print_like_the_upd_ones() -> None:
    with pytest.raises(InputErrors) as caught:
        poa_from_json({})
    text = str(caught.value)
    assert text.startswith("Найдено ошибок: ")
    assert "number: обязательное поле не заполнено" in text
