"""What the УКД editor needs: the stored originals, a line's live preview, check and form.

The editor corrects outgoing УПД seller titles chosen in the registry (one or several of the
same seller and buyer: documents.build_from_originals). Each row of its table is a line of an
original with its «before» values, read-only, and «after» values as typed. ``preview_line``
gives the row's after state, increase and decrease with the model's own arithmetic
(ukd_model.make_state, UkdLine) so the table never computes money itself; ``check`` builds the
whole УКД and validates it (ukd_drafts.validated: XSD, rules, business checks) without storing;
``form`` stores the validated УКД as outgoing, or nothing.

The service is the УПД editor's (UpdEditorService) over the УКД: it takes the editor's request in
its JSON form (services.ukd_request), so the drafts are kept, listed and reopened the same way,
in their own folder, and forming removes the draft. The signer the user chose signs the УКД on
behalf of the seller; by default he is the first original's signer.

Problems come back under the editor's paths: ``lines[3].price`` (row 3 of the table),
``number``, ``date``, ``basis.name``, ``signers[0].position`` …; those of the built XML as the
report's XPaths.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from edo_app.documents import (
    BasisDoc,
    GoodsLine,
    LineChange,
    LineState,
    UkdLine,
    UkdSigner,
    UpdSeller,
    build_from_originals,
    from_xml,
)
from edo_app.documents.ukd_model import make_state
from edo_app.documents.ukd_original import signer_of
from edo_app.errors import InputError, SchemaError
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.model.money import to_decimal
from edo_app.model.party import Party, PersonName
from edo_app.model.problems import prefixed
from edo_app.model.vat import VatRate
from edo_app.services.ukd_drafts import validated
from edo_app.services.ukd_request import AfterInput, SignerText, UkdRequest, request_of
from edo_app.services.upd_editor import DRAFTS_DIR, Draft, EditorCheck, UpdEditorService

Problem = tuple[str, str]
_CHANGE_PATH = re.compile(r"^originals\[(\d+)\]\.changes\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class OriginalLine:
    """A line of an original as the УКД takes it: its «before» state (строка А)."""

    source: int  # which original (index in Originals.documents)
    number: int  # НомСтр in the original
    name: str
    before: LineState


@dataclass(frozen=True, slots=True)
class Originals:
    document_ids: tuple[int, ...]
    documents: tuple[UpdSeller, ...]
    lines: tuple[OriginalLine, ...]

    @property
    def title(self) -> str:
        return ", ".join(f"№ {d.number} от {d.doc_date:%d.%m.%Y}" for d in self.documents)

    @property
    def buyer_name(self) -> str:
        return self.documents[0].buyer.party.name

    @property
    def signer_has_position(self) -> bool:
        """An organisation's employee signs with his position; an entrepreneur without one."""
        party = self.documents[0].seller.party
        return isinstance(party, Party) and party.is_organisation

    @property
    def signer(self) -> SignerText:
        """Who signs by default: the first original's signer, as the УКД names him (ukd_original.signer_of)."""
        try:
            signer = signer_of(self.documents[0])
        except InputError:  # a foreign seller: the check says why, the form starts empty
            return SignerText()
        return SignerText(signer.name.last, signer.name.first, signer.name.middle, signer.position)


@dataclass(frozen=True, slots=True)
class LinePreview:
    """The row after the change (None when an after value is wrong: ``problems`` say which)."""

    line: UkdLine | None
    change: LineChange | None = None
    problems: tuple[Problem, ...] = ()  # (field of the row, message)

    @property
    def changed(self) -> bool:
        return self.line is not None and self.line.before != self.line.after

    @property
    def increase(self) -> Decimal | None:
        return self.line.total_change if self.line is not None and self.line.total_change > 0 else None

    @property
    def decrease(self) -> Decimal | None:
        return -self.line.total_change if self.line is not None and self.line.total_change < 0 else None


