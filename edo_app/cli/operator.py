"""`edo operator serve | add-participant | participants`: the project's reference EDO operator."""

from __future__ import annotations

import argparse
from pathlib import Path

from edo_app.cli.common import EXIT_OK, Commands

# The server's modules (Flask, waitress) are imported by the handlers: other `edo` commands
# start without loading them.


def add_commands(commands: Commands) -> None:
    operator = commands.add_parser("operator", help="эталонный оператор ЭДО (сервер для проверки обмена)")
    sub = operator.add_subparsers(dest="operator_command", required=True, metavar="ДЕЙСТВИЕ")
    run = sub.add_parser("serve", help="запустить сервер оператора")
    _data(run)
    run.add_argument("--host", default="127.0.0.1", help="адрес (по умолчанию 127.0.0.1)")
    run.add_argument("--port", type=int, default=8470, help="порт (по умолчанию 8470)")
    run.add_argument("--threads", type=int, default=8, help="потоков обработки запросов в каждом процессе")
    run.add_argument("--workers", type=int, default=1,
                     help="процессов сервера (Linux, macOS): по одному на ядро процессора; по умолчанию 1")
    run.add_argument("--relay", action="store_true",
                     help="только пересылать пакеты: без проверки документов и подписей, без ПДП/ПДО")
    run.set_defaults(handler=_run_serve)
    add = sub.add_parser("add-participant", help="открыть ящик участника и выдать токен доступа")
    _data(add)
    add.add_argument("--id", required=True, help="идентификатор участника ЭДО, например 2ZZ7700000009-770001001")
    add.add_argument("--inn", required=True, help="ИНН организации (10 цифр) или ИП (12 цифр)")
    add.add_argument("--kpp", default="", help="КПП организации (у ИП его нет)")
    add.add_argument("--name", required=True, help="наименование организации или ФИО ИП («Фамилия Имя Отчество»)")
    add.set_defaults(handler=_run_add)
    listing = sub.add_parser("participants", help="участники оператора")
    _data(listing)
    listing.add_argument("--inn", help="только с этим ИНН")
    listing.set_defaults(handler=_run_list)
    renew = sub.add_parser("token", help="выдать участнику новый токен доступа (старый перестаёт действовать)")
    _data(renew)
    renew.add_argument("--id", required=True, help="идентификатор участника ЭДО")
    renew.set_defaults(handler=_run_token)
    purge = sub.add_parser("purge", help="удалить подтверждённые события и содержимое пакетов старше срока")
    _data(purge)
    purge.add_argument("--older-than", type=int, required=True, metavar="ДНЕЙ",
                       help="срок хранения в днях; метаданные сообщений и состояние документооборота остаются")
    purge.set_defaults(handler=_run_purge)
    trust = sub.add_parser("trust", help="доверенные сертификаты УЦ: подписи должны выстраивать цепочку до них")
    _data(trust)
    trust.add_argument("--add", type=Path, action="append", default=[], metavar="FILE",
                       help="добавить сертификат УЦ (DER или PEM); можно несколько раз")
    trust.add_argument("--add-crl", type=Path, action="append", default=[], metavar="FILE",
                       help="добавить список отзыва (СОС, .crl) доверенного УЦ; новый заменяет прежний")
    trust.set_defaults(handler=_run_trust)


def _data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, required=True, metavar="DIR", help="папка данных оператора")


def _run_serve(args: argparse.Namespace) -> int:
    from edo_app.services.operator_server import serve
    from edo_app.services.operator_trust import load_trust

    mode = "без проверок (--relay)" if args.relay else "с проверкой документов и подписей"
    if not args.relay:
        trust = load_trust(args.data)
        mode += (f", цепочки сертификатов — до {len(trust.certificates)} доверенных сертификатов УЦ" if trust
                 else ", цепочки сертификатов не проверяются (нет доверенных УЦ: edo operator trust --add)")
    if args.workers > 1:
        mode += f", процессов: {args.workers}"
    print(f"Оператор ЭДО: http://{args.host}:{args.port}/ , данные в {args.data}, {mode}", flush=True)
    serve(args.data, args.host, args.port, checks=not args.relay, threads=args.threads, workers=args.workers)
    return EXIT_OK


def _run_add(args: argparse.Namespace) -> int:
    from edo_app.services.operator_server import add_participant

    token = add_participant(args.data, args.id, args.inn, args.kpp, args.name)
    print(f"id: {args.id}")
    print(f"token: {token}")
    return EXIT_OK


def _run_token(args: argparse.Namespace) -> int:
    from edo_app.services.operator_server import renew_token

    token = renew_token(args.data, args.id)
    print(f"id: {args.id}")
    print(f"token: {token}")
    return EXIT_OK


def _run_list(args: argparse.Namespace) -> int:
    from edo_app.services.operator_server import list_participants

    for participant in list_participants(args.data, args.inn):
        print(f"{participant.participant_id}\t{participant.inn}\t{participant.kpp}\t{participant.name}")
    return EXIT_OK


def _run_purge(args: argparse.Namespace) -> int:
    from edo_app.services.operator_server import purge_older_than

    purged = purge_older_than(args.data, args.older_than)
    print(f"удалено событий: {purged.events}, пакетов (содержимое): {purged.packages}")
    return EXIT_OK


def _run_trust(args: argparse.Namespace) -> int:
    from edo_app.services.operator_trust import TRUST_DIR, add_trusted, load_trust
    from edo_app.services.revocation import add_crl

    for path in args.add:
        added = add_trusted(args.data, path)
        print(f"добавлен: {added.common_name or added.serial_hex}")
    for path in args.add_crl:
        crl = add_crl(args.data / TRUST_DIR, path)
        print(f"добавлен список отзыва УЦ «{crl.issuer_name}» от {crl.this_update:%d.%m.%Y}: "
              f"{len(crl.revoked)} отозванных")
    trust = load_trust(args.data)
    for certificate in trust.certificates if trust else ():
        print(f"{certificate.common_name or '?'}\tдо {certificate.not_after:%d.%m.%Y}\t{certificate.serial_hex}")
    for crl in trust.crls if trust else ():
        until = f"до {crl.next_update:%d.%m.%Y}" if crl.next_update else "без срока"
        print(f"список отзыва УЦ «{crl.issuer_name}»\tот {crl.this_update:%d.%m.%Y}, {until}\t"
              f"{len(crl.revoked)} отозванных")
    if trust is None:
        print("доверенных сертификатов нет: цепочки сертификатов подписей не проверяются")
    return EXIT_OK
