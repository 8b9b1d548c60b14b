"""End to end through the CLI: a trap PDF goes in, every planted datum is found and burned, and the
verifier's own readers prove it is gone from every surface while the unmasked text stays."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pymupdf
import pytest

from app.cli import EXIT_BAD_INPUT, EXIT_LEAK, EXIT_OK
from app.domain.model import EntityType
from app.verify import Needle, verify_file
from tests import network_guard
from tests import pdf_samples as samples
from tests.e2e.cli_support import run

PNR_SPLIT = ("Personnummer 19121212-", "1212 gäller sökanden.")


def analyze_json(capsys: pytest.CaptureFixture[str], src: Path) -> dict:
    code, out, err = run(capsys, "analyze", str(src), "--json")
    assert code == EXIT_OK, err
    return json.loads(out)


def redact_with(capsys: pytest.CaptureFixture[str], src: Path, decisions: dict, tmp_path: Path) -> Path:
    """Redact ``src`` with a decisions file holding ``decisions``; the output, after exit code 0."""
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps(decisions), encoding="utf-8")
    dst = tmp_path / "out.pdf"
    code, _, err = run(capsys, "redact", str(src), "-o", str(dst), "--decisions", str(path))
    assert code == EXIT_OK, err
    return dst


def page_text(path: Path) -> str:
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE
    with pymupdf.open(path) as doc:
        return "\n".join(p.get_text("text", flags=flags, clip=pymupdf.INFINITE_RECT()) for p in doc)


def trap_document() -> bytes:
    """Ligatures, a hyphenated name, a name across a line break, a number split over two lines,
    metadata, a comment, a form field and an embedded file, all on one document."""
    doc = pymupdf.open(stream=samples.hidden_surfaces())
    page = doc[0]
    writer = pymupdf.TextWriter(page.rect)
    lines = [
        "Sökanden Griﬃn Staﬀansson har ansökt om bistånd.",  # ligatures
        "Ärendet handläggs av socialsekreterare Mar-",  # name hyphenated at the line end
        "tina Eklund på enheten.",
        "Kontaktperson är Ulf",  # name across a line break
        "Bergqvist på kontoret.",
        *PNR_SPLIT,  # personnummer split over two lines
        "Telefon 070-812 33 09 och e-post griffin.staffansson@exempel.se.",
        "Beslutet fattades i nämnden efter föredragning.",
    ]
    for n, line in enumerate(lines):
        writer.append((72, 500 + n * 16), line, font=samples.TIRO, fontsize=11)
    writer.write_text(page)
    return doc.tobytes()


@pytest.fixture
def trap_pdf(tmp_path: Path) -> Path:
    return samples.write(tmp_path, "traps.pdf", trap_document())


def test_accept_all_burns_every_trap_and_keeps_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trap_pdf: Path
) -> None:
    before = network_guard.attempts.copy()
    report = analyze_json(capsys, trap_pdf)
    found = {(f["entity"], f["text"].replace("\n", " ")) for f in report["findings"]}
    for expected in [
        ("PERSON", "Anna Svensson"),
        ("PERSONNUMMER", "19121212- 1212"),
        ("PHONE", "070-812 33 09"),
        ("EMAIL", "griffin.staffansson@exempel.se"),
    ]:
        assert expected in found, f"{expected} not proposed"
    dst = tmp_path / "out.pdf"
    code, out, err = run(capsys, "redact", str(trap_pdf), "-o", str(dst), "--accept-all")
    assert code == EXIT_OK, err
    assert "verified" in out
    needles = [
        Needle("Anna Svensson", EntityType.PERSON),
        Needle("Griﬃn Staﬀansson", EntityType.PERSON),
        Needle("Martina Eklund", EntityType.PERSON),
        Needle("Ulf Bergqvist", EntityType.PERSON),
        Needle("Bertil Lagerqvist", EntityType.PERSON),
        Needle("Cecilia Marginal", EntityType.PERSON),
        Needle("19121212-1212", EntityType.PERSONNUMMER),
        Needle("070-812 33 09", EntityType.PHONE),
        Needle("griffin.staffansson@exempel.se", EntityType.EMAIL),
    ]
    assert verify_file(dst, needles).clean
    text = page_text(dst)
    for kept in ("har ansökt om bistånd.", "på enheten.", "på kontoret.", "Beslutet fattades i nämnden"):
        assert kept in text
    assert network_guard.attempts == before, "analyze or redact opened a non-loopback connection"


def test_rejected_proposals_stay_and_accepted_ones_go(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = samples.write(
        tmp_path,
        "two-people.pdf",
        samples.simple(["Sökande: Anna Svensson, 19121212-1212.", "Handläggare: Erik Johansson."]),
    )
    report = analyze_json(capsys, src)
    for row in report["findings"]:
        row["accept"] = "Johansson" not in row["text"]
    dst = redact_with(capsys, src, report, tmp_path)
    text = page_text(dst)
    assert "Erik Johansson" in text
    assert "Anna Svensson" not in text and "19121212" not in text
    assert verify_file(dst, [Needle("Anna Svensson", EntityType.PERSON)]).clean


def test_manual_masks_by_text_and_box(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = samples.write(
        tmp_path,
        "manual.pdf",
        samples.simple(["Projektet Blåsippan leds av oss.", "Kodnamn Vitsippan gäller."]),
    )
    report = analyze_json(capsys, src)
    with pymupdf.open(src) as doc:
        (rect,) = doc[0].search_for("Vitsippan")
    report["findings"] = [
        {"text": "Blåsippan", "entity": "OTHER", "accept": True, "ground": "OSL 18 kap. 1 §"},
        {"boxes": [[0, rect.x0 - 1, rect.y0 - 1, rect.x1 + 1, rect.y1 + 1]], "accept": True},
    ]
    dst = redact_with(capsys, src, report, tmp_path)
    text = page_text(dst)
    assert "Blåsippan" not in text and "Vitsippan" not in text
    assert "Projektet" in text and "gäller." in text


def test_redact_without_a_decision_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = samples.write(tmp_path, "plain.pdf", samples.simple(["Anna Svensson"]))
    code, _, err = run(capsys, "redact", str(src), "-o", str(tmp_path / "out.pdf"))
    assert code == EXIT_BAD_INPUT
    assert "a person must confirm" in err and err.count("\n") == 1
    assert not (tmp_path / "out.pdf").exists()


def test_decisions_for_another_file_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a = samples.write(tmp_path, "a.pdf", samples.simple(["Anna Svensson"]))
    b = samples.write(tmp_path, "b.pdf", samples.simple(["Erik Johansson"]))
    decisions = tmp_path / "a.json"
    decisions.write_text(json.dumps(analyze_json(capsys, a)), encoding="utf-8")
    code, _, err = run(
        capsys, "redact", str(b), "-o", str(tmp_path / "out.pdf"), "--decisions", str(decisions)
    )
    assert code == EXIT_BAD_INPUT and "another file" in err


def test_a_leak_deletes_the_output_and_exits_3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sabotage the burn (masks drawn but not applied) and check the verifier blocks the release."""
    from app.formats import pdf_burn

    monkeypatch.setattr(pdf_burn, "_burn_page", lambda page, boxes: None)
    src = samples.write(tmp_path, "leak.pdf", samples.simple(["Sökande: Anna Svensson, 19121212-1212."]))
    dst = tmp_path / "out.pdf"
    code, _, err = run(capsys, "redact", str(src), "-o", str(dst), "--accept-all")
    assert code == EXIT_LEAK
    assert not dst.exists()
    assert "PERSONNUMMER" in err and "page 1" in err
    assert "Anna Svensson" not in err and "19121212" not in err


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"%PDF-1.7\n1 0 obj <<",
        b"PK\x03\x04 zip",
        samples.encrypted(["Hemligt"]),
        samples.absurd_page_count(),
        samples.page_tree_cycle(),
    ],
    ids=["empty", "truncated", "zip-named-pdf", "encrypted", "two-billion-pages", "page-tree-cycle"],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes
) -> None:
    src = samples.write(tmp_path, "bad.pdf", data)
    for argv in (["analyze", str(src)], ["redact", str(src), "-o", str(tmp_path / "o.pdf"), "--accept-all"]):
        code, _, err = run(capsys, *argv)
        assert code == EXIT_BAD_INPUT
        assert err.count("\n") == 1 and "Traceback" not in err


