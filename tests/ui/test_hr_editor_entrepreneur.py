"""The HR editor with an individual entrepreneur as the employer: the ЮЛ/ИП switch offers the
directory's entrepreneurs, asks for his ФИО (prefilled from «ИП Фамилия Имя Отчество») and his
ОГРНИП, asks no separate signer (the ИП signs his orders himself); a wrong ОГРНИП is shown at its
field and nothing is stored; a draft reopens as an ИП's. The order on a received statement to an ИП
has his ФИО filled in and fixed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from edo_app.documents import HrEntrepreneur, hr_from_xml, sample_hr
from edo_app.documents.hr_model import DismissalBody
from edo_app.documents.hr_samples import EMPLOYEE_ID, ENTREPRENEUR_ID
from edo_app.documents.hr_types import EMPLOYER, ENTREPRENEUR_POSITION, HrSigner
from edo_app.model.identifiers import format_snils, make_inn_person, make_ogrnip, make_snils
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.services import CounterpartyInput, DocumentQuery, Services
from edo_app.services.employees import EmployeeInput
from edo_app.services.events import EventBus
from edo_app.services.hr_editor import hr_editor_of
from edo_app.services.hr_flow import HrFlowService, SigningKey
from edo_app.services.signing_batch import SignerChoice
from tests.ui.conftest import Shown
from tests.unit.crypto.fixtures import make_pki
from tests.unit.services.test_exchange_helpers import PASSWORD, Side, connected_sides
from ui.editor_hr.bodies import DismissalForm
from ui.editor_hr.editor import HrEditor
from ui.editor_hr.employer import ENTREPRENEUR, ORGANISATION
from ui.editor_hr.flow import OrderDialog
from ui.ops import SyncExecutor

_RNG = random.Random(11)
IP_INN, OGRNIP = make_inn_person(_RNG, "50"), make_ogrnip(_RNG, "50")
COMPANY_INN = "7711043325"
IP = PersonName("Воронов", "Глеб", "Ильич")


@pytest.fixture
def directory(services: Services) -> Services:
    services.counterparties.add(CounterpartyInput("ООО «Медный бор»", COMPANY_INN, "771101001", "2AE-COMPANY", True))
    services.counterparties.add(CounterpartyInput("ИП Воронов Глеб Ильич", IP_INN, "", ENTREPRENEUR_ID, True))
    services.employees.add(EmployeeInput(COMPANY_INN, "Орлов", "Пётр", "112-233-445 95", "0001", "Кладовщик",
                                         "Ильич", "Склад", EMPLOYEE_ID))
    services.employees.add(EmployeeInput(IP_INN, "Соколова", "Анна", format_snils(make_snils(_RNG)), "0002",
                                         "Продавец", "Павловна", "", "2AE-SOKOLOVA"))
    return services


@pytest.fixture
def editor(qtbot: QtBot, directory: Services, shown: Shown) -> Iterator[HrEditor]:
    opened = HrEditor(directory, SyncExecutor())
    qtbot.addWidget(opened)
    yield opened
    assert shown.boxes == [], [b.text() for b in shown.boxes]


def _dismissal_order_of_the_entrepreneur(editor: HrEditor, ogrnip: str) -> None:
    head, part = editor.head, editor.head.employer_part
    head.kind.setCurrentIndex(head.kind.findData("order-dismissal"))
    part.kind.setCurrentIndex(part.kind.findData(ENTREPRENEUR))
    head.number.setText("7-К")
    head.date.setDate(QDate(2025, 3, 3))
    part.ogrn.setText(ogrnip)
    dismissal = editor.bodies[DismissalBody]
    assert isinstance(dismissal, DismissalForm)
    dismissal.date.setDate(QDate(2025, 3, 17))


def test_the_switch_offers_entrepreneurs_with_their_fio_and_ogrnip(editor: HrEditor) -> None:
    head, part = editor.head, editor.head.employer_part
    head.kind.setCurrentIndex(head.kind.findData("order-leave"))
    assert [part.choice.itemText(i) for i in range(part.choice.count())] == ["ООО «Медный бор» (ИНН 7711043325, "
                                                                             "КПП 771101001)"]
    assert head.signer_box.isVisibleTo(editor) and not part.name["last_name"].isVisibleTo(editor)
    assert not head.self_signed.isVisibleTo(editor)
    part.kind.setCurrentIndex(part.kind.findData(ENTREPRENEUR))
    assert [part.choice.itemText(i) for i in range(part.choice.count())] == [f"ИП Воронов Глеб Ильич (ИНН {IP_INN})"]
    assert [line.text() for line in part.name.values()] == ["Воронов", "Глеб", "Ильич"]
    assert part.name["last_name"].isVisibleTo(editor) and part.ogrn.placeholderText() == "15 цифр"
    assert editor.head.fields.titles[part.ogrn] == "ОГРНИП"
    assert not head.signer_box.isVisibleTo(editor) and head.self_signed.isVisibleTo(editor)  # he signs himself
    assert editor.input_data()["employer"] == {"last_name": "Воронов", "first_name": "Глеб",
                                               "middle_name": "Ильич", "inn": IP_INN, "ogrnip": ""}
    assert "signers" not in editor.input_data()
    part.kind.setCurrentIndex(part.kind.findData(ORGANISATION))
    assert part.choice.count() == 1 and head.employer_inn() == COMPANY_INN and head.signer_box.isVisibleTo(editor)


def test_an_order_of_the_entrepreneur_is_stored_signed_by_him(qtbot: QtBot, editor: HrEditor,
                                                               directory: Services) -> None:
    _dismissal_order_of_the_entrepreneur(editor, OGRNIP)
    editor.validate_now()
    assert editor.status.text() == "Документ готов к формированию", editor.issues.texts()
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    stored = directory.library.get(formed.args[0])
    assert (stored.direction, stored.status) == (Direction.OUTGOING, DocumentStatus.VALIDATED)
    doc = hr_from_xml(stored.content)
    assert doc.head.employer == HrEntrepreneur(IP, IP_INN, OGRNIP)
    assert doc.head.signers == (HrSigner(IP, EMPLOYER, ENTREPRENEUR_POSITION),)
    assert (doc.head.file_id.sender, doc.head.file_id.recipient) == (ENTREPRENEUR_ID, EMPLOYEE_ID)
    assert stored.summary.seller is not None and stored.summary.seller.name == "ИП Воронов Глеб Ильич"
    assert isinstance(doc.body, DismissalBody) and doc.body.date == date(2025, 3, 17)


def test_a_wrong_ogrnip_is_shown_at_its_field_and_nothing_is_stored(editor: HrEditor, directory: Services) -> None:
    wrong = OGRNIP[:-1] + str((int(OGRNIP[-1]) + 1) % 10)
    _dismissal_order_of_the_entrepreneur(editor, wrong)
    editor.form_document()
    assert editor.status.text() == "Документ не сформирован: исправьте ошибки"
    assert "контрольное число" in str(editor.head.ogrn.property("issue"))
    assert any(text.startswith("ОГРНИП:") for text in editor.issues.texts()), editor.issues.texts()
    assert directory.library.list_documents(DocumentQuery()) == []


def test_a_draft_of_the_entrepreneur_reopens_as_it_was(qtbot: QtBot, editor: HrEditor, directory: Services) -> None:
    _dismissal_order_of_the_entrepreneur(editor, OGRNIP)
    editor.head.employer_part.name["middle_name"].setText("Ильич-Оглы")  # typed over the prefilled ФИО
    with qtbot.waitSignal(editor.draft_saved) as saved:
        editor.save_draft()
    service = hr_editor_of(directory)
    reopened = HrEditor(directory, SyncExecutor(), service.open_draft(saved.args[0]))
    qtbot.addWidget(reopened)
    assert reopened.head.employer_part.is_entrepreneur()
    assert reopened.input_data() == editor.input_data()
    assert reopened.input_data()["employer"]["middle_name"] == "Ильич-Оглы"


def _flow(side: Side) -> HrFlowService:
    return HrFlowService(side.database, side.library, side.signing, side.exchange, EventBus())


def test_the_order_on_a_statement_to_an_entrepreneur_is_signed_by_him(qtbot: QtBot, tmp_path: Path,
                                                                       shown: Shown) -> None:
    statement = sample_hr("leave", seed=12, entrepreneur=True)
    ip = statement.head.employer
    assert isinstance(ip, HrEntrepreneur)
    with connected_sides(tmp_path, ("employee", EMPLOYEE_ID), ("employer", ENTREPRENEUR_ID), make_pki()) as sides:
        employee, employer = sides
        _flow(employee).send(statement, SigningKey("software", employee.handle, PASSWORD))
        employee.exchange.sync()
        employer.exchange.sync()
        received = max(r.id for r in employer.library.list_documents(DocumentQuery(direction=Direction.INCOMING)))
        dialog = OrderDialog(_flow(employer), received, SyncExecutor(),
                             lambda: SignerChoice("software", employer.handle, PASSWORD))
        qtbot.addWidget(dialog)
        assert [line.text() for line in dialog.signer.values()] == [ip.person.last, ip.person.first,
                                                                    ip.person.middle, ENTREPRENEUR_POSITION]
        assert dialog.order_signer() == ip.signer and all(line.isReadOnly() for line in dialog.signer.values())
        dialog.number.setText("9-К")
        with qtbot.waitSignal(dialog.answered) as answered:
            dialog.sign_and_send()
        order = hr_from_xml(employer.library.get(answered.args[0]).content)
        assert order.head.signers == (ip.signer,) and order.head.employer == ip
    assert shown.boxes == []


def test_an_entrepreneurs_own_employees_are_offered(editor: HrEditor, directory: Services) -> None:
    directory.employees.add(EmployeeInput("7810385496", "Чижов", "Олег", format_snils(make_snils(_RNG)), "0003",
                                          "Водитель", "", "", "2AE-CHIZHOV"))  # someone else's employee
    head, part = editor.head, editor.head.employer_part
    part.kind.setCurrentIndex(part.kind.findData(ENTREPRENEUR))
    offered = [head.employee.itemText(i) for i in range(head.employee.count())]
    assert any("Соколова" in text for text in offered) and not any("Чижов" in text for text in offered)
