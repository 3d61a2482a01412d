"""Streebog, the hash function of GOST R 34.11-2012 (RFC 6986), in pure Python.

Conventions (the standard's, mapped onto bytes): a 512-bit vector is held as a Python
int whose least significant byte is the FIRST byte of the 64-byte block, i.e.
``int.from_bytes(block, "little")``. The message is therefore processed from its first
byte on (the standard's "end" of the bit string), and the digest is the state written
back little-endian: Streebog-512 is all 64 bytes, Streebog-256 the last 32 (the most
significant half). The digests are the byte strings other tools print (OpenSSL
``md_gost12_256``, CryptoPro); the standard's own appendix prints them reversed.

Speed (CPython runs straight-line local-variable code several times faster than loops
over bytes, so the hot code is written out by hand):

* S, P and L are fused into 8 tables T_j of 256 64-bit words (built once at import from π
  and A): output word w of LPS(x) is the XOR over j of T_j[byte w of input word j].
* The 12 rounds of E run inside one function, ``_e``, on two 512-bit values kept as
  ``bytes`` between rounds: x = state ^ key (the input of the state's LPS) and y = key ^ C_i
  (the input of the key schedule's LPS). Both are unpacked into 128 byte locals, looked up,
  and packed again with one ``struct`` call; no big-int conversion happens inside E. Since
  LPS(x) ^ LPS(y) is the next x, the key is never held on its own.
* C_{i+1} is folded into T_0 (``_ROUNDS``: per round, one copy of T_0 per output word with
  that word of C_{i+1} XORed in), so y needs no separate XOR with the constant; x gets the
  constant twice, which cancels.
* ``struct`` packs native unsigned longs faster than ``<Q``, so that format is used where
  it is 8 bytes little-endian (Linux, macOS on x86-64/arm64), ``<Q`` elsewhere.

Measured and not faster on CPython 3.11 (so not to be tried again without a new reason):
16-bit tables (misses in a 12-29 MB working set cost more than the halved look-ups, even
with the transposed layout that keeps them 64-bit); collecting the 64 look-ups as bytes,
joining and folding the 4096-bit int with shifts (``from_bytes`` of 512 bytes plus the
folds outweigh the 56 XORs); ``map``/``itemgetter``/``charmap_decode`` look-ups (per-call
cost, and the tables depend on the byte's position); ``tuple`` tables; unpacking through
``struct``, ``list`` or ``memoryview.tolist``; the round as a function taking 128
arguments. Per round about 470 bytecodes remain (128 look-ups, 120 XORs, one unpack and
one pack), which is where the time goes.

``openssl_gost.new_hash`` gives a C implementation when OpenSSL's GOST provider is
installed; this module is the always-available fallback.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Callable
from typing import Final, Protocol

from edo_app.crypto.streebog_consts import C_HEX, PI, A
from edo_app.errors import InputError

BLOCK_SIZE: Final = 64
DIGEST_SIZES: Final = (32, 64)
_MASK512: Final = (1 << 512) - 1
_NATIVE_LONG: Final = struct.calcsize("L") == 8 and sys.byteorder == "little"
_PACK8: Final = struct.Struct("8L" if _NATIVE_LONG else "<8Q").pack
_PACK16: Final = struct.Struct("16L" if _NATIVE_LONG else "<16Q").pack
_MASK64: Final = (1 << 64) - 1
_FROM_BYTES: Final = int.from_bytes


def _build_tables() -> tuple[list[int], ...]:
    """T_j[v] = l(word with π(v) in byte j, zeros elsewhere), for j = 0..7.

    l maps bit t of a word (t = 0 is the least significant) to row A[63 - t]. Folding π
    in makes S free; P is the transposition of the 8x8 byte matrix, done by the choice
    of which input byte feeds which output word in ``_lps``.
    """
    tables = []
    for j in range(8):
        table = []
        for v in range(256):
            sv, acc = PI[v], 0
            for u in range(8):
                if sv >> u & 1:
                    acc ^= A[63 - 8 * j - u]
            table.append(acc)
        tables.append(table)
    return tuple(tables)


def _round_tables(t0: list[int], consts: tuple[int, ...]) -> tuple[tuple[list[int], ...], ...]:
    """Per round i = 1..12, T_0 with word w of C_{i+1} XORed in (one table per w; C_13 = 0)."""
    rounds = []
    for c in (*consts[1:], 0):
        rounds.append(tuple([v ^ (c >> 64 * w & _MASK64) for v in t0] for w in range(8)))
    return tuple(rounds)


_T: Final = _build_tables()
_C: Final = tuple(int(c, 16) for c in C_HEX)
_ROUNDS: Final = _round_tables(_T[0], _C)
_IV256: Final = _FROM_BYTES(b"\x01" * 64, "little")


def _lps(
    x: int, *,
    t0: list[int] = _T[0], t1: list[int] = _T[1], t2: list[int] = _T[2], t3: list[int] = _T[3],
    t4: list[int] = _T[4], t5: list[int] = _T[5], t6: list[int] = _T[6], t7: list[int] = _T[7],
    pack: Callable[..., bytes] = _PACK8,
) -> int:
    """L(P(S(x))) for K_1 = LPS(h ^ N). Output word w takes byte w of every input word j (that is P)."""
    (b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22,
     b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36, b37, b38, b39, b40, b41, b42, b43,
     b44, b45, b46, b47, b48, b49, b50, b51, b52, b53, b54, b55, b56, b57, b58, b59, b60, b61, b62, b63,
     ) = x.to_bytes(64, "little")  # fmt: skip
    return _FROM_BYTES(pack(
        t0[b0] ^ t1[b8] ^ t2[b16] ^ t3[b24] ^ t4[b32] ^ t5[b40] ^ t6[b48] ^ t7[b56],
        t0[b1] ^ t1[b9] ^ t2[b17] ^ t3[b25] ^ t4[b33] ^ t5[b41] ^ t6[b49] ^ t7[b57],
        t0[b2] ^ t1[b10] ^ t2[b18] ^ t3[b26] ^ t4[b34] ^ t5[b42] ^ t6[b50] ^ t7[b58],
        t0[b3] ^ t1[b11] ^ t2[b19] ^ t3[b27] ^ t4[b35] ^ t5[b43] ^ t6[b51] ^ t7[b59],
        t0[b4] ^ t1[b12] ^ t2[b20] ^ t3[b28] ^ t4[b36] ^ t5[b44] ^ t6[b52] ^ t7[b60],
        t0[b5] ^ t1[b13] ^ t2[b21] ^ t3[b29] ^ t4[b37] ^ t5[b45] ^ t6[b53] ^ t7[b61],
        t0[b6] ^ t1[b14] ^ t2[b22] ^ t3[b30] ^ t4[b38] ^ t5[b46] ^ t6[b54] ^ t7[b62],
        t0[b7] ^ t1[b15] ^ t2[b23] ^ t3[b31] ^ t4[b39] ^ t5[b47] ^ t6[b55] ^ t7[b63],
    ), "little")  # fmt: skip


def _e(
    xy: bytes, *,
    rounds: tuple[tuple[list[int], ...], ...] = _ROUNDS,
    t1: list[int] = _T[1], t2: list[int] = _T[2], t3: list[int] = _T[3], t4: list[int] = _T[4],
    t5: list[int] = _T[5], t6: list[int] = _T[6], t7: list[int] = _T[7],
    pack: Callable[..., bytes] = _PACK16,
) -> bytes:
    """The 12 rounds of E. ``xy`` is x = state ^ K_1 then y = K_1 ^ C_1, 64 bytes each.

    Per round: y' = LPS(y) ^ C_{i+1} (the u tables add the constant) and
    x' = LPS(x) ^ LPS(y) = state' ^ key'. Returns x' ‖ y' of the last round, whose first
    half is E's result (the state XOR K_13).
    """
    for u0, u1, u2, u3, u4, u5, u6, u7 in rounds:
        (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22,
         a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,
         a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57, a58, a59, a60, a61, a62, a63, b0,
         b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23,
         b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36, b37, b38, b39, b40, b41, b42, b43, b44,
         b45, b46, b47, b48, b49, b50, b51, b52, b53, b54, b55, b56, b57, b58, b59, b60, b61, b62, b63,
         ) = xy  # fmt: skip
        y0 = u0[b0] ^ t1[b8] ^ t2[b16] ^ t3[b24] ^ t4[b32] ^ t5[b40] ^ t6[b48] ^ t7[b56]
        y1 = u1[b1] ^ t1[b9] ^ t2[b17] ^ t3[b25] ^ t4[b33] ^ t5[b41] ^ t6[b49] ^ t7[b57]
        y2 = u2[b2] ^ t1[b10] ^ t2[b18] ^ t3[b26] ^ t4[b34] ^ t5[b42] ^ t6[b50] ^ t7[b58]
        y3 = u3[b3] ^ t1[b11] ^ t2[b19] ^ t3[b27] ^ t4[b35] ^ t5[b43] ^ t6[b51] ^ t7[b59]
        y4 = u4[b4] ^ t1[b12] ^ t2[b20] ^ t3[b28] ^ t4[b36] ^ t5[b44] ^ t6[b52] ^ t7[b60]
        y5 = u5[b5] ^ t1[b13] ^ t2[b21] ^ t3[b29] ^ t4[b37] ^ t5[b45] ^ t6[b53] ^ t7[b61]
        y6 = u6[b6] ^ t1[b14] ^ t2[b22] ^ t3[b30] ^ t4[b38] ^ t5[b46] ^ t6[b54] ^ t7[b62]
        y7 = u7[b7] ^ t1[b15] ^ t2[b23] ^ t3[b31] ^ t4[b39] ^ t5[b47] ^ t6[b55] ^ t7[b63]
        xy = pack(
            u0[a0] ^ t1[a8] ^ t2[a16] ^ t3[a24] ^ t4[a32] ^ t5[a40] ^ t6[a48] ^ t7[a56] ^ y0,
            u1[a1] ^ t1[a9] ^ t2[a17] ^ t3[a25] ^ t4[a33] ^ t5[a41] ^ t6[a49] ^ t7[a57] ^ y1,
            u2[a2] ^ t1[a10] ^ t2[a18] ^ t3[a26] ^ t4[a34] ^ t5[a42] ^ t6[a50] ^ t7[a58] ^ y2,
            u3[a3] ^ t1[a11] ^ t2[a19] ^ t3[a27] ^ t4[a35] ^ t5[a43] ^ t6[a51] ^ t7[a59] ^ y3,
            u4[a4] ^ t1[a12] ^ t2[a20] ^ t3[a28] ^ t4[a36] ^ t5[a44] ^ t6[a52] ^ t7[a60] ^ y4,
            u5[a5] ^ t1[a13] ^ t2[a21] ^ t3[a29] ^ t4[a37] ^ t5[a45] ^ t6[a53] ^ t7[a61] ^ y5,
            u6[a6] ^ t1[a14] ^ t2[a22] ^ t3[a30] ^ t4[a38] ^ t5[a46] ^ t6[a54] ^ t7[a62] ^ y6,
            u7[a7] ^ t1[a15] ^ t2[a23] ^ t3[a31] ^ t4[a39] ^ t5[a47] ^ t6[a55] ^ t7[a63] ^ y7,
            y0, y1, y2, y3, y4, y5, y6, y7,
        )  # fmt: skip
    return xy


def _g(n: int, h: int, m: int, c1: int = _C[0]) -> int:
    """The compression g_N(h, m) = E(LPS(h ^ n), m) ^ h ^ m."""
    key = _lps(h ^ n)
    xy = ((key ^ c1) << 512 | m ^ key).to_bytes(128, "little")
    return _FROM_BYTES(_e(xy)[:64], "little") ^ h ^ m


class Streebog:
    """A hashlib-style Streebog object: ``Streebog(32)`` is Streebog-256, ``Streebog(64)`` Streebog-512.

    ``update`` takes any bytes-like object and may be called any number of times; the
    state holds at most one partial block, so input of any size streams in constant memory.
    """

    block_size: Final = BLOCK_SIZE

    def __init__(self, digest_size: int = 32, data: bytes | bytearray | memoryview = b"") -> None:
        if digest_size not in DIGEST_SIZES:
            raise InputError(f"Размер хэша ГОСТ Р 34.11-2012 должен быть 32 или 64 байта, а не {digest_size}",
                             "digest_size")
        self.digest_size: Final = digest_size
        self._h = _IV256 if digest_size == 32 else 0
        self._n = 0  # bits hashed so far (mod 2^512)
        self._sigma = 0  # sum of the blocks (mod 2^512)
        self._buf = b""
        if data:
            self.update(data)

    @property
    def name(self) -> str:
        return f"streebog{self.digest_size * 8}"

    def update(self, data: bytes | bytearray | memoryview) -> None:
        view = memoryview(data).cast("B")
        if self._buf:
            need = BLOCK_SIZE - len(self._buf)
            self._buf += view[:need].tobytes()
            view = view[need:]
            if len(self._buf) < BLOCK_SIZE:
                return
            self._block(self._buf)
            self._buf = b""
        whole = len(view) - len(view) % BLOCK_SIZE
        self._blocks(view[:whole])
        self._buf = view[whole:].tobytes()

    def _block(self, block: bytes | memoryview) -> None:
        self._blocks(memoryview(block))

    def _blocks(self, view: memoryview) -> None:
        """Compress whole blocks; the state lives in locals for the loop (attribute access costs)."""
        h, n, sigma = self._h, self._n, self._sigma
        for pos in range(0, len(view), BLOCK_SIZE):
            m = _FROM_BYTES(view[pos:pos + BLOCK_SIZE], "little")
            h = _g(n, h, m)
            n = (n + 512) & _MASK512
            sigma = (sigma + m) & _MASK512
        self._h, self._n, self._sigma = h, n, sigma

    def digest(self) -> bytes:
        """The digest of everything fed so far; the object stays usable (like hashlib)."""
        rest = self._buf
        # Padding: the standard's 0...01||M is, in byte order, M, then 0x01, then zeros.
        m = _FROM_BYTES(rest + b"\x01" + bytes(BLOCK_SIZE - 1 - len(rest)), "little")
        h = _g(self._n, self._h, m)
        n = (self._n + 8 * len(rest)) & _MASK512
        sigma = (self._sigma + m) & _MASK512
        h = _g(0, _g(0, h, n), sigma)
        return h.to_bytes(64, "little")[64 - self.digest_size:]

    def hexdigest(self) -> str:
        return self.digest().hex()

    def copy(self) -> Streebog:
        clone = Streebog.__new__(Streebog)
        clone.__dict__.update(self.__dict__)
        return clone


def streebog256(data: bytes | bytearray | memoryview = b"") -> bytes:
    """Streebog-256 digest of ``data`` (32 bytes, in the byte order OpenSSL and CMS use)."""
    return Streebog(32, data).digest()


def streebog512(data: bytes | bytearray | memoryview = b"") -> bytes:
    """Streebog-512 digest of ``data`` (64 bytes)."""
    return Streebog(64, data).digest()


def hash_file(path: str | os.PathLike[str], digest_size: int = 32, chunk: int = 1 << 20,
              *, fast: bool = True) -> bytes:
    """Streebog digest of a file, read in ``chunk``-byte pieces (constant memory).

    ``fast=True`` uses OpenSSL's GOST provider when it is installed (see ``openssl_gost``),
    otherwise this module; both give the same digest.
    """
    if fast:
        from edo_app.crypto.openssl_gost import new_hash  # lazy: openssl_gost imports this module
        hasher: HashLike = new_hash(digest_size)
    else:
        hasher = Streebog(digest_size)
    try:
        with open(path, "rb") as stream:
            while piece := stream.read(chunk):
                hasher.update(piece)
    except OSError as exc:
        raise InputError(f"Не удалось прочитать файл для хэширования: {exc.strerror or exc}", str(path)) from exc
    return hasher.digest()


class HashLike(Protocol):
    """What ``Streebog`` and the OpenSSL wrapper both offer (the hashlib interface)."""

    @property
    def digest_size(self) -> int: ...

    @property
    def block_size(self) -> int: ...

    @property
    def name(self) -> str: ...

    def update(self, data: bytes | bytearray | memoryview) -> None: ...

    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...

    def copy(self) -> HashLike: ...
