"""Print forms of stored documents and of files: the УПД with a stamp per electronic signature.

printing knows nothing of certificates or the database (DESIGN.md layers), so the stamps are
made here: the owner, organisation and validity come from the certificate inside each
signature, the verdict from the stored check (database) or a fresh one (files), and the МЧД
number from the signer's СвДоверЭл in the document itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms_parse import SignatureFormatError, parse_signed_data, to_der
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import SignatureVerdict, verify_detached
from edo_app.documents import (
    ActSeller,
    PrimaryAnswer,
    Signer,
    UkdBuyer,
    UpdBuyer,
    UpdSeller,
    from_xml,
    primary_from_xml,
    ukd_buyer_from_xml,
    ukd_from_xml,
)
from edo_app.documents.registry import identify
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.printing import SignatureStamp, print_upd
from edo_app.printing.act import print_act
from edo_app.printing.torg12 import print_torg12
from edo_app.printing.ukd import print_ukd
from edo_app.storage.database import Database
from edo_app.storage.records import StoredSignature
from edo_app.storage.repository import DocumentRepository
from edo_app.storage.signatures import SignatureRepository
from edo_app.xmlio import parse_bytes

SELLER_ROLE = "Продавец"
BUYER_ROLE = "Покупатель"


def verdict_text(valid: bool | None, trusted: bool | None, reasons: Sequence[str]) -> str:
    """The stamp's one-line verdict, in the words a user expects from an EDO operator."""
    if valid is None:
        return "Подпись не проверялась"
    if not valid:
        return "Подпись недействительна: " + (reasons[0] if reasons else "причина не указана")
    if trusted:
        return "Подпись действительна, сертификат выдан доверенным удостоверяющим центром"
    return "Подпись действительна (цепочка сертификатов до доверенного УЦ не проверена)"


def poa_number(signers: Sequence[Signer], certificate: Certificate | None) -> str | None:
    """The МЧД number of the title's signer who owns ``certificate`` (matched by surname),
    or of the only МЧД signer when the certificate names no person."""
    with_poa = [s for s in signers if s.poa]
    surname = (certificate.surname or "").casefold() if certificate else ""
    for signer in with_poa:
        if surname and signer.name.last.casefold() == surname:
            return signer.poa[0].number
    return with_poa[0].poa[0].number if len(with_poa) == 1 and not surname else None


def stamp_for(certificate: Certificate | None, signing_time: datetime | None, verdict: str, valid: bool | None, *,
              signers: Sequence[Signer] = (), role: str = "", fallback_owner: str = "") -> SignatureStamp:
    if certificate is None:
        return SignatureStamp(owner=fallback_owner or "неизвестный подписант", signed_at=signing_time,
                              verdict_text=verdict, valid=valid, role=role)
    owner = certificate.owner_name or certificate.common_name or fallback_owner or certificate.serial_hex
    return SignatureStamp(
        owner=owner, organization=certificate.organization or "", inn=certificate.inn_le or certificate.inn or "",
        certificate_serial=certificate.serial_hex, valid_from=certificate.not_before.date(),
        valid_to=certificate.not_after.date(), signed_at=signing_time, poa_number=poa_number(signers, certificate),
        verdict_text=verdict, valid=valid, role=role)


def stamps_of_verdicts(verdicts: Sequence[SignatureVerdict], signers: Sequence[Signer] = (),
                       role: str = "") -> list[SignatureStamp]:
    return [stamp_for(v.signer, v.signing_time, verdict_text(v.valid, v.trusted, v.reasons), v.valid,
                      signers=signers, role=role) for v in verdicts]


def stamps_of_stored(stored: StoredSignature, signers: Sequence[Signer] = (), role: str = "") -> list[SignatureStamp]:
    """One stamp per signer inside a stored signature, all with the row's last verdict."""
    text = verdict_text(stored.valid, stored.trusted, stored.reasons)
    try:
        parsed = parse_signed_data(stored.der)
    except SignatureFormatError:
        parsed = None
    if parsed is None or not parsed.signers:
        return [SignatureStamp(owner=stored.signer, inn=stored.signer_inn or "",
                               certificate_serial=stored.cert_serial or "", signed_at=stored.signing_time,
                               verdict_text=text, valid=stored.valid, role=role)]
    return [stamp_for(s.certificate, s.signing_time, text, stored.valid, signers=signers, role=role,
                      fallback_owner=stored.signer) for s in parsed.signers]


def _seller_title(content: bytes, where: str) -> UpdSeller:
    doc = from_xml(content)
    if not isinstance(doc, UpdSeller):
        raise InputError("Печатная форма строится по титулу продавца УПД; титул покупателя печатается вместе "
                         "с ним (укажите документ продавца)", where)
    return doc


def _buyer_title(content: bytes, where: str) -> UpdBuyer:
    doc = from_xml(content)
    if not isinstance(doc, UpdBuyer):
        raise InputError("ожидается титул покупателя УПД (ON_NSCHFDOPPOK)", where)
    return doc


