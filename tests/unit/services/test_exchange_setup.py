"""Building the exchange from the settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from edo_app.config import Settings
from edo_app.errors import ConfigError
from edo_app.services.context import Services
from edo_app.services.exchange_setup import configured, open_transport, signer_of
from edo_app.transport.folder import FolderTransport
from edo_app.transport.http_operator import HttpOperatorTransport

ME = "2AE1111111111-222222222"


def test_not_configured_means_no_exchange(tmp_path: Path) -> None:
    assert not configured(Settings()) and not configured(Settings(participant_id=ME))
    services = Services.open(tmp_path, Settings())
    try:
        assert services.exchange is None
    finally:
        services.close()


def test_folder_and_operator_transports(tmp_path: Path) -> None:
    transport, name = open_transport(Settings(participant_id=ME, exchange_folder=str(tmp_path)))
    assert isinstance(transport, FolderTransport) and name.startswith("folder:")
    assert (tmp_path / ME / "incoming").is_dir()
    operator, name = open_transport(Settings(participant_id=ME, operator_url="http://127.0.0.1:9/", operator_token="t"))
    assert isinstance(operator, HttpOperatorTransport) and name == "operator:http://127.0.0.1:9/"
    operator.close()
    with pytest.raises(ConfigError):
        open_transport(Settings(participant_id=ME))


def test_services_open_wires_the_exchange(tmp_path: Path) -> None:
    settings = Settings(participant_id=ME, exchange_folder=str(tmp_path / "x"), exchange_signer="Иванов Пётр")
    services = Services.open(tmp_path, settings)
    try:
        assert services.exchange is not None and services.exchange.participant_id == ME
        assert services.exchange.options.receipt_signer is not None
        assert services.exchange.options.poa_entries is not None
    finally:
        services.close()


def test_signer_from_settings() -> None:
    signer = signer_of(Settings(exchange_signer="Иванов  Пётр Сергеевич", exchange_signer_position="Бухгалтер"))
    assert signer is not None and signer.name.full == "Иванов Пётр Сергеевич" and signer.position == "Бухгалтер"
    assert signer_of(Settings()) is None
    with pytest.raises(ConfigError):
        signer_of(Settings(exchange_signer="Иванов"))
