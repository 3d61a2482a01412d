"""Checking an МЧД the way a receiving system does (`edo poa check`), and building one from
JSON (`edo poa build`).

``check_poa`` gathers the facts — the format report (schemas), the principal's detached
signature (crypto), the signed document's party and Подписант/СвДоверЭл (documents) — and
hands them to the pure checks of edo_app.poa.checks. The moment checked is ``at`` when
given, otherwise now; the МЧД term is compared with its day in Moscow time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from edo_app.crypto.certificates import Certificate, CertificateError, load_certificate
from edo_app.crypto.verify import SignatureVerdict, verify_detached
from edo_app.documents import UpdBuyer, UpdSeller, from_xml, summarize
from edo_app.documents.upd_types import Signer
from edo_app.errors import InputError, SchemaError, UnreadableInput
from edo_app.fileio import read_bytes, write_atomic
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import Party
from edo_app.model.problems import InputErrors
from edo_app.model.summary import PartyRef
from edo_app.poa import PartyIdentity, PowerOfAttorney, file_name, poa_from_json, poa_from_xml, poa_to_xml
from edo_app.poa.checks import (
    CheckInputs,
    CheckOutcome,
    CheckResult,
    DocumentFacts,
    PoaReference,
    PoaStatus,
    PoaVerdict,
    PowerCodes,
    SignatureFacts,
    evaluate,
    not_attached,
    unreadable_verdict,
)
from edo_app.poa.revocation import RevocationList
from edo_app.schemas import SchemaRegistry, validate_bytes
from edo_app.services.drafts import read_json
from edo_app.xmlio import parse_bytes

__all__ = ["CheckOutcome", "CheckResult", "PoaStatus", "PoaVerdict", "build_poa_file", "check_poa",
           "check_poa_files", "document_facts", "load_revocations"]


def check_poa(
    poa_bytes: bytes | None, poa_file_name: str, signature_der: bytes | None, signer_certificate: Certificate | None,
    *, document_bytes: bytes | None = None, document_file_name: str | None = None, at: datetime | None = None,
    revocations: RevocationList | None = None, parents: Sequence[PowerOfAttorney] = (),
    codes: PowerCodes | None = None, registry: SchemaRegistry | None = None,
) -> PoaVerdict:
    """Every check of DOMAIN.md §4 and the overall status.

    ``signature_der``: the principal's detached signature over ``poa_bytes``;
    ``signer_certificate``: the certificate of whoever signs the document under the МЧД;
    ``parents``: the МЧД a re-delegation rests on (none given: the chain is «cannot check»).
    Unreadable XML, signature or document raise UnreadableInput; anything readable gives a verdict.
    """
    if poa_bytes is None:
        return not_attached()
    moment = at or datetime.now(UTC)
    report = validate_bytes(poa_bytes, poa_file_name, registry)
    try:
        poa = poa_from_xml(poa_bytes)
    except InputError as exc:
        return unreadable_verdict(report, f"МЧД не читается: {exc}")
    signatures = None
    if signature_der is not None:
        signatures = tuple(_facts(v) for v in verify_detached(poa_bytes, signature_der))
    document = document_facts(document_bytes, document_file_name or "документ") if document_bytes else None
    inputs = CheckInputs(report, moment, signatures, signer_certificate, document, revocations,
                         tuple(parents) or None, codes)
    return evaluate(poa, inputs)


def _facts(verdict: SignatureVerdict) -> SignatureFacts:
    warnings = list(verdict.warnings)
    if verdict.chain.status == "not_checked":
        warnings.append("цепочка сертификатов не проверялась")
    return SignatureFacts(verdict.valid, verdict.signer, verdict.reasons, tuple(warnings))


# -- the signed document -----------------------------------------------------------------------
def document_facts(data: bytes, name: str = "документ") -> DocumentFacts:
    """Kind, the signing side's ИНН/КПП and the МЧД references of a document.

    УПД 5.03 is read fully; other УПД versions give the seller from the registry summary and
    no Подписант (``poa_refs`` None); other kinds give the kind only.
    """
    summary = summarize(parse_bytes(data, name=name))
    if summary.kind not in (DocumentKind.UPD_SELLER, DocumentKind.UPD_BUYER):
        return DocumentFacts(summary.kind, (), None)
    try:
        doc = from_xml(data)
    except InputError:
        seller = _identity(summary.seller) if summary.kind is DocumentKind.UPD_SELLER else None
        return DocumentFacts(summary.kind, (seller,) if seller else (), None, _role(summary.kind))
    refs = _references(doc.signers)
    if isinstance(doc, UpdSeller):
        parties = tuple(PartyIdentity(p.party.inn, p.party.kpp) for p in doc.sellers if isinstance(p.party, Party))
        return DocumentFacts(DocumentKind.UPD_SELLER, parties, refs, _role(DocumentKind.UPD_SELLER))
    assert isinstance(doc, UpdBuyer)
    # 5.03 buyer titles carry no buyer ИНН/КПП: the party stays unknown (see docs/poa-checks.md).
    return DocumentFacts(DocumentKind.UPD_BUYER, (), refs, _role(DocumentKind.UPD_BUYER))


def _role(kind: DocumentKind) -> str:
    return "продавец" if kind is DocumentKind.UPD_SELLER else "покупатель"


def _identity(ref: PartyRef | None) -> PartyIdentity | None:
    return PartyIdentity(ref.inn, ref.kpp) if ref is not None and ref.inn else None


def _references(signers: Sequence[Signer]) -> tuple[PoaReference, ...]:
    return tuple(PoaReference(ref.number, ref.issued, ref.system_id, ref.internal_number, ref.registered)
                 for signer in signers for ref in signer.poa)


# -- files: what `edo poa check` and `edo poa build` read and write -------------------------------
def load_revocations(path: Path) -> RevocationList:
    """The text list of revoked МЧД; a malformed file is unreadable input naming its lines."""
    try:
        text = read_bytes(path, "список отозванных доверенностей").decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput(f"список отзывов {path.name} не в кодировке UTF-8", "--revoked") from None
    try:
        return RevocationList.from_text(text)
    except InputErrors as exc:
        lines = "; ".join(f"{where}: {message}" for where, message in exc.problems)
        raise UnreadableInput(f"список отзывов {path.name}: {lines}", "--revoked") from None


def _certificate(path: Path) -> Certificate:
    try:
        return load_certificate(read_bytes(path, "сертификат"))
    except CertificateError as exc:
        raise UnreadableInput(f"сертификат {path.name}: {exc.message}", "--signer-cert") from None


def _parent(path: Path) -> PowerOfAttorney:
    try:
        return poa_from_xml(read_bytes(path, "доверенность цепочки"))
    except UnreadableInput:
        raise
    except InputError as exc:
        raise UnreadableInput(f"доверенность {path.name} не читается: {exc}", "--parent") from None


def check_poa_files(
    poa_path: Path, signature_path: Path | None, cert_path: Path | None, *, document_path: Path | None = None,
    at: datetime | None = None, revoked_path: Path | None = None, parent_paths: Sequence[Path] = (),
) -> PoaVerdict:
    """``check_poa`` over files (the МЧД's own file name takes part in the format check)."""
    poa_bytes = read_bytes(poa_path, "доверенность")
    signature = read_bytes(signature_path, "подпись доверителя") if signature_path else None
    certificate = _certificate(cert_path) if cert_path else None
    document = read_bytes(document_path, "документ") if document_path else None
    revocations = load_revocations(revoked_path) if revoked_path else None
    parents = [_parent(path) for path in parent_paths]
    return check_poa(poa_bytes, poa_path.name, signature, certificate, document_bytes=document,
                     document_file_name=document_path.name if document_path else None, at=at,
                     revocations=revocations, parents=parents)


def build_poa_file(source: Path, out_dir: Path, registry: SchemaRegistry | None = None) -> Path:
    """`edo poa build INPUT.json -o DIR`: DIR/<ИдФайл>.xml after validation, or nothing at all."""
    poa = poa_from_json(read_json(source))
    content = poa_to_xml(poa)
    name = file_name(poa)
    report = validate_bytes(content, name, registry)
    if not report.ok:
        raise SchemaError(report)
    target = out_dir / name
    write_atomic(target, content, mode=0o644)
    return target
