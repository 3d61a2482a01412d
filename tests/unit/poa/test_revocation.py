"""The revocation list: status on a date, the text file format (errors name the line) and JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from edo_app.errors import InputError
from edo_app.model.problems import InputErrors
from edo_app.poa import moscow_zone
from edo_app.poa.revocation import Revocation, RevocationList, RevocationStatus

N1 = "c386bbc4-cd61-4e30-98f1-6adf91b7584a"
N2 = "0f9a2d4e-1b2c-4d3e-8f40-5a6b7c8d9e0f"
MSK = moscow_zone()


def test_status_revoked_not_revoked_unknown() -> None:
    revoked_at = datetime(2025, 5, 1, 12, 0, tzinfo=MSK)
    rl = RevocationList([Revocation(N1, revoked_at)], checked_through=datetime(2025, 6, 1, tzinfo=MSK))
    assert rl.status(N1, revoked_at) is RevocationStatus.REVOKED  # from the moment of revocation
    assert rl.status(N1.upper(), revoked_at + timedelta(days=400)) is RevocationStatus.REVOKED
    assert rl.status(N1, revoked_at - timedelta(minutes=1)) is RevocationStatus.NOT_REVOKED
    assert rl.status(N2, datetime(2025, 5, 31, tzinfo=MSK)) is RevocationStatus.NOT_REVOKED
    assert rl.status(N2, datetime(2025, 6, 2, tzinfo=MSK)) is RevocationStatus.UNKNOWN
    assert RevocationList().status(N2, datetime(2020, 1, 1, tzinfo=UTC)) is RevocationStatus.UNKNOWN


def test_the_earliest_revocation_wins_and_naive_times_are_moscow() -> None:
    rl = RevocationList([Revocation(N1, datetime(2025, 5, 2)), Revocation(N1, datetime(2025, 5, 1, 9, 0), "operator")])
    (entry,) = rl.entries
    assert entry.revoked_at == datetime(2025, 5, 1, 6, 0, tzinfo=UTC) and entry.source == "operator"


def test_parse_the_text_format() -> None:
    text = (f"\ufeff# выгрузка\nchecked-through: 2025-06-01T00:00:00+03:00\n\n{N1.upper()};2025-05-01T12:00:00\n"
            f"  {N2} ; 2025-05-20  \n")
    rl = RevocationList.from_text(text)
    assert rl.checked_through == datetime(2025, 6, 1, tzinfo=MSK)
    assert [(e.number, e.revoked_at) for e in rl.entries] == [
        (N1, datetime(2025, 5, 1, 12, 0, tzinfo=MSK)), (N2, datetime(2025, 5, 20, tzinfo=MSK))]
    assert RevocationList.from_text(rl.to_text()) == rl


def test_parse_errors_name_every_bad_line() -> None:
    text = (f"{N1};2025-05-01\nnot-a-guid;2025-05-01\n# ok\n{N2};вчера\n{N2}\n"
            "checked-through: 2025-06-01\nchecked-through: 2025-06-02\n")
    with pytest.raises(InputErrors) as caught:
        RevocationList.from_text(text)
    where = [place for place, _ in caught.value.problems]
    assert where == ["строка 2", "строка 4", "строка 5", "строка 7"]
    messages = dict(caught.value.problems)
    assert "GUID" in messages["строка 2"] and "«вчера»" in messages["строка 4"]
    assert "<номер доверенности>;<дата и время отзыва>" in messages["строка 5"]
    assert "повторно" in messages["строка 7"]


def test_json_round_trip_and_errors() -> None:
    rl = RevocationList([Revocation(N1, datetime(2025, 5, 1, 12, 0, tzinfo=MSK), "operator")],
                        checked_through=datetime(2025, 6, 1, tzinfo=UTC))
    assert RevocationList.from_json(rl.to_json()) == rl
    bad = {"entries": [{"number": N1, "revoked_at": "нет"}, {"number": "x", "revoked_at": "2025-01-01"},
                       {"number": N2, "revoked_at": "2025-01-01", "source": "сосед"}]}
    with pytest.raises(InputErrors) as caught:
        RevocationList.from_json(bad)
    assert [p for p, _ in caught.value.problems] == ["entries[0].revoked_at", "entries[1].number", "entries[2].source"]


def test_entries_constructor_and_merge() -> None:
    user = RevocationList([Revocation(N1, datetime(2025, 5, 1, tzinfo=UTC))])
    operator = RevocationList([Revocation(N2, date(2025, 5, 3), "operator")],  # type: ignore[arg-type]
                              checked_through=datetime(2025, 6, 1, tzinfo=UTC))
    merged = user.merged(operator)
    assert len(merged) == 2 and merged.checked_through == operator.checked_through
    assert RevocationList(merged.entries, merged.checked_through) == merged
    with pytest.raises(InputError):
        Revocation("нет", datetime(2025, 5, 1, tzinfo=UTC))
