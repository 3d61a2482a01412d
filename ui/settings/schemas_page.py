"""«Схемы ФНС»: the folder of official XSDs and the schemas the app finds there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget

from edo_app.config import Settings
from edo_app.services.settings import SchemaListing, list_schemas
from ui.ops import Executor
from ui.settings.fields import FieldErrors, add_field, folder_row, result_label, show_result


class SchemasPage(QWidget):
    def __init__(self, settings: Settings, default_dir: Path, executor: Executor, errors: FieldErrors,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._default_dir = default_dir
        self.folder = QLineEdit(settings.official_xsd_dir, self)
        self.folder.setPlaceholderText(str(default_dir))
        self.refresh_button = QPushButton("Показать схемы", self)
        self.refresh_button.clicked.connect(self.refresh)
        self.count = result_label("schemas_count")
        self.schemas = QListWidget(self)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        form = QFormLayout()
        add_field(form, "Папка официальных XSD:", folder_row(self.folder, "Папка официальных схем ФНС"), errors,
                  "official_xsd_dir")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Официальные схемы ФНС (XSD) дополняют собственные схемы программы. "
                                "Пустое поле — папка xsd в папке данных."))
        layout.addLayout(form)
        layout.addWidget(self.refresh_button)
        layout.addWidget(self.count)
        layout.addWidget(self.schemas)
        layout.addWidget(self.problems)

    def values(self) -> dict[str, Any]:
        return {"official_xsd_dir": self.folder.text().strip()}

    def refresh(self) -> None:
        """List the schemas of the chosen folder (or the default one) off the GUI thread."""
        folder = Path(self.folder.text().strip() or self._default_dir)
        self.schemas.clear()
        self.problems.clear()
        show_result(self.count, True, "Поиск схем…")
        self._executor.submit(lambda: list_schemas(folder), self._listed, self._failed)

    def _listed(self, listing: SchemaListing) -> None:
        for schema in listing.schemas:
            self.schemas.addItem(f"{schema.file} — {schema.title}")
        show_result(self.count, bool(listing.schemas), f"Найдено схем: {len(listing.schemas)} в {listing.folder}")
        self.problems.setText("\n".join(listing.problems))

    def _failed(self, exc: BaseException) -> None:
        show_result(self.count, False, str(exc))
