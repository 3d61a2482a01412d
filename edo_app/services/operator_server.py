"""The reference operator, put together: its identity (key + certificate), the checks it makes on
every package, the ПДП/ПДО it signs, and the server the CLI starts.

The HTTP API, storage and flow rules live in ``edo_app.transport.operator`` and know no XML or
cryptography; this module is the ``Intake`` they call: schema and rules (schemas.validate_bytes),
every signature of the package (crypto.verify_detached over the exact bytes it signs), the flow
step read from the document (documents.registry), and the operator's confirmations
(documents.operator_confirmation, signed with crypto.cms.build_detached). See docs/operator.md.
"""

from __future__ import annotations

import base64
import functools
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from flask import Flask
from lxml import etree

from edo_app.crypto.certbuilder import organisation_name, private_key_pem, self_signed
from edo_app.crypto.certificates import Certificate, load_certificate
from edo_app.crypto.cms import build_detached
from edo_app.crypto.curves import CRYPTOPRO_A
from edo_app.crypto.gost3410 import generate_private_key
from edo_app.crypto.keys import GostPrivateKey, load_private_key
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import verify_detached
from edo_app.documents.hr_build import answerable_codes, answered_ref
from edo_app.documents.hr_xml import hr_from_xml
from edo_app.documents.registry import identify, summarize
from edo_app.documents.service_build import service_to_xml
from edo_app.documents.service_flow import operator_confirmation
from edo_app.documents.service_types import EdoOperator, EdoParticipant
from edo_app.errors import EdoError, InputError
from edo_app.fileio import read_bytes, write_atomic
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import Party
from edo_app.schemas import validate_tree
from edo_app.schemas.validate import PARALLEL_FROM_BYTES
from edo_app.services.operator_trust import LiveTrust, chain_problem
from edo_app.transport.base import Rejected
from edo_app.transport.operator.app import create_app
from edo_app.transport.operator.auth import hash_token, new_token
from edo_app.transport.operator.core import OperatorCore
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.flow import ACT, DOCUMENT_STEPS, TORG12, Move, Step
from edo_app.transport.operator.retention import Purged, purge
from edo_app.transport.operator.stamping import Stamp
from edo_app.transport.operator.store import OperatorStore
from edo_app.transport.package import Entry, Package, PackageKind, Role
from edo_app.xmlio import parse_bytes

__all__ = ["CheckingIntake", "OperatorIdentity", "OperatorSettings", "add_participant", "build_core",
           "list_participants", "load_identity", "make_app", "purge_older_than", "renew_token", "serve"]

SETTINGS_NAME, KEY_NAME, CERT_NAME = "operator.json", "operator-key.pem", "operator-cert.der"
_SERVICE_STEPS = {"ИОП": Step.RECEIPT, "УОУ": Step.CLARIFICATION, "ПоА": Step.ANNULMENT,
                  "ПДП": Step.CONFIRMATION, "ПДО": Step.CONFIRMATION}
# buyer titles: where each names the seller's file it answers (element, attribute)
_BUYER_TITLES = {DocumentKind.UPD_BUYER: ("Документ/ИдИнфПрод", "ИдФайлИнфПр"),
                 DocumentKind.UKD_BUYER: ("ИнфПок/ИдИнфПрод", "ИдФайлИнфПр"),
                 DocumentKind.ACT_BUYER: ("Документ/ИдДокПРУИсп", "ИдФайлИнфИсп"),
                 DocumentKind.TORG12_BUYER: ("Документ/ИдДокПТПр", "ИдФайлИнфПр")}
# акт and ТОРГ-12 have no Функция: the flow tells their titles by these tags (an акт's answer fits only an акт)
_PRIMARY_TAGS = {DocumentKind.ACT_SELLER: ACT, DocumentKind.ACT_BUYER: ACT,
                 DocumentKind.TORG12_SELLER: TORG12, DocumentKind.TORG12_BUYER: TORG12}
MOSCOW = timezone(timedelta(hours=3), "MSK")
_MAX_ISSUES = 5  # a refusal lists the first few problems; the sender's own check shows them all


