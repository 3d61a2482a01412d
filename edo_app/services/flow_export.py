"""«Комплект документооборота»: one ZIP with everything that makes a document legally significant
in the exchange — the document and its signatures (with the attached МЧД, as they travelled), the
service documents of its flow (ПДП, ПДО, ИОП, УОУ, ПоА, received and sent) with their signatures,
and an inventory «опись.txt» — what an accountant hands to an auditor or the tax office.

The files are the exact bytes that were exchanged (signatures verify over them). A document that
never travelled is exported from the registry: its file and stored signatures.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from edo_app.errors import InputError
from edo_app.fileio import write_atomic
from edo_app.storage.database import Database
from edo_app.storage.flow_files import FlowPackage, flow_packages
from edo_app.storage.repository import DocumentRepository
from edo_app.storage.signatures import SignatureRepository
from edo_app.transport.base import PackageFormatError
from edo_app.transport.package import Role, from_zip

__all__ = ["FlowFile", "export_flow", "flow_bundle", "flow_files"]

SERVICE_FOLDER = "служебные"
INVENTORY = "опись.txt"
_MOSCOW = ZoneInfo("Europe/Moscow")
_ROLES = {Role.DOCUMENT: "документ", Role.SIGNATURE: "подпись документа", Role.POA: "МЧД",
          Role.POA_SIGNATURE: "подпись МЧД", Role.SERVICE_DOCUMENT: "служебный документ",
          Role.SERVICE_SIGNATURE: "подпись служебного документа"}


@dataclass(frozen=True)
class FlowFile:
    name: str  # the path inside the ZIP
    data: bytes
    about: str  # one line for the inventory


def flow_files(database: Database, document_id: int) -> list[FlowFile]:
    """The files of the document's flow: the document's own first, then the service documents in time order."""
    packages = flow_packages(database, document_id)
    own = [p for p in packages if p.what == "document"]
    files = _package_files(own[-1], "") if own else _stored_files(database, document_id)
    service = [p for p in packages if p.what != "document"]
    for number, package in enumerate(service, start=1):
        files += _package_files(package, f"{SERVICE_FOLDER}/{number:02d}_")
    return files


def flow_bundle(database: Database, document_id: int) -> bytes:
    """The ZIP of ``flow_files`` with the inventory."""
    files = flow_files(database, document_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in files:
            archive.writestr(item.name, item.data)
        archive.writestr(INVENTORY, _inventory(database, document_id, files).encode("utf-8"))
    return buffer.getvalue()


def export_flow(database: Database, document_id: int, path: Path) -> Path:
    """Write the bundle to ``path`` whole or not at all."""
    write_atomic(path, flow_bundle(database, document_id))
    return path


def _package_files(package: FlowPackage, prefix: str) -> list[FlowFile]:
    try:
        read = from_zip(package.package)
    except PackageFormatError as exc:  # stored after it was read once: damage means the database was
        raise InputError(f"пакет «{package.what}» в базе повреждён: {exc}", "package") from None
    direction = "получен" if package.received else "отправлен"
    moment = f"{package.at.astimezone(_MOSCOW):%d.%m.%Y %H:%M:%S} МСК"
    what = "" if package.what == "document" else f"{package.what}, "
    return [FlowFile(prefix + entry.name, entry.data, f"{_ROLES[entry.role]}, {what}{direction} {moment}")
            for entry in read.entries]


def _stored_files(database: Database, document_id: int) -> list[FlowFile]:
    stored = DocumentRepository(database).get(document_id)
    name = f"{stored.summary.file_id or f'документ_{document_id}'}.xml"
    files = [FlowFile(name, stored.content, "документ (не отправлялся и не получен через обмен)")]
    for number, signature in enumerate(SignatureRepository(database).list_for(document_id), start=1):
        suffix = ".sig" if number == 1 else f".{number}.sig"
        verdict = {True: "действительна", False: "недействительна", None: "не проверялась"}[signature.valid]
        files.append(FlowFile(name + suffix, signature.der, f"подпись документа: {signature.signer}, {verdict}"))
    return files


def _inventory(database: Database, document_id: int, files: list[FlowFile]) -> str:
    stored = DocumentRepository(database).get(document_id)
    summary = stored.summary
    day = f" от {summary.doc_date:%d.%m.%Y}" if summary.doc_date else ""
    lines = ["Комплект документооборота",
             f"Документ № {document_id} в реестре: {stored.summary.kind.title} № {summary.number or '—'}{day}",
             f"ИдФайл: {summary.file_id or '—'}", f"Статус: {stored.status.title}",
             f"Сформирован: {datetime.now(_MOSCOW):%d.%m.%Y %H:%M:%S} МСК", "", "Файлы:"]
    lines += [f"  {item.name} — {item.about}" for item in files]
    return "\n".join(lines) + "\n"
