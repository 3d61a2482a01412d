"""Property: any generated МЧД survives build → parse → build unchanged and is valid
against the official schema."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edo_app.model.party import PersonName
from edo_app.poa import Irrevocable, Person, Power, PowerOfAttorney, Powers, poa_from_xml, poa_to_xml, sample_poa

from .conftest import assert_valid

# Cyrillic, Latin, digits, XML's special characters and inner whitespace.
_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff") | \
    st.sampled_from("<>&\"' \r\n\t«»№")


def _text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(_CHARS, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


@st.composite
def poas(draw: st.DrawFn) -> PowerOfAttorney:
    poa = sample_poa(draw(st.integers(0, 10_000)), principal=draw(st.sampled_from(["ul", "ip", "fl"])),
                     representative=draw(st.sampled_from(["fl", "ul", "ip"])))
    for _ in range(draw(st.integers(0, 2))):
        poa = sample_poa(draw(st.integers(0, 10_000)), redelegation_of=poa)
    codes = tuple(Power(draw(_text(20)).ljust(6, "0"), draw(_text(40))) for _ in range(draw(st.integers(0, 3))))
    powers = Powers(draw(st.one_of(st.just(""), _text(200))) if codes else draw(_text(200)), codes,
                    draw(st.sampled_from(["1", "2"])))
    other = draw(st.one_of(st.just(""), _text(80)))
    poa = replace(poa, powers=powers, internal_number=draw(_text(50)), other_info=other)
    if draw(st.booleans()):
        poa = replace(poa, irrevocable=Irrevocable(condition=draw(st.one_of(st.just(""), _text(50)))))
    rep = poa.representatives[0]
    if isinstance(rep, Person):
        name = PersonName(draw(_text(30)), draw(_text(30)), draw(st.one_of(st.just(""), _text(30))))
        poa = replace(poa, representatives=(replace(rep, name=name, position=draw(_text(60))),))
    return poa


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(poas())
def test_build_parse_build_is_identity(poa: PowerOfAttorney) -> None:
    data = poa_to_xml(poa)
    parsed = poa_from_xml(data)
    assert parsed == poa
    assert poa_to_xml(parsed) == data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(poas())
def test_generated_poas_are_valid(emchd_schema: etree.XMLSchema, poa: PowerOfAttorney) -> None:
    assert_valid(emchd_schema, poa_to_xml(poa))
