"""GOST R 34.10-2012: the standard's examples, CMS byte orders, and gostcrypto as an oracle."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edo_app.crypto import gost3410 as gost
from edo_app.crypto.curves import CRYPTOPRO_A, CURVES, TC26_512_A, TEST_256, TEST_512, Curve
from edo_app.errors import InputError

# GOST R 34.10-2012 appendix A (RFC 7091 section 7): the standard gives e (not the message).
EXAMPLE_256 = {
    "d": 0x7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28,
    "e": 0x2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5,
    "k": 0x77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3,
    "x": 0x7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B,
    "y": 0x26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA,
    "r": 0x41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493,
    "s": 0x01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40,
}


def _h(*parts: str) -> int:
    return int("".join(parts), 16)


EXAMPLE_512 = {
    "d": _h("0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B1020",
            "72E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4"),
    "e": _h("3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C591",
            "7184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C"),
    "k": _h("0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F3658",
            "86748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1"),
    "x": _h("115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD",
            "5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1"),
    "y": _h("37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61",
            "EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC"),
    "r": _h("2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD3",
            "5492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36"),
    "s": _h("1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5",
            "823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A"),
}


@pytest.mark.parametrize(("curve", "ex"), [(TEST_256, EXAMPLE_256), (TEST_512, EXAMPLE_512)],
                         ids=["256", "512"])
def test_standard_example(curve: Curve, ex: dict[str, int]) -> None:
    # e is the standard's alpha; as a Streebog digest it is that number written little-endian.
    digest = ex["e"].to_bytes(curve.size, "little")
    assert gost.digest_to_e(digest, curve.q) == ex["e"] % curve.q
    assert gost.public_key(curve, ex["d"]) == (ex["x"], ex["y"])
    assert gost.sign(curve, ex["d"], digest, k=ex["k"]) == (ex["r"], ex["s"])
    assert gost.verify(curve, (ex["x"], ex["y"]), digest, ex["r"], ex["s"])
    assert not gost.verify(curve, (ex["x"], ex["y"]), digest, ex["r"], ex["s"] ^ 1)
    assert not gost.verify(curve, (ex["x"], ex["y"]), digest[::-1], ex["r"], ex["s"])  # wrong byte order


def test_zero_e_becomes_one() -> None:
    q = TEST_256.q
    assert gost.digest_to_e(bytes(32), q) == 1
    assert gost.digest_to_e(q.to_bytes(32, "little"), q) == 1
    assert gost.digest_to_e(b"\x05" + bytes(31), q) == 5  # first byte is the least significant


@pytest.mark.parametrize("curve", sorted({id(c): c for c in CURVES.values()}.values(), key=lambda c: c.oid),
                         ids=lambda c: c.name)
def test_round_trip_on_every_curve(curve: Curve) -> None:
    d = gost.generate_private_key(curve)
    point = gost.public_key(curve, d)
    digest = bytes(range(curve.size))
    signature = gost.sign_digest(curve, d, digest)
    assert len(signature) == 2 * curve.size
    key_octets = gost.public_key_to_octets(curve, point)
    assert gost.public_key_from_octets(curve, key_octets) == point
    assert gost.verify_digest(curve, key_octets, digest, signature)
    assert gost.verify_digest(curve, point, digest, signature)
    assert gost.verify_digest(curve, bytearray(key_octets), digest, signature)
    assert not gost.verify_digest(curve, point, bytes(reversed(digest)), signature)
    assert not gost.verify_digest(curve, point, digest, signature[::-1])
    other = gost.public_key(curve, d % (curve.q - 1) + 1 if d != curve.q - 1 else 1)
    assert not gost.verify_digest(curve, other, digest, signature)


def test_cms_byte_orders() -> None:
    r, s = 0x0102, 0x0A0B
    value = gost.signature_to_cms(r, s, 32)
    assert value == s.to_bytes(32, "big") + r.to_bytes(32, "big")  # s || r, big-endian halves
    assert gost.signature_from_cms(value) == (r, s)
    point = (0x01, 0x0203)
    octets = gost.public_key_to_octets(CRYPTOPRO_A, point)
    assert octets == b"\x01" + bytes(31) + b"\x03\x02" + bytes(30)  # X || Y, little-endian each


def test_public_key_octets_accept_der_and_reject_bad_keys() -> None:
    point = gost.public_key(CRYPTOPRO_A, 12345)
    raw = gost.public_key_to_octets(CRYPTOPRO_A, point)
    assert gost.public_key_from_octets(CRYPTOPRO_A, b"\x04\x40" + raw) == point
    point512 = gost.public_key(TC26_512_A, 12345)
    raw512 = gost.public_key_to_octets(TC26_512_A, point512)
    assert gost.public_key_from_octets(TC26_512_A, b"\x04\x81\x80" + raw512) == point512
    for bad in (raw[:-1], raw[:-1] + bytes([raw[-1] ^ 1]), bytes(64), b"\x04\x41" + raw):
        with pytest.raises(InputError) as info:
            gost.public_key_from_octets(CRYPTOPRO_A, bad)
        assert info.value.field == "public_key"


def test_bad_inputs() -> None:
    curve = CRYPTOPRO_A
    point = gost.public_key(curve, 777)
    with pytest.raises(InputError, match="32 байт"):
        gost.sign(curve, 777, bytes(64))
    for d in (0, curve.q, -1):
        with pytest.raises(InputError):
            gost.sign(curve, d, bytes(32))
    with pytest.raises(InputError):
        gost.sign(curve, 777, bytes(32), k=curve.q)
    with pytest.raises(InputError):
        gost.verify(curve, (point[0], point[1] ^ 1), bytes(32), 1, 1)
    with pytest.raises(InputError):
        gost.signature_from_cms(bytes(65))
    digest = bytes(32)
    r, s = gost.sign(curve, 777, digest)
    assert not gost.verify(curve, point, digest, 0, s)
    assert not gost.verify(curve, point, digest, r, curve.q + s)
    assert not gost.verify_digest(curve, point, digest, bytes(128))


def _gostcrypto_signer(curve_name: str, mode: str):  # type: ignore[no-untyped-def]
    gs = pytest.importorskip("gostcrypto.gostsignature", reason="gostcrypto (dev oracle) not installed")
    return gs.new(getattr(gs, mode), gs.CURVES_R_1323565_1_024_2019[curve_name])


# gostcrypto's names for the sets; it reads keys, k and the digest BIG-endian and returns r || s.
GOSTCRYPTO_CURVES = [
    ("1.2.643.2.2.35.1", "id-tc26-gost-3410-2012-256-paramSetB", "MODE_256"),
    ("1.2.643.7.1.2.1.1.1", "id-tc26-gost-3410-2012-256-paramSetA", "MODE_256"),
    ("1.2.643.7.1.2.1.2.1", "id-tc26-gost-3410-12-512-paramSetA", "MODE_512"),
    ("1.2.643.7.1.2.1.2.3", "id-tc26-gost-3410-2012-512-paramSetC", "MODE_512"),
]


@pytest.mark.parametrize(("oid", "name", "mode"), GOSTCRYPTO_CURVES, ids=[c[1] for c in GOSTCRYPTO_CURVES])
@settings(max_examples=8, deadline=None)
@given(seed=st.integers(1, 2**600), digest_seed=st.binary(min_size=64, max_size=64))
def test_against_gostcrypto(oid: str, name: str, mode: str, seed: int, digest_seed: bytes) -> None:
    curve = CURVES[oid]
    other = _gostcrypto_signer(name, mode)
    size = curve.size
    d, k = seed % (curve.q - 1) + 1, (seed * 7 + 3) % (curve.q - 1) + 1
    digest = digest_seed[:size]
    key_be = bytearray(d.to_bytes(size, "big"))
    public = bytes(other.public_key_generate(key_be))
    point = gost.public_key(curve, d)
    assert public == point[0].to_bytes(size, "big") + point[1].to_bytes(size, "big")
    theirs = bytes(other.sign(key_be, bytearray(digest[::-1]), bytearray(k.to_bytes(size, "big"))))
    r, s = gost.sign(curve, d, digest, k=k)
    assert theirs == r.to_bytes(size, "big") + s.to_bytes(size, "big")
    assert gost.verify(curve, point, digest, r, s)
    assert other.verify(bytearray(public), bytearray(digest[::-1]), bytearray(theirs))
