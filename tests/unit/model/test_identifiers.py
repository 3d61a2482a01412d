from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edo_app.model import identifiers as ids

# Fictional numbers with correct check digits (computed by hand from the published algorithms).
VALID_INN_LE = "7707083893"
VALID_INN_PERSON = "500100732259"


def test_inn_check_digits() -> None:
    assert ids.check_inn(VALID_INN_LE) is None
    assert ids.check_inn(VALID_INN_PERSON) is None
    assert "контрольное" in (ids.check_inn("7707083894") or "")
    assert "контрольное" in (ids.check_inn("500100732258") or "")
    assert "10" in (ids.check_inn("12345") or "")
    assert ids.check_inn("77070838９3") is not None  # full-width digit is not ASCII


def test_inn_kind_specific() -> None:
    assert ids.check_inn_le(VALID_INN_PERSON) is not None
    assert ids.check_inn_person(VALID_INN_LE) is not None


def test_kpp() -> None:
    assert ids.check_kpp("773601001") is None
    assert ids.check_kpp("7736AB001") is None
    assert ids.check_kpp("7736ab001") is not None
    assert ids.check_kpp("77360100") is not None


def test_ogrn_and_ogrnip() -> None:
    assert ids.check_ogrn("1027700132195") is None
    assert ids.check_ogrn("1027700132196") is not None
    assert ids.check_ogrn("304500116000157") is None
    assert ids.check_ogrn("304500116000158") is not None


def test_snils() -> None:
    assert ids.check_snils("112-233-445 95") is None
    assert ids.check_snils("11223344595") is None
    assert ids.check_snils("112-233-445 96") is not None
    assert ids.check_snils("001-001-998 00") is None  # before checks were introduced
    assert ids.format_snils("11223344595") == "112-233-445 95"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_inn_le_generated_from_weights_is_valid(body: str) -> None:
    check = ids._weighted(body, ids._INN10_WEIGHTS)
    inn = body + str(check)
    if inn[:2] != "00":
        assert ids.check_inn(inn) is None


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_snils_generated_is_valid(body: str) -> None:
    number = ids.snils_check_number(body)
    assert ids.check_snils(f"{body}{number:02d}") is None


@pytest.mark.parametrize("bad", ["", "abc", "1234567890123"])
def test_garbage_is_rejected_with_russian_text(bad: str) -> None:
    assert "ИНН" in (ids.check_inn(bad) or "")


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(["77", "16", "50", "99"]))
def test_generated_numbers_pass_their_checks(seed: int, region: str) -> None:
    rng = random.Random(seed)
    inn_le, inn_person = ids.make_inn_le(rng, region), ids.make_inn_person(rng, region)
    ogrn, ogrnip, snils = ids.make_ogrn(rng, region), ids.make_ogrnip(rng, region), ids.make_snils(rng)
    assert ids.check_inn_le(inn_le) is None and inn_le.startswith(region)
    assert ids.check_inn_person(inn_person) is None and inn_person.startswith(region)
    assert ids.check_ogrn(ogrn) is None and len(ogrn) == 13 and ogrn[3:5] == region
    assert ids.check_ogrn(ogrnip) is None and len(ogrnip) == 15 and ogrnip[3:5] == region
    assert ids.check_snils(snils) is None and len(snils) == 11 and int(snils[:9]) > 1001998
    assert ids.check_snils(ids.format_snils(snils)) is None


def test_generated_numbers_follow_the_seed() -> None:
    def draw(seed: int) -> tuple[str, ...]:
        rng = random.Random(seed)
        return (ids.make_inn_le(rng, "77"), ids.make_inn_person(rng, "77"), ids.make_ogrn(rng, "77"),
                ids.make_ogrnip(rng, "77"), ids.make_snils(rng))

    assert draw(5) == draw(5)
    assert draw(5) != draw(6)
