"""Property: any valid package survives to_zip/from_zip unchanged, and to_zip is a pure function."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from edo_app.transport.package import Entry, Package, PackageKind, Role, check_entry_name, from_zip, to_zip

_participant = st.from_regex(r"\A[0-9A-Z][0-9A-Za-z-]{3,45}\Z")
_name = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda n: check_entry_name(n) is None and n != "manifest.json")
_created = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.astimezone(UTC))


@st.composite
def packages(draw: st.DrawFn) -> Package:
    names = draw(st.lists(_name, min_size=1, max_size=6, unique_by=str.casefold))
    entries = [Entry(names[0], Role.DOCUMENT, draw(st.binary(max_size=2000)))]
    for name in names[1:]:
        if draw(st.booleans()):
            entries.append(Entry(name, Role.SIGNATURE, draw(st.binary(max_size=300)), signs=names[0]))
        else:
            entries.append(Entry(name, Role.POA, draw(st.binary(max_size=300))))
    offset = timedelta(hours=draw(st.integers(-12, 14)))
    created = draw(_created).astimezone(timezone(offset))
    package_id = str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1))))
    return Package(package_id, draw(_participant), draw(_participant), PackageKind.DOCUMENT, tuple(entries), created)


@settings(max_examples=150, deadline=None)
@given(packages())
def test_round_trip_is_exact(package: Package) -> None:
    data = to_zip(package)
    back = from_zip(data)
    assert back == package
    assert [e.data for e in back.entries] == [e.data for e in package.entries]
    assert to_zip(back) == data  # re-serialising what was read gives the same bytes
