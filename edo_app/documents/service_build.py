"""Service documents → XML bytes (windows-1251), element by element in schema order.

Output is a pure function of the dataclass, so the same document always gives the same bytes.
"""

from __future__ import annotations

from lxml import etree

from edo_app.model.party import Party
from edo_app.xmlio import to_bytes

from .service_model import (
    AnnulmentProposal,
    ClarificationRequest,
    OperatorConfirmation,
    ReceiptNotice,
    ServiceDocument,
    ServiceFormat,
)
from .service_types import EdoOperator, EdoParticipant, ForeignMember, ReferencedFile, ServiceSigner
from .upd_types import format_date, format_time
from .upd_xml import Element, opt_date, sub, write_fio


def service_to_xml(doc: ServiceDocument) -> bytes:
    """The exchange file; save it as ``doc.file_name``."""
    return to_bytes(service_tree(doc))


def service_tree(doc: ServiceDocument) -> Element:
    root, body = _root(doc)
    if isinstance(doc, ReceiptNotice):
        _write_notice(body, doc)
    elif isinstance(doc, OperatorConfirmation):
        _write_confirmation(body, doc)
    elif isinstance(doc, ClarificationRequest):
        _write_clarification(body, doc)
    else:
        _write_annulment(body, doc)
    return root


def _root(doc: ServiceDocument) -> tuple[Element, Element]:
    fmt: ServiceFormat = doc.format
    root = etree.Element("Файл")
    root.set("ИдФайл", str(doc.file_id))
    root.set("ВерсПрог", doc.program)
    root.set("ВерсФорм", fmt.version)
    return root, sub(root, "Документ", {"КНД": fmt.knd})


def _write_notice(body: Element, doc: ReceiptNotice) -> None:
    write_member(body, "УчастЭДО", doc.author)
    info = sub(body, "СвИзвПолуч", {"ДатаПол": format_date(doc.received_at), "ВремяПол": format_time(doc.received_at)})
    _write_file(info, "СведПолФайл", "ИмяПолФайла", "ЭППолФайл", doc.received)
    write_member(body, "ОтпрДок", doc.sender)
    _write_full_signer(body, doc.signer, "ИдСистХран", "СвДовер")


def _write_confirmation(body: Element, doc: OperatorConfirmation) -> None:
    write_operator(body, doc.operator)
    if doc.kind == "ПДО":
        names = ("ДатаОтпр", "ВремяОтпр", "СведОтпрФайл", "ИмяОтпрФайла", "ЭПОтпрФайл")
    else:
        names = ("ДатаПол", "ВремяПол", "СведПолФайл", "ИмяПолФайла", "ЭППолФайл")
    info = sub(body, "СведПодтв", {names[0]: format_date(doc.at), names[1]: format_time(doc.at)})
    _write_file(info, names[2], names[3], names[4], doc.document)
    write_member(body, "СвОтпрДок", doc.sender)
    write_member(body, "СвПолДок", doc.recipient)
    _write_plain_signer(body, doc.signer)


def _write_clarification(body: Element, doc: ClarificationRequest) -> None:
    write_member(body, "УчастЭДО", doc.author)
    info = sub(body, "СвУведУточ", {"ДатаПол": format_date(doc.received_at),
                                    "ВремяПол": format_time(doc.received_at)})
    _write_file(info, "СведПолФайл", "ИмяПолФайла", "ЭППолФайл", doc.received)
    sub(info, "ТекстУведУточ", text=doc.text)
    write_member(body, "ОтпрДок", doc.sender)
    _write_full_signer(body, doc.signer, "СвСистХран", "СвИдДовер")


def _write_annulment(body: Element, doc: AnnulmentProposal) -> None:
    write_member(body, "УчастЭДО", doc.author)
    info = sub(body, "СвПредАн")
    _write_file(info, "СведАнФайл", "ИмяАнФайла", "ЭЦПАнФайл", doc.annulled)
    sub(info, "ТекстПредАн", text=doc.reason)
    write_member(body, "НапрПредАн", doc.recipient)
    _write_plain_signer(body, doc.signer)


def _write_file(parent: Element, tag: str, name_attr: str, sig_tag: str, ref: ReferencedFile) -> None:
    el = sub(parent, tag, {name_attr: ref.name})
    for sig in ref.signatures:
        sub(el, sig_tag, text=sig)


def write_operator(parent: Element, op: EdoOperator) -> None:
    sub(parent, "ОперЭДО", {"НаимОрг": op.name, "ИННЮЛ": op.inn, "ИдОперЭДО": op.operator_id})


def write_member(parent: Element, tag: str, member: EdoParticipant) -> None:
    el = sub(parent, tag, {"ИдУчастЭДО": member.edo_id})
    party = member.party
    if isinstance(party, EdoOperator):
        write_operator(el, party)
    elif isinstance(party, ForeignMember):
        sub(el, "СвИнУчастНеУч", {"ИдСтат": party.status, "СтрРег": party.country_code, "Наим": party.name,
                                  "КодНПРег": party.tax_code, "ИныеСвед": party.other})
    else:
        _write_party(el, party, member.entrepreneur)


def _write_party(el: Element, party: Party, entrepreneur: bool) -> None:
    if party.is_organisation:
        sub(el, "ЮЛ", {"НаимОрг": party.name, "ИННЮЛ": party.inn, "КПП": party.kpp})
        return
    assert party.person is not None  # EdoParticipant guarantees the ФИО of a person
    write_fio(sub(el, "ИП" if entrepreneur else "ФЛ", {"ИННФЛ": party.inn}), party.person)


def _write_full_signer(body: Element, signer: ServiceSigner, system_attr: str, principal_attr: str) -> None:
    """ИОП / УОУ Подписант; the two formats name two attributes differently."""
    el = sub(body, "Подписант", {"СтатПодп": signer.status, "ТипПодпис": signer.signature_type,
                                 "Должн": signer.position})
    write_fio(el, signer.name)
    if signer.poa is not None:
        poa = signer.poa
        sub(el, "СвДоверЭл", {"НомДовер": poa.number, "ДатаВыдДовер": format_date(poa.issued),
                              "ВнНомДовер": poa.internal_number, "ДатаВнРегДовер": opt_date(poa.registered),
                              "СпособПредставл": poa.method, system_attr: poa.system_id})
    if signer.paper_poa is not None:
        paper = signer.paper_poa
        paper_el = sub(el, "СвДоверБум", {"ДатаДовер": format_date(paper.issued),
                                          "ВнНомДовер": paper.internal_number, principal_attr: paper.principal})
        if paper.signed_by is not None:
            write_fio(paper_el, paper.signed_by)


def _write_plain_signer(body: Element, signer: ServiceSigner | None) -> None:
    """ПДП / ПДО / ПоА Подписант: ФИО and Должность only."""
    if signer is not None:
        write_fio(sub(body, "Подписант", {"Должность": signer.position}), signer.name)
