"""PdfHandler: extraction, locating, burning and cleaning, checked by reopening the output with PyMuPDF."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from app.domain.document import ExtractedDocument
from app.domain.errors import CorruptFile, EncryptedFile, LimitExceeded
from app.domain.model import Box, EntityType, Finding, LabelMode, Mask, Origin, Span
from app.formats.base import FormatHandler, HandlerContext, Limits
from app.formats.pdf import PdfHandler
from app.formats.pdf_burn import short_ground
from tests import pdf_samples as samples

CTX = HandlerContext()
ALL_TEXT = pymupdf.TEXT_PRESERVE_WHITESPACE


@pytest.fixture(scope="module")
def handler() -> PdfHandler:
    return PdfHandler()


def mask_of(handler: PdfHandler, doc: ExtractedDocument, text: str, occurrence: int = 0) -> Mask:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    span = Span(start, start + len(text))
    finding = Finding(EntityType.PERSON, span, text, 1.0, "test", Origin.REVIEWER, handler.locate(doc, span))
    return Mask(finding, "OSL 21 kap. 7 §")


def output_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        clip = pymupdf.INFINITE_RECT()
        return "\n".join(page.get_text("text", flags=ALL_TEXT, clip=clip) for page in doc)


def burn(handler: PdfHandler, tmp_path: Path, src: Path, texts: list[str], **ctx) -> Path:
    """Mask every occurrence of each text and burn."""
    doc = handler.extract(src, CTX)
    masks = [mask_of(handler, doc, t, n) for t in texts for n in range(doc.text.count(t))]
    dst = tmp_path / "out.pdf"
    handler.redact(src, doc, masks, dst, HandlerContext(**ctx))
    return dst


def test_handler_fulfils_the_protocol(handler: PdfHandler) -> None:
    assert isinstance(handler, FormatHandler)
    assert handler.sniff(b"%PDF-1.7\n")
    assert not handler.sniff(b"PK\x03\x04")


def test_segments_cover_each_page_and_name_it(handler: PdfHandler, tmp_path: Path) -> None:
    doc_ = pymupdf.open()
    samples.text_page(doc_, ["Första sidan."])
    samples.text_page(doc_, ["Andra sidan."])
    src = samples.write(tmp_path, "two-pages.pdf", doc_.tobytes())
    doc = handler.extract(src, CTX)
    assert [s.where for s in doc.segments] == ["page 1", "page 2"]
    assert [doc.text[s.start : s.end] for s in doc.segments] == ["Första sidan.", "Andra sidan."]
    assert doc.page_count == 2


def test_out_of_order_pieces_read_as_one_name(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "out-of-order.pdf", samples.out_of_order_name())
    doc = handler.extract(src, CTX)
    assert "Anna Svensson" in doc.text


def test_text_in_off_layers_and_outside_the_page_is_extracted(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "hidden-surfaces.pdf", samples.hidden_surfaces())
    doc = handler.extract(src, CTX)
    assert "Bertil Lagerqvist" in doc.text  # layer switched off
    assert "Cecilia Marginal" in doc.text  # outside the MediaBox
    assert "Anna Svensson" in doc.text  # the form field's value, baked into the page
    src2 = samples.write(tmp_path, "cropped.pdf", samples.cropped_name())
    assert "David Kantsson" in handler.extract(src2, CTX).text


def test_ligatures_are_kept_for_the_normaliser(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "ligatures.pdf", samples.simple(["Griﬃn Staﬀansson"]))
    assert "Griﬃn Staﬀansson" in handler.extract(src, CTX).text


def test_image_only_page_gets_a_note(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "scanned-no-text-layer.pdf", samples.image_only_page())
    doc = handler.extract(src, CTX)
    assert any("no text layer" in note for note in doc.notes)


def test_partial_word_box_covers_only_the_name(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "glued.pdf", samples.simple(["Namn:Kalle Karlsson har ringt."]))
    doc = handler.extract(src, CTX)
    mask = mask_of(handler, doc, "Kalle Karlsson")
    (box,) = mask.finding.boxes
    whole = handler.locate(doc, Span(0, doc.text.index(" ")))[0]  # the glued word "Namn:Kalle"
    assert box.x0 > whole.x0 + 10  # starts after "Namn:"
    dst = tmp_path / "out.pdf"
    handler.redact(src, doc, [mask], dst, CTX)
    text = output_text(dst)
    assert "Namn:" in text and "har ringt." in text
    assert "Kalle" not in text and "Karlsson" not in text


def test_partial_word_box_from_characters_when_no_pieces(handler: PdfHandler, tmp_path: Path) -> None:
    """The slow path: per-character boxes, when punctuation pieces are not available."""
    src = samples.write(tmp_path, "glued.pdf", samples.simple(["Namn:Kalle Karlsson har ringt."]))
    doc = handler.extract(src, CTX)
    with_pieces = mask_of(handler, doc, "Kalle").finding.boxes[0]
    doc.segments[0].locator.words.pieces.clear()
    from_chars = mask_of(handler, doc, "Kalle").finding.boxes[0]
    assert abs(with_pieces.x0 - from_chars.x0) < 0.5 and abs(with_pieces.x1 - from_chars.x1) < 0.5


def test_span_across_a_line_break_gets_one_box_per_line(handler: PdfHandler, tmp_path: Path) -> None:
    lines = ["Personnummer 19121212-", "1212 tillhör sökanden."]
    src = samples.write(tmp_path, "pnr-split-across-lines.pdf", samples.simple(lines))
    doc = handler.extract(src, CTX)
    mask = mask_of(handler, doc, "19121212-\n1212")
    assert len(mask.finding.boxes) == 2
    dst = tmp_path / "out.pdf"
    handler.redact(src, doc, [mask], dst, CTX)
    text = output_text(dst)
    assert "19121212" not in text and "1212 " not in text
    assert "Personnummer" in text and "tillhör sökanden." in text


def test_burn_leaves_adjacent_lines_intact(handler: PdfHandler, tmp_path: Path) -> None:
    lines = [
        "Ovanför står Gunnar Gunnarsson kvar.",
        "Hemlig Helena Hemlin här.",
        "Nedanför står Ivar Ivarsson kvar.",
    ]
    doc_ = pymupdf.open()
    samples.text_page(doc_, lines, fontsize=12)  # 14 pt leading: glyph boxes of adjacent lines overlap
    src = samples.write(tmp_path, "tight-lines.pdf", doc_.tobytes())
    dst = burn(handler, tmp_path, src, ["Helena Hemlin"])
    text = output_text(dst)
    assert "Helena" not in text and "Hemlin" not in text
    for kept in (
        "Ovanför står Gunnar Gunnarsson kvar.",
        "Nedanför står Ivar Ivarsson kvar.",
        "Hemlig",
        "här.",
    ):
        assert kept in text


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotated_pages_are_burned_in_place(handler: PdfHandler, tmp_path: Path, rotation: int) -> None:
    src = samples.write(tmp_path, f"rotated-{rotation}.pdf", samples.rotated(rotation))
    dst = burn(handler, tmp_path, src, ["Erik Roterad"])
    text = output_text(dst)
    assert "Roterad" not in text and "Erik" not in text
    assert "Övrig text som ska stå kvar." in text
    with pymupdf.open(dst) as out:
        assert out[0].rotation == rotation


def test_burn_removes_every_hidden_surface(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "hidden-surfaces.pdf", samples.hidden_surfaces())
    dst = burn(handler, tmp_path, src, ["Anna Svensson", "Bertil Lagerqvist", "Cecilia Marginal"])
    text = output_text(dst)
    for name in ("Anna Svensson", "Bertil Lagerqvist", "Cecilia Marginal"):
        assert name not in text
    assert "Beslut i ärendet." in text and "Handläggare:" in text
    with pymupdf.open(dst) as out:
        assert not any(v for k, v in out.metadata.items() if k not in ("format", "encryption"))
        assert out.get_xml_metadata() == ""
        assert out.embfile_count() == 0
        assert out.get_toc() == []
        assert out.get_page_labels() == []
        assert list(out[0].annots()) == [] and out[0].first_widget is None
        assert not out.is_form_pdf
    raw = dst.read_bytes()
    assert raw.count(b"%%EOF") == 1 and b"/Prev" not in raw
    for marker in (
        b"/OCProperties",
        b"/AcroForm",
        b"/EmbeddedFiles",
        b"/Outlines",
        b"/PageLabels",
        b"/Metadata",
    ):
        assert marker not in raw


def test_incremental_history_does_not_survive(handler: PdfHandler, tmp_path: Path) -> None:
    original = samples.simple(["Tidigare version: Johan Historiksson"])
    data = samples.incremental_update(original, ["Ny version utan namn."])
    assert b"%%EOF" in data[: data.index(b"%%EOF") + 5] and data.count(b"%%EOF") == 2
    src = samples.write(tmp_path, "incremental.pdf", data)
    doc = handler.extract(src, CTX)
    assert "Historiksson" not in doc.text
    dst = tmp_path / "out.pdf"
    handler.redact(src, doc, [], dst, CTX)
    raw = dst.read_bytes()
    assert raw.count(b"%%EOF") == 1 and b"/Prev" not in raw


def test_no_masks_leaves_the_text_as_it_was(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "plain.pdf", samples.simple(["Inget ska maskas här.", "Rad två."]))
    doc = handler.extract(src, CTX)
    dst = tmp_path / "out.pdf"
    handler.redact(src, doc, [], dst, CTX)
    assert handler.extract(dst, CTX).text == doc.text


def test_box_masks_name_the_text_under_them(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "box.pdf", samples.simple(["Vänster Hemlig Höger", "Rad två"]))
    doc = handler.extract(src, CTX)
    hemlig = mask_of(handler, doc, "Hemlig").finding.boxes[0]
    spans = handler.spans_at(doc, Box(0, hemlig.x0 - 1, hemlig.y0 - 1, hemlig.x1 + 1, hemlig.y1 + 1))
    assert [doc.text[s.start : s.end] for s in spans] == ["Hemlig"]


def test_labels_are_written_on_the_masks(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "label.pdf", samples.simple(["Sökande Lisa Labelsson bor här."]))
    dst = burn(handler, tmp_path, src, ["Lisa Labelsson"], label_mode=LabelMode.GROUND)
    text = output_text(dst)
    assert "OSL 21:7" in text and "Labelsson" not in text
    assert short_ground("OSL 26 kap. 1 §") == "OSL 26:1"


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", CorruptFile, "empty"),
        (b"PK\x03\x04 not a pdf at all", CorruptFile, "not a PDF"),
        (samples.simple(["x"])[:300], CorruptFile, ""),
        (samples.encrypted(["Hemligt"]), EncryptedFile, "password"),
    ],
    ids=["empty", "not-a-pdf", "truncated", "encrypted"],
)
def test_bad_input_is_refused_in_one_line(
    handler: PdfHandler, tmp_path: Path, data: bytes, error: type, words: str
) -> None:
    src = samples.write(tmp_path, "bad.pdf", data)
    with pytest.raises(error) as info:
        handler.extract(src, CTX)
    assert "\n" not in str(info.value) and words in str(info.value)


def test_page_limit_is_a_setting(handler: PdfHandler, tmp_path: Path) -> None:
    src = samples.write(tmp_path, "many.pdf", samples.many_pages(12))
    with pytest.raises(LimitExceeded, match="12 pages"):
        handler.extract(src, HandlerContext(limits=Limits(max_pages=10)))


def test_large_documents_are_split_over_workers_without_changing_the_result(
    handler: PdfHandler, tmp_path: Path
) -> None:
    doc_ = pymupdf.open()
    for n in range(40):
        samples.text_page(doc_, [f"Sida {n + 1} av beslutet.", f"Sökande Nils Sidberg{n} bor här."])
    src = samples.write(tmp_path, "forty-pages.pdf", doc_.tobytes())
    serial = handler.extract(src, HandlerContext(workers=1))
    parallel = handler.extract(src, HandlerContext(workers=2))
    assert parallel.text == serial.text and len(parallel.segments) == 40
    masks = [mask_of(handler, parallel, f"Nils Sidberg{n}") for n in range(40)]
    dst = tmp_path / "out.pdf"
    handler.redact(src, parallel, masks, dst, HandlerContext(workers=2))
    with pymupdf.open(dst) as out:
        texts = [page.get_text() for page in out]
    assert [t.splitlines()[0] for t in texts] == [f"Sida {n + 1} av beslutet." for n in range(40)]
    assert not any("Sidberg" in t for t in texts)