@dataclass(frozen=True)
class OperatorSettings:
    """Who the operator is: its three-character id (ИдОперЭДО), name and ИНН."""

    operator_id: str = "2ZZ"
    name: str = "ООО «Эталонный оператор ЭДО»"  # fictional
    inn: str = "7700000009"  # fictional, valid check digits

    @property
    def box(self) -> str:
        """The operator's own box: the sender of its ПДП and ПДО packages."""
        return f"{self.operator_id}-OPERATOR"

    def edo_operator(self) -> EdoOperator:
        return EdoOperator(self.name, self.inn, self.operator_id)


@dataclass(frozen=True)
class OperatorIdentity:
    settings: OperatorSettings
    certificate: Certificate
    key: GostPrivateKey


def load_identity(folder: Path, settings: OperatorSettings | None = None) -> OperatorIdentity:
    """The operator's settings, key and certificate from ``folder``; created on the first start."""
    folder.mkdir(parents=True, exist_ok=True)
    settings_path = folder / SETTINGS_NAME
    if settings_path.exists():
        stored = json.loads(read_bytes(settings_path, "настройки оператора", 1 << 16).decode("utf-8"))
        settings = OperatorSettings(**stored)
    else:
        settings = settings or OperatorSettings()
        settings.edo_operator()  # checks the id and ИНН before anything is written
        write_atomic(settings_path, json.dumps(settings.__dict__, ensure_ascii=False, indent=2).encode("utf-8"))
    key_path, cert_path = folder / KEY_NAME, folder / CERT_NAME
    if not cert_path.exists():
        _new_key(settings, key_path, cert_path)
    key = load_private_key(read_bytes(key_path, "ключ оператора", 1 << 16))
    certificate = load_certificate(read_bytes(cert_path, "сертификат оператора", 1 << 16))
    if not key.matches(certificate.public_key_octets):
        raise InputError(f"ключ {key_path} не от сертификата {cert_path}", "operator-key")
    return OperatorIdentity(settings, certificate, key)


def _new_key(settings: OperatorSettings, key_path: Path, cert_path: Path) -> None:
    private = generate_private_key(CRYPTOPRO_A)
    now = datetime.now(UTC).replace(microsecond=0)
    certificate = self_signed(organisation_name(settings.name, settings.inn), CRYPTOPRO_A, private,
                              now - timedelta(days=1), now + timedelta(days=3650))
    write_atomic(key_path, private_key_pem(CRYPTOPRO_A, private))
    os.chmod(key_path, 0o600)  # best effort: Windows keeps its own ACLs
    write_atomic(cert_path, certificate.der)  # last: a certificate on disk always has its key


class CheckingIntake:
    """The operator's checks and stamps (``transport.operator.core.Intake``)."""

    def __init__(self, identity: OperatorIdentity, trust: LiveTrust | None = None) -> None:
        self.identity = identity
        self.trust = trust  # None (or a folder without certificates): chains unchecked (operator_trust)
        self._operator = identity.settings.edo_operator()

    def inspect(self, package: Package) -> Move:
        main = _main_file(package)
        _check_signatures(package, main, self.trust.current() if self.trust else None)
        try:
            tree = parse_bytes(main.data, name=main.name)  # parsed once for the checks and the flow step
            report = validate_tree(tree, main.name, parallel=len(main.data) >= PARALLEL_FROM_BYTES)
            move = flow_step(main, tree.getroot()) if report.ok else None
        except EdoError as exc:  # not XML, hostile XML, unknown schema ...: the sender's problem, said in 422
            raise Rejected(f"{main.name}: {exc}") from None
        if move is None:
            problems = "; ".join(issue.describe() for issue in report.errors[:_MAX_ISSUES])
            raise Rejected(f"{main.name}: документ не прошёл проверку формата: {problems}")
        if (package.kind is PackageKind.DOCUMENT) != (move.step in DOCUMENT_STEPS):
            raise Rejected(f"{main.name}: вид пакета «{package.kind}» не подходит к этому документу")
        return move

    def stamps(self, package: Package, move: Move, accepted_at: datetime,
               parties: tuple[Participant, Participant]) -> list[Stamp]:
        main = _main_file(package)
        signatures = [base64.b64encode(e.data).decode("ascii") for e in package.entries if e.signs == main.name]
        sender, recipient = _member(parties[0]), _member(parties[1])
        local = accepted_at.astimezone(MOSCOW).replace(tzinfo=None, microsecond=0)  # local time, to the second
        result = []
        for kind, to in _stamped(move, sender, recipient):
            doc = operator_confirmation(kind, move.file_id, signatures, local,
                                        operator=self._operator, sender=sender,
                                        recipient=recipient)
            xml = service_to_xml(doc)
            result.append(Stamp(kind, to.edo_id, doc.file_name, xml, self._sign(xml, accepted_at), move.file_id))
        return result

    def _sign(self, data: bytes, at: datetime) -> bytes:
        key = self.identity.key
        digest = new_hash(key.curve.size, data).digest()
        return build_detached(digest, self.identity.certificate, key.sign_digest, signing_time=at)


