"""CryptoPro CSP through its command-line tools (``certmgr`` lists, ``cryptcp`` signs).

Nothing is imported from CryptoPro: the tools are looked up on PATH and in the standard
install folders only when the provider is asked, so a machine without CSP just gets
``is_available() == (False, "КриптоПро CSP не установлен (не найден cryptcp)")``.

Commands used (CryptoPro's cryptcp/certmgr manuals; the same forms appear in many public
integrations):

* list: ``certmgr -list -store uMy``. The output is blocks, each opened by a line
  ``<n>-------`` and made of ``Label : value`` lines padded to one column; lines that start
  with spaces continue the previous value (EKU, CDP lists); ``=====`` lines separate; the
  last line is ``[ErrorCode: 0x00000000]``. Labels differ by version and language; read
  here: ``SHA1 Hash`` / ``SHA1 Thumbprint`` / ``SHA1 отпечаток`` (40 hex digits, maybe
  ``0x``-prefixed), ``Serial`` / ``Серийный номер`` (``0x...``), ``Subject`` / ``Субъект``,
  ``Not valid after`` / ``ValidTo`` / ``Истекает``, ``PrivateKey Link`` / ``PrivateKey`` /
  ``Ссылка на ключ`` (``Yes``/``No``), ``Container`` / ``Контейнер``.
* certificate bytes: ``certmgr -export -store uMy -thumbprint <sha1> -dest <file>`` (DER).
* signing: ``cryptcp -sign -thumbprint <sha1> -detached -der -nochain [-pin <PIN>] <in> <out>``
  writes a detached CAdES-BES CMS in DER. ``-nochain``: the chain is checked by the app's
  own trust layer, not by cryptcp (which would fail offline). ``-pin`` puts the PIN on the
  command line (visible to other local users via the process list): cryptcp has no other
  non-interactive way; without a PIN, stdin is closed so a prompt fails instead of hanging.

Failures come back as CryptoError with the tool's own text and a Russian explanation of
the common codes (Windows/CSP HRESULTs printed as ``[ErrorCode: 0x...]``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from edo_app.crypto.certificates import load_certificate
from edo_app.crypto.keys import KeyPasswordError
from edo_app.crypto.provider import CertificateEntry
from edo_app.errors import CryptoError

DEFAULT_DIRS: Final = (
    Path("/opt/cprocsp/bin/amd64"), Path("/opt/cprocsp/bin/aarch64"), Path("/opt/cprocsp/bin/ia32"),
    Path("/opt/cprocsp/bin"), Path(r"C:\Program Files\Crypto Pro\CSP"), Path(r"C:\Program Files (x86)\Crypto Pro\CSP"),
)
#: HRESULT (lower case) -> Russian meaning; codes from Microsoft's winerror.h / scarderr.h tables.
KNOWN_ERRORS: Final = {
    "0x8010006b": "неверный PIN-код ключевого контейнера",  # SCARD_W_WRONG_CHV
    "0x8010006c": "PIN-код заблокирован: слишком много неверных попыток",  # SCARD_W_CHV_BLOCKED
    "0x8010000c": "носитель ключа (токен, смарт-карта) не вставлен",  # SCARD_E_NO_SMARTCARD
    "0x80090016": "ключевой контейнер не найден (набор ключей не существует)",  # NTE_BAD_KEYSET
    "0x8009000d": "закрытый ключ не найден",  # NTE_NO_KEY
    "0x80090010": "доступ запрещён (права на контейнер или лицензия КриптоПро)",  # NTE_PERM
    "0x80092004": "сертификат или его закрытый ключ не найден в хранилище",  # CRYPT_E_NOT_FOUND
    "0x800b010a": "не удалось построить цепочку до доверенного корневого сертификата",  # CERT_E_CHAINING
    "0x800b0101": "сертификат просрочен или ещё не действует",  # CERT_E_EXPIRED
}
WRONG_PIN: Final = "0x8010006b"
_THUMBPRINT: Final = re.compile(r"(?:0x)?([0-9a-fA-F]{40})")
_BLOCK_START: Final = re.compile(r"^\s*\d+-{3,}\s*$")
_FIELD: Final = re.compile(r"^(\S[^:]*?)\s*:\s?(.*)$")
_ERROR_CODE: Final = re.compile(r"ErrorCode:\s*(0x[0-9a-fA-F]{8})")
_LABELS: Final = {  # lower-cased label -> field of ListedCertificate
    "sha1 hash": "thumbprint", "sha1 thumbprint": "thumbprint", "sha1 отпечаток": "thumbprint",
    "serial": "serial", "серийный номер": "serial", "subject": "subject", "субъект": "subject",
    "not valid after": "not_after", "validto": "not_after", "истекает": "not_after",
    "privatekey link": "private_key", "privatekey": "private_key", "ссылка на ключ": "private_key",
    "container": "container", "контейнер": "container",
}


@dataclass(frozen=True)
class ListedCertificate:
    """One block of ``certmgr -list`` (texts as printed; only the thumbprint is required)."""

    thumbprint: str  # 40 lower-case hex digits
    serial: str | None = None
    subject: str | None = None
    not_after: str | None = None
    private_key: bool | None = None  # None: the listing did not say
    container: str | None = None


def _finish_block(fields: dict[str, str]) -> ListedCertificate | None:
    match = _THUMBPRINT.fullmatch(fields.get("thumbprint", "").strip())
    if match is None:
        return None
    link = fields.get("private_key", "").strip().lower()
    has_key = None if not link else link.startswith(("yes", "да", "present"))
    serial = fields.get("serial")
    return ListedCertificate(
        match.group(1).lower(), serial.removeprefix("0x").upper() if serial else None, fields.get("subject"),
        fields.get("not_after"), has_key, fields.get("container"))


def parse_certmgr_list(text: str) -> list[ListedCertificate]:
    """Certificates of a ``certmgr -list`` output (format in the module doc); blocks without a
    SHA-1 thumbprint are skipped."""
    result: list[ListedCertificate] = []
    fields: dict[str, str] | None = None
    for line in text.splitlines():
        if _BLOCK_START.match(line) or line.startswith("=====") or _ERROR_CODE.search(line):
            if fields is not None and (listed := _finish_block(fields)):
                result.append(listed)
            fields = {} if _BLOCK_START.match(line) else None
            continue
        match = _FIELD.match(line)
        if fields is not None and match and (name := _LABELS.get(match.group(1).strip().lower())):
            fields.setdefault(name, match.group(2).strip())
    if fields is not None and (listed := _finish_block(fields)):
        result.append(listed)
    return result


def explain_failure(tool: str, returncode: int, output: str) -> CryptoError:
    """The CryptoError for a failed run: Russian meaning of a known code, plus the tool's text."""
    codes = _ERROR_CODE.findall(output)
    code = codes[-1].lower() if codes else None
    tail = " ".join(output.split())[-400:]
    meaning = KNOWN_ERRORS.get(code or "", "ошибка")
    text = f"КриптоПро ({tool}): {meaning}" + (f" [код {code}]" if code else f" [код возврата {returncode}]")
    if tail:
        text += f". Вывод программы: {tail}"
    return KeyPasswordError(text) if code == WRONG_PIN else CryptoError(text)


