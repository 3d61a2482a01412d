"""GOST R 34.10-2012 signatures (256 and 512 bit) and the byte orders CMS uses for them.

Byte orders, stated once (DOMAIN.md section 5):

* ``digest``: the hash exactly as Streebog returns it (``streebog256(data)``, the bytes
  OpenSSL prints and CMS stores in messageDigest). The standard's alpha is that byte
  string read LITTLE-endian: ``e = int.from_bytes(digest, "little") mod q`` (1 if 0).
* ``(r, s)``: plain integers. The standard's vector is r||s, each big-endian.
* CMS SignatureValue: ``s || r``, each BIG-endian, ``curve.size`` bytes
  (``signature_to_cms`` / ``signature_from_cms``).
* Public key in a certificate: an OCTET STRING holding ``X || Y``, each LITTLE-endian,
  ``curve.size`` bytes (``public_key_to_octets`` / ``public_key_from_octets``).
* Private key ``d``: a plain integer, 0 < d < q.

So the CMS layer does: ``e_digest = streebog256(DER(signed attributes))`` and
``sign_digest(curve, d, e_digest)`` -> bytes for SignerInfo.signature, or
``verify_digest(curve, key_octets, e_digest, signature)`` -> bool.

Those two go through OpenSSL's gost engine when it is installed and passed its self-check
(``openssl_gost_sign``: about 5x faster verify, 7-9x sign); ``sign`` and ``verify`` are always
the pure-Python reference, which also answers every input the engine is not given.
"""

from __future__ import annotations

import secrets

from edo_app.crypto import openssl_gost_sign
from edo_app.crypto.curves import Curve
from edo_app.crypto.gost3410_ec import Point, multiply, multiply_add, multiply_base
from edo_app.errors import InputError


def digest_to_e(digest: bytes, q: int) -> int:
    """e = alpha mod q, alpha = ``digest`` read little-endian; 0 becomes 1 (standard, step 2)."""
    e = int.from_bytes(digest, "little") % q
    return e or 1


def _check_digest(curve: Curve, digest: bytes) -> None:
    if len(digest) != curve.size:
        raise InputError(f"Хэш для подписи на кривой {curve.name} должен быть {curve.size} байт, "
                         f"получено {len(digest)}", "digest")


def _check_private(curve: Curve, d: int) -> None:
    if not 0 < d < curve.q:
        raise InputError("Закрытый ключ вне диапазона 0 < d < q", "private_key")


def generate_private_key(curve: Curve) -> int:
    """A fresh random private key d, 0 < d < q (from ``secrets``)."""
    return 1 + secrets.randbelow(curve.q - 1)


def public_key(curve: Curve, d: int) -> Point:
    """Q = d * G as an affine point (x, y)."""
    _check_private(curve, d)
    point = multiply_base(curve, d)
    assert point is not None  # 0 < d < q
    return point


def sign(curve: Curve, private_key: int, digest: bytes, k: int | None = None) -> tuple[int, int]:
    """Sign a Streebog ``digest`` (see module doc for its byte order); returns (r, s).

    ``k`` fixes the per-signature secret (tests and the standard's example only: reusing
    a k reveals the key). Without it a random k is drawn until r and s are non-zero.
    """
    _check_digest(curve, digest)
    _check_private(curve, private_key)
    q = curve.q
    e = digest_to_e(digest, q)
    while True:
        nonce = 1 + secrets.randbelow(q - 1) if k is None else k
        if not 0 < nonce < q:
            raise InputError("Одноразовый ключ k вне диапазона 0 < k < q", "k")
        point = multiply_base(curve, nonce)
        assert point is not None
        r = point[0] % q
        s = (r * private_key + nonce * e) % q
        if r and s:
            return r, s
        if k is not None:
            raise InputError("С этим k подпись не получается (r или s равно 0), нужен другой k", "k")


