"""Screens beyond the registry plug into the main window here: each feature module has an
``install(window)`` that adds its actions to ``window.menu(title)``; one line per feature, so
features stay apart from the window's own code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui import document_view, exchange
from ui import settings as settings_feature
from ui.dialogs import buyer_title
from ui.directories import counterparties as counterparties_feature
from ui.directories import drivers as drivers_feature
from ui.directories import employees as employees_feature
from ui.directories import poa as poa_feature
from ui.directories import vehicles as vehicles_feature
from ui.editor import feature as editor_feature
from ui.editor_etrn import feature as etrn_editor_feature
from ui.editor_hr import feature as hr_editor_feature
from ui.editor_primary import feature as primary_editor_feature
from ui.editor_ukd import feature as ukd_editor_feature
from ui.signing import feature as signing_feature

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install_features(window: MainWindow) -> None:
    """Add every feature's actions; order here is the order in the menus."""
    editor_feature.install(window)
    primary_editor_feature.install(window)
    ukd_editor_feature.install(window)
    hr_editor_feature.install(window)
    etrn_editor_feature.install(window)
    buyer_title.install(window)
    document_view.install(window)
    exchange.install(window)
    settings_feature.install(window)
    counterparties_feature.install(window)
    employees_feature.install(window)
    vehicles_feature.install(window)
    drivers_feature.install(window)
    poa_feature.install(window)
    signing_feature.install(window)
