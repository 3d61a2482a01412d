"""Realistic, valid УПД 5.03 documents for tests, benchmarks and the demo corpus.

Everything is derived from ``seed`` through one random.Random, so a (function, lines,
seed) triple always gives the same document. Companies and people are invented; their
ИНН/КПП/ОГРН are generated with correct check digits.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fileid import SUFFIX_503, FileId
from edo_app.model.identifiers import make_inn_le, make_inn_person, make_ogrn, make_ogrnip
from edo_app.model.party import Party, PersonName
from edo_app.model.vat import VatRate

from .service_flow import annulment_proposal_for, clarification_request_for, operator_confirmation, receipt_notice_for
from .service_model import SERVICE_FORMATS, ServiceDocument
from .service_types import EdoOperator, EdoParticipant, ServicePoa, ServiceSigner
from .upd_buyer import ACCEPTED, REFUSED, UpdBuyer, buyer_title_for
from .upd_model import SELLER_PREFIX, GoodsLine, Transfer, UpdSeller, make_line
from .upd_types import Address, DocRef, Employee, Participant, PoaRef, Signer

_COMPANY_WORDS = ("Ромашка", "Северный ветер", "Лесная поляна", "Кедр", "Полярная звезда", "Синяя птица",
                  "Три ключа", "Горизонт", "Медный бор", "Ясный день")
_FORMS = ("ООО", "АО")
_REGIONS = (("77", "г. Москва", "Москва"), ("78", "г. Санкт-Петербург", "Санкт-Петербург"),
            ("66", "Свердловская область", "Екатеринбург"), ("54", "Новосибирская область", "Новосибирск"),
            ("16", "Республика Татарстан", "Казань"))
_STREETS = ("ул. Садовая", "пр-т Мира", "ул. Заречная", "ул. Лесная", "наб. Речная")
_GOODS = (("Бумага офисная А4, пачка 500 л.", "796", "шт"), ("Кофе зерновой, упаковка 1 кг", "796", "шт"),
          ("Кабель медный ВВГ 3х2,5", "006", "м"), ("Краска фасадная белая", "166", "кг"),
          ("Масло подсолнечное", "112", "л"), ("Монтаж стеллажей", "", ""), ("Доставка груза", "", ""))
_RATES = (VatRate.R20, VatRate.R20, VatRate.R10, VatRate.R22, VatRate.R0, VatRate.WITHOUT)
_LAST = ("Орлов", "Соколов", "Лебедев", "Журавлёв", "Воронов", "Снегирёв")
_FIRST = ("Пётр", "Андрей", "Илья", "Семён", "Глеб", "Тимофей")
_MIDDLE = ("Ильич", "Андреевич", "Петрович", "Семёнович", "Глебович")
SAMPLE_DAY = date(2025, 3, 14)


def _person(rng: random.Random) -> PersonName:
    return PersonName(rng.choice(_LAST), rng.choice(_FIRST), rng.choice(_MIDDLE))


def _address(rng: random.Random, region: tuple[str, str, str]) -> Address:
    code, name, city = region
    if rng.random() < 0.5:
        return Address(text=f"{rng.randint(100000, 199999)}, {city}, {rng.choice(_STREETS)}, д. {rng.randint(1, 90)}")
    return Address(region_code=code, region_name=name, postal_code=str(rng.randint(100000, 699999)), city=city,
                   street=rng.choice(_STREETS), house=str(rng.randint(1, 120)))


def sample_participant(rng: random.Random, *, entrepreneur: bool = False) -> Participant:
    """An invented organisation (or ИП) with a consistent ИНН/КПП/ОГРН and an address."""
    region = rng.choice(_REGIONS)
    if entrepreneur:
        person = _person(rng)
        party = Party(person.full, make_inn_person(rng, region[0]), ogrn=make_ogrnip(rng, region[0]), person=person)
    else:
        inn = make_inn_le(rng, region[0])
        name = f"{rng.choice(_FORMS)} «{rng.choice(_COMPANY_WORDS)}-{rng.randint(1, 99)}»"
        party = Party(name, inn, kpp=inn[:4] + "01001", ogrn=make_ogrn(rng, region[0]))
    return Participant(party, _address(rng, region))


def sample_lines(rng: random.Random, count: int) -> tuple[GoodsLine, ...]:
    lines = []
    for number in range(1, count + 1):
        name, okei, unit = rng.choice(_GOODS)
        # weights and volumes come with grams/millilitres; pieces and services are whole
        quantity = Decimal(rng.randint(1, 500_000)) / 1000 if okei in ("166", "112") else Decimal(rng.randint(1, 500))
        price = Decimal(rng.randint(100, 500_000)) / 100
        line = make_line(number, name, quantity, price, rng.choice(_RATES), okei=okei, unit_name=unit,
                         kind="3" if not okei else "1")
        lines.append(line)
    return tuple(lines)


def _signer(rng: random.Random, seed: int, day: date) -> Signer:
    if seed % 3 == 2:
        poa = PoaRef(str(uuid.UUID(int=rng.getrandbits(128), version=4)), day - timedelta(days=200),
                     "https://m4d.nalog.gov.ru/emchd/check-status")
        return Signer(_person(rng), "Менеджер по продажам", 3, poa=(poa,))
    return Signer(_person(rng), "Генеральный директор", 1)


def _file_id(rng: random.Random, prefix: str, recipient: Participant, sender: Participant, day: date) -> FileId:
    guid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return FileId(prefix, edo_id(recipient), edo_id(sender), day, guid, SUFFIX_503)


def sample_signature(rng: random.Random) -> str:
    """A stand-in for the base64 of a detached CMS signature (not a real signature)."""
    return "MIIB" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                            for _ in range(122)) + "=="


def edo_id(member: Participant) -> str:
    """An invented operator id built from the ИНН (operators issue ids like 2AE…)."""
    inn = getattr(member.party, "inn", "") or "0000000000"
    return f"2AE{inn}"


def sample_upd(function: str = "СЧФДОП", lines: int = 3, seed: int = 0) -> UpdSeller:
    """A valid seller title with ``lines`` goods lines, several VAT rates and an МЧД every third seed."""
    rng = random.Random(seed)
    seller = sample_participant(rng, entrepreneur=seed % 4 == 3)
    buyer = sample_participant(rng)
    day = SAMPLE_DAY + timedelta(days=seed % 300)
    created = datetime(day.year, day.month, day.day, 9 + seed % 9, seed % 60, (seed * 7) % 60)
    number = f"УПД-{seed + 1:05d}"
    transfer = None
    if function in ("СЧФДОП", "ДОП"):
        basis = (DocRef("Договор поставки", f"Д-{rng.randint(1, 999)}", day - timedelta(days=90)),)
        transfer = Transfer("Товары переданы", transfer_date=day, basis=basis,
                            handed_by=Employee(_person(rng), "Кладовщик"))
    shipment = (DocRef("Универсальный передаточный документ", number, day),) if function != "ДОП" else ()
    return UpdSeller(
        file_id=_file_id(rng, SELLER_PREFIX, buyer, seller, day), created=created, function=function,
        number=number, doc_date=day, sellers=(seller,), buyers=(buyer,), signers=(_signer(rng, seed, day),),
        lines=sample_lines(rng, lines), shipper_is_seller=True, consignees=(buyer,), shipment_docs=shipment,
        transfer=transfer)


def sample_buyer_title(seller: UpdSeller | None = None, *, accept: bool = True, seed: int = 0) -> UpdBuyer:
    """A buyer's title for ``seller`` (default: sample_upd(seed=seed)): acceptance or refusal."""
    seller = seller or sample_upd(seed=seed)
    rng = random.Random(seed + 1_000_003)
    signature = sample_signature(rng)
    moment = seller.created + timedelta(days=1, hours=2)
    person = _person(rng)
    return buyer_title_for(
        seller, signature, created=moment, guid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        signer=Signer(person, "Директор по закупкам", 1), result=ACCEPTED if accept else REFUSED,
        accepted_on=moment.date(), accepted_by=Employee(person, "Директор по закупкам"))