def verify(curve: Curve, public_point: Point, digest: bytes, r: int, s: int) -> bool:
    """Whether (r, s) is a valid signature of ``digest`` under ``public_point``.

    A malformed signature (r or s out of range) is simply invalid: False. A public point
    off the curve is bad input: InputError.
    """
    _check_digest(curve, digest)
    if not curve.contains(public_point):
        raise InputError(f"Открытый ключ не лежит на кривой {curve.name}", "public_key")
    q = curve.q
    if not (0 < r < q and 0 < s < q):
        return False
    v = pow(digest_to_e(digest, q), -1, q)
    point = multiply_add(curve, s * v % q, -r * v % q, public_point)
    return point is not None and point[0] % q == r


def signature_to_cms(r: int, s: int, size: int) -> bytes:
    """The CMS/CryptoPro signature value: s || r, each big-endian in ``size`` bytes (32 or 64)."""
    return s.to_bytes(size, "big") + r.to_bytes(size, "big")


def signature_from_cms(data: bytes) -> tuple[int, int]:
    """(r, s) from a CMS signature value s || r (64 bytes for 256-bit keys, 128 for 512)."""
    if len(data) not in (64, 128):
        raise InputError(f"Подпись ГОСТ должна быть 64 или 128 байт, получено {len(data)}", "signature")
    half = len(data) // 2
    return int.from_bytes(data[half:], "big"), int.from_bytes(data[:half], "big")


def public_key_to_octets(curve: Curve, point: Point) -> bytes:
    """X || Y, each little-endian in ``curve.size`` bytes: the content of the certificate's OCTET STRING."""
    x, y = point
    return x.to_bytes(curve.size, "little") + y.to_bytes(curve.size, "little")


def _unwrap_octet_string(data: bytes | bytearray, size: int) -> bytes:
    """Accept the raw 2*size bytes, or the same wrapped in a DER OCTET STRING (04 40 ... / 04 81 80 ...)."""
    if len(data) == 2 * size:
        return bytes(data)
    header = b"\x04\x40" if size == 32 else b"\x04\x81\x80"
    if len(data) == len(header) + 2 * size and data.startswith(header):
        return bytes(data[len(header):])
    raise InputError(f"Открытый ключ должен быть {2 * size} байт (X||Y), получено {len(data)}", "public_key")


def public_key_from_octets(curve: Curve, data: bytes | bytearray) -> Point:
    """The point from X || Y little-endian (raw or DER OCTET STRING); checked to be on the curve
    and, for curves with a cofactor, in the subgroup of order q."""
    raw = _unwrap_octet_string(data, curve.size)
    point = (int.from_bytes(raw[:curve.size], "little"), int.from_bytes(raw[curve.size:], "little"))
    if not curve.contains(point) or point == (0, 0):
        raise InputError(f"Открытый ключ не лежит на кривой {curve.name}", "public_key")
    if curve.cofactor != 1 and multiply(curve, curve.q, point) is not None:
        raise InputError(f"Открытый ключ не принадлежит подгруппе порядка q кривой {curve.name}", "public_key")
    return point


def sign_digest(curve: Curve, private_key: int, digest: bytes, k: int | None = None) -> bytes:
    """Sign and return the CMS signature value (s || r, big-endian halves).

    Without ``k`` the engine signs when it can (its k comes from OpenSSL's DRBG).
    """
    if k is None:
        _check_digest(curve, digest)
        _check_private(curve, private_key)
        made = openssl_gost_sign.fast_sign(curve, private_key, digest)
        if made is not None:
            return made
    r, s = sign(curve, private_key, digest, k)
    return signature_to_cms(r, s, curve.size)


def verify_digest(curve: Curve, public_key: bytes | bytearray | Point, digest: bytes, signature: bytes) -> bool:
    """Check a CMS signature value (s || r) of ``digest``; ``public_key`` is a point or X||Y octets."""
    if isinstance(public_key, bytes | bytearray):
        answer = openssl_gost_sign.fast_verify(curve, bytes(public_key), digest, signature)
        if answer is not None:
            return answer
        point = public_key_from_octets(curve, bytes(public_key))
    else:
        point = public_key
    if len(signature) != 2 * curve.size:
        return False
    r, s = signature_from_cms(signature)
    return verify(curve, point, digest, r, s)
