"""The checks a receiving system makes of an МЧД (DOMAIN.md §4), as pure functions.

Every input is already computed: the format Report, the verification facts of the
principal's signature, the certificate of the document's signer, the document's facts,
the revocation list. The service (edo_app.services.poa_checks) gathers them; here each
check is named, reported in Russian and combined into one status (docs/poa-checks.md).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from edo_app.crypto.certificates import Certificate
from edo_app.model.kinds import DocumentKind
from edo_app.model.report import Report

from .checks_match import chain_problems, normalize, representative_match, signer_problem
from .model import PartyIdentity, PowerOfAttorney, moscow_zone
from .revocation import RevocationList, RevocationStatus

# (document kind, action) -> classifier codes granting it; the official classifier is not
# shipped with the app, so callers supply what they know.
PowerCodes = Mapping[tuple[DocumentKind, str], Collection[str]]
SIGN = "sign"


class CheckOutcome(enum.Enum):
    OK = "пройдена"
    FAILED = "не пройдена"
    UNKNOWN = "не удалось проверить"


class PoaStatus(enum.Enum):
    VALID = "действительна"
    INVALID = "недействительна"
    WARNINGS = "действительна с предупреждениями"
    CANNOT_CHECK = "не удалось проверить"
    NOT_ATTACHED = "не приложена"


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str  # stable id: "format", "validity" ...
    title: str  # Russian
    outcome: CheckOutcome
    detail: str


@dataclass(frozen=True, slots=True)
class PoaVerdict:
    status: PoaStatus
    checks: tuple[CheckResult, ...]

    def check(self, name: str) -> CheckResult:
        return next(c for c in self.checks if c.name == name)


@dataclass(frozen=True, slots=True)
class SignatureFacts:
    """One signer of the principal's signature, as verification found it."""

    valid: bool
    signer: Certificate | None
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PoaReference:
    """A document's Подписант/СвДоверЭл."""

    number: str  # НомДовер
    issued: date  # ДатаВыдДовер
    system_id: str  # ИдСистХран
    internal_number: str = ""  # ВнНомДовер
    registered: date | None = None  # ДатаВнРегДовер


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the checks need of the signed document. ``parties``: the side the signer signs
    for (ИНН, КПП), empty when the document does not say; ``poa_refs`` is None when the
    Подписант elements could not be read."""

    kind: DocumentKind
    parties: tuple[PartyIdentity, ...] = ()
    poa_refs: tuple[PoaReference, ...] | None = ()
    role: str = "сторона документа"


TITLES = {
    "format": "Формат (EMCHD_1, имя файла = ИдФайл)",
    "principal_signature": "Подпись доверителя",
    "validity": "Срок действия на дату подписания",
    "representative": "Представитель = владелец сертификата",
    "principal": "Доверитель = сторона документа",
    "powers": "Полномочия охватывают документ",
    "not_revoked": "Не отозвана",
    "chain": "Цепочка передоверия",
    "document_reference": "Ссылка на МЧД в документе (СвДоверЭл)",
}
MANDATORY = frozenset({"format", "principal_signature", "validity", "representative"})


def _result(name: str, outcome: CheckOutcome, detail: str) -> CheckResult:
    return CheckResult(name, TITLES[name], outcome, detail)


def ok(name: str, detail: str) -> CheckResult:
    return _result(name, CheckOutcome.OK, detail)


def failed(name: str, detail: str) -> CheckResult:
    return _result(name, CheckOutcome.FAILED, detail)


def unknown(name: str, detail: str) -> CheckResult:
    return _result(name, CheckOutcome.UNKNOWN, detail)


def moscow_day(moment: datetime) -> date:
    """The calendar day in Moscow; a naive moment is Moscow local time already."""
    return moment.astimezone(moscow_zone()).date() if moment.tzinfo is not None else moment.date()


# -- 1. format -----------------------------------------------------------------------------
def check_format(report: Report) -> CheckResult:
    if "emchd" not in report.schema_id:
        return failed("format", "файл не распознан как МЧД формата EMCHD_1")
    if not report.ok:
        shown = "; ".join(issue.describe() for issue in report.errors[:5])
        more = f" (и ещё {len(report.errors) - 5})" if len(report.errors) > 5 else ""
        return failed("format", f"ошибок: {len(report.errors)}: {shown}{more}")
    note = f"; предупреждений: {len(report.warnings)}" if report.warnings else ""
    return ok("format", f"соответствует схеме {report.schema_id}, имя файла совпадает с ИдФайл{note}")


# -- 2. the principal's signature ----------------------------------------------------------
def check_principal_signature(poa: PowerOfAttorney, signatures: Sequence[SignatureFacts] | None) -> CheckResult:
    if signatures is None:
        return unknown("principal_signature", "подпись доверителя под МЧД не передана")
    if not signatures:
        return failed("principal_signature", "в файле подписи нет ни одного подписанта")
    broken = [s for s in signatures if not s.valid]
    if broken:
        return failed("principal_signature", "подпись не проходит проверку: " + "; ".join(broken[0].reasons))
    signed_by = []
    for who in poa.principals:
        problems = [signer_problem(who, s.signer) for s in signatures]
        if all(problems):
            return failed("principal_signature", f"МЧД подписана не доверителем: {problems[0]}")
        signed_by.append(next(s for s, p in zip(signatures, problems, strict=True) if p is None))
    names = ", ".join(s.signer.owner_name or s.signer.common_name or "?" for s in signed_by if s.signer)
    warnings = sorted({w for s in signed_by for w in s.warnings})
    note = f" (предупреждения: {'; '.join(warnings)})" if warnings else ""
    return ok("principal_signature", f"подпись верна, подписал доверитель: {names}{note}")


# -- 3. validity ---------------------------------------------------------------------------
def check_validity(poa: PowerOfAttorney, at: datetime) -> CheckResult:
    day = moscow_day(at)
    term = f"срок действия {poa.issued:%d.%m.%Y} – {poa.valid_to:%d.%m.%Y}"
    if day < poa.issued:
        return failed("validity", f"на {day:%d.%m.%Y} (МСК) доверенность ещё не действовала: {term}")
    if day > poa.valid_to:
        return failed("validity", f"доверенность истекла {poa.valid_to:%d.%m.%Y}, дата подписания "
                                  f"{day:%d.%m.%Y} (МСК)")
    return ok("validity", f"действует на {day:%d.%m.%Y} (МСК): {term}")


# -- 4. representative ---------------------------------------------------------------------
def check_representative(poa: PowerOfAttorney, certificate: Certificate | None) -> CheckResult:
    if certificate is None:
        return unknown("representative", "сертификат подписанта документа не передан")
    outcome, detail = representative_match(poa, certificate)
    return _result("representative", CheckOutcome[outcome], detail)


# -- 5. principal = the document's party -----------------------------------------------------
def check_principal(poa: PowerOfAttorney, document: DocumentFacts | None) -> CheckResult:
    if document is None:
        return unknown("principal", "документ не передан: сверить доверителя с его стороной нельзя")
    expected = poa.principal_identity()
    who = "первоначальный доверитель" if poa.redelegation is not None else "доверитель"
    shown = f"ИНН {expected.inn}" + (f", КПП {expected.kpp}" if expected.kpp else "")
    if not document.parties:
        return unknown("principal", f"в документе ({document.kind.title}) нет ИНН/КПП стороны, за которую "
                                    f"подписывают; {who}: {shown}")
    for party in document.parties:
        if party.inn == expected.inn and (not party.kpp or not expected.kpp or party.kpp == expected.kpp):
            return ok("principal", f"{who} ({shown}) — {document.role} документа")
    found = "; ".join(f"ИНН {p.inn}" + (f", КПП {p.kpp}" if p.kpp else "") for p in document.parties)
    return failed("principal", f"{who}: {shown}, а {document.role} документа: {found}")


# -- 6. powers -------------------------------------------------------------------------------
_ACTIONS = {SIGN: re.compile(r"подпис")}
_UPD = r"\bупд\b|универсальн\w*\s+передаточн|сч(?:ет|ета|етов|етам)[\s-]*фактур"
_UKD, _TORG12, _ACT = r"\bукд\b|корректировочн", r"торг-?12|товарн\w*\s+накладн", r"\bакт"
_KIND_WORDS = {
    DocumentKind.UPD_SELLER: _UPD, DocumentKind.UPD_BUYER: _UPD,
    DocumentKind.UKD_SELLER: _UKD, DocumentKind.UKD_BUYER: _UKD,
    DocumentKind.TORG12_SELLER: _TORG12, DocumentKind.TORG12_BUYER: _TORG12,
    DocumentKind.ACT_SELLER: _ACT, DocumentKind.ACT_BUYER: _ACT,
    DocumentKind.ETRN: r"транспортн\w*\s+накладн|\bэтрн\b",
}
_ANY_KIND = re.compile("|".join(sorted(set(_KIND_WORDS.values()))))
_GENERIC = re.compile(r"документ")


def _statements(poa: PowerOfAttorney) -> list[str]:
    parts = [power.name for power in poa.powers.codes]
    parts += re.split(r"[;\n]|\.\s", poa.powers.text)
    return [part.strip() for part in parts if part.strip()]


def check_powers(poa: PowerOfAttorney, kind: DocumentKind | None, action: str = SIGN,
                 codes: PowerCodes | None = None) -> CheckResult:
    if kind is None:
        return unknown("powers", "документ не передан: неизвестно, какие полномочия нужны")
    granting = set((codes or {}).get((kind, action), ()))
    for power in poa.powers.codes:
        if power.code in granting:
            return ok("powers", f"полномочие по классификатору {power.code} «{power.name}»")
    verb, words = _ACTIONS.get(action), _KIND_WORDS.get(kind)
    if verb is None or words is None:
        return unknown("powers", f"для действия «{action}» с документом «{kind.title}» признаки полномочий "
                                 "не заданы: проверьте полномочия вручную")
    generic = ""
    for statement in _statements(poa):
        text = normalize(statement)
        if not verb.search(text):
            continue
        if re.search(words, text):
            return ok("powers", f"полномочие «{statement[:200]}»")
        if _GENERIC.search(text) and not _ANY_KIND.search(text):
            generic = generic or statement
    if generic:
        return unknown("powers", f"полномочие сформулировано общо («{generic[:200]}»): охватывает ли оно "
                                 f"{kind.title}, решите вручную")
    return failed("powers", f"среди полномочий нет подписания документа «{kind.title}»")


# -- 7. revocation ---------------------------------------------------------------------------
def check_not_revoked(poa: PowerOfAttorney, revocations: RevocationList | None, at: datetime) -> CheckResult:
    day = f"{moscow_day(at):%d.%m.%Y}"
    if revocations is None:
        return unknown("not_revoked", f"нет сведений об отзыве на дату {day}: список отзывов не передан")
    unanswered = []
    for number in (n for n in poa.chain() if n):
        status = revocations.status(number, at)
        if status is RevocationStatus.REVOKED:
            entry = revocations.find(number)
            when = entry.revoked_at.astimezone(moscow_zone()) if entry else at
            whose = "доверенность" if number == poa.number else f"доверенность {number} из цепочки передоверия"
            return failed("not_revoked", f"{whose} отозвана {when:%d.%m.%Y %H:%M} (МСК)")
        if status is RevocationStatus.UNKNOWN:
            unanswered.append(number)
    if unanswered:
        return unknown("not_revoked", f"нет сведений об отзыве на дату {day} ({', '.join(unanswered)})")
    return ok("not_revoked", f"не отозвана на {day}")


# -- 8. re-delegation chain --------------------------------------------------------------------
def check_chain(poa: PowerOfAttorney, parents: Sequence[PowerOfAttorney] | None, at: datetime) -> CheckResult:
    if poa.redelegation is None:
        return ok("chain", "доверенность выдана напрямую, передоверия нет")
    if not parents:
        return unknown("chain", "не переданы доверенности, на которых основано передоверие")
    known = {parent.number.lower(): parent for parent in parents}
    missing, problems = chain_problems(poa, known, moscow_day(at))
    if problems:
        return failed("chain", "; ".join(problems))
    if missing:
        return unknown("chain", f"не переданы доверенности цепочки: {', '.join(missing)}")
    return ok("chain", f"все звенья действительны: {' → '.join(poa.chain())}")


# -- 9. the document's reference to the МЧД ---------------------------------------------------
def _system_key(text: str) -> str:
    return text.strip().casefold().split("?", 1)[0].rstrip("/")


def check_document_reference(poa: PowerOfAttorney, document: DocumentFacts | None) -> CheckResult:
    if document is None:
        return unknown("document_reference", "документ не передан")
    if document.poa_refs is None:
        return unknown("document_reference", "не удалось прочитать сведения о подписанте документа")
    if not document.poa_refs:
        return failed("document_reference", "в документе нет сведений о МЧД (Подписант/СвДоверЭл, "
                                            "СпосПодтПолном = 3)")
    refs = [ref for ref in document.poa_refs if ref.number.lower() == poa.number.lower()]
    if not refs:
        named = ", ".join(ref.number for ref in document.poa_refs)
        return failed("document_reference", f"документ ссылается на МЧД {named}, а приложена {poa.number}")
    ref, problems = refs[0], []
    if ref.issued != poa.issued:
        problems.append(f"ДатаВыдДовер в документе {ref.issued:%d.%m.%Y}, в МЧД {poa.issued:%d.%m.%Y}")
    if ref.internal_number and ref.internal_number != poa.internal_number:
        problems.append(f"ВнНомДовер в документе «{ref.internal_number}», в МЧД «{poa.internal_number}»")
    if ref.registered and poa.registered and ref.registered != poa.registered:
        problems.append(f"ДатаВнРегДовер в документе {ref.registered:%d.%m.%Y}, в МЧД {poa.registered:%d.%m.%Y}")
    key, system = _system_key(ref.system_id), _system_key(poa.system)
    if not (key == system or system.startswith(key) or key.startswith(system)):
        problems.append(f"ИдСистХран в документе «{ref.system_id}», в МЧД (СведСист) «{poa.system}»")
    if problems:
        return failed("document_reference", "; ".join(problems))
    return ok("document_reference", f"НомДовер, ДатаВыдДовер и ИдСистХран совпадают с МЧД {poa.number}")


# -- the overall status ------------------------------------------------------------------------
def overall_status(checks: Sequence[CheckResult]) -> PoaStatus:
    """Any failure: invalid. Else an unknown mandatory check: cannot check; any other unknown:
    valid with warnings. Else valid."""
    if any(c.outcome is CheckOutcome.FAILED for c in checks):
        return PoaStatus.INVALID
    unknowns = {c.name for c in checks if c.outcome is CheckOutcome.UNKNOWN}
    if unknowns & MANDATORY:
        return PoaStatus.CANNOT_CHECK
    return PoaStatus.WARNINGS if unknowns else PoaStatus.VALID


def not_attached(detail: str = "документ подписан по МЧД, но доверенность не приложена") -> PoaVerdict:
    return PoaVerdict(PoaStatus.NOT_ATTACHED, (CheckResult("attached", "МЧД приложена", CheckOutcome.FAILED, detail),))


@dataclass(frozen=True, slots=True)
class CheckInputs:
    """Everything the nine checks look at; None means "not supplied"."""

    report: Report
    at: datetime
    signatures: Sequence[SignatureFacts] | None = None
    signer: Certificate | None = None
    document: DocumentFacts | None = None
    revocations: RevocationList | None = None
    parents: Sequence[PowerOfAttorney] | None = None
    codes: PowerCodes | None = None
    action: str = SIGN


def evaluate(poa: PowerOfAttorney, inputs: CheckInputs) -> PoaVerdict:
    """Run the nine checks in the order of DOMAIN.md §4 and combine them."""
    doc = inputs.document
    checks = (
        check_format(inputs.report),
        check_principal_signature(poa, inputs.signatures),
        check_validity(poa, inputs.at),
        check_representative(poa, inputs.signer),
        check_principal(poa, doc),
        check_powers(poa, doc.kind if doc else None, inputs.action, inputs.codes),
        check_not_revoked(poa, inputs.revocations, inputs.at),
        check_chain(poa, inputs.parents, inputs.at),
        check_document_reference(poa, doc),
    )
    return PoaVerdict(overall_status(checks), checks)


def unreadable_verdict(report: Report, reason: str) -> PoaVerdict:
    """The МЧД is XML but not a readable EMCHD_1: format fails, nothing else can be looked at."""
    first = check_format(report)
    detail = f"{first.detail}; {reason}" if first.outcome is CheckOutcome.FAILED else reason
    rest = [unknown(name, "не проверялась: МЧД не прочитана") for name in TITLES if name != "format"]
    return PoaVerdict(PoaStatus.INVALID, (failed("format", detail), *rest))
