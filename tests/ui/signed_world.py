"""Fixtures of the windows that show a stored document: the app's services over a data folder
whose trust store holds the test PKI, and a sample УПД signed with its key (stored outgoing).

A test module binds them at module level (``pki, services, signed = signed_world.pki, ...``; a
``from … import`` of them would be shadowed by the tests' arguments, which ruff refuses, F811);
its ``services`` then replaces the plain one of tests/ui/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.documents import UpdSeller
from edo_app.services import Services
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.document_world import open_services, store_signed_upd


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


@pytest.fixture
def services(data_dir: Path, pki: Pki) -> Iterator[Services]:
    opened = open_services(data_dir, pki)
    yield opened
    opened.close()


@pytest.fixture
def signed(services: Services, pki: Pki) -> tuple[UpdSeller, int]:
    return store_signed_upd(services, pki)
