"""`edo validate`, `edo build`, `edo sample`: documents in and out of files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from edo_app import config
from edo_app.cli.common import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, Commands
from edo_app.errors import InputError, XmlInputError
from edo_app.services import drafts, etrn_drafts, hr_drafts, primary_drafts, ukd_drafts
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
    cmd.add_argument("kind", choices=(*drafts.BUILDABLE_KINDS, hr_drafts.HR))
    cmd.add_argument("input", type=Path, metavar="INPUT.json")
    cmd.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    cmd.set_defaults(handler=_run_build)


def _add_sample(commands: Commands) -> None:
    cmd = commands.add_parser("sample", help="сформировать образец корректного документа")
    cmd.add_argument("kind", choices=(*drafts.BUILDABLE_KINDS, hr_drafts.HR))
    cmd.add_argument("--kind", dest="hr_kind", choices=hr_drafts.SAMPLE_KINDS, default="leave",
                     help="вид кадрового документа (для hr; по умолчанию leave — заявление об отпуске)")
    cmd.add_argument("--employer", choices=("org", "ip"), default="org",
                     help="работодатель в образце кадрового документа: организация (org) или ИП (ip)")
    cmd.add_argument("--function", choices=(*drafts.UPD_FUNCTIONS, *ukd_drafts.SAMPLE_FUNCTIONS),
                     help="функция документа (по умолчанию СЧФДОП для upd, КСЧФДИС для ukd)")
    cmd.add_argument("--lines", type=int, default=3, help="число строк товаров")
    cmd.add_argument("--title", choices=(*primary_drafts.TITLES, *etrn_drafts.TITLES), default="seller",
                     help="титул акта / ТОРГ-12: seller — исполнитель (продавец), buyer — заказчик (покупатель); "
                          "ЭТрН: 1 — грузоотправитель, 2 — перевозчик принял груз, 5 — грузополучатель, "
                          "6 — перевозчик выдал груз, 7 — стоимость перевозки (перевозчик), 8 — ответ "
                          "грузоотправителя на неё (по умолчанию 1)")
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
    if args.kind == hr_drafts.HR:  # кадровые документы (docs/hr-input.md)
        print(hr_drafts.write_hr(*hr_drafts.build_hr(drafts.read_json(args.input))[:2], args.output))
        return EXIT_OK
    path = drafts.build_from_json_file(args.kind, args.input, args.output)
    print(path)
    return EXIT_OK


def _run_sample(args: argparse.Namespace) -> int:
    if args.kind == hr_drafts.HR:
        print(hr_drafts.write_hr_sample(args.hr_kind, args.output, entrepreneur=args.employer == "ip"))
        return EXIT_OK
    if args.kind == etrn_drafts.KIND:
        print(etrn_drafts.write_etrn_sample(None if args.title == "seller" else args.title, args.output))
        return EXIT_OK
    if args.kind in primary_drafts.PRIMARY_KINDS:
        print(primary_drafts.write_primary_sample(args.kind, args.title, args.lines, args.output))
        return EXIT_OK
    if args.title != "seller":
        raise InputError("--title относится к акту и ТОРГ-12; для УПД и УКД формируется титул продавца", "title")
    function = args.function or ("КСЧФДИС" if args.kind == "ukd" else "СЧФДОП")
    path = drafts.write_sample(args.kind, function, args.lines, args.output)
    print(path)
    return EXIT_OK