def before_state(line: GoodsLine) -> LineState:
    """The «before» state of a УПД line: its amounts exactly as the original states them."""
    return LineState(line.vat_rate, line.amount_without_vat, line.amount_with_vat, line.vat_amount, line.quantity,
                     line.price, line.okei, line.unit_name, line.excise)


def preview_line(original: OriginalLine, after: AfterInput) -> LinePreview:
    """The row with its after values: the state, increase and decrease by the model's arithmetic."""
    before = original.before
    if not (after.quantity.strip() or after.price.strip() or after.vat_rate.strip()):
        return LinePreview(UkdLine(original.number, original.name, before, before, original.number))  # untouched
    problems: list[Problem] = []

    def parsed(field: str, read: Callable[[str], object], kept: object) -> object:
        text = getattr(after, field).strip()
        try:
            return read(text) if text else kept
        except InputError as exc:
            problems.append((field, exc.message))
            return None

    quantity = parsed("quantity", lambda t: to_decimal(t, "quantity"), before.quantity)
    price = parsed("price", lambda t: to_decimal(t, "price"), before.price)
    rate = parsed("vat_rate", VatRate.parse, before.vat_rate)
    for field, value in (("quantity", quantity), ("price", price)):
        if value is None and not any(f == field for f, _ in problems):
            problems.append((field, "в исходной строке значения нет: укажите новое"))
    if not isinstance(quantity, Decimal) or not isinstance(price, Decimal):
        return LinePreview(None, problems=tuple(problems))
    try:  # a bad rate is reported already: the numbers are still checked, with the old rate
        state = make_state(quantity, price, rate if isinstance(rate, VatRate) else before.vat_rate,
                           okei=before.okei, unit_name=before.unit_name)
    except InputError as exc:
        problems.append((exc.field or "quantity", exc.message))
    if problems or not isinstance(rate, VatRate):
        return LinePreview(None, problems=tuple(problems))
    change = LineChange(original.number, quantity, price, rate)
    return LinePreview(UkdLine(original.number, original.name, before, state, original.number), change)


class UkdEditorService(UpdEditorService):
    """Check, form and keep drafts of the УКД the editor holds (its request's JSON form)."""

    drafts_folder = f"{DRAFTS_DIR}/ukd"
    draft_format = "edo-ukd-draft/1"
    draft_title = "УКД"

    def originals(self, document_ids: Sequence[int]) -> Originals:
        """The chosen outgoing УПД seller titles; InputError says why one cannot be corrected."""
        if not document_ids:
            raise InputError("выберите в реестре исходящий УПД (титул продавца)", "document_id")
        documents = tuple(self._original(i) for i in document_ids)
        lines = tuple(OriginalLine(source, line.number, line.name, before_state(line))
                      for source, doc in enumerate(documents) for line in doc.lines)
        return Originals(tuple(document_ids), documents, lines)

    def draft_originals(self, draft: Draft) -> Originals:
        """The originals a saved draft corrects; InputError when the draft no longer fits them."""
        request = request_of(draft.data)
        originals = self.originals(request.document_ids)
        if len(request.rows) != len(originals.lines):
            raise InputError(f"черновик {draft.guid} не соответствует строкам корректируемых документов", "lines")
        return originals

    def _original(self, document_id: int) -> UpdSeller:
        stored = self._library.get(document_id)
        if stored.summary.kind is not DocumentKind.UPD_SELLER or stored.direction is not Direction.OUTGOING:
            raise InputError(f"документ № {document_id}: УКД составляется к исходящему титулу продавца УПД",
                             "document_id")
        doc = from_xml(stored.content)
        if not isinstance(doc, UpdSeller):
            raise InputError(f"документ № {document_id} не читается как титул продавца УПД", "document_id")
        return doc

    def _build(self, complete: dict[str, Any]) -> tuple[EditorCheck, bytes | None]:
        """The check of the request (``complete``: its JSON form) and the valid УКД's bytes, or None."""
        try:
            request = request_of(complete)
        except InputError as exc:
            return EditorCheck(problems=tuple(prefixed(exc, ""))), None
        originals = self.originals(request.document_ids)
        changes, rows, problems = _changes(originals, request.rows)
        signer = _chosen_signer(request.signer, originals.documents[0], problems)
        if request.doc_date is None:
            problems.append(("date", "укажите дату УКД"))
        if problems or request.doc_date is None:
            return EditorCheck(problems=tuple(problems)), None
        try:
            doc = build_from_originals(
                [(doc, changes[i]) for i, doc in enumerate(originals.documents)], number=request.number,
                doc_date=request.doc_date, created=self._clock().replace(microsecond=0),
                guid=request.guid or str(uuid.uuid4()), function=request.function, basis=_basis(request),
                signer=signer)
            doc, content, report = validated(doc, self._schemas)
        except SchemaError as exc:
            return EditorCheck(report=exc.report), None
        except InputError as exc:
            return EditorCheck(problems=tuple(_editor_path(p, rows) for p in prefixed(exc, ""))), None
        return EditorCheck(report=report, file_name=doc.file_name), content


