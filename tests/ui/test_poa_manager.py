"""The МЧД manager on real services: create from the sample JSON and from the form, import with the
principal's signature, the nine checks, revoke, sign, and the documents signed under an МЧД."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from edo_app.crypto.software import SoftwareProvider
from edo_app.poa import PowerOfAttorney, file_name, poa_to_xml
from edo_app.services import Services
from edo_app.services.poa_manager import ACTIVE, EXPIRED, REVOKED, UNSIGNED, principal_defaults
from edo_app.services.signing_batch import SignerChoice
from tests.oracles import PROJECT
from tests.ui.conftest import Shown
from tests.ui.helpers import write_upd
from tests.unit.crypto.fixtures import Pki, issue, make_pki, person_name
from tests.unit.services.test_poa_registry import HEAD, PASSWORD, _import_key, make_poa, signature
from ui.directories import poa_signing
from ui.directories.poa import PoaManagerDialog
from ui.directories.poa_form import PoaFormDialog
from ui.directories.poa_views import PoaCheckDialog, PoaDocumentsDialog, RevokeDialog
from ui.main_window import MainWindow
from ui.ops import SyncExecutor

SAMPLE = PROJECT / "resources" / "samples" / "poa-ul-employee.json"
SAMPLE_NUMBER = "a6a3a450-6513-470e-a69e-0d37f2a74de4"


@dataclass
class Opened:
    """Dialogs the manager opened modally (exec patched: accepted at once)."""

    dialogs: list[QDialog] = field(default_factory=list)

    def last(self, kind: type[QDialog]) -> QDialog:
        return [d for d in self.dialogs if isinstance(d, kind)][-1]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Opened:
    record = Opened()

    def accept(dialog: QDialog) -> int:
        record.dialogs.append(dialog)
        return 1

    for kind in (PoaCheckDialog, PoaDocumentsDialog, RevokeDialog, PoaFormDialog):
        monkeypatch.setattr(kind, "exec", accept)
    return record


@pytest.fixture
def manager(qtbot: QtBot, services: Services, shown: Shown, opened: Opened) -> PoaManagerDialog:
    dialog = PoaManagerDialog(services, SyncExecutor())
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


def current_poa(seed: int) -> PowerOfAttorney:
    """make_poa's МЧД (the test PKI's company) valid around today, whenever the tests run."""
    today = date.today()
    return make_poa(seed, valid_from=today - timedelta(days=10), valid_to=today + timedelta(days=200))


def cell(dialog: PoaManagerDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def import_signed(manager: PoaManagerDialog, folder: Path, pki: Pki, seed: int = 1) -> PowerOfAttorney:
    poa = current_poa(seed)
    xml = folder / file_name(poa)
    xml.write_bytes(poa_to_xml(poa))
    Path(f"{xml}.sig").write_bytes(signature(pki.signer, xml.read_bytes()))
    manager.import_poa(xml)  # the .sig beside it is taken along
    return poa


def test_the_directories_menu_opens_the_manager(window: MainWindow) -> None:
    assert "&Доверенности (МЧД)…" in [action.text() for action in window.menu("Справочники").actions()]


def test_create_from_the_sample_json(manager: PoaManagerDialog) -> None:
    manager.create_from_json(SAMPLE)
    assert manager.table.rowCount() == 1
    assert cell(manager, 0, 0) == SAMPLE_NUMBER
    assert cell(manager, 0, 1) == "ООО «Зелёный мыс-88»"
    assert cell(manager, 0, 2) == "Чижов Аркадий Захарович"
    assert cell(manager, 0, 3) == "10.03.2025 — 09.03.2026"
    assert cell(manager, 0, 4) == (EXPIRED if date.today() > date(2026, 3, 9) else UNSIGNED)
    assert manager.table.selectionModel().selectedRows()[0].row() == 0


def test_import_with_signature_is_active_and_searchable(manager: PoaManagerDialog, tmp_path: Path, pki: Pki) -> None:
    poa = import_signed(manager, tmp_path, pki)
    manager.create_from_json(SAMPLE)
    assert manager.table.rowCount() == 2
    manager.search.setText(poa.representatives[0].name.last)  # type: ignore[union-attr]
    manager.refresh()
    assert manager.table.rowCount() == 1
    assert (cell(manager, 0, 0), cell(manager, 0, 4)) == (poa.number, ACTIVE)


def test_an_invalid_file_shows_its_report_and_stores_nothing(manager: PoaManagerDialog, tmp_path: Path,
                                                             shown: Shown) -> None:
    renamed = tmp_path / "ON_EMCHD_renamed.xml"  # an МЧД's file name must be its ИдФайл
    renamed.write_bytes(poa_to_xml(current_poa(2)))
    manager.import_poa(renamed)
    assert manager.table.rowCount() == 0
    assert len(shown.reports) == 1 and not shown.reports[0].report.ok


def test_check_shows_every_outcome(manager: PoaManagerDialog, tmp_path: Path, pki: Pki, opened: Opened) -> None:
    import_signed(manager, tmp_path, pki)
    manager.table.selectRow(0)
    manager.check_selected()
    dialog = opened.last(PoaCheckDialog)
    assert isinstance(dialog, PoaCheckDialog)
    assert len(dialog.verdict.checks) == dialog.table.rowCount() >= 9
    outcomes = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}  # type: ignore[union-attr]
    assert "пройдена" in outcomes
    assert dialog.verdict.check("format").outcome.value == "пройдена"
    assert dialog.status_label.text().startswith("Итог: доверенность")


def test_revoke_changes_the_status(manager: PoaManagerDialog, tmp_path: Path, pki: Pki, services: Services) -> None:
    poa = import_signed(manager, tmp_path, pki)
    manager.table.selectRow(0)
    manager.revoke_selected()
    assert cell(manager, 0, 4) == REVOKED
    assert [r.number for r in services.poas.revocations()] == [poa.number]


def test_actions_need_a_selection(manager: PoaManagerDialog, shown: Shown) -> None:
    manager.check_selected()
    assert "Выберите доверенность" in shown.boxes[-1].text()


def test_documents_signed_under_the_poa(manager: PoaManagerDialog, tmp_path: Path, pki: Pki, services: Services,
                                        opened: Opened) -> None:
    import_signed(manager, tmp_path, pki)
    manager.table.selectRow(0)
    manager.show_documents()
    empty = opened.last(PoaDocumentsDialog)
    assert isinstance(empty, PoaDocumentsDialog) and "не использована" in empty.summary.text()
    doc, path = write_upd(tmp_path, seed=3)
    document_id = services.library.import_file(path).document_id
    assert document_id is not None
    services.poas.attach_to_document(document_id, manager.items[0].id)
    manager.show_documents()
    listed = opened.last(PoaDocumentsDialog)
    assert isinstance(listed, PoaDocumentsDialog)
    assert [line.id for line in listed.lines] == [document_id]
    assert listed.table.item(0, 2).text() == doc.number  # type: ignore[union-attr]


def test_the_form_shows_problems_beside_fields_then_creates(qtbot: QtBot, services: Services, shown: Shown,
                                                            tmp_path: Path, pki: Pki) -> None:
    services.poas.import_poa(poa_to_xml(current_poa(1)), file_name(current_poa(1)))
    defaults = principal_defaults(services.poas)
    assert defaults.principal_inn == current_poa(1).principal_identity().inn
    assert defaults.head_name == HEAD.full_name
    form = PoaFormDialog(services.poas, SyncExecutor(), defaults)
    qtbot.addWidget(form)
    form.edits["rep_name"].setText("Совина Ольга Петровна")
    form.edits["rep_snils"].setText("123")
    form.edits["internal_number"].setText("Д-1/2026")
    form.powers.setPlainText("Подписывать УПД")
    form.submit_form()
    assert "СНИЛС" in form.errors.text("rep_snils")
    assert form.created_id is None and len(services.poas.list()) == 1
    form.edits["rep_snils"].setText("112-233-445 95")
    form.submit_form()
    assert form.created_id is not None
    created = services.poas.poa(form.created_id)
    assert created.representatives[0].name.full == "Совина Ольга Петровна"  # type: ignore[union-attr]
    assert created.powers.text == "Подписывать УПД"


def test_create_opens_the_form_with_the_users_organisation(manager: PoaManagerDialog, tmp_path: Path, pki: Pki,
                                                           opened: Opened) -> None:
    poa = import_signed(manager, tmp_path, pki)
    manager.create_from_form()
    form = opened.last(PoaFormDialog)
    assert isinstance(form, PoaFormDialog)
    assert form.edits["principal_inn"].text() == poa.principal_identity().inn
    assert form.edits["head_name"].text() == HEAD.full_name
    assert form.edits["rep_name"].text() == ""


def test_sign_by_the_principal(manager: PoaManagerDialog, services: Services, pki: Pki, shown: Shown,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime.now(UTC)
    # the head's КЭП as the test PKI issues it, valid around today whenever the tests run
    head_key = issue(person_name(HEAD.full_name), issuer=pki.root, not_before=now - timedelta(days=1),
                     not_after=now + timedelta(days=30))
    handle = _import_key(SoftwareProvider(services.data_dir / "keys"), head_key)
    poa_id = services.poas.create_poa(current_poa(4))
    manager.refresh()
    assert cell(manager, 0, 4) == UNSIGNED
    asked: list[list[int]] = []

    def choose(_parent: object, _services: Services, ids: list[int], **_: object) -> SignerChoice:
        asked.append(list(ids))  # the common signing dialog, with no documents to sign
        return SignerChoice("software", handle, PASSWORD)

    monkeypatch.setattr(poa_signing, "choose_signer", choose)
    manager.table.selectRow(0)
    manager.sign_selected()
    assert asked == [[]]
    assert [box.text() for box in shown.boxes] == []
    assert cell(manager, 0, 4) == ACTIVE
    assert services.poas.get(poa_id).signatures[0].valid

