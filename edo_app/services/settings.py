"""Settings for the front ends: read, validate, save (atomically), and the «Проверить» probes —
the operator's API, the exchange folder, a folder of official XSDs and a database URL.

Validation gathers every problem with its field name (a Settings attribute), so a form can show
each one beside its field; nothing is written while any problem remains. The exchange fields obey
the same rules as ``edo exchange configure`` (participant id via transport.package, a token for an
operator, «Фамилия Имя [Отчество]» of the signer via exchange_setup.signer_of).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Connection, make_url, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from edo_app import config
from edo_app.errors import ConfigError, EdoError, StorageError
from edo_app.model.problems import InputErrors
from edo_app.schemas.registry import SchemaRegistry
from edo_app.services.context import SETTINGS_FILE
from edo_app.services.exchange_setup import signer_of
from edo_app.storage.database import open_database
from edo_app.transport.folder import FOLDERS, FolderTransport
from edo_app.transport.http_operator import HttpOperatorTransport
from edo_app.transport.package import check_participant_id

__all__ = ["MAX_SYNC_INTERVAL", "ProbeResult", "SchemaInfo", "SchemaListing", "check_database", "check_folder",
           "check_operator", "list_schemas", "load_settings", "mask_url", "problems_of", "save_settings",
           "settings_path"]

MAX_SYNC_INTERVAL = 24 * 60  # minutes: once a day is the slowest automatic sync that makes sense
PROBE_TIMEOUT = 5.0  # seconds: a check answers quickly or reports the operator unreachable
UNREACHABLE = "оператор недоступен"


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """What a «Проверить» found: ``ok`` and Russian lines for the user."""

    ok: bool
    lines: tuple[str, ...]

    @property
    def message(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class SchemaInfo:
    id: str
    title: str
    version: str
    file: str


@dataclass(frozen=True, slots=True)
class SchemaListing:
    """The official XSDs of a folder and the files there that could not be used."""

    folder: Path
    schemas: tuple[SchemaInfo, ...]
    problems: tuple[str, ...]


def settings_path(base: Path) -> Path:
    return base / SETTINGS_FILE


def load_settings(base: Path) -> config.Settings:
    return config.load(settings_path(base))


def save_settings(settings: config.Settings, base: Path) -> Path:
    """Validate, then write settings.toml atomically; InputErrors lists every problem, nothing written."""
    problems = problems_of(settings)
    if problems:
        raise InputErrors(problems)
    base.mkdir(parents=True, exist_ok=True)
    path = settings_path(base)
    config.save(settings, path)
    return path


# -- validation ---------------------------------------------------------------------------------
def problems_of(settings: config.Settings) -> list[tuple[str, str]]:
    """(field, Russian message) for every setting that cannot be used; empty when all is well."""
    problems = _exchange_problems(settings)
    problems += _signer_problems(settings)
    if not 0 <= settings.sync_interval_minutes <= MAX_SYNC_INTERVAL:
        problems.append(("sync_interval_minutes", f"интервал синхронизации — от 0 до {MAX_SYNC_INTERVAL} минут"))
    if settings.official_xsd_dir and not Path(settings.official_xsd_dir).is_dir():
        problems.append(("official_xsd_dir", f"папка {settings.official_xsd_dir} не найдена"))
    problem = _database_url_problem(settings.database_url)
    if problem:
        problems.append(("database_url", problem))
    if settings.max_xml_bytes < 1:
        problems.append(("max_xml_bytes", "предельный размер файла должен быть больше нуля"))
    return problems


def _exchange_problems(settings: config.Settings) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if settings.operator_url and settings.exchange_folder:
        problems.append(("exchange_folder", "укажите либо оператора, либо папку обмена, но не оба сразу"))
    wanted = settings.participant_id or settings.operator_url or settings.exchange_folder
    if wanted:
        problem = check_participant_id(settings.participant_id)
        if problem:
            problems.append(("participant_id", problem))
    if settings.operator_url:
        problems += _operator_problems(settings.operator_url, settings.operator_token)
    if settings.exchange_folder:
        problem = folder_problem(Path(settings.exchange_folder))
        if problem:
            problems.append(("exchange_folder", problem))
    return problems


def _operator_problems(url: str, token: str) -> list[tuple[str, str]]:
    problems = []
    problem = url_problem(url)
    if problem:
        problems.append(("operator_url", problem))
    if not token:
        problems.append(("operator_token", "для оператора укажите токен доступа"))
    elif any(c.isspace() for c in token):
        problems.append(("operator_token", "токен доступа не должен содержать пробелов и переводов строк"))
    return problems


def _signer_problems(settings: config.Settings) -> list[tuple[str, str]]:
    try:
        signer_of(settings)
    except ConfigError as exc:
        return [("exchange_signer", exc.message.removeprefix("exchange_signer: "))]
    return []


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an operator's API address (http(s)://host[:port][/path]), or None."""
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return f"«{url}» не является адресом: ожидается http://сервер:порт"
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        return f"«{url}» не является адресом API оператора: ожидается http(s)://сервер[:порт]"
    if parts.query or parts.fragment or any(c.isspace() for c in url):
        return f"«{url}»: в адресе оператора не должно быть пробелов, параметров и «#»"
    return None


