from __future__ import annotations

import pytest

from edo_app.errors import InputError
from edo_app.model.problems import InputErrors, Problems, join_path, prefixed, rethrow


def test_join_path() -> None:
    assert join_path("lines[2]", "price") == "lines[2].price"
    assert join_path("lines", "[2]") == "lines[2]"
    assert join_path("", "price") == "price"
    assert join_path("seller", None) == "seller"
    assert join_path("seller", "") == "seller"


def test_input_errors_lists_every_problem_and_keeps_the_first_as_the_base_fields() -> None:
    exc = InputErrors([("number", "обязательное поле не заполнено"), ("", "общая ошибка")])
    assert isinstance(exc, InputError)
    assert (exc.field, exc.message) == ("number", "обязательное поле не заполнено")
    assert str(exc) == "Найдено ошибок: 2\nnumber: обязательное поле не заполнено\nобщая ошибка"


def test_prefixed_moves_single_and_multiple_errors_under_the_prefix() -> None:
    assert prefixed(InputError("плохо", "inn"), "seller") == [("seller.inn", "плохо")]
    many = InputErrors([("[0].inn", "a"), ("kpp", "b")])
    assert prefixed(many, "buyers") == [("buyers[0].inn", "a"), ("buyers.kpp", "b")]


def test_rethrow_keeps_a_single_error_single() -> None:
    one = rethrow(InputError("плохо", "inn"), "seller")
    assert type(one) is InputError and one.field == "seller.inn" and one.message == "плохо"
    assert rethrow(InputError("плохо"), "").field is None
    many = rethrow(InputErrors([("a", "x"), ("b", "y")]), "p")
    assert isinstance(many, InputErrors) and many.problems == [("p.a", "x"), ("p.b", "y")]


def test_problems_runs_every_step_and_raises_them_all() -> None:
    problems = Problems()

    def bad() -> int:
        raise InputError("нет", "inn")

    def worse() -> int:
        raise InputErrors([("a", "x"), ("b", "y")])

    assert problems.run("ok", lambda: 5) == 5
    assert problems.run("seller", bad) is None
    assert problems.run("lines[1]", worse) is None
    problems.add("total", "не сходится")
    with pytest.raises(InputErrors) as caught:
        problems.raise_if_any()
    assert caught.value.problems == [("seller.inn", "нет"), ("lines[1].a", "x"), ("lines[1].b", "y"),
                                     ("total", "не сходится")]


def test_problems_without_items_raises_nothing() -> None:
    Problems().raise_if_any()


def test_one_defect_is_recorded_once() -> None:
    problems = Problems()
    problems.add("number", "обязательное поле не заполнено")

    def constructor() -> None:
        raise InputErrors([("number", "обязательное поле не заполнено"), ("date", "обязательное поле не заполнено")])

    assert problems.run("", constructor) is None
    problems.add("number", "другая ошибка")  # another defect of the same field stays
    assert problems.items == [("number", "обязательное поле не заполнено"), ("date", "обязательное поле не заполнено"),
                              ("number", "другая ошибка")]
