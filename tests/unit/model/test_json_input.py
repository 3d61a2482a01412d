from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.json_input import JsonObject
from edo_app.model.problems import Problems


def _read(data: object) -> tuple[JsonObject, Problems]:
    problems = Problems()
    return JsonObject(data, "doc", problems), problems


def test_text_takes_strings_and_numbers_but_not_booleans() -> None:
    obj, problems = _read({"a": "x", "b": 7701, "c": True, "d": ""})
    assert obj.text("a") == "x" and obj.text("b") == "7701"
    assert obj.text("c", default="?") == "?"
    assert obj.text("d", required=True) == ""
    assert obj.text("missing", default="z") == "z"
    assert problems.items == [("doc.c", "ожидается строка"), ("doc.d", "обязательное поле не заполнено")]


def test_numbers() -> None:
    obj, problems = _read({"n": "12", "m": 3, "bad": 1.5, "price": "10.50", "wrong": "abc"})
    assert (obj.integer("n"), obj.integer("m"), obj.integer("bad", default=-1)) == (12, 3, -1)
    assert obj.decimal("price") == Decimal("10.50")
    assert obj.decimal("wrong") is None
    assert [path for path, _ in problems.items] == ["doc.bad", "doc.wrong"]


def test_dates_in_both_spellings_and_their_errors() -> None:
    obj, problems = _read({"iso": "2025-03-14", "ru": "14.03.2025", "bad": "2025-13-01", "num": 20250101,
                           "at": "2025-03-14T09:30:00", "at_bad": "вчера"})
    assert obj.day("iso") == obj.day("ru") == date(2025, 3, 14)
    assert obj.day("bad") is None and obj.day("num") is None
    assert obj.moment("at") == datetime(2025, 3, 14, 9, 30)
    assert obj.moment("at_bad") is None
    found = dict(problems.items)
    assert "не является датой" in found["doc.bad"]
    assert found["doc.num"] == "ожидается строка"
    assert "ЧЧ:ММ:СС" in found["doc.at_bad"]


def test_children_strings_and_unknown_keys() -> None:
    obj, problems = _read({"lines": [{"x": "1"}, 5], "tags": ["a", "b"], "bad_tags": [1], "extra": 1, "note": 2})
    lines = obj.children("lines", required=True)
    assert [line.path for line in lines] == ["doc.lines[0]", "doc.lines[1]"]
    assert lines[0].text("x") == "1"
    assert obj.strings("tags") == ("a", "b") and obj.strings("bad_tags") == ()
    assert obj.child("missing") is None and obj.children("missing") == []
    obj.finish(allowed=("note",))
    assert problems.items == [("doc.lines[1]", "ожидается объект JSON ({...})"),
                              ("doc.bad_tags", "ожидается список строк"), ("doc.extra", "неизвестное поле")]


def test_required_list_must_not_be_empty_and_build_records_under_the_path() -> None:
    obj, problems = _read({"lines": [], "one": "x"})
    assert obj.children("lines", required=True) == []
    assert obj.children("one") == []

    def fail() -> int:
        raise InputError("плохо", "price")

    assert obj.build(lambda: 1) == 1
    assert obj.build(fail) is None
    assert problems.items == [("doc.lines", "список не может быть пустым"), ("doc.one", "ожидается список ([...])"),
                              ("doc.price", "плохо")]

