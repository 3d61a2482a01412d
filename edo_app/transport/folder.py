"""The exchange folder: how 1С and operators' gateways trade files, as a ``Transport``.

Each participant owns ``<root>/<participant id>/`` with these folders:

    outgoing/   packages we send, ``<package_id>.zip``; a gateway takes them from here
    sent/       the gateway moves our delivered packages here (remembers what was sent)
    incoming/   packages for us, put here by a gateway
    processed/  incoming packages we acknowledged
    failed/     packages that could not be read, each with ``<name>.error.txt`` giving the reason
    tmp/        files being written; never read by anyone, stale ones are removed

Nothing is ever visible half-written: a file is written and fsynced in ``tmp/`` of the same
folder tree and then renamed into place (a rename within one file system is atomic).
Names other than ``*.zip`` and names starting with a dot are ignored in every folder, so a
gateway that writes ``.name.part`` files and renames them works too.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from edo_app.errors import InputError
from edo_app.fileio import write_atomic
from edo_app.transport.base import (
    EventPage,
    OperatorUnavailable,
    PackageFormatError,
    Rejected,
    SendReceipt,
    SendResult,
    TransportError,
    TransportEvent,
    UnknownRecipient,
    send_each,
)
from edo_app.transport.package import (
    MAX_PACKAGE_BYTES,
    Package,
    arrival_kind,
    check_participant_id,
    from_zip,
    summary,
    to_zip,
)

__all__ = ["FOLDERS", "Failure", "FolderGateway", "FolderTransport", "GatewayReport"]

FOLDERS = ("outgoing", "sent", "incoming", "processed", "failed", "tmp")
STALE_TMP_SECONDS = 3600.0  # older half-files in tmp/ belong to a writer that died


@contextlib.contextmanager
def _folder_errors(where: Path) -> Iterator[None]:
    """Translate the file system's errors at the boundary: a folder we cannot use is 'unavailable'."""
    try:
        yield
    except TransportError:
        raise
    except (OSError, InputError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise OperatorUnavailable(f"Папка обмена {where} недоступна: {reason}") from exc


def _package_file(package_id: str) -> str:
    return f"{package_id}.zip"


def _package_id(name: str) -> str | None:
    """The id a file name carries, or None when the name is not ``<canonical uuid>.zip``."""
    stem = name.removesuffix(".zip")
    try:
        return stem if name.endswith(".zip") and str(uuid.UUID(stem)) == stem else None
    except ValueError:
        return None


def _visible(folder: Path) -> list[Path]:
    """Finished package files in ``folder``: ``*.zip`` not starting with a dot."""
    return [p for p in folder.iterdir() if p.name.endswith(".zip") and not p.name.startswith(".") and p.is_file()]


def _write_temp(tmp_dir: Path, name: str, data: bytes) -> Path:
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=tmp_dir)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def publish_exclusive(tmp_dir: Path, target: Path, data: bytes) -> bool:
    """Make ``target`` appear with ``data`` at once, unless it exists; True when we created it."""
    temp = _write_temp(tmp_dir, target.name, data)
    try:
        try:
            os.link(temp, target)  # atomic create-if-absent
        except FileExistsError:
            return False
        except OSError:  # file systems without hard links (FAT, some shares): check, then rename
            if target.exists():
                return False
            os.replace(temp, target)
        return True
    finally:
        temp.unlink(missing_ok=True)


def quarantine(path: Path, failed_dir: Path, reason: str) -> None:
    """Move a file that cannot be used out of the way, with the reason beside it."""
    target = failed_dir / path.name
    os.replace(path, target)
    write_atomic(failed_dir / f"{path.name}.error.txt", (reason + "\n").encode("utf-8"), mode=0o644)


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes: enough for from_zip to tell 'too large' without reading it all."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)


@dataclass(frozen=True)
class Failure:
    name: str
    reason: str