# --- service documents (ИОП, ПДО, ПДП, УОУ, ПоА) -----------------------------------------------

_CLARIFICATIONS = ("Неверно указан КПП покупателя: должно быть 771101001.",
                   "Цена в строке 2 не соответствует спецификации <Приложение №1> к договору & допсоглашению.",
                   "Просим исправить наименование товара «Кабель ВВГ 3х2,5» и указать номер договора.")


def _edo_member(rng: random.Random, *, entrepreneur: bool = False) -> EdoParticipant:
    member = sample_participant(rng, entrepreneur=entrepreneur)
    assert isinstance(member.party, Party)  # sample participants are Russian
    return EdoParticipant(edo_id(member), member.party)


def _service_signer(rng: random.Random, seed: int, day: date, position: str, *, full: bool = False) -> ServiceSigner:
    if full and seed % 3 == 2:
        poa = ServicePoa(str(uuid.UUID(int=rng.getrandbits(128), version=4)), day - timedelta(days=200), "2",
                         system_id="https://m4d.nalog.gov.ru/emchd/check-status")
        return ServiceSigner(_person(rng), "Бухгалтер", "2", "1", poa=poa)
    return ServiceSigner(_person(rng), position)


def sample_service(kind: str, seed: int = 0) -> ServiceDocument:
    """A valid service document of ``kind`` (ИОП, ПДО, ПДП, УОУ, ПоА) answering an invented УПД
    seller title; an ИП takes part every fourth seed, an МЧД signer (ИОП, УОУ) every third."""
    if kind not in SERVICE_FORMATS:
        raise InputError(f"вид служебного документа «{kind}»: допустимы {', '.join(SERVICE_FORMATS)}", "kind")
    rng = random.Random(seed + 2_000_003)
    seller = _edo_member(rng, entrepreneur=seed % 4 == 3)
    buyer = _edo_member(rng)
    operator = EdoOperator("ООО «Оператор ЭДО Пример»", make_inn_le(rng, "77"), "2AE")
    day = SAMPLE_DAY + timedelta(days=seed % 300)
    sent = datetime(day.year, day.month, day.day, 9 + seed % 9, seed % 60, (seed * 7) % 60)
    guid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    upd_id = FileId(SELLER_PREFIX, buyer.edo_id, seller.edo_id, day, guid, SUFFIX_503)
    signature = sample_signature(rng)
    own = str(uuid.uuid5(uuid.UUID(guid), kind))  # distinct per kind, so one seed's five files never collide
    got = sent + timedelta(minutes=5 + seed % 50)
    if kind in ("ПДП", "ПДО"):
        staff = _service_signer(rng, seed, day, "Специалист оператора ЭДО")
        return operator_confirmation(kind, upd_id, signature, sent if kind == "ПДП" else got, operator=operator,
                                     sender=seller, recipient=buyer, signer=staff, guid=own)
    if kind == "ИОП":
        return receipt_notice_for(upd_id, signature, got, sender=seller, recipient=buyer,
                                  signer=_service_signer(rng, seed, day, "Главный бухгалтер", full=True), guid=own)
    if kind == "УОУ":
        return clarification_request_for(upd_id, signature, got, sender=seller, recipient=buyer,
                                         signer=_service_signer(rng, seed, day, "Главный бухгалтер", full=True),
                                         text=rng.choice(_CLARIFICATIONS), guid=own)
    return annulment_proposal_for(upd_id, (signature, sample_signature(rng)), author=seller, counterparty=buyer,
                                  reason="Документ выставлен ошибочно: поставка не состоялась.", day=got.date(),
                                  signer=_service_signer(rng, seed, day, "Генеральный директор"), guid=own)