def _stamped(move: Move, sender: EdoParticipant, recipient: EdoParticipant) -> tuple[tuple[str, EdoParticipant], ...]:
    """Who gets which confirmation: the ПДП (date of receipt) to the sender, the ПДО (date of
    sending) to the recipient. An ИОП is only confirmed to its sender (приказ 174н: the buyer gets
    the operator's confirmation of its notice, the seller the notice alone)."""
    if move.step is Step.RECEIPT:
        return (("ПДП", sender),)
    return (("ПДП", sender), ("ПДО", recipient))


@functools.lru_cache(maxsize=1024)  # keyed by all the participant's fields: a change is another key
def _member(found: Participant) -> EdoParticipant:
    if found.is_entrepreneur:  # ИП: named by the ФИО, marked as ИП in the ПДП/ПДО
        return EdoParticipant(found.participant_id, Party(found.name, found.inn, person=found.person),
                              entrepreneur=True)
    return EdoParticipant(found.participant_id, Party(found.name, found.inn, found.kpp))


def _main_file(package: Package) -> Entry:
    role = Role.DOCUMENT if package.kind is PackageKind.DOCUMENT else Role.SERVICE_DOCUMENT
    found = package.by_role(role)
    if len(found) != 1:
        raise Rejected(f"в пакете должен быть ровно один файл с ролью {role}, а их {len(found)}")
    return found[0]


def _check_signatures(package: Package, main: Entry, trust: TrustStore | None) -> None:
    """Every signature of the package must be valid over the exact bytes it signs (and, with a
    trust store, chain up to a trusted УЦ)."""
    if not any(entry.signs == main.name for entry in package.entries):
        raise Rejected(f"{main.name}: документ не подписан (в пакете нет его подписи)")
    for entry in package.entries:
        if entry.signs is None:
            continue
        signed = package.entry(entry.signs)
        try:
            verdicts = verify_detached(signed.data, entry.data, trust=trust)
        except EdoError as exc:
            raise Rejected(f"{entry.name}: подпись не читается: {exc}") from None
        bad = [("; ".join(v.reasons) or "подпись недействительна") for v in verdicts if not v.valid] or \
            (["в файле подписи нет ни одной подписи"] if not verdicts else [])
        if trust is not None and not bad:
            bad = [problem for problem in map(chain_problem, verdicts) if problem]
        if bad:
            raise Rejected(f"{entry.name}: подпись под {signed.name} недействительна: {'; '.join(bad)}")


