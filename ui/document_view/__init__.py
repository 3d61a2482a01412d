"""The document window (tabs Документ, XML, Подписи, МЧД, История) and its menu actions."""

from ui.document_view.actions import install
from ui.document_view.window import DocumentWindow, open_document

__all__ = ["DocumentWindow", "install", "open_document"]
