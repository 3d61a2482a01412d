"""The `edo` command. Thin: parses arguments, calls services, prints, returns an exit code.

Exit codes: 0 success / valid; 1 invalid document, signature or input; 2 a file that cannot
be read at all (not XML, hostile, garbage signature, missing); 3 cannot be checked.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from edo_app.cli import answers, documents, exchange, operator, poa, signatures
from edo_app.cli.common import EXIT_INVALID, EXIT_UNREADABLE, print_input_error
from edo_app.errors import EdoError, InputError, SchemaError, UnreadableInput


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except UnreadableInput as exc:
        print(f"ошибка: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except InputError as exc:
        print_input_error(exc)
        return EXIT_INVALID
    except SchemaError as exc:
        print("ошибка: документ не прошёл проверку, файл не записан:", file=sys.stderr)
        for issue in exc.report.issues:
            print(f"  {issue.describe()}", file=sys.stderr)
        return EXIT_INVALID
    except EdoError as exc:
        print(f"ошибка: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edo", description="edo-app: электронный документооборот")
    commands = parser.add_subparsers(dest="command", required=True, metavar="КОМАНДА")
    documents.add_commands(commands)
    signatures.add_commands(commands)
    poa.add_commands(commands)
    operator.add_commands(commands)
    exchange.add_commands(commands)
    answers.add_commands(commands)
    return parser
