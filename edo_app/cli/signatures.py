"""`edo sign`, `edo verify`, `edo certs`: detached GOST signatures over files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from edo_app import config
from edo_app.cli.common import EXIT_INVALID, EXIT_OK, Commands, moment
from edo_app.fileio import read_password
from edo_app.services.file_signing import (
    FileVerification,
    SignatureVerdict,
    provider_listings,
    sign_file,
    verify_file,
)

CHAIN_TITLES = {"verified": "проверена", "not_checked": "не проверялась", "failed": "не построена"}


def add_commands(commands: Commands) -> None:
    sign = commands.add_parser("sign", help="подписать файл открепленной подписью CAdES-BES (ГОСТ)")
    sign.add_argument("path", type=Path, metavar="PATH")
    sign.add_argument("--cert", type=Path, required=True, help="сертификат подписанта (DER или PEM)")
    sign.add_argument("--key", type=Path, required=True, help="закрытый ключ ГОСТ (PKCS#8 PEM)")
    sign.add_argument("--password-file", type=Path, help="файл с паролем ключа (первая строка)")
    sign.add_argument("-o", "--output", type=Path, metavar="OUT", help="куда записать подпись (по умолчанию PATH.sig)")
    sign.set_defaults(handler=_run_sign)
    verify = commands.add_parser("verify", help="проверить открепленную подпись файла")
    verify.add_argument("path", type=Path, metavar="PATH")
    verify.add_argument("signature", type=Path, metavar="SIG")
    verify.add_argument("--at", type=moment, metavar="ISO-DATETIME",
                        help="проверить действительность сертификата и на этот момент")
    verify.add_argument("--trust", type=Path, metavar="DIR",
                        help="папка доверенных корневых и промежуточных сертификатов")
    verify.add_argument("--json", action="store_true", help="вывести результат в JSON")
    verify.set_defaults(handler=_run_verify)
    certs = commands.add_parser("certs", help="сертификаты, доступные средствам подписи")
    certs.set_defaults(handler=_run_certs)


def _run_sign(args: argparse.Namespace) -> int:
    target = sign_file(args.path, args.cert, args.key, read_password(args.password_file), args.output)
    print(target)
    return EXIT_OK


def _run_verify(args: argparse.Namespace) -> int:
    result = verify_file(args.path, args.signature, at=args.at, trust_dir=args.trust)
    for problem in result.trust_problems:
        print(f"предупреждение: хранилище доверенных сертификатов: {problem}", file=sys.stderr)
    if args.json:
        json.dump([_verdict_json(v) for v in result.verdicts], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_verification(result, sys.stdout)
    return EXIT_OK if result.valid else EXIT_INVALID


def _print_verification(result: FileVerification, out: TextIO) -> None:
    for number, verdict in enumerate(result.verdicts, 1):
        state = "ДЕЙСТВИТЕЛЬНА" if verdict.valid else "НЕДЕЙСТВИТЕЛЬНА"
        print(f"Подпись {number}: {state}", file=out)
        for key, value in _signer_fields(verdict).items():
            print(f"  {key}: {value or '—'}", file=out)
        reason = f" ({verdict.chain.reason})" if verdict.chain.reason else ""
        print(f"  Цепочка сертификатов: {CHAIN_TITLES[verdict.chain.status]}{reason}", file=out)
        for reason in verdict.reasons:
            print(f"  ошибка: {reason}", file=out)
        for warning in verdict.warnings:
            print(f"  предупреждение: {warning}", file=out)


def _signer_fields(verdict: SignatureVerdict) -> dict[str, str]:
    cert = verdict.signer
    when = verdict.signing_time
    return {
        "Подписант": (cert.owner_name or cert.common_name or "") if cert else "",
        "Организация": (cert.organization or "") if cert else "",
        "ИНН": (cert.inn or "") if cert else "",
        "ИНН ЮЛ": (cert.inn_le or "") if cert else "",
        "ОГРН": (cert.ogrn or cert.ogrnip or "") if cert else "",
        "Серийный номер сертификата": cert.serial_hex if cert else "",
        "Время подписания": when.astimezone().isoformat(timespec="seconds") if when else "",
    }


def _verdict_json(verdict: SignatureVerdict) -> dict[str, Any]:
    fields = _signer_fields(verdict)
    return {
        "valid": verdict.valid,
        "trusted": verdict.trusted,
        "signer": fields["Подписант"],
        "inn": fields["ИНН"],
        "inn_le": fields["ИНН ЮЛ"],
        "ogrn": fields["ОГРН"],
        "serial": fields["Серийный номер сертификата"],
        "signing_time": verdict.signing_time.isoformat() if verdict.signing_time else None,
        "chain": {"status": verdict.chain.status, "reason": verdict.chain.reason},
        "reasons": list(verdict.reasons),
        "warnings": list(verdict.warnings),
    }


def _run_certs(args: argparse.Namespace) -> int:
    for listing in provider_listings(config.data_dir() / "keys"):
        state = "доступно" if listing.available else f"недоступно: {listing.reason}"
        print(f"{listing.title} [{listing.name}] — {state}")
        for entry in listing.certificates:
            print(f"  {entry.handle}  {entry.label}")
        if listing.available and not listing.certificates:
            print("  сертификатов нет")
    return EXIT_OK
