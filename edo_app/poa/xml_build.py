"""PowerOfAttorney → EMCHD_1 XML (UTF-8). Element and attribute order follow the schema,
so the same object always gives the same bytes (the parser relies on it for round trips)."""

from __future__ import annotations

from datetime import date

from lxml import etree

from edo_app.xmlio import to_bytes

from .model import FORMAT_VERSION, NAMESPACE, ParentRef, PowerOfAttorney, Powers
from .parties import Entrepreneur, LegalEntity, Organisation, Person, Principal

_NS = f"{{{NAMESPACE}}}"
PRINCIPAL_TYPE = {LegalEntity: "1", Entrepreneur: "3", Person: "4"}  # ТипДоверит (2 — иностранное ЮЛ)
REPRESENTATIVE_TYPE = {Organisation: "1", Entrepreneur: "2", Person: "3"}  # ТипПред / ТипПерПолн


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def _add(parent: etree._Element, tag: str, *attrs: tuple[str, str], text: str = "") -> etree._Element:
    """A child in the МЧД namespace; attributes with empty values are left out."""
    node = etree.SubElement(parent, _NS + tag)
    for name, value in attrs:
        if value:
            node.set(name, value)
    if text:
        node.text = text
    return node


def file_name(poa: PowerOfAttorney) -> str:
    """The file name: @ИдФайл plus .xml."""
    return f"{poa.file_id}.xml"


def poa_to_xml(poa: PowerOfAttorney) -> bytes:
    root = etree.Element(_NS + "Доверенность", nsmap={None: NAMESPACE})  # type: ignore[dict-item]  # lxml takes None as the default prefix
    for name, value in (("ВерсФорм", FORMAT_VERSION), ("ПрЭлФорм", poa.element_flags), ("ИдФайл", poa.file_id),
                        ("ИдФайлНО", poa.tax_file_id), ("OID", poa.oid)):
        if value:
            root.set(name, value)
    if poa.other_info:
        _add(root, "ИнСвед", text=poa.other_info)
    document = _add(root, "Документ", ("КНД", poa.knd))
    if poa.redelegation is None:
        _direct(_add(document, "Довер"), poa)
    else:
        _redelegated(document, poa)
    return to_bytes(root, "UTF-8")


def _direct(body: etree._Element, poa: PowerOfAttorney) -> None:
    _poa_info(body, "СвДов", poa)
    for who in poa.principals:
        holder = _add(body, "СвДоверит", ("ТипДоверит", PRINCIPAL_TYPE[type(who)]))
        _party(_add(holder, "Доверит"), who, ("РосОргДовер", "ИПДовер", "ФЛДовер"))
    for rep in poa.representatives:
        _representative(body, "СвУпПред", rep)
    _powers(body, poa.powers)


def _redelegated(document: etree._Element, poa: PowerOfAttorney) -> None:
    assert poa.redelegation is not None
    via = poa.redelegation.via
    body = _add(document, "Передов", ("ПрНалПередов", "1" if via is not None else "0"))
    _parent(body, "СвПервДовер", poa.redelegation.original, "Перв")
    if via is not None:
        _parent(body, "СвПередов", via, "N")
    _poa_info(body, "СвПереДовер", poa)
    for who in poa.principals:
        kind = "3" if isinstance(who, Person) else "1" if isinstance(who, LegalEntity) else "2"
        holder = _add(body, "СвПередПолн", ("ТипПерПолн", kind))
        _party(_add(holder, "ПередПолн"), who, ("РосОргПерПолн", "ИППерПолн", "ФЛПерПолн"))
    for rep in poa.representatives:
        _representative(body, "СвПолучПолн", rep)
    _powers(body, poa.powers)


def _party(parent: etree._Element, who: Principal, tags: tuple[str, str, str]) -> None:
    """A principal or grantor under ``parent``; ``tags`` name its ЮЛ, ИП and ФЛ elements."""
    organisation, entrepreneur, person = tags
    if isinstance(who, LegalEntity):
        _legal_entity(parent, organisation, who)
    elif isinstance(who, Entrepreneur):
        _entrepreneur(parent, entrepreneur, who)
    else:
        _person_principal(parent, person, who)


def _poa_info(parent: etree._Element, tag: str, poa: PowerOfAttorney) -> None:
    info = _add(parent, tag, ("ВидДовер", "1" if poa.irrevocable is None else "2"),
                ("ПрПередов", poa.redelegation_right), ("ВнНомДовер", poa.internal_number), ("НомДовер", poa.number),
                ("ДопИдДовер", poa.extra_id), ("ДатаВнРегДовер", _day(poa.registered)),
                ("ДатаВыдДовер", _day(poa.issued)), ("СрокДейст", _day(poa.valid_to)), ("КодНО", poa.tax_office))
    for code in poa.tax_offices:
        _add(info, "КодНОДейст", text=code)
    _add(info, "СведСист", text=poa.system)
    if poa.irrevocable is not None:
        block = _add(info, "Безотзыв", ("ПрПерБезДов", poa.irrevocable.redelegation),
                     ("УслОтзыва", poa.irrevocable.revocation))
        if poa.irrevocable.condition:
            _add(block, "ОписУслОт", text=poa.irrevocable.condition)


