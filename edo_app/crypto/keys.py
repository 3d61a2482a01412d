"""GOST private keys in PKCS#8 (RFC 5208 / 5958), plain or password-protected (PBES2, RFC 8018).

What is read, exactly as OpenSSL 3 with the gost engine writes it
(``openssl genpkey -engine gost -algorithm gost2012_256 -pkeyopt paramset:A``):

* ``PrivateKeyInfo``: version 0, algorithm 1.2.643.7.1.1.1.1 (256) or .2 (512) with
  GostR3410-2012-PublicKeyParameters (publicKeyParamSet, optional digestParamSet), and
  ``privateKey``, an OCTET STRING whose content is one of:
  - the scalar itself, ``curve.size`` bytes LITTLE-endian (what the gost engine writes);
  - a DER OCTET STRING holding those bytes (RFC 9215 style);
  - a DER INTEGER (big-endian, as INTEGER always is; older engines).
  CryptoPro's "masked" keys (key and mask concatenated) are not read.
* ``EncryptedPrivateKeyInfo`` with PBES2 = PBKDF2 (PRF HMAC-SHA-1/224/256/384/512 or
  HMAC-Streebog-256/512, 1.2.643.7.1.1.4.1/.2) + AES-128/192/256-CBC. ``openssl genpkey
  ... -aes-256-cbc -pass pass:X`` writes PBKDF2/hmacWithSHA256/aes-256-cbc, 2048 rounds.
  The GOST ciphers of RFC 9337 (Kuznyechik / Magma CTR-ACPKM) and the old PBES1 schemes
  are recognised and refused with a clear message.

A decrypted key lives only in memory (``GostPrivateKey``); this module never writes one.
A wrong password is detected by the padding / DER check, and callers that hold the
certificate compare the derived public key with it (``check_key_matches``).
"""

from __future__ import annotations

import hashlib
import hmac  # compare_digest only
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

from asn1crypto import core, pem
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from edo_app.crypto import gost3410
from edo_app.crypto.asn1_gost import KEY_256, KEY_512, GostKeyAlgorithm, GostKeyParams
from edo_app.crypto.curves import Curve, get_curve
from edo_app.crypto.openssl_gost import is_available as openssl_gost_available
from edo_app.crypto.streebog import BLOCK_SIZE, Streebog
from edo_app.errors import CryptoError, InputError

PBES2: Final = "1.2.840.113549.1.5.13"
PBKDF2: Final = "1.2.840.113549.1.5.12"
HMAC_SHA1: Final = "1.2.840.113549.2.7"
#: PRF OID -> (hashlib name, digest size, Streebog?)
PRFS: Final[dict[str, tuple[str, int, bool]]] = {
    HMAC_SHA1: ("sha1", 20, False),
    "1.2.840.113549.2.8": ("sha224", 28, False),
    "1.2.840.113549.2.9": ("sha256", 32, False),
    "1.2.840.113549.2.10": ("sha384", 48, False),
    "1.2.840.113549.2.11": ("sha512", 64, False),
    "1.2.643.7.1.1.4.1": ("md_gost12_256", 32, True),  # HMAC_GOSTR3411_2012_256 (RFC 7836)
    "1.2.643.7.1.1.4.2": ("md_gost12_512", 64, True),  # HMAC_GOSTR3411_2012_512
}
#: AES-CBC OID -> key length
AES_CBC: Final = {"2.16.840.1.101.3.4.1.2": 16, "2.16.840.1.101.3.4.1.22": 24, "2.16.840.1.101.3.4.1.42": 32}
_REFUSED_CIPHERS: Final = {
    "1.2.643.7.1.1.5.1.1": "Магма CTR-ACPKM", "1.2.643.7.1.1.5.1.2": "Магма CTR-ACPKM-OMAC",
    "1.2.643.7.1.1.5.2.1": "Кузнечик CTR-ACPKM", "1.2.643.7.1.1.5.2.2": "Кузнечик CTR-ACPKM-OMAC",
    "1.2.643.2.2.21": "ГОСТ 28147-89", "1.2.840.113549.3.7": "3DES-CBC",
}
KEY_2001: Final = "1.2.643.2.2.19"
MAX_ITERATIONS: Final = 10_000_000  # a hostile file must not keep us busy for hours
MAX_PURE_PYTHON_ROUNDS: Final = 200_000  # the same limit for the slow pure-Python Streebog path


