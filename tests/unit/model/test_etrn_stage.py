"""The ЭТрН stage rules: a title's own step, the furthest of two, what the registry shows."""

from __future__ import annotations

from edo_app.model.etrn_stage import EtrnStage, furthest, own_stage, stage_of, stage_title
from edo_app.model.kinds import DocumentKind


def test_own_stage_reads_the_title_code_and_the_refusal() -> None:
    assert own_stage(DocumentKind.ETRN, "титул 01") is EtrnStage.ISSUED
    assert own_stage(DocumentKind.ETRN, "титул 05") is EtrnStage.DELIVERED
    assert own_stage(DocumentKind.ETRN, "титул 05", refuses=True) is EtrnStage.REFUSED
    assert own_stage(DocumentKind.ETRN, "титул 08") is EtrnStage.COST_AGREED
    assert own_stage(DocumentKind.ETRN, "титул 99") is None
    assert own_stage(DocumentKind.ETRN, "") is None
    assert own_stage(DocumentKind.UPD_SELLER, "титул 02") is None


def test_the_furthest_step_wins_and_an_equal_rank_takes_the_newer() -> None:
    assert furthest(None, "02") == "02"
    assert furthest("06", "04") == "06"  # a late change never moves the stage back
    assert furthest("04", "03") == "03" and furthest("03", "04") == "04"
    assert furthest("05", "05r") == "05r"
    assert furthest("02", None) == "02" and furthest("02", "junk") == "02"
    assert furthest("junk", "01") == "01"


def test_the_registry_text() -> None:
    assert stage_title(None) == "" and stage_title("01") == "" and stage_title("junk") == ""
    assert stage_title("06") == "Груз выдан перевозчиком"
    assert stage_of("05r") is EtrnStage.REFUSED
    assert all(stage.title for stage in EtrnStage)
