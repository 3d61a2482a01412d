"""Throwaway GOST test PKI, built in code at test time (fictional people, valid check digits).

``make_pki()`` gives a root CA, and an end-entity certificate issued by it, both with fresh
random keys on CryptoPro-A (and 512-bit variants on request). The certificates are written
with asn1crypto and signed with edo_app's own GOST maths, the way a УЦ does (Streebog of the
TBS, s||r in the BIT STRING); OpenSSL-made certificates are covered in test_openssl_interop.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from asn1crypto import core, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from edo_app.crypto import asn1_gost
from edo_app.crypto import gost3410 as gost
from edo_app.crypto.certificates import Certificate
from edo_app.crypto.curves import CRYPTOPRO_A, Curve
from edo_app.crypto.streebog import Streebog

# Fictional identifiers with valid check digits (edo_app.model.identifiers).
INN_PERSON = "500100000199"
INN_LE = "5001000002"
OGRN = "1025000000002"
SNILS = "12345678964"

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
_PARAMSET_OF_DIGEST = {32: asn1_gost.DIGEST_256, 64: asn1_gost.DIGEST_512}


@dataclass(frozen=True)
class TestKey:
    curve: Curve
    private: int
    certificate: Certificate

    def sign_digest(self, digest: bytes) -> bytes:
        return gost.sign_digest(self.curve, self.private, digest)


def _attribute(oid: str, value: Any) -> Any:
    return x509.RelativeDistinguishedName([{"type": oid, "value": value}])


def person_name(common_name: str, *, person: bool = True) -> Any:
    """A КЭП-like subject: CN, SN/GN, O, title, ИНН, ИННЮЛ, ОГРН, СНИЛС (ИНН etc. as NumericString)."""
    rdns = [_attribute("2.5.4.3", x509.DirectoryString(name="utf8_string", value=common_name)),
            _attribute("2.5.4.6", x509.DirectoryString(name="printable_string", value="RU")),
            _attribute("2.5.4.10", x509.DirectoryString(name="utf8_string", value='ООО "Тестовая Ромашка"'))]
    if person:
        rdns += [_attribute("2.5.4.4", x509.DirectoryString(name="utf8_string", value="Иванов")),
                 _attribute("2.5.4.42", x509.DirectoryString(name="utf8_string", value="Пётр Сергеевич")),
                 _attribute("2.5.4.12", x509.DirectoryString(name="utf8_string", value="Генеральный директор")),
                 _attribute("1.2.643.3.131.1.1", core.NumericString(INN_PERSON)),
                 _attribute("1.2.643.100.4", core.NumericString(INN_LE)),
                 _attribute("1.2.643.100.1", core.NumericString(OGRN)),
                 _attribute("1.2.643.100.3", core.NumericString(SNILS))]
    return x509.Name(name="", value=x509.RDNSequence(rdns))


def _spki(curve: Curve, private: int) -> Any:
    key_oid = asn1_gost.KEY_OIDS[curve.size]
    params = asn1_gost.GostKeyParams({"public_key_param_set": curve.oid,
                                      "digest_param_set": _PARAMSET_OF_DIGEST[curve.size]})
    octets = core.OctetString(gost.public_key_to_octets(curve, gost.public_key(curve, private))).dump()
    spki = asn1_gost.GostSpki({"algorithm": {"algorithm": key_oid, "parameters": core.Any.load(params.dump())},
                               "public_key": octets})
    return x509.PublicKeyInfo.load(spki.dump())  # asn1crypto cannot build a GOST key itself: load our bytes


def _extensions(ca: bool, ski: bytes, aki: bytes | None) -> list[dict[str, Any]]:
    usage = {"key_cert_sign", "crl_sign", "digital_signature"} if ca else \
        {"digital_signature", "non_repudiation", "key_encipherment"}
    result: list[dict[str, Any]] = [
        {"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": ca}},
        {"extn_id": "key_usage", "critical": True, "extn_value": usage},
        {"extn_id": "key_identifier", "critical": False, "extn_value": ski},
    ]
    if aki is not None:
        result.append({"extn_id": "authority_key_identifier", "critical": False,
                       "extn_value": {"key_identifier": aki}})
    if not ca:
        result += [
            {"extn_id": "extended_key_usage", "critical": False,
             "extn_value": ["client_auth", "email_protection"]},
            {"extn_id": "certificate_policies", "critical": False,
             "extn_value": [{"policy_identifier": "1.2.643.100.113.1"}, {"policy_identifier": "1.2.643.100.113.2"}]},
            {"extn_id": "1.2.643.100.111", "critical": False,
             "extn_value": core.UTF8String('"КриптоПро CSP" (версия 5.0)').dump()},
        ]
    return result


def issue(subject: Any, curve: Curve = CRYPTOPRO_A, *, issuer: TestKey | None = None, ca: bool = False,
          not_before: datetime = NOW - timedelta(days=30), not_after: datetime = NOW + timedelta(days=335),
          issuer_name: Any = None, key_id: bytes | None = None) -> TestKey:
    """A certificate for a fresh key, signed by ``issuer`` (self-signed without one).

    ``key_id`` overrides the subject key identifier (to forge a look-alike CA in tests).
    """
    private = gost.generate_private_key(curve)
    ski = key_id or Streebog(32, gost.public_key_to_octets(curve, gost.public_key(curve, private))).digest()[:20]
    signer_curve, signer_private = (issuer.curve, issuer.private) if issuer else (curve, private)
    size = signer_curve.size
    tbs = x509.TbsCertificate({
        "version": "v3",
        "serial_number": secrets.randbits(120),
        "signature": {"algorithm": asn1_gost.SIGNATURE_OIDS[size]},
        "issuer": issuer_name or (x509.Name.load(issuer.certificate.subject_der) if issuer else subject),
        "validity": {"not_before": x509.Time(name="utc_time", value=not_before),
                     "not_after": x509.Time(name="utc_time", value=not_after)},
        "subject": subject,
        "subject_public_key_info": _spki(curve, private),
        "extensions": _extensions(ca, ski, issuer.certificate.subject_key_identifier if issuer else None),
    })
    signature = gost.sign_digest(signer_curve, signer_private, Streebog(size, tbs.dump()).digest())
    algorithm = {"algorithm": asn1_gost.SIGNATURE_OIDS[size]}
    der = x509.Certificate({"tbs_certificate": tbs, "signature_algorithm": algorithm,
                            "signature_value": signature}).dump()
    return TestKey(curve, private, Certificate(der))


@dataclass(frozen=True)
class Pki:
    root: TestKey
    signer: TestKey


def make_pki(curve: Curve = CRYPTOPRO_A) -> Pki:
    root = issue(person_name("Тестовый корневой УЦ", person=False), curve, ca=True,
                 not_before=NOW - timedelta(days=3650), not_after=NOW + timedelta(days=3650))
    signer = issue(person_name("Иванов Пётр Сергеевич"), curve, issuer=root)
    return Pki(root, signer)


def rsa_certificate() -> tuple[bytes, rsa.RSAPrivateKey]:
    """A self-signed RSA certificate (DER) and its key: the "not GOST" case."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "Not GOST")])
    cert = (cx509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(NOW - timedelta(days=1)).not_valid_after(NOW + timedelta(days=1))
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER), key


