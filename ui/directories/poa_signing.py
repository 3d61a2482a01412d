"""«Подписать…» in the МЧД manager: the principal picks a certificate and enters the key's password
in the common signing dialog (ui.dialogs.signing, with no documents: every certificate acts
directly), then the service signs the МЧД's exact bytes, verifies the signature and stores it.
Whether the certificate's owner may sign for the principal is decided by the service."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from edo_app.services import Services
from ui.dialogs.signing import choose_signer
from ui.errors import show_error
from ui.ops import Executor


def sign_poa(parent: QWidget, services: Services, executor: Executor, poa_id: int,
             done: Callable[[], None]) -> None:
    choice = choose_signer(parent, services, [], executor=executor)
    if choice is None:
        return
    executor.submit(lambda: services.poas.sign_poa(poa_id, choice.provider, choice.handle, choice.password),
                    lambda _: done(), lambda exc: show_error(parent, exc))
