"""Public keys verified again and again get a comb table: the results stay exactly the same."""

from __future__ import annotations

import random

from edo_app.crypto import gost3410_ec as ec
from edo_app.crypto.curves import CRYPTOPRO_A, TC26_512_A, Curve


def test_a_key_used_often_gets_a_comb_with_the_same_results() -> None:
    rng = random.Random(7)
    for curve in (CRYPTOPRO_A, TC26_512_A):
        point = ec.multiply_base(curve, rng.randrange(1, curve.q))
        assert point is not None
        pairs = [(rng.randrange(curve.q), rng.randrange(curve.q)) for _ in range(6)]
        results = [ec.multiply_add(curve, k1, k2, point) for k1, k2 in pairs]
        assert (curve, point) in ec._key_combs  # from the third use on
        for (k1, k2), result in zip(pairs, results, strict=True):
            expected_first, expected_second = ec.multiply_base(curve, k1), ec.multiply(curve, k2, point)
            assert expected_first is not None and expected_second is not None
            assert result == ec.multiply(curve, 1, _add(curve, expected_first, expected_second))


def test_the_tables_stay_bounded() -> None:
    rng = random.Random(8)
    for _ in range(ec._KEY_COMBS + 3):
        point = ec.multiply_base(CRYPTOPRO_A, rng.randrange(1, CRYPTOPRO_A.q))
        assert point is not None
        for _ in range(ec._KEY_COMB_AFTER + 1):
            ec.multiply_add(CRYPTOPRO_A, 1, 1, point)
    assert len(ec._key_combs) <= ec._KEY_COMBS


def _add(curve: Curve, first: ec.Point, second: ec.Point) -> ec.Point:
    """first + second by the window method's own addition, independent of any comb."""
    total = ec._to_affine(ec._add_affine((first[0], first[1], 1), second, curve.a, curve.p), curve.p)
    assert total is not None
    return total
