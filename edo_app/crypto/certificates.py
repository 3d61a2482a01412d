"""X.509 certificates of Russian КЭП/НЭП: the owner's identifiers, validity, GOST key.

``cryptography`` parses the certificate (subject, issuer, validity, extensions); it cannot
read GOST public keys, so the key and its parameter set come from ``asn1_gost``. A
non-GOST certificate (RSA, ECDSA) still loads: ``is_gost`` is False and ``require_gost``
says so in Russian.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Final

from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID

from edo_app.crypto import asn1_gost
from edo_app.crypto.curves import Curve, get_curve
from edo_app.crypto.gost3410 import verify_digest
from edo_app.crypto.openssl_gost import new_hash
from edo_app.errors import InputError

OID_INN: Final = "1.2.643.3.131.1.1"
OID_INNLE: Final = "1.2.643.100.4"
OID_OGRN: Final = "1.2.643.100.1"
OID_OGRNIP: Final = "1.2.643.100.5"
OID_SNILS: Final = "1.2.643.100.3"
OID_SUBJECT_SIGN_TOOL: Final = "1.2.643.100.111"
OID_ISSUER_SIGN_TOOL: Final = "1.2.643.100.112"
#: certificate policy OID -> class of the signing tool (КС1..КС3; КВ/КА are not used in EDO)
POLICY_CLASSES: Final = {"1.2.643.100.113.1": "КС1", "1.2.643.100.113.2": "КС2", "1.2.643.100.113.3": "КС3",
                         "1.2.643.100.113.4": "КВ1", "1.2.643.100.113.5": "КВ2", "1.2.643.100.113.6": "КА1"}
_KEY_USAGE_NAMES: Final = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
                           "key_agreement", "key_cert_sign", "crl_sign")


class CertificateError(InputError):
    """A file that is not a readable X.509 certificate, or a key that cannot be used."""


def _to_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC (certificates store UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class Certificate:
    """An X.509 certificate, kept as its DER bytes; every property is parsed on first use."""

    der: bytes = field(repr=False)

    def __post_init__(self) -> None:
        _ = self._x509  # fail early on garbage, with CertificateError

    def __repr__(self) -> str:
        return f"Certificate({self.common_name!r}, serial={self.serial_hex})"

    @cached_property
    def _x509(self) -> x509.Certificate:
        try:
            loaded = x509.load_der_x509_certificate(self.der)
            _ = loaded.subject, loaded.issuer  # names are parsed lazily: a damaged one fails here, not later
            return loaded
        except (ValueError, TypeError, x509.InvalidVersion) as exc:  # neither of the last two is a ValueError
            raise CertificateError(f"Файл не является сертификатом X.509: {exc}", "certificate") from None

    @cached_property
    def _key(self) -> asn1_gost.KeyInfo:
        try:
            return asn1_gost.read_public_key(self._spki_der)
        except InputError as exc:
            return asn1_gost.KeyInfo("?", error=exc.message)

    @cached_property
    def _spki_der(self) -> bytes:
        # cryptography refuses to build a public key object for GOST, but the raw SPKI is in the TBS.
        return asn1_gost.spki_of_tbs(self._x509.tbs_certificate_bytes)

    # -- names ---------------------------------------------------------------------------------
    @cached_property
    def _subject_values(self) -> dict[str, str]:
        """The first value of each subject attribute by OID: names are read at every signature check."""
        values: dict[str, str] = {}
        for attribute in self._x509.subject:
            values.setdefault(attribute.oid.dotted_string, str(attribute.value).strip())
        return values

    def _subject(self, oid: str) -> str | None:
        return self._subject_values.get(oid)

    @property
    def common_name(self) -> str | None:
        return self._subject(NameOID.COMMON_NAME.dotted_string)

    @property
    def surname(self) -> str | None:
        return self._subject(NameOID.SURNAME.dotted_string)

    @property
    def given_name(self) -> str | None:
        return self._subject(NameOID.GIVEN_NAME.dotted_string)

    @property
    def owner_name(self) -> str | None:
        """ФИО: SN + GN (GN holds the name and patronymic), or None when the certificate has no person."""
        parts = [part for part in (self.surname, self.given_name) if part]
        return " ".join(parts) or None

    @property
    def organization(self) -> str | None:
        return self._subject(NameOID.ORGANIZATION_NAME.dotted_string)

    @property
    def title(self) -> str | None:
        """Должность (2.5.4.12)."""
        return self._subject(NameOID.TITLE.dotted_string)

    @property
    def inn(self) -> str | None:
        return self._subject(OID_INN)

    @property
    def inn_le(self) -> str | None:
        """ИНН юридического лица (1.2.643.100.4)."""
        return self._subject(OID_INNLE)

    @property
    def ogrn(self) -> str | None:
        return self._subject(OID_OGRN)

    @property
    def ogrnip(self) -> str | None:
        return self._subject(OID_OGRNIP)

    @property
    def snils(self) -> str | None:
        return self._subject(OID_SNILS)

    @property
    def email(self) -> str | None:
        return self._subject(NameOID.EMAIL_ADDRESS.dotted_string)

    @property
    def issuer_common_name(self) -> str | None:
        values = self._x509.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(values[0].value) if values else None

    @cached_property
    def subject_der(self) -> bytes:
        return self._x509.subject.public_bytes()

    @cached_property
    def issuer_der(self) -> bytes:
        return self._x509.issuer.public_bytes()

    # -- serial, validity ------------------------------------------------------------------
    @cached_property
    def serial_number(self) -> int:
        return int(self._x509.serial_number)

    @property
    def serial_hex(self) -> str:
        """The serial as CryptoPro shows it: upper-case hex, even number of digits."""
        text = f"{self.serial_number:X}"
        return text if len(text) % 2 == 0 else "0" + text

    @property
    def not_before(self) -> datetime:
        return self._x509.not_valid_before_utc

    @property
    def not_after(self) -> datetime:
        return self._x509.not_valid_after_utc

    def valid_at(self, moment: datetime) -> bool:
        """Whether ``moment`` lies in [notBefore, notAfter] (a naive moment is UTC)."""
        return self.not_before <= _to_utc(moment) <= self.not_after

    # -- extensions ------------------------------------------------------------------------
    def _extension(self, oid: x509.ObjectIdentifier) -> x509.ExtensionType | None:
        try:
            return self._x509.extensions.get_extension_for_oid(oid).value
        except x509.ExtensionNotFound:
            return None
        except ValueError as exc:  # a malformed extension: treat as absent, but say so
            raise CertificateError(f"Расширение {oid.dotted_string} не разбирается: {exc}", "extensions") from None

    def _raw_extension(self, oid: str) -> bytes | None:
        value = self._extension(x509.ObjectIdentifier(oid))
        return value.value if isinstance(value, x509.UnrecognizedExtension) else None

    @property
    def key_usage(self) -> tuple[str, ...]:
        """Set key-usage bits by cryptography's names (``digital_signature``, ``content_commitment`` ...)."""
        value = self._extension(ExtensionOID.KEY_USAGE)
        if not isinstance(value, x509.KeyUsage):
            return ()
        return tuple(name for name in _KEY_USAGE_NAMES if getattr(value, name))

    @property
    def extended_key_usage(self) -> tuple[str, ...]:
        value = self._extension(ExtensionOID.EXTENDED_KEY_USAGE)
        return tuple(oid.dotted_string for oid in value) if isinstance(value, x509.ExtendedKeyUsage) else ()

    @property
    def policies(self) -> tuple[str, ...]:
        value = self._extension(ExtensionOID.CERTIFICATE_POLICIES)
        if not isinstance(value, x509.CertificatePolicies):
            return ()
        return tuple(policy.policy_identifier.dotted_string for policy in value)

    @property
    def protection_classes(self) -> tuple[str, ...]:
        """КС1/КС2/КС3 ... from the certificate policies, in policy order."""
        return tuple(POLICY_CLASSES[oid] for oid in self.policies if oid in POLICY_CLASSES)

    @property
    def subject_sign_tool(self) -> str | None:
        raw = self._raw_extension(OID_SUBJECT_SIGN_TOOL)
        return asn1_gost.decode_string(raw) if raw is not None else None

    @property
    def issuer_sign_tool(self) -> tuple[str, ...]:
        raw = self._raw_extension(OID_ISSUER_SIGN_TOOL)
        return tuple(asn1_gost.decode_strings(raw)) if raw is not None else ()

    @property
    def subject_key_identifier(self) -> bytes | None:
        value = self._extension(ExtensionOID.SUBJECT_KEY_IDENTIFIER)
        return value.digest if isinstance(value, x509.SubjectKeyIdentifier) else None

    @property
    def authority_key_identifier(self) -> bytes | None:
        value = self._extension(ExtensionOID.AUTHORITY_KEY_IDENTIFIER)
        return value.key_identifier if isinstance(value, x509.AuthorityKeyIdentifier) else None

    @property
    def is_ca(self) -> bool:
        value = self._extension(ExtensionOID.BASIC_CONSTRAINTS)
        return isinstance(value, x509.BasicConstraints) and value.ca

    # -- key and certificate signature -----------------------------------------------------
    @property
    def key_algorithm(self) -> str:
        return self._key.algorithm

    @property
    def is_gost(self) -> bool:
        """A GOST R 34.10-2012 key (256 or 512) on a known curve."""
        key = self._key
        return key.error is None and key.algorithm in (asn1_gost.KEY_256, asn1_gost.KEY_512) \
            and key.param_set is not None

    def require_gost(self) -> None:
        """CertificateError in Russian unless the key is GOST R 34.10-2012."""
        key = self._key
        if key.error is not None:
            raise CertificateError(key.error[:1].upper() + key.error[1:], "subjectPublicKeyInfo")
        if key.algorithm in (asn1_gost.KEY_256, asn1_gost.KEY_512) and key.param_set is None:
            raise CertificateError("В сертификате не указан набор параметров ключа ГОСТ", "subjectPublicKeyInfo")
        if self.key_algorithm == asn1_gost.KEY_2001:
            raise CertificateError("Ключ ГОСТ Р 34.10-2001 устарел и не поддерживается", "certificate")
        if not self.is_gost:
            raise CertificateError(f"Ключ сертификата не ГОСТ (алгоритм {self.key_algorithm}): "
                                   "проверить подпись ГОСТ этим ключом нельзя", "certificate")

    @property
    def key_param_set(self) -> str:
        self.require_gost()
        return str(self._key.param_set)

    @property
    def curve(self) -> Curve:
        return get_curve(self.key_param_set, "subjectPublicKeyInfo.parameters")

    @property
    def public_key_octets(self) -> bytes:
        """X||Y little-endian (GOST); the raw key bits for other algorithms."""
        return self._key.octets

    def made(self, signature_algorithm: str, tbs_der: bytes, signature: bytes) -> bool:
        """Whether this certificate's GOST key made an X.509 signature (of a certificate or a CRL):
        Streebog of the TBS DER, size from the signature OID; the BIT STRING holds s||r. Another
        algorithm, a size that is not this key's, or a key off its curve gives False."""
        size = {asn1_gost.SIGNATURE_256: 32, asn1_gost.SIGNATURE_512: 64}.get(signature_algorithm)
        if size is None or not self.is_gost or self.curve.size != size:
            return False
        try:
            return verify_digest(self.curve, self.public_key_octets, new_hash(size, tbs_der).digest(), signature)
        except InputError:
            return False

    @property
    def tbs_der(self) -> bytes:
        return self._x509.tbs_certificate_bytes

    @property
    def signature_algorithm(self) -> str:
        return self._x509.signature_algorithm_oid.dotted_string

    @property
    def signature(self) -> bytes:
        return self._x509.signature

    def describe(self) -> str:
        """A few Russian lines for the CLI and the UI."""
        lines = [f"Владелец: {self.owner_name or self.common_name or '—'}"]
        for label, value in (("Должность", self.title), ("Организация", self.organization),
                             ("ИНН", self.inn), ("ИНН ЮЛ", self.inn_le), ("ОГРН", self.ogrn),
                             ("ОГРНИП", self.ogrnip), ("СНИЛС", self.snils), ("Эл. почта", self.email)):
            if value:
                lines.append(f"{label}: {value}")
        lines.append(f"Издатель: {self.issuer_common_name or '—'}")
        lines.append(f"Серийный номер: {self.serial_hex}")
        lines.append(f"Действует: с {self.not_before:%d.%m.%Y %H:%M} по {self.not_after:%d.%m.%Y %H:%M} UTC")
        if self.protection_classes:
            lines.append(f"Класс средства ЭП: {', '.join(self.protection_classes)}")
        if self.subject_sign_tool:
            lines.append(f"Средство ЭП владельца: {self.subject_sign_tool}")
        if not self.is_gost:
            lines.append(f"Ключ не ГОСТ Р 34.10-2012 (алгоритм {self.key_algorithm})")
        return "\n".join(lines)


def load_certificate(data: bytes) -> Certificate:
    """A certificate from DER or PEM bytes (the first CERTIFICATE block of a PEM file)."""
    if b"-----BEGIN" in data[:4096]:
        blocks = asn1_gost.pem_blocks(data, ("CERTIFICATE", "X509 CERTIFICATE"))
        if not blocks:
            raise CertificateError("PEM-файл не содержит блока CERTIFICATE", "certificate")
        return Certificate(blocks[0])
    if not data:
        raise CertificateError("Файл сертификата пуст", "certificate")
    return Certificate(data)

