"""What the МЧД manager of the app needs beyond PoaRegistryService: the status shown in the list,
creating an МЧД from a JSON file or a simple form (both through poa.json_input, so every problem
names its field), importing files, running the nine checks on a stored МЧД, revoking by date and
listing the documents signed under it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from edo_app.fileio import read_bytes
from edo_app.model.kinds import DocumentKind
from edo_app.model.problems import InputErrors
from edo_app.poa import LegalEntity, PowerOfAttorney, moscow_zone, poa_from_json
from edo_app.schemas import SchemaRegistry
from edo_app.services.drafts import read_json
from edo_app.services.library import LibraryService
from edo_app.services.poa_checks import PoaVerdict, check_poa
from edo_app.services.poa_registry import PoaImportResult, PoaRegistryService
from edo_app.services.signing import utc_now
from edo_app.storage.records import Counterparty, PoaQuery, PoaRevocation, PoaRow

ACTIVE, EXPIRED, REVOKED, UNSIGNED, NOT_STARTED = "действует", "истекла", "отозвана", "не подписана", "ещё не действует"

# JSON paths of poa_from_json -> the fields of PoaForm (the form shows each problem beside its field).
FORM_PATHS = {
    "principals[0].name": "principal_name", "principals[0].inn": "principal_inn",
    "principals[0].kpp": "principal_kpp", "principals[0].ogrn": "principal_ogrn",
    "principals[0].heads[0].last": "head_name", "principals[0].heads[0].first": "head_name",
    "principals[0].heads[0].middle": "head_name", "principals[0].heads[0].position": "head_position",
    "principals[0].heads[0].inn": "head_inn", "principals[0].heads[0].snils": "head_snils",
    "representatives[0].last": "rep_name", "representatives[0].first": "rep_name",
    "representatives[0].middle": "rep_name", "representatives[0].snils": "rep_snils",
    "representatives[0].inn": "rep_inn", "representatives[0].position": "rep_position",
    "powers": "powers_text", "powers.text": "powers_text", "powers.codes": "powers_text",
    "issued": "issued", "valid_to": "valid_to", "internal_number": "internal_number",
}


@dataclass(frozen=True, slots=True)
class PoaListItem:
    """One line of the manager's list."""

    row: PoaRow
    state: str

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def representative(self) -> str:
        return ", ".join(person.name for person in self.row.facts.representatives)


@dataclass(frozen=True, slots=True)
class PoaForm:
    """The simple form: a company (principal) with its head, one person as representative,
    powers as text and/or classifier codes («КОД; наименование» per line), and the term."""

    principal_name: str
    principal_inn: str
    principal_kpp: str
    head_name: str  # «Фамилия Имя [Отчество]»
    head_position: str
    rep_name: str
    issued: date
    valid_to: date
    internal_number: str
    principal_ogrn: str = ""
    head_inn: str = ""
    head_snils: str = ""
    rep_snils: str = ""
    rep_inn: str = ""
    rep_position: str = ""
    powers_text: str = ""
    power_codes: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class DocumentLine:
    id: int
    kind: DocumentKind
    number: str
    doc_date: date | None


def state_of(row: PoaRow, now: datetime) -> str:
    """действует / истекла / отозвана / не подписана (and «ещё не действует» before its first day)."""
    if row.revoked_at is not None and row.revoked_at <= now:
        return REVOKED
    today = now.astimezone(moscow_zone()).date()
    if row.facts.valid_to < today:
        return EXPIRED
    if row.facts.issued > today:
        return NOT_STARTED
    return ACTIVE if row.signed else UNSIGNED


def list_items(poas: PoaRegistryService, text: str = "", now: datetime | None = None) -> list[PoaListItem]:
    moment = now or utc_now()
    return [PoaListItem(row, state_of(row, moment)) for row in poas.list(PoaQuery(text=text.strip()))]


# -- creating ----------------------------------------------------------------------------------
def create_from_json_file(poas: PoaRegistryService, path: Path, *, actor: str = "") -> int:
    """Build the МЧД of a JSON file (docs/poa-input.md), validate it and store it unsigned."""
    return poas.create_poa(poa_from_json(read_json(path)), actor=actor)


def create_from_form(poas: PoaRegistryService, form: PoaForm, *, actor: str = "") -> int:
    """Store the form's МЧД (a fresh GUID as its number); InputErrors name PoaForm fields."""
    try:
        poa = poa_from_json(form_json(form))
    except InputErrors as exc:
        raise InputErrors([(_form_field(where), message) for where, message in exc.problems]) from None
    return poas.create_poa(poa, actor=actor)


def _form_field(path: str) -> str:
    return "power_codes" if path.startswith("powers.codes[") else FORM_PATHS.get(path, path)


