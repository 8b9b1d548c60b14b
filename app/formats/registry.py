"""The explicit map of format handlers, and sniffing a file's format from its bytes (never its name)."""

from __future__ import annotations

from pathlib import Path

from app.domain.errors import CorruptFile, UnsupportedFormat
from app.formats.base import FormatHandler
from app.formats.docx import DocxHandler
from app.formats.email import EmailHandler, MsgHandler
from app.formats.image import ImageHandler
from app.formats.mbox import MboxHandler
from app.formats.pdf import PdfHandler

SNIFF_BYTES = 4096

HANDLERS: dict[str, FormatHandler] = {
    PdfHandler.name: PdfHandler(),
    DocxHandler.name: DocxHandler(),
    EmailHandler.name: EmailHandler(),
    MsgHandler.name: MsgHandler(),
    MboxHandler.name: MboxHandler(),
    ImageHandler.name: ImageHandler(),
}


def handler_for(src: Path) -> FormatHandler:
    """The handler whose ``sniff`` accepts the file's first bytes; ``UnsupportedFormat`` if none does."""
    try:
        with src.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except IsADirectoryError as exc:
        raise UnsupportedFormat(f"{src.name} is a folder, not a file") from exc
    except FileNotFoundError as exc:
        raise UnsupportedFormat(f"{src} does not exist") from exc
    except OSError as exc:
        raise CorruptFile(f"{src.name} cannot be read: {exc.strerror}") from exc
    if not head:
        raise CorruptFile(f"{src.name} is empty")
    for handler in HANDLERS.values():
        if handler.sniff(head):
            return handler
    raise UnsupportedFormat(f"{src.name} is not a supported file type (supported: {', '.join(HANDLERS)})")