class FolderTransport:
    """``Transport`` over ``<root>/<participant_id>/``. Event ids and message ids are package ids.

    The cursor is ``<mtime_ns>:<file name>`` of the last incoming file returned: incoming files are
    read in (mtime, name) order and a cursor means "after this one". Acknowledged files leave
    ``incoming/``, so ``fetch_events(None)`` is always "everything not yet acknowledged".
    """

    def __init__(
        self,
        root: Path,
        participant_id: str,
        *,
        max_package_bytes: int = MAX_PACKAGE_BYTES,
        stale_tmp_seconds: float = STALE_TMP_SECONDS,
    ) -> None:
        problem = check_participant_id(participant_id)
        if problem:
            raise InputError(problem, "participant_id")
        self.participant_id = participant_id
        self.box = root / participant_id
        self.max_package_bytes = max_package_bytes
        with _folder_errors(self.box):
            for name in FOLDERS:
                (self.box / name).mkdir(parents=True, exist_ok=True)
        self.clean_tmp(stale_tmp_seconds)

    def folder(self, name: str) -> Path:
        return self.box / name

    def clean_tmp(self, older_than_seconds: float = STALE_TMP_SECONDS) -> int:
        """Remove files left in tmp/ by writers that crashed; returns how many."""
        limit = time.time() - older_than_seconds
        removed = 0
        with _folder_errors(self.folder("tmp")):
            for path in self.folder("tmp").iterdir():
                with contextlib.suppress(FileNotFoundError):
                    if path.is_file() and path.stat().st_mtime <= limit:
                        path.unlink()
                        removed += 1
        return removed

    def send_many(self, packages: Sequence[Package]) -> list[SendResult]:
        return send_each(self.send, packages)

    def send(self, package: Package) -> SendReceipt:
        if package.sender != self.participant_id:
            raise Rejected(f"отправитель в пакете ({package.sender}) не совпадает с папкой {self.participant_id}")
        data = to_zip(package)
        name = _package_file(package.package_id)
        with _folder_errors(self.box):
            for where in ("outgoing", "sent"):
                earlier = self.folder(where) / name
                if earlier.exists():
                    if earlier.read_bytes() != data:
                        raise Rejected(f"пакет {package.package_id} уже отправлен с другим содержимым")
                    return SendReceipt(package.package_id, package.package_id, _mtime(earlier))
            temp = _write_temp(self.folder("tmp"), name, data)
            try:
                os.replace(temp, self.folder("outgoing") / name)
            finally:
                temp.unlink(missing_ok=True)
            return SendReceipt(package.package_id, package.package_id, _mtime(self.folder("outgoing") / name))

    def fetch_events(self, cursor: str | None, limit: int) -> EventPage:
        if limit < 1:
            raise InputError("limit должен быть не меньше 1", "limit")
        after = _parse_cursor(cursor)
        events: list[TransportEvent] = []
        next_cursor = cursor or ""
        for key, path in self._incoming_after(after):
            event = self._event(path, key[0])
            next_cursor = f"{key[0]:020d}:{key[1]}"
            if event is not None:
                events.append(event)
                if len(events) == limit:
                    break
        return EventPage(events, next_cursor)

    def _incoming_after(self, after: tuple[int, str] | None) -> list[tuple[tuple[int, str], Path]]:
        keyed = []
        with _folder_errors(self.folder("incoming")):
            for path in _visible(self.folder("incoming")):
                with contextlib.suppress(FileNotFoundError):  # acknowledged by someone meanwhile
                    keyed.append(((path.stat().st_mtime_ns, path.name), path))
        keyed.sort()
        return [item for item in keyed if after is None or item[0] > after]

    def _event(self, path: Path, mtime_ns: int) -> TransportEvent | None:
        """The event for one incoming file; a broken file goes to failed/ and yields None."""
        try:
            package = self._load(path)
        except (FileNotFoundError, PackageFormatError):
            return None
        at = datetime.fromtimestamp(mtime_ns / 1e9, UTC)
        return TransportEvent(package.package_id, arrival_kind(package), package.package_id, at, summary(package),
                              package)  # read anyway: inlined

    def _load(self, path: Path) -> Package:
        """Read and check an incoming file; quarantine it and re-raise when it is unusable."""
        try:
            data = _read_bounded(path, self.max_package_bytes)
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise OperatorUnavailable(f"Папка обмена недоступна: {path}: {exc.strerror or exc}") from exc
        try:
            package = from_zip(data, max_bytes=self.max_package_bytes)
            self._check_addressed(path.name, package)
        except PackageFormatError as exc:
            with _folder_errors(self.folder("failed")):
                quarantine(path, self.folder("failed"), str(exc))
            raise
        return package

    def _check_addressed(self, name: str, package: Package) -> None:
        if name != _package_file(package.package_id):
            raise PackageFormatError(f"имя файла не совпадает с package_id {package.package_id}", name)
        if package.recipient != self.participant_id:
            raise PackageFormatError(f"пакет адресован участнику {package.recipient}, а не нам", name)

    def fetch_package(self, message_id: str) -> Package:
        name = self._name_of(message_id)
        for where in ("incoming", "processed"):
            path = self.folder(where) / name
            with contextlib.suppress(FileNotFoundError):
                return self._load(path)
        raise TransportError(f"Пакет {message_id} не найден в папке обмена {self.box}")

    def acknowledge(self, event_ids: Sequence[str]) -> None:
        for event_id in event_ids:
            self._acknowledge(event_id)

    def _acknowledge(self, event_id: str) -> None:
        name = self._name_of(event_id)
        with _folder_errors(self.box):
            try:
                os.replace(self.folder("incoming") / name, self.folder("processed") / name)
            except FileNotFoundError:
                if not any((self.folder(where) / name).exists() for where in ("processed", "failed")):
                    raise TransportError(f"Событие {event_id} не найдено в папке обмена {self.box}") from None

    def failures(self) -> list[Failure]:
        """Files moved to failed/, with their reasons, oldest first."""
        with _folder_errors(self.folder("failed")):
            found = sorted(_visible(self.folder("failed")), key=lambda p: (p.stat().st_mtime_ns, p.name))
            return [Failure(p.name, _reason(p)) for p in found]

    @staticmethod
    def _name_of(package_id: str) -> str:
        name = _package_file(package_id)
        if _package_id(name) is None:  # also keeps "../x" out of every path we build
            raise TransportError(f"«{package_id}» не является идентификатором пакета")
        return name


