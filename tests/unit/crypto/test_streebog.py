"""Streebog (GOST R 34.11-2012): the standard's examples, streaming, and gostcrypto as an oracle."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edo_app.crypto.streebog import Streebog, hash_file, streebog256, streebog512
from edo_app.errors import InputError

# GOST R 34.11-2012 appendix A / RFC 6986 section 10. The standard prints the messages and
# digests as big-endian numbers; in byte order M1 is the ASCII digits below and M2 the
# cp1251 text, and the digests are the standard's numbers byte-reversed.
M1 = b"012345678901234567890123456789012345678901234567890123456789012"
M2 = "Се ветри, Стрибожи внуци, веютъ с моря стрелами на храбрыя плъкы Игоревы".encode("cp1251")
STANDARD = {
    (M1, 64): "486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00"
              "fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b",
    (M1, 32): "00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d",
    (M2, 64): "28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f03"
              "7613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e",
    (M2, 32): "508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d",
}


def test_the_standards_messages_are_what_the_tests_say() -> None:
    # The standard prints M1 = 0x323130...3130 and M2 = 0xfbe2e5f0eee3c820...e520e1d1 (big-endian).
    assert int.from_bytes(M1, "little") == int("3231303938373635343332313039383736353433323130393837363534333231"
                                               "30393837363534333231303938373635343332313039383736353433323130", 16)
    assert len(M2) == 72 and M2[:4] == bytes.fromhex("d1e520e2") and M2[-2:] == bytes.fromhex("e2fb")


@pytest.mark.parametrize(("message", "size"), list(STANDARD))
def test_standard_examples(message: bytes, size: int) -> None:
    expected = bytes.fromhex(STANDARD[(message, size)])[::-1]  # the standard's number, in byte order
    assert Streebog(size, message).digest() == expected
    assert (streebog256 if size == 32 else streebog512)(message) == expected


def test_empty_message_digests_match_openssls_known_values() -> None:
    assert streebog256(b"").hex() == "3f539a213e97c802cc229d474c6aa32a825a360b2a933a949fd925208d9ce1bb"
    assert streebog512(b"").hex().startswith("8e945da209aa869f0455928529bcae4679e9873ab707b55315f56ceb98bef0a7")


def test_hashlib_like_interface() -> None:
    h = Streebog(32)
    assert (h.name, h.digest_size, h.block_size) == ("streebog256", 32, 64)
    assert Streebog(64).name == "streebog512"
    h.update(M1[:10])
    clone = h.copy()
    h.update(M1[10:])
    assert h.digest() == h.digest() == streebog256(M1)  # digest() does not finalise the object
    assert h.hexdigest() == streebog256(M1).hex()
    clone.update(b"x")
    assert clone.digest() == streebog256(M1[:10] + b"x")
    h.update(bytearray(b"more"))
    h.update(memoryview(b"!!"))
    assert h.digest() == streebog256(M1 + b"more!!")


@pytest.mark.parametrize("size", [0, 16, 48, 128, -1])
def test_bad_digest_size_is_input_error(size: int) -> None:
    with pytest.raises(InputError) as info:
        Streebog(size)
    assert info.value.field == "digest_size"


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300), cuts=st.lists(st.integers(0, 300), max_size=6))
def test_any_chunking_gives_the_same_digest(data: bytes, cuts: list[int]) -> None:
    h = Streebog(64)
    start = 0
    for cut in sorted(c for c in cuts if c <= len(data)):
        h.update(data[start:cut])
        start = cut
    h.update(data[start:])
    assert h.digest() == streebog512(data)


EDGE_LENGTHS = [0, 1, 31, 32, 55, 56, 63, 64, 65, 127, 128, 129, 191, 192, 193, 511, 512, 513]


@pytest.mark.parametrize("length", EDGE_LENGTHS)
def test_block_edges_against_gostcrypto(length: int) -> None:
    gosthash = pytest.importorskip("gostcrypto.gosthash", reason="gostcrypto (dev oracle) not installed")
    data = bytes((i * 7 + 3) & 0xFF for i in range(length))
    for size, name in ((32, "streebog256"), (64, "streebog512")):
        assert Streebog(size, data).digest() == bytes(gosthash.new(name, data=data).digest())


@settings(max_examples=40, deadline=None)
@given(data=st.one_of(st.binary(max_size=260),
                      st.integers(60, 132).flatmap(lambda n: st.binary(min_size=n, max_size=n))))
def test_random_inputs_against_gostcrypto(data: bytes) -> None:
    gosthash = pytest.importorskip("gostcrypto.gosthash", reason="gostcrypto (dev oracle) not installed")
    assert streebog256(data) == bytes(gosthash.new("streebog256", data=data).digest())
    assert streebog512(data) == bytes(gosthash.new("streebog512", data=data).digest())


def test_counter_and_checksum_carry_with_all_ff_blocks() -> None:
    # 0xff blocks make Sigma's modular addition carry through every word.
    gosthash = pytest.importorskip("gostcrypto.gosthash", reason="gostcrypto (dev oracle) not installed")
    data = b"\xff" * 64 * 3 + b"\xfe"
    assert streebog512(data) == bytes(gosthash.new("streebog512", data=data).digest())


def test_hash_file_streams_in_chunks(tmp_path: Path) -> None:
    path = tmp_path / "doc.bin"
    data = bytes(range(256)) * 40 + b"tail"
    path.write_bytes(data)
    expected = streebog256(data)
    assert hash_file(path, chunk=100, fast=False) == expected
    assert hash_file(path, chunk=1 << 20) == expected  # the fast path when available
    assert hash_file(str(path), digest_size=64, chunk=64, fast=False) == streebog512(data)


def test_hash_file_of_a_missing_file_is_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "нет.xml"
    with pytest.raises(InputError) as info:
        hash_file(missing)
    assert info.value.field == str(missing)


# The fused E (``_e``) against E written the way the standard states it, from the plain LPS.
def _reference_e(key: int, m: int) -> int:
    from edo_app.crypto.streebog import _C, _lps

    state = m
    for c in _C:
        state = _lps(state ^ key)
        key = _lps(key ^ c)
    return state ^ key


@settings(max_examples=25, deadline=None)
@given(key=st.integers(0, (1 << 512) - 1), m=st.integers(0, (1 << 512) - 1))
def test_fused_rounds_equal_the_standards_e(key: int, m: int) -> None:
    from edo_app.crypto.streebog import _C, _e

    xy = ((key ^ _C[0]) << 512 | m ^ key).to_bytes(128, "little")
    assert int.from_bytes(_e(xy)[:64], "little") == _reference_e(key, m)


def test_round_tables_fold_in_the_next_constant() -> None:
    from edo_app.crypto.streebog import _C, _ROUNDS, _T

    assert len(_ROUNDS) == 12 and all(len(r) == 8 for r in _ROUNDS)
    for i, tables in enumerate(_ROUNDS):
        nxt = _C[i + 1] if i < 11 else 0  # round 12 adds nothing: K_13 is used as is
        for w, table in enumerate(tables):
            word = nxt >> 64 * w & (1 << 64) - 1
            assert table[0] == _T[0][0] ^ word and table[255] == _T[0][255] ^ word


def test_packing_format_is_little_endian_64_bit_words() -> None:
    # The native "L" format is chosen only where it equals "<Q"; whatever was chosen must.
    import struct

    from edo_app.crypto.streebog import _PACK8, _PACK16

    words = [(0x0123456789ABCDEF * (i + 1)) & (1 << 64) - 1 for i in range(16)]
    assert _PACK16(*words) == struct.pack("<16Q", *words)
    assert _PACK8(*words[:8]) == struct.pack("<8Q", *words[:8])
    assert _PACK8(*[(1 << 64) - 1] * 8) == b"\xff" * 64


def test_many_blocks_in_one_update_and_in_pieces_against_gostcrypto() -> None:
    gosthash = pytest.importorskip("gostcrypto.gosthash", reason="gostcrypto (dev oracle) not installed")
    data = bytes((i * 131 + 7) & 0xFF for i in range(64 * 40 + 17))
    expected = bytes(gosthash.new("streebog256", data=data).digest())
    assert streebog256(data) == expected
    h = Streebog(32)
    for start in range(0, len(data), 999):  # pieces that straddle block boundaries
        h.update(memoryview(data)[start:start + 999])
    assert h.digest() == expected
