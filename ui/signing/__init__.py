"""Signing documents from the registry: one at once, several as a batch with progress and cancel."""
