"""Generate an mbox archive of synthetic Swedish case e-mail, written message by message.

Each message has a sender and recipients with display names, a subject naming a person, a body of
a few lines with names, a personnummer and a phone number, a quoted reply with a forwarded header
block; every other message also has an HTML alternative. Every 5th message carries a Word
attachment and every 10th a PDF, drawn from small pools, so attachments repeat across messages as
they do in real archives (the batch analyses a repeated attachment once per worker).

    .venv/bin/python benchmarks/generate_mail.py OUT.mbox --messages 10000
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from email import policy
from email.message import EmailMessage
from pathlib import Path

import docx
import pymupdf

FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Lena", "Anders", "Sara", "Nils"]
LAST = [
    "Svensson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Lindqvist",
    "Bergqvist",
    "Holmberg",
    "Sandberg",
]
TOPICS = [
    "bygglov",
    "försörjningsstöd",
    "färdtjänst",
    "skolskjuts",
    "bostadsanpassning",
    "serveringstillstånd",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _personnummer(rng: random.Random) -> str:
    year, month, day = rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28)
    serial = rng.randint(100, 999)
    digits = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return f"{year}{month:02d}{day:02d}-{serial:03d}{(10 - total % 10) % 10}"


def _docx(rng: random.Random) -> bytes:
    d = docx.Document()
    d.add_paragraph(
        f"Utredning om {rng.choice(TOPICS)} för {_person(rng)}, personnummer {_personnummer(rng)}."
    )
    d.add_paragraph(f"Handläggare: {_person(rng)}. Beslutet fattades i nämnden.")
    d.core_properties.author = _person(rng)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _pdf(rng: random.Random) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text(
        (72, 72),
        f"Intyg för {_person(rng)}, telefon 070-{rng.randint(100, 999)} 12 34.",
        fontname="helv",
        fontsize=11,
    )
    data = doc.tobytes()
    doc.close()
    return data


def message(n: int, rng: random.Random, docx_pool: list[bytes], pdf_pool: list[bytes]) -> bytes:
    sender, recipient, subject_person, quoted = (_person(rng) for _ in range(4))
    m = EmailMessage()
    m["From"] = f"{sender} <{sender.lower().replace(' ', '.')}@exempel.se>"
    m["To"] = f"{recipient} <registrator@kommun.se>"
    m["Subject"] = f"Ärende {n}: {rng.choice(TOPICS)} för {subject_person}"
    m["Date"] = "Fri, 03 May 2024 10:12:00 +0200"
    m["Message-ID"] = f"<{n}.{rng.randint(1000, 9999)}@mail.exempel.se>"
    body = (
        f"Hej,\n\n{subject_person} ({_personnummer(rng)}) har ansökt om {rng.choice(TOPICS)}.\n"
        f"Ring mig på 070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        "om något är oklart.\n\n"
        f"Med vänlig hälsning\n{sender}\n\n"
        f"> Från: {quoted}\n> Skickat: den 2 maj 2024 09:30\n> Ämne: Ansökan\n> Jag vill ansöka om stöd.\n"
    )
    m.set_content(body)
    if n % 2 == 0:
        m.add_alternative(
            "<html><body><p>" + body.replace("\n", "<br>") + "</p></body></html>", subtype="html"
        )
    if n % 5 == 0:
        m.add_attachment(
            rng.choice(docx_pool),
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
            filename="utredning.docx",
        )
    if n % 10 == 0:
        m.add_attachment(rng.choice(pdf_pool), maintype="application", subtype="pdf", filename="intyg.pdf")
    return m.as_bytes(policy=policy.default)


def generate(path: Path, messages: int, seed: int = 4) -> None:
    rng = random.Random(seed)
    docx_pool = [_docx(rng) for _ in range(20)]
    pdf_pool = [_pdf(rng) for _ in range(10)]
    with path.open("wb") as out:
        for n in range(1, messages + 1):
            data = message(n, rng, docx_pool, pdf_pool)
            out.write(b"From registrator@kommun.se Fri May  3 10:12:00 2024\n")
            out.write(data.replace(b"\nFrom ", b"\n>From ") + b"\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args(argv)
    generate(args.out, args.messages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
