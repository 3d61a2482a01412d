"""The exchange folder: atomic files, gateway delivery, duplicates, broken files, restarts."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import pytest

from edo_app.transport.base import OperatorUnavailable, TransportError
from edo_app.transport.folder import FOLDERS, FolderGateway, FolderTransport
from edo_app.transport.package import Package, to_zip
from tests.unit.transport.samples import ALICE, BOB, CAROL, document_package


@pytest.fixture
def alice(tmp_path: Path) -> FolderTransport:
    return FolderTransport(tmp_path, ALICE)


@pytest.fixture
def bob(tmp_path: Path) -> FolderTransport:
    return FolderTransport(tmp_path, BOB)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _drop(transport: FolderTransport, package: Package, *, name: str | None = None, mtime: float | None = None) -> Path:
    """Put a package into the incoming folder as a gateway would."""
    path = transport.folder("incoming") / (name or f"{package.package_id}.zip")
    path.write_bytes(to_zip(package))
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_layout_is_created(alice: FolderTransport) -> None:
    assert _names(alice.box) == sorted(FOLDERS)


def test_send_writes_one_finished_file_and_nothing_else(alice: FolderTransport) -> None:
    package = document_package()
    receipt = alice.send(package)
    assert receipt.message_id == package.package_id
    assert _names(alice.folder("outgoing")) == [f"{package.package_id}.zip"]
    assert (alice.folder("outgoing") / f"{package.package_id}.zip").read_bytes() == to_zip(package)
    assert _names(alice.folder("tmp")) == []


def test_a_failed_rename_leaves_no_visible_or_temporary_file(
    alice: FolderTransport, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OperatorUnavailable, match="No space left"):
        alice.send(document_package())
    assert _names(alice.folder("outgoing")) == [] and _names(alice.folder("tmp")) == []


def test_half_written_files_are_never_listed_and_stale_ones_are_cleaned(tmp_path: Path, bob: FolderTransport) -> None:
    crashed = bob.folder("tmp") / ".x.zip.abc.part"
    crashed.write_bytes(b"PK\x03\x04 half")
    (bob.folder("incoming") / ".y.zip.part").write_bytes(b"PK half")  # a gateway mid-write
    (bob.folder("incoming") / "notes.txt").write_text("ignored")
    assert bob.fetch_events(None, 10).events == [] and bob.failures() == []
    assert FolderTransport(tmp_path, BOB).folder("tmp").joinpath(crashed.name).exists()  # fresh: kept
    old = time.time() - 7200
    os.utime(crashed, (old, old))
    FolderTransport(tmp_path, BOB)  # a restart cleans what a dead writer left
    assert _names(bob.folder("tmp")) == []


def test_gateway_delivers_between_participants(tmp_path: Path, alice: FolderTransport, bob: FolderTransport) -> None:
    package = document_package()
    alice.send(package)
    report = FolderGateway(tmp_path).deliver_once()
    name = f"{package.package_id}.zip"
    assert report.delivered == [name] and report.duplicates == [] and report.failed == []
    assert _names(alice.folder("outgoing")) == [] and _names(alice.folder("sent")) == [name]
    assert _names(bob.folder("incoming")) == [name] and _names(bob.folder("tmp")) == []
    assert bob.fetch_package(package.package_id) == package


def test_a_gateway_crash_between_copy_and_move_does_not_duplicate(
    tmp_path: Path, alice: FolderTransport, bob: FolderTransport
) -> None:
    package = document_package()
    name = f"{package.package_id}.zip"
    alice.send(package)
    gateway = FolderGateway(tmp_path)
    gateway.deliver_once()
    # The crash: the copy reached Bob but the original never left Alice's outgoing/.
    os.replace(alice.folder("sent") / name, alice.folder("outgoing") / name)
    assert gateway.deliver_once().duplicates == [name]
    assert _names(bob.folder("incoming")) == [name]
    bob.acknowledge([package.package_id])  # even after Bob processed it, it does not come back
    os.replace(alice.folder("sent") / name, alice.folder("outgoing") / name)
    assert gateway.deliver_once().duplicates == [name]
    assert _names(bob.folder("incoming")) == [] and bob.fetch_events(None, 10).events == []


def test_gateway_refuses_unknown_recipients_and_broken_outgoing_files(tmp_path: Path, alice: FolderTransport) -> None:
    lost = document_package(recipient=CAROL)
    alice.send(lost)
    junk = alice.folder("outgoing") / f"{uuid.uuid4()}.zip"
    junk.write_bytes(b"not a zip")
    report = FolderGateway(tmp_path).deliver_once()
    assert sorted(report.failed) == sorted([f"{lost.package_id}.zip", junk.name])
    reasons = {f.name: f.reason for f in alice.failures()}
    assert CAROL in reasons[f"{lost.package_id}.zip"] and "ZIP" in reasons[junk.name]


def test_a_corrupt_incoming_file_goes_to_failed_with_its_reason(bob: FolderTransport) -> None:
    good = document_package()
    _drop(bob, good, mtime=1_800_000_002)
    corrupt = bob.folder("incoming") / f"{uuid.uuid4()}.zip"
    corrupt.write_bytes(to_zip(document_package())[:-30])
    os.utime(corrupt, (1_800_000_001, 1_800_000_001))
    events = bob.fetch_events(None, 10).events
    assert [e.message_id for e in events] == [good.package_id]  # the loop went on past the broken one
    assert _names(bob.folder("failed")) == sorted([corrupt.name, corrupt.name + ".error.txt"])
    (failure,) = bob.failures()
    assert failure.name == corrupt.name and "ZIP" in failure.reason


@pytest.mark.parametrize("case", ["wrong-name", "not-for-us"])
def test_misaddressed_files_go_to_failed(bob: FolderTransport, case: str) -> None:
    if case == "wrong-name":
        _drop(bob, document_package(), name=f"{uuid.uuid4()}.zip")
        expected = "имя файла не совпадает"
    else:
        _drop(bob, document_package(recipient=CAROL))
        expected = f"адресован участнику {CAROL}"
    assert bob.fetch_events(None, 10).events == []
    assert expected in bob.failures()[0].reason


def test_acknowledge_moves_to_processed_and_the_package_stays_readable(bob: FolderTransport) -> None:
    package = document_package()
    _drop(bob, package)
    (event,) = bob.fetch_events(None, 10).events
    bob.acknowledge([event.event_id])
    assert _names(bob.folder("incoming")) == [] and _names(bob.folder("processed")) == [f"{package.package_id}.zip"]
    assert bob.fetch_package(package.package_id) == package
    assert bob.fetch_events(None, 10).events == []


def test_a_restart_continues_from_the_stored_cursor(tmp_path: Path, bob: FolderTransport) -> None:
    packages = [document_package() for _ in range(3)]
    for offset, package in enumerate(packages):
        _drop(bob, package, mtime=1_800_000_000 + offset)
    page = bob.fetch_events(None, 2)
    assert [e.message_id for e in page.events] == [p.package_id for p in packages[:2]]
    bob.acknowledge([page.events[0].event_id])  # the second was seen but not yet acknowledged
    restarted = FolderTransport(tmp_path, BOB)
    after = restarted.fetch_events(page.next_cursor, 10)
    assert [e.message_id for e in after.events] == [packages[2].package_id]
    everything_open = restarted.fetch_events(None, 10)
    assert [e.message_id for e in everything_open.events] == [p.package_id for p in packages[1:]]


def test_ids_cannot_escape_the_folder(bob: FolderTransport) -> None:
    for bad in ("../../../etc/passwd", "x/../y", ""):
        with pytest.raises(TransportError, match="не является идентификатором"):
            bob.acknowledge([bad])
        with pytest.raises(TransportError, match="не является идентификатором"):
            bob.fetch_package(bad)


def test_an_unusable_folder_is_reported_as_unavailable(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where the folder should be")
    with pytest.raises(OperatorUnavailable, match="недоступна"):
        FolderTransport(tmp_path / "blocked", ALICE)
