"""edo-app core: documents, validation, signing, storage and exchange. Never imports Qt."""

__version__ = "0.1.0"
