"""End to end through the CLI for e-mail: the traps of issue 4 are found and burned in every header,
both body alternatives, filenames and attachments (recursively), proven by the verifier's own
readers; unsupported attachments are withheld; hostile MIME gets one line and exit 2."""

from __future__ import annotations

import email
import time
from email import policy
from pathlib import Path

import pytest

from app.cli import EXIT_BAD_INPUT, EXIT_LEAK, EXIT_OK
from app.domain.model import EntityType
from app.verify import Needle, verify_bytes, verify_file
from tests import mail_samples as samples
from tests import network_guard
from tests.e2e.cli_support import run

ENTITY = {
    "from-address": EntityType.EMAIL,
    "cc-address": EntityType.EMAIL,
    "personnummer": EntityType.PERSONNUMMER,
    "phone": EntityType.PHONE,
}


def needles() -> list[Needle]:
    return [Needle(text, ENTITY.get(key, EntityType.PERSON)) for key, text in samples.TRAPS.items()]


@pytest.fixture
def trap_eml(tmp_path: Path) -> Path:
    path = tmp_path / "traps.eml"
    path.write_bytes(samples.trap_eml())
    return path


def test_raw_bytes_hide_the_traps_but_the_verifier_sees_them(trap_eml: Path) -> None:
    raw = trap_eml.read_bytes().decode("latin-1")
    assert samples.TRAPS["qp-soft-break"] not in raw and samples.TRAPS["html-only"] not in raw
    report = verify_file(trap_eml, needles())
    leaked = {int(leak.detail.split("#")[1].split()[0]) for leak in report.leaks if "#" in leak.detail}
    assert leaked == set(range(1, len(samples.TRAPS) + 1))


def test_accept_all_burns_every_surface(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trap_eml: Path
) -> None:
    before = network_guard.attempts.copy()
    dst = tmp_path / "out.eml"
    code, out, err = run(capsys, "redact", str(trap_eml), "-o", str(dst), "--accept-all")
    assert code == EXIT_OK, err
    assert "data.bin" in out and "withheld" in out
    assert verify_file(dst, needles()).clean
    assert network_guard.attempts == before

    msg = email.message_from_bytes(dst.read_bytes(), policy=policy.default)
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    for kept in samples.KEPT[:1]:
        assert kept in plain and kept in html
    assert samples.KEPT[1] in plain
    assert "█" in plain and "█" in html
    assert str(msg["From"]).endswith("<maskerad@maskerad.invalid>")
    parts = {p.get_filename(): p for p in msg.iter_attachments()}
    assert all("/" not in name and "\\" not in name and not name.startswith(".") for name in parts)
    assert "bashrc" in parts, "the traversal filename is reduced to a bare name"
    withheld = parts["data.bin.undantagen.txt"]
    assert b"opaque" not in withheld.get_content().encode()
    assert parts["bashrc"].get_content()[:5] == b"%PDF-"


