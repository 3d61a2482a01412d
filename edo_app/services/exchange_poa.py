"""The МЧД of a received document: checked for every signature, stored, the verdict kept.

The check never refuses a document: a bad or missing МЧД is something the user must see,
not a reason to lose what the counterparty sent. ``poa_hook`` returns the details of the
``poa.checked`` audit events; the exchange writes them in the transaction that stores the
document, and ``poa_verdicts`` reads them back for the UI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from edo_app.crypto.certificates import Certificate
from edo_app.errors import EdoError, InputError
from edo_app.poa import PowerOfAttorney, file_name, poa_from_xml
from edo_app.poa.checks import CheckOutcome, CheckResult, PoaStatus, PoaVerdict, not_attached
from edo_app.poa.revocation import RevocationList
from edo_app.services.poa_checks import check_poa, document_facts
from edo_app.services.poa_registry import PoaRegistryService
from edo_app.storage.repository import DocumentRepository
from edo_app.transport.package import Entry, Package, Role

POA_CHECKED = "poa.checked"


@dataclass(frozen=True)
class SignedBy:
    """One signer of the received document: the certificate and the moment to check at."""

    certificate: Certificate | None
    at: datetime


# package, the document entry, its signers -> details of the poa.checked events
PoaCheckFn = Callable[[Package, Entry, Sequence[SignedBy]], list[dict[str, Any]]]


@dataclass(frozen=True)
class PoaCheckRecord:
    """A stored verdict: which МЧД, for which signature (1-based), when checked."""

    number: str
    signature: int
    verdict: PoaVerdict
    at: datetime


@dataclass(frozen=True)
class _Attached:
    content: bytes
    name: str  # the МЧД's own file name (ИдФайл.xml) when readable, else the package entry's
    poa: PowerOfAttorney | None
    signature: bytes | None  # the principal's, the first one the package carries


def _attached(package: Package) -> dict[str, _Attached]:
    """The package's МЧД by number; unreadable ones are kept under their entry name."""
    found: dict[str, _Attached] = {}
    for entry in package.by_role(Role.POA):
        sig = next((e.data for e in package.by_role(Role.POA_SIGNATURE) if e.signs == entry.name), None)
        try:
            poa: PowerOfAttorney | None = poa_from_xml(entry.data)
        except InputError:
            poa = None
        key = poa.number if poa is not None else entry.name
        found[key] = _Attached(entry.data, file_name(poa) if poa else entry.name, poa, sig)
    return found


def _details(number: str, index: int, verdict: PoaVerdict) -> dict[str, Any]:
    checks = [{"name": c.name, "title": c.title, "outcome": c.outcome.name, "detail": c.detail}
              for c in verdict.checks]
    return {"number": number, "signature": index, "status": verdict.status.name, "checks": checks}


def _referenced(document: bytes, name: str) -> list[str]:
    """The НомДовер of the document's Подписант/СвДоверЭл (СпосПодтПолном = 3)."""
    try:
        refs = document_facts(document, name).poa_refs
    except InputError:
        return []
    return list(dict.fromkeys(ref.number for ref in refs or ()))


def poa_hook(registry: PoaRegistryService, revocations: Callable[[], RevocationList] | None = None) -> PoaCheckFn:
    """The default check, storing each attached МЧД in ``registry``.

    ``revocations``: where the revocation list comes from, by default the registry's stored
    revocations. Those say nothing about an МЧД never revoked (the registry keeps no «checked
    through» moment), so an unrevoked МЧД gets «not_revoked» unknown: valid with warnings.
    """
    revocation_list = revocations or registry.revocation_list

    def check(package: Package, entry: Entry, signers: Sequence[SignedBy]) -> list[dict[str, Any]]:
        numbers = _referenced(entry.data, entry.name)
        if not numbers:
            return []
        attached = _attached(package)
        for item in attached.values():
            _store(registry, item)
        known = revocation_list()
        found = []
        for index, signer in enumerate(signers, start=1):
            for number in numbers:
                found_poa = attached.get(number)
                if found_poa is None:
                    verdict = not_attached(f"документ ссылается на МЧД № {number}, но в пакете её нет")
                else:
                    verdict = _verdict(found_poa, signer, entry, known)
                found.append(_details(number, index, verdict))
        return found
    return check


def _verdict(item: _Attached, signer: SignedBy, entry: Entry, revocations: RevocationList) -> PoaVerdict:
    try:
        return check_poa(item.content, item.name, item.signature, signer.certificate, document_bytes=entry.data,
                         document_file_name=entry.name, at=signer.at, revocations=revocations)
    except EdoError as exc:  # an unreadable signature or document: nothing to decide on
        reason = CheckResult("readable", "МЧД и подпись читаются", CheckOutcome.FAILED, str(exc))
        return PoaVerdict(PoaStatus.CANNOT_CHECK, (reason,))


def _store(registry: PoaRegistryService, item: _Attached) -> None:
    """Keep the МЧД for later documents; one already stored (by number) stays as it is."""
    if item.poa is None or registry.find_by_number(item.poa.number) is not None:
        return
    try:
        registry.import_poa(item.content, item.name, item.signature, actor="обмен")
    except EdoError:  # a race with another import or an unreadable signature: the verdict says it
        return


def poa_verdicts(documents: DocumentRepository, document_id: int) -> list[PoaCheckRecord]:
    """The МЧД verdicts recorded for a document, oldest first."""
    return [_record(e.details, e.at) for e in documents.events(document_id) if e.action == POA_CHECKED]


def _record(details: dict[str, Any], at: datetime) -> PoaCheckRecord:
    checks = tuple(CheckResult(c["name"], c.get("title", c["name"]), CheckOutcome[c["outcome"]], c.get("detail", ""))
                   for c in details.get("checks", ()))
    verdict = PoaVerdict(PoaStatus[details["status"]], checks)
    return PoaCheckRecord(details.get("number", ""), int(details.get("signature", 0)), verdict, at)
