"""«Документ → Стоимость перевозки ЭТрН (титулы 07, 08)…»: on its own signed title 06 the carrier
forms title 07 (the cost with VAT), on a received signed title 07 the shipper answers with title 08,
agreeing or disagreeing with a reason; each is stored as an outgoing, valid ЭТрН title. A wrong
selection names what to select; a bad amount, a disagreement without a reason or a bad payer's ИНН
is marked on its field and nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from edo_app.documents import (
    EtrnPudCarrier,
    EtrnPudShipper,
    etrn_to_xml,
    pud_from_xml,
    pud_to_xml,
    sample_etrn,
    sample_etrn_title,
    sample_pud,
)
from edo_app.documents.etrn_pud import PUD_SHIPPER
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.model.vat import VatRate
from edo_app.services import DocumentQuery, Services
from edo_app.services.etrn_flow import store_title
from edo_app.storage.signatures import SignatureRepository
from tests.ui.conftest import Shown
from ui.editor_etrn.pud_forming import NO_TITLE
from ui.editor_etrn.pud_titles import PudTitlesDialog
from ui.main_window import MainWindow
from ui.ops import SyncExecutor
from ui.registry.folders import Folder

SEED = 21
SHIPPER_EDO = "2AE7816647370"
CARRIER_NAME = "АО «Медный бор-50»"


def _signed(services: Services, document_id: int) -> int:
    """Any detached signature's bytes stand for the stored signature the next title carries as ЭП."""
    SignatureRepository(services.database).add(document_id, b"\x30\x03\x02\x01\x01", None, "тест")
    return document_id


def _handover(services: Services) -> int:
    return _signed(services, store_title(services.library, sample_etrn_title("6", SEED)))


def _stored(services: Services, data: bytes, name: str, direction: Direction) -> int:
    result = services.library.import_bytes(data, name, direction)
    assert result.document_id is not None
    return _signed(services, result.document_id)


def _received_cost(services: Services) -> tuple[EtrnPudCarrier, int]:
    pud = sample_pud("7", SEED)
    assert isinstance(pud, EtrnPudCarrier)
    return pud, _stored(services, pud_to_xml(pud), pud.file_name, Direction.INCOMING)


def _dialog(qtbot: QtBot, services: Services, document_id: int) -> PudTitlesDialog:
    dialog = PudTitlesDialog(services, SyncExecutor(), document_id)
    qtbot.addWidget(dialog)
    return dialog


def _type(dialog: PudTitlesDialog, **texts: str) -> None:
    for key, text in texts.items():
        line = dialog.fields[key.replace("__", ".")]
        assert isinstance(line, QLineEdit)
        line.setText(text)


def _sign_as(dialog: PudTitlesDialog, last: str, first: str) -> None:
    _type(dialog, signer__last_name=last, signer__first_name=first, signer__position="Генеральный директор")


def _count(services: Services) -> int:
    return services.library.count(DocumentQuery())


def test_the_carrier_forms_title_07_on_its_signed_title_06(qtbot: QtBot, services: Services) -> None:
    dialog = _dialog(qtbot, services, _handover(services))
    assert "титул 07" in dialog.about.text() and dialog.form_button.isEnabled()
    rate = dialog.fields["cost.rate"]
    assert isinstance(rate, QComboBox)
    rate.setCurrentIndex(rate.findData(VatRate.R20))
    _sign_as(dialog, "Воронов", "Глеб")
    _type(dialog, cost__without_vat="45 000,00", cost__calculation="По тарифу договора", shipper=SHIPPER_EDO,
          economic_entity=CARRIER_NAME, account__number="40702810900000000001", account__bik="044525225")
    assert dialog.total.text() == "Итого с НДС: 54\u00a0000,00 (НДС 9\u00a0000,00)"
    with qtbot.waitSignal(dialog.formed) as formed:
        dialog.form_title()
    stored = services.library.get(formed.args[0])
    assert stored.direction is Direction.OUTGOING and stored.report.ok
    assert (stored.summary.kind, stored.summary.function) == (DocumentKind.ETRN, "титул 07")
    assert (stored.summary.total, stored.summary.vat) == (Decimal("54000.00"), Decimal("9000.00"))
    text = stored.content.decode("cp1251")
    for part in ('СтТовБезНДС="45000.00"', 'НалСт="20%"', 'СтТовУчНал="54000.00"', "<СумНДС>9000.00</СумНДС>",
                 'Расчет="По тарифу договора"', 'НомерСч="40702810900000000001"'):
        assert part in text
    pud = pud_from_xml(stored.content)
    assert isinstance(pud, EtrnPudCarrier)
    assert (pud.file_id.recipient, pud.economic_entity) == (SHIPPER_EDO, CARRIER_NAME)