def flow_step(main: Entry, root: etree._Element | None = None) -> Move:
    """The flow step of the main file; ``root``: the file already parsed (else it is parsed here)."""
    root = parse_bytes(main.data, name=main.name).getroot() if root is None else root
    kind, _, _ = identify(root)
    summary = summarize(root)
    file_id = root.get("ИдФайл", "")
    function = _PRIMARY_TAGS.get(kind, summary.function)
    if kind in _BUYER_TITLES:  # УПД, УКД, акт or ТОРГ-12 buyer title: it names the seller's file it answers
        path, attribute = _BUYER_TITLES[kind]
        reference = root.find(path)
        related = reference.get(attribute, "") if reference is not None else ""
        return Move(Step.BUYER_TITLE, file_id, related or None, function)
    if kind is DocumentKind.HR:
        return _hr_move(main, file_id, function)
    if kind is DocumentKind.SERVICE:
        step = _SERVICE_STEPS.get(summary.function)
        if step is None:
            raise Rejected(f"{main.name}: неизвестный служебный документ")
        return Move(step, file_id, summary.number or None)
    if kind in (DocumentKind.UNKNOWN, DocumentKind.POA):
        raise Rejected(f"{main.name}: вид документа не распознан — оператор принимает титулы и служебные документы")
    return Move(Step.TITLE, file_id, None, function)


def _hr_move(main: Entry, file_id: str, code: str) -> Move:
    """An HR document: an order referring to a statement, an acknowledgement, or one that starts a flow."""
    doc = hr_from_xml(main.data)
    ref = answered_ref(doc)
    if ref is None:
        return Move(Step.TITLE, file_id, None, code)
    step = Step.ACKNOWLEDGEMENT if doc.kind == "ack" else Step.HR_ORDER
    return Move(step, file_id, ref.file_id, code, answerable_codes(doc))


# --- the server and its directory, as the CLI uses them -----------------------------------------


def build_core(folder: Path, *, checks: bool = True) -> OperatorCore:
    """The operator over ``folder`` (database, key); ``checks=False`` is relay mode."""
    identity = load_identity(folder)
    trust = LiveTrust(folder) if checks else None  # a broken trust folder stops the start, before the store opens
    store = OperatorStore.open(folder)
    intake = CheckingIntake(identity, trust) if checks else None
    return OperatorCore(store, intake, identity.settings.box)


def make_app(folder: Path, *, checks: bool = True) -> Flask:
    return create_app(build_core(folder, checks=checks))


def serve(folder: Path, host: str, port: int, *, checks: bool = True, threads: int = 8, workers: int = 1) -> None:
    """Run the operator until interrupted (waitress: pure-Python, production-grade WSGI server), in
    ``workers`` processes on a multi-core machine (operator_workers)."""
    from edo_app.services.operator_workers import serve_workers

    serve_workers(folder, host, port, checks=checks, threads=threads, workers=workers)


def add_participant(folder: Path, participant_id: str, inn: str, kpp: str, name: str) -> str:
    """Open a box; returns the bearer token, which is shown once and stored only as a hash."""
    participant = Participant(participant_id, inn, kpp, name)
    if participant_id.upper().endswith("-OPERATOR"):
        raise InputError("идентификатор с окончанием -OPERATOR зарезервирован за оператором", "id")
    token = new_token()
    with _store(folder) as store:
        store.add_participant(participant, hash_token(token))
    return token


def renew_token(folder: Path, participant_id: str) -> str:
    """A new bearer token for the box (lost or leaked): shown once; the old one stops working."""
    token = new_token()
    with _store(folder) as store:
        store.replace_token(participant_id, hash_token(token))
    return token


def list_participants(folder: Path, inn: str | None = None, kpp: str | None = None) -> list[Participant]:
    with _store(folder) as store:
        return store.participants(inn, kpp)


def purge_older_than(folder: Path, days: int) -> Purged:
    """Retention (retention.py): acknowledged events and unannounced package bytes over ``days`` old."""
    if days < 1:
        raise InputError("срок хранения — не меньше 1 дня", "older-than")
    with _store(folder) as store:
        return purge(store, datetime.now(UTC) - timedelta(days=days))


@contextmanager
def _store(folder: Path) -> Iterator[OperatorStore]:
    """The operator's store for one CLI command, closed after it."""
    store = OperatorStore.open(folder)
    try:
        yield store
    finally:
        store.close()

