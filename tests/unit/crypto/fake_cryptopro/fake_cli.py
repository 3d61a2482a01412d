"""A fake of CryptoPro's ``certmgr`` and ``cryptcp`` for tests: ``fake_cli.py <tool> <args...>``.

It is strict on purpose: every argument the real provider passes is checked (flag set,
thumbprint format, files), anything else fails the way cryptcp does (``[ErrorCode: ...]``
and a non-zero exit). Signatures are real: a detached CMS made with the project's GOST
primitives by ``pki.detached_cms``, so the provider's result verifies end to end.

State lives in ``$FAKE_CPRO_HOME``: ``cert.der``, ``key.pem`` (clear PKCS#8), optional
``pin`` (the container PIN), optional ``behaviour`` ("hang" sleeps past any timeout);
every call is appended to ``calls.log`` as one line of NUL-separated arguments.
"""

from __future__ import annotations

import os
import re
import sys
import time
from datetime import UTC
from pathlib import Path

HOME = Path(os.environ["FAKE_CPRO_HOME"])
sys.path.insert(0, str(Path(__file__).resolve().parents[4]))  # the project root

from edo_app.crypto.certificates import load_certificate  # noqa: E402
from edo_app.crypto.keys import load_private_key  # noqa: E402
from tests.unit.crypto.fake_cryptopro.pki import detached_cms, sha1_hex  # noqa: E402

BANNER = 'CryptCP 5.0 (c) "Crypto-Pro", 2002-2024 (fake for tests).\n'


def fail(code: str, text: str) -> int:
    print(f"{BANNER}Error: {text}\n[ErrorCode: {code}]")
    return 1


def certmgr_list(args: list[str]) -> int:
    if args != ["-store", "uMy"]:
        return fail("0x80070057", f"unexpected arguments {args}")
    der = (HOME / "cert.der").read_bytes()
    cert = load_certificate(der)
    block = [
        "1-------",
        f"Issuer              : CN={cert.issuer_common_name}",
        f"Subject             : CN={cert.common_name}, O={cert.organization}",
        f"Serial              : 0x{cert.serial_hex}",
        f"SHA1 Thumbprint     : {sha1_hex(der)}",
        "Signature Algorithm : ГОСТ Р 34.11-2012/34.10-2012 256 бит",
        f"Not valid before    : {cert.not_before.astimezone(UTC):%d/%m/%Y  %H:%M:%S} UTC",
        f"Not valid after     : {cert.not_after.astimezone(UTC):%d/%m/%Y  %H:%M:%S} UTC",
        "PrivateKey Link     : Yes",
        "Container           : HDIMAGE\\\\test.000\\1234",
        "Extended Key Usage  : 1.3.6.1.5.5.7.3.2",
        "                      1.3.6.1.5.5.7.3.4",
        "2-------",  # a CA certificate without a key: the provider must skip it
        "Subject             : CN=Тестовый УЦ",
        "SHA1 Thumbprint     : " + "ab" * 20,
        "PrivateKey Link     : No",
    ]
    print(BANNER + "=" * 77 + "\n" + "\n".join(block) + "\n" + "=" * 77 + "\n\n[ErrorCode: 0x00000000]")
    return 0


def certmgr(args: list[str]) -> int:
    if args[:1] == ["-list"]:
        return certmgr_list(args[1:])
    if len(args) == 7 and args[0] == "-export" and args[1:3] == ["-store", "uMy"] and args[3] == "-thumbprint" \
            and args[5] == "-dest":
        der = (HOME / "cert.der").read_bytes()
        if args[4] != sha1_hex(der):
            return fail("0x80092004", "Cannot find object or property.")
        Path(args[6]).write_bytes(der)
        print(BANNER + "[ErrorCode: 0x00000000]")
        return 0
    return fail("0x80070057", f"unexpected arguments {args}")


def parse_sign_args(args: list[str]) -> tuple[dict[str, str | None], list[str]] | str:
    """Options and the two paths of ``-sign``, or an error text."""
    takes_value = {"-thumbprint", "-pin"}
    flags = {"-detached", "-der", "-nochain"}
    options: dict[str, str | None] = {}
    rest = list(args)
    while rest and rest[0].startswith("-"):
        name = rest.pop(0)
        if name in takes_value and rest:
            options[name] = rest.pop(0)
        elif name in flags:
            options[name] = None
        else:
            return f"unknown option {name}"
    missing = {"-thumbprint", "-detached", "-der"} - options.keys()
    if missing:
        return f"missing {sorted(missing)}"
    if len(rest) != 2:
        return f"expected <source> <destination>, got {rest}"
    return options, rest


def check_paths(thumbprint: str, source: str, target: str) -> str | None:
    if not re.fullmatch(r"[0-9a-f]{40}", thumbprint):
        return f"bad thumbprint {thumbprint!r}"
    if not Path(source).is_file() or Path(target).exists() or not Path(target).parent.is_dir():
        return "source missing or destination exists"
    return None


def cryptcp(args: list[str]) -> int:
    if args[:1] != ["-sign"]:
        return fail("0x80070057", f"unexpected mode {args[:1]}")
    parsed = parse_sign_args(args[1:])
    if isinstance(parsed, str):
        return fail("0x80070057", parsed)
    options, (source, target) = parsed
    problem = check_paths(options["-thumbprint"] or "", source, target)
    if problem:
        return fail("0x80070057", problem)
    if (HOME / "behaviour").is_file() and (HOME / "behaviour").read_text().strip() == "hang":
        time.sleep(60)
    der = (HOME / "cert.der").read_bytes()
    if options["-thumbprint"] != sha1_hex(der):
        return fail("0x80092004", "The certificate and private key were not found.")
    pin = (HOME / "pin").read_text() if (HOME / "pin").is_file() else None
    if pin is not None and options.get("-pin") != pin:
        return fail("0x8010006b", "The card cannot be accessed because the wrong PIN was presented.")
    key = load_private_key((HOME / "key.pem").read_bytes())
    Path(target).write_bytes(detached_cms(Path(source).read_bytes(), der, key.curve, key.scalar))
    print(BANNER + "Signed message is created.\n[ErrorCode: 0x00000000]")
    return 0


def main() -> int:
    tool, args = sys.argv[1], sys.argv[2:]
    with (HOME / "calls.log").open("a", encoding="utf-8") as log:
        log.write("\0".join([tool, *args]) + "\n")
    return {"certmgr": certmgr, "cryptcp": cryptcp}[tool](args)


if __name__ == "__main__":
    sys.exit(main())
