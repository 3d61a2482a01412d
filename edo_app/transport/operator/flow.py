"""What the regulated flow lets a participant send, as a small state table (DOMAIN.md §3).

The operator remembers every file it accepted by its ИдФайл (``Subject``): who sent it to whom,
which step of the flow it is, the УПД function and its state. A new file is a ``Move``; a reply
(buyer's title, ИОП, УОУ, ПоА) names the file it answers in ``related``. ``decide`` either
returns what changes or raises ``FlowRefused`` with a Russian reason; it touches nothing itself,
so the store applies the answer in the same transaction that accepts the package.

This module knows no XML: the service layer reads the step, ИдФайл and function out of the
document and hands them over as strings.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from edo_app.errors import TransportError

__all__ = ["ACT", "DOCUMENT_STEPS", "RULES", "TORG12", "Decision", "FlowRefused", "Move", "Rule", "State", "Step",
           "Subject", "decide"]


class FlowRefused(TransportError):
    """The flow does not allow this file now; ``reason`` is Russian and names the file."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class Step(enum.StrEnum):
    TITLE = "title"  # a seller's title or any other primary document: starts a flow
    BUYER_TITLE = "buyer_title"  # ON_NSCHFDOPPOK, ON_NKORSCHFDOPPOK (УКД): acceptance or signed refusal
    RECEIPT = "receipt"  # ИОП
    CLARIFICATION = "clarification"  # УОУ
    ANNULMENT = "annulment"  # ПоА
    CONFIRMATION = "confirmation"  # ПДП / ПДО: only the operator forms them
    HR_ORDER = "hr_order"  # the employer's order granting the employee's statement it refers to (ДокОсн)
    ACKNOWLEDGEMENT = "acknowledgement"  # the employee's acknowledgement of an order or notice (HR)


# The flow tag of an акт / ТОРГ-12 5.01 title (the formats have no Функция): the answer must match it.
ACT, TORG12 = "акт", "ТОРГ-12"
# Steps that travel as a document package (the rest are service documents).
DOCUMENT_STEPS = frozenset({Step.TITLE, Step.BUYER_TITLE, Step.HR_ORDER, Step.ACKNOWLEDGEMENT})


class State(enum.StrEnum):
    SENT = "sent"  # waiting for the counterparty
    SIGNED = "signed"  # the buyer's title arrived
    CLARIFY = "clarify"  # the counterparty asked for a correction (УОУ); for a ПоА: refused
    ANNULLED = "annulled"  # both sides signed a ПоА of it: nothing more may answer it but an ИОП
    DONE = "done"  # replies (ИОП, УОУ, an agreed ПоА) need no answer of their own


@dataclass(frozen=True)
class Subject:
    """A file the operator accepted earlier."""

    file_id: str
    sender: str
    recipient: str
    step: Step
    function: str = ""  # Функция of a УПД / УКД title (СЧФ, СЧФДОП, ДОП, КСЧФ, КСЧФДИС ...), ACT or TORG12,
    # the ВидДок of an HR document; "" otherwise
    state: State = State.SENT
    related: str = ""  # the ИдФайл this file answers ("" for a title)


@dataclass(frozen=True)
class Move:
    """A file being sent now: ``related`` is the ИдФайл it answers (None for a new document);
    ``answers`` the functions that file may have (HR: the ВидДок of the statement an order grants),
    empty when the rule alone decides."""

    step: Step
    file_id: str
    related: str | None = None
    function: str = ""
    answers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rule:
    """Who may answer what: ``about`` the steps a reply may refer to, ``states`` the states of that
    file that allow it, ``functions`` the УПД functions that allow it (empty: any), ``then`` the
    referenced file's new state (None: unchanged), ``by`` who sends it (the one who "received"
    the file, or "either" side)."""

    about: frozenset[Step]
    states: frozenset[State]
    functions: frozenset[str] = frozenset()
    then: State | None = None
    by: str = "received"


_OPEN = frozenset({State.SENT, State.CLARIFY, State.SIGNED, State.DONE})
_ANSWERABLE = frozenset({State.SENT})
_AWAITING = frozenset({Step.TITLE, Step.ANNULMENT, Step.HR_ORDER})  # files that wait for an answer of their own
RULES: dict[Step, Rule] = {
    Step.BUYER_TITLE: Rule(frozenset({Step.TITLE}), _ANSWERABLE,
                           frozenset({"СЧФДОП", "ДОП", "КСЧФДИС", "ДИС", ACT, TORG12}), State.SIGNED),
    Step.HR_ORDER: Rule(frozenset({Step.TITLE}), _ANSWERABLE, then=State.SIGNED),
    Step.ACKNOWLEDGEMENT: Rule(frozenset({Step.TITLE, Step.HR_ORDER}), _ANSWERABLE, then=State.SIGNED),
    Step.RECEIPT: Rule(frozenset(Step) - {Step.RECEIPT}, frozenset(State)),
    Step.CLARIFICATION: Rule(frozenset({Step.TITLE, Step.ANNULMENT, Step.HR_ORDER}), _ANSWERABLE, then=State.CLARIFY),
    # A proposal leaves the document as it is: the open ПоА (a Subject of its own) is what is pending.
    Step.ANNULMENT: Rule(frozenset({Step.TITLE, Step.BUYER_TITLE, Step.HR_ORDER}), _OPEN, by="either"),
}

