"""The five service documents of the regulated EDO flow as frozen dataclasses.

    ИОП  DP_IZVPOL   1.03 КНД 1115110  ReceiptNotice         a participant: «I received file X»
    ПДО  DP_PDOTPR   1.03 КНД 1115111  OperatorConfirmation  the operator: «file X was sent at …»
    ПДП  DP_PDPOL    1.03 КНД 1115112  OperatorConfirmation  the operator: «file X arrived at …»
    УОУ  DP_UVUTOCH  1.03 КНД 1115113  ClarificationRequest  a participant: «please correct X»
    ПоА  DP_PRANNUL  1.02 (no КНД)     AnnulmentProposal     either side: «let us annul X»

Construction checks every field and reports all problems at once (InputErrors with field
paths), so a document in hand always serialises to XML valid against its official schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from edo_app.errors import InputError
from edo_app.model.fields import need_text
from edo_app.model.fileid import FileId
from edo_app.model.party import Party
from edo_app.model.problems import Problems

from .service_types import (
    UNLIMITED,
    EdoOperator,
    EdoParticipant,
    ForeignMember,
    ReferencedFile,
    ServiceSigner,
)
from .upd_model import PROGRAM
from .upd_types import need_moment


@dataclass(frozen=True, slots=True)
class ServiceFormat:
    code: str  # short Russian name: ИОП, ПДО, ПДП, УОУ, ПоА
    prefix: str  # of ИдФайл
    knd: str  # "" for ПоА: its schema has no КНД
    version: str  # ВерсФорм
    title: str


IOP = ServiceFormat("ИОП", "DP_IZVPOL", "1115110", "1.03", "Извещение о получении")
PDO = ServiceFormat("ПДО", "DP_PDOTPR", "1115111", "1.03", "Подтверждение даты отправки")
PDP = ServiceFormat("ПДП", "DP_PDPOL", "1115112", "1.03", "Подтверждение даты поступления")
UOU = ServiceFormat("УОУ", "DP_UVUTOCH", "1115113", "1.03", "Уведомление об уточнении")
ANNUL = ServiceFormat("ПоА", "DP_PRANNUL", "", "1.02", "Предложение об аннулировании")
SERVICE_FORMATS: dict[str, ServiceFormat] = {f.code: f for f in (IOP, PDO, PDP, UOU, ANNUL)}
CLARIFICATION_MAX = 20_000  # ТекстУведУточ: the order's limit (the schema states none)
Check = Callable[[], None]


def _check_all(checks: list[tuple[str, Check]]) -> None:
    """Run every check under its field path; raise InputErrors listing all that failed."""
    problems = Problems()
    for path, check in checks:
        problems.run(path, check)
    problems.raise_if_any()


def _file_id(file_id: FileId, fmt: ServiceFormat) -> Check:
    def check() -> None:
        if not isinstance(file_id, FileId) or file_id.prefix != fmt.prefix:
            raise InputError(f"имя файла {fmt.code} должно начинаться с {fmt.prefix}")
    return check


def _moment(value: datetime) -> Check:
    return lambda: need_moment(value, "")


def _member(member: EdoParticipant, *, operator: bool = False) -> Check:
    """Any participant form of УчастЭДОТип; the operator only where the format allows it."""
    def check() -> None:
        if not isinstance(member, EdoParticipant):
            raise InputError("ожидается участник ЭДО (EdoParticipant)")
        if isinstance(member.party, EdoOperator) and not operator:
            raise InputError("оператор ЭДО здесь не указывается", "party")
    return check


def _annul_member(member: EdoParticipant) -> Check:
    """ПоА 1.02 knows organisations and ИП only; its КПП allows 0-9/A-F in places 5–6."""
    def check() -> None:
        _member(member)()
        party = member.party
        if isinstance(party, ForeignMember) or (isinstance(party, Party) and not party.is_organisation
                                                 and not member.entrepreneur):
            raise InputError("в предложении об аннулировании участник — организация или ИП", "party")
        if isinstance(party, Party) and party.is_organisation and not all(c in "0123456789ABCDEF"
                                                                          for c in party.kpp[4:6]):
            raise InputError(f"КПП «{party.kpp}»: 5–6 знаки — цифры или латинские A–F", "party.kpp")
    return check


def _full_signer(signer: ServiceSigner) -> Check:
    def check() -> None:
        if not isinstance(signer, ServiceSigner):
            raise InputError("укажите подписанта")
        need_text(signer.position, "position", 255, required=False)
    return check


def _plain_signer(signer: ServiceSigner | None, *, position_required: bool) -> Check:
    def check() -> None:
        if signer is None:
            return
        if not isinstance(signer, ServiceSigner):
            raise InputError("ожидается подписант (ServiceSigner)")
        if not signer.is_plain:
            raise InputError("в этом документе о подписанте указываются только ФИО и должность")
        need_text(signer.position, "position", 1000, required=position_required)
    return check


def _referenced(ref: ReferencedFile, *, single: bool = False) -> Check:
    def check() -> None:
        if not isinstance(ref, ReferencedFile):
            raise InputError("ожидаются сведения о файле (ReferencedFile)")
        if single and len(ref.signatures) != 1:
            raise InputError("указывается ровно одна подпись под файлом", "signatures")
    return check


def _program(program: str) -> Check:
    return lambda: need_text(program, "", 40)


@dataclass(frozen=True, slots=True)
class ReceiptNotice:
    """ИОП: ``author`` (УчастЭДО) received ``received`` from ``sender`` (ОтпрДок) at ``received_at``."""

    file_id: FileId
    author: EdoParticipant
    received: ReferencedFile
    received_at: datetime  # ДатаПол + ВремяПол
    sender: EdoParticipant  # may be the operator (an ИОП on its ПДО)
    signer: ServiceSigner
    program: str = PROGRAM

    def __post_init__(self) -> None:
        _check_all([("file_id", _file_id(self.file_id, IOP)), ("author", _member(self.author)),
                    ("received", _referenced(self.received)), ("received_at", _moment(self.received_at)),
                    ("sender", _member(self.sender, operator=True)), ("signer", _full_signer(self.signer)),
                    ("program", _program(self.program))])

    @property
    def format(self) -> ServiceFormat:
        return IOP

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


@dataclass(frozen=True, slots=True)
class OperatorConfirmation:
    """ПДП (``kind`` "ПДП": the file arrived at the operator at ``at``) or ПДО ("ПДО": the operator
    sent it on at ``at``). ``sender`` and ``recipient`` are those of the confirmed file."""

    kind: str
    file_id: FileId
    operator: EdoOperator
    document: ReferencedFile
    at: datetime
    sender: EdoParticipant  # СвОтпрДок
    recipient: EdoParticipant  # СвПолДок
    signer: ServiceSigner | None = None  # an operator's employee: ФИО and Должность
    program: str = PROGRAM

    def __post_init__(self) -> None:
        if self.kind not in ("ПДП", "ПДО"):
            raise InputError("вид подтверждения оператора: ПДП или ПДО", "kind")
        _check_all([("file_id", _file_id(self.file_id, self.format)), ("operator", self._operator),
                    ("document", _referenced(self.document)), ("at", _moment(self.at)),
                    ("sender", _member(self.sender)), ("recipient", _member(self.recipient)),
                    ("signer", _plain_signer(self.signer, position_required=True)),
                    ("program", _program(self.program))])

    def _operator(self) -> None:
        if not isinstance(self.operator, EdoOperator):
            raise InputError("ожидается оператор ЭДО (EdoOperator)")

    @property
    def format(self) -> ServiceFormat:
        return SERVICE_FORMATS[self.kind]

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


@dataclass(frozen=True, slots=True)
class ClarificationRequest:
    """УОУ: ``author`` received ``received`` from ``sender`` and asks to correct it (``text``)."""

    file_id: FileId
    author: EdoParticipant
    received: ReferencedFile  # exactly one signature in this format
    received_at: datetime
    text: str  # ТекстУведУточ, up to 20 000 characters
    sender: EdoParticipant
    signer: ServiceSigner
    program: str = PROGRAM

    def __post_init__(self) -> None:
        _check_all([("file_id", _file_id(self.file_id, UOU)), ("author", _member(self.author)),
                    ("received", _referenced(self.received, single=True)),
                    ("received_at", _moment(self.received_at)),
                    ("text", lambda: need_text(self.text, "", CLARIFICATION_MAX)),
                    ("sender", _member(self.sender)), ("signer", _full_signer(self.signer)),
                    ("program", _program(self.program))])

    @property
    def format(self) -> ServiceFormat:
        return UOU

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


@dataclass(frozen=True, slots=True)
class AnnulmentProposal:
    """ПоА: ``author`` proposes to ``recipient`` (НапрПредАн) to annul ``annulled``, for ``reason``."""

    file_id: FileId
    author: EdoParticipant
    annulled: ReferencedFile
    reason: str  # ТекстПредАн
    recipient: EdoParticipant
    signer: ServiceSigner | None = None
    program: str = PROGRAM

    def __post_init__(self) -> None:
        _check_all([("file_id", _file_id(self.file_id, ANNUL)), ("author", _annul_member(self.author)),
                    ("annulled", _referenced(self.annulled)),
                    ("reason", lambda: need_text(self.reason, "", UNLIMITED)),
                    ("recipient", _annul_member(self.recipient)),
                    ("signer", _plain_signer(self.signer, position_required=False)),
                    ("program", _program(self.program))])

    @property
    def format(self) -> ServiceFormat:
        return ANNUL

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


ServiceDocument = ReceiptNotice | OperatorConfirmation | ClarificationRequest | AnnulmentProposal