def test_the_chain_in_the_registry_fills_the_shipper_and_the_carrier(qtbot: QtBot, services: Services) -> None:
    store_title(services.library, sample_etrn(seed=SEED))
    for step in ("2", "5"):
        store_title(services.library, sample_etrn_title(step, SEED))
    dialog = _dialog(qtbot, services, _handover(services))
    known = [dialog.fields[key] for key in ("shipper", "economic_entity")]
    assert [w.text() for w in known if isinstance(w, QLineEdit)] == [SHIPPER_EDO, CARRIER_NAME]


@pytest.mark.parametrize("case", [  # the amount, the VAT, the field marked, words of its message
    ("", "", "cost.without_vat", "укажите сумму"),
    ("-100", "", "cost.without_vat", "отрицательной"),
    ("сто", "", "cost.without_vat", "не является числом"),
    ("100,005", "", "cost.without_vat", "знаков после запятой"),
    ("1000", "150", "cost.vat", "ожидается"),
])
def test_a_bad_amount_is_marked_and_nothing_is_stored(qtbot: QtBot, services: Services,
                                                      case: tuple[str, str, str, str]) -> None:
    amount, vat, field, words = case
    dialog = _dialog(qtbot, services, _handover(services))
    _sign_as(dialog, "Воронов", "Глеб")
    _type(dialog, cost__without_vat=amount, cost__vat=vat, shipper=SHIPPER_EDO, economic_entity=CARRIER_NAME)
    before = _count(services)
    dialog.form_title()
    assert words in dialog.fields[field].toolTip()
    assert field in dialog.problems.text() and dialog.total.text() == ""
    assert _count(services) == before and dialog.result() == 0


def test_without_title_1_the_shipper_s_edo_id_is_asked_for(qtbot: QtBot, services: Services) -> None:
    dialog = _dialog(qtbot, services, _handover(services))
    _sign_as(dialog, "Воронов", "Глеб")
    _type(dialog, cost__without_vat="1000", economic_entity=CARRIER_NAME)
    before = _count(services)
    dialog.form_title()
    assert "грузоотправителя" in dialog.fields["shipper"].toolTip() and _count(services) == before


def test_the_shipper_agrees_with_a_received_title_07(qtbot: QtBot, services: Services) -> None:
    pud, cost_id = _received_cost(services)
    dialog = _dialog(qtbot, services, cost_id)
    assert "титул 08" in dialog.about.text() and pud.economic_entity in dialog.about.text()
    assert not dialog.fields["reason"].isEnabled()
    _sign_as(dialog, "Соколова", "Анна")
    _type(dialog, economic_entity="ООО «Медный бор-68»")
    with qtbot.waitSignal(dialog.formed) as formed:
        dialog.form_title()
    stored = services.library.get(formed.args[0])
    assert stored.direction is Direction.OUTGOING and stored.report.ok and stored.summary.function == "титул 08"
    answer = pud_from_xml(stored.content)
    assert isinstance(answer, EtrnPudShipper)
    assert (answer.answers.file_id, answer.operation, answer.payer) == (str(pud.file_id), PUD_SHIPPER.operation,
                                                                        None)
    assert answer.file_id.recipient == pud.file_id.sender  # back to the carrier


