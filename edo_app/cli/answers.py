"""`edo title`, `edo clarify`, `edo annul`: answering a counterparty's document from the command line.

The answers are queued like every outgoing file and leave with the next `edo sync`. Service
documents (УОУ, ПоА) are signed with the certificate of the exchange settings (`edo exchange
configure --key`); the buyer's title with `--key`, or that same certificate.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from edo_app.cli.common import EXIT_OK, Commands
from edo_app.cli.exchange import add_data_option, open_exchange
from edo_app.errors import ConfigError, InputError
from edo_app.fileio import read_password
from edo_app.services.context import Services
from edo_app.services.exchange_actions import AcceptanceDetails
from edo_app.services.exchange_setup import title_signer
from edo_app.services.exchange_titles import DISCREPANCY_ACT_NAME, discrepancy_act


def add_commands(commands: Commands) -> None:
    title = commands.add_parser("title", help="титул покупателя к полученному УПД (СЧФДОП, ДОП), УКД (КСЧФДИС, ДИС), "
                                "акту или ТОРГ-12: принять или отказать")
    title.add_argument("document_id", type=int, metavar="DOC_ID")
    verdict = title.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true", help="товары (работы, услуги) приняты")
    verdict.add_argument("--refuse", action="store_true", help="не приняты (подписанный отказ, КодИтога 3)")
    verdict.add_argument("--accept-with-discrepancies", metavar="НОМЕР:ДД.ММ.ГГГГ", type=_act,
                         help="УПД: приняты с расхождениями по акту о расхождении с этим номером и датой (КодИтога 2)")
    title.add_argument("--act-name", default=DISCREPANCY_ACT_NAME, metavar="ТЕКСТ",
                       help=f"наименование акта о расхождении (по умолчанию «{DISCREPANCY_ACT_NAME}»)")
    title.add_argument("--reason", default="", metavar="ТЕКСТ",
                       help="акт, ТОРГ-12: причина отказа (обязательна с --refuse), записывается в СодОпер титула")
    title.add_argument("--signer", required=True, metavar="ФИО", help="кто подписывает титул: «Фамилия Имя Отчество»")
    title.add_argument("--position", default="", help="должность подписанта")
    title.add_argument("--key", metavar="ПРОВАЙДЕР:ИДЕНТИФИКАТОР",
                       help="сертификат из «edo certs» (по умолчанию — ключ обмена из настроек)")
    title.add_argument("--password-file", type=Path, metavar="FILE", help="файл с паролем ключа")
    add_data_option(title)
    title.set_defaults(handler=_run_title)
    clarify = commands.add_parser("clarify", help="уведомление об уточнении (УОУ): отказ или просьба исправить")
    clarify.add_argument("document_id", type=int, metavar="DOC_ID")
    clarify.add_argument("--text", required=True, help="что не так с документом")
    add_data_option(clarify)
    clarify.set_defaults(handler=_run_clarify)
    annul = commands.add_parser("annul", help="аннулирование: предложить, согласиться или отказаться")
    annul.add_argument("document_id", type=int, metavar="DOC_ID")
    how = annul.add_mutually_exclusive_group(required=True)
    how.add_argument("--propose", metavar="ПРИЧИНА", help="предложить аннулировать документ")
    how.add_argument("--agree", action="store_true", help="согласиться с предложением контрагента")
    how.add_argument("--refuse", metavar="ПРИЧИНА", help="отказаться (УОУ на предложение)")
    add_data_option(annul)
    annul.set_defaults(handler=_run_annul)


def _act(text: str) -> tuple[str, date]:
    """``НОМЕР:ДД.ММ.ГГГГ`` of the act of discrepancies."""
    number, _, day = text.rpartition(":")
    try:
        when = datetime.strptime(day.strip(), "%d.%m.%Y").date()
    except ValueError:
        when = None
    if not number.strip() or when is None:
        raise argparse.ArgumentTypeError(f"«{text}»: нужен номер и дата акта, например 17:24.11.2026")
    return number.strip(), when


def _key(services: Services, args: argparse.Namespace) -> tuple[str, str, str | None]:
    """(provider, handle, password) from --key/--password-file, else from the exchange settings."""
    chosen = args.key or services.settings.exchange_key
    if not chosen:
        raise ConfigError("укажите --key или настройте ключ обмена: «edo exchange configure ... --key ...»", "--key")
    provider, sep, handle = chosen.partition(":")
    if not (sep and provider and handle):
        raise InputError("--key: нужен «провайдер:идентификатор», как их печатает «edo certs»", "--key")
    settings_file = services.settings.exchange_key_password_file
    path = args.password_file or (Path(settings_file) if settings_file and not args.key else None)
    return provider, handle, read_password(path)


def _run_title(args: argparse.Namespace) -> int:
    services = Services.open(args.data)
    try:
        exchange = open_exchange(services)
        provider, handle, password = _key(services, args)
        signer = title_signer(args.signer, args.position)
        act: tuple[str, date] | None = args.accept_with_discrepancies
        details = AcceptanceDetails(reason=args.reason.strip(),
                                    discrepancy_act=discrepancy_act(act[0], act[1], args.act_name) if act else None)
        title_id = exchange.sign_buyer_title(args.document_id, accept=not args.refuse, signer=signer,
                                             provider=provider, handle=handle, password=password, details=details)
    finally:
        services.close()
    verdict = "отказ" if args.refuse else "принят с расхождениями" if act else "принят"
    print(f"титул покупателя ({verdict}) сохранён как документ № {title_id}, подписан и ждёт отправки (edo sync)")
    return EXIT_OK


def _run_clarify(args: argparse.Namespace) -> int:
    services = Services.open(args.data)
    try:
        package_id = open_exchange(services).request_clarification(args.document_id, args.text)
    finally:
        services.close()
    print(f"уведомление об уточнении поставлено в очередь, пакет {package_id}")
    return EXIT_OK


def _run_annul(args: argparse.Namespace) -> int:
    services = Services.open(args.data)
    try:
        exchange = open_exchange(services)
        if args.propose:
            package_id, what = exchange.propose_annulment(args.document_id, args.propose), "предложение"
        elif args.agree:
            package_id, what = exchange.accept_annulment(args.document_id), "согласие"
        else:
            package_id, what = exchange.refuse_annulment(args.document_id, args.refuse), "отказ"
    finally:
        services.close()
    print(f"аннулирование: {what} поставлено в очередь, пакет {package_id}")
    return EXIT_OK