def sample_key() -> TestKey:
    """The test key of ../shared/gost-samples/generated-openssl-gost-engine with its certificate.

    key.pem is PKCS#8: PrivateKeyInfo.privateKey (an OCTET STRING) holds d little-endian
    (gost engine's layout); asn1crypto's key classes do not know GOST, so it is read by hand.
    """
    from asn1crypto import pem

    from edo_app.crypto.certificates import load_certificate
    from tests.oracles import GOST_SAMPLES, require

    folder = GOST_SAMPLES / "generated-openssl-gost-engine"
    _, _, der = pem.unarmor(require(folder / "key.pem").read_bytes())
    private_key_field: Any = core.Sequence.load(der)[2]
    private = int.from_bytes(core.OctetString.load(private_key_field.dump()).native, "little")
    certificate = load_certificate((folder / "cert.der").read_bytes())
    return TestKey(certificate.curve, private, certificate)


def make_crl(issuer: TestKey, revoked: dict[int, datetime], *, this_update: datetime = NOW - timedelta(days=1),
             next_update: datetime | None = NOW + timedelta(days=6), signer: TestKey | None = None) -> bytes:
    """A CRL v2 (DER) naming ``issuer``, listing ``revoked`` (serial -> date), signed by ``signer``
    (the issuer itself unless another key is given, to forge one in tests)."""
    from asn1crypto import crl

    key = signer or issuer
    size = key.curve.size
    tbs = crl.TbsCertList({
        "version": "v2",
        "signature": {"algorithm": asn1_gost.SIGNATURE_OIDS[size]},
        "issuer": x509.Name.load(issuer.certificate.subject_der),
        "this_update": x509.Time(name="utc_time", value=this_update),
        "next_update": x509.Time(name="utc_time", value=next_update) if next_update else None,
        "revoked_certificates": [{"user_certificate": serial, "revocation_date": x509.Time(name="utc_time", value=at)}
                                 for serial, at in revoked.items()] or None,
    })
    signature = gost.sign_digest(key.curve, key.private, Streebog(size, tbs.dump()).digest())
    algorithm = {"algorithm": asn1_gost.SIGNATURE_OIDS[size]}
    return bytes(crl.CertificateList({"tbs_cert_list": tbs, "signature_algorithm": algorithm,
                                      "signature": signature}).dump())