def print_document(database: Database, document_id: int, *, buyer_document_id: int | None = None) -> bytes:
    """The PDF of a stored seller title with a stamp for every stored signature (last verdict:
    run SigningService.verify_document first for a fresh one). ``buyer_document_id``: the
    stored buyer title answering it, printed in the right half with its own stamps."""
    documents, signatures = DocumentRepository(database), SignatureRepository(database)
    content = documents.get_content(document_id)
    kind = identify(parse_bytes(content))[0]
    if kind is DocumentKind.UKD_SELLER:
        return _print_stored_ukd(documents, signatures, content, document_id, buyer_document_id)
    if kind in (DocumentKind.ACT_SELLER, DocumentKind.TORG12_SELLER):
        return _print_stored_primary(documents, signatures, content, document_id, buyer_document_id)
    doc = _seller_title(content, f"документ № {document_id}")
    stamps = [s for row in signatures.list_for(document_id) for s in stamps_of_stored(row, doc.signers, SELLER_ROLE)]
    buyer = None
    if buyer_document_id is not None:
        buyer = _buyer_title(documents.get_content(buyer_document_id), f"документ № {buyer_document_id}")
        stamps += [s for row in signatures.list_for(buyer_document_id)
                   for s in stamps_of_stored(row, buyer.signers, BUYER_ROLE)]
    return print_upd(doc, stamps, buyer)


def print_upd_file(xml_bytes: bytes, signature_ders: Sequence[bytes] = (), *, buyer_xml: bytes | None = None,
                   buyer_signature_ders: Sequence[bytes] = (), trust: TrustStore | None = None,
                   at: datetime | None = None) -> bytes:
    """The PDF of a УПД file: every signature (DER, PEM or base64; detached over the file's
    exact bytes) is verified now and stamped. SignatureFormatError for a file that is no
    signature; a signature that does not verify is printed with the reason, in red."""
    doc = _seller_title(xml_bytes, "файл УПД")
    stamps = _verified_stamps(xml_bytes, signature_ders, doc.signers, SELLER_ROLE, trust=trust, at=at)
    buyer = None
    if buyer_xml is not None:
        buyer = _buyer_title(buyer_xml, "файл титула покупателя")
        stamps += _verified_stamps(buyer_xml, buyer_signature_ders, buyer.signers, BUYER_ROLE, trust=trust,
                                   at=at)
    return print_upd(doc, stamps, buyer)


def _verified_stamps(content: bytes, ders: Sequence[bytes], signers: Sequence[Signer], role: str, *,
                     trust: TrustStore | None, at: datetime | None) -> list[SignatureStamp]:
    stamps: list[SignatureStamp] = []
    for der in ders:
        verdicts = verify_detached(content, to_der(bytes(der)), at=at, trust=trust)
        stamps += stamps_of_verdicts(verdicts, signers, role)
    return stamps


def _print_stored_ukd(documents: DocumentRepository, signatures: SignatureRepository, content: bytes,
                      document_id: int, buyer_document_id: int | None) -> bytes:
    """A stored УКД (and the buyer's title answering it) with their stamps; 5.01 signers carry no МЧД."""
    doc = ukd_from_xml(content)
    stamps = [s for row in signatures.list_for(document_id) for s in stamps_of_stored(row, role=SELLER_ROLE)]
    buyer: UkdBuyer | None = None
    if buyer_document_id is not None:
        buyer = ukd_buyer_from_xml(documents.get_content(buyer_document_id))
        stamps += [s for row in signatures.list_for(buyer_document_id) for s in stamps_of_stored(row, role=BUYER_ROLE)]
    return print_ukd(doc, stamps, buyer)


def _print_stored_primary(documents: DocumentRepository, signatures: SignatureRepository, content: bytes,
                          document_id: int, buyer_document_id: int | None) -> bytes:
    """A stored акт / ТОРГ-12 seller title (and the answering title) with their stamps; 5.01 signers carry no МЧД."""
    doc = primary_from_xml(content)
    if isinstance(doc, PrimaryAnswer):
        raise InputError("печатная форма строится по титулу исполнителя (продавца)", f"документ № {document_id}")
    roles = ("Исполнитель", "Заказчик") if isinstance(doc, ActSeller) else (SELLER_ROLE, BUYER_ROLE)
    stamps = [s for row in signatures.list_for(document_id) for s in stamps_of_stored(row, role=roles[0])]
    answer: PrimaryAnswer | None = None
    if buyer_document_id is not None:
        found = primary_from_xml(documents.get_content(buyer_document_id))
        if not isinstance(found, PrimaryAnswer):
            raise InputError("ожидается титул заказчика акта или покупателя ТОРГ-12", f"документ № {buyer_document_id}")
        answer = found
        stamps += [s for row in signatures.list_for(buyer_document_id) for s in stamps_of_stored(row, role=roles[1])]
    if isinstance(doc, ActSeller):
        return print_act(doc, stamps, answer)
    return print_torg12(doc, stamps, answer)
