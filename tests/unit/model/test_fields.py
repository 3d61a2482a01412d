from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from edo_app.errors import InputError
from edo_app.model.fields import need_code, need_date, need_digits, need_text, parse_date


def _message(check: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(InputError) as caught:
        check(*args, **kwargs)
    assert caught.value.field == "f"
    return caught.value.message


def test_need_text() -> None:
    need_text("abc", "f", 3)
    need_text("", "f", 3, required=False)
    assert _message(need_text, "", "f", 3) == "обязательное поле не заполнено"
    assert _message(need_text, 5, "f", 3) == "ожидается строка"
    assert _message(need_text, "   ", "f", 3) == "значение не может состоять из одних пробелов"
    assert _message(need_text, "a\x1db", "f", 3) == "недопустимый в XML символ с кодом 0x001d"
    assert _message(need_text, "abcd", "f", 3) == "длина 4 знаков, допускается не более 3"
    assert _message(need_text, "abc", "f", 255, min_len=6) == "длина 3 знаков, допускается не менее 6"


def test_need_digits_takes_one_length_or_several() -> None:
    need_digits("643", "f", 3)
    need_digits("1234", "f", (3, 4))
    need_digits("", "f", 3, required=False)
    assert _message(need_digits, "12", "f", (3, 4)) == "«12»: ожидается 3 или 4 цифр(ы)"
    assert _message(need_digits, "12\n", "f", 3) == "«12\n»: ожидается 3 цифр(ы)"
    assert _message(need_digits, "١٢٣", "f", 3).endswith("ожидается 3 цифр(ы)")  # Arabic-Indic digits
    assert _message(need_digits, "", "f", 3).startswith("«»")


def test_need_code() -> None:
    need_code("2", "f", ("1", "2"))
    assert _message(need_code, "3", "f", ("1", "2")) == "«3»: допустимые значения 1, 2"


def test_need_date_limits_are_parameters() -> None:
    need_date(date(2099, 12, 31), "f", last_year=2099)
    need_date(date(2100, 1, 1), "f", last_year=2100)
    need_date(None, "f", last_year=2099, required=False)
    assert _message(need_date, None, "f", last_year=2099) == "обязательное поле не заполнено"
    assert _message(need_date, date(2100, 1, 1), "f", last_year=2099) == (
        "дата 01.01.2100 вне допустимого диапазона 1900–2099 годов")
    assert "1900–2100" in _message(need_date, date(1899, 12, 31), "f", last_year=2100)
    assert _message(need_date, datetime(2025, 1, 1), "f", last_year=2099) == "ожидается дата без времени"


def test_parse_date() -> None:
    assert parse_date("14.03.2025", "f") == parse_date(" 2025-03-14 ", "f") == date(2025, 3, 14)
    assert _message(parse_date, "31.02.2025", "f") == (
        "«31.02.2025» не является датой (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)")
