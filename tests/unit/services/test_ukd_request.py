"""The УКД editor's request in its JSON form (what its drafts keep): a round trip, and a hand-edited
draft whose parts are wrong is refused with their paths."""

from __future__ import annotations

from datetime import date

import pytest

from edo_app.model.problems import InputErrors
from edo_app.services.ukd_request import AfterInput, SignerText, UkdRequest, request_json, request_of

REQUEST = UkdRequest((3, 5), (AfterInput(price="90"), AfterInput(), AfterInput(quantity="7", vat_rate="10%")),
                     "УКД-15", date(2026, 1, 20), "6f1c2a3b-1111-4222-8333-444455556666", "ДИС",
                     "Дополнительное соглашение", "ДС-3", date(2026, 1, 18),
                     SignerText("Соколова", "Вера", "", "Финансовый директор"))


@pytest.mark.parametrize("request_", [REQUEST, UkdRequest((1,), (AfterInput(),), "", None, "g", "КСЧФ")])
def test_the_json_form_reads_back_as_it_was(request_: UkdRequest) -> None:
    data = request_json(request_, "ООО «Ромашка»")
    assert data["buyer"] == {"name": "ООО «Ромашка»"}
    assert request_of({**data, "created": "2026-01-20T10:00:00"}) == request_


def test_a_wrong_draft_names_every_wrong_part() -> None:
    data = request_json(REQUEST)
    data.update(documents=["3"], date="20.13.2026", extra=1)
    data["lines"][1]["qty"] = "1"
    with pytest.raises(InputErrors) as info:
        request_of(data)
    assert {path for path, _ in info.value.problems} == {"documents", "date", "extra", "lines[1].qty"}
