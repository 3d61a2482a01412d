"""Paths to the test oracles in ../shared (official FNS XSDs, GOST samples).

They are read in place and never copied into the project. Tests that need them call
``require(...)``, which skips with a clear reason when ../shared is not beside the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EDO_SHARED_DIR", PROJECT.parent / "shared"))
FNS_XSD = SHARED / "fns-xsd"
GOST_SAMPLES = SHARED / "gost-samples"

UPD503_SELLER = FNS_XSD / "upd-5.03" / "ON_NSCHFDOPPR_1_997_01_05_03_05.xsd"
UPD503_BUYER = FNS_XSD / "upd-5.03" / "ON_NSCHFDOPPOK_1_997_02_05_03_01.xsd"
EMCHD = FNS_XSD / "emchd" / "ON_EMCHD_1_928_00_01_01_01.xsd"


def require(path: Path) -> Path:
    """Return ``path`` or skip the test: the oracle lives outside the project."""
    if not path.exists():
        pytest.skip(f"oracle {path} is absent: ../shared (official FNS files) is not beside the checkout")
    return path
