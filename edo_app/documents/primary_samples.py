"""Realistic, valid акт and ТОРГ-12 5.01 documents (both titles) for tests, demos and ``edo sample``.

As in samples.py, everything follows from ``seed`` through one random.Random; the invented
parties (with correct check digits) come from samples.sample_participant.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from edo_app.model.fileid import FileId
from edo_app.model.party import Party, PersonName
from edo_app.model.vat import VatRate

from .act_model import ACT_DOC_NAME, ACT_PREFIX, ActSeller, act_answer_for
from .primary_answer import PrimaryAnswer
from .primary_types import Basis, Handler, Member, PlainAddress, PrimarySigner, SellerHead, ValueLine, make_value_line
from .samples import SAMPLE_DAY, edo_id, sample_participant, sample_signature
from .torg12_model import TORG12_DOC_NAME, TORG12_PREFIX, Torg12Seller, torg12_answer_for
from .upd_types import Participant

_WORKS = ("Монтаж стеллажей", "Техническое обслуживание кондиционеров", "Уборка помещений",
          "Разработка дизайн-макета", "Консультационные услуги по учёту", "Доставка груза по городу")
_GOODS = (("Бумага офисная А4, пачка 500 л.", "796", "шт"), ("Кабель медный ВВГ 3х2,5", "006", "м"),
          ("Краска фасадная белая", "166", "кг"), ("Масло подсолнечное", "112", "л"),
          ("Кофе зерновой, упаковка 1 кг", "796", "шт"))
_ACT_RATES = (VatRate.R20, VatRate.R20, VatRate.R10, VatRate.R0, VatRate.WITHOUT, VatRate.R20_120)
_GOODS_RATES = (*_ACT_RATES, VatRate.AGENT)
_LAST = ("Орлов", "Соколов", "Лебедев", "Журавлёв", "Воронов")
_FIRST = ("Пётр", "Андрей", "Илья", "Семён", "Глеб")


def _member(rng: random.Random, *, entrepreneur: bool = False) -> Member:
    """A sample participant of УПД recast into the 5.01 shape (flat address, no region name)."""
    source: Participant = sample_participant(rng, entrepreneur=entrepreneur)
    adr = source.address
    assert adr is not None and isinstance(source.party, Party)
    if adr.is_russian_structured:
        address = PlainAddress(region_code=adr.region_code, postal_code=adr.postal_code, city=adr.city,
                               street=adr.street, house=adr.house)
    else:
        address = PlainAddress(text=adr.text)
    return Member(source.party, address, entrepreneur=entrepreneur)


def _person(rng: random.Random) -> PersonName:
    return PersonName(rng.choice(_LAST), rng.choice(_FIRST))


def sample_signer(rng: random.Random, member: Member, position: str = "Генеральный директор") -> PrimarySigner:
    """The head of an organisation, or the entrepreneur / person himself."""
    party = member.party
    if party.is_organisation:
        return PrimarySigner(_person(rng), party.inn, "ЮЛ", party.name, position)
    assert party.person is not None
    kind = "ИП" if member.entrepreneur else "ФЛ"
    return PrimarySigner(party.person, party.inn, kind, status="4", basis="Лично")


def _head(rng: random.Random, kind: tuple[str, str], pair: tuple[Member, Member], seed: int,
          signer: PrimarySigner) -> SellerHead:
    """``kind``: (file prefix, document name); ``pair``: (issuer, recipient)."""
    prefix, doc_name = kind
    sender, recipient = pair
    day = SAMPLE_DAY + timedelta(days=seed % 300)
    created = datetime(day.year, day.month, day.day, 9 + seed % 9, seed % 60, (seed * 7) % 60)
    guid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    file_id = FileId(prefix, edo_id(_as_participant(recipient)), edo_id(_as_participant(sender)), day, guid)
    basis = Basis("Договор", f"Д-{rng.randint(1, 999)}", day - timedelta(days=90))
    return SellerHead(file_id=file_id, created=created, number=f"{seed + 1:05d}", doc_date=day, signers=(signer,),
                      doc_name=doc_name, economic_entity=sender.name, bases=(basis,))


def _as_participant(member: Member) -> Participant:
    return Participant(member.party)


def _lines(rng: random.Random, count: int, *, works: bool) -> tuple[ValueLine, ...]:
    lines = []
    for number in range(1, count + 1):
        if works:
            name, okei, unit = rng.choice(_WORKS), "", ""
            quantity, rate = Decimal(rng.randint(1, 40)), rng.choice(_ACT_RATES)
        else:
            name, okei, unit = rng.choice(_GOODS)
            weighed = okei in ("166", "112")  # kilograms and litres come with grams and millilitres
            quantity = Decimal(rng.randint(1, 500_000)) / 1000 if weighed else Decimal(rng.randint(1, 500))
            rate = rng.choice(_GOODS_RATES)
        price = Decimal(rng.randint(100, 500_000)) / 100
        lines.append(make_value_line(number, name, quantity, price, rate, okei=okei, unit_name=unit))
    return tuple(lines)


def sample_act(lines: int = 3, seed: int = 0) -> ActSeller:
    """A valid executor's title; the executor is an ИП every fourth seed."""
    rng = random.Random(seed + 3_000_017)
    executor = _member(rng, entrepreneur=seed % 4 == 3)
    customer = _member(rng)
    head = _head(rng, (ACT_PREFIX, ACT_DOC_NAME), (executor, customer), seed, sample_signer(rng, executor))
    start = head.doc_date - timedelta(days=30)
    return ActSeller(head=head, executor=executor, customer=customer, works=_lines(rng, lines, works=True),
                     work_start=start, work_end=head.doc_date, transfer_date=head.doc_date)


