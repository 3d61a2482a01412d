"""Settings: frozen dataclasses, TOML on disk, unknown keys rejected, platformdirs paths."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from edo_app.errors import ConfigError
from edo_app.fileio import write_atomic
from edo_app.xmlio import DEFAULT_MAX_BYTES

APP_NAME = "edo-app"
ENV_DATA_DIR = "EDO_APP_DATA_DIR"


def data_dir() -> Path:
    """The user's data folder; ``EDO_APP_DATA_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can set. ``database_url`` empty means SQLite in the data dir."""

    database_url: str = ""
    official_xsd_dir: str = ""  # a folder of official FNS XSDs the user installed
    max_xml_bytes: int = DEFAULT_MAX_BYTES
    program_version: str = field(default="edo-app 0.1")
    # Exchange (edo exchange configure): our participant id and one way to reach the others —
    # an exchange folder, or an operator's HTTP API with its access token.
    participant_id: str = ""
    exchange_folder: str = ""
    operator_url: str = ""
    operator_token: str = ""
    exchange_signer: str = ""  # ФИО of who signs ИОП/УОУ: "Фамилия Имя Отчество"
    exchange_signer_position: str = ""
    # The certificate that signs our service documents (ИОП, УОУ, ПоА): "provider:handle" as
    # `edo certs` lists it, and a file holding its key password (read when the exchange opens).
    exchange_key: str = ""
    exchange_key_password_file: str = ""
    sync_interval_minutes: int = 0  # automatic exchange sync in the app; 0 = off

    def resolved_database_url(self, base: Path) -> str:
        return self.database_url or f"sqlite:///{base / 'edo.sqlite3'}"

    def official_xsd_path(self, base: Path) -> Path:
        return Path(self.official_xsd_dir) if self.official_xsd_dir else base / "xsd"


def load(path: Path) -> Settings:
    """Read settings; a missing file gives the defaults, an unknown key is an error."""
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"файл настроек {path} не читается: {exc}") from exc
    return _from_mapping(raw, str(path))


def _from_mapping(raw: dict[str, Any], where: str) -> Settings:
    known = {f.name: f for f in dataclasses.fields(Settings)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ConfigError(f"неизвестные параметры в {where}: {', '.join(unknown)}", unknown[0])
    for key, value in raw.items():
        expected = type(getattr(Settings(), key))
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(f"параметр {key} в {where} должен быть типа {expected.__name__}", key)
    return Settings(**raw)


def save(settings: Settings, path: Path) -> None:
    """Write settings atomically (temp file + rename): a crash never leaves half a file."""
    lines = []
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        lines.append(f"{f.name} = {value}" if isinstance(value, int) else f"{f.name} = {_toml_str(value)}")
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"), mode=0o644)


def _toml_str(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
