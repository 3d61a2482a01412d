"""«Комплект документооборота» (`edo export`, services.flow_export) after a real СЧФ flow over every
transport: the document as it travelled, its signature, the service documents of both sides with
theirs, and the inventory — every signature in the ZIP verifies over the file beside it."""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.cli import main
from edo_app.crypto.verify import verify_detached
from edo_app.services.flow_export import INVENTORY, SERVICE_FOLDER, export_flow, flow_bundle
from edo_app.transport.http_operator import HttpOperatorTransport
from tests.integration.test_exchange_matrix import TRANSPORTS, World, _send, open_world, server, test_pki
from tests.unit.crypto.fixtures import Pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, SELLER_ID, invoice

__all__ = ["server", "test_pki"]  # the module-scoped fixtures, shared with test_exchange_matrix

_BOXES = itertools.count(1)


@pytest.fixture(params=TRANSPORTS)
def world(request: pytest.FixtureRequest, tmp_path: Path, test_pki: Pki) -> Iterator[World]:
    suffix = next(_BOXES)
    ids = (f"{SELLER_ID}-F{suffix}", f"{BUYER_ID}-F{suffix}")
    yield from open_world(request.param, request, tmp_path, test_pki, ids)


def _read(bundle: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _service_kinds(files: dict[str, bytes]) -> list[str]:
    """The service documents by their file prefix (ON_/DP_ codes), in the order of the bundle."""
    names = [n for n in files if n.startswith(SERVICE_FOLDER + "/") and n.endswith(".xml")]
    return [n.split("_", 1)[1].split("_")[0] + "_" + n.split("_", 1)[1].split("_")[1] for n in names]


def _assert_signatures_verify(files: dict[str, bytes]) -> None:
    signatures = [n for n in files if n.endswith(".sig")]
    assert signatures
    for name in signatures:
        signed = name.removesuffix(".sig")
        assert all(v.valid for v in verify_detached(files[signed], files[name])), name


def test_both_sides_export_the_whole_flow_of_an_invoice(world: World) -> None:
    doc_id, received = _send(world, invoice("СЧФ", seed=41))
    seller = _read(flow_bundle(world.seller.database, doc_id))
    buyer = _read(flow_bundle(world.buyer.database, received))
    operator = isinstance(world.seller.exchange.transport, HttpOperatorTransport)  # the one that signs ПДП/ПДО
    assert sorted(_service_kinds(seller)) == ["DP_IZVPOL", *(["DP_PDPOL"] if operator else [])]  # their ИОП, ПДП
    assert sorted(_service_kinds(buyer)) == ["DP_IZVPOL", *(["DP_PDOTPR"] if operator else [])]  # our ИОП, ПДО
    for files in (seller, buyer):
        _assert_signatures_verify(files)
        document = [n for n in files if "/" not in n and n.endswith(".xml")]
        assert files[document[0]] == world.seller.library.get(doc_id).content  # the exact bytes exchanged
        inventory = files[INVENTORY].decode("utf-8")
        assert "Комплект документооборота" in inventory and all(n in inventory for n in files if n != INVENTORY)
    assert "получен" in seller[INVENTORY].decode() and "отправлен" in buyer[INVENTORY].decode()


def test_a_document_that_never_travelled_is_exported_from_the_registry(world: World, tmp_path: Path) -> None:
    doc_id = world.seller.add_signed(invoice("СЧФ", seed=42))
    files = _read(export_flow(world.seller.database, doc_id, tmp_path / "flow.zip").read_bytes())
    assert sorted(n.rsplit(".", 1)[-1] for n in files) == ["sig", "txt", "xml"]
    _assert_signatures_verify(files)
    assert "не отправлялся" in files[INVENTORY].decode("utf-8")


@pytest.mark.parametrize("world", ["memory"], indirect=True)
def test_edo_export_writes_the_bundle_or_nothing(world: World, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    doc_id, _ = _send(world, invoice("СЧФ", seed=43))
    data = tmp_path / "a"  # the seller's data folder (make_side keeps its database there)
    out = tmp_path / "flow.zip"
    assert main(["export", str(doc_id), "--out", str(out), "--data", str(data)]) == 0
    assert _service_kinds(_read(out.read_bytes())) == ["DP_IZVPOL"]
    assert "сохранён" in capsys.readouterr().out
    missing = tmp_path / "missing.zip"
    assert main(["export", "999", "--out", str(missing), "--data", str(data)]) == 1
    assert not missing.exists()