class KeyPasswordError(CryptoError):
    """The key is encrypted and the password is missing or wrong."""


class _Attributes(core.SetOf):  # type: ignore[misc]  # asn1crypto is untyped
    _child_spec = core.Any


class _PrivateKeyInfo(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [  # noqa: RUF012 - asn1crypto's declaration style
        ("version", core.Integer),
        ("algorithm", GostKeyAlgorithm),
        ("private_key", core.OctetString),
        ("attributes", _Attributes, {"implicit": 0, "optional": True}),
        ("public_key", core.BitString, {"implicit": 1, "optional": True}),
    ]


class _Algorithm(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", core.Any, {"optional": True})]  # noqa: RUF012


class _EncryptedPrivateKeyInfo(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [("algorithm", _Algorithm), ("encrypted_data", core.OctetString)]  # noqa: RUF012


class _Pbes2Params(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [("kdf", _Algorithm), ("scheme", _Algorithm)]  # noqa: RUF012


class _Pbkdf2Params(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [  # noqa: RUF012
        ("salt", core.OctetString),  # the "otherSource" choice is not used by anyone
        ("iterations", core.Integer),
        ("key_length", core.Integer, {"optional": True}),
        ("prf", _Algorithm, {"optional": True}),
    ]


@dataclass(frozen=True, repr=False)
class GostPrivateKey:
    """A GOST R 34.10-2012 private key held in memory. ``repr`` never shows the scalar."""

    curve: Curve
    algorithm: str  # KEY_256 or KEY_512
    scalar: int = field(repr=False)

    def __repr__(self) -> str:
        return f"GostPrivateKey({self.curve.name})"

    @cached_property
    def public_key_octets(self) -> bytes:
        """X||Y little-endian: the same bytes as the certificate's public key OCTET STRING."""
        return gost3410.public_key_to_octets(self.curve, gost3410.public_key(self.curve, self.scalar))

    def sign_digest(self, digest: bytes) -> bytes:
        """CMS signature value s||r of a Streebog digest (see ``gost3410``)."""
        return gost3410.sign_digest(self.curve, self.scalar, digest)

    def matches(self, public_key_octets: bytes) -> bool:
        return hmac.compare_digest(self.public_key_octets, bytes(public_key_octets))


def _unarmor(data: bytes) -> tuple[str, bytes]:
    """(PEM label or "" for DER, DER bytes)."""
    if pem.detect(data):
        try:
            label, _, der = pem.unarmor(data)
        except ValueError as exc:
            raise InputError(f"Файл ключа повреждён (PEM): {exc}", "key") from None
        return str(label), bytes(der)
    return "", bytes(data)


def is_encrypted_key(data: bytes) -> bool:
    """Whether a PEM/DER key file is an EncryptedPrivateKeyInfo (needs a password)."""
    label, der = _unarmor(data)
    if label:
        return label == "ENCRYPTED PRIVATE KEY"
    try:
        info: Any = _EncryptedPrivateKeyInfo.load(der, strict=True)
        return str(info["algorithm"]["algorithm"].dotted) == PBES2
    except (ValueError, TypeError):
        return False


def load_private_key(data: bytes, password: str | None = None) -> GostPrivateKey:
    """Read a GOST private key from PKCS#8 PEM or DER, decrypting it with ``password`` if needed.

    InputError for files that are no GOST key; KeyPasswordError when the password is
    missing or wrong; CryptoError for encryptions that are not supported.
    """
    label, der = _unarmor(data)
    if label not in ("", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY"):
        raise InputError(f"Ожидался ключ PKCS#8 (BEGIN PRIVATE KEY), а в файле «{label}»", "key")
    if is_encrypted_key(data):
        if not password:
            raise KeyPasswordError("Ключ зашифрован: нужен пароль ключа")
        der = decrypt_pkcs8(der, password)
        try:
            return parse_private_key_info(der)
        except InputError:  # garbage that happened to have valid padding
            raise KeyPasswordError("Неверный пароль ключа") from None
    return parse_private_key_info(der)


def parse_private_key_info(der: bytes) -> GostPrivateKey:
    """A GostPrivateKey from the DER of a clear PrivateKeyInfo."""
    try:
        info: Any = _PrivateKeyInfo.load(der, strict=True)
        algorithm = str(info["algorithm"]["algorithm"].dotted)
        params_any = info["algorithm"]["parameters"]
        content = bytes(info["private_key"].native)
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(f"Файл не является закрытым ключом PKCS#8: {exc}", "key") from None
    if algorithm == KEY_2001:
        raise CryptoError("Ключи ГОСТ Р 34.10-2001 не поддерживаются: нужен ключ ГОСТ Р 34.10-2012")
    if algorithm not in (KEY_256, KEY_512):
        raise InputError(f"Ключ не ГОСТ Р 34.10-2012 (алгоритм {algorithm})", "key.algorithm")
    if params_any.native is None:
        raise InputError("В ключе нет параметров ГОСТ (publicKeyParamSet)", "key.algorithm.parameters")
    try:
        paramset = str(GostKeyParams.load(params_any.dump())["public_key_param_set"].dotted)
    except (ValueError, TypeError) as exc:
        raise InputError(f"Параметры ключа не разбираются: {exc}", "key.algorithm.parameters") from None
    curve = get_curve(paramset, "key.algorithm.parameters.publicKeyParamSet")
    if curve.size != (32 if algorithm == KEY_256 else 64):
        raise InputError(f"Набор параметров {curve.name} не подходит к алгоритму {algorithm}", "key.algorithm")
    scalar = _scalar(content, curve)
    if not 0 < scalar < curve.q:
        raise InputError("Закрытый ключ вне диапазона 0 < d < q", "key.privateKey")
    return GostPrivateKey(curve, algorithm, scalar)


def _scalar(content: bytes, curve: Curve) -> int:
    """The private scalar from the privateKey OCTET STRING content (three encodings, module doc)."""
    if len(content) == curve.size:
        return int.from_bytes(content, "little")
    try:
        inner: Any = core.Asn1Value.load(content, strict=True)
    except (ValueError, TypeError):
        inner = None
    if inner is not None and inner.tag == 4 and len(inner.contents) == curve.size:  # OCTET STRING
        return int.from_bytes(inner.contents, "little")
    if inner is not None and inner.tag == 2:  # INTEGER
        return int(core.Integer.load(content).native)
    raise CryptoError(f"Формат закрытого ключа не поддерживается ({len(content)} байт; "
                      "маскированные ключи КриптоПро не читаются)")


def decrypt_pkcs8(der: bytes, password: str) -> bytes:
    """The PrivateKeyInfo DER inside an EncryptedPrivateKeyInfo (PBES2 + AES-CBC)."""
    try:
        info: Any = _EncryptedPrivateKeyInfo.load(der, strict=True)
        scheme = str(info["algorithm"]["algorithm"].dotted)
        encrypted = bytes(info["encrypted_data"].native)
        if scheme != PBES2:
            raise CryptoError(f"Шифрование ключа {scheme} не поддерживается: нужен PBES2 "
                              "(openssl pkcs8 -topk8 -v2 aes-256-cbc)")
        params: Any = _Pbes2Params.load(info["algorithm"]["parameters"].dump())
        key_length, cipher_iv = _cipher(params["scheme"])
        key = _derive_key(params["kdf"], password.encode("utf-8"), key_length)
    except InputError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(f"Зашифрованный ключ не разбирается: {exc}", "key") from None
    return _aes_cbc_decrypt(key, cipher_iv, encrypted)


def _cipher(scheme: Any) -> tuple[int, bytes]:
    oid = str(scheme["algorithm"].dotted)
    if oid in _REFUSED_CIPHERS:
        raise CryptoError(f"Ключ зашифрован алгоритмом {_REFUSED_CIPHERS[oid]} ({oid}), он не поддерживается: "
                          "перешифруйте ключ в AES-256-CBC (openssl pkcs8 -topk8 -v2 aes-256-cbc)")
    if oid not in AES_CBC:
        raise CryptoError(f"Шифрование ключа {oid} не поддерживается (поддерживается AES-CBC)")
    iv = bytes(core.OctetString.load(scheme["parameters"].dump()).native)
    if len(iv) != 16:
        raise InputError("Вектор инициализации AES должен быть 16 байт", "key.encryptionScheme")
    return AES_CBC[oid], iv


def _derive_key(kdf: Any, password: bytes, key_length: int) -> bytes:
    if kdf["algorithm"].dotted != PBKDF2:
        raise CryptoError(f"Функция выработки ключа {kdf['algorithm'].dotted} не поддерживается (нужна PBKDF2)")
    params: Any = _Pbkdf2Params.load(kdf["parameters"].dump())
    prf = HMAC_SHA1 if params["prf"].native is None else str(params["prf"]["algorithm"].dotted)
    if prf not in PRFS:
        raise CryptoError(f"Функция PRF {prf} для PBKDF2 не поддерживается")
    iterations = int(params["iterations"].native)
    if not 0 < iterations <= MAX_ITERATIONS:
        raise InputError(f"Число итераций PBKDF2 вне пределов: {iterations}", "key.pbkdf2.iterationCount")
    if params["key_length"].native not in (None, key_length):
        raise InputError("Длина ключа PBKDF2 не совпадает с шифром", "key.pbkdf2.keyLength")
    return pbkdf2(prf, password, bytes(params["salt"].native), iterations, key_length)


def _aes_cbc_decrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    if not data or len(data) % 16:
        raise KeyPasswordError("Неверный пароль ключа")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(decryptor.update(data) + decryptor.finalize()) + unpadder.finalize()
    except ValueError:  # bad padding: the derived key is wrong
        raise KeyPasswordError("Неверный пароль ключа") from None


def _hmac_pads(key: bytes, size: int) -> tuple[Streebog, Streebog]:
    """Streebog states after the inner and outer key blocks (RFC 2104, block 64 bytes)."""
    if len(key) > BLOCK_SIZE:
        key = Streebog(size, key).digest()
    key = key.ljust(BLOCK_SIZE, b"\0")
    return Streebog(size, bytes(b ^ 0x36 for b in key)), Streebog(size, bytes(b ^ 0x5C for b in key))


def hmac_streebog(key: bytes, message: bytes, digest_size: int = 32) -> bytes:
    """HMAC over Streebog (RFC 2104; HMAC_GOSTR3411_2012_256/512 of RFC 7836 section 4.1)."""
    inner, outer = _hmac_pads(key, digest_size)
    inner.update(message)
    outer.update(inner.digest())
    return outer.digest()


def pbkdf2(prf_oid: str, password: bytes, salt: bytes, iterations: int, length: int) -> bytes:
    """PBKDF2 (RFC 8018) with one of ``PRFS``; OpenSSL when it has the hash, else pure Python."""
    name, size, is_streebog = PRFS[prf_oid]
    if not is_streebog or openssl_gost_available()[0]:
        try:
            return hashlib.pbkdf2_hmac(name, password, salt, iterations, length)
        except ValueError:  # this OpenSSL lacks the digest after all
            if not is_streebog:
                raise
    blocks = -(-length // size)
    if iterations * blocks > MAX_PURE_PYTHON_ROUNDS:  # ~0.5 ms per round in pure Python
        raise CryptoError(f"PBKDF2 со Стрибогом на {iterations} итераций без OpenSSL с ГОСТ займёт слишком долго: "
                          "установите пакет libengine-gost-openssl или перешифруйте ключ (AES + HMAC-SHA256)")
    return _pbkdf2_streebog(size, password, salt, iterations, length)


def _pbkdf2_streebog(size: int, password: bytes, salt: bytes, iterations: int, length: int) -> bytes:
    inner_base, outer_base = _hmac_pads(password, size)

    def prf(message: bytes) -> bytes:
        inner, outer = inner_base.copy(), outer_base.copy()
        inner.update(message)
        outer.update(inner.digest())
        return outer.digest()

    out = b""
    for index in range(1, -(-length // size) + 1):
        block = prf(salt + index.to_bytes(4, "big"))
        acc = int.from_bytes(block, "big")
        for _ in range(iterations - 1):
            block = prf(block)
            acc ^= int.from_bytes(block, "big")
        out += acc.to_bytes(size, "big")
    return out[:length]


def check_key_matches(key: GostPrivateKey, certificate_key_octets: bytes, *, encrypted: bool = False) -> None:
    """Refuse a key that does not belong to the certificate (CryptoError, Russian).

    For an encrypted key a mismatch usually means a wrong password that slipped past the
    padding check, so the message says both.
    """
    if key.matches(certificate_key_octets):
        return
    if encrypted:
        raise KeyPasswordError("Неверный пароль ключа или ключ не от этого сертификата")
    raise CryptoError("Закрытый ключ не соответствует сертификату (открытые ключи различаются)")
