"""E-mail test messages built in code (the stdlib email package, raw MIME where it must be exact).

``trap_eml()`` plants the traps of issue 4 and PITFALLS 1.5: encoded-word display names, a
quoted-printable soft line break inside a name, a base64 HTML body holding a name that text/plain
lacks, an RFC 2231 filename with a name and a path, names in Received and Message-ID, a forwarded
header block in the body, a nested message/rfc822, and PDF, Word, e-mail and unsupported attachments.
"""

from __future__ import annotations

import base64
import quopri
from email import policy
from email.message import EmailMessage

from tests import docx_samples, pdf_samples

TRAPS = {
    "from-name": "Björn Åkesson",
    "from-address": "bjorn.akesson@exempel.se",
    "to-name": "Anna Svensson",
    "cc-address": "karin.lindqvist@exempel.se",
    "subject-name": "Greta Holmberg",
    "received-host": "henrik-stahl-laptop",
    "qp-soft-break": "Lena Björk",
    "html-only": "Sven Olofsson",
    "forwarded-from": "Ulf Bergqvist",
    "personnummer": "19121212-1212",
    "phone": "070-812 33 09",
    "filename-name": "Maria Sandberg",
    "nested-header": "Nils Hedlund",
    "docx-attachment": "Martina Eklund",
    "pdf-attachment": "Johan Wikström",
    "attached-eml": "Olof Dahlgren",
}
KEPT = ("ringde angående ansökan", "Beslutet fattades i nämnden")
TRAVERSAL = "../../../home/app/.bashrc"


def _attached_eml() -> bytes:
    m = EmailMessage()
    m["From"] = "Registrator <registrator@kommun.se>"
    m["To"] = "nämnden@kommun.se"
    m["Subject"] = "Vidarebefordrat"
    m.set_content(f"Handlingen gäller {TRAPS['attached-eml']} och hans ärende.\n")
    return m.as_bytes(policy=policy.default)


def _nested_message() -> EmailMessage:
    inner = EmailMessage()
    inner["From"] = f"{TRAPS['nested-header']} <handlaggare@kommun.se>"
    inner["To"] = "registrator@kommun.se"
    inner["Subject"] = "Tidigare meddelande"
    inner.set_content("Se tidigare beslut.\n")
    return inner


def _qp_part() -> bytes:
    """text/plain in quoted-printable with a soft line break inside a name (Bj=\\n=C3=B6rk)."""
    body = (
        f"Hej,\n{TRAPS['to-name']} ringde angående ansökan. Personnummer {TRAPS['personnummer']}, "
        f"telefon {TRAPS['phone']}.\nHandläggare är {TRAPS['qp-soft-break']}.\n\n"
        f"> Från: {TRAPS['forwarded-from']}\n> Skickat: den 3 maj 2024 10:12\n> Till: registrator\n"
        "> Ämne: Ansökan\n\nBeslutet fattades i nämnden.\n"
    )
    encoded = quopri.encodestring(body.encode("utf-8"))
    assert b"Bj=C3=B6rk" in encoded
    encoded = encoded.replace(b"Bj=C3=B6rk", b"Bj=\n=C3=B6rk")
    return (
        b'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
        + encoded
    )


def _html_part() -> bytes:
    html = (
        f"<html><body><p>Hej,</p><p>{TRAPS['to-name']} ringde angående ansökan.</p>"
        f"<p>Kopia till <a href='mailto:{TRAPS['cc-address']}'>handläggaren</a> och "
        f"<b>{TRAPS['html-only'].split()[0]}</b> {TRAPS['html-only'].split()[1]}.</p></body></html>"
    )
    encoded = base64.encodebytes(html.encode("utf-8"))
    return b'Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: base64\n\n' + encoded


