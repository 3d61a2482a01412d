"""Print forms (PDF, reportlab): the УПД in its paper layout with electronic signature stamps.

printing sits beside documents in the layers: it takes document dataclasses and plain
SignatureStamp values; services turn certificates and stored verdicts into stamps.
"""

from .fonts import PROJECT_FONTS_DIR, PrintingError, register_fonts
from .stamp import STAMP_TITLE, SignatureStamp, stamp_rows
from .upd import print_upd

__all__ = ["PROJECT_FONTS_DIR", "STAMP_TITLE", "PrintingError", "SignatureStamp", "print_upd", "register_fonts",
           "stamp_rows"]
