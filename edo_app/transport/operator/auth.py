"""Bearer tokens of the operator's participants: issued once, stored only as a hash.

A token is 256 random bits, so a plain SHA-256 of it is enough to store (no salt, no slow KDF:
those defend guessable passwords, and nobody can guess 2**256); it also lets the server find
the participant by the hash with one indexed lookup per request.
"""

from __future__ import annotations

import hashlib
import secrets

__all__ = ["bearer_token", "hash_token", "new_token"]

_PREFIX = "edo_"  # makes a leaked token recognisable in logs and secret scanners


def new_token() -> str:
    return _PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value or len(value) > 200:
        return None
    return value