def sample_torg12(lines: int = 3, seed: int = 0) -> Torg12Seller:
    """A valid seller's title of ТОРГ-12 with shipper and consignee; an ИП sells every fourth seed."""
    rng = random.Random(seed + 4_000_037)
    seller = _member(rng, entrepreneur=seed % 4 == 3)
    buyer = _member(rng)
    head = _head(rng, (TORG12_PREFIX, TORG12_DOC_NAME), (seller, buyer), seed, sample_signer(rng, seller))
    return Torg12Seller(head=head, seller=seller, buyer=buyer, lines=_lines(rng, lines, works=False),
                        shipper=seller, consignee=buyer, shipped_on=head.doc_date,
                        handed_by=Handler(_person(rng), "Кладовщик"))


def _answer_moment(created: datetime) -> datetime:
    return created + timedelta(days=1, hours=2)


def sample_act_answer(act: ActSeller | None = None, *, accept: bool = True, seed: int = 0) -> PrimaryAnswer:
    """The customer's title for ``act`` (default sample_act(seed=seed)): accepted or refused."""
    act = act or sample_act(seed=seed)
    rng = random.Random(seed + 5_000_011 + (0 if accept else 7))  # a refusal is another file
    signer = sample_signer(rng, act.customer, "Директор")
    return act_answer_for(act, sample_signature(rng), created=_answer_moment(act.head.created),
                          guid=str(uuid.UUID(int=rng.getrandbits(128), version=4)), signer=signer, accept=accept,
                          reason="" if accept else "работы выполнены не в полном объёме")


def sample_torg12_answer(doc: Torg12Seller | None = None, *, accept: bool = True, seed: int = 0) -> PrimaryAnswer:
    """The buyer's title for ``doc`` (default sample_torg12(seed=seed)): goods accepted or refused."""
    doc = doc or sample_torg12(seed=seed)
    rng = random.Random(seed + 6_000_029 + (0 if accept else 7))  # a refusal is another file
    signer = sample_signer(rng, doc.buyer, "Директор по закупкам")
    receiver = Handler(_person(rng), "Кладовщик") if accept else None
    return torg12_answer_for(doc, sample_signature(rng), created=_answer_moment(doc.head.created),
                             guid=str(uuid.UUID(int=rng.getrandbits(128), version=4)), signer=signer,
                             accept=accept, reason="" if accept else "товар повреждён", accepted_by=receiver)
