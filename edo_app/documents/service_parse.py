"""XML bytes → service document; the exact inverse of service_build.

The format is chosen by Документ/@КНД, or by the ИдФайл prefix for ПоА (its schema has no
КНД). Anything missing, malformed or beyond what the model holds raises InputError naming
the XPath. ``service_summary`` is the tolerant reading for the registry: it never raises.
"""

from __future__ import annotations

from datetime import datetime

from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import Party
from edo_app.model.problems import join_path
from edo_app.model.summary import DocumentSummary
from edo_app.xmlio import parse_bytes

from .legacy import _date
from .service_model import (
    ANNUL,
    IOP,
    SERVICE_FORMATS,
    UOU,
    AnnulmentProposal,
    ClarificationRequest,
    OperatorConfirmation,
    ReceiptNotice,
    ServiceDocument,
    ServiceFormat,
)
from .service_types import (
    EdoOperator,
    EdoParticipant,
    ForeignMember,
    ReferencedFile,
    ServicePaperPoa,
    ServicePoa,
    ServiceSigner,
    file_stem,
)
from .upd_types import parse_time
from .upd_xml import Element, attr, build, child, date_attr, opt_date_attr, read_fio

DOC = "Файл/Документ"
# Per format: the element holding the referenced file, its name attribute, the signature tag
# and the date/time attributes (on the parent of the file element).
_FILE_PARTS = {
    "ИОП": ("СвИзвПолуч", "СведПолФайл", "ИмяПолФайла", "ЭППолФайл", "ДатаПол", "ВремяПол"),
    "ПДО": ("СведПодтв", "СведОтпрФайл", "ИмяОтпрФайла", "ЭПОтпрФайл", "ДатаОтпр", "ВремяОтпр"),
    "ПДП": ("СведПодтв", "СведПолФайл", "ИмяПолФайла", "ЭППолФайл", "ДатаПол", "ВремяПол"),
    "УОУ": ("СвУведУточ", "СведПолФайл", "ИмяПолФайла", "ЭППолФайл", "ДатаПол", "ВремяПол"),
    "ПоА": ("СвПредАн", "СведАнФайл", "ИмяАнФайла", "ЭЦПАнФайл", "", ""),
}


def format_of(root: Element) -> ServiceFormat | None:
    """Which service format a root is: by КНД, else (ПоА) by the ИдФайл prefix."""
    if root.tag != "Файл":
        return None
    body = root.find("Документ")
    knd = body.get("КНД", "") if body is not None else ""
    for fmt in SERVICE_FORMATS.values():
        if knd and knd == fmt.knd:
            return fmt
    file_id = root.get("ИдФайл", "")
    return ANNUL if not knd and file_id.startswith(ANNUL.prefix + "_") else None


def service_from_xml(data: bytes) -> ServiceDocument:
    """Parse any of ИОП, ПДО, ПДП, УОУ, ПоА."""
    return service_from_tree(parse_bytes(data).getroot())


def service_from_tree(root: Element) -> ServiceDocument:
    fmt = format_of(root)
    if fmt is None:
        raise InputError("это не служебный документ (ИОП, ПДО, ПДП, УОУ, ПоА)", "Файл/Документ/@КНД")
    if root.get("ВерсФорм") != fmt.version:
        raise InputError(f"версия формата «{root.get('ВерсФорм')}», ожидается {fmt.version}", "Файл/@ВерсФорм")
    body = child(root, "Документ", "Файл")
    file_id = FileId.parse(attr(root, "ИдФайл", "Файл"))
    program = attr(root, "ВерсПрог", "Файл")
    if fmt is IOP:
        return _notice(body, file_id, program)
    if fmt is UOU:
        return _clarification(body, file_id, program)
    if fmt is ANNUL:
        return _annulment(body, file_id, program)
    return _confirmation(body, fmt, file_id, program)


def _notice(body: Element, file_id: FileId, program: str) -> ReceiptNotice:
    ref, at = _referenced(body, "ИОП"), _moment(body, "ИОП")
    return build(DOC, lambda: ReceiptNotice(
        file_id=file_id, author=_member(body, "УчастЭДО"), received=ref, received_at=at,
        sender=_member(body, "ОтпрДок"), signer=_full_signer(body, "ИдСистХран", "СвДовер"), program=program))


def _clarification(body: Element, file_id: FileId, program: str) -> ClarificationRequest:
    ref, at = _referenced(body, "УОУ"), _moment(body, "УОУ")
    text = child(child(body, "СвУведУточ", DOC), "ТекстУведУточ", f"{DOC}/СвУведУточ").text or ""
    return build(DOC, lambda: ClarificationRequest(
        file_id=file_id, author=_member(body, "УчастЭДО"), received=ref, received_at=at, text=text,
        sender=_member(body, "ОтпрДок"), signer=_full_signer(body, "СвСистХран", "СвИдДовер"), program=program))


def _annulment(body: Element, file_id: FileId, program: str) -> AnnulmentProposal:
    ref = _referenced(body, "ПоА")
    reason = child(child(body, "СвПредАн", DOC), "ТекстПредАн", f"{DOC}/СвПредАн").text or ""
    return build(DOC, lambda: AnnulmentProposal(
        file_id=file_id, author=_member(body, "УчастЭДО"), annulled=ref, reason=reason,
        recipient=_member(body, "НапрПредАн"), signer=_plain_signer(body), program=program))


def _confirmation(body: Element, fmt: ServiceFormat, file_id: FileId, program: str) -> OperatorConfirmation:
    ref, at = _referenced(body, fmt.code), _moment(body, fmt.code)
    operator = _operator(child(body, "ОперЭДО", DOC), f"{DOC}/ОперЭДО")
    return build(DOC, lambda: OperatorConfirmation(
        kind=fmt.code, file_id=file_id, operator=operator, document=ref, at=at,
        sender=_member(body, "СвОтпрДок"), recipient=_member(body, "СвПолДок"), signer=_plain_signer(body),
        program=program))


