"""Point arithmetic on the Weierstrass curves of ``curves``: Jacobian coordinates, Python ints.

A Jacobian triple (X, Y, Z) is the affine point (X/Z^2, Y/Z^3); Z == 0 is the point at
infinity. Affine points are ``(x, y)`` tuples; ``None`` stands for infinity at this
module's boundary only. Additions take an affine second operand ("mixed" addition), so
the precomputed tables are kept affine, normalised with one inversion per batch.

Scalar multiples of the base point use a comb of precomputed 16^i * j * G (no doublings
at all); other points use a fixed 4-bit window, except public keys seen again and again (a
counterparty's, the operator's): from their third verification on they get a comb of their own.
Every window does the same doublings whatever the scalar, and there are no early exits on
secret bits; zero digits still skip their addition, so this is not constant-time (neither is
Python's int arithmetic).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from edo_app.crypto.curves import Curve

Point = tuple[int, int]
_Jac = tuple[int, int, int]
_INF: Final[_Jac] = (1, 1, 0)
_WINDOW: Final = 4
_DIGITS: Final = (1 << _WINDOW) - 1


def _double(point: _Jac, a: int, p: int) -> _Jac:
    x, y, z = point
    if not z or not y:
        return _INF
    yy = y * y % p
    s = 4 * x * yy % p
    zz = z * z % p
    # a = -3 (CryptoPro, TC26 512-A/B): 3x^2 - 3z^4 = 3(x - z^2)(x + z^2), one product fewer.
    m = 3 * (x - zz) * (x + zz) % p if a == p - 3 else (3 * x * x + a * zz * zz) % p
    x3 = (m * m - 2 * s) % p
    return x3, (m * (s - x3) - 8 * yy * yy) % p, 2 * y * z % p


def _add_affine(point: _Jac, other: Point, a: int, p: int) -> _Jac:
    """point + other, where other is affine (not infinity)."""
    x1, y1, z1 = point
    x2, y2 = other
    if not z1:
        return x2, y2, 1
    z1z1 = z1 * z1 % p
    h = (x2 * z1z1 - x1) % p
    r = (y2 * z1 * z1z1 - y1) % p
    if not h:
        return _double(point, a, p) if not r else _INF
    hh = h * h % p
    hhh = h * hh % p
    v = x1 * hh % p
    x3 = (r * r - hhh - 2 * v) % p
    return x3, (r * (v - x3) - y1 * hhh) % p, z1 * h % p


def _to_affine(point: _Jac, p: int) -> Point | None:
    x, y, z = point
    if not z:
        return None
    zi = pow(z, -1, p)
    zi2 = zi * zi % p
    return x * zi2 % p, y * zi2 * zi % p


def _batch_affine(points: list[_Jac], p: int) -> list[Point]:
    """Normalise many points with a single inversion (Montgomery's trick)."""
    prefix, acc = [], 1
    for _, _, z in points:
        if not z:
            raise ValueError("точка в бесконечности в таблице умножения")
        prefix.append(acc)
        acc = acc * z % p
    inv = pow(acc, -1, p)
    out: list[Point] = [(0, 0)] * len(points)
    for i in range(len(points) - 1, -1, -1):
        x, y, z = points[i]
        zi = inv * prefix[i] % p
        inv = inv * z % p
        zi2 = zi * zi % p
        out[i] = (x * zi2 % p, y * zi2 * zi % p)
    return out


def _multiples(point: Point, a: int, p: int) -> list[Point]:
    """[1*P, 2*P, ..., 15*P], affine."""
    acc: _Jac = (point[0], point[1], 1)
    row = [acc]
    for _ in range(_DIGITS - 1):
        acc = _add_affine(acc, point, a, p)
        row.append(acc)
    return _batch_affine(row, p)


_Comb = tuple[list[Point], ...]
_KEY_COMB_AFTER: Final = 2  # uses of a public key before it gets a comb (~10 ms, saves ~1 ms a use)
_KEY_COMBS: Final = 32  # combs of public keys kept (about 1 MB each for 512-bit keys)
_key_uses: dict[tuple[Curve, Point], int] = {}
_key_combs: dict[tuple[Curve, Point], _Comb] = {}


def _comb_of(curve: Curve, point: Point) -> _Comb:
    """Row i holds j * 16^i * point for j = 1..15 (a few ms to ~100 ms to build)."""
    a, p = curve.a, curve.p
    rows = []
    base: Point | None = point
    for _ in range((curve.q.bit_length() + _WINDOW - 1) // _WINDOW):
        if base is None:  # 16^i * point is infinity: a point of small order, not a usable key
            raise ValueError("точка малого порядка")
        row = _multiples(base, a, p)
        rows.append(row)
        x8, y8 = row[7]  # 16 * B = 2 * (8 * B)
        base = _to_affine(_double((x8, y8, 1), a, p), p)
    return tuple(rows)


@lru_cache(maxsize=16)
def _comb(curve: Curve) -> _Comb:
    return _comb_of(curve, curve.base)


def _key_comb(curve: Curve, point: Point) -> _Comb | None:
    """The comb of a public key used often enough, else None. Dict operations are atomic under
    the GIL; two threads may build the same comb once each, which is harmless."""
    key = (curve, point)
    found = _key_combs.get(key)
    if found is not None:
        return found
    uses = _key_uses.get(key, 0) + 1
    if uses <= _KEY_COMB_AFTER:
        if len(_key_uses) > 1024:
            _key_uses.clear()
        _key_uses[key] = uses
        return None
    if len(_key_combs) >= _KEY_COMBS:
        _key_combs.pop(next(iter(_key_combs)))  # the oldest
    _key_combs[key] = comb = _comb_of(curve, point)
    return comb


def _mul_comb(curve: Curve, rows: _Comb, k: int) -> _Jac:
    a, p = curve.a, curve.p
    acc = _INF
    for i, row in enumerate(rows):
        digit = (k >> (_WINDOW * i)) & _DIGITS
        if digit:
            acc = _add_affine(acc, row[digit - 1], a, p)
    return acc


def _mul_base_jac(curve: Curve, k: int) -> _Jac:
    return _mul_comb(curve, _comb(curve), k)


def _mul_jac(curve: Curve, k: int, point: Point) -> _Jac:
    a, p = curve.a, curve.p
    table = _multiples(point, a, p)
    acc = _INF
    for i in range((k.bit_length() + _WINDOW - 1) // _WINDOW - 1, -1, -1):
        for _ in range(_WINDOW):
            acc = _double(acc, a, p)
        digit = (k >> (_WINDOW * i)) & _DIGITS
        if digit:
            acc = _add_affine(acc, table[digit - 1], a, p)
    return acc


def multiply_base(curve: Curve, k: int) -> Point | None:
    """k * G for 0 <= k < q (None when k == 0)."""
    return _to_affine(_mul_base_jac(curve, k % curve.q), curve.p)


def multiply(curve: Curve, k: int, point: Point) -> Point | None:
    """k * point for any k >= 0 (not reduced: also used to check a point's order)."""
    return _to_affine(_mul_jac(curve, k, point), curve.p)


def multiply_add(curve: Curve, k1: int, k2: int, point: Point) -> Point | None:
    """k1 * G + k2 * point: the verification equation."""
    first = _to_affine(_mul_base_jac(curve, k1 % curve.q), curve.p)
    comb = _key_comb(curve, point)
    second = _mul_comb(curve, comb, k2 % curve.q) if comb is not None else _mul_jac(curve, k2 % curve.q, point)
    if first is None:
        return _to_affine(second, curve.p)
    return _to_affine(_add_affine(second, first, curve.a, curve.p), curve.p)
