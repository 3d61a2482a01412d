"""The nine МЧД checks (edo_app.poa.checks) one by one: a passing and a failing case each,
then the rules that combine them into one status."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from edo_app.model.kinds import DocumentKind
from edo_app.model.party import PersonName
from edo_app.model.report import Issue, Report, Severity
from edo_app.poa import NO_REDELEGATION, REDELEGATE_ONCE, PartyIdentity, Power, Powers, sample_poa
from edo_app.poa.checks import (
    MANDATORY,
    TITLES,
    CheckInputs,
    CheckOutcome,
    CheckResult,
    DocumentFacts,
    PoaReference,
    PoaStatus,
    SignatureFacts,
    check_chain,
    check_document_reference,
    check_format,
    check_not_revoked,
    check_powers,
    check_principal,
    check_principal_signature,
    check_representative,
    check_validity,
    evaluate,
    not_attached,
    overall_status,
)
from edo_app.poa.revocation import Revocation, RevocationList
from tests.unit.poa.test_checks_fixtures import AT, SYSTEM_ID, head, key_for, representative, signed_poa, subject

OK, FAILED, UNKNOWN = CheckOutcome.OK, CheckOutcome.FAILED, CheckOutcome.UNKNOWN
OTHER_INN_LE, OTHER_KPP = "5011043326", "501101001"  # fictional, valid check digits
POA = sample_poa(1)  # 04.03.2025 – 03.03.2026, ЮЛ → a person, powers for УПД


# -- 1. format ---------------------------------------------------------------------------------
def test_format_passes_a_clean_report_and_fails_on_errors() -> None:
    assert check_format(Report("a.xml", "emchd-1")).outcome is OK
    issue = Issue("Имя файла не совпадает с ИдФайл", "/Доверенность/@ИдФайл", "emchd.file-name")
    bad = check_format(Report("a.xml", "emchd-1", (issue,)))
    assert bad.outcome is FAILED and "emchd.file-name" in bad.detail and "ИдФайл" in bad.detail
    warning = Issue("замечание", severity=Severity.WARNING)
    assert "предупреждений: 1" in check_format(Report("a.xml", "emchd-1", (warning,))).detail


def test_format_fails_for_a_file_that_is_not_an_emchd() -> None:
    result = check_format(Report("a.xml", "upd-5.03-seller"))
    assert result.outcome is FAILED and "EMCHD_1" in result.detail


# -- 2. the principal's signature ----------------------------------------------------------------
def test_principal_signature_by_the_head_of_the_principal_passes() -> None:
    signed = signed_poa(1)
    result = check_principal_signature(POA, [SignatureFacts(True, signed.principal.certificate)])
    assert result.outcome is OK and head(POA)[0].full_name in result.detail


def test_a_signature_that_does_not_verify_fails() -> None:
    facts = SignatureFacts(False, signed_poa(1).principal.certificate, ("хэш документа не совпадает",))
    result = check_principal_signature(POA, [facts])
    assert result.outcome is FAILED and "хэш документа не совпадает" in result.detail


def test_signed_by_someone_else_fails() -> None:
    result = check_principal_signature(POA, [SignatureFacts(True, signed_poa(1).representative.certificate)])
    assert result.outcome is FAILED and "не доверителем" in result.detail and "ИНН ЮЛ" in result.detail


def test_the_head_of_another_company_fails() -> None:
    person, _ = head(POA)
    other = key_for(subject(person, inn_le=OTHER_INN_LE)).certificate
    result = check_principal_signature(POA, [SignatureFacts(True, other)])
    assert result.outcome is FAILED and OTHER_INN_LE in result.detail


def test_a_person_of_the_company_who_is_not_its_head_fails() -> None:
    _, inn_le = head(POA)
    stranger = key_for(subject(representative(POA), inn_le=inn_le)).certificate
    result = check_principal_signature(POA, [SignatureFacts(True, stranger)])
    assert result.outcome is FAILED and "без доверенности" in result.detail


def test_missing_signature_is_unknown_and_an_empty_one_fails() -> None:
    assert check_principal_signature(POA, None).outcome is UNKNOWN
    assert check_principal_signature(POA, []).outcome is FAILED


def test_an_entrepreneur_principal_signs_with_a_certificate_holding_the_inn() -> None:
    poa = sample_poa(3, principal="ip")
    person = poa.principals[0].person  # type: ignore[union-attr]
    own = key_for(subject(person)).certificate
    assert check_principal_signature(poa, [SignatureFacts(True, own)]).outcome is OK
    other = key_for(subject(person, inn="500100000199")).certificate
    assert check_principal_signature(poa, [SignatureFacts(True, other)]).outcome is FAILED


# -- 3. validity on the signing date, Moscow time ----------------------------------------------------
def test_valid_inside_the_term() -> None:
    assert check_validity(POA, AT).outcome is OK


def test_not_yet_valid_before_issue() -> None:
    result = check_validity(POA, datetime(2025, 3, 1, 12, 0, tzinfo=UTC))
    assert result.outcome is FAILED and "ещё не действовала" in result.detail


def test_expired_after_the_end() -> None:
    result = check_validity(POA, datetime(2026, 3, 5, tzinfo=UTC))
    assert result.outcome is FAILED and "истекла 03.03.2026" in result.detail


def test_the_day_is_taken_in_moscow_time() -> None:
    # 21:30 UTC on the last day is already the next day in Moscow (UTC+3).
    assert check_validity(POA, datetime(2026, 3, 3, 20, 59, tzinfo=UTC)).outcome is OK
    assert check_validity(POA, datetime(2026, 3, 3, 21, 30, tzinfo=UTC)).outcome is FAILED
    # and 21:30 UTC the day before issue is already the issue day
    assert check_validity(POA, datetime(2025, 3, 3, 21, 30, tzinfo=UTC)).outcome is OK
    assert check_validity(POA, datetime(2026, 3, 3, 23, 59)).outcome is OK  # naive = Moscow


# -- 4. representative = the signer's certificate -----------------------------------------------------
def test_the_representatives_certificate_passes() -> None:
    result = check_representative(POA, signed_poa(1).representative.certificate)
    assert result.outcome is OK and representative(POA).full_name in result.detail


def test_names_compare_ignoring_case_and_yo() -> None:
    rep = representative(POA)
    shouting = replace(rep, name=PersonName(rep.name.last.upper(), rep.name.first.replace("е", "ё"),
                                            rep.name.middle.lower()))
    assert check_representative(POA, key_for(subject(shouting, inn=rep.inn)).certificate).outcome is OK


def test_a_wrong_representative_fails() -> None:
    person, _ = head(POA)
    result = check_representative(POA, key_for(subject(person)).certificate)
    assert result.outcome is FAILED and "ФИО в сертификате" in result.detail


def test_same_name_with_another_inn_fails() -> None:
    result = check_representative(POA, key_for(subject(representative(POA), inn="500100000199")).certificate)
    assert result.outcome is FAILED and "500100000199" in result.detail


def test_a_certificate_without_snils_is_unknown_not_ok() -> None:
    result = check_representative(POA, key_for(subject(representative(POA), snils=None)).certificate)
    assert result.outcome is UNKNOWN and "нет СНИЛС" in result.detail


def test_no_certificate_is_unknown() -> None:
    assert check_representative(POA, None).outcome is UNKNOWN


# -- 5. principal = the document's party ------------------------------------------------------------
def _doc(*parties: PartyIdentity, refs: tuple[PoaReference, ...] | None = ()) -> DocumentFacts:
    return DocumentFacts(DocumentKind.UPD_SELLER, parties, refs, "продавец")


def test_the_principal_is_the_seller() -> None:
    expected = POA.principal_identity()
    assert check_principal(POA, _doc(expected)).outcome is OK


def test_a_wrong_principal_fails() -> None:
    expected = POA.principal_identity()
    assert check_principal(POA, _doc(PartyIdentity(OTHER_INN_LE, OTHER_KPP))).outcome is FAILED
    wrong_kpp = check_principal(POA, _doc(PartyIdentity(expected.inn, OTHER_KPP)))
    assert wrong_kpp.outcome is FAILED and OTHER_KPP in wrong_kpp.detail


def test_principal_unknown_without_the_document_or_its_party() -> None:
    assert check_principal(POA, None).outcome is UNKNOWN
    assert check_principal(POA, _doc()).outcome is UNKNOWN


def test_a_redelegation_is_compared_with_the_original_principal() -> None:
    child = sample_poa(2, redelegation_of=POA)
    result = check_principal(child, _doc(POA.principal_identity()))
    assert result.outcome is OK and "первоначальный" in result.detail


# -- 6. powers ---------------------------------------------------------------------------------
UPD = _doc()


def test_powers_for_upd_pass() -> None:
    assert check_powers(POA, DocumentKind.UPD_SELLER).outcome is OK
    text_only = replace(POA, powers=Powers("Подписывать универсальные передаточные документы"))
    assert check_powers(text_only, DocumentKind.UPD_BUYER).outcome is OK


def test_a_missing_power_fails() -> None:
    poa = replace(POA, powers=Powers("Подписывать акты сверки взаимных расчётов; получать корреспонденцию"))
    result = check_powers(poa, DocumentKind.UPD_SELLER)
    assert result.outcome is FAILED and "УПД" in result.detail


def test_a_general_power_is_unknown_never_ok() -> None:
    poa = replace(POA, powers=Powers("Подписывать любые документы от имени общества"))
    result = check_powers(poa, DocumentKind.UPD_SELLER)
    assert result.outcome is UNKNOWN and "общо" in result.detail


def test_classifier_codes_come_from_an_injected_mapping() -> None:
    poa = replace(POA, powers=Powers(codes=(Power("02.1234", "Полномочие 1234"),)))
    assert check_powers(poa, DocumentKind.UPD_SELLER).outcome is FAILED
    codes = {(DocumentKind.UPD_SELLER, "sign"): {"02.1234"}}
    assert check_powers(poa, DocumentKind.UPD_SELLER, codes=codes).outcome is OK


def test_powers_unknown_without_a_document_or_for_unmapped_kinds() -> None:
    assert check_powers(POA, None).outcome is UNKNOWN
    assert check_powers(POA, DocumentKind.HR).outcome is UNKNOWN
    assert check_powers(POA, DocumentKind.UPD_SELLER, action="receive").outcome is UNKNOWN


# -- 7. revocation -----------------------------------------------------------------------------
def test_not_revoked_when_the_list_covers_the_date() -> None:
    assert check_not_revoked(POA, RevocationList(checked_through=AT + timedelta(days=1)), AT).outcome is OK


def test_revoked_fails() -> None:
    revoked = RevocationList([Revocation(POA.number, datetime(2025, 5, 1, 10, 0, tzinfo=UTC))])
    result = check_not_revoked(POA, revoked, AT)
    assert result.outcome is FAILED and "отозвана 01.05.2025 13:00" in result.detail


def test_a_revocation_after_the_signing_date_does_not_reach_back() -> None:
    later = RevocationList([Revocation(POA.number, AT + timedelta(days=3))])
    assert check_not_revoked(POA, later, AT).outcome is OK


def test_no_answer_for_the_date_is_unknown() -> None:
    stale = RevocationList(checked_through=AT - timedelta(days=1))
    result = check_not_revoked(POA, stale, AT)
    assert result.outcome is UNKNOWN and "нет сведений об отзыве на дату 02.06.2025" in result.detail
    assert check_not_revoked(POA, None, AT).outcome is UNKNOWN


def test_a_revoked_parent_makes_the_redelegation_revoked() -> None:
    child = sample_poa(2, redelegation_of=POA)
    revoked = RevocationList([Revocation(POA.number, datetime(2025, 5, 1, tzinfo=UTC))], AT)
    result = check_not_revoked(child, revoked, AT)
    assert result.outcome is FAILED and "цепочки передоверия" in result.detail


# -- 8. the re-delegation chain ------------------------------------------------------------------
def test_direct_poa_has_no_chain() -> None:
    assert check_chain(POA, None, AT).outcome is OK


def test_a_sound_chain_passes() -> None:
    child = sample_poa(2, redelegation_of=POA)
    assert check_chain(child, [POA], AT).outcome is OK
    grandchild = sample_poa(3, redelegation_of=child)
    assert check_chain(grandchild, [POA, child], AT).outcome is OK


def test_chain_without_parents_is_unknown() -> None:
    child = sample_poa(2, redelegation_of=POA)
    assert check_chain(child, None, AT).outcome is UNKNOWN
    grandchild = sample_poa(3, redelegation_of=child)
    result = check_chain(grandchild, [POA], AT)
    assert result.outcome is UNKNOWN and child.number in result.detail


def test_a_parent_that_forbids_redelegation_breaks_the_chain() -> None:
    child = sample_poa(2, redelegation_of=POA)
    result = check_chain(child, [replace(POA, redelegation_right=NO_REDELEGATION)], AT)
    assert result.outcome is FAILED and "не разрешает передоверие" in result.detail


def test_a_single_redelegation_cannot_be_passed_on_again() -> None:
    child = sample_poa(2, redelegation_of=POA)
    grandchild = sample_poa(3, redelegation_of=child)
    once = replace(POA, redelegation_right=REDELEGATE_ONCE)
    result = check_chain(grandchild, [once, child], AT)
    assert result.outcome is FAILED and "последующее передоверие" in result.detail


def test_a_parent_expired_on_the_date_or_a_longer_term_breaks_the_chain() -> None:
    short = replace(POA, valid_to=date(2025, 5, 1))
    child = sample_poa(2, redelegation_of=short)
    result = check_chain(child, [short], AT)
    assert result.outcome is FAILED and "не действует на 02.06.2025" in result.detail
    longer = sample_poa(2, redelegation_of=POA, valid_to=date(2026, 12, 31))
    result = check_chain(longer, [POA], AT)
    assert result.outcome is FAILED and "выходит за срок" in result.detail


def test_a_grantor_who_is_not_the_parents_representative_breaks_the_chain() -> None:
    child = sample_poa(2, redelegation_of=POA)
    stranger = sample_poa(9, redelegation_of=sample_poa(8))  # other grantors, same shape
    forged = replace(child, principals=stranger.principals)
    result = check_chain(forged, [POA], AT)
    assert result.outcome is FAILED and "не является представителем" in result.detail


# -- 9. the document's СвДоверЭл -----------------------------------------------------------------
def _ref(**changes: object) -> PoaReference:
    values: dict[str, object] = {"number": POA.number, "issued": POA.issued, "system_id": SYSTEM_ID}
    values.update(changes)
    return PoaReference(**values)  # type: ignore[arg-type]


def test_a_matching_reference_passes() -> None:
    assert check_document_reference(POA, _doc(refs=(_ref(),))).outcome is OK
    upper = _ref(number=POA.number.upper(), system_id=POA.system)
    assert check_document_reference(POA, _doc(refs=(upper,))).outcome is OK


@pytest.mark.parametrize(("changes", "expected"), [
    ({"number": "11111111-2222-4333-8444-555555555555"}, "ссылается на МЧД 11111111"),
    ({"issued": date(2025, 3, 5)}, "ДатаВыдДовер в документе 05.03.2025"),
    ({"system_id": "https://operator.example/poa"}, "ИдСистХран"),
    ({"internal_number": "Д-9999"}, "ВнНомДовер"),
])
def test_a_mismatching_reference_fails(changes: dict[str, object], expected: str) -> None:
    result = check_document_reference(POA, _doc(refs=(_ref(**changes),)))
    assert result.outcome is FAILED and expected in result.detail


def test_no_reference_fails_and_an_unread_one_is_unknown() -> None:
    assert check_document_reference(POA, _doc(refs=())).outcome is FAILED
    assert check_document_reference(POA, _doc(refs=None)).outcome is UNKNOWN
    assert check_document_reference(POA, None).outcome is UNKNOWN


# -- the overall status ------------------------------------------------------------------------
def _checks(**outcomes: CheckOutcome) -> list[CheckResult]:
    return [CheckResult(name, TITLES[name], outcomes.get(name, OK), "") for name in TITLES]


@pytest.mark.parametrize(("outcomes", "status"), [
    ({}, PoaStatus.VALID),
    ({"powers": UNKNOWN, "not_revoked": UNKNOWN}, PoaStatus.WARNINGS),
    ({"representative": UNKNOWN}, PoaStatus.CANNOT_CHECK),
    ({"principal_signature": UNKNOWN, "chain": FAILED}, PoaStatus.INVALID),
    ({"document_reference": FAILED}, PoaStatus.INVALID),
])
def test_overall_status_rules(outcomes: dict[str, CheckOutcome], status: PoaStatus) -> None:
    assert overall_status(_checks(**outcomes)) is status


def test_every_mandatory_check_unknown_means_cannot_check() -> None:
    for name in MANDATORY:
        assert overall_status(_checks(**{name: UNKNOWN})) is PoaStatus.CANNOT_CHECK
    assert {"format", "principal_signature", "validity", "representative"} == MANDATORY


def test_not_attached_verdict() -> None:
    verdict = not_attached()
    assert verdict.status is PoaStatus.NOT_ATTACHED and verdict.status.value == "не приложена"


def test_evaluate_runs_the_nine_checks_in_order() -> None:
    signed = signed_poa(1)
    doc = _doc(POA.principal_identity(), refs=(_ref(),))
    inputs = CheckInputs(Report("x.xml", "emchd-1"), AT, [SignatureFacts(True, signed.principal.certificate)],
                         signed.representative.certificate, doc, RevocationList(checked_through=AT), None)
    verdict = evaluate(POA, inputs)
    assert [c.name for c in verdict.checks] == list(TITLES)
    assert verdict.status is PoaStatus.VALID, [c for c in verdict.checks if c.outcome is not OK]
    assert verdict.check("powers").title == "Полномочия охватывают документ"