_SIGNER_FIELDS = {"name.last": "last_name", "name.first": "first_name", "name.middle": "middle_name",
                  "position": "position"}


def _chosen_signer(text: SignerText | None, original: UpdSeller, problems: list[Problem]) -> UkdSigner | None:
    """The signer typed in the editor, on behalf of the seller as ``signer_of`` shapes him (ЮЛ or ИП);
    None: the original's. His problems are added under ``signers[0].<field>``."""
    if text is None:
        return None
    blank = [(f"signers[0].{key}", "обязательное поле не заполнено")
             for key in ("last_name", "first_name") if not getattr(text, key).strip()]
    if blank:
        problems.extend(blank)
        return None
    try:
        name = PersonName(text.last_name.strip(), text.first_name.strip(), text.middle_name.strip())
        return replace(signer_of(original), name=name, position=text.position.strip())
    except InputError as exc:
        problems.extend((f"signers[0].{_SIGNER_FIELDS.get(path, '')}".rstrip("."), message)
                        for path, message in prefixed(exc, ""))
        return None


def _changes(originals: Originals, rows: Sequence[AfterInput]) -> tuple[
        list[list[LineChange]], dict[tuple[int, int], int], list[Problem]]:
    """The changed rows per original, where each change came from (original, index) → row, and
    the rows' problems under ``lines[row].field``."""
    if len(rows) != len(originals.lines):
        raise InputError("строки формы не совпадают со строками исходных документов", "lines")
    changes: list[list[LineChange]] = [[] for _ in originals.documents]
    where: dict[tuple[int, int], int] = {}
    problems: list[Problem] = []
    for row, (line, after) in enumerate(zip(originals.lines, rows, strict=True)):
        preview = preview_line(line, after)
        problems += [(f"lines[{row}].{field}", message) for field, message in preview.problems]
        if preview.changed and preview.change is not None:
            where[(line.source, len(changes[line.source]))] = row
            changes[line.source].append(preview.change)
    if not problems and not where:
        problems.append(("lines", "измените хотя бы одно значение «после»: корректировать нечего"))
    for source, found in enumerate(changes):
        if not found and not problems:
            problems.append(("lines", f"в документе {originals.documents[source].number} ничего не изменено"))
    return changes, where, problems


def _basis(request: UkdRequest) -> BasisDoc | None:
    if not (request.basis_name or request.basis_number or request.basis_date):
        return None
    try:
        return BasisDoc(request.basis_name, request.basis_number, request.basis_date)
    except InputError as exc:
        raise InputError(exc.message, f"basis.{exc.field}" if exc.field else "basis") from None


def _editor_path(problem: Problem, rows: dict[tuple[int, int], int]) -> Problem:
    """``originals[0].changes[2].price`` → ``lines[<row>].price``; other paths stay."""
    path, message = problem
    found = _CHANGE_PATH.match(path)
    if found is None:
        return problem
    row = rows.get((int(found[1]), int(found[2])))
    return (f"lines[{row}]{path[found.end():]}" if row is not None else path), message
