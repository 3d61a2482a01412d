"""EMCHD_1 XML → PowerOfAttorney. Untrusted bytes go through edo_app.xmlio.parse_bytes;
anything the model cannot hold is refused by name (see xml_reader)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from edo_app.errors import InputError
from edo_app.model.party import PersonName
from edo_app.xmlio import parse_bytes

from .model import FORMAT_VERSION, NAMESPACE, Irrevocable, ParentRef, Power, PowerOfAttorney, Powers, Redelegation
from .parties import Entrepreneur, IdentityDoc, LegalEntity, Organisation, ParentPrincipal, Person, Principal
from .xml_reader import Node

_ROOT = "/Доверенность"


def poa_from_xml(data: bytes) -> PowerOfAttorney:
    """Read an МЧД; raises XmlInputError (not XML) or InputError naming the XPath."""
    tree = parse_bytes(data, name="МЧД")
    element = tree.getroot()
    if element.tag != f"{{{NAMESPACE}}}Доверенность":
        raise InputError(f"ожидается корневой элемент Доверенность в пространстве имён {NAMESPACE}", _ROOT)
    root = Node(element, _ROOT)
    if root.attr("ВерсФорм", required=True) != FORMAT_VERSION:
        raise InputError(f"поддерживается только версия формата {FORMAT_VERSION}", f"{_ROOT}/@ВерсФорм")
    parts: dict[str, Any] = {
        "element_flags": root.attr("ПрЭлФорм", required=True), "file_id": root.attr("ИдФайл", required=True),
        "tax_file_id": root.attr("ИдФайлНО"), "oid": root.attr("OID"), "other_info": root.text("ИнСвед")}
    parts.update(_document(root.need_child("Документ")))
    root.finish()
    return root.build(lambda: PowerOfAttorney(**parts))


def _document(document: Node) -> dict[str, Any]:
    direct, redelegated = document.child("Довер"), document.child("Передов")
    if direct is not None and redelegated is not None:
        raise InputError("допускается только один из элементов Довер и Передов", document.path)
    if direct is not None:
        parts = _direct(direct)
    elif redelegated is not None:
        parts = _redelegated(redelegated)
    else:
        raise InputError("ожидается элемент Довер или Передов", document.path)
    parts["knd"] = document.attr("КНД")
    document.finish()
    return parts


def _direct(body: Node) -> dict[str, Any]:
    parts = _poa_info(body.need_child("СвДов"))
    parts["principals"] = tuple(_principal(node) for node in body.children("СвДоверит"))
    parts["representatives"] = tuple(_representative(node) for node in body.children("СвУпПред"))
    parts["powers"] = _powers(body.need_child("СвПолн"))
    body.finish()
    return parts


def _redelegated(body: Node) -> dict[str, Any]:
    original = _parent(body.need_child("СвПервДовер"), "Перв")
    via_node = body.child("СвПередов")
    via = _parent(via_node, "N") if via_node is not None else None
    if body.attr("ПрНалПередов", required=True) != ("1" if via is not None else "0"):
        raise InputError("признак должен быть 1 при наличии СвПередов и 0 без него", f"{body.path}/@ПрНалПередов")
    parts = _poa_info(body.need_child("СвПереДовер"))
    parts["redelegation"] = body.build(lambda: Redelegation(original, via))
    parts["principals"] = tuple(_grantor(node) for node in body.children("СвПередПолн"))
    parts["representatives"] = tuple(_representative(node) for node in body.children("СвПолучПолн"))
    parts["powers"] = _powers(body.need_child("СвПолн"))
    body.finish()
    return parts


def _poa_info(node: Node) -> dict[str, Any]:
    kind = node.attr("ВидДовер", required=True)
    block = node.child("Безотзыв")
    if (kind == "2") != (block is not None):
        raise InputError("Безотзыв указывается тогда и только тогда, когда ВидДовер = 2", f"{node.path}/@ВидДовер")
    parts: dict[str, Any] = {
        "redelegation_right": node.attr("ПрПередов", required=True),
        "internal_number": node.attr("ВнНомДовер", required=True), "number": node.attr("НомДовер", required=True),
        "extra_id": node.attr("ДопИдДовер"), "registered": node.day("ДатаВнРегДовер"),
        "issued": node.need_day("ДатаВыдДовер"), "valid_to": node.need_day("СрокДейст"),
        "tax_office": node.attr("КодНО"), "tax_offices": node.texts("КодНОДейст"),
        "system": node.text("СведСист", required=True), "irrevocable": None}
    if block is not None:
        flags = (block.attr("ПрПерБезДов", required=True), block.attr("УслОтзыва", required=True))
        condition = block.text("ОписУслОт")
        block.finish()
        parts["irrevocable"] = block.build(lambda: Irrevocable(*flags, condition))
    node.finish()
    return parts


def _parent(node: Node, suffix: str) -> ParentRef:
    principals = tuple(_parent_principal(item) for item in node.children("СвДоверПерв"))
    values = (node.need_day("ДатаВыдДовер"), node.need_day("СрокДейст"), node.attr(f"НомДовер{suffix}"),
              node.attr(f"ВнНомДовер{suffix}"), principals, node.attr("ПрДовер", required=True),
              node.attr("ФормДовер", required=True))
    node.finish()
    return node.build(lambda: ParentRef(*values))


T = TypeVar("T")
Kinds = Mapping[str, tuple[str, Callable[[Node], T]]]


def _typed_party(holder: Node, attr: str, wrapper_tag: str, kinds: Kinds[T]) -> T:
    """The party the type code on ``holder`` selects: ``kinds`` maps code → (element, reader)."""
    code = holder.attr(attr, required=True)
    if code not in kinds:
        raise InputError(f"значение {code} не поддерживается (поддерживаются {', '.join(kinds)})",
                         f"{holder.path}/@{attr}")
    wrapper = holder.need_child(wrapper_tag)
    holder.finish()
    tag, read = kinds[code]
    party = read(wrapper.need_child(tag))
    wrapper.finish()
    return party


def _principal(holder: Node) -> Principal:
    kinds: Kinds[Principal] = {"1": ("РосОргДовер", _legal_entity), "3": ("ИПДовер", _entrepreneur),
                               "4": ("ФЛДовер", _person_principal)}
    return _typed_party(holder, "ТипДоверит", "Доверит", kinds)


def _grantor(holder: Node) -> Principal:
    kinds: Kinds[Principal] = {"1": ("РосОргПерПолн", _legal_entity), "2": ("ИППерПолн", _entrepreneur),
                               "3": ("ФЛПерПолн", _person_principal)}
    return _typed_party(holder, "ТипПерПолн", "ПередПолн", kinds)


def _parent_principal(holder: Node) -> ParentPrincipal:
    kinds: Kinds[ParentPrincipal] = {"1": ("РосОргДовер", _organisation), "3": ("ИПДовер", _entrepreneur),
                                     "4": ("ФЛДовер", _person_principal)}
    return _typed_party(holder, "ТипДоверит", "ДоверитПерв", kinds)


def _representative(holder: Node) -> Organisation | Entrepreneur | Person:
    kinds: Kinds[Organisation | Entrepreneur | Person] = {
        "1": ("СведОрг", _organisation), "2": ("СведИП", _entrepreneur), "3": ("СведФизЛ", _person)}
    return _typed_party(holder, "ТипПред", "Пред", kinds)


def _powers(node: Node) -> Powers:
    codes = []
    for item in node.children("МашПолн"):
        values = (item.attr("КодПолн", required=True), item.attr("НаимПолн", required=True), item.attr("МнПолн"))
        item.finish()
        codes.append(item.build(lambda v=values: Power(*v)))  # type: ignore[misc]
    text = node.text("ТекстПолн")
    kind, joint = node.attr("ТипПолн", required=True), node.attr("ПрСовмПолн", required=True)
    loss = node.attr("ПрУтрПолн")
    node.finish()
    powers = node.build(lambda: Powers(text, tuple(codes), joint, loss))
    if powers.kind != kind:
        raise InputError(f"ТипПолн = {kind}, а ожидается {powers.kind}: 1 при наличии МашПолн, иначе 0",
                         f"{node.path}/@ТипПолн")
    return powers


def _organisation(node: Node) -> Organisation:
    values = (node.attr("НаимОрг", required=True), node.attr("ИННЮЛ", required=True), node.attr("КПП", required=True),
              node.attr("ОГРН"))
    node.finish()
    return node.build(lambda: Organisation(*values))


def _legal_entity(node: Node) -> LegalEntity:
    flags = (node.attr("ЕИОУК", required=True), node.attr("ЕИОФЛ", required=True), node.attr("ЕИОИП", required=True))
    if flags != ("0", "1", "0"):
        raise InputError("поддерживается только руководитель — физическое лицо (ЕИОУК=0, ЕИОФЛ=1, ЕИОИП=0)",
                         f"{node.path}/@ЕИОФЛ")
    org = _organisation(node.need_child("СвРосОрг"))
    heads, authority = [], set()
    for item in node.children("ЛицоБезДов"):
        authority.add(item.attr("ПолнЮЛ", required=True))
        heads.append(_person(item.need_child("СвФЛ")))
        item.finish()
    if len(authority) > 1:
        raise InputError("поддерживается одинаковый ПолнЮЛ у всех лиц без доверенности", f"{node.path}/ЛицоБезДов")
    node.finish()
    return node.build(lambda: LegalEntity(org, tuple(heads), authority.pop() if authority else "1"))


def _entrepreneur(node: Node) -> Entrepreneur:
    inn, snils = node.attr("ИННФЛ", required=True), node.attr("СНИЛС", required=True)
    person = _person_details(node, inn, snils, "")
    values = (node.attr("ОГРНИП", required=True), node.attr("НаимИП"))
    node.finish()
    return node.build(lambda: Entrepreneur(person, *values))


def _person(node: Node) -> Person:
    """СвФЛТип: a representative or a head."""
    person = _person_details(node, node.attr("ИННФЛ"), node.attr("СНИЛС"), node.attr("Должность"))
    node.finish()
    return person


def _person_principal(node: Node) -> Person:
    """ФЛДоверТип / ФЛПерПолн."""
    person = _person_details(node, node.attr("ИННФЛ"), node.attr("СНИЛС", required=True), "")
    node.finish()
    return person


def _person_details(owner: Node, inn: str, snils: str, position: str) -> Person:
    node = owner.need_child("СведФЛ")
    name_node = node.need_child("ФИО")
    name = (name_node.attr("Фамилия", required=True), name_node.attr("Имя", required=True),
            name_node.attr("Отчество"))
    name_node.finish()
    birth = node.day("ДатаРожд")
    doc_node = node.child("УдЛичнФЛ")
    doc = _identity_doc(doc_node) if doc_node is not None else None
    node.finish()
    return node.build(lambda: Person(PersonName(*name), inn, snils, position, birth, doc))


def _identity_doc(node: Node) -> IdentityDoc:
    values = (node.attr("КодВидДок", required=True), node.attr("СерНомДок", required=True),
              node.need_day("ДатаДок"), node.attr("ВыдДок"), node.attr("КодВыдДок"))
    node.finish()
    return node.build(lambda: IdentityDoc(*values))
