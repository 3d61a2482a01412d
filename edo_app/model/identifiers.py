"""Russian registration numbers with their check digits: ИНН, КПП, ОГРН, ОГРНИП, СНИЛС.

Each ``check_*`` returns a Russian error text or ``None`` when the value is correct, so
both the builders (raise InputError) and the validator (report an Issue) use the same code.
The ``make_*`` functions invent numbers that pass these checks, for samples and tests.
"""

from __future__ import annotations

import random
import re

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_KPP = re.compile(r"^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$")


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def check_inn(value: str) -> str | None:
    """ИНН of an organisation (10 digits) or of a person (12 digits)."""
    if not value.isdigit() or len(value) not in (10, 12) or not value.isascii():
        return f"ИНН «{value}» должен состоять из 10 (организация) или 12 (физическое лицо) цифр"
    if len(value) == 10:
        ok = _weighted(value, _INN10_WEIGHTS) == int(value[9])
    else:
        ok = _weighted(value, _INN12_WEIGHTS_11) == int(value[10]) and _weighted(
            value, _INN12_WEIGHTS_12
        ) == int(value[11])
    return None if ok else f"ИНН «{value}»: неверное контрольное число"


def check_inn_le(value: str) -> str | None:
    """ИНН of an organisation: exactly 10 digits."""
    if len(value) != 10:
        return f"ИНН организации «{value}» должен состоять из 10 цифр"
    return check_inn(value)


def check_inn_person(value: str) -> str | None:
    """ИНН of a person or an individual entrepreneur: exactly 12 digits."""
    if len(value) != 12:
        return f"ИНН физического лица «{value}» должен состоять из 12 цифр"
    return check_inn(value)


def check_kpp(value: str) -> str | None:
    if not _KPP.match(value):
        return f"КПП «{value}» должен состоять из 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры"
    return None


def check_ogrn(value: str) -> str | None:
    """ОГРН (13 digits, mod 11) or ОГРНИП (15 digits, mod 13)."""
    if not value.isdigit() or not value.isascii() or len(value) not in (13, 15):
        return f"ОГРН «{value}» должен состоять из 13 (ОГРН) или 15 (ОГРНИП) цифр"
    body, check = int(value[:-1]), int(value[-1])
    modulus = 11 if len(value) == 13 else 13
    if body % modulus % 10 != check:
        return f"ОГРН «{value}»: неверное контрольное число"
    return None


def snils_check_number(digits9: str) -> int:
    """Control number of a СНИЛС from its first nine digits."""
    total = sum(int(d) * (9 - i) for i, d in enumerate(digits9))
    if total < 100:
        return total
    if total in (100, 101):
        return 0
    rest = total % 101
    return 0 if rest == 100 else rest


def normalize_snils(value: str) -> str:
    """``123-456-789 01`` → ``12345678901``."""
    return value.replace("-", "").replace(" ", "")


def check_snils(value: str) -> str | None:
    digits = normalize_snils(value)
    if not digits.isdigit() or not digits.isascii() or len(digits) != 11:
        return f"СНИЛС «{value}» должен состоять из 11 цифр"
    if int(digits[:9]) <= 1001998:  # numbers up to 001-001-998 were issued without a check
        return None
    if snils_check_number(digits[:9]) != int(digits[9:]):
        return f"СНИЛС «{value}»: неверное контрольное число"
    return None


def format_snils(value: str) -> str:
    """``12345678901`` → ``123-456-789 01`` (the form FNS formats use)."""
    d = normalize_snils(value)
    return f"{d[0:3]}-{d[3:6]}-{d[6:9]} {d[9:11]}"


# Generators of fictional numbers. Each draws its random digits in the order shown, so a
# seeded Random gives the same numbers (samples and tests rely on it). ``region`` is the
# two-digit code of a region (77 — Москва).


def _random_digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(count))


def make_inn_le(rng: random.Random, region: str) -> str:
    """ИНН of an organisation: region, a tax office starting with 1, a number, the check digit."""
    body = region + "1" + _random_digits(rng, 6)
    return body + str(_weighted(body, _INN10_WEIGHTS))


def make_inn_person(rng: random.Random, region: str) -> str:
    """ИНН of a person (12 digits, two check digits)."""
    body = region + "0" + _random_digits(rng, 7)
    body += str(_weighted(body, _INN12_WEIGHTS_11))
    return body + str(_weighted(body, _INN12_WEIGHTS_12))


def make_ogrn(rng: random.Random, region: str) -> str:
    """ОГРН of an organisation registered in 2022 (13 digits, mod 11)."""
    body = "122" + region + _random_digits(rng, 7)
    return body + str(int(body) % 11 % 10)


def make_ogrnip(rng: random.Random, region: str) -> str:
    """ОГРНИП of an entrepreneur registered in 2021 (15 digits, mod 13)."""
    body = "321" + region + _random_digits(rng, 9)
    return body + str(int(body) % 13 % 10)


def make_snils(rng: random.Random) -> str:
    """СНИЛС as 11 digits (above 001-001-998, so the check number applies); see format_snils."""
    body = str(rng.randint(100, 999)) + _random_digits(rng, 6)
    return body + f"{snils_check_number(body):02d}"