def _referenced(body: Element, code: str) -> ReferencedFile:
    info_tag, file_tag, name_attr, sig_tag, _, _ = _FILE_PARTS[code]
    info_path = f"{DOC}/{info_tag}"
    el = child(child(body, info_tag, DOC), file_tag, info_path)
    path = f"{info_path}/{file_tag}"
    return build(path, lambda: ReferencedFile(attr(el, name_attr, path),
                                              tuple(s.text or "" for s in el.findall(sig_tag))))


def _moment(body: Element, code: str) -> datetime:
    info_tag, _, _, _, date_name, time_name = _FILE_PARTS[code]
    info = child(body, info_tag, DOC)
    info_path = f"{DOC}/{info_tag}"
    day = date_attr(info, date_name, info_path)
    return parse_time(day, attr(info, time_name, info_path), f"{info_path}/@{time_name}")


def _operator(el: Element, path: str) -> EdoOperator:
    return build(path, lambda: EdoOperator(attr(el, "НаимОрг", path), attr(el, "ИННЮЛ", path),
                                           attr(el, "ИдОперЭДО", path)))


def _member(body: Element, tag: str) -> EdoParticipant:
    path = f"{DOC}/{tag}"
    el = child(body, tag, DOC)
    edo_id = attr(el, "ИдУчастЭДО", path)
    party, entrepreneur = _party(el, path)
    try:
        return EdoParticipant(edo_id, party, entrepreneur)
    except InputError as exc:
        field = f"{path}/@ИдУчастЭДО" if exc.field == "edo_id" else join_path(path, exc.field)
        raise InputError(exc.message, field) from None


def _party(el: Element, path: str) -> tuple[Party | ForeignMember | EdoOperator, bool]:
    """The party inside a participant element and whether it is an ИП."""
    kind = el[0].tag if len(el) else ""
    where = f"{path}/{kind}"
    item = el[0] if len(el) else el
    if kind == "ЮЛ":
        return build(where, lambda: Party(attr(item, "НаимОрг", where), attr(item, "ИННЮЛ", where),
                                          attr(item, "КПП", where))), False
    if kind in ("ИП", "ФЛ"):
        person = read_fio(item, where)
        return build(where, lambda: Party(person.full, attr(item, "ИННФЛ", where), person=person)), kind == "ИП"
    if kind == "ОперЭДО":
        return _operator(item, where), False
    if kind == "СвИнУчастНеУч":
        return build(where, lambda: ForeignMember(attr(item, "ИдСтат", where), item.get("Наим", ""),
                                                  item.get("СтрРег", ""), item.get("КодНПРег", ""),
                                                  item.get("ИныеСвед", ""))), False
    raise InputError("не найдены сведения об участнике (ЮЛ, ИП, ФЛ, ОперЭДО или СвИнУчастНеУч)", path)


def _full_signer(body: Element, system_attr: str, principal_attr: str) -> ServiceSigner:
    path = f"{DOC}/Подписант"
    el = child(body, "Подписант", DOC)
    poa_el, paper_el = el.find("СвДоверЭл"), el.find("СвДоверБум")
    poa = paper = None
    if poa_el is not None:
        p = f"{path}/СвДоверЭл"
        poa = build(p, lambda: ServicePoa(
            attr(poa_el, "НомДовер", p), date_attr(poa_el, "ДатаВыдДовер", p), attr(poa_el, "СпособПредставл", p),
            poa_el.get("ВнНомДовер", ""), opt_date_attr(poa_el, "ДатаВнРегДовер", p), poa_el.get(system_attr, "")))
    if paper_el is not None:
        p = f"{path}/СвДоверБум"
        signed_by = read_fio(paper_el, p) if paper_el.find("ФИО") is not None else None
        paper = build(p, lambda: ServicePaperPoa(date_attr(paper_el, "ДатаДовер", p), attr(paper_el, "ВнНомДовер", p),
                                                 paper_el.get(principal_attr, ""), signed_by))
    name = read_fio(el, path)
    return build(path, lambda: ServiceSigner(name, el.get("Должн", ""), el.get("СтатПодп", ""),
                                             el.get("ТипПодпис", ""), poa, paper))


def _plain_signer(body: Element) -> ServiceSigner | None:
    el = body.find("Подписант")
    if el is None:
        return None
    path = f"{DOC}/Подписант"
    name = read_fio(el, path)
    return build(path, lambda: ServiceSigner(name, el.get("Должность", "")))


def service_summary(root: Element) -> DocumentSummary:
    """Registry columns of a service document, read tolerantly: ``function`` is the short name
    (ИОП, ПДП …), ``number`` the ИдФайл of the file it refers to (as a buyer's title shows the
    seller's number), ``doc_date`` the date of receipt or sending (none for ПоА)."""
    fmt = format_of(root)
    body = root.find("Документ")
    number, day = "", None
    if fmt is not None and body is not None:
        info_tag, file_tag, name_attr, _, date_name, _ = _FILE_PARTS[fmt.code]
        info = body.find(info_tag)
        file_el = info.find(file_tag) if info is not None else None
        number = file_stem(file_el.get(name_attr, "")) if file_el is not None else ""
        day = _date(info.get(date_name, "")) if info is not None and date_name else None
    return DocumentSummary(kind=DocumentKind.SERVICE, file_id=root.get("ИдФайл", ""),
                           format_version=root.get("ВерсФорм", ""), knd=body.get("КНД", "") if body is not None else "",
                           function=fmt.code if fmt is not None else "", number=number, doc_date=day)