def test_the_shipper_disagrees_with_its_reason_and_names_a_payer(qtbot: QtBot, services: Services) -> None:
    _, cost_id = _received_cost(services)
    dialog = _dialog(qtbot, services, cost_id)
    agreed = dialog.fields["agreed"]
    assert isinstance(agreed, QCheckBox)
    agreed.setChecked(False)
    assert dialog.fields["reason"].isEnabled()
    _sign_as(dialog, "Соколова", "Анна")
    _type(dialog, economic_entity="ООО «Медный бор-68»", reason="Тариф договора — 40 000 рублей",
          payer__name="АО «Лесная поляна»", payer__basis__name="Договор поставки", payer__basis__number="П-5",
          payer__basis__issuer_inn="7810385496")
    with qtbot.waitSignal(dialog.formed) as formed:
        dialog.form_title()
    stored = services.library.get(formed.args[0])
    assert stored.report.ok and stored.summary.function == "титул 08"
    assert 'СодФХЖ="Со стоимостью перевозки не согласен: Тариф договора — 40 000 рублей"' in \
        stored.content.decode("cp1251")
    answer = pud_from_xml(stored.content)
    assert isinstance(answer, EtrnPudShipper) and answer.payer is not None
    assert (answer.payer.name, answer.payer.basis.number) == ("АО «Лесная поляна»", "П-5")


def test_a_disagreement_without_reason_and_a_bad_payer_are_marked(qtbot: QtBot, services: Services) -> None:
    _, cost_id = _received_cost(services)
    dialog = _dialog(qtbot, services, cost_id)
    agreed = dialog.fields["agreed"]
    assert isinstance(agreed, QCheckBox)
    agreed.setChecked(False)
    _sign_as(dialog, "Соколова", "Анна")
    _type(dialog, payer__name="АО «Лесная поляна»", payer__basis__name="Договор", payer__basis__number="П-5",
          payer__basis__issuer_inn="78103")
    before = _count(services)
    dialog.form_title()
    assert "причину" in dialog.fields["reason"].toolTip()
    assert dialog.fields["payer.basis.issuer_inn"].toolTip()
    assert "грузоотправителя" in dialog.fields["economic_entity"].toolTip()
    assert _count(services) == before


def _wrong(services: Services, which: str) -> int:
    """A signed title that neither 07 nor 08 may answer, or the carrier's title 06 before its signature."""
    if which == "unsigned_06":
        return store_title(services.library, sample_etrn_title("6", SEED))
    if which == "waybill":
        return _signed(services, store_title(services.library, sample_etrn(seed=SEED)))
    title = sample_pud("7", SEED) if which == "own_07" else sample_etrn_title("6", SEED)
    data = pud_to_xml(title) if isinstance(title, EtrnPudCarrier) else etrn_to_xml(title)
    return _stored(services, data, title.file_name,
                   Direction.OUTGOING if which == "own_07" else Direction.INCOMING)


@pytest.mark.parametrize(("which", "words"), [("waybill", "не оформляют"), ("own_07", "это ваш титул 07"),
                                              ("received_06", "не исходящий"), ("unsigned_06", "не подписан")])
def test_a_wrong_selection_names_what_to_select(qtbot: QtBot, services: Services, which: str, words: str) -> None:
    dialog = _dialog(qtbot, services, _wrong(services, which))
    before = _count(services)
    assert dialog.about.text() == NO_TITLE and words in dialog.problems.text()
    assert not dialog.form_button.isEnabled() and not dialog.fields
    dialog.form_title()
    assert _count(services) == before


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[PudTitlesDialog]]:
    found: list[PudTitlesDialog] = []

    def record(dialog: PudTitlesDialog) -> int:
        found.append(dialog)
        return 0

    monkeypatch.setattr(PudTitlesDialog, "exec", record)
    yield found


def test_the_menu_opens_the_dialog_on_the_selected_title(qtbot: QtBot, window: MainWindow, services: Services,
                                                         shown: Shown, opened: list[PudTitlesDialog]) -> None:
    action = next(a for a in window.menu("Документ").actions()
                  if a.text() == "Стоимость перевозки ЭТрН (титулы 07, 08)…")
    window.table.setCurrentIndex(window.model.index(-1, -1))
    action.trigger()
    assert [box.text() for box in shown.boxes] == [NO_TITLE] and opened == []
    _handover(services)
    window.show_folder(Folder.OUTGOING)  # the carrier's own title 06
    window.table.selectRow(0)
    action.trigger()
    assert len(opened) == 1 and "титул 07" in opened[0].about.text()
    dialog = opened[0]
    _sign_as(dialog, "Воронов", "Глеб")
    _type(dialog, cost__without_vat="1000", shipper=SHIPPER_EDO, economic_entity=CARRIER_NAME)
    with qtbot.waitSignal(dialog.formed):
        dialog.form_title()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)  # the library's change refreshes the registry
