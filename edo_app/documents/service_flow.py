"""Service documents as the regulated flow needs them, built from the file they answer.

Each answer goes back the other way: its ИдФайл names as recipient the party that sent the
answered file (or the participant an operator confirmation is for) and as sender the one who
forms it. The file's day defaults to the moment in the document, the GUID to a fresh one;
pass both for reproducible bytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from edo_app.errors import InputError
from edo_app.model.fileid import FileId

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
)
from .service_types import EdoOperator, EdoParticipant, ReferencedFile, ServiceSigner, file_stem
from .upd_io import UpdDocument
from .upd_model import PROGRAM


def file_name(doc: UpdDocument | ServiceDocument) -> str:
    """The exchange file name of any document of this package: @ИдФайл + .xml."""
    return doc.file_name


def _name(file_id: FileId | str) -> str:
    """The referenced file as FNS names it: the ИдФайл, without .xml."""
    return file_stem(str(file_id))


def _signatures(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _new_id(prefix: str, recipient: str, sender: str, day: date, guid: str | None) -> FileId:
    return FileId(prefix, recipient, sender, day, guid or str(uuid.uuid4()))


def receipt_notice_for(received_file_id: FileId | str, received_signature_b64: str | Sequence[str],
                       received_at: datetime, *, sender: EdoParticipant, recipient: EdoParticipant,
                       signer: ServiceSigner, day: date | None = None, guid: str | None = None,
                       program: str = PROGRAM) -> ReceiptNotice:
    """ИОП from ``recipient`` (who got the file) to ``sender`` (who sent it: a participant, or
    the operator for an ИОП on its ПДО)."""
    file_id = _new_id(IOP.prefix, sender.edo_id, recipient.edo_id, day or received_at.date(), guid)
    return ReceiptNotice(file_id, recipient, ReferencedFile(_name(received_file_id),
                                                            _signatures(received_signature_b64)),
                         received_at, sender, signer, program)


def operator_confirmation(kind: str, document_file_id: FileId | str, document_signature_b64: str | Sequence[str],
                          at: datetime, *, operator: EdoOperator, sender: EdoParticipant,
                          recipient: EdoParticipant, addressee: EdoParticipant | None = None,
                          signer: ServiceSigner | None = None, day: date | None = None, guid: str | None = None,
                          program: str = PROGRAM) -> OperatorConfirmation:
    """ПДП or ПДО of ``operator`` on a file ``sender`` sent to ``recipient``.

    ``addressee`` (whose id the ИдФайл carries as recipient) defaults to the sender for ПДП
    and to the recipient for ПДО, the way DOMAIN.md §3 describes the flow.
    """
    if kind not in ("ПДП", "ПДО"):
        raise InputError("вид подтверждения оператора: ПДП или ПДО", "kind")
    to = addressee or (sender if kind == "ПДП" else recipient)
    file_id = _new_id(SERVICE_FORMATS[kind].prefix, to.edo_id, operator.operator_id, day or at.date(), guid)
    return OperatorConfirmation(kind, file_id, operator, ReferencedFile(_name(document_file_id),
                                                                        _signatures(document_signature_b64)),
                                at, sender, recipient, signer, program)


def clarification_request_for(received_file_id: FileId | str, received_signature_b64: str, received_at: datetime,
                              *, sender: EdoParticipant, recipient: EdoParticipant, signer: ServiceSigner, text: str,
                              day: date | None = None, guid: str | None = None,
                              program: str = PROGRAM) -> ClarificationRequest:
    """УОУ from ``recipient`` asking ``sender`` to correct the file it sent; ``text`` says what."""
    file_id = _new_id(UOU.prefix, sender.edo_id, recipient.edo_id, day or received_at.date(), guid)
    return ClarificationRequest(file_id, recipient, ReferencedFile(_name(received_file_id), (received_signature_b64,)),
                                received_at, text, sender, signer, program)


def annulment_proposal_for(document_file_id: FileId | str, document_signatures_b64: str | Sequence[str],
                           *, author: EdoParticipant, counterparty: EdoParticipant, reason: str,
                           day: date, signer: ServiceSigner | None = None, guid: str | None = None,
                           program: str = PROGRAM) -> AnnulmentProposal:
    """ПоА from ``author`` to ``counterparty`` to annul a document both have (with the
    signatures it carries). The format has no date of its own, so ``day`` is required."""
    file_id = _new_id(ANNUL.prefix, counterparty.edo_id, author.edo_id, day, guid)
    return AnnulmentProposal(file_id, author, ReferencedFile(_name(document_file_id),
                                                             _signatures(document_signatures_b64)),
                             reason, counterparty, signer, program)