_STEP_NAMES = {
    Step.TITLE: "документ", Step.BUYER_TITLE: "титул покупателя", Step.RECEIPT: "извещение о получении (ИОП)",
    Step.CLARIFICATION: "уведомление об уточнении (УОУ)", Step.ANNULMENT: "предложение об аннулировании (ПоА)",
    Step.CONFIRMATION: "подтверждение оператора", Step.HR_ORDER: "приказ по заявлению",
    Step.ACKNOWLEDGEMENT: "ознакомление работника",
}
_STATE_REASONS = {
    State.SIGNED: "на него уже получен титул покупателя",
    State.CLARIFY: "по нему уже запрошено уточнение (УОУ)",
    State.ANNULLED: "он аннулирован",
    State.DONE: "он не требует ответа",
}


@dataclass(frozen=True)
class Decision:
    """What accepting the move changes: the new Subject, and new states of files it answers
    (the referenced file; for an answer to a ПоА also that ПоА)."""

    subject: Subject
    updates: tuple[tuple[str, State], ...] = ()

    @property
    def related_state(self) -> State | None:
        """The new state of the file the move refers to, if it changes."""
        return next((state for file_id, state in self.updates if file_id != self.subject.file_id
                     and file_id == self.subject.related), None)


def decide(move: Move, sender: str, recipient: str, *, existing: Subject | None,
           related: Subject | None, pending: Subject | None = None) -> Decision:
    """Whether ``sender`` may send ``move`` to ``recipient``; ``existing`` is a file already known
    under the move's ИдФайл, ``related`` the file the move answers, ``pending`` an open ПоА of that
    file (all looked up by the caller)."""
    what = _STEP_NAMES[move.step]
    if move.step is Step.CONFIRMATION:
        raise FlowRefused(f"{move.file_id}: подтверждения ПДП и ПДО формирует только оператор ЭДО")
    if existing is not None:
        raise FlowRefused(f"{move.file_id}: файл с таким ИдФайл уже принят оператором")
    own_state = State.SENT if move.step in _AWAITING else State.DONE
    subject = Subject(move.file_id, sender, recipient, move.step, move.function, own_state, move.related or "")
    if move.step is Step.TITLE:
        return Decision(subject)
    rule = RULES[move.step]
    if not move.related or related is None:
        raise FlowRefused(f"{move.file_id}: {what} ссылается на файл «{move.related or ''}», "
                          "которого оператор не передавал")
    _check_parties(move, rule, related, (sender, recipient))
    if pending is not None and move.step in (Step.ANNULMENT, Step.CLARIFICATION):
        return _answer_annulment(move, subject, related, pending)
    _check_rule(move, rule, related, what)
    return Decision(subject, ((related.file_id, rule.then),) if rule.then else ())


def _answer_annulment(move: Move, subject: Subject, related: Subject, pending: Subject) -> Decision:
    """A ПоА of ``related`` is open: its recipient agrees by a ПоА of its own (both have signed:
    the document is annulled) or refuses by an УОУ; the proposer cannot propose again."""
    if pending.recipient != subject.sender:
        raise FlowRefused(f"{move.file_id}: по файлу {related.file_id} уже направлено предложение об "
                          f"аннулировании ({pending.file_id}), ответа на него ещё нет")
    if move.step is Step.ANNULMENT:
        done = replace(subject, state=State.DONE)
        return Decision(done, ((pending.file_id, State.DONE), (related.file_id, State.ANNULLED)))
    return Decision(subject, ((pending.file_id, State.CLARIFY),))


def _check_parties(move: Move, rule: Rule, related: Subject, route: tuple[str, str]) -> None:
    sender, recipient = route
    what = _STEP_NAMES[move.step]
    received = related.recipient == sender and related.sender == recipient
    sent = related.sender == sender and related.recipient == recipient
    if not (received or (rule.by == "either" and sent)):
        raise FlowRefused(f"{move.file_id}: {what} на файл {related.file_id}, который отправитель "
                          f"{sender} не получал от {recipient}")


def _check_rule(move: Move, rule: Rule, related: Subject, what: str) -> None:
    if related.step not in rule.about:
        raise FlowRefused(f"{move.file_id}: {what} не может ссылаться на {_STEP_NAMES[related.step]} "
                          f"{related.file_id}")
    if rule.functions and related.function not in rule.functions:
        shown = related.function or "без функции"
        raise FlowRefused(f"{move.file_id}: для документа {related.file_id} с функцией {shown} "
                          f"{what} не предусмотрен")
    _check_pairing(move, related, what)
    if related.state not in rule.states:
        hr_answered = related.state is State.SIGNED and move.step in (Step.HR_ORDER, Step.ACKNOWLEDGEMENT)
        reason = "на него уже получен ответ" if hr_answered else _STATE_REASONS.get(related.state, related.state.value)
        raise FlowRefused(f"{move.file_id}: {what} на {related.file_id} не принимается: {reason}")


def _check_pairing(move: Move, related: Subject, what: str) -> None:
    """The reply answers a file of its own kind: a УПД buyer title a УПД, an акт's title an акт, an HR
    order the statement of its kind."""
    if move.step is Step.BUYER_TITLE and move.function and move.function != related.function:
        # a title names the function it answers: a УПД buyer title cannot answer a УКД, nor the reverse
        raise FlowRefused(f"{move.file_id}: {what} с функцией {move.function} не отвечает на документ "
                          f"{related.file_id} с функцией {related.function or 'без функции'}")
    expected = ", ".join(sorted(move.answers))
    if move.answers and related.function not in move.answers:
        raise FlowRefused(f"{move.file_id}: {what} ({move.function}) не может отвечать на документ "
                          f"{related.file_id} ({related.function or 'без вида'}): ожидается {expected}")
