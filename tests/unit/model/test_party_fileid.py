from __future__ import annotations

from datetime import date

import pytest

from edo_app.errors import InputError
from edo_app.model.fileid import SUFFIX_503, FileId
from edo_app.model.party import Party, PersonName


def test_organisation_needs_valid_kpp() -> None:
    party = Party("ООО «Ромашка»", "7707083893", "773601001", "1027700132195")
    assert party.is_organisation
    with pytest.raises(InputError) as err:
        Party("ООО «Ромашка»", "7707083893")
    assert err.value.field == "kpp"
    with pytest.raises(InputError) as err:
        Party("ООО «Ромашка»", "7707083894", "773601001")
    assert err.value.field == "inn"


def test_entrepreneur() -> None:
    ip = Party("ИП Тестов Т.Т.", "500100732259", ogrn="304500116000157", person=PersonName("Тестов", "Тест"))
    assert ip.is_entrepreneur and not ip.is_organisation
    with pytest.raises(InputError):
        Party("ИП Тестов", "500100732259", kpp="773601001")


def test_file_id_round_trip() -> None:
    fid = FileId.new("ON_NSCHFDOPPR", "2BE-RECIPIENT", "2BE-SENDER", date(2026, 11, 23), SUFFIX_503)
    text = str(fid)
    assert text.startswith("ON_NSCHFDOPPR_2BE-RECIPIENT_2BE-SENDER_20261123_")
    assert text.endswith("_0_0_0_0_0_00")
    assert FileId.parse(text + ".xml") == fid


def test_file_id_rejects_bad_names() -> None:
    with pytest.raises(InputError):
        FileId.parse("hello.xml")
    with pytest.raises(InputError):
        FileId.parse("ON_NSCHFDOPPR_A_B_20261340_123e4567-e89b-12d3-a456-426614174000")
    with pytest.raises(InputError) as err:
        FileId.new("ON_NSCHFDOPPR", "bad_id", "B", date(2026, 1, 1))
    assert err.value.field == "recipient"
