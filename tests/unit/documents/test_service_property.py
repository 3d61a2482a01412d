"""Property: generated ИОП, УОУ and ПоА survive build → parse → build unchanged, including long
Cyrillic texts with markup characters, and stay valid against the official schemas."""

from __future__ import annotations

from base64 import b64encode
from dataclasses import replace
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edo_app.documents import (
    AnnulmentProposal,
    ClarificationRequest,
    EdoParticipant,
    ForeignMember,
    ReceiptNotice,
    ReferencedFile,
    ServicePaperPoa,
    ServicePoa,
    ServiceSigner,
    service_from_xml,
    service_to_xml,
)
from edo_app.model.fileid import FileId

from .strategies import entrepreneurs, names, organisations
from .test_service_data import OPERATOR, assert_official

_TEXT = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ"
         "abcXYZ0123456789 .,;:-–—«»№/\\\"'&<>()[]{}€\n\t\r")
texts = st.text(_TEXT, min_size=1, max_size=3000).filter(lambda s: s.strip() != "")
# Hypothesis draws at most a few thousand characters: repeat a drawn piece up to the 20 000 limit.
long_texts = st.text(_TEXT, min_size=200, max_size=2000).filter(lambda s: s.strip() != "").map(
    lambda s: (s * (20_000 // len(s) + 1))[:20_000])
words = st.text(_TEXT.replace("\n\t\r", ""), min_size=1, max_size=60).filter(lambda s: s.strip() != "")
edo_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9\-]{3,45}", fullmatch=True)
moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2099, 12, 31, 23, 59, 59)).map(
    lambda d: d.replace(microsecond=0))
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
base64 = st.binary(min_size=1, max_size=300).map(lambda b: b64encode(b).decode())
guids = st.uuids().map(str)


def _foreign(status: str, name: str, country: str, tax: str, other: str) -> ForeignMember:
    return ForeignMember(status, name, country if status == "ЮЛ" else "", tax, other)


foreigners = st.builds(_foreign, st.sampled_from(["ЮЛ", "ФЛ"]), words, st.from_regex(r"[0-9]{3}", fullmatch=True),
                       st.one_of(st.just(""), words.map(lambda s: s[:50])), st.one_of(st.just(""), words))


def members(*, operator: bool = False, annul: bool = False) -> st.SearchStrategy[EdoParticipant]:
    russian = st.one_of(organisations, entrepreneurs).filter(lambda p: not p.inn.startswith("00"))
    choices = [st.builds(EdoParticipant, edo_ids, russian)]
    if not annul:
        persons = entrepreneurs.map(lambda p: replace(p, ogrn="")).filter(lambda p: not p.inn.startswith("00"))
        choices.append(st.builds(EdoParticipant, edo_ids, persons))
        choices.append(st.builds(EdoParticipant, edo_ids, foreigners))
    if operator:
        choices.append(st.builds(EdoParticipant, edo_ids, st.just(OPERATOR)))
    return st.one_of(*choices)


@st.composite
def full_signers(draw: st.DrawFn) -> ServiceSigner:
    status = draw(st.sampled_from(["", "1", "2", "3"]))
    poa = draw(st.one_of(st.none(), st.builds(ServicePoa, guids, days, st.sampled_from(["1", "2"]),
                                              st.one_of(st.just(""), words.map(lambda s: s[:50])),
                                              st.one_of(st.none(), days), words)))
    if status == "2" and poa is None:
        poa = ServicePoa("0c1e6f2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", date(2024, 9, 1), "1")
    paper = draw(st.one_of(st.none(), st.builds(ServicePaperPoa, days, words.map(lambda s: s[:50]),
                                                st.one_of(st.just(""), words), st.one_of(st.none(), names))))
    if status == "3" and paper is None:
        paper = ServicePaperPoa(date(2024, 1, 10), "Д-5")
    return ServiceSigner(draw(names), draw(st.one_of(st.just(""), words)), status,
                         draw(st.sampled_from(["", "1", "2", "3"])), poa, paper)


def _file_id(prefix: str) -> st.SearchStrategy[FileId]:
    return st.builds(FileId, st.just(prefix), edo_ids, edo_ids, days, guids)


files = st.builds(ReferencedFile, words.map(lambda s: s[:255]), st.lists(base64, min_size=1, max_size=3).map(tuple))
notices = st.builds(ReceiptNotice, _file_id("DP_IZVPOL"), members(), files, moments, members(operator=True),
                    full_signers(), words.map(lambda s: s[:40]))
clarifications = st.builds(ClarificationRequest, _file_id("DP_UVUTOCH"), members(),
                           st.builds(ReferencedFile, words, base64.map(lambda s: (s,))), moments,
                           st.one_of(texts, long_texts), members(), full_signers())
proposals = st.builds(AnnulmentProposal, _file_id("DP_PRANNUL"), members(annul=True), files, texts,
                      members(annul=True), st.one_of(st.none(), st.builds(ServiceSigner, names, words)))


def _round_trip(doc: ReceiptNotice | ClarificationRequest | AnnulmentProposal) -> None:
    data = service_to_xml(doc)
    parsed = service_from_xml(data)
    assert parsed == doc
    assert service_to_xml(parsed) == data
    assert_official(doc, data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notices)
def test_receipt_notice_round_trip(doc: ReceiptNotice) -> None:
    _round_trip(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(clarifications)
def test_clarification_round_trip(doc: ClarificationRequest) -> None:
    _round_trip(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proposals)
def test_annulment_round_trip(doc: AnnulmentProposal) -> None:
    _round_trip(doc)
