"""`edo validate`, `edo build`, `edo sample`: documents in and out of files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from edo_app import config
from edo_app.cli.common import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, Commands
from edo_app.errors import XmlInputError
from edo_app.services import drafts
from edo_app.services.context import SETTINGS_FILE
from edo_app.services.validation import FileVerdict, validate_paths


def add_commands(commands: Commands) -> None:
    _add_validate(commands)
    _add_build(commands)
    _add_sample(commands)


def _add_validate(commands: Commands) -> None:
    cmd = commands.add_parser("validate", help="проверить документы (XSD, правила ФНС, бизнес-проверки)")
    cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    cmd.add_argument("--json", action="store_true", help="вывести результат в JSON")
    cmd.add_argument("--schemas", type=Path, action="append", default=[], metavar="DIR",
                     help="папка официальных XSD ФНС, чьи правила тоже выполняются")
    cmd.set_defaults(handler=_run_validate)


def _add_build(commands: Commands) -> None:
    cmd = commands.add_parser("build", help="сформировать документ из JSON")
    cmd.add_argument("kind", choices=drafts.BUILDABLE_KINDS)
    cmd.add_argument("input", type=Path, metavar="INPUT.json")
    cmd.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    cmd.set_defaults(handler=_run_build)


def _add_sample(commands: Commands) -> None:
    cmd = commands.add_parser("sample", help="сформировать образец корректного документа")
    cmd.add_argument("kind", choices=drafts.BUILDABLE_KINDS)
    cmd.add_argument("--function", default="СЧФДОП", choices=drafts.UPD_FUNCTIONS)
    cmd.add_argument("--lines", type=int, default=3, help="число строк товаров")
    cmd.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    cmd.set_defaults(handler=_run_sample)


def _run_validate(args: argparse.Namespace) -> int:
    for schema_dir in args.schemas:
        if not schema_dir.is_dir():
            raise XmlInputError(f"папка схем {schema_dir} не найдена", "--schemas")
    base = config.data_dir()
    settings = config.load(base / SETTINGS_FILE)
    installed = settings.official_xsd_path(base)  # official XSDs the user put in the data folder
    schema_dirs = [*args.schemas, *([installed] if installed.is_dir() else [])]
    run = validate_paths(args.paths, schema_dirs, settings.max_xml_bytes)
    for problem in run.schema_problems:
        print(f"предупреждение: {problem}", file=sys.stderr)
    verdicts = run.verdicts
    if args.json:
        json.dump([_verdict_json(v) for v in verdicts], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for verdict in verdicts:
            _print_verdict(verdict, sys.stdout)
    if any(v.unreadable for v in verdicts):
        return EXIT_UNREADABLE
    return EXIT_OK if all(v.valid for v in verdicts) else EXIT_INVALID


def _verdict_json(verdict: FileVerdict) -> dict[str, object]:
    if verdict.report is None:
        return {"file": str(verdict.path), "valid": False, "unreadable": verdict.unreadable, "issues": []}
    return {**verdict.report.as_dict(), "file": str(verdict.path)}


def _print_verdict(verdict: FileVerdict, out: TextIO) -> None:
    if verdict.report is None:
        print(f"{verdict.path}: НЕ ЧИТАЕТСЯ: {verdict.unreadable}", file=out)
        return
    report = verdict.report
    status = "корректен" if report.ok else f"ошибок: {len(report.errors)}"
    warn = f", предупреждений: {len(report.warnings)}" if report.warnings else ""
    print(f"{verdict.path}: {status}{warn} [{report.schema_id or 'схема не найдена'}]", file=out)
    for issue in report.issues:
        line = f":{issue.line}" if issue.line else ""
        code = issue.code or "-"
        level = "ошибка" if issue in report.errors else "предупреждение"
        print(f"  {verdict.path}{line}: {level} [{code}] {issue.xpath}: {issue.message}", file=out)


def _run_build(args: argparse.Namespace) -> int:
    path = drafts.build_from_json_file(args.kind, args.input, args.output)
    print(path)
    return EXIT_OK


def _run_sample(args: argparse.Namespace) -> int:
    path = drafts.write_sample(args.kind, args.function, args.lines, args.output)
    print(path)
    return EXIT_OK


