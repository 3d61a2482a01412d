"""`edo send`, `edo sync`, `edo status`, `edo exchange configure`: the exchange from the command line."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

from edo_app import config
from edo_app.cli.common import EXIT_INVALID, EXIT_OK, Commands
from edo_app.errors import ConfigError, InputError
from edo_app.model.kinds import Direction
from edo_app.services.context import SETTINGS_FILE, Services
from edo_app.services.exchange import ExchangeService, SyncReport
from edo_app.services.exchange_setup import check_participant_id
from edo_app.services.flow_export import export_flow


def add_commands(commands: Commands) -> None:
    send = commands.add_parser("send", help="поставить документы в очередь на отправку контрагенту")
    send.add_argument("documents", nargs="+", metavar="DOC_ID_OR_FILE",
                      help="номер документа в базе или файл XML (подпись берётся из ФАЙЛ.sig рядом); "
                           "несколько — ставятся в очередь все вместе или ни один")
    send.add_argument("--to", required=True, metavar="BOX_ID", help="идентификатор участника ЭДО получателя")
    add_data_option(send)
    send.set_defaults(handler=_run_send)
    sync = commands.add_parser("sync", help="отправить очередь и получить входящие")
    sync.add_argument("--loop", type=float, metavar="SECONDS", help="повторять с этим интервалом, пока не прервут")
    add_data_option(sync)
    sync.set_defaults(handler=_run_sync)
    status = commands.add_parser("status", help="состояние документа в обмене")
    status.add_argument("document_id", type=int, metavar="DOC_ID")
    add_data_option(status)
    status.set_defaults(handler=_run_status)
    _add_export(commands)
    group = commands.add_parser("exchange", help="настройки обмена")
    actions = group.add_subparsers(dest="action", required=True, metavar="ДЕЙСТВИЕ")
    configure = actions.add_parser("configure", help="указать папку обмена или оператора и свой ящик")
    where = configure.add_mutually_exclusive_group(required=True)
    where.add_argument("--folder", type=Path, metavar="ROOT", help="корень папки обмена")
    where.add_argument("--operator", metavar="URL", help="адрес API оператора ЭДО")
    configure.add_argument("--token", default="", help="токен доступа к API оператора")
    configure.add_argument("--participant", required=True, metavar="ID", help="свой идентификатор участника ЭДО")
    configure.add_argument("--signer", default="", metavar="ФИО", help="кто подписывает ИОП и УОУ")
    configure.add_argument("--position", default="", help="должность подписанта")
    configure.add_argument("--key", default="", metavar="ПРОВАЙДЕР:ИДЕНТИФИКАТОР",
                           help="сертификат из «edo certs», которым подписываются ИОП, УОУ и ПоА")
    configure.add_argument("--password-file", type=Path, metavar="FILE",
                           help="файл с паролем этого ключа (читается при каждом запуске обмена)")
    add_data_option(configure)
    configure.set_defaults(handler=_run_configure)


def _add_export(commands: Commands) -> None:
    export = commands.add_parser("export", help="сохранить комплект документооборота в ZIP: документ, подписи, "
                                                "МЧД, служебные документы (ПДП, ПДО, ИОП, УОУ, ПоА), опись")
    export.add_argument("document_id", type=int, metavar="DOC_ID")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.zip", help="куда сохранить")
    add_data_option(export)
    export.set_defaults(handler=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    services = Services.open(args.data)
    try:
        path = export_flow(services.database, args.document_id, args.out)
    finally:
        services.close()
    print(f"комплект документооборота документа № {args.document_id} сохранён: {path}")
    return EXIT_OK


def add_data_option(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--data", type=Path, metavar="DIR", help="папка данных (по умолчанию — папка пользователя)")


def open_exchange(services: Services) -> ExchangeService:
    if services.exchange is None:
        raise ConfigError(services.exchange_problem
                          or "обмен не настроен: выполните «edo exchange configure --folder ... --participant ...»")
    return services.exchange


def _run_send(args: argparse.Namespace) -> int:
    services = Services.open(args.data)
    try:
        exchange = open_exchange(services)
        document_ids = [_document_id(services, value) for value in args.documents]
        package_ids = exchange.queue_send_many(document_ids, args.to)
    finally:
        services.close()
    for document_id, package_id in zip(document_ids, package_ids, strict=True):
        print(f"документ № {document_id} поставлен в очередь, пакет {package_id}")
    return EXIT_OK


def _document_id(services: Services, value: str) -> int:
    if value.isdigit():
        return int(value)
    path = Path(value)
    signature = path.with_name(path.name + ".sig")
    if signature.exists():
        result = services.library.import_with_signature(path, signature, Direction.OUTGOING)
    else:
        result = services.library.import_file(path, Direction.OUTGOING)
    if result.document_id is None:
        problems = "; ".join(issue.describe() for issue in result.report.issues[:5])
        raise InputError(f"{path}: документ не прошёл проверку: {problems}", "document")
    return result.document_id


def _run_sync(args: argparse.Namespace) -> int:
    services = Services.open(args.data)
    try:
        exchange = open_exchange(services)
        while True:
            report = exchange.sync()
            _print_report(report)
            if not args.loop:
                return EXIT_INVALID if report.failed else EXIT_OK
            time.sleep(args.loop)
    except KeyboardInterrupt:  # --loop ends with Ctrl+C; every step is committed or not started
        return EXIT_OK
    finally:
        services.close()


def _print_report(report: SyncReport) -> None:
    print(f"отправлено: {report.sent}, получено: {report.received}, с ошибками: {report.failed}")
    for error in report.errors:
        print(f"  {error}", file=sys.stderr)


def _run_status(args: argparse.Namespace) -> int:
    services = Services.open(args.data)
    try:
        state = open_exchange(services).state(args.document_id)
    finally:
        services.close()
    print(f"документ № {state.document_id}: {state.status.title}")
    if state.link is not None:
        print(f"  контрагент: {state.link.counterparty}")
        print(f"  сообщение: {state.link.message_id or '—'}, пакет: {state.link.package_id or '—'}")
        if state.link.annulment:
            print("  ожидает ответа на предложение об аннулировании")
    for item in state.outbox:
        error = f", ошибка: {item.last_error}" if item.last_error else ""
        print(f"  {item.purpose} → {item.recipient}: {item.state}, попыток {item.attempts}{error}")
    return EXIT_OK


def _check_opens(base: Path, settings: config.Settings) -> None:
    """Refuse settings the exchange cannot open with (a wrong key or password), before saving them."""
    services = Services.open(base, settings)
    try:
        open_exchange(services)
    finally:
        services.close()


def _run_configure(args: argparse.Namespace) -> int:
    problem = check_participant_id(args.participant)
    if problem:
        raise InputError(problem, "--participant")
    if args.operator and not args.token:
        raise InputError("для оператора укажите --token", "--token")
    base = args.data or config.data_dir()
    path = base / SETTINGS_FILE
    current = config.load(path)
    updated = dataclasses.replace(
        current, participant_id=args.participant, exchange_folder=str(args.folder.resolve()) if args.folder else "",
        operator_url=args.operator or "", operator_token=args.token if args.operator else "",
        exchange_signer=args.signer, exchange_signer_position=args.position, exchange_key=args.key,
        exchange_key_password_file=str(args.password_file.resolve()) if args.password_file else "")
    base.mkdir(parents=True, exist_ok=True)
    _check_opens(base, updated)
    config.save(updated, path)
    print(f"обмен настроен: {path}")
    return EXIT_OK
