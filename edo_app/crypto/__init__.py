"""GOST cryptography of edo-app.

Primitives (pure Python, no third-party crypto at run time):

* ``streebog``: GOST R 34.11-2012 hash, 256 and 512 bit (``Streebog``, ``streebog256``,
  ``streebog512``, ``hash_file``).
* ``openssl_gost``: the same hash through OpenSSL's GOST provider when the system has it
  (``is_available``, ``new_hash`` -> fastest implementation).
* ``curves``: the GOST R 34.10 parameter sets by OID (``get_curve``).
* ``gost3410``: signatures, plus the CMS byte orders (``sign_digest``/``verify_digest``
  work on the Streebog digest and the CMS signature value s||r; see its module doc).

The CMS, certificate and provider layers build on these.
"""

from __future__ import annotations

from edo_app.crypto.curves import CURVES, Curve, get_curve
from edo_app.crypto.gost3410 import (
    digest_to_e,
    generate_private_key,
    public_key,
    public_key_from_octets,
    public_key_to_octets,
    sign,
    sign_digest,
    signature_from_cms,
    signature_to_cms,
    verify,
    verify_digest,
)
from edo_app.crypto.openssl_gost import is_available as openssl_gost_available
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.streebog import HashLike, Streebog, hash_file, streebog256, streebog512

__all__ = [
    "CURVES",
    "Curve",
    "HashLike",
    "Streebog",
    "digest_to_e",
    "generate_private_key",
    "get_curve",
    "hash_file",
    "new_hash",
    "openssl_gost_available",
    "public_key",
    "public_key_from_octets",
    "public_key_to_octets",
    "sign",
    "sign_digest",
    "signature_from_cms",
    "signature_to_cms",
    "streebog256",
    "streebog512",
    "verify",
    "verify_digest",
]

# --- CMS / certificates / trust / verification (CAdES-BES layer) -------------------------------
# Kept in one block at the end: other layers append their own names after it.
from edo_app.crypto.certificates import Certificate, CertificateError, load_certificate
from edo_app.crypto.cms import (
    SignatureFormatError,
    SignedDataInfo,
    SignerData,
    add_cosignature,
    build_detached,
    parse_signed_data,
)
from edo_app.crypto.trust import ChainResult, TrustStore, build_chain
from edo_app.crypto.verify import SignatureVerdict, verify_detached

__all__ += [
    "Certificate",
    "CertificateError",
    "ChainResult",
    "SignatureFormatError",
    "SignatureVerdict",
    "SignedDataInfo",
    "SignerData",
    "TrustStore",
    "add_cosignature",
    "build_chain",
    "build_detached",
    "load_certificate",
    "parse_signed_data",
    "verify_detached",
]