BOMB = Path(__file__).resolve().parent.parent / "samples" / "pdf" / "decompression-bomb-1gib.pdf"


def test_a_decompression_bomb_is_stopped_in_bounded_time(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1 MB file whose page content inflates to 1 GiB: stopped at the time limit, exit 2, one line."""
    from app import settings as settings_module

    monkeypatch.setenv("SKYMMA_MAX_SECONDS", "1")
    settings_module.get_settings.cache_clear()
    try:
        started = time.monotonic()
        code, _, err = run(capsys, "analyze", str(BOMB))
        elapsed = time.monotonic() - started
    finally:
        settings_module.get_settings.cache_clear()
    assert code == EXIT_BAD_INPUT
    assert "longer than 1 s" in err and err.count("\n") == 1
    assert elapsed < 30


def test_a_masked_text_is_burned_at_every_occurrence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A mask placed on one occurrence (by range) also burns the other copies, in any case: the
    verifier would otherwise refuse the file, and a person masking a datum means every copy."""
    lines = ["Kodnamn Blåsippan gäller i ärendet.", "Om BLÅSIPPAN och blåsippan beslutar nämnden."]
    src = samples.write(tmp_path, "copies.pdf", samples.simple(lines))
    report = analyze_json(capsys, src)
    with pymupdf.open(src) as doc:
        text = "".join(doc[0].get_text())
    start = _document_offset(src, "Blåsippan")
    report["findings"] = [
        {"start": start, "end": start + len("Blåsippan"), "entity": "OTHER", "accept": True, "ground": "x"}
    ]
    dst = redact_with(capsys, src, report, tmp_path)
    released = page_text(dst)
    assert "blåsippan" not in released.casefold()
    assert "Kodnamn" in released and "nämnden" in released
    assert "Blåsippan" in text  # the source is untouched
    assert verify_file(dst, [Needle("Blåsippan", EntityType.OTHER)]).clean


def _document_offset(src: Path, needle: str) -> int:
    from app.pipeline import extract_document
    from app.settings import Settings

    _, doc = extract_document(src, Settings().handler_context())
    return doc.text.index(needle)
