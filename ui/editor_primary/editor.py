"""The акт and ТОРГ-12 editors: the УПД editor (ui.editor.editor) with the 5.01 kind's hooks.

Everything the УПД editor does holds here too: amounts computed as you type by the builder's
arithmetic, checks on the executor after a pause, issues beside their fields and cells,
drafts, and «Сформировать» storing the title as outgoing only when it passes every check.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from edo_app.services import Services
from edo_app.services.primary_editor import PrimaryEditorService
from edo_app.services.upd_editor import Draft, UpdEditorService
from ui.editor.editor import UpdEditor
from ui.editor.form_data import EditorForm, LineInput
from ui.editor.header import HeaderForm
from ui.editor.issues_panel import Placed
from ui.editor_primary.extras import ExtrasForm
from ui.editor_primary.form_data import from_input, to_input
from ui.editor_primary.kinds import ACT, TORG12, PrimaryKind
from ui.ops import Executor


def editor_service(services: Services, kind: PrimaryKind) -> PrimaryEditorService:
    """The kind's editor service over the window's library (cheap: it holds only paths)."""
    return PrimaryEditorService(kind.key, services.library, services.schemas, services.data_dir)


class PrimaryEditor(UpdEditor):
    """The seller's title of a 5.01 kind; subclasses name the kind."""

    kind: PrimaryKind = ACT

    def __init__(self, services: Services, executor: Executor, draft: Draft | None = None,
                 parent: QWidget | None = None) -> None:
        self.title, self.rates = self.kind.title, self.kind.rates
        super().__init__(services, executor, draft, parent)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.extras)  # under the header
        self.extras.changed.connect(self._timer.start)
        self.issues.address_chosen.connect(self._focus_address)

    def _service(self) -> UpdEditorService:
        return editor_service(self._services, self.kind)

    def _make_header(self) -> HeaderForm:
        # the first hook the base calls: the extras exist before a draft is loaded into them
        self.extras = ExtrasForm(self.kind is ACT, self)
        return HeaderForm(self, functions=(), roles=self.kind.roles)

    def _new_line(self) -> LineInput:
        code, name = self.kind.unit
        return LineInput(unit_code=code, unit_name=name)

    def _form_of(self, data: dict[str, Any]) -> EditorForm:
        self.extras.load(data)  # the basis and the period are not parts of the УПД's form
        return from_input(self.kind, data)

    def input_data(self) -> dict[str, object]:
        """The JSON input of ``edo build act|torg12`` for what the form holds now."""
        data = to_input(self.kind, self.form_values())
        self.extras.fill(data)
        return data

    def _mark(self, placed: list[Placed]) -> None:
        super()._mark(placed)
        self.extras.clear_marks()
        for issue in placed:
            if issue.target is None:
                self.extras.mark(issue.address, issue.text)

    def _focus_address(self, address: str) -> None:
        widget = self.extras.widget_at(address)
        if widget is not None:
            widget.setFocus()


class ActEditor(PrimaryEditor):
    kind = ACT


class Torg12Editor(PrimaryEditor):
    kind = TORG12


EDITORS: tuple[type[PrimaryEditor], ...] = (ActEditor, Torg12Editor)
