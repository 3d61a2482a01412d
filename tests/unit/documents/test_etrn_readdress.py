"""ЭТрН title 03 (ON_TRNPEREADR): the carrier's readdressing, built on its title 02.

Exact round trip, the model's checks (dates in order, the new consignee's address, the signer),
the reader's refusals by XPath, the registry's identify/summary, `edo sample etrn --title 3` and
the print mark in section 9.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from edo_app.cli import main
from edo_app.documents import (
    EtrnReaddress,
    EtrnReply,
    EtrnSigner,
    etrn_any_from_xml,
    etrn_to_xml,
    identify,
    readdress_for,
    sample_etrn,
    sample_etrn_readdress,
    sample_etrn_title,
    summarize,
)
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import PersonName
from edo_app.printing.etrn import print_etrn
from edo_app.services.etrn_cards import etrn_card_view
from edo_app.xmlio import parse_bytes
from tests.unit.printing.pdfcheck import text_of

CONTENT = "Файл/Документ/СодИнфПА"


@pytest.mark.parametrize("seed", range(4))
def test_title_03_round_trips_exactly(seed: int) -> None:
    doc = sample_etrn_readdress(seed)
    data = etrn_to_xml(doc)
    back = etrn_any_from_xml(data)
    assert back == doc
    assert etrn_to_xml(back) == data
    assert (doc.new_consignee is not None) == bool(seed % 2)


def test_title_03_names_the_carriers_title_02() -> None:
    doc = sample_etrn_readdress(1)
    accepted = sample_etrn_title("2", 1)
    assert isinstance(accepted, EtrnReply)
    assert (doc.answers.file_id, doc.uid, doc.file_id.sender) == (str(accepted.file_id), accepted.uid,
                                                                  accepted.file_id.sender)
    with pytest.raises(InputError, match="титула 02"):
        readdress_for(doc.answers, sample_etrn(seed=1).file_id, uid=doc.uid, created=doc.created,
                      guid=doc.file_id.guid, signer=doc.signer, readdressed=doc.readdressed, basis=doc.basis,
                      new_place=doc.new_place, new_unloading=doc.new_unloading)


@pytest.mark.parametrize(("change", "field", "message"), [
    (lambda d: {"readdressed": d.readdressed + timedelta(days=3)}, "readdressed", "позже формирования"),
    (lambda d: {"readdressed": d.readdressed - timedelta(days=5)}, "readdressed", "раньше приёма"),
    (lambda d: {"new_unloading": d.readdressed - timedelta(hours=1)}, "new_unloading", "раньше переадресовки"),
    (lambda d: {"new_unloading": d.new_unloading.replace(tzinfo=None)}, "new_unloading", "часовым поясом"),
    (lambda d: {"new_consignee": replace(d.new_consignee, member=replace(d.new_consignee.member, address=None))},
     "new_consignee.address", "адрес"),
    (lambda d: {"delivery": "x" * 51}, "delivery", "50"),
    (lambda d: {"signer": EtrnSigner(PersonName("Титов", "Олег"), "Диспетчер", "6")}, "signer.status", "1 или 3"),
])
def test_the_model_checks_title_03(change: Any, field: str, message: str) -> None:
    doc = sample_etrn_readdress(1)
    with pytest.raises(InputError, match=message) as caught:
        replace(doc, **change(doc))
    assert caught.value.field == field


@pytest.mark.parametrize(("old", "new", "where"), [
    ("<ОснПА ", '<ИспрТрН НомерИспр="1" ДатаИспр="01.01.2025"/><ОснПА ', f"{CONTENT}/ИспрТрН"),
    ('ВидДост="', 'ЭПУвПА="MII" ВидДост="', f"{CONTENT}/@ЭПУвПА"),
    ('НалКоорТочВрВгрПА="1"', 'НалКоорТочВрВгрПА="0"', f"{CONTENT}/НовПунктВыгр/@НалКоорТочВрВгрПА"),
    ("<АдрВыгруз>", "<АдрВыгруз><ГЛН>1</ГЛН>", f"{CONTENT}/НовПунктВыгр/АдрВыгруз"),
    ('ДатаИнфПА="', 'ДатаИнфПА="x', "Файл/Документ/@ДатаИнфПА"),
])
def test_the_reader_refuses_what_the_model_does_not_hold_naming_the_xpath(old: str, new: str, where: str) -> None:
    text = etrn_to_xml(sample_etrn_readdress(1)).decode("cp1251")
    assert old in text
    with pytest.raises(InputError) as caught:
        etrn_any_from_xml(text.replace(old, new, 1).encode("cp1251"))
    assert caught.value.field == where


def test_registry_identifies_and_summarizes_title_03() -> None:
    doc = sample_etrn_readdress(2)
    tree = parse_bytes(etrn_to_xml(doc))
    assert identify(tree) == (DocumentKind.ETRN, "5.01", "1110343")
    assert (summarize(tree).function, summarize(tree).doc_date) == ("титул 03", doc.created.date())


def test_sample_title_3_writes_one_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "etrn", "--title", "3", "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    assert capsys.readouterr().out.strip() == str(written)
    doc = etrn_any_from_xml(written.read_bytes())
    assert isinstance(doc, EtrnReaddress) and written.name == doc.file_name
    assert main(["validate", str(written)]) == 0


def test_the_print_form_marks_the_readdressing() -> None:
    doc = sample_etrn_readdress(1)
    assert doc.new_consignee is not None
    text = text_of(print_etrn(sample_etrn(seed=1), changes=[doc]))
    assert "Переадресовано" in text and doc.basis.number in text and doc.new_consignee.name in text
    assert "Новый пункт выгрузки" not in text_of(print_etrn(sample_etrn(seed=1)))


def test_the_document_card_shows_the_readdressing() -> None:
    doc = sample_etrn_readdress(1)
    assert doc.new_consignee is not None
    fields = dict(etrn_card_view(etrn_to_xml(doc)).fields)
    assert (fields["Титул"], fields["УИД ТрН"]) == ("03: перевозчик", doc.uid)
    assert doc.new_place.line in fields["Новый пункт выгрузки"]
    assert doc.new_consignee.inn in fields["Новый грузополучатель"]
