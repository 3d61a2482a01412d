"""The operator's flow table for акт / ТОРГ-12 titles and the HR steps (statement → order →
acknowledgement), decided on Subjects alone (the classifying of real files is covered by
tests/integration/test_exchange_matrix_kinds.py over the real server)."""

from __future__ import annotations

import pytest

from edo_app.transport.operator.flow import ACT, TORG12, FlowRefused, Move, State, Step, Subject, decide

EMPLOYEE, EMPLOYER = "2ZZA-1", "2ZZB-2"
STATEMENT = Subject("HR_ZAYAVOTP_1", EMPLOYEE, EMPLOYER, Step.TITLE, "ZAYAVOTP")


def _order(file_id: str = "HR_PRIKOTP_1", answers: str = "ZAYAVOTP") -> Move:
    return Move(Step.HR_ORDER, file_id, STATEMENT.file_id, "PRIKOTP", frozenset({answers}))


def test_an_act_answer_signs_the_act_and_fits_no_torg12() -> None:
    act = Subject("DP_REZRUISP_1", EMPLOYER, EMPLOYEE, Step.TITLE, ACT)
    answer = Move(Step.BUYER_TITLE, "DP_REZRUZAK_1", act.file_id, ACT)
    assert decide(answer, EMPLOYEE, EMPLOYER, existing=None, related=act).related_state is State.SIGNED
    torg12 = Subject("DP_TOVTORGPR_1", EMPLOYER, EMPLOYEE, Step.TITLE, TORG12)
    with pytest.raises(FlowRefused, match="титул покупателя с функцией акт не отвечает на документ DP_TOVTORGPR_1 "
                                          "с функцией ТОРГ-12"):
        decide(Move(Step.BUYER_TITLE, "DP_REZRUZAK_2", torg12.file_id, ACT), EMPLOYEE, EMPLOYER, existing=None,
               related=torg12)


def test_an_order_grants_a_statement_and_waits_for_the_acknowledgement() -> None:
    decision = decide(_order(), EMPLOYER, EMPLOYEE, existing=None, related=STATEMENT)
    assert decision.related_state is State.SIGNED and decision.subject.state is State.SENT
    ack = Move(Step.ACKNOWLEDGEMENT, "HR_OZNAK_1", decision.subject.file_id, "OZNAK", frozenset({"PRIKOTP"}))
    done = decide(ack, EMPLOYEE, EMPLOYER, existing=None, related=decision.subject)
    assert done.related_state is State.SIGNED and done.subject.state is State.DONE


def test_the_hr_steps_refused_out_of_turn() -> None:
    with pytest.raises(FlowRefused, match=r"приказ по заявлению \(PRIKOTP\) не может отвечать на документ "
                                          r"HR_ZAYAVOTP_1 \(ZAYAVOTP\): ожидается ZAYAVPER"):
        decide(_order(answers="ZAYAVPER"), EMPLOYER, EMPLOYEE, existing=None, related=STATEMENT)
    with pytest.raises(FlowRefused, match="который отправитель 2ZZA-1 не получал от 2ZZB-2"):  # its own statement
        decide(_order(), EMPLOYEE, EMPLOYER, existing=None, related=STATEMENT)
    ack = Move(Step.ACKNOWLEDGEMENT, "HR_OZNAK_1", STATEMENT.file_id, "OZNAK", frozenset({"PRIKOTP"}))
    with pytest.raises(FlowRefused, match="ознакомление работника"):  # the employer acknowledging a statement
        decide(ack, EMPLOYER, EMPLOYEE, existing=None, related=STATEMENT)
    granted = Subject(STATEMENT.file_id, EMPLOYEE, EMPLOYER, Step.TITLE, "ZAYAVOTP", State.SIGNED)
    with pytest.raises(FlowRefused, match="на него уже получен ответ"):
        decide(_order("HR_PRIKOTP_2"), EMPLOYER, EMPLOYEE, existing=None, related=granted)