def _parent(parent: etree._Element, tag: str, ref: ParentRef, suffix: str) -> None:
    node = _add(parent, tag, ("ПрДовер", ref.sign), ("ФормДовер", ref.form), ("ДатаВыдДовер", _day(ref.issued)),
                ("СрокДейст", _day(ref.valid_to)), (f"ВнНомДовер{suffix}", ref.internal_number),
                (f"НомДовер{suffix}", ref.number))
    for who in ref.principals:
        kind = "1" if isinstance(who, Organisation) else "3" if isinstance(who, Entrepreneur) else "4"
        principal = _add(_add(node, "СвДоверПерв", ("ТипДоверит", kind)), "ДоверитПерв")
        if isinstance(who, Organisation):
            _organisation(principal, "РосОргДовер", who)
        elif isinstance(who, Entrepreneur):
            _entrepreneur(principal, "ИПДовер", who)
        else:
            _person_principal(principal, "ФЛДовер", who)


def _representative(parent: etree._Element, tag: str, rep: Organisation | Entrepreneur | Person) -> None:
    body = _add(_add(parent, tag, ("ТипПред", REPRESENTATIVE_TYPE[type(rep)])), "Пред")
    if isinstance(rep, Organisation):
        _organisation(body, "СведОрг", rep)
    elif isinstance(rep, Entrepreneur):
        _entrepreneur(body, "СведИП", rep)
    else:
        _person(body, "СведФизЛ", rep)


def _powers(parent: etree._Element, powers: Powers) -> None:
    node = _add(parent, "СвПолн", ("ТипПолн", powers.kind), ("ПрСовмПолн", powers.joint),
                ("ПрУтрПолн", powers.loss_on_redelegation))
    if powers.text:
        _add(node, "ТекстПолн", text=powers.text)
    for power in powers.codes:
        _add(node, "МашПолн", ("МнПолн", power.mnemonic), ("КодПолн", power.code), ("НаимПолн", power.name))


def _organisation(parent: etree._Element, tag: str, org: Organisation) -> None:
    _add(parent, tag, ("НаимОрг", org.name), ("ИННЮЛ", org.inn), ("КПП", org.kpp), ("ОГРН", org.ogrn))


def _legal_entity(parent: etree._Element, tag: str, who: LegalEntity) -> None:
    node = _add(parent, tag, ("ЕИОУК", "0"), ("ЕИОФЛ", "1"), ("ЕИОИП", "0"))
    _organisation(node, "СвРосОрг", who.org)
    for head in who.heads:
        _person(_add(node, "ЛицоБезДов", ("ПолнЮЛ", who.head_authority)), "СвФЛ", head)


def _entrepreneur(parent: etree._Element, tag: str, who: Entrepreneur) -> None:
    node = _add(parent, tag, ("НаимИП", who.title), ("ОГРНИП", who.ogrnip), ("ИННФЛ", who.person.inn),
                ("СНИЛС", who.person.snils))
    _person_details(node, who.person)


def _person(parent: etree._Element, tag: str, person: Person) -> None:
    """СвФЛТип: a representative or a head acting without a power of attorney."""
    node = _add(parent, tag, ("ИННФЛ", person.inn), ("СНИЛС", person.snils), ("Должность", person.position))
    _person_details(node, person)


def _person_principal(parent: etree._Element, tag: str, person: Person) -> None:
    """ФЛДоверТип / ФЛПерПолн: a person who gives or passes on the powers."""
    node = _add(parent, tag, ("ИННФЛ", person.inn), ("СНИЛС", person.snils))
    _person_details(node, person)


def _person_details(parent: etree._Element, person: Person) -> None:
    details = _add(parent, "СведФЛ", ("ДатаРожд", _day(person.birth_date)))
    _add(details, "ФИО", ("Фамилия", person.name.last), ("Имя", person.name.first), ("Отчество", person.name.middle))
    doc = person.id_doc
    if doc is not None:
        _add(details, "УдЛичнФЛ", ("КодВидДок", doc.kind), ("СерНомДок", doc.series_number),
             ("ДатаДок", _day(doc.issued)), ("ВыдДок", doc.issuer), ("КодВыдДок", doc.issuer_code))
