"""The parameter sets: typed constants proven by curve maths, and the OID registry."""

from __future__ import annotations

from math import isqrt

import pytest

from edo_app.crypto import gost3410_ec as ec
from edo_app.crypto.curves import (
    CRYPTOPRO_A,
    CRYPTOPRO_B,
    CRYPTOPRO_C,
    CURVES,
    TC26_256_A,
    TC26_512_C,
    Curve,
    get_curve,
)
from edo_app.errors import InputError

DISTINCT = sorted({id(c): c for c in CURVES.values()}.values(), key=lambda c: c.oid)


def _probable_prime(n: int) -> bool:
    return all(pow(base, n - 1, n) == 1 for base in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37))


@pytest.mark.parametrize("curve", DISTINCT, ids=lambda c: c.name)
def test_parameters_are_consistent(curve: Curve) -> None:
    assert curve.contains(curve.base)
    assert _probable_prime(curve.p) and _probable_prime(curve.q)
    assert ec.multiply(curve, curve.q, curve.base) is None  # q * G = O: q is the base point's order
    assert ec.multiply(curve, curve.q - 1, curve.base) == (curve.x, curve.p - curve.y)
    # Hasse: the group order h*q lies within p + 1 +- 2*sqrt(p); catches a wrong cofactor.
    assert abs(curve.cofactor * curve.q - (curve.p + 1)) <= 2 * isqrt(curve.p) + 2
    assert curve.size == (32 if curve.p < 1 << 256 else 64)


def _edwards_to_weierstrass(p: int, e: int, d: int, u: int, v: int) -> tuple[int, int, int, int]:
    """RFC 7836 section A.2 map from e*u^2 + v^2 = 1 + d*u^2*v^2 to y^2 = x^3 + a*x + b."""
    s = (e - d) * pow(4, -1, p) % p
    t = (e + d) * pow(6, -1, p) % p
    a = (s * s - 3 * t * t) % p
    b = (2 * t**3 - t * s * s) % p
    x = (s * (1 + v) * pow(1 - v, -1, p) + t) % p
    y = s * (1 + v) * pow((1 - v) * u, -1, p) % p
    return a, b, x, y


def test_tc26_twisted_edwards_sets_match_their_weierstrass_form() -> None:
    # The twisted Edwards parameters as RFC 7836 gives them (e = 1, d, and the base point (u, v)).
    edwards_256a = (
        1,
        0x0605F6B7C183FA81578BC39CFAD518132B9DF62897009AF7E522C32D6DC7BFFB,
        0x0D,
        0x60CA1E32AA475B348488C38FAB07649CE7EF8DBE87F22E81F92B2592DBA300E7,
    )
    edwards_512c = (
        1,
        int("9E4F5D8C017D8D9F13A5CF3CDF5BFE4DAB402D54198E31EBDE28A0621050439C"
            "A6B39E0A515C06B304E2CE43E79E369E91A0CFC2BC2A22B4CA302DBB33EE7550", 16),
        0x12,
        int("469AF79D1FB1F5E16B99592B77A01E2A0FDFB0D01794368D9A56117F7B386695"
            "22DD4B650CF789EEBF068C5D139732F0905622C04B2BAAE7600303EE73001A3D", 16),
    )
    for curve, params in ((TC26_256_A, edwards_256a), (TC26_512_C, edwards_512c)):
        assert _edwards_to_weierstrass(curve.p, *params) == (curve.a, curve.b, curve.x, curve.y)


def test_aliases() -> None:
    assert get_curve("1.2.643.2.2.36.0") is CRYPTOPRO_A  # XchA
    assert get_curve("1.2.643.2.2.36.1") is CRYPTOPRO_C  # XchB
    assert get_curve("1.2.643.7.1.2.1.1.2") is CRYPTOPRO_A  # TC26 256-B
    assert get_curve("1.2.643.7.1.2.1.1.3") is CRYPTOPRO_B  # TC26 256-C
    assert get_curve("1.2.643.7.1.2.1.1.4") is CRYPTOPRO_C  # TC26 256-D
    assert {c.oid for c in DISTINCT} == {
        "1.2.643.2.2.35.0", "1.2.643.2.2.35.1", "1.2.643.2.2.35.2", "1.2.643.2.2.35.3",
        "1.2.643.7.1.2.1.1.1", "1.2.643.7.1.2.1.2.0", "1.2.643.7.1.2.1.2.1", "1.2.643.7.1.2.1.2.2",
        "1.2.643.7.1.2.1.2.3",
    }


def test_unknown_oid_is_input_error_naming_the_field() -> None:
    with pytest.raises(InputError) as info:
        get_curve("1.2.840.10045.3.1.7", "certificate.publicKeyParamSet")
    assert info.value.field == "certificate.publicKeyParamSet"
    assert "1.2.840.10045.3.1.7" in info.value.message


@pytest.mark.parametrize("curve", [CRYPTOPRO_A, TC26_256_A, TC26_512_C], ids=lambda c: c.name)
def test_comb_and_window_multiplication_agree(curve: Curve) -> None:
    for raw in (1, 2, 15, 16, 17, 255, 256, curve.q - 1, curve.q // 3, 0xDEADBEEF << 100):
        k = raw % curve.q
        assert ec.multiply_base(curve, k) == ec.multiply(curve, k, curve.base)
    assert ec.multiply_base(curve, 0) is None
    two_g = ec.multiply_base(curve, 2)
    assert two_g is not None
    assert ec.multiply_add(curve, 3, 5, two_g) == ec.multiply_base(curve, 13)
    assert ec.multiply_add(curve, 0, 5, two_g) == ec.multiply_base(curve, 10)
    assert ec.multiply_add(curve, 4, curve.q - 2, two_g) is None  # 4G - 4G = O