def test_text_and_html_alternatives_are_masked_consistently(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A name the analyzer finds only in text/plain is also burned in the HTML alternative."""
    src = tmp_path / "alt.eml"
    m = email.message.EmailMessage()
    m["From"] = "registrator@kommun.se"
    m["To"] = "nämnden@kommun.se"
    m["Subject"] = "Ärende"
    m.set_content("Sökande är Anna Svensson, personnummer 19121212-1212.\n")
    m.add_alternative(
        "<p>Sökande: <i>Anna</i> Svensson &ndash; <span>1912121</span>2-1212</p>", subtype="html"
    )
    src.write_bytes(m.as_bytes(policy=policy.default))
    dst = tmp_path / "out.eml"
    code, _, err = run(capsys, "redact", str(src), "-o", str(dst), "--accept-all")
    assert code == EXIT_OK, err
    html = email.message_from_bytes(dst.read_bytes(), policy=policy.default).get_body(("html",)).get_content()
    assert "Anna" not in html and "Svensson" not in html and "1212" not in html


def test_a_sabotaged_burn_is_caught(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trap_eml: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.formats import email as email_handler

    monkeypatch.setattr(email_handler, "burn_message", lambda msg, doc, masks, ctx: None)
    dst = tmp_path / "out.eml"
    code, _, err = run(capsys, "redact", str(trap_eml), "-o", str(dst), "--accept-all")
    assert code == EXIT_LEAK and not dst.exists()
    assert "Svensson" not in err


def test_verifier_reads_nested_attachments_and_encodings() -> None:
    inner = samples.simple_eml("Uppgift om Olof Dahlgren.\n")
    outer = email.message.EmailMessage()
    outer["From"] = "a@kommun.se"
    outer["To"] = "b@kommun.se"
    outer.set_content("Se bilaga.\n")
    outer.add_attachment(inner, maintype="application", subtype="octet-stream", filename="x.eml")
    data = outer.as_bytes(policy=policy.default)
    assert b"Dahlgren" not in data  # base64: invisible to a raw scan
    report = verify_bytes(data, [Needle("Olof Dahlgren", EntityType.PERSON)])
    assert "attachment" in {leak.surface for leak in report.leaks}


@pytest.mark.parametrize(
    "data",
    [
        samples.nested(60),
        samples.nested(3000),
        b"From: a@kommun.se\nTo: b@kommun.se\nSubject: x\nContent-Type: multipart/mixed; boundary=z\n\n"
        + b"--z\nContent-Type: text/plain\n\nx\n" * 5000,
    ],
    ids=["deep-60", "deep-3000", "5000-parts"],
)
def test_hostile_mime_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes
) -> None:
    src = tmp_path / "bad.eml"
    src.write_bytes(data)
    started = time.monotonic()
    code, _, err = run(capsys, "redact", str(src), "-o", str(tmp_path / "o.eml"), "--accept-all")
    assert code == EXIT_BAD_INPUT, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert time.monotonic() - started < 60
    assert not (tmp_path / "o.eml").exists()


def test_broken_mime_is_still_redacted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A missing close boundary: the content is kept by the parser, analysed and burned."""
    src = tmp_path / "broken.eml"
    src.write_bytes(
        b"From: a@kommun.se\nTo: b@kommun.se\nSubject: trasig\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain; charset=utf-8\n\n"
        + "Sökande Anna Svensson, personnummer 19121212-1212.\n".encode()
    )
    dst = tmp_path / "out.eml"
    code, _, err = run(capsys, "redact", str(src), "-o", str(dst), "--accept-all")
    assert code == EXIT_OK, err
    assert verify_file(
        dst, [Needle("Anna Svensson", EntityType.PERSON), Needle("19121212-1212", EntityType.PERSONNUMMER)]
    ).clean


def test_ole_files_that_are_not_messages_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "x.msg"
    src.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    code, _, err = run(capsys, "redact", str(src), "-o", str(tmp_path / "o.eml"), "--accept-all")
    assert code == EXIT_BAD_INPUT and err.count("\n") == 1


def test_outlook_msg_becomes_a_redacted_eml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "arende.msg"
    src.write_bytes(samples.outlook_msg())
    entity = {"personnummer": EntityType.PERSONNUMMER, "recipient-address": EntityType.EMAIL}
    msg_needles = [Needle(v, entity.get(k, EntityType.PERSON)) for k, v in samples.MSG_TRAPS.items()]
    dst = tmp_path / "arende.eml"
    code, _, err = run(capsys, "redact", str(src), "-o", str(dst), "--accept-all")
    assert code == EXIT_OK, err
    assert verify_file(dst, msg_needles).clean
    out = email.message_from_bytes(dst.read_bytes(), policy=policy.default)
    assert "Ansökan från" in str(out["Subject"])
    assert "utlatande.docx" in {p.get_filename() for p in out.walk()}


def test_text_attachments_are_redacted_not_withheld(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    m = email.message.EmailMessage()
    m["From"] = "registrator@kommun.se"
    m["To"] = "nämnden@kommun.se"
    m["Subject"] = "Anteckningar"
    m.set_content("Se bifogade anteckningar.\n")
    m.add_attachment("Samtal med Anna Svensson om ansökan.\n", filename="anteckning från mötet.txt")
    m.add_attachment(
        "BEGIN:VCARD\nFN:Martina Eklund\nTEL:070-812 33 09\nEND:VCARD\n",
        subtype="vcard",
        filename="kontakt.vcf",
    )
    src = tmp_path / "text.eml"
    src.write_bytes(m.as_bytes(policy=policy.default))
    dst = tmp_path / "out.eml"
    code, out, err = run(capsys, "redact", str(src), "-o", str(dst), "--accept-all")
    assert code == EXIT_OK, err
    assert "withheld" not in out
    assert verify_file(
        dst,
        [
            Needle("Anna Svensson", EntityType.PERSON),
            Needle("Martina Eklund", EntityType.PERSON),
            Needle("070-812 33 09", EntityType.PHONE),
        ],
    ).clean
    parts = {
        p.get_filename(): p for p in email.message_from_bytes(dst.read_bytes(), policy=policy.default).walk()
    }
    assert "Samtal med" in parts["anteckning från mötet.txt"].get_content()
    assert "BEGIN:VCARD" in parts["kontakt.vcf"].get_content()
