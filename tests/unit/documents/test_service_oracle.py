"""Every service document the builders make is valid against its official XSD (../shared) and
passes the official rules embedded in it, run by edo_app.schemas.rules."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from edo_app.documents import ClarificationRequest, OperatorConfirmation, sample_service, service_to_xml
from edo_app.schemas.rules import RuleSet
from edo_app.xmlio import parse_bytes
from tests.oracles import PROJECT

from .test_service_data import FOREIGN_LE, KINDS, assert_official, bare, rich, rules, schema

pytestmark = pytest.mark.oracle


@pytest.mark.parametrize("kind", KINDS)
def test_rich_and_bare_documents_are_valid(kind: str) -> None:
    for doc in (rich(kind), bare(kind)):
        assert_official(doc, service_to_xml(doc))


@pytest.mark.parametrize("kind", KINDS)
def test_samples_are_valid(kind: str) -> None:
    for seed in range(6):  # seeds cover organisations, an ИП and МЧД signers
        doc = sample_service(kind, seed)
        assert_official(doc, service_to_xml(doc))


def test_longest_clarification_is_valid() -> None:
    doc = rich("УОУ")
    assert isinstance(doc, ClarificationRequest)
    doc = replace(doc, text=("Уточнение <№1> & «кавычки» " * 1000)[:20_000])
    assert_official(doc, service_to_xml(doc))


def _failing_paths(kind: str, data: bytes, file_name: str) -> list[str]:
    return [i.xpath for i in rules(kind).check(parse_bytes(data), file_name)]


@pytest.mark.parametrize("kind", KINDS[:4])
def test_file_name_rule_fires(kind: str) -> None:
    doc = bare(kind)
    assert _failing_paths(kind, service_to_xml(doc), "other.xml") == ["/Файл/@ИдФайл"]


def test_official_slip_refuses_a_foreign_organisation_named_only_by_other_details() -> None:
    """Why ForeignMember requires a name: the ИОП rule meant to accept «ИныеСвед» of a foreign
    organisation tests @ИныеСвед of УчастЭДО (which never exists), so without Наим and
    КодНПРег the official rules refuse the document whatever it carries."""
    doc = rich("ИОП")
    root = etree.fromstring(service_to_xml(doc))
    foreign = root.find("Документ/УчастЭДО/СвИнУчастНеУч")
    assert foreign is not None and foreign.get("ИныеСвед")
    del foreign.attrib["Наим"], foreign.attrib["КодНПРег"]
    data = etree.tostring(root, encoding="windows-1251", xml_declaration=True)
    assert isinstance(data, bytes)
    assert schema("ИОП").validate(etree.fromstring(data))  # the XSD accepts it
    assert _failing_paths("ИОП", data, doc.file_name) == ["/Файл/Документ/УчастЭДО/СвИнУчастНеУч/@ИныеСвед"]



def test_official_slip_in_operator_confirmations_needs_the_name_too() -> None:
    """ПДП/ПДО rules for СвПолДок name an attribute that does not exist (@РегНомер) and then
    test @ИныеСвед of СвПолДок itself: a foreign organisation without Наим always fails."""
    doc = rich("ПДП")
    assert isinstance(doc, OperatorConfirmation)
    doc = replace(doc, recipient=FOREIGN_LE)
    assert_official(doc, service_to_xml(doc))
    root = etree.fromstring(service_to_xml(doc))
    foreign = root.find("Документ/СвПолДок/СвИнУчастНеУч")
    assert foreign is not None
    del foreign.attrib["Наим"]
    data = etree.tostring(root, encoding="windows-1251", xml_declaration=True)
    assert isinstance(data, bytes)
    assert schema("ПДП").validate(etree.fromstring(data))
    assert _failing_paths("ПДП", data, doc.file_name) == ["/Файл/Документ/СвПолДок/СвИнУчастНеУч/@ИныеСвед"]


OWN_XSD = {"ИОП": "izvpol-1.03", "ПДО": "pdotpr-1.03", "ПДП": "pdpol-1.03", "УОУ": "uvutoch-1.03",
           "ПоА": "prannul-1.02"}


@pytest.mark.parametrize("kind", KINDS)
def test_documents_are_valid_against_the_projects_own_schemas(kind: str) -> None:
    """The project's own xsd/service/*.xsd state the same format: what we build passes them too."""
    path = PROJECT / "xsd" / "service" / f"{OWN_XSD[kind]}.xsd"
    if not path.exists():
        pytest.skip(f"{path} is not written yet")
    xsd = etree.parse(str(path))
    own, own_rules = etree.XMLSchema(xsd), RuleSet.from_xsd(xsd)
    for doc in (rich(kind), bare(kind), *(sample_service(kind, seed) for seed in range(4))):
        tree = parse_bytes(service_to_xml(doc))
        assert own.validate(tree), [e.message for e in own.error_log]
        assert own_rules.check(tree, doc.file_name) == []
