"""The operator's confirmations (ПДП, ПДО) as packages: what the stamping step hands back.

Forming and signing the XML needs documents and crypto, which this layer may not import; the
service layer implements ``Intake`` (see core.py) and returns ``Stamp`` values, and this module
wraps each into a service package from the operator's own box. Package ids are derived from the
confirmed message, so a stamp is the same package however often it is rebuilt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from edo_app.transport.package import Entry, Package, PackageKind, Role

__all__ = ["STAMP_NAMESPACE", "Stamp", "stamp_package"]

STAMP_NAMESPACE = uuid.UUID("5d3c1f0e-7a4b-4e8f-9c21-0a6b8e7d4f10")  # this project's own namespace


@dataclass(frozen=True)
class Stamp:
    """One signed confirmation for ``recipient`` about the file ``related`` (its ИдФайл)."""

    kind: str  # "ПДП" or "ПДО"
    recipient: str
    file_name: str
    xml: bytes
    signature: bytes
    related: str


def stamp_package(operator_box: str, stamp: Stamp, confirmed_message: str, created: datetime) -> Package:
    entries = (
        Entry(stamp.file_name, Role.SERVICE_DOCUMENT, stamp.xml, related=stamp.related),
        Entry(stamp.file_name + ".sig", Role.SERVICE_SIGNATURE, stamp.signature, signs=stamp.file_name),
    )
    package_id = str(uuid.uuid5(STAMP_NAMESPACE, f"{confirmed_message}/{stamp.kind}/{stamp.recipient}"))
    return Package(package_id, operator_box, stamp.recipient, PackageKind.SERVICE, entries, created)
