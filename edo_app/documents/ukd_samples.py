"""Realistic, valid УКД 5.01 documents for tests, the demo corpus and ``edo sample ukd``.

A sample corrects one or several sample УПД (samples.sample_upd) of the same seller and buyer:
prices go down on some lines and quantities up on others, so both ВсегоУвел and ВсегоУм appear.
Everything derives from ``seed``; the rates the 5.01 schema does not list (5%, 7%, 22% ...) are
replaced by 20% in the originals.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from edo_app.model.money import round_money
from edo_app.model.party import Party
from edo_app.model.vat import VatRate

from .samples import _person, sample_signature, sample_upd
from .ukd_buyer import UkdBuyer, ukd_buyer_title_for
from .ukd_model import UKD_RATES, BasisDoc, UkdSeller, UkdSigner
from .ukd_original import LineChange, build_from_originals
from .upd_buyer import ACCEPTED, REFUSED
from .upd_model import GoodsLine, UpdSeller, make_line


def original_for_ukd(seed: int, lines: int, shift: int = 0) -> UpdSeller:
    """A sample УПД whose rates all exist in УКД 5.01; ``shift`` gives another document of the same parties."""
    upd = sample_upd("СЧФДОП", lines=lines, seed=seed)
    fixed = tuple(_supported(line) for line in upd.lines)
    if not shift:
        return replace(upd, lines=fixed)
    return replace(upd, lines=fixed, number=f"{upd.number}/{shift}", doc_date=upd.doc_date - timedelta(days=shift))


def _supported(line: GoodsLine) -> GoodsLine:
    if line.vat_rate in UKD_RATES:
        return line
    assert line.quantity is not None and line.price is not None
    return make_line(line.number, line.name, line.quantity, line.price, VatRate.R20, okei=line.okei,
                     unit_name=line.unit_name, kind=line.kind)


def _changes(upd: UpdSeller, rng: random.Random) -> list[LineChange]:
    changes = []
    for i, line in enumerate(upd.lines):
        assert line.quantity is not None and line.price is not None
        if i % 2 == 0:  # a discount: the price goes down by 3-15 %
            new_price = round_money(line.price * (100 - rng.randint(3, 15)) / 100)
            changes.append(LineChange(line.number, price=max(new_price, Decimal("0.01"))))
        else:  # more goods accepted than shipped first
            changes.append(LineChange(line.number, quantity=line.quantity + rng.randint(1, 5)))
    return changes


def sample_ukd(function: str = "КСЧФДИС", lines: int = 3, seed: int = 0, invoices: int = 1) -> UkdSeller:
    """A valid УКД correcting ``invoices`` sample УПД with ``lines`` lines each."""
    rng = random.Random(seed + 3_000_017)
    originals = [original_for_ukd(seed, lines, shift) for shift in range(invoices)]
    day = originals[0].doc_date + timedelta(days=10 + seed % 20)
    created = originals[0].created + timedelta(days=10 + seed % 20)
    basis = BasisDoc("Дополнительное соглашение", f"ДС-{rng.randint(1, 99)}", day - timedelta(days=1))
    return build_from_originals(
        [(upd, _changes(upd, rng)) for upd in originals], number=f"УКД-{seed + 1:05d}", doc_date=day,
        created=created, guid=str(uuid.UUID(int=rng.getrandbits(128), version=4)), function=function,
        basis=basis if function in ("КСЧФДИС", "ДИС") else None)


def sample_ukd_buyer(seller: UkdSeller | None = None, *, accept: bool = True, seed: int = 0) -> UkdBuyer:
    """The buyer's title for ``seller`` (default: sample_ukd(seed=seed)): agreement or refusal."""
    seller = seller or sample_ukd(seed=seed)
    rng = random.Random(seed + 4_000_037)
    buyer = seller.buyer.party
    assert isinstance(buyer, Party)  # УКД 5.01 parties are Russian (ukd_model.carried_501)
    if buyer.is_organisation:
        signer = UkdSigner(_person(rng), buyer.inn, "Директор по закупкам", buyer.name)
    else:
        signer = UkdSigner(_person(rng), buyer.inn, registration=buyer.ogrn)
    moment = seller.created + timedelta(days=1, hours=1)
    return ukd_buyer_title_for(seller, sample_signature(rng), created=moment,
                               guid=str(uuid.UUID(int=rng.getrandbits(128), version=4)), signer=signer,
                               result=ACCEPTED if accept else REFUSED)