class CryptoProProvider:
    """CryptoPro CSP via ``certmgr`` and ``cryptcp``: signs whole files (``sign_cms``)."""

    name = "cryptopro"
    title = "КриптоПро CSP"
    signs_digests = False

    def __init__(self, tool_dirs: Sequence[Path] | None = None, *, use_path: bool = True,
                 store: str = "uMy", timeout: float = 120.0, list_timeout: float = 30.0) -> None:
        self.tool_dirs = tuple(DEFAULT_DIRS if tool_dirs is None else tool_dirs)
        self.use_path = use_path
        self.store = store
        self.timeout = timeout
        self.list_timeout = list_timeout

    def find_tool(self, name: str) -> Path | None:
        """``name`` on PATH (when allowed), else in ``tool_dirs``; None when absent."""
        exe = name + ".exe" if sys.platform == "win32" else name
        if self.use_path and (found := shutil.which(exe)):
            return Path(found)
        for folder in self.tool_dirs:
            candidate = folder / exe
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
        return None

    def is_available(self) -> tuple[bool, str]:
        for tool in ("cryptcp", "certmgr"):
            if self.find_tool(tool) is None:
                return False, f"КриптоПро CSP не установлен (не найден {tool})"
        return True, f"cryptcp: {self.find_tool('cryptcp')}"

    def _run(self, tool: str, args: list[str], timeout: float) -> str:
        """Run a tool; its combined output, or CryptoError (missing tool, timeout, non-zero exit)."""
        path = self.find_tool(tool)
        if path is None:
            raise CryptoError(f"КриптоПро CSP не установлен (не найден {tool})")
        try:
            done = subprocess.run([str(path), *args], stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise CryptoError(f"КриптоПро ({tool}) не ответил за {timeout:g} с: проверьте носитель ключа "
                              "и не ждёт ли программа ввода") from None
        except OSError as exc:
            raise CryptoError(f"Не удалось запустить {path}: {exc.strerror or exc}") from None
        output = (done.stdout + b"\n" + done.stderr).decode("utf-8", errors="replace")
        if done.returncode != 0:
            raise explain_failure(tool, done.returncode, output)
        return output

    def listed(self) -> list[ListedCertificate]:
        """The parsed ``certmgr -list`` of the store."""
        return parse_certmgr_list(self._run("certmgr", ["-list", "-store", self.store], self.list_timeout))

    def export_certificate(self, thumbprint: str) -> bytes:
        """The DER (or PEM) bytes of one certificate of the store."""
        _check_thumbprint(thumbprint)
        with tempfile.TemporaryDirectory(prefix="edo-cprocsp-") as folder:
            dest = Path(folder) / "certificate.cer"
            self._run("certmgr", ["-export", "-store", self.store, "-thumbprint", thumbprint, "-dest", str(dest)],
                      self.list_timeout)
            if not dest.is_file():
                raise CryptoError(f"certmgr не выгрузил сертификат {thumbprint}")
            return dest.read_bytes()

    def certificates(self) -> list[CertificateEntry]:
        """Certificates of the store that have a private key (or where the listing does not say)."""
        return [CertificateEntry(self.name, item.thumbprint, load_certificate(self.export_certificate(item.thumbprint)))
                for item in self.listed() if item.private_key is not False]

    def sign_digest(self, handle: str, digest: bytes, *, password: str | None = None) -> bytes:
        raise CryptoError("КриптоПро через cryptcp подписывает только файл целиком: используйте sign_cms")

    def sign_cms(self, handle: str, content: bytes, *, password: str | None = None) -> bytes:
        """Detached CAdES-BES CMS (DER) of ``content`` made by cryptcp with certificate ``handle``."""
        _check_thumbprint(handle)
        with tempfile.TemporaryDirectory(prefix="edo-cprocsp-") as folder:
            source, target = Path(folder) / "document.bin", Path(folder) / "document.bin.sig"
            source.write_bytes(content)
            args = ["-sign", "-thumbprint", handle, "-detached", "-der", "-nochain"]
            if password:
                args += ["-pin", password]
            self._run("cryptcp", [*args, str(source), str(target)], self.timeout)
            if not target.is_file() or target.stat().st_size == 0:
                raise CryptoError("cryptcp завершился без ошибки, но не записал подпись")
            return target.read_bytes()


def _check_thumbprint(value: str) -> None:
    """A handle is exactly 40 lower-case hex digits: nothing else ever reaches the command line."""
    if not re.fullmatch(r"[0-9a-f]{40}", value):
        raise CryptoError(f"Отпечаток сертификата должен быть 40 шестнадцатеричных цифр: {value!r}")
