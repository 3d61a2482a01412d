"""Validation of FNS documents: schema registry, XSD + embedded rules, business checks.

    validate_bytes / validate_file / validate_tree -> Report
    is_valid(...) -> bool;  validate_or_raise(...) raises SchemaError
"""

from edo_app.schemas.registry import SchemaEntry, SchemaRegistry, default_registry
from edo_app.schemas.validate import (
    is_valid,
    validate_bytes,
    validate_file,
    validate_or_raise,
    validate_tree,
)

__all__ = [
    "SchemaEntry",
    "SchemaRegistry",
    "default_registry",
    "is_valid",
    "validate_bytes",
    "validate_file",
    "validate_or_raise",
    "validate_tree",
]