def trap_eml() -> bytes:
    m = EmailMessage()
    m["From"] = f"{TRAPS['from-name']} <{TRAPS['from-address']}>"
    m["To"] = f"{TRAPS['to-name']} <anna.s@exempel.se>"
    m["Cc"] = TRAPS["cc-address"]
    m["Subject"] = f"Ang. ansökan från {TRAPS['subject-name']}"
    m["Message-ID"] = "<20240503.4711@mail.exempel.se>"
    m["Received"] = f"from {TRAPS['received-host']}.exempel.se ([10.1.2.3]) by mx.kommun.se"
    m.set_content("placeholder")
    m.make_mixed()
    docx_bytes = docx_samples.simple_docx([f"Utlåtande om {TRAPS['docx-attachment']}, socialsekreterare."])
    m.add_attachment(
        docx_bytes,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=f"Utlåtande {TRAPS['filename-name']}.docx",
    )
    m.add_attachment(
        pdf_samples.simple([f"Intyg för {TRAPS['pdf-attachment']}."]),
        maintype="application",
        subtype="pdf",
        filename=TRAVERSAL,
    )
    m.add_attachment(_attached_eml(), maintype="application", subtype="octet-stream", filename="fwd.eml")
    m.add_attachment(
        b"\x00\x01\x02 opaque data", maintype="application", subtype="x-unknown", filename="data.bin"
    )
    m.attach(_nested_message())
    raw = m.as_bytes(policy=policy.default)
    alternative = (
        b'Content-Type: multipart/alternative; boundary="ALT"\n\n--ALT\n'
        + _qp_part()
        + b"--ALT\n"
        + _html_part()
        + b"--ALT--\n"
    )
    placeholder_start = raw.index(b"Content-Type: text/plain")
    placeholder_end = raw.index(b"placeholder") + len(b"placeholder\n")
    return raw[:placeholder_start] + alternative + raw[placeholder_end:]


def simple_eml(
    body: str, subject: str = "Ärende", sender: str = "Registrator <registrator@kommun.se>"
) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "nämnden@kommun.se"
    m["Subject"] = subject
    m["Date"] = "Fri, 03 May 2024 10:12:00 +0200"
    m.set_content(body)
    return m.as_bytes(policy=policy.default)


def alternative_eml(plain: str, html: str) -> bytes:
    """A message whose body is ``plain`` with ``html`` as its HTML alternative."""
    m = EmailMessage()
    m["From"] = "Registrator <registrator@kommun.se>"
    m["To"] = "nämnden@kommun.se"
    m["Subject"] = "Ärende"
    m.set_content(plain)
    m.add_alternative(f"<html><body>{html}</body></html>", subtype="html")
    return m.as_bytes(policy=policy.default)


def nested(depth: int) -> bytes:
    """Multipart nested ``depth`` levels deep."""
    head = b"From: a@kommun.se\nTo: b@kommun.se\nSubject: djup\nMIME-Version: 1.0\n"
    body = b"Content-Type: text/plain\n\nbotten\n"
    for level in range(depth):
        boundary = f"b{level}".encode()
        body = b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\n\n--' + boundary + b"\n" + body
        body += b"--" + boundary + b"--\n"
    return head + body


def outlook_msg() -> bytes:
    """An Outlook .msg (written with aspose-email-foss): subject, sender, recipient, plain and HTML
    bodies, a Word attachment and an embedded message, each holding a datum of ``MSG_TRAPS``."""
    from aspose.email_foss import msg

    m = msg.MapiMessage.create(
        f"Ansökan från {MSG_TRAPS['subject']}",
        f"Hej,\n{MSG_TRAPS['body']} ringde, personnummer {MSG_TRAPS['personnummer']}.\n",
    )
    m.set_property(msg.PropertyId.SENDER_NAME, MSG_TRAPS["sender"])
    m.set_property(msg.PropertyId.SENDER_EMAIL_ADDRESS, "bjorn.akesson@exempel.se")
    m.add_recipient(MSG_TRAPS["recipient-address"], display_name=MSG_TRAPS["recipient"])
    m.body_html = f"<p>Hej, <b>{MSG_TRAPS['html'].split()[0]}</b> {MSG_TRAPS['html'].split()[1]} ringde.</p>"
    m.add_attachment(
        "utlatande.docx",
        docx_samples.simple_docx([f"Utlåtande om {MSG_TRAPS['attachment']}."]),
        mime_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    m.add_embedded_message_attachment(
        msg.MapiMessage.create("Tidigare", f"Uppgift om {MSG_TRAPS['embedded']}.\n"), filename="tidigare.msg"
    )
    return m.to_bytes()


MSG_TRAPS = {
    "subject": "Greta Holmberg",
    "body": "Anna Svensson",
    "personnummer": "19121212-1212",
    "sender": "Björn Åkesson",
    "recipient": "Karin Lindqvist",
    "recipient-address": "karin.lindqvist@exempel.se",
    "html": "Sven Olofsson",
    "attachment": "Martina Eklund",
    "embedded": "Nils Hedlund",
}