def form_json(form: PoaForm) -> dict[str, Any]:
    """The JSON input (docs/poa-input.md) the form stands for."""
    head = {**_name(form.head_name), "position": form.head_position, "inn": form.head_inn, "snils": form.head_snils}
    principal = {"type": "ul", "name": form.principal_name, "inn": form.principal_inn,
                 "kpp": form.principal_kpp, "ogrn": form.principal_ogrn, "heads": [_drop_empty(head)]}
    rep = {"type": "fl", **_name(form.rep_name), "snils": form.rep_snils, "inn": form.rep_inn,
           "position": form.rep_position}
    powers: dict[str, Any] = {"text": form.powers_text}
    if form.power_codes:
        powers["codes"] = [_code(line) for line in form.power_codes]
    return _drop_empty({
        "number": str(uuid.uuid4()), "internal_number": form.internal_number,
        "issued": form.issued.isoformat(), "valid_to": form.valid_to.isoformat(),
        "principals": [_drop_empty(principal)], "representatives": [_drop_empty(rep)],
        "powers": _drop_empty(powers)})


def _name(full: str) -> dict[str, str]:
    parts = full.split()
    return {"last": parts[0] if parts else "", "first": parts[1] if len(parts) > 1 else "",
            "middle": " ".join(parts[2:])}


def _code(line: str) -> dict[str, str]:
    code, _, name = line.partition(";")
    return {"code": code.strip(), "name": name.strip()}


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    """Optional fields left blank are absent, as in a hand-written JSON file."""
    return {key: value for key, value in values.items() if value not in ("", None)}


def principal_defaults(poas: PoaRegistryService, own: Sequence[Counterparty] = ()) -> PoaForm:
    """A blank form with the user's organisation as principal: the first own organisation of the
    counterparties list, with its head taken from the newest stored МЧД of that company."""
    today = datetime.now(moscow_zone()).date()
    blank = PoaForm("", "", "", "", "", "", today, today + timedelta(days=364), "")
    newest = _newest_company(poas, own[0].inn if own else "")
    if newest is not None:
        blank = replace(blank, principal_name=newest.org.name, principal_inn=newest.org.inn,
                        principal_kpp=newest.org.kpp, principal_ogrn=newest.org.ogrn,
                        head_name=newest.heads[0].full_name, head_position=newest.heads[0].position,
                        head_inn=newest.heads[0].inn, head_snils=newest.heads[0].snils)
    if own:
        blank = replace(blank, principal_name=own[0].name, principal_inn=own[0].inn, principal_kpp=own[0].kpp)
    return blank


def _newest_company(poas: PoaRegistryService, inn: str) -> LegalEntity | None:
    """The company principal of the newest stored МЧД (of ИНН ``inn`` when given)."""
    for row in sorted(poas.list(), key=lambda r: r.created_at, reverse=True):
        who = poas.poa(row.id).principals[0]
        if isinstance(who, LegalEntity) and (not inn or who.org.inn == inn):
            return who
    return None


# -- importing, checking, revoking ---------------------------------------------------------------
def import_files(poas: PoaRegistryService, xml_path: Path, signature_path: Path | None = None, *,
                 actor: str = "") -> PoaImportResult:
    """An МЧД file with (optionally) the principal's detached signature beside it."""
    data = read_bytes(xml_path, "доверенность")
    signature = read_bytes(signature_path, "подпись доверителя") if signature_path else None
    return poas.import_poa(data, xml_path.name, signature, actor=actor)


def check_stored(poas: PoaRegistryService, poa_id: int, *, schemas: SchemaRegistry | None = None,
                 at: datetime | None = None) -> PoaVerdict:
    """The nine checks of a stored МЧД with its first valid signature, the recorded revocations and
    the stored МЧД of its chain; no document is signed here, so the signer's checks say so."""
    stored = poas.get(poa_id)
    valid = [s.der for s in stored.signatures if s.valid]
    der = valid[0] if valid else (stored.signatures[0].der if stored.signatures else None)
    return check_poa(stored.content, stored.row.facts.file_id + ".xml", der, None, at=at,
                     revocations=poas.revocation_list(), parents=_parents(poas, poas.poa(poa_id)),
                     registry=schemas)


def _parents(poas: PoaRegistryService, poa: PowerOfAttorney) -> list[PowerOfAttorney]:
    found = [poas.find_by_number(number) for number in poa.chain()[:-1] if number]
    return [poas.poa(row.id) for row in found if row is not None]


def revoke_stored(poas: PoaRegistryService, poa_id: int, day: date, *, actor: str = "") -> PoaRevocation:
    """Record the revocation of a stored МЧД from the start of ``day`` (Moscow time)."""
    moment = datetime.combine(day, time.min, tzinfo=moscow_zone())
    return poas.revoke(poas.get(poa_id).row.number, moment, actor=actor)


def documents_of(poas: PoaRegistryService, library: LibraryService, poa_id: int) -> list[DocumentLine]:
    """The documents signed under the МЧД (linked to it), oldest link first."""
    lines = []
    for document_id in poas.documents_using(poa_id):
        summary = library.get(document_id).summary
        lines.append(DocumentLine(document_id, summary.kind, summary.number, summary.doc_date))
    return lines
