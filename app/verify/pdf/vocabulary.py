"""The PDF language's own names (/Page, /DCTDecode, /DeviceRGB, /Helvetica): syntax, not content.

A masked word that is also a PDF keyword ("Page" in "First Page") would otherwise be found in every
file as ``/Type /Page``. The raw scan ignores these names, and only these: any other name is still
searched. The vocabulary is MuPDF's name table, read from the header that ships in the PyMuPDF
wheel, plus the standard 14 fonts. Without the header nothing is ignored (fail closed).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

STANDARD_FONTS = frozenset(
    """Courier Courier-Bold Courier-Oblique Courier-BoldOblique Helvetica Helvetica-Bold
    Helvetica-Oblique Helvetica-BoldOblique Times-Roman Times-Bold Times-Italic Times-BoldItalic
    Symbol ZapfDingbats""".split()
)
_ENTRY = re.compile(r'PDF_MAKE_NAME\("([^"]+)"')


@lru_cache(maxsize=1)
def pdf_names() -> frozenset[str]:
    """Names defined by the PDF specification (as MuPDF knows them) and the standard fonts."""
    return frozenset(_mupdf_names() | STANDARD_FONTS)


def _mupdf_names() -> set[str]:
    import pymupdf

    header = Path(pymupdf.__file__).parent / "mupdf-devel" / "include" / "mupdf" / "pdf" / "name-table.h"
    try:
        return set(_ENTRY.findall(header.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return set()
