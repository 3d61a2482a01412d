"""Directories of the app (counterparties and others), each with its own screen."""
