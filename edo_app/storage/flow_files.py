"""The packages of one document's flow, as the exchange kept them: the document's own package (as
received, or as sent: with its signatures and МЧД), the service documents received about it (ПДП,
ПДО, ИОП, УОУ, ПоА — found through the audit record ``exchange.service`` that names the message)
and the ones sent about it from the outbox (ИОП, УОУ, ПоА). The ZIP bytes are returned as stored;
reading them is the caller's business."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from edo_app.storage.database import Database
from edo_app.storage.models import EventRecord, InboxPackageRecord, InboxRecord, OutboxPackageRecord, OutboxRecord

__all__ = ["FlowPackage", "flow_packages"]

SERVICE_RECEIVED = "exchange.service"  # the audit action the exchange writes for a received service document


@dataclass(frozen=True)
class FlowPackage:
    received: bool  # True: came from the counterparty or the operator; False: we sent it
    at: datetime
    what: str  # "document" for the document's own package, else the kind (ПДП, ИОП, ...) as recorded
    package: bytes = field(repr=False)


def flow_packages(database: Database, document_id: int) -> list[FlowPackage]:
    """Received and sent service packages of the document, oldest first."""
    with database.session() as session:
        notes = session.execute(select(EventRecord.at, EventRecord.details).where(
            EventRecord.document_id == document_id, EventRecord.action == SERVICE_RECEIVED)).all()
        by_message = {str(d.get("message_id")): (at, str(d.get("kind", ""))) for at, d in notes if d.get("message_id")}
        received = session.execute(select(InboxRecord.message_id, InboxPackageRecord.package).join(
            InboxPackageRecord, InboxPackageRecord.inbox_id == InboxRecord.id).where(
            InboxRecord.message_id.in_(list(by_message)))).all()
        own = session.execute(select(InboxRecord.received_at, InboxPackageRecord.package).join(
            InboxPackageRecord, InboxPackageRecord.inbox_id == InboxRecord.id).where(
            InboxRecord.document_id == document_id)).all()
        sent = session.execute(select(OutboxRecord.created_at, OutboxRecord.purpose, OutboxPackageRecord.package).join(
            OutboxPackageRecord, OutboxPackageRecord.outbox_id == OutboxRecord.id).where(
            OutboxRecord.document_id == document_id, OutboxRecord.state != "failed")).all()
    found = [FlowPackage(True, *by_message[message_id], bytes(data)) for message_id, data in received]
    found += [FlowPackage(True, at, "document", bytes(data)) for at, data in own]
    found += [FlowPackage(False, at, purpose, bytes(data)) for at, purpose, data in sent]
    return sorted(found, key=lambda item: item.at)
