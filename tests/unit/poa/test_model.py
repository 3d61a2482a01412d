"""The model checks its values on construction; the helpers for the later МЧД checks:
identities, covers(), valid_on() in Moscow time, the re-delegation chain."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from edo_app.errors import InputError, PoaError
from edo_app.model.party import PersonName
from edo_app.poa import (
    Entrepreneur,
    Organisation,
    Person,
    Power,
    Powers,
    moscow_zone,
    sample_poa,
)


def test_identities_of_an_employee_poa() -> None:
    poa = sample_poa(0)
    rep = poa.representatives[0]
    assert isinstance(rep, Person)
    identity = poa.representative_identity()
    assert identity.full_name == rep.name.full
    assert identity.inn == rep.inn and len(identity.inn) == 12
    assert identity.snils.isdigit() and len(identity.snils) == 11  # digits, as certificates carry it
    org = poa.principals[0].org  # type: ignore[union-attr]
    assert poa.principal_identity() == (org.inn, org.kpp)


def test_identities_of_an_entrepreneur_and_an_organisation_representative() -> None:
    ip = sample_poa(4, principal="ip", representative="ip")
    principal = ip.principals[0]
    assert isinstance(principal, Entrepreneur)
    assert ip.principal_identity() == (principal.inn, "")
    assert ip.representative_identity().inn == ip.representatives[0].inn
    company = sample_poa(4, representative="ul")
    assert isinstance(company.representatives[0], Organisation)
    with pytest.raises(PoaError):
        company.representative_identity()


def test_covers_codes_mnemonics_and_text() -> None:
    powers = Powers("Подписывать  счета-фактуры и УПД в системе ЭДО",
                    (Power("SAMPLE.001", "Подписание актов сверки", "SAMPLE_SIGN_ACT"),))
    poa = replace(sample_poa(0), powers=powers)
    assert poa.covers("SAMPLE.001") and poa.covers("sample.001") and poa.covers("sample_sign_act")
    assert poa.covers("счета-фактуры и упд")  # words, ignoring case and doubled spaces
    assert poa.covers("актов сверки")
    assert not poa.covers("SAMPLE.00")  # codes match whole, not by prefix
    assert not poa.covers("доверенность на получение ТМЦ")
    assert not poa.covers("  ")


def test_valid_on_compares_whole_days_in_moscow_time() -> None:
    poa = replace(sample_poa(0), issued=date(2025, 3, 1), valid_to=date(2025, 3, 31))
    # 31 March 23:30 Moscow = 20:30 UTC: still valid; 1 April 00:00:01 Moscow = 31 March 21:00:01 UTC: not
    assert poa.valid_on(datetime(2025, 3, 31, 20, 30, tzinfo=UTC))
    assert not poa.valid_on(datetime(2025, 3, 31, 21, 0, 1, tzinfo=UTC))
    # 28 February 21:00 UTC is already 1 March in Moscow
    assert poa.valid_on(datetime(2025, 2, 28, 21, 0, tzinfo=UTC))
    assert not poa.valid_on(datetime(2025, 2, 28, 20, 59, 59, tzinfo=UTC))
    vladivostok = timezone(timedelta(hours=10))
    # the signer's own calendar does not matter: 1 April 06:59 in Vladivostok is 31 March 23:59 in Moscow
    assert poa.valid_on(datetime(2025, 4, 1, 6, 59, tzinfo=vladivostok))
    assert not poa.valid_on(datetime(2025, 4, 1, 7, 0, tzinfo=vladivostok))
    assert poa.valid_on(datetime(2025, 3, 31, 23, 59, 59))  # naive = Moscow local time
    assert not poa.valid_on(datetime(2025, 4, 1, 0, 0))


def test_moscow_is_utc_plus_three() -> None:
    assert datetime(2025, 7, 1, tzinfo=moscow_zone()).utcoffset() == timedelta(hours=3)
    assert datetime(2025, 1, 1, tzinfo=moscow_zone()).utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize(("change", "field"), [
    ({"number": "not-a-guid"}, "number"),
    ({"valid_to": date(2020, 1, 1)}, "valid_to"),
    ({"internal_number": ""}, "internal_number"),
    ({"internal_number": "x" * 51}, "internal_number"),
    ({"redelegation_right": "4"}, "redelegation_right"),
    ({"element_flags": "0000"}, "element_flags"),
    ({"tax_offices": ("77",)}, "tax_offices[0]"),
    ({"representatives": ()}, "representatives"),
    ({"principals": ()}, "principals"),
])
def test_invalid_values_name_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as caught:
        replace(sample_poa(0), **change)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_identifiers_carry_check_digits() -> None:
    name = PersonName("Тестов", "Тест")
    with pytest.raises(InputError, match="контрольное число") as caught:
        Person(name, inn="500865797596")
    assert caught.value.field == "inn"
    with pytest.raises(InputError, match="СНИЛС"):
        Person(name, snils="406-323-194 43")
    with pytest.raises(InputError, match="123-456-789 01"):
        Person(name, snils="40632319442")  # the format needs the dashes
    assert Person(name, snils="406-323-194-42").snils == "406-323-194-42"  # both spellings of the schema
    with pytest.raises(InputError) as bad_kpp:
        Organisation("ООО «Тест»", "5016281941", "0016")
    assert bad_kpp.value.field == "kpp"


def test_principal_person_needs_snils_and_no_position() -> None:
    poa = sample_poa(0, principal="fl")
    person = poa.principals[0]
    assert isinstance(person, Person)
    with pytest.raises(InputError) as caught:
        replace(poa, principals=(replace(person, snils=""),))
    assert caught.value.field == "principals[0].snils"
    with pytest.raises(InputError) as caught:
        replace(poa, principals=(replace(person, position="Директор"),))
    assert caught.value.field == "principals[0].position"


def test_entrepreneur_needs_inn_snils_and_ogrnip() -> None:
    ip = sample_poa(0, principal="ip").principals[0]
    assert isinstance(ip, Entrepreneur)
    with pytest.raises(InputError) as caught:
        replace(ip, ogrnip=ip.ogrnip[:-1] + str((int(ip.ogrnip[-1]) + 1) % 10))
    assert caught.value.field == "ogrnip"
    with pytest.raises(InputError) as caught:
        replace(ip, person=replace(ip.person, snils=""))
    assert caught.value.field == "person.snils"


def test_powers_need_text_or_codes() -> None:
    with pytest.raises(InputError):
        Powers()
    with pytest.raises(InputError) as caught:
        Powers(codes=(Power("SAMPLE.001", "x"), "bad"))  # type: ignore[arg-type]
    assert caught.value.field == "codes[1]"
    with pytest.raises(InputError):
        Power("12345", "too short a code")


def test_revocable_and_redelegation_flags() -> None:
    poa = sample_poa(0)
    assert poa.revocable and poa.redelegation_allowed
    assert poa.chain() == (poa.number,)


def test_moscow_falls_back_to_a_fixed_offset_without_tzdata(monkeypatch: pytest.MonkeyPatch) -> None:
    from zoneinfo import ZoneInfoNotFoundError

    from edo_app.poa import model

    def missing(key: str) -> None:
        raise ZoneInfoNotFoundError(key)

    monkeypatch.setattr(model, "ZoneInfo", missing)
    zone = model.moscow_zone()
    assert datetime(2025, 7, 1, tzinfo=zone).utcoffset() == timedelta(hours=3)
    poa = replace(sample_poa(0), issued=date(2025, 3, 1), valid_to=date(2025, 3, 31))
    assert not poa.valid_on(datetime(2025, 3, 31, 21, 0, tzinfo=UTC))
