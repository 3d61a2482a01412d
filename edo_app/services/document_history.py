"""The «История» tab: where a document travelled in the exchange and its audit trail, in Russian.

The exchange part is read from the exchange tables even when no operator is configured (a
document imported by hand simply has no link and no packages). Audit actions are translated
here; an action this module does not know is shown as stored, so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from edo_app.model.kinds import DocumentStatus
from edo_app.poa.checks import PoaStatus
from edo_app.printing.text import DASH
from edo_app.storage.database import Database
from edo_app.storage.outbox import ExchangeRepository
from edo_app.storage.records import AuditEvent, InboxItem, OutboxItem

OUTBOX_STATES = {"pending": "ждёт отправки", "sending": "отправляется", "sent": "отправлен", "failed": "не отправлен"}
INBOX_STATES = {"received": "получен, не обработан", "processed": "обработан", "failed": "отклонён"}
ANNULMENT = {"": "", "ours": "мы предложили аннулировать", "theirs": "контрагент предлагает аннулировать"}
PURPOSES = {"document": "документ"}


@dataclass(frozen=True, slots=True)
class PackageView:
    """One package of the document's flow: ours in the outbox or the operator's in the inbox."""

    direction: str  # «Исходящий» / «Входящий»
    purpose: str  # документ, ИОП, УОУ, ПоА, or the event kind of a received one
    counterparty: str
    state: str
    message_id: str = ""
    attempts: int = 0
    error: str = ""


@dataclass(frozen=True, slots=True)
class ExchangeView:
    status: str
    counterparty: str = ""
    package_id: str = ""
    message_id: str = ""
    annulment: str = ""
    packages: tuple[PackageView, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    title: str
    actor: str
    detail: str = ""


def exchange_view(database: Database, document_id: int, status: DocumentStatus) -> ExchangeView:
    repo = ExchangeRepository(database)
    packages = [_outgoing(item) for item in repo.outbox(document_id)]
    packages += [_incoming(item) for item in repo.inbox() if item.document_id == document_id]
    link = repo.link(document_id)
    if link is None:
        return ExchangeView(status.title, packages=tuple(packages))
    return ExchangeView(status.title, link.counterparty, link.package_id or "", link.message_id or "",
                        ANNULMENT.get(link.annulment, link.annulment), tuple(packages))


def _outgoing(item: OutboxItem) -> PackageView:
    return PackageView("Исходящий", PURPOSES.get(item.purpose, item.purpose), item.recipient,
                       OUTBOX_STATES.get(item.state, item.state), item.message_id or "", item.attempts,
                       item.last_error or "")


def _incoming(item: InboxItem) -> PackageView:
    return PackageView("Входящий", item.event_kind, item.payload.get("sender", ""),
                       INBOX_STATES.get(item.state, item.state), item.message_id, error=item.error or "")


def history_entries(events: list[AuditEvent]) -> tuple[HistoryEntry, ...]:
    return tuple(HistoryEntry(e.at, title, e.actor, detail) for e in events
                 for title, detail in (_describe(e.action, e.details),))


def _status(value: object) -> str:
    try:
        return DocumentStatus(value).title
    except ValueError:
        return str(value)


def _poa_status(name: object) -> str:
    return PoaStatus[name].value if isinstance(name, str) and name in PoaStatus.__members__ else str(name)


def _verdict(details: Mapping[str, Any]) -> str:
    if details.get("valid") is None:
        return "не проверялась"
    return "действительна" if details.get("valid") else "недействительна"


Describe = Callable[[Mapping[str, Any]], str]
_ACTIONS: dict[str, tuple[str, Describe]] = {
    "document.added": ("Документ добавлен в реестр", lambda d: f"статус «{_status(d.get('status'))}»"),
    "document.status": ("Изменён статус", lambda d: f"{_status(d.get('from'))} → {_status(d.get('to'))}"
                        + (f" ({d['event']})" if d.get("event") else "")),
    "signature.added": ("Добавлена подпись", lambda d: f"{d.get('signer', DASH)}, подпись {_verdict(d)}"),
    "signature.verified": ("Подпись проверена", lambda d: f"{d.get('signer', DASH)}: {_verdict(d)}"),
    "exchange.queued": ("Поставлен в очередь на отправку",
                        lambda d: f"{PURPOSES.get(d.get('purpose', ''), d.get('purpose', ''))} → {d.get('recipient')}"),
    "exchange.sent": ("Отправлен оператору", lambda d: f"{PURPOSES.get(d.get('purpose', ''), d.get('purpose', ''))},"
                      f" сообщение {d.get('message_id', DASH)}"),
    "exchange.retry": ("Отправка отложена", lambda d: str(d.get("error", ""))),
    "exchange.failed": ("Отправка не удалась", lambda d: str(d.get("error", ""))),
    "exchange.service": ("Получен служебный документ", lambda d: f"{d.get('kind', '')}: {d.get('file', '')}"),
    "exchange.clarification": ("Получено уведомление об уточнении (УОУ)", lambda d: str(d.get("text", ""))),
    "exchange.annulment": ("Аннулирование", lambda d: ANNULMENT.get(d.get("annulment", ""), "") or "завершено"),
    "exchange.annulment_refused": ("Отказ в аннулировании", lambda d: str(d.get("text", ""))),
    "exchange.operator_rejected": ("Оператор отклонил документ", lambda d: str(d.get("reason", ""))),
    "exchange.receipt_skipped": ("Извещение о получении (ИОП) не отправлено", lambda d: str(d.get("reason", ""))),
    "exchange.status_ignored": ("Событие не изменило статус", lambda d: f"{d.get('event', '')}, статус "
                                f"«{_status(d.get('status'))}»"),
    "exchange.unlinked_title": ("Титул покупателя к неизвестному документу", lambda d: str(d.get("seller_file"))),
    "poa.checked": ("Проверена МЧД", lambda d: f"№ {d.get('number', DASH)}, подпись {d.get('signature', DASH)}: "
                    f"{_poa_status(d.get('status'))}"),
    "poa.linked": ("Документ подписан по МЧД", lambda d: f"МЧД реестра № {d.get('poa_id', DASH)}"),
}


def _describe(action: str, details: Mapping[str, Any]) -> tuple[str, str]:
    known = _ACTIONS.get(action)
    if known is None:
        return action, ", ".join(f"{k}: {v}" for k, v in details.items())
    title, describe = known
    return title, describe(details)
