"""`edo poa check`, `edo poa build`: machine-readable powers of attorney (МЧД).

`check` prints every check with its outcome and detail, then the overall status. Exit codes:
0 valid (warnings allowed), 1 invalid, 3 cannot be checked, 2 unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from edo_app.cli.common import EXIT_CANNOT_CHECK, EXIT_INVALID, EXIT_OK, Commands, moment
from edo_app.services.poa_checks import CheckOutcome, PoaStatus, PoaVerdict, build_poa_file, check_poa_files

EXIT_BY_STATUS = {PoaStatus.VALID: EXIT_OK, PoaStatus.WARNINGS: EXIT_OK, PoaStatus.INVALID: EXIT_INVALID,
                  PoaStatus.NOT_ATTACHED: EXIT_INVALID, PoaStatus.CANNOT_CHECK: EXIT_CANNOT_CHECK}
_MARKS = {CheckOutcome.OK: "+", CheckOutcome.FAILED: "-", CheckOutcome.UNKNOWN: "?"}


def add_commands(commands: Commands) -> None:
    group = commands.add_parser("poa", help="машиночитаемые доверенности (МЧД)")
    actions = group.add_subparsers(dest="poa_command", required=True, metavar="ДЕЙСТВИЕ")
    check = actions.add_parser("check", help="проверить МЧД, как это делает получатель документа")
    check.add_argument("poa", type=Path, metavar="POA.xml")
    check.add_argument("--sig", type=Path, required=True, metavar="POA.sig", help="открепленная подпись доверителя")
    check.add_argument("--signer-cert", type=Path, required=True, metavar="CERT",
                       help="сертификат того, кто подписывает документ по МЧД (DER или PEM)")
    check.add_argument("--doc", type=Path, metavar="DOC.xml", help="документ, подписываемый по МЧД")
    check.add_argument("--at", type=moment, metavar="ISO-DATETIME",
                       help="момент подписания (по умолчанию — сейчас); без смещения — московское время")
    check.add_argument("--revoked", type=Path, metavar="FILE",
                       help="список отозванных МЧД: строки «<НомДовер>;<дата и время отзыва>»")
    check.add_argument("--parent", type=Path, action="append", default=[], metavar="PARENT.xml",
                       help="доверенность, на которой основано передоверие (можно несколько раз)")
    check.set_defaults(handler=_run_check)
    build = actions.add_parser("build", help="сформировать МЧД EMCHD_1 из JSON")
    build.add_argument("input", type=Path, metavar="INPUT.json")
    build.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    build.set_defaults(handler=_run_build)


def _run_check(args: argparse.Namespace) -> int:
    verdict = check_poa_files(args.poa, args.sig, args.signer_cert, document_path=args.doc, at=args.at,
                              revoked_path=args.revoked, parent_paths=args.parent)
    print_verdict(verdict, sys.stdout)
    return EXIT_BY_STATUS[verdict.status]


def print_verdict(verdict: PoaVerdict, out: TextIO) -> None:
    for check in verdict.checks:
        print(f"[{_MARKS[check.outcome]}] {check.title}: {check.outcome.value}", file=out)
        print(f"    {check.detail}", file=out)
    print(f"Итог: {verdict.status.value}", file=out)


def _run_build(args: argparse.Namespace) -> int:
    print(build_poa_file(args.input, args.output))
    return EXIT_OK
