"""«Документ → Кадровый документ…»: one form for every HR kind the user originates (statements,
the notice of changed conditions, orders), switched by the kind.

As in the УПД editor: the form is checked by the same service as ``edo build hr`` (build + full
validation, the ст. 74 rule included) on the executor after a pause in typing, only the latest
answer is shown, each problem beside its field (by field path or XPath) and in the list below;
«Сохранить черновик» keeps the form as it is; «Сформировать» stores the document as outgoing
only when it passes every check, otherwise it shows why and stores nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QGroupBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from edo_app.documents.hr_model import KINDS, HireBody
from edo_app.services import Counterparty, EditorCheck, Services
from edo_app.services.employees import StoredEmployee
from edo_app.services.hr_editor import HrEditorService, hr_editor_of
from edo_app.services.upd_editor import Draft
from ui.editor.checked_dialog import CheckedEditor
from ui.editor.header import clear_mark, mark_widget
from ui.editor.issues_panel import IssuesPanel, Placed
from ui.editor_hr.bodies import BODY_FORMS, BodyForm, HireForm
from ui.editor_hr.fields import day_of
from ui.editor_hr.head import HeadForm, Person
from ui.ops import Executor

BODY_TITLE = "Сведения документа"


class HrEditor(CheckedEditor):
    def __init__(self, services: Services, executor: Executor, draft: Draft | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(executor, parent)
        self._services = services
        self._editor: HrEditorService = hr_editor_of(services)
        self._guid = draft.guid if draft else str(uuid.uuid4())
        self._marked: list[QWidget] = []
        self.setWindowTitle("Кадровый документ — черновик" if draft else "Кадровый документ — новый")
        self.resize(1100, 760)
        self.head = HeadForm(self)
        self.bodies = {body: form(self) for body, form in BODY_FORMS.items()}
        self.body_box, self.stack = QGroupBox(BODY_TITLE), QStackedWidget()
        self.issues = IssuesPanel(self)
        self._lay_out()
        self._connect()
        self._show_kind(self.head.kind_key())
        self._load_choices()
        if draft is not None:
            self._load(draft.data)

    def _lay_out(self) -> None:
        for form in self.bodies.values():
            self.stack.addWidget(form)
        QVBoxLayout(self.body_box).addWidget(self.stack)
        self.save_button, self.form_button = QPushButton("Сохранить черновик"), QPushButton("Сформировать")
        self.form_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addWidget(self.body_box, 1)
        self._add_issues(layout, self.issues)
        layout.addLayout(self._actions(self.save_button, self.form_button))

    def _connect(self) -> None:
        self.head.changed.connect(self._timer.start)
        self.head.kind_changed.connect(self._show_kind)
        self.head.employer_changed.connect(lambda _inn: self._search_employees(self.head.employee_filter.text()))
        self.head.employee_search.connect(self._search_employees)
        self.head.date.dateChanged.connect(lambda: self.body().set_doc_date(day_of(self.head.date)))
        for form in self.bodies.values():
            form.changed.connect(self._timer.start)
        self.head.employee.currentIndexChanged.connect(self._prefill_hire)
        self.issues.address_chosen.connect(self._focus)
        self.save_button.clicked.connect(self.save_draft)
        self.form_button.clicked.connect(self.form_document)

    # --- kinds and choices ----------------------------------------------------------------------
    def body(self) -> BodyForm:
        return self.bodies[KINDS[self.head.kind_key()].body]

    def _show_kind(self, key: str) -> None:
        form = self.bodies[KINDS[key].body]
        self.stack.setCurrentWidget(form)
        self.body_box.setTitle(f"{BODY_TITLE}: {form.heading.lower()}")
        form.set_doc_date(day_of(self.head.date))

    def _load_choices(self) -> None:
        directory = self._services.counterparties
        self._executor.submit(lambda: directory.own_organisations() or directory.search(), self._got_employers,
                              self._failed)

    def _got_employers(self, entries: list[Counterparty]) -> None:
        if not self._closed:
            self.head.set_employers(entries)
            if not any(entry.own for entry in entries):
                self.head.employer.setToolTip("Своя организация не отмечена в справочнике: показаны все контрагенты")

    def _search_employees(self, text: str) -> None:
        employees, inn = self._services.employees, self.head.employer_inn() or None  # an organisation's or an ИП's
        self._executor.submit(lambda: employees.search(text, inn), self._got_employees, self._failed)

    def _got_employees(self, entries: list[StoredEmployee]) -> None:
        if not self._closed:
            self.head.set_employees(entries)

    def _prefill_hire(self) -> None:
        """A hire's position and department default to the directory's; what the user typed stays."""
        person, hire = self.head.employee.currentData(), self.bodies[HireBody]
        if isinstance(person, Person) and isinstance(hire, HireForm):
            for line, key in ((hire.position, "position"), (hire.department, "department")):
                if not line.text():
                    line.setText(person.json.get(key, ""))

    def _load(self, data: dict[str, Any]) -> None:
        self.head.load(data)
        body = data.get("body")
        self.body().load(body if isinstance(body, dict) else {})
        self.validate_now()

    # --- the input and its check ----------------------------------------------------------------
    def _backend(self) -> HrEditorService:
        return self._editor

    def _drafts(self) -> HrEditorService:
        return self._editor

    def _request(self) -> dict[str, Any]:
        return self.input_data()

    def input_data(self) -> dict[str, Any]:
        """The JSON input of ``edo build hr`` for what the form holds now."""
        data: dict[str, Any] = {"file": {"guid": self._guid}}
        self.head.fill(data)
        data["body"] = self.body().values()
        return data

    def show_check(self, check: EditorCheck) -> None:
        for marked in self._marked:
            clear_mark(marked)
        placed = [self._place(path, message) for path, message in check.problems]
        if check.report is not None:
            placed += [self._place(issue.xpath, issue.describe(), titled=False) for issue in check.report.issues]
        self._marked = []
        for issue in placed:
            widget = self.widget_at(issue.address)
            if widget is not None:
                mark_widget(widget, issue.text)
                self._marked.append(widget)
        self.issues.show_issues(placed)
        self.status.setText("Документ готов к формированию" if check.ok else f"Ошибок: {len(placed)}")

    def _place(self, address: str, message: str, *, titled: bool = True) -> Placed:
        widget = self.widget_at(address)
        if address.startswith("file.") and widget is not None:  # the EDO boxes come from the directories
            where = "контрагентов" if widget is self.head.employer else "сотрудников"
            message = f"идентификатор ЭДО: {message} (он берётся из справочника {where})"
        title = self._title(widget) if widget is not None else address
        return Placed(f"{title}: {message}" if titled and title else message, None, address)

    def _title(self, widget: QWidget) -> str:
        if widget is self.body_box:
            return BODY_TITLE
        titles = {**self.body().fields.titles, **self.head.fields.titles}
        return titles.get(widget, "")

    def widget_at(self, address: str) -> QWidget | None:
        """The widget an issue belongs to: by field path (``body.end``) or XPath; None: the list only."""
        body, head = self.body(), self.head
        if address.startswith("file.") or "СвУчДокОбор" in address:  # the author's box sends, the other receives
            employer_side = address.endswith(("sender_id", "ИдОтпр")) == head.by_employer()
            return head.employer if employer_side else head.employee
        if (address.startswith("signers") or "/Подписант" in address) and not head.by_employer():
            return head.employee  # statements and acknowledgements are signed by the employee
        if (address.startswith("signers") or "/Подписант" in address) and head.signs_himself():
            return head.employer_part.name["last_name"]  # an ИП signs his own orders
        if address.startswith("/"):
            return body.fields.at(address) or head.fields.at(address)
        if address == "body" or address.startswith("body."):
            return body.fields.at(address.removeprefix("body").lstrip(".")) or self.body_box
        return head.fields.at(address)

    def _focus(self, address: str) -> None:
        widget = self.widget_at(address)
        if widget is not None:
            widget.setFocus()
