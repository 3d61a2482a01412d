"""from_xml refuses what it cannot hold, naming the XPath."""

from __future__ import annotations

import pytest

from edo_app.documents import (
    buyer_from_xml,
    buyer_title_for,
    dropped_parts,
    from_xml,
    sample_buyer_title,
    sample_upd,
    to_xml,
)
from edo_app.documents.upd_types import PersonName, Signer
from edo_app.errors import InputError, XmlInputError

from .conftest import CREATED, GUID


def _edit(data: bytes, old: str, new: str) -> bytes:
    text = data.decode("cp1251")
    assert old in text
    return text.replace(old, new, 1).encode("cp1251")


def test_missing_attribute_names_its_xpath() -> None:
    data = _edit(to_xml(sample_upd()), ' НомерДок="УПД-00001"', "")
    with pytest.raises(InputError) as info:
        from_xml(data)
    assert info.value.field == "Файл/Документ/СвСчФакт/@НомерДок"


def test_totals_that_disagree_with_lines_are_refused() -> None:
    doc = sample_upd(lines=2)
    written = f'СтТовУчНалВсего="{doc.totals.with_vat:.2f}"'
    with pytest.raises(InputError) as info:
        from_xml(_edit(to_xml(doc), written, 'СтТовУчНалВсего="1.00"'))
    assert info.value.field == "Файл/Документ/ТаблСчФакт/ВсегоОпл"


def test_bad_values_inside_lines() -> None:
    doc = sample_upd(lines=2)
    with pytest.raises(InputError) as info:
        from_xml(_edit(to_xml(doc), 'НалСт="', 'НалСт="19%" X="'))
    assert info.value.field == "Файл/Документ/ТаблСчФакт/СведТов[1]/@НалСт"


def test_wrong_version_and_kind() -> None:
    data = to_xml(sample_upd())
    with pytest.raises(InputError):
        from_xml(_edit(data, 'ВерсФорм="5.03"', 'ВерсФорм="5.02"'))
    with pytest.raises(InputError):
        from_xml(_edit(data, 'КНД="1115131"', 'КНД="1175010"'))
    with pytest.raises(XmlInputError):
        from_xml(b"not xml")


def test_buyer_title_needs_a_base64_signature() -> None:
    with pytest.raises(InputError) as info:
        buyer_title_for(to_xml(sample_upd()), "не base64!", created=CREATED, guid=GUID,
                        signer=Signer(PersonName("Орлов", "Пётр")))
    assert info.value.field is not None and "signatures" in info.value.field


def test_no_buyer_title_for_an_invoice() -> None:
    with pytest.raises(InputError) as info:
        sample_buyer_title(sample_upd("СЧФ", 1))
    assert info.value.field == "function"


def test_refusal_has_no_operation_text() -> None:
    doc = sample_buyer_title(accept=False)
    assert doc.operation == ""
    assert " СодОпер=" not in to_xml(doc).decode("cp1251")
    assert buyer_from_xml(to_xml(doc)).result == "3"


def test_dropped_parts_names_what_the_model_does_not_hold() -> None:
    data = to_xml(sample_upd())
    assert dropped_parts(data) == []
    extra = _edit(data, "</СвПрод>", '<Контакт><Тлф>+7 000</Тлф></Контакт></СвПрод>')
    extra = _edit(extra, '<ДенИзм ', '<ДенИзм КурсВал="1" ')
    assert from_xml(extra) == from_xml(data)
    assert dropped_parts(extra) == ["Файл/Документ/СвСчФакт/ДенИзм/@КурсВал",
                                    "Файл/Документ/СвСчФакт/СвПрод/Контакт",
                                    "Файл/Документ/СвСчФакт/СвПрод/Контакт/Тлф"]
