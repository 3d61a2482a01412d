"""Fixtures shared by the service tests that need a test PKI and an МЧД representative's key."""

from __future__ import annotations

import pytest

from edo_app.poa import Person
from tests.unit.crypto.fixtures import Pki, issue, make_pki
from tests.unit.crypto.fixtures import TestKey as PkiKey
from tests.unit.services.test_poa_registry import make_poa, person_subject


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture(scope="module")
def rep_key(test_pki: Pki) -> PkiKey:
    """The certificate of make_poa(1)'s representative (the seller's employee in exchange tests)."""
    rep = make_poa(1).representatives[0]
    assert isinstance(rep, Person)
    return issue(person_subject(rep), issuer=test_pki.root)
