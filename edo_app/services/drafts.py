"""Building documents from user input (JSON, forms) and writing them safely.

A document is written only after it passes the full validation (XSD, FNS rules, business
checks); otherwise SchemaError carries the report and nothing is written.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import replace
from pathlib import Path
from typing import Any

from edo_app.documents import PoaRef, Signer, UpdSeller, file_name, sample_upd, to_xml, upd_from_json
from edo_app.documents.upd_io import UpdDocument
from edo_app.errors import InputError, PoaError, SchemaError, XmlInputError
from edo_app.fileio import write_atomic
from edo_app.model.party import Party
from edo_app.model.report import Report
from edo_app.poa import PersonIdentity, PowerOfAttorney
from edo_app.poa.signing import representative_person, storage_reference
from edo_app.schemas import SchemaRegistry, validate_bytes
from edo_app.services import etrn_drafts, etrn_pud_drafts, primary_drafts, ukd_drafts

BUILDABLE_KINDS = ("upd", "ukd", *primary_drafts.PRIMARY_KINDS, etrn_drafts.KIND)
UPD_FUNCTIONS = ("СЧФДОП", "СЧФ", "ДОП")
BY_POA = 3  # Подписант/@СпосПодтПолном: authority by an МЧД (СвДоверЭл)


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from a file; unreadable files are XmlInputError-like (exit code 2)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise XmlInputError(f"не удалось прочитать {path}: {exc}", "input") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path.name} — некорректный JSON: {exc.msg} (строка {exc.lineno})", "input") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path.name}: ожидается JSON-объект с полями документа", "input")
    return data


def build_upd(data: dict[str, Any], registry: SchemaRegistry | None = None) -> tuple[UpdDocument, bytes, Report]:
    """Build and fully validate; raises InputError(s) for bad fields, SchemaError if invalid."""
    doc = upd_from_json(data)
    content = to_xml(doc)
    report = validate_bytes(content, file_name(doc), registry)
    if not report.ok:
        raise SchemaError(report)
    return doc, content, report


def build_from_json_file(kind: str, source: Path, out_dir: Path, registry: SchemaRegistry | None = None) -> Path:
    """`edo build upd INPUT.json -o DIR`: writes DIR/<ИдФайл>.xml, or nothing at all."""
    _require_kind(kind)
    if kind == "ukd":
        return ukd_drafts.write_ukd(*ukd_drafts.build_ukd(read_json(source), registry)[:2], out_dir)
    if kind == etrn_drafts.KIND:  # ЭТрН, titles 1, 2, 5, 6; the ПУД titles 7, 8 (docs/etrn-input.md)
        data = read_json(source)
        if etrn_pud_drafts.is_pud_json(data):
            return etrn_pud_drafts.write_pud(*etrn_pud_drafts.build_pud(data, registry)[:2], out_dir)
        return etrn_drafts.write_etrn(*etrn_drafts.build_etrn(data, registry)[:2], out_dir)
    if kind in primary_drafts.PRIMARY_KINDS:  # акт, ТОРГ-12
        return primary_drafts.write_primary(*primary_drafts.build_primary(kind, read_json(source), registry)[:2],
                                            out_dir)
    doc, content, _ = build_upd(read_json(source), registry)
    target = out_dir / file_name(doc)
    write_atomic(target, content, mode=0o644)
    return target


def write_sample(kind: str, function: str, lines: int, out_dir: Path) -> Path:
    """`edo sample upd|ukd`: a realistic valid document, validated before it is written."""
    _require_kind(kind)
    if kind == "ukd":
        return ukd_drafts.write_ukd_sample(function, lines, out_dir)
    if function not in UPD_FUNCTIONS:
        raise InputError(f"функция «{function}» не поддерживается; допустимы: {', '.join(UPD_FUNCTIONS)}", "function")
    if not 1 <= lines <= 100_000:
        raise InputError("число строк должно быть от 1 до 100000", "lines")
    doc = sample_upd(function, lines=lines, seed=secrets.randbelow(2**31))  # a fresh ИдФайл each time
    content = to_xml(doc)
    report = validate_bytes(content, file_name(doc))
    if not report.ok:
        raise SchemaError(report)
    target = out_dir / file_name(doc)
    write_atomic(target, content, mode=0o644)
    return target


def _require_kind(kind: str) -> None:
    if kind not in BUILDABLE_KINDS:
        allowed = ", ".join(BUILDABLE_KINDS)
        raise InputError(f"вид документа «{kind}» пока не поддерживается; доступны: {allowed}", "kind")


def apply_poa(doc: UpdSeller, poa: PowerOfAttorney, signer: PersonIdentity | None = None, *,
              index: int = 0) -> UpdSeller:
    """The document signed under the МЧД: its ``index``-th Подписант becomes the МЧД's
    representative (the one matching ``signer``, or the first person) with СпосПодтПолном = 3
    and СвДоверЭл = НомДовер, ДатаВыдДовер, ВнНомДовер, ДатаВнРегДовер and ИдСистХран/УРЛСист
    from the МЧД's СведСист. The signer's type, date and extra details are kept.

    PoaError when the МЧД's principal is not the seller (ИНН, and КПП when both have one)
    or nobody in it matches ``signer``. Whether the МЧД is valid, unrevoked and covers this
    document is for the МЧД checks (services.poa_checks), not decided here.
    """
    if not 0 <= index < len(doc.signers):
        raise InputError(f"в документе нет подписанта № {index + 1}", f"signers[{index}]")
    _require_principal_is_seller(doc, poa)
    person = representative_person(poa, signer)
    system_id, url = storage_reference(poa)
    ref = PoaRef(poa.number, poa.issued, system_id, poa.internal_number, poa.registered, url)
    old = doc.signers[index]
    new = Signer(person.name, person.position or old.position, BY_POA, old.signer_type, old.signed_on, old.extra,
                 poa=(ref,))
    return replace(doc, signers=(*doc.signers[:index], new, *doc.signers[index + 1:]))


def _require_principal_is_seller(doc: UpdSeller, poa: PowerOfAttorney) -> None:
    principal = poa.principal_identity()
    seller = doc.sellers[0].party
    if not isinstance(seller, Party):
        raise PoaError("Продавец — иностранное лицо: МЧД российского доверителя к нему не относится")
    kpp_agrees = not principal.kpp or not seller.kpp or principal.kpp == seller.kpp
    if seller.inn != principal.inn or not kpp_agrees:
        shown = f"ИНН {principal.inn}" + (f", КПП {principal.kpp}" if principal.kpp else "")
        raise PoaError(f"Доверитель по МЧД № {poa.number} ({shown}) не продавец документа "
                       f"(ИНН {seller.inn}{', КПП ' + seller.kpp if seller.kpp else ''})")
