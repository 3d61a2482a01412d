"""The one-pass DER reader of SignedData (cms_fast, der) against asn1crypto, the reference reader:
wherever the fast reader answers, its answer is asn1crypto's; wherever it is unsure, it answers
None and parse_signed_data goes on with asn1crypto (its values and its errors)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from asn1crypto import cms as acms
from asn1crypto import core

from edo_app.crypto import der
from edo_app.crypto.cms import add_cosignature, build_detached, parse_signed_data
from edo_app.crypto.cms_fast import read_signed_data
from edo_app.crypto.cms_parse import SignatureFormatError, read_with_asn1crypto, to_der
from edo_app.crypto.curves import TC26_512_A
from edo_app.crypto.streebog import streebog256, streebog512
from edo_app.errors import EdoError
from tests.oracles import GOST_SAMPLES, require
from tests.unit.crypto import fixtures

CONTENT = "Акт №7".encode()
SIGNED_AT = datetime(2026, 3, 2, 9, 8, 7, tzinfo=timezone(timedelta(hours=3)))


@pytest.fixture(scope="module")
def pki() -> fixtures.Pki:
    return fixtures.make_pki()


def _sign(key: fixtures.TestKey) -> bytes:
    digest = streebog256(CONTENT) if key.curve.size == 32 else streebog512(CONTENT)
    return build_detached(digest, key.certificate, key.sign_digest, signing_time=SIGNED_AT)


def _rebuilt(data: bytes, change: Any) -> bytes:
    """The signature changed through asn1crypto (certificates dropped: it cannot re-encode GOST ones)."""
    signed = acms.ContentInfo.load(data)
    change(signed["content"])
    signed["content"]["certificates"] = None
    return bytes(signed.dump(force=True))


def _same_answer(data: bytes) -> None:
    fast = read_signed_data(data)
    assert fast is not None
    assert fast == read_with_asn1crypto(data)


def test_own_signatures_read_the_same(pki: fixtures.Pki) -> None:
    _same_answer(_sign(pki.signer))
    _same_answer(_sign(fixtures.make_pki(TC26_512_A).signer))
    second = fixtures.issue(fixtures.person_name("Сидорова Анна"), issuer=pki.root)
    both = add_cosignature(_sign(pki.signer), streebog256(CONTENT), second.certificate, second.sign_digest,
                           signing_time=SIGNED_AT)
    _same_answer(both)
    assert {s.certificate for s in parse_signed_data(both).signers} == {pki.signer.certificate, second.certificate}


def test_other_shapes_read_the_same(pki: fixtures.Pki) -> None:
    def attached(signed: Any) -> None:
        signed["encap_content_info"] = {"content_type": "data", "content": CONTENT}

    def key_identifier(signed: Any) -> None:
        signed["signer_infos"][0]["sid"] = acms.SignerIdentifier({"subject_key_identifier": b"\x01" * 20})

    def generalized_time(signed: Any) -> None:
        attrs = signed["signer_infos"][0]["signed_attrs"]
        moment = acms.Time({"generalized_time": datetime(2051, 1, 2, 3, 4, 5, tzinfo=UTC)})
        attrs[1] = acms.CMSAttribute({"type": "signing_time", "values": [moment]})

    for change in (attached, key_identifier, generalized_time):
        _same_answer(_rebuilt(_sign(pki.signer), change))
    assert read_signed_data(_rebuilt(_sign(pki.signer), attached)).content == CONTENT  # type: ignore[union-attr]


def test_unsure_forms_are_left_to_asn1crypto(pki: fixtures.Pki) -> None:
    data = _sign(pki.signer)
    ber = b"\x30\x80" + data[4:] + b"\x00\x00"  # indefinite length, as CryptoPro writes
    trailing = data + b"\x00"
    for odd in (ber, trailing):
        assert read_signed_data(odd) is None
        assert parse_signed_data(odd) == read_with_asn1crypto(to_der(odd))

    def repeated_digest(signed: Any) -> None:
        signed["signer_infos"][0]["signed_attrs"].append(
            acms.CMSAttribute({"type": "message_digest", "values": [streebog256(b"other")]}))

    repeated = _rebuilt(data, repeated_digest)
    assert read_signed_data(repeated) is None
    with pytest.raises(SignatureFormatError, match="повторяется"):
        parse_signed_data(repeated)
    not_signed = acms.ContentInfo({"content_type": "data", "content": b"x"}).dump()
    assert read_signed_data(not_signed) is None


@pytest.mark.oracle
def test_oracle_signatures_read_the_same_or_are_left_to_asn1crypto() -> None:
    found = sorted(p for p in require(GOST_SAMPLES).rglob("*") if p.suffix in (".sig", ".p7s"))
    assert found
    for path in found:
        data = to_der(path.read_bytes())
        fast = read_signed_data(data)
        assert fast is None or fast == read_with_asn1crypto(data), path.name
        parse_signed_data(data)  # readable either way


@pytest.mark.filterwarnings("ignore:Parsed a serial number")  # damaged serials: cryptography warns
def test_damaged_signatures_never_get_an_answer_asn1crypto_would_not_give(pki: fixtures.Pki) -> None:
    original = _sign(pki.signer)
    rng = random.Random(20261124)
    answered = 0
    for _ in range(1500):
        data = bytearray(original)
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        damaged = bytes(data[:rng.randrange(len(data) // 2, len(data) + 1)] if rng.random() < 0.2 else data)
        fast = read_signed_data(damaged)
        if fast is None:
            continue
        answered += 1
        try:
            reference = read_with_asn1crypto(damaged)
        except EdoError as exc:  # pragma: no cover - the failure this test exists to catch
            pytest.fail(f"fast reader answered where asn1crypto refuses: {exc}")
        assert fast == reference
    assert answered > 100  # flips inside values (signature, digest) still read, and must match


@pytest.mark.parametrize(("encoding", "why"), [
    (b"\x04\x81\x05abcde", "non-minimal length"), (b"\x04\x80abc\x00\x00", "indefinite"),
    (b"\x1f\x81\x01\x00", "high tag"), (b"\x04\x05abc", "past the parent"), (b"\x04", "truncated"),
])
def test_der_reader_refuses_what_is_not_plain(encoding: bytes, why: str) -> None:
    with pytest.raises(der.NotPlainDer):
        der.element(encoding, 0, len(encoding))


def test_der_values_match_asn1crypto() -> None:
    for dotted in ("1.2.643.7.1.1.1.1", "2.16.840.1.101.3.4.2.1", "0.9.2342", "2.999.3"):
        encoded = bytes(core.ObjectIdentifier(dotted).dump())
        assert der.oid(encoded, der.element(encoded, 0, len(encoded))) == dotted
    for number in (0, 1, 127, 128, -1, -129, 2**64, -(2**70)):
        encoded = bytes(core.Integer(number).dump())
        assert der.integer(encoded, der.element(encoded, 0, len(encoded))) == number
    for moment in (datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC), datetime(2049, 1, 1, tzinfo=UTC)):
        encoded = bytes(core.UTCTime(moment).dump())
        assert der.time(encoded, der.element(encoded, 0, len(encoded))) == core.UTCTime.load(encoded).native
    for bad in (b"\x02\x02\x00\x01", b"\x02\x00", b"\x06\x02\x80\x01", b"\x17\x0d2601010000+0Z"):
        item = der.element(bad, 0, len(bad))
        with pytest.raises(der.NotPlainDer):
            (der.time if bad[0] == 0x17 else der.oid if bad[0] == 6 else der.integer)(bad, item)