def folder_problem(folder: Path) -> str | None:
    """Why files cannot be exchanged through ``folder`` (missing, not a folder, read-only), or None."""
    if not folder.exists():
        return f"папка {folder} не найдена"
    if not folder.is_dir():
        return f"{folder} — не папка"
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".edo-check-"):
            pass
    except OSError:
        return f"в папку {folder} нельзя записывать: проверьте права доступа"
    return None


def _database_url_problem(url: str) -> str | None:
    if not url:
        return None
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "адрес базы данных не распознан: ожидается sqlite:///путь или postgresql://..."
    if parsed.get_backend_name() not in ("sqlite", "postgresql", "postgres"):
        return f"база данных «{parsed.get_backend_name()}» не поддерживается: используйте SQLite или PostgreSQL"
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        return "для SQLite укажите файл базы данных"
    return None


# -- probes -------------------------------------------------------------------------------------
def check_operator(url: str, token: str, *, timeout: float = PROBE_TIMEOUT) -> ProbeResult:
    """GET /health, then one page of events (the token's test); never raises for a bad answer."""
    problems = _operator_problems(url, token)
    if problems:
        return ProbeResult(False, tuple(message for _, message in problems))
    try:
        with HttpOperatorTransport(url, token, timeout=timeout) as operator:
            health = operator.health()
            operator.fetch_events(None, 1)  # reads only: the cursor moves on acknowledgement
    except EdoError as exc:
        return ProbeResult(False, (f"{UNREACHABLE}: {exc}" if _unreachable(exc) else str(exc),))
    name = health.get("operator") or "—"
    return ProbeResult(True, (f"Соединение установлено: оператор {name} отвечает, токен принят",))


def _unreachable(exc: EdoError) -> bool:
    return bool(getattr(exc, "retryable", False))


def check_folder(folder: Path, participant_id: str) -> ProbeResult:
    """The folder exists and takes files; our box and its subfolders are there (created if new)."""
    problem = folder_problem(folder) or check_participant_id(participant_id)
    if problem:
        return ProbeResult(False, (problem,))
    try:
        transport = FolderTransport(folder, participant_id)
    except EdoError as exc:
        return ProbeResult(False, (str(exc),))
    writable = [name for name in FOLDERS if os.access(transport.folder(name), os.W_OK)]
    if len(writable) < len(FOLDERS):
        missing = ", ".join(name for name in FOLDERS if name not in writable)
        return ProbeResult(False, (f"в подпапки ящика {transport.box} нельзя записывать: {missing}",))
    return ProbeResult(True, (f"Папка обмена доступна для записи: {folder}",
                              f"Ящик {participant_id}: подпапки {', '.join(FOLDERS)}"))


def list_schemas(folder: Path) -> SchemaListing:
    """Every official FNS XSD the folder holds (the registry's reading of them); InputError-free:
    a missing folder is ConfigError naming the field."""
    if not folder.is_dir():
        raise ConfigError(f"папка официальных схем {folder} не найдена", "official_xsd_dir")
    registry = SchemaRegistry(project_dir=None, official_dirs=(folder,))
    found = tuple(SchemaInfo(e.id, e.title, e.version, e.path.name) for e in registry.entries)
    return SchemaListing(folder, found, registry.problems)


def mask_url(url: str) -> str:
    """The URL with its password replaced by ***, for every message the user sees."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url if "@" not in url else "***@" + url.rsplit("@", 1)[1]
    return parsed.render_as_string(hide_password=True)


def check_database(url: str) -> ProbeResult:
    """Connect (applying migrations, as the app does when it starts) and report the server and
    the schema revision; errors are Russian and never show the password."""
    problem = _database_url_problem(url)
    if problem:
        return ProbeResult(False, (problem,))
    shown = mask_url(url)
    try:
        database = open_database(url)
    except StorageError as exc:
        return ProbeResult(False, (f"{shown}: {_hide_password(str(exc), url)}",))
    try:
        with database.engine.connect() as connection:
            version = _server_version(connection.dialect.name, connection)
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
    except SQLAlchemyError:
        return ProbeResult(False, (f"{shown}: соединение установлено, но версию сервера прочитать не удалось",))
    finally:
        database.close()
    return ProbeResult(True, (f"Подключение установлено: {shown}", f"Сервер: {version}",
                              f"Схема базы данных актуальна (ревизия {revision})"))


def _server_version(dialect: str, connection: Connection) -> str:
    query = "SELECT sqlite_version()" if dialect == "sqlite" else "SHOW server_version"
    value = connection.execute(text(query)).scalar_one()
    return f"{'SQLite' if dialect == 'sqlite' else 'PostgreSQL'} {value}"


def _hide_password(message: str, url: str) -> str:
    try:
        password = make_url(url).password
    except ArgumentError:
        return message
    return message.replace(str(password), "***") if password else message
