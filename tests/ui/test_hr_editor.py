"""The HR editor («Документ → Кадровый документ…») and the flow actions: a leave statement, a
dismissal order and a notice typed in are stored valid; the ст. 74 rule is shown at its field and
nothing is stored; a received statement is answered by an order referring to it, and a received
order is acknowledged by the employee."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit
from pytestqt.qtbot import QtBot

from edo_app.documents import HrDocument, hr_from_xml, hr_to_xml, sample_hr
from edo_app.documents.hr_model import DismissalBody, HireBody, LeaveBody, NoticeBody
from edo_app.documents.hr_samples import EMPLOYEE_ID, EMPLOYER_ID
from edo_app.model.identifiers import make_ogrn
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.services import CounterpartyInput, DocumentQuery, Services
from edo_app.services.employees import EmployeeInput
from edo_app.services.events import EventBus
from edo_app.services.hr_editor import hr_editor_of
from edo_app.services.hr_flow import HrFlowService, SigningKey
from edo_app.services.signing_batch import SignerChoice
from tests.ui.conftest import Shown
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.test_exchange_helpers import PASSWORD, Side, connected_sides
from ui.editor_hr.bodies import DismissalForm, HireForm, LeaveForm, NoticeForm
from ui.editor_hr.editor import HrEditor
from ui.editor_hr.flow import OrderDialog, acknowledge
from ui.main_window import MainWindow
from ui.ops import SyncExecutor

EMPLOYER_INN = "7711043325"
OGRN = make_ogrn(random.Random(7), "77")
ORLOV = EmployeeInput(EMPLOYER_INN, "Орлов", "Пётр", "112-233-445 95", "0001", "Инженер", "Ильич", "Склад",
                      EMPLOYEE_ID)
DOC_DAY = date(2025, 3, 3)


@pytest.fixture
def directory(services: Services) -> Services:
    services.counterparties.add(CounterpartyInput("ООО «Медный бор»", EMPLOYER_INN, "771101001", EMPLOYER_ID, True))
    services.employees.add(ORLOV)
    return services


@pytest.fixture
def editor(qtbot: QtBot, directory: Services, shown: Shown) -> Iterator[HrEditor]:
    opened = HrEditor(directory, SyncExecutor())
    qtbot.addWidget(opened)
    yield opened
    assert shown.boxes == [], [b.text() for b in shown.boxes]  # no unexpected error box


def _day(edit: QDateEdit, day: date) -> None:
    edit.setDate(QDate(day))


def _head(editor: HrEditor, kind: str, number: str) -> None:
    head = editor.head
    head.kind.setCurrentIndex(head.kind.findData(kind))
    head.number.setText(number)
    _day(head.date, DOC_DAY)
    head.ogrn.setText(OGRN)
    if head.by_employer():
        for key, value in (("last_name", "Журавлёв"), ("first_name", "Семён"), ("middle_name", "Андреевич"),
                           ("position", "Директор по персоналу")):
            head.signer[key].setText(value)


def _form(qtbot: QtBot, editor: HrEditor, services: Services) -> HrDocument:
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    stored = services.library.get(formed.args[0])
    assert (stored.direction, stored.status, stored.summary.kind) == (
        Direction.OUTGOING, DocumentStatus.VALIDATED, DocumentKind.HR)
    assert stored.report.ok
    return hr_from_xml(stored.content)


def test_the_employee_comes_from_the_directory_and_leave_days_from_the_dates(editor: HrEditor) -> None:
    assert editor.head.employee.currentText() == "Орлов Пётр Ильич, таб. № 0001"
    assert "СНИЛС 112-233-445 95" in editor.head.employee_details.text()
    assert "Инженер, Склад" in editor.head.employee_details.text()
    leave = editor.bodies[LeaveBody]
    assert isinstance(leave, LeaveForm)
    _day(leave.start, date(2025, 4, 1))
    _day(leave.end, date(2025, 4, 14))
    assert leave.days.value() == 14
    hire = editor.bodies[HireBody]
    assert isinstance(hire, HireForm) and (hire.position.text(), hire.department.text()) == ("Инженер", "Склад")
    assert editor.input_data()["employee"] == {
        "last_name": "Орлов", "first_name": "Пётр", "middle_name": "Ильич", "snils": "11223344595",
        "personnel_number": "0001", "position": "Инженер", "department": "Склад"}


def test_a_leave_statement_is_stored_valid(qtbot: QtBot, editor: HrEditor, directory: Services) -> None:
    _head(editor, "leave", "17-З")
    leave = editor.bodies[LeaveBody]
    assert isinstance(leave, LeaveForm)
    _day(leave.start, date(2025, 4, 1))
    _day(leave.end, date(2025, 4, 14))
    editor.validate_now()
    assert editor.status.text() == "Документ готов к формированию", editor.issues.texts()
    doc = _form(qtbot, editor, directory)
    assert (doc.kind, doc.head.number, doc.head.doc_date) == ("leave", "17-З", DOC_DAY)
    assert doc.body == LeaveBody("1", date(2025, 4, 1), date(2025, 4, 14), 14)
    assert (doc.head.employee.snils, doc.head.employer.inn, doc.head.employer.ogrn) == ("11223344595", EMPLOYER_INN,
                                                                                         OGRN)
    assert (doc.head.file_id.sender, doc.head.file_id.recipient) == (EMPLOYEE_ID, EMPLOYER_ID)  # the employee's
    assert [s.name.full for s in doc.head.signers] == ["Орлов Пётр Ильич"]


def test_a_dismissal_order_is_stored_valid(qtbot: QtBot, editor: HrEditor, directory: Services) -> None:
    _head(editor, "order-dismissal", "41-К")
    dismissal = editor.bodies[DismissalBody]
    assert isinstance(dismissal, DismissalForm) and editor.stack.currentWidget() is dismissal
    _day(dismissal.date, date(2025, 3, 17))
    doc = _form(qtbot, editor, directory)
    assert doc.kind == "order-dismissal" and isinstance(doc.body, DismissalBody)
    assert doc.body.date == date(2025, 3, 17) and "статьи 77" in doc.body.basis
    assert (doc.head.file_id.sender, doc.head.file_id.recipient) == (EMPLOYER_ID, EMPLOYEE_ID)
    assert [(s.name.full, s.position) for s in doc.head.signers] == [("Журавлёв Семён Андреевич",
                                                                      "Директор по персоналу")]


def test_a_hire_order_is_stored_valid(qtbot: QtBot, editor: HrEditor, directory: Services) -> None:
    _head(editor, "order-hire", "3-П")
    hire = editor.bodies[HireBody]
    assert isinstance(hire, HireForm)
    hire.salary.setText("85 000,00")
    hire.probation.setValue(3)
    hire.contract_number.setText("ТД-3")
    _day(hire.contract_date, DOC_DAY)
    doc = _form(qtbot, editor, directory)
    assert isinstance(doc.body, HireBody)
    assert (doc.body.position, doc.body.salary, doc.body.probation_months) == ("Инженер", Decimal("85000.00"), 3)


def _notice(editor: HrEditor, effective: date) -> NoticeForm:
    _head(editor, "notice", "5-У")
    notice = editor.bodies[NoticeBody]
    assert isinstance(notice, NoticeForm)
    _day(notice.effective, effective)
    notice.reason.setText("Переход на сменный график работы склада")
    notice.set_condition(0, "Режим рабочего времени", "пятидневная рабочая неделя", "сменный график 2/2")
    return notice


def test_a_notice_is_stored_valid(qtbot: QtBot, editor: HrEditor, directory: Services) -> None:
    notice = _notice(editor, date(2025, 5, 5))
    assert "не ранее 03.05.2025" in notice.earliest.text()  # the earliest date the ст. 74 rule allows
    doc = _form(qtbot, editor, directory)
    assert isinstance(doc.body, NoticeBody) and doc.body.effective == date(2025, 5, 5)
    assert [(c.name, c.after) for c in doc.body.conditions] == [("Режим рабочего времени", "сменный график 2/2")]


def test_an_early_notice_is_shown_at_its_field_and_nothing_is_stored(qtbot: QtBot, editor: HrEditor,
                                                                      directory: Services) -> None:
    notice = _notice(editor, date(2025, 4, 15))  # six weeks after the notice: too early
    editor.form_document()
    assert editor.status.text() == "Документ не сформирован: исправьте ошибки"
    marked = str(notice.effective.property("issue"))
    assert "ст. 74" in marked and "не ранее 03.05.2025" in marked
    assert any(text.startswith("Вступают в силу:") for text in editor.issues.texts())
    assert directory.library.list_documents(DocumentQuery()) == []
    editor.issues.address_chosen.emit("body.effective")  # a click in the list brings the field forward
    assert editor.widget_at("body.effective") is notice.effective


def test_an_xpath_and_a_missing_field_find_their_widgets(editor: HrEditor) -> None:
    _head(editor, "leave", "")
    leave = editor.bodies[LeaveBody]
    assert editor.widget_at("/Файл/Документ/Отпуск/@ДатаОконч") is leave.end
    assert editor.widget_at("/Файл/Документ/Работник/@СНИЛС") is editor.head.employee
    assert editor.widget_at("employer.ogrn") is editor.head.ogrn
    assert editor.widget_at("file.sender_id") is editor.head.employee  # a statement goes from the employee's box
    assert editor.widget_at("/Файл/СвУчДокОбор/@ИдПол") is editor.head.employer
    editor.validate_now()
    assert str(editor.head.number.property("issue"))  # the empty number is marked on its field


def test_a_draft_reopens_as_it_was(qtbot: QtBot, editor: HrEditor, directory: Services) -> None:
    _notice(editor, date(2025, 5, 5))
    with qtbot.waitSignal(editor.draft_saved) as saved:
        editor.save_draft()
    service = hr_editor_of(directory)
    assert [(d.number, d.buyer) for d in service.drafts()] == [("5-У", "Орлов Пётр Ильич")]
    assert directory.upd_editor.drafts() == []  # kept apart from the УПД drafts
    reopened = HrEditor(directory, SyncExecutor(), service.open_draft(saved.args[0]))
    qtbot.addWidget(reopened)
    assert reopened.input_data() == editor.input_data()


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def sides(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[Side, Side]]:
    with connected_sides(tmp_path, ("employee", EMPLOYEE_ID), ("employer", EMPLOYER_ID), test_pki) as sides:
        yield sides


def _flow(side: Side) -> HrFlowService:
    return HrFlowService(side.database, side.library, side.signing, side.exchange, EventBus())


def _newest_incoming(side: Side) -> int:
    return max(row.id for row in side.library.list_documents(DocumentQuery(direction=Direction.INCOMING)))


def test_a_statement_is_answered_by_an_order_and_the_order_acknowledged(qtbot: QtBot, sides: tuple[Side, Side],
                                                                         shown: Shown) -> None:
    employee, employer = sides
    statement = sample_hr("leave", seed=5)
    _flow(employee).send(statement, SigningKey("software", employee.handle, PASSWORD))
    employee.exchange.sync()
    employer_flow = _flow(employer)
    employer_flow.sync()
    received = _newest_incoming(employer)
    asked: list[str] = []

    def choose_employer_key() -> SignerChoice:
        asked.append("employer")
        return SignerChoice("software", employer.handle, PASSWORD)

    dialog = OrderDialog(employer_flow, received, SyncExecutor(), choose_employer_key)
    qtbot.addWidget(dialog)
    dialog.number.setText("88-К")
    dialog.sign_and_send()
    assert "должность" in dialog.error.text() and asked == []  # no key is asked for an incomplete signer
    assert dialog.signer["position"].property("issue") and not dialog.signer["middle_name"].property("issue")
    for key, value in (("last_name", "Журавлёв"), ("first_name", "Семён"), ("position", "Директор")):
        dialog.signer[key].setText(value)
    with qtbot.waitSignal(dialog.answered) as answered:
        dialog.sign_and_send()
    order = hr_from_xml(employer.library.get(answered.args[0]).content)
    assert asked == ["employer"] and order.kind == "order-leave" and order.head.number == "88-К"
    assert order.basis is not None and order.basis.file_id == str(statement.head.file_id)  # refers to the statement
    assert order.body == statement.body
    assert employer.library.get(received).status is DocumentStatus.SIGNED

    employer.exchange.sync()
    employee_flow = _flow(employee)
    employee_flow.sync()
    acknowledged: list[int] = []
    acknowledge(None, employee_flow, _newest_incoming(employee), SyncExecutor(),  # type: ignore[arg-type]
                choose=lambda: SignerChoice("software", employee.handle, PASSWORD), done=acknowledged.append)
    ack = hr_from_xml(employee.library.get(acknowledged[0]).content)
    assert ack.kind == "ack" and ack.body.document.file_id == str(order.head.file_id)  # type: ignore[union-attr]
    assert shown.boxes == []


def test_without_an_exchange_the_order_dialog_says_so(qtbot: QtBot) -> None:
    dialog = OrderDialog(None, 1, SyncExecutor(), lambda: None)
    qtbot.addWidget(dialog)
    assert "не настроен" in dialog.error.text()


def test_a_flow_action_on_a_document_it_does_not_answer_says_why(window: MainWindow, services: Services,
                                                                 shown: Shown) -> None:
    action = next(a for a in window.menu("Документ").actions() if a.text() == "Ознакомить с документом…")
    action.trigger()
    assert shown.boxes[-1].text() == "Выберите в реестре входящий кадровый документ"  # nothing selected
    doc = sample_hr("leave", seed=3)
    services.library.import_bytes(hr_to_xml(doc), doc.file_name, Direction.INCOMING)
    window.model.refresh()
    assert window.model.rowCount() == 1
    window.table.selectRow(0)
    action.trigger()  # a statement is answered by an order, not acknowledged
    assert "не приказ или уведомление" in shown.boxes[-1].text()


def test_the_menu_has_the_hr_actions_and_opens_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    actions = {a.text(): a for a in window.menu("Документ").actions()}
    assert {"Кадровый документ…", "Черновики кадровых документов…", "Сформировать приказ по заявлению…",
            "Ознакомить с документом…"} <= set(actions)
    actions["Кадровый документ…"].trigger()
    opened = window.findChildren(HrEditor)
    assert len(opened) == 1 and opened[0].isVisible()
    opened[0].close()
