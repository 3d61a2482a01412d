"""HR business rules in the model and the JSON input: every refusal names its field."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from edo_app.documents import acknowledgement_for, hr_from_json, hr_to_xml, order_for, sample_hr
from edo_app.documents.hr_model import LeaveBody, NoticeBody, add_months
from edo_app.documents.hr_types import EMPLOYEE, EMPLOYER, HrSigner
from edo_app.errors import InputError
from edo_app.model.party import PersonName
from edo_app.model.problems import InputErrors
from edo_app.schemas import SchemaRegistry, validate_bytes
from tests.oracles import PROJECT

SAMPLES = PROJECT / "resources" / "samples"


def _field(make: object) -> str | None:
    with pytest.raises(InputError) as caught:
        make()  # type: ignore[operator]
    return caught.value.field


@pytest.mark.parametrize(("notice", "earliest"), [
    (date(2025, 3, 14), date(2025, 5, 14)),
    (date(2024, 12, 31), date(2025, 2, 28)),  # a shorter month: its last day (ст. 14 ТК РФ)
    (date(2023, 12, 31), date(2024, 2, 29)),
])
def test_changed_conditions_take_effect_two_months_after_the_notice(notice: date, earliest: date) -> None:
    assert add_months(notice, 2) == earliest
    doc = sample_hr("notice", seed=4)
    head = replace(doc.head, doc_date=notice, created=datetime.combine(notice, datetime.min.time()),
                   file_id=replace(doc.head.file_id, day=notice))
    assert isinstance(doc.body, NoticeBody)
    replace(doc, head=head, body=replace(doc.body, effective=earliest))  # the earliest day is allowed
    too_early = replace(doc.body, effective=earliest - timedelta(days=1))
    assert _field(lambda: replace(doc, head=head, body=too_early)) == "body.effective"


def test_a_statement_is_signed_by_the_employee_himself() -> None:
    doc = sample_hr("leave", seed=1)
    stranger = HrSigner(PersonName("Посторонний", "Иван"), EMPLOYEE)
    assert _field(lambda: replace(doc, head=replace(doc.head, signers=(stranger,)))) == "signers[0].name"
    boss = HrSigner(PersonName("Директоров", "Иван"), EMPLOYER, "Директор")
    assert _field(lambda: replace(doc, head=replace(doc.head, signers=(boss,)))) == "signers[0].role"


def test_leave_days_fit_its_calendar_span() -> None:
    body = sample_hr("leave", seed=1).body
    assert isinstance(body, LeaveBody)
    span = (body.end - body.start).days + 1
    assert _field(lambda: replace(body, days=span + 1)) == "days"
    assert _field(lambda: replace(body, end=body.start - timedelta(days=1))) == "end"
    assert replace(body, days=span - 1).days == span - 1  # holidays inside a leave are not counted


def test_an_order_is_built_only_from_a_statement_and_not_before_it() -> None:
    statement = sample_hr("dismissal", seed=2)
    boss = HrSigner(PersonName("Директоров", "Иван"), EMPLOYER, "Директор")
    moment = statement.head.created + timedelta(days=1)
    order = order_for(statement, "15-К", moment.date(), created=moment, signer=boss)
    assert order.kind == "order-dismissal" and order.body == statement.body
    assert (order.head.file_id.sender, order.head.file_id.recipient) == (statement.head.file_id.recipient,
                                                                         statement.head.file_id.sender)
    early = statement.head.doc_date - timedelta(days=1)
    assert _field(lambda: order_for(statement, "15-К", early, created=moment, signer=boss)) == "doc_date"
    assert _field(lambda: order_for(order, "16-К", moment.date(), created=moment, signer=boss)) == "kind"
    assert _field(lambda: acknowledgement_for(statement, moment)) == "kind"


def test_json_input_reports_every_problem_with_its_path() -> None:
    data = json.loads((SAMPLES / "hr-notice.json").read_text(encoding="utf-8"))
    data["employee"]["snils"] = data["employee"]["snils"][:-1] + ("0" if data["employee"]["snils"][-1] != "0" else "1")
    data["employer"]["ogrn"] = "123"
    data["body"]["conditions"] = []
    data["colour"] = "синий"
    with pytest.raises(InputErrors) as caught:
        hr_from_json(data)
    paths = [path for path, _ in caught.value.problems]
    assert paths == ["employee.snils", "employer.ogrn", "body.conditions", "colour"]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("hr-*.json")), ids=lambda p: p.stem)
def test_every_example_json_builds(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    doc = hr_from_json(data)
    assert doc.kind == data["kind"] and str(doc.head.file_id).endswith(data["file"]["guid"])


def test_an_official_schema_dropped_in_is_matched_by_prefix_and_version(tmp_path: Path) -> None:
    """Stand-in for an official HR schema installed in the data folder: named the FNS way, it is
    found by its prefix and ВерсФорм like the FNS schemas, next to the project's own."""
    official = tmp_path / "HR_ZAYAVOTP_1_000_00_01_00_01.xsd"
    shutil.copy(PROJECT / "xsd" / "hr-1.01" / "hr.xsd", official)
    doc = sample_hr("leave", seed=8)
    report = validate_bytes(hr_to_xml(doc), doc.file_name, SchemaRegistry(official_dirs=[tmp_path]))
    assert report.ok and report.schema_id == "hr-1.01-zayavotp+HR_ZAYAVOTP_1_000_00_01_00_01"
    order = sample_hr("order-leave", seed=8)  # another prefix: only the project's schema applies
    assert validate_bytes(hr_to_xml(order), order.file_name, SchemaRegistry(official_dirs=[tmp_path])).schema_id \
        == "hr-1.01-prikotp"
