"""Machine-readable powers of attorney (МЧД), the single format EMCHD_1.

Build (``PowerOfAttorney`` or ``poa_from_json``), write (``poa_to_xml``, ``file_name``) and
read (``poa_from_xml``) them; ``covers``, ``valid_on`` and the identity helpers serve the
checks a receiving system makes (DOMAIN.md §4).
"""

from edo_app.model.problems import InputErrors

from .json_input import poa_from_json
from .model import (
    CHECK_STATUS_URL,
    FORMAT_VERSION,
    NAMESPACE,
    NO_REDELEGATION,
    REDELEGATE_FURTHER,
    REDELEGATE_ONCE,
    Irrevocable,
    ParentRef,
    PartyIdentity,
    PersonIdentity,
    Power,
    PowerOfAttorney,
    Powers,
    Redelegation,
    moscow_zone,
)
from .parties import Entrepreneur, IdentityDoc, LegalEntity, Organisation, Person
from .samples import sample_poa
from .xml_build import file_name, poa_to_xml
from .xml_parse import poa_from_xml

__all__ = [
    "CHECK_STATUS_URL", "FORMAT_VERSION", "NAMESPACE", "NO_REDELEGATION", "REDELEGATE_FURTHER", "REDELEGATE_ONCE",
    "Entrepreneur", "IdentityDoc", "InputErrors", "Irrevocable", "LegalEntity", "Organisation", "ParentRef",
    "PartyIdentity", "Person", "PersonIdentity", "Power", "PowerOfAttorney", "Powers", "Redelegation", "file_name",
    "moscow_zone", "poa_from_json", "poa_from_xml", "poa_to_xml", "sample_poa",
]
