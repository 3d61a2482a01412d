"""identify/summarize: the official 5.01/5.02 samples (read in place from ../shared), our own
5.03 files, other kinds and arbitrary XML."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from edo_app.documents import identify, sample_buyer_title, sample_upd, summarize, to_xml
from edo_app.model.kinds import DocumentKind
from edo_app.model.summary import PartyRef
from edo_app.xmlio import parse_bytes
from tests.oracles import FNS_XSD, require

SAMPLES_501 = FNS_XSD / "upd-5.01" / "samples"
SAMPLES_502 = FNS_XSD / "upd-5.02" / "samples"


def _tree(path: object) -> object:
    return parse_bytes(require(path).read_bytes())  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["generate_utd820_05_01_02_hyphen_title0_resp.xml",
                                  "generate_utd820_05_01_02_hyphen_title1_resp.xml"])
def test_upd_501_seller_samples(name: str) -> None:
    tree = _tree(SAMPLES_501 / name)
    assert identify(tree) == (DocumentKind.UPD_SELLER, "5.01", "1115131")  # type: ignore[arg-type]
    s = summarize(tree)  # type: ignore[arg-type]
    assert (s.function, s.number, s.doc_date, s.currency) == ("СЧФДОП", "123", date(2019, 8, 1), "643")
    assert s.seller == PartyRef("ИП Продавец Иван Иванович", "114500647890")
    assert s.buyer is not None and (s.buyer.inn, s.buyer.kpp) == ("9147414342", "757645784")
    assert (s.total, s.vat) == (Decimal("0.00"), Decimal("0.00"))
    assert s.file_id.startswith("ON_NSCHFDOPPR")


def test_upd_502_seller_sample() -> None:
    s = summarize(_tree(SAMPLES_502 / "generate_utd970_05_02_01_title0_resp.xml"))  # type: ignore[arg-type]
    assert (s.kind, s.format_version, s.function) == (DocumentKind.UPD_SELLER, "5.02", "СЧФДОП")
    assert (s.number, s.doc_date) == ("123", date(2023, 2, 1))
    assert s.seller == PartyRef("СвЮЛУч-НаимОрг", "9103624367", "187245452")
    assert s.buyer == PartyRef("СвЮЛУч-НаимОрг", "1234567894", "667301001")
    assert (s.total, s.vat, s.currency) == (Decimal("10000.00"), Decimal("456.00"), "643")


def test_upd_502_buyer_sample() -> None:
    s = summarize(_tree(SAMPLES_502 / "generate_utd970_05_02_01_title1_resp.xml"))  # type: ignore[arg-type]
    assert (s.kind, s.knd, s.function, s.number) == (DocumentKind.UPD_BUYER, "1115132", "СЧФДОП", "444")
    assert s.doc_date == date(2003, 2, 1)


def test_own_503_titles() -> None:
    doc = sample_upd(lines=5, seed=1)
    s = summarize(parse_bytes(to_xml(doc)))
    assert (s.kind, s.format_version, s.number, s.doc_date) == (DocumentKind.UPD_SELLER, "5.03", doc.number,
                                                                doc.doc_date)
    assert s.total == doc.totals.with_vat and s.vat == doc.totals.vat
    assert s.seller is not None and s.seller.inn == doc.seller.party.inn  # type: ignore[union-attr]
    b = summarize(parse_bytes(to_xml(sample_buyer_title(doc))))
    assert (b.kind, b.number) == (DocumentKind.UPD_BUYER, doc.number)


@pytest.mark.parametrize(("xml", "kind"), [
    ('<Файл ИдФайл="DP_IZVPOL_1_2_3" ВерсФорм="1.03"><Документ КНД="1115110"/></Файл>', DocumentKind.SERVICE),
    ('<Файл ИдФайл="ON_TRNACLGROT_1_2_3" ВерсФорм="5.01"><Документ КНД="1110339"/></Файл>', DocumentKind.ETRN),
    ('<Файл ИдФайл="DP_TOVTORGPR_1_2" ВерсФорм="5.01"><Документ/></Файл>', DocumentKind.TORG12_SELLER),
    ('<Файл ИдФайл="ON_NSCHFDOPPOK_1_2" ВерсФорм="5.03"/>', DocumentKind.UPD_BUYER),
    ('<Доверенность xmlns="urn://x-artefacts/EMCHD_1"/>', DocumentKind.POA),
    ("<a><b/></a>", DocumentKind.UNKNOWN),
    ('<Файл ВерсФорм="9.99"><Документ КНД="0000000"/></Файл>', DocumentKind.UNKNOWN),
])
def test_other_kinds_never_crash(xml: str, kind: DocumentKind) -> None:
    tree = parse_bytes(xml.encode())
    assert identify(tree)[0] is kind
    assert summarize(tree).kind is kind


def test_damaged_upd_is_summarized_best_effort() -> None:
    xml = ('<Файл ИдФайл="X" ВерсФорм="5.03"><Документ КНД="1115131" Функция="СЧФ"><СвСчФакт НомерДок="7" '
           'ДатаДок="31.02.2025"/><ТаблСчФакт><ВсегоОпл СтТовУчНалВсего="abc"/></ТаблСчФакт></Документ></Файл>')
    s = summarize(parse_bytes(xml.encode()))
    assert (s.kind, s.number, s.doc_date, s.total, s.seller) == (DocumentKind.UPD_SELLER, "7", None, None, None)
