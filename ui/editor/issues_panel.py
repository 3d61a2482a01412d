"""The issues list under the editor: one line per problem, each knowing where it belongs."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from edo_app.services import EditorCheck
from ui.editor.issue_targets import Target, target_of_path, target_of_xpath

TARGET_ROLE = Qt.ItemDataRole.UserRole
NO_ISSUES = "Ошибок не найдено"


@dataclass(frozen=True, slots=True)
class Placed:
    """A problem's text and where on the form it belongs (None: nowhere in particular)."""

    text: str
    target: Target | None
    address: str = ""  # the field path or XPath the check gave


def _problem(path: str, message: str) -> Placed:
    target = target_of_path(path)
    where = target.title if target else path
    return Placed(f"{where}: {message}" if where else message, target, path)


def placed_issues(check: EditorCheck) -> list[Placed]:
    """Input problems by their field paths, then the built document's errors and warnings by XPath.

    One field may feed several places of the input (the number is also the shipment document's):
    the same text at the same place of the form is listed once."""
    found = [_problem(path, message) for path, message in check.problems]
    if check.report is not None:
        found += [Placed(issue.describe(), target_of_xpath(issue.xpath), issue.xpath) for issue in check.report.issues]
    unique: dict[tuple[str, Target | None], Placed] = {}
    for issue in found:
        unique.setdefault((issue.text, issue.target), issue)
    return list(unique.values())


class IssuesPanel(QListWidget):
    chosen = Signal(object)  # the Target of the clicked issue
    address_chosen = Signal(str)  # the path or XPath of a clicked issue the form has no Target for

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(140)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)

    def show_issues(self, issues: list[Placed]) -> None:
        self.clear()
        for issue in issues:
            item = QListWidgetItem(issue.text)
            item.setData(TARGET_ROLE, issue.target)
            item.setToolTip(issue.address)
            self.addItem(item)
        if not issues:
            self.addItem(NO_ISSUES)

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count()) if self.item(i).text() != NO_ISSUES]

    def _clicked(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET_ROLE)
        if isinstance(target, Target):
            self.chosen.emit(target)
        elif item.toolTip():
            self.address_chosen.emit(item.toolTip())