def _reason(path: Path) -> str:
    note = path.with_name(path.name + ".error.txt")
    try:
        return note.read_text(encoding="utf-8").strip()
    except OSError:
        return "причина не записана"


def _parse_cursor(cursor: str | None) -> tuple[int, str] | None:
    if not cursor:
        return None
    stamp, sep, name = cursor.partition(":")
    if not sep or not stamp.isdigit():
        raise TransportError(f"Курсор «{cursor}» не выдавался папкой обмена")
    return int(stamp), name


@dataclass
class GatewayReport:
    delivered: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


class FolderGateway:
    """Delivers packages between participants sharing a root: ``<a>/outgoing`` → ``<b>/incoming``.

    Idempotent and crash-safe: the file name is the package id, the copy appears in the recipient's
    ``incoming/`` by create-exclusive, and a package found in the recipient's incoming/, processed/ or
    failed/ is not delivered again — so a gateway that died between copying and moving the original
    to ``sent/`` simply finishes the move on its next run.
    """

    def __init__(self, root: Path, *, max_package_bytes: int = MAX_PACKAGE_BYTES) -> None:
        self.root = root
        self.max_package_bytes = max_package_bytes

    def participants(self) -> list[str]:
        with _folder_errors(self.root):
            boxes = [p for p in self.root.iterdir() if check_participant_id(p.name) is None]
            return sorted(p.name for p in boxes if (p / "incoming").is_dir())

    def deliver_once(self) -> GatewayReport:
        report = GatewayReport()
        for sender in self.participants():
            outgoing = self.root / sender / "outgoing"
            with _folder_errors(outgoing):
                files = sorted(_visible(outgoing), key=lambda p: p.name)
            for path in files:
                with _folder_errors(path):
                    self._deliver(sender, path, report)
        return report

    def _deliver(self, sender: str, path: Path, report: GatewayReport) -> None:
        box = self.root / sender
        try:
            package, data = self._read(sender, path)
        except TransportError as exc:
            (box / "failed").mkdir(exist_ok=True)
            quarantine(path, box / "failed", str(exc))
            report.failed.append(path.name)
            return
        target = self.root / package.recipient
        (target / "tmp").mkdir(exist_ok=True)
        # Checked in the order files move through them, so a concurrent acknowledge cannot slip past.
        already = any((target / where / path.name).exists() for where in ("incoming", "processed", "failed"))
        if already or not publish_exclusive(target / "tmp", target / "incoming" / path.name, data):
            report.duplicates.append(path.name)
        else:
            report.delivered.append(path.name)
        (box / "sent").mkdir(exist_ok=True)
        os.replace(path, box / "sent" / path.name)

    def _read(self, sender: str, path: Path) -> tuple[Package, bytes]:
        data = _read_bounded(path, self.max_package_bytes)
        package = from_zip(data, max_bytes=self.max_package_bytes)
        if path.name != _package_file(package.package_id):
            raise PackageFormatError(f"имя файла не совпадает с package_id {package.package_id}", path.name)
        if package.sender != sender:
            raise Rejected(f"отправитель в пакете ({package.sender}) не совпадает с папкой {sender}")
        if not (self.root / package.recipient / "incoming").is_dir():
            raise UnknownRecipient(package.recipient)
        return package, data
