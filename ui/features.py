"""Screens beyond the registry plug into the main window here: each feature module has an
``install(window)`` that adds its actions to ``window.menu(title)``; one line per feature, so
features stay apart from the window's own code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install_features(window: MainWindow) -> None:
    """Add every feature's actions; order here is the order in the menus."""
    del window  # features are added below, one import and one call each
