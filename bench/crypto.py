"""Speed of the GOST primitives: Streebog throughput, GOST R 34.10-2012 sign/verify times, and
reading a CMS signature (cms_fast against asn1crypto).

Compares this project's pure Python, OpenSSL's GOST provider and gost engine (when
installed) and gostcrypto (the dev-only baseline). Each figure is the best of several runs, the
implementations interleaved so that a busy machine slows them alike.

    .venv/bin/python bench/crypto.py [--kib 256] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

from edo_app.crypto import gost3410 as gost
from edo_app.crypto import gost3410_ec, openssl_gost_sign
from edo_app.crypto.curves import CRYPTOPRO_A, TC26_512_A, Curve
from edo_app.crypto.openssl_gost import is_available, new_hash
from edo_app.crypto.streebog import streebog256

try:
    import gostcrypto.gosthash as gc_hash
    import gostcrypto.gostsignature as gc_sign
except ImportError:  # the baseline is optional
    gc_hash = gc_sign = None


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_hash(kib: int, repeat: int) -> None:
    data = os.urandom(kib * 1024)
    big = os.urandom(64 << 20)
    runs: dict[str, tuple[Callable[[], object], int]] = {"own pure Python": (lambda: streebog256(data), len(data))}
    ok, reason = is_available()
    if ok:
        runs["OpenSSL gost provider"] = (lambda: new_hash(32, big).digest(), len(big))
    if gc_hash is not None:
        small = data[: max(len(data) // 4, 64)]
        runs["gostcrypto 1.2.5"] = (lambda: gc_hash.new("streebog256", data=small).digest(), len(small))
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):  # interleaved rounds: background load hits every implementation alike
        for name, (fn, _size) in runs.items():
            times[name].append(best(fn, 1))
    speed = {name: size / min(times[name]) / 1e6 for name, (_fn, size) in runs.items()}
    print(f"Streebog-256 ({kib} KiB pure / 64 MiB OpenSSL), MB/s:")
    for name, value in speed.items():
        print(f"  {name:24s} {value:10.2f}")
    if not ok:
        print(f"  OpenSSL path unavailable: {reason}")
    base = speed.get("gostcrypto 1.2.5")
    if base:
        for name, value in speed.items():
            print(f"  {name:24s} x{value / base:8.1f} vs gostcrypto")


def bench_sign(curve: Curve, mode: str, gc_name: str, repeat: int) -> None:
    size = curve.size
    d = gost.generate_private_key(curve)
    digest = os.urandom(size)
    point = gost.public_key(curve, d)
    start = time.perf_counter()
    gost3410_ec._comb.cache_clear()
    gost3410_ec._comb(curve)
    table_ms = (time.perf_counter() - start) * 1e3
    r, s = gost.sign(curve, d, digest)
    own = {
        "sign": best(lambda: gost.sign(curve, d, digest), repeat) * 1e3,
        "verify": best(lambda: gost.verify(curve, point, digest, r, s), repeat) * 1e3,
    }
    print(f"GOST R 34.10-2012-{size * 8} ({curve.name}), ms (one-time base-point table: {table_ms:.0f} ms):")
    print(f"  own        sign {own['sign']:8.2f}   verify {own['verify']:8.2f}")
    bench_engine(curve, d, digest, own, repeat)
    if gc_sign is None:
        return
    other = gc_sign.new(getattr(gc_sign, mode), gc_sign.CURVES_R_1323565_1_024_2019[gc_name])
    key = bytearray(d.to_bytes(size, "big"))
    public = other.public_key_generate(key)
    signature = other.sign(key, bytearray(digest))
    theirs = {
        "sign": best(lambda: other.sign(key, bytearray(digest)), repeat) * 1e3,
        "verify": best(lambda: other.verify(public, bytearray(digest), signature), repeat) * 1e3,
    }
    print(f"  gostcrypto sign {theirs['sign']:8.2f}   verify {theirs['verify']:8.2f}")
    print(f"  own/gostc. sign x{theirs['sign'] / own['sign']:7.1f}   verify x{theirs['verify'] / own['verify']:7.1f}")


def bench_engine(curve: Curve, d: int, digest: bytes, own: dict[str, float], repeat: int) -> None:
    """sign_digest / verify_digest as callers see them: through the gost engine when it is there."""
    ok, reason = openssl_gost_sign.is_available()
    if not ok:
        print(f"  engine path unavailable: {reason}")
        return
    octets = gost.public_key_to_octets(curve, gost.public_key(curve, d))
    signature = gost.sign_digest(curve, d, digest)  # also runs the engine's one-time self-check
    batch = 50  # one engine call is tens of microseconds: time a batch
    engine = {
        "sign": best(lambda: [gost.sign_digest(curve, d, digest) for _ in range(batch)], repeat) * 1e3 / batch,
        "verify": best(lambda: [gost.verify_digest(curve, octets, digest, signature) for _ in range(batch)],
                       repeat) * 1e3 / batch,
    }
    print(f"  engine     sign {engine['sign']:8.3f}   verify {engine['verify']:8.3f}")
    print(f"  engine/own sign x{own['sign'] / engine['sign']:7.1f}   verify x{own['verify'] / engine['verify']:7.1f}")


def bench_cms_parse(repeat: int) -> None:
    """Reading a received signature: the one-pass DER reader against asn1crypto (same answers)."""
    from datetime import UTC, datetime

    from edo_app.crypto.cms import build_detached
    from edo_app.crypto.cms_fast import read_signed_data
    from edo_app.crypto.cms_parse import read_with_asn1crypto
    from tests.unit.crypto.fixtures import make_pki

    key = make_pki().signer
    der = build_detached(new_hash(32, b"document").digest(), key.certificate, key.sign_digest,
                         signing_time=datetime.now(UTC))
    count = 2000
    fast = best(lambda: [read_signed_data(der) for _ in range(count)], repeat) / count
    reference = best(lambda: [read_with_asn1crypto(der) for _ in range(count)], repeat) / count
    print(f"CMS SignedData read ({len(der)} bytes), µs: cms_fast {fast * 1e6:7.1f}   asn1crypto "
          f"{reference * 1e6:7.1f}   x{reference / fast:5.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kib", type=int, default=256, help="input size for the pure-Python hashes")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bench_hash(args.kib, args.repeat)
    bench_sign(CRYPTOPRO_A, "MODE_256", "id-tc26-gost-3410-2012-256-paramSetB", args.repeat)
    bench_sign(TC26_512_A, "MODE_512", "id-tc26-gost-3410-12-512-paramSetA", args.repeat)
    bench_cms_parse(args.repeat)


if __name__ == "__main__":
    main()
