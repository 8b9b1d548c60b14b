"""Unit tests for the Word and e-mail handlers' building blocks: the contract, sniffing, text maps,
burning strings, filenames and mbox framing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.domain.model import EntityType, Finding, Mask, Origin, Span
from app.formats.base import FormatHandler, HandlerContext
from app.formats.docx import DocxHandler
from app.formats.docx_burn import burn_string
from app.formats.email import EmailHandler, MsgHandler
from app.formats.email_text import safe_filename
from app.formats.html_text import burn_html, html_text
from app.formats.mbox import MboxHandler, iter_messages, mbox_entry
from app.formats.registry import handler_for
from tests import docx_samples, mail_samples


@pytest.mark.parametrize("handler", [DocxHandler(), EmailHandler(), MsgHandler(), MboxHandler()])
def test_handlers_fulfil_the_protocol(handler: FormatHandler) -> None:
    assert isinstance(handler, FormatHandler)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.docx", docx_samples.simple_docx(["x"]), "docx"),
        ("a.eml", mail_samples.simple_eml("x"), "eml"),
        ("a.mbox", b"From a@b Fri May  3 10:12:00 2024\n" + mail_samples.simple_eml("x"), "mbox"),
        ("a.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "msg"),
        ("named.pdf", mail_samples.simple_eml("x"), "eml"),  # by content, never by name
    ],
)
def test_formats_are_sniffed_from_bytes(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert handler_for(path).name == expected


def test_plain_text_is_not_mail(tmp_path: Path) -> None:
    from app.domain.errors import UnsupportedFormat

    path = tmp_path / "a.eml"
    path.write_text("Hej: detta är inget mejl\nbara text\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        handler_for(path)


def _mask(doc_text: str, needle: str, label: str | None = None) -> Mask:
    start = doc_text.index(needle)
    finding = Finding(
        EntityType.PERSON, Span(start, start + len(needle)), needle, 1.0, "test", Origin.REVIEWER
    )
    return Mask(finding, label)


def test_docx_segments_are_ordered_and_exact(tmp_path: Path) -> None:
    src = tmp_path / "t.docx"
    src.write_bytes(docx_samples.trap_docx())
    doc = DocxHandler().extract(src, HandlerContext())
    ends = [s.start for s in doc.segments]
    assert ends == sorted(ends)
    assert all(a.end <= b.start for a, b in zip(doc.segments, doc.segments[1:], strict=False))
    assert "Sökanden Anna Svensson har ansökt om bistånd." in doc.text


def test_docx_burn_keeps_everything_but_the_mask(tmp_path: Path) -> None:
    src = tmp_path / "t.docx"
    src.write_bytes(docx_samples.simple_docx(["Sökande: Anna Svensson.", "Handläggare: Erik Johansson."]))
    handler = DocxHandler()
    doc = handler.extract(src, HandlerContext())
    dst = tmp_path / "o.docx"
    handler.redact(src, doc, [_mask(doc.text, "Anna Svensson")], dst, HandlerContext())
    after = handler.extract(dst, HandlerContext())
    body = [after.text[s.start : s.end] for s in after.segments if s.where == "word/document.xml"]
    assert body == ["Sökande: █████████████.", "Handläggare: Erik Johansson."]


def test_burn_string_merges_overlaps_and_places_labels() -> None:
    assert burn_string("Anna Svensson bor här", [(0, 4, None), (2, 13, None)]) == "█" * 13 + " bor här"
    assert burn_string("Anna Svensson bor här", [(0, 13, "PERSON")]) == "PERSON bor här"
    assert burn_string("An", [(0, 2, "")]) == ""


def test_html_text_maps_entities_inline_tags_and_link_targets() -> None:
    raw = "<p>Hej Bj&ouml;rn <b>Sv</b>ensson, <a href='mailto:b@x.se'>mejla</a></p><script>x</script>"
    mapped = html_text(raw)
    assert "Björn Svensson" in mapped.text and "mailto:b@x.se" in mapped.text
    assert "x" not in mapped.text.replace("mailto:b@x.se", "")
    start = mapped.text.index("Björn")
    out = burn_html(raw, mapped, [(start, start + len("Björn Svensson"), None)])
    assert "Bj" not in out and "ensson" not in out and "<b>" in out and "</b>" in out
    start = mapped.text.index("b@x.se")
    assert "mailto:██████" in burn_html(raw, mapped, [(start, start + 6, None)])


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../../home/app/.bashrc", "bashrc"),
        ("..\\..\\windows\\system.ini", "system.ini"),
        ("a\x00b\nc.pdf", "a_b_c.pdf"),
        ("", "bilaga"),
        ("...", "bilaga"),
        ("x" * 300, "x" * 120),
    ],
)
def test_attachment_filenames_are_bare_names(name: str, safe: str) -> None:
    assert safe_filename(name, "bilaga") == safe


def test_mbox_is_split_only_at_from_lines_after_a_blank_line() -> None:
    data = (
        b"From a@b Fri May  3 10:12:00 2024\nSubject: ett\n\nrad\nFrom mitt i texten\n\n"
        b"From c@d Sat May  4 10:12:00 2024\nSubject: tva\n\nrad\n"
    )
    messages = list(iter_messages(io.BytesIO(data), 10_000))
    assert [m[1].split(b"\n")[0] for m in messages] == [b"Subject: ett", b"Subject: tva"]
    assert b"From mitt i texten" in messages[0][1]
    entry = mbox_entry(messages[0][0], messages[0][1])
    assert entry.startswith(b"From MAILER-DAEMON Fri May  3 10:12:00 2024\n")
    assert b"\n>From mitt i texten" in entry and b"a@b" not in entry


def test_mbox_without_a_from_line_is_refused() -> None:
    from app.domain.errors import CorruptFile

    with pytest.raises(CorruptFile):
        list(iter_messages(io.BytesIO(b"Subject: x\n\nbody\n"), 1000))


def test_mbox_escaping_round_trips() -> None:
    data = b"From a@b Fri May  3 10:12:00 2024\nSubject: x\n\n>From a quoted line\n>>From twice\n"
    ((from_line, message),) = list(iter_messages(io.BytesIO(data), 10_000))
    assert b"\nFrom a quoted line\n>From twice\n" in message
    assert mbox_entry(from_line, message).endswith(b"\n>From a quoted line\n>>From twice\n\n")


def test_progress_counts_messages_as_the_reader_splits_them(tmp_path: Path) -> None:
    from app.batch.progress import count_items
    from app.batch.sources import classify

    path = tmp_path / "a.mbox"
    path.write_bytes(
        b"From a@b Fri May  3 10:12:00 2024\nSubject: x\n\nrad\nFrom inside a paragraph\n\n"
        b"From c@d Sat May  4 10:12:00 2024\nSubject: y\n\nbody\n"
    )
    assert count_items(classify(path)) == len(list(iter_messages(path.open("rb"), 10_000))) == 2


def test_redact_burns_the_file_as_it_is_not_a_stale_parse(tmp_path: Path) -> None:
    """The handler keeps the messages it extracted by their bytes: a file changed after extraction
    is parsed again, and a kept message is burned once only."""
    handler, ctx = EmailHandler(), HandlerContext()
    src, out = tmp_path / "a.eml", tmp_path / "out.eml"
    src.write_bytes(mail_samples.simple_eml("Anna Svensson ringde.\n"))
    assert handler.extract(src, ctx) is handler.extract(src, ctx)  # same bytes: the kept document
    src.write_bytes(mail_samples.simple_eml("Greta Holmberg ringde.\n"))
    doc = handler.extract(src, ctx)
    handler.redact(src, doc, [], out, ctx)
    assert b"Greta Holmberg" in out.read_bytes() and b"Anna" not in out.read_bytes()
    start = doc.text.index("Greta Holmberg")
    finding = Finding(EntityType.PERSON, Span(start, start + 14), "Greta Holmberg", 1.0, "t", Origin.NER)
    for _ in range(2):  # the second redact parses the file again: the kept message was burned
        handler.redact(src, doc, [Mask(finding, None)], out, ctx)
        assert b"Greta" not in out.read_bytes() and b"ringde" in out.read_bytes()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("Pnr 19121212-1212, 19121212-12120 och x19121212-1212 samt 19121212-1212.", "19121212-1212"),
        ("Ring 070-123 45 67, 070-123\u00a045\n67, ej 070-123 45 678 eller 070-12345 67", "070-123 45 67"),
        ("Anna, ANNA och annandag", "Anna"),  # letters: the compiled pattern
        ("1_2 1 2 ١٢ 12", "12"),  # '_' and other digits are word characters
    ],
)
def test_every_occurrence_finds_what_the_pattern_finds(text: str, needle: str) -> None:
    import re

    from app.occurrences import find_occurrences  # what every_occurrence searches with

    words = needle.split()
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    expected = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    assert expected and [(s.start, s.end) for s in find_occurrences(text, needle)] == expected
