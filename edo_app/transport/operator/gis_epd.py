"""The reference operator's stand-in for ГИС ЭПД: registering an электронная транспортная накладная.

A real operator forwards the shipper's title 1 (ON_TRNACLGROT) to ГИС ЭПД, which assigns the
waybill its УИД_ТрН; the later titles must carry it. The reference operator plays that part: when it
accepts a package whose document is a title 1, it assigns a УИД_ТрН itself and tells both sides with
a status event on that message (``status`` = ``etrn_registered``, ``uid``, ``file_id``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from edo_app.transport.base import EventKind
from edo_app.transport.operator.store import Notice
from edo_app.transport.package import Package, Role

__all__ = ["REGISTERED", "TITLE_1_PREFIX", "registration_notices"]

TITLE_1_PREFIX = "ON_TRNACLGROT_"
REGISTERED = "etrn_registered"


def _new_uid() -> str:
    return str(uuid.uuid4())


def registration_notices(package: Package, message_id: str, new_uid: Callable[[], str] = _new_uid) -> list[Notice]:
    """The ГИС ЭПД registration events of an accepted package: none unless it carries an ЭТрН title 1."""
    documents = package.by_role(Role.DOCUMENT)
    names = [entry.name for entry in documents if entry.name.startswith(TITLE_1_PREFIX)]
    if not names:
        return []
    payload = {"status": REGISTERED, "uid": new_uid(), "file_id": names[0].removesuffix(".xml")}
    return [Notice(owner, EventKind.STATUS_CHANGED, message_id, dict(payload))
            for owner in (package.recipient, package.sender)]
