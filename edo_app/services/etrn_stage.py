"""Where an ЭТрН stands, on the document card: the stage the registry keeps for each title
(model.etrn_stage, kept by storage.answers when a title of the chain is stored) as the card's
first field, so the waybill's card tells what the later titles of its chain say."""

from __future__ import annotations

from dataclasses import replace

from edo_app.model.etrn_stage import stage_title
from edo_app.services.document_cards import CardField, DocumentCard

STAGE_LABEL = "Этап перевозки"


def with_stage(card: DocumentCard, stage: str | None) -> DocumentCard:
    """The card with the stage in front of its fields; unchanged when the stage tells nothing."""
    title = stage_title(stage)
    return replace(card, fields=(CardField(STAGE_LABEL, title), *card.fields)) if title else card
