"""Outlook .msg (an OLE compound file) to MIME bytes with extract-msg.

extract-msg builds an ``EmailMessage`` from the transport headers (or the MAPI properties), the
plain and HTML bodies and the attachments (embedded .msg files become message/rfc822 parts). The
compressed-RTF body is not carried over, so the output holds only what analysis saw. An OLE file
with an ``EncryptedPackage`` stream is a password-protected Office document, not a message.
"""

from __future__ import annotations

import logging
from email import policy
from pathlib import Path

import olefile

from app.domain.errors import CorruptFile, EncryptedFile, LimitExceeded, UnsupportedFormat
from app.formats.base import Limits

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
logging.getLogger("extract_msg").setLevel(logging.CRITICAL)


def msg_to_mime(src: Path, limits: Limits) -> bytes:
    if src.stat().st_size > limits.max_bytes:
        raise LimitExceeded(f"{src.name} is larger than {limits.max_bytes} bytes")
    _refuse_encrypted(src)
    import extract_msg  # slow to import; only needed for .msg files

    try:
        message = extract_msg.openMsg(str(src), delayAttachments=False)
    except Exception as exc:
        raise UnsupportedFormat(
            f"{src.name} is an OLE file but not a readable Outlook message: {type(exc).__name__}"
        ) from exc
    try:
        if not hasattr(message, "asEmailMessage"):
            raise UnsupportedFormat(f"{src.name} is an Outlook item that is not an e-mail message")
        mime = message.asEmailMessage()
        if not mime.get("Subject") and message.subject:  # absent when the .msg has no transport headers
            mime["Subject"] = message.subject
        return mime.as_bytes(policy=policy.default)
    except (UnsupportedFormat, LimitExceeded):
        raise
    except Exception as exc:
        raise CorruptFile(f"{src.name} cannot be converted to e-mail: {type(exc).__name__}") from exc
    finally:
        message.close()


def _refuse_encrypted(src: Path) -> None:
    try:
        with olefile.OleFileIO(str(src)) as ole:
            encrypted = ole.exists("EncryptedPackage")
    except Exception as exc:
        raise CorruptFile(f"{src.name} is a damaged OLE compound file") from exc
    if encrypted:
        raise EncryptedFile(f"{src.name} is a password-protected Office document; remove the password first")
