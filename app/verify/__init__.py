"""The independent verifier: re-reads an output file with its own readers and reports masked data left.

Imports only ``app.domain`` and raw readers (PyMuPDF, zlib ...), never ``app.formats`` or
``app.analysis``: an extraction blind spot must not become a verification blind spot.
"""

from app.verify.needles import Needle
from app.verify.verifier import verify_bytes, verify_file

__all__ = ["Needle", "verify_bytes", "verify_file"]
