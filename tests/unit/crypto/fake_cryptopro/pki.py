"""A tiny test PKI in pure Python: GOST keys in PKCS#8 (as OpenSSL's gost engine writes them),
password-protected PKCS#8, self-signed GOST certificates and detached CAdES-BES CMS.

Test code only: hand-written DER so the tests need neither OpenSSL nor the CMS layer.
Fictional owners only.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta

from asn1crypto import core, pem, x509
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from edo_app.crypto import gost3410
from edo_app.crypto.curves import Curve
from edo_app.crypto.keys import PBES2, PBKDF2, pbkdf2
from edo_app.crypto.streebog import Streebog

KEY_OIDS = {32: "1.2.643.7.1.1.1.1", 64: "1.2.643.7.1.1.1.2"}
DIGEST_OIDS = {32: "1.2.643.7.1.1.2.2", 64: "1.2.643.7.1.1.2.3"}
SIGNATURE_OIDS = {32: "1.2.643.7.1.1.3.2", 64: "1.2.643.7.1.1.3.3"}
AES256_CBC = "2.16.840.1.101.3.4.1.42"
HMAC_SHA256 = "1.2.840.113549.2.9"
HMAC_STREEBOG512 = "1.2.643.7.1.1.4.2"


def der(tag: int, content: bytes) -> bytes:
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + content


def seq(*parts: bytes) -> bytes:
    return der(0x30, b"".join(parts))


def set_of(*parts: bytes) -> bytes:
    return der(0x31, b"".join(sorted(parts)))  # DER: SET OF sorted by encoding


def oid(dotted: str) -> bytes:
    return bytes(core.ObjectIdentifier(dotted).dump())


def integer(value: int) -> bytes:
    return bytes(core.Integer(value).dump())


def octets(data: bytes) -> bytes:
    return der(0x04, data)


def to_pem(label: str, data: bytes) -> bytes:
    return bytes(pem.armor(label, data))


def key_params(curve: Curve) -> bytes:
    """GostR3410-2012-PublicKeyParameters; the digest set is written for 256-bit CryptoPro curves."""
    if curve.size == 32 and not curve.oid.startswith("1.2.643.7.1.2.1.1."):
        return seq(oid(curve.oid), oid(DIGEST_OIDS[32]))
    return seq(oid(curve.oid))


def private_key_info(curve: Curve, d: int, encoding: str = "raw") -> bytes:
    """PrivateKeyInfo DER. ``encoding``: "raw" (LE bytes, the gost engine), "octet" (inner OCTET
    STRING, LE) or "integer" (inner INTEGER)."""
    raw = d.to_bytes(curve.size, "little")
    content = {"raw": raw, "octet": octets(raw), "integer": integer(d)}[encoding]
    return seq(integer(0), seq(oid(KEY_OIDS[curve.size]), key_params(curve)), octets(content))


def new_key(curve: Curve, encoding: str = "raw") -> tuple[int, bytes]:
    """(d, PEM of a clear PKCS#8 key)."""
    d = gost3410.generate_private_key(curve)
    return d, to_pem("PRIVATE KEY", private_key_info(curve, d, encoding))


def encrypt_pkcs8(info_der: bytes, password: str, *, prf: str = HMAC_SHA256, iterations: int = 2048,
                  cipher_oid: str = AES256_CBC, declared_iterations: int | None = None) -> bytes:
    """PEM EncryptedPrivateKeyInfo, PBES2 + PBKDF2(prf) + AES-256-CBC (or a declared other cipher OID).
    ``declared_iterations`` writes another count than the one used (hostile files)."""
    salt, iv = os.urandom(8), os.urandom(16)
    key = pbkdf2(prf, password.encode(), salt, iterations, 32)
    padder = padding.PKCS7(128).padder()
    data = padder.update(info_der) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    encrypted = encryptor.update(data) + encryptor.finalize()
    kdf = seq(oid(PBKDF2), seq(octets(salt), integer(declared_iterations or iterations), seq(oid(prf), b"\x05\x00")))
    scheme = seq(oid(cipher_oid), octets(iv))
    return to_pem("ENCRYPTED PRIVATE KEY", seq(seq(oid(PBES2), seq(kdf, scheme)), octets(encrypted)))


def _name(common_name: str) -> bytes:
    return bytes(x509.Name.build({"country_name": "RU", "organization_name": "ООО «Ромашка-Тест»",
                                  "surname": "Тестов", "given_name": "Пётр Иванович",
                                  "common_name": common_name}).dump())


def streebog(size: int, data: bytes) -> bytes:
    return Streebog(size, data).digest()


def self_signed(curve: Curve, d: int, common_name: str = "Тестов Пётр Иванович", days: int = 365) -> bytes:
    """DER of a self-signed v3 certificate for the key d (GOST signature over the TBS)."""
    size = curve.size
    now = datetime.now(UTC).replace(microsecond=0)
    public = gost3410.public_key_to_octets(curve, gost3410.public_key(curve, d))
    spki = seq(seq(oid(KEY_OIDS[size]), key_params(curve)), der(0x03, b"\x00" + octets(public)))
    validity = seq(bytes(core.UTCTime(now - timedelta(days=1)).dump()),
                   bytes(core.UTCTime(now + timedelta(days=days)).dump()))
    name = _name(common_name)
    serial = int.from_bytes(os.urandom(12), "big") | 1 << 95
    tbs = seq(der(0xA0, integer(2)), integer(serial), seq(oid(SIGNATURE_OIDS[size])), name, validity, name, spki)
    signature = gost3410.sign_digest(curve, d, streebog(size, tbs))
    return seq(tbs, seq(oid(SIGNATURE_OIDS[size])), der(0x03, b"\x00" + signature))


def detached_cms(content: bytes, cert_der: bytes, curve: Curve, d: int) -> bytes:
    """Detached CAdES-BES SignedData (DER) the way CryptoPro writes it (key OID as signatureAlgorithm)."""
    size = curve.size
    cert = x509.Certificate.load(cert_der)
    now = datetime.now(UTC).replace(microsecond=0)
    digest_alg = seq(oid(DIGEST_OIDS[size]))
    ess = seq(seq(seq(seq(oid(DIGEST_OIDS[32])), octets(streebog(32, cert_der)))))
    attributes = [
        seq(oid("1.2.840.113549.1.9.3"), set_of(oid("1.2.840.113549.1.7.1"))),
        seq(oid("1.2.840.113549.1.9.5"), set_of(bytes(core.UTCTime(now).dump()))),
        seq(oid("1.2.840.113549.1.9.4"), set_of(octets(streebog(size, content)))),
        seq(oid("1.2.840.113549.1.9.16.2.47"), set_of(ess)),
    ]
    signed_attrs = set_of(*attributes)
    signature = gost3410.sign_digest(curve, d, streebog(size, signed_attrs))
    sid = seq(bytes(cert["tbs_certificate"]["issuer"].dump()), integer(cert.serial_number))
    signer = seq(integer(1), sid, digest_alg, b"\xa0" + signed_attrs[1:], seq(oid(KEY_OIDS[size])),
                 octets(signature))
    signed_data = seq(integer(1), set_of(digest_alg), seq(oid("1.2.840.113549.1.7.1")),
                      der(0xA0, cert_der), set_of(signer))
    return seq(oid("1.2.840.113549.1.7.2"), der(0xA0, signed_data))


def sha1_hex(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()
