"""Kinds of documents and their life-cycle statuses."""

from __future__ import annotations

import enum


class DocumentKind(enum.Enum):
    """What a stored file is. Values are stable: they go into the database."""

    UPD_SELLER = "upd_seller"
    UPD_BUYER = "upd_buyer"
    UKD_SELLER = "ukd_seller"
    UKD_BUYER = "ukd_buyer"
    TORG12_SELLER = "torg12_seller"
    TORG12_BUYER = "torg12_buyer"
    ACT_SELLER = "act_seller"
    ACT_BUYER = "act_buyer"
    ETRN = "etrn"
    HR = "hr"
    POA = "poa"
    SERVICE = "service"
    UNKNOWN = "unknown"

    @property
    def title(self) -> str:
        return _TITLES[self]


_TITLES = {
    DocumentKind.UPD_SELLER: "УПД (титул продавца)",
    DocumentKind.UPD_BUYER: "УПД (титул покупателя)",
    DocumentKind.UKD_SELLER: "УКД (титул продавца)",
    DocumentKind.UKD_BUYER: "УКД (титул покупателя)",
    DocumentKind.TORG12_SELLER: "ТОРГ-12 (титул продавца)",
    DocumentKind.TORG12_BUYER: "ТОРГ-12 (титул покупателя)",
    DocumentKind.ACT_SELLER: "Акт (титул исполнителя)",
    DocumentKind.ACT_BUYER: "Акт (титул заказчика)",
    DocumentKind.ETRN: "Транспортная накладная",
    DocumentKind.HR: "Кадровый документ",
    DocumentKind.POA: "МЧД",
    DocumentKind.SERVICE: "Служебный документ",
    DocumentKind.UNKNOWN: "Неизвестный документ",
}


class Direction(enum.Enum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"
    DRAFT = "draft"


class DocumentStatus(enum.Enum):
    """Paired statuses as operators show them."""

    DRAFT = "draft"
    VALIDATED = "validated"
    INVALID = "invalid"
    SIGNED = "signed"
    SENT = "sent"
    DELIVERED = "delivered"
    SIGNATURE_REQUIRED = "signature_required"
    SIGNED_BY_COUNTERPARTY = "signed_by_counterparty"
    SIGNED_WITH_DISCREPANCIES = "signed_with_discrepancies"  # accepted with a claim (КодИтога 2)
    REJECTED = "rejected"
    CLARIFICATION_REQUIRED = "clarification_required"
    ANNULLED = "annulled"
    RECEIVED = "received"

    @property
    def title(self) -> str:
        return _STATUS_TITLES[self]


_STATUS_TITLES = {
    DocumentStatus.DRAFT: "Черновик",
    DocumentStatus.VALIDATED: "Проверен",
    DocumentStatus.INVALID: "Содержит ошибки",
    DocumentStatus.SIGNED: "Подписан",
    DocumentStatus.SENT: "Отправлен",
    DocumentStatus.DELIVERED: "Доставлен",
    DocumentStatus.SIGNATURE_REQUIRED: "Требуется подпись",
    DocumentStatus.SIGNED_BY_COUNTERPARTY: "Подписан контрагентом",
    DocumentStatus.SIGNED_WITH_DISCREPANCIES: "Подписан с расхождениями",
    DocumentStatus.REJECTED: "Отказано",
    DocumentStatus.CLARIFICATION_REQUIRED: "Требуется уточнение",
    DocumentStatus.ANNULLED: "Аннулирован",
    DocumentStatus.RECEIVED: "Получен",
}
