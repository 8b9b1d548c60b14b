"""What of an e-mail is analysed, and where each character lives (the locators).

- every header that may carry data (From/To/Cc/Bcc/Reply-To/Sender display names and addresses,
  Subject, Received, Message-ID, Thread-Topic, X- headers ...), decoded;
- every text part, body or attached (plain, HTML as visible text mapped to the raw HTML, csv,
  calendar, vCard, XML), including quoted replies and forwarded header blocks, which are plain
  body text;
- attachment filenames;
- attachments the format handlers read (PDF, Word, nested e-mail; PNG/JPEG/TIFF pictures by OCR,
  ``image_text.PictureHandler``) through those handlers; their
  segments become segments of this document, so propagation sees body and attachments together.
  Nested ``message/rfc822`` parts are walked as part of the same tree.
Other attachments are withheld from the output and reported in the notes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from app.domain.document import ExtractedDocument
from app.formats.html_text import HtmlText, html_text

Path_ = tuple[int, ...]
SEPARATOR = "\n\n"
UNSAFE_FILENAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass(frozen=True, slots=True)
class HeaderLocator:
    path: Path_
    index: int
    name: str


@dataclass(frozen=True, slots=True)
class BodyLocator:
    path: Path_
    html: HtmlText | None  # None for text/plain


@dataclass(frozen=True, slots=True)
class FilenameLocator:
    path: Path_


@dataclass(frozen=True, slots=True)
class AttachmentLocator:
    """A segment of an attachment read by another handler; ``base`` is where its text starts here."""

    path: Path_
    handler: str
    sha256: str
    child: ExtractedDocument
    base: int


@dataclass(frozen=True, slots=True)
class Withheld:
    path: Path_
    content_type: str
    filename: str


def safe_filename(name: str | None, fallback: str) -> str:
    """A bare file name: no folders, no control characters, no leading dots, at most 120 characters."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = UNSAFE_FILENAME.sub("_", base).strip(" .")
    return (base or fallback)[:120]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def where_of(path: Path_) -> str:
    return "part " + ".".join(str(i + 1) for i in path) if path else "message"


def is_html(content_type: str) -> bool:
    return content_type == "text/html"


def body_mapping(content_type: str, text: str) -> tuple[str, HtmlText | None]:
    if is_html(content_type):
        mapping = html_text(text)
        return mapping.text, mapping
    return text, None
