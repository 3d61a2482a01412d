"""Certificate revocation lists (СОС, X.509 CRL v2) of GOST УЦ: reading one, and checking that its
УЦ signed it.

A УЦ publishes its list of revoked certificates (the УЦ ФНС's has hundreds of thousands of
entries); the user downloads it and adds it to the trust folder next to the УЦ's certificate, and
``trust.build_chain`` then refuses a certificate the list names as revoked before the moment
checked. A list counts only when its issuer's key in the chain verifies its signature (Streebog of
the TBSCertList, s||r in the BIT STRING, as for certificates). No network fetching (CDP) and no
OCSP: the office machines this runs on often have no route to the УЦ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from asn1crypto import crl as asn1_crl

from edo_app.crypto import asn1_gost
from edo_app.crypto.certificates import Certificate
from edo_app.errors import InputError

__all__ = ["MAX_CRL_BYTES", "RevocationList", "crl_signed_by", "load_crl"]

MAX_CRL_BYTES: Final = 64 << 20  # the largest УЦ lists are tens of MB
_PEM_NAMES: Final = ("X509 CRL",)
_ERRORS: Final = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


@dataclass(frozen=True)
class RevocationList:
    der: bytes = field(repr=False)
    issuer_der: bytes
    issuer_name: str  # the issuer's common name, for messages
    this_update: datetime
    next_update: datetime | None
    revoked: Mapping[int, datetime] = field(repr=False)  # serial number -> revocation date
    signature_algorithm: str
    tbs_der: bytes = field(repr=False)
    signature: bytes = field(repr=False)
    # issuer certificate DER -> whether its key made the signature: every chain asks again, and a
    # УЦ's list can be megabytes to hash
    verified_by: dict[bytes, bool] = field(default_factory=dict, repr=False, compare=False)

    def revoked_at(self, serial: int) -> datetime | None:
        return self.revoked.get(serial)


def load_crl(data: bytes) -> RevocationList:
    """A CRL from DER or PEM (``-----BEGIN X509 CRL-----``); InputError (Russian) otherwise."""
    if len(data) > MAX_CRL_BYTES:
        raise InputError(f"список отзыва больше {MAX_CRL_BYTES >> 20} МБ", "crl")
    der = data
    if b"-----BEGIN" in data[:4096]:
        blocks = asn1_gost.pem_blocks(data, _PEM_NAMES)
        if not blocks:
            raise InputError("в PEM-файле нет списка отзыва (X509 CRL)", "crl")
        der = blocks[0]
    try:
        return _read(asn1_crl.CertificateList.load(der, strict=True))
    except _ERRORS as exc:
        raise InputError(f"файл не является списком отзыва сертификатов (CRL): {exc}", "crl") from None


def _read(loaded: Any) -> RevocationList:
    tbs = loaded["tbs_cert_list"]
    revoked = {int(entry["user_certificate"].native): entry["revocation_date"].native
               for entry in tbs["revoked_certificates"] or ()}
    issuer = tbs["issuer"]
    names = [value for key, value in issuer.native.items() if key == "common_name"]
    return RevocationList(
        der=bytes(loaded.dump()), issuer_der=bytes(issuer.dump()), issuer_name=str(names[0]) if names else "?",
        this_update=tbs["this_update"].native, next_update=tbs["next_update"].native, revoked=revoked,
        signature_algorithm=str(loaded["signature_algorithm"]["algorithm"].dotted), tbs_der=bytes(tbs.dump()),
        signature=bytes(loaded["signature"].native))


def crl_signed_by(crl: RevocationList, issuer: Certificate) -> bool:
    """Whether ``issuer``'s GOST key made the list's signature (False for other algorithms);
    checked once per list and issuer."""
    known = crl.verified_by.get(issuer.der)
    if known is None:
        known = crl.verified_by[issuer.der] = issuer.made(crl.signature_algorithm, crl.tbs_der, crl.signature)
    return known
