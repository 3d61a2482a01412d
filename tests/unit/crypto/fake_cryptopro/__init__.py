"""A fake CryptoPro CSP command line (``certmgr``, ``cryptcp``) and a small test PKI."""

from __future__ import annotations

import sys
from pathlib import Path

FAKE_CLI = Path(__file__).resolve().parent / "fake_cli.py"


def install(bin_dir: Path, tools: tuple[str, ...] = ("certmgr", "cryptcp")) -> None:
    """Put executable wrappers named like the real tools into ``bin_dir`` (POSIX shell)."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    for tool in tools:
        wrapper = bin_dir / tool
        wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKE_CLI}" {tool} "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
