"""Adding a УЦ's revocation list (СОС) to a trust folder, for the app and the operator alike.

A list is accepted only when a УЦ certificate already in the folder signed it: a list from an
unknown issuer could not be checked later either. The folder keeps one list per УЦ, named after
the issuer (``<SHA-1 of the issuer name>.crl``): a newer list replaces the older one, as УЦ publish
them every few days; an older one than the list kept is refused.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from edo_app.crypto.cms_parse import same_name
from edo_app.crypto.crl import MAX_CRL_BYTES, RevocationList, crl_signed_by, load_crl
from edo_app.crypto.trust import TrustStore
from edo_app.errors import InputError
from edo_app.fileio import read_bytes, write_atomic

__all__ = ["add_crl", "crl_file_name"]


def add_crl(folder: Path, source: Path) -> RevocationList:
    """Check the list in ``source`` against the certificates of ``folder`` and store it there."""
    try:
        crl = load_crl(read_bytes(source, "список отзыва", MAX_CRL_BYTES))
    except InputError as exc:
        raise InputError(f"{source.name}: {exc.message}", "crl") from None
    store = TrustStore.from_folder(folder) if folder.is_dir() else None
    if store is None or not any(same_name(item.subject_der, crl.issuer_der) and crl_signed_by(crl, item)
                                for item in store.certificates):
        raise InputError(f"{source.name}: список отзыва УЦ «{crl.issuer_name}» не подписан ни одним доверенным "
                         "сертификатом: сначала добавьте в доверенные сертификат этого УЦ", "crl")
    kept = next((item for item in store.crls if same_name(item.issuer_der, crl.issuer_der)), None)
    if kept is not None and kept.this_update > crl.this_update:
        raise InputError(f"{source.name}: список отзыва от {crl.this_update:%d.%m.%Y} старее уже добавленного "
                         f"(от {kept.this_update:%d.%m.%Y})", "crl")
    write_atomic(folder / crl_file_name(crl), crl.der, mode=0o644)
    return crl


def crl_file_name(crl: RevocationList) -> str:
    """One list per УЦ: named by its issuer's name (SHA-1 only as a file name)."""
    return hashlib.sha1(crl.issuer_der, usedforsecurity=False).hexdigest() + ".crl"
