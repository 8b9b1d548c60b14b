"""End to end through the CLI for Word files: every trap surface of issue 4 is found and burned, the
verifier's own ZIP/XML readers prove it, and hostile packages are refused with one line."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import docx
import pytest

from app.cli import EXIT_BAD_INPUT, EXIT_LEAK, EXIT_OK
from app.domain.model import EntityType
from app.verify import Needle, verify_file
from tests import docx_samples as samples
from tests import network_guard
from tests.e2e.cli_support import run

ENTITY = {
    "personnummer": EntityType.PERSONNUMMER,
    "nested-table-phone": EntityType.PHONE,
    "mailto-target": EntityType.EMAIL,
    "fld-simple": EntityType.EMAIL,
}


def trap_needles() -> list[Needle]:
    return [Needle(text, ENTITY.get(key, EntityType.PERSON)) for key, text in samples.TRAPS.items()]


@pytest.fixture
def trap_docx(tmp_path: Path) -> Path:
    path = tmp_path / "traps.docx"
    path.write_bytes(samples.trap_docx())
    return path


def test_the_source_holds_every_trap(trap_docx: Path) -> None:
    """The fixture is a real test: the verifier sees every planted datum in the unredacted file."""
    report = verify_file(trap_docx, trap_needles())
    leaked = {
        leak.detail.split("masked string #")[1].split()[0] for leak in report.leaks if "#" in leak.detail
    }
    assert leaked == {str(n) for n in range(1, len(samples.TRAPS) + 1)}


def test_accept_all_burns_every_surface(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trap_docx: Path
) -> None:
    before = network_guard.attempts.copy()
    code, out, err = run(capsys, "analyze", str(trap_docx), "--json")
    assert code == EXIT_OK, err
    found = {f["text"] for f in json.loads(out)["findings"]}
    for key in (
        "split-runs",
        "personnummer",
        "deleted-text",
        "text-box",
        "mailto-target",
        "fld-simple",
        "alt-text",
        "footnote",
        "endnote",
        "first-page-header",
        "even-page-footer",
        "comment-author",
    ):
        assert samples.TRAPS[key] in found, f"{key} not proposed"
    dst = tmp_path / "out.docx"
    code, out, err = run(capsys, "redact", str(trap_docx), "-o", str(dst), "--accept-all")
    assert code == EXIT_OK, err
    assert verify_file(dst, trap_needles()).clean
    assert network_guard.attempts == before

    out_doc = docx.Document(str(dst))  # still a Word document python-docx can open
    body = "\n".join(p.text for p in out_doc.paragraphs)
    for kept in samples.KEPT:
        assert kept in body
    first = out_doc.paragraphs[0]
    assert first.text == "Sökanden " + "█" * len("Anna Svensson") + " har ansökt om bistånd."
    assert [r.bold for r in first.runs][2] is True, "formatting of the split runs is kept"
    with zipfile.ZipFile(dst) as z:
        names = set(z.namelist())
    assert not any(n.startswith(("docProps/thumbnail", "word/comments")) for n in names)
    assert out_doc.core_properties.author == "" and out_doc.core_properties.last_modified_by == ""


def test_labels_replace_the_masked_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "label.docx"
    src.write_bytes(samples.simple_docx(["Sökande: Anna Svensson, 19121212-1212.", "Handläggs av enheten."]))
    dst = tmp_path / "out.docx"
    code, _, err = run(capsys, "redact", str(src), "-o", str(dst), "--accept-all", "--label", "entity")
    assert code == EXIT_OK, err
    text = [p.text for p in docx.Document(str(dst)).paragraphs]
    assert text == ["Sökande: PERSON, PERSONNUMMER.", "Handläggs av enheten."]


def test_rejected_proposals_stay(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "two.docx"
    src.write_bytes(samples.simple_docx(["Sökande: Anna Svensson.", "Handläggare: Erik Johansson."]))
    code, out, err = run(capsys, "analyze", str(src), "--json")
    assert code == EXIT_OK, err
    report = json.loads(out)
    for row in report["findings"]:
        row["accept"] = "Johansson" not in row["text"]
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps(report), encoding="utf-8")
    dst = tmp_path / "out.docx"
    code, _, err = run(capsys, "redact", str(src), "-o", str(dst), "--decisions", str(decisions))
    assert code == EXIT_OK, err
    text = "\n".join(p.text for p in docx.Document(str(dst)).paragraphs)
    assert "Erik Johansson" in text and "Anna Svensson" not in text


def test_a_burn_that_misses_a_node_is_caught(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trap_docx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.formats import docx as docx_handler

    monkeypatch.setattr(docx_handler, "apply_edits", lambda root, edits: None)
    dst = tmp_path / "out.docx"
    code, _, err = run(capsys, "redact", str(trap_docx), "-o", str(dst), "--accept-all")
    assert code == EXIT_LEAK and not dst.exists()
    assert "Anna" not in err and "19121212" not in err


def _zip(members: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _hostile(kind: str) -> bytes:
    base = samples.simple_docx(["Anna Svensson bor här."])
    if kind == "not-a-zip":
        return b"This is plain text with a .docx name.\n" * 10
    if kind == "truncated":
        return base[: len(base) // 2]
    if kind == "encrypted":  # an OLE compound file, as Office writes password-protected documents
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"EncryptedPackage"
    if kind == "zip-bomb":
        parts = samples.unzip(base)
        parts["word/document.xml"] = b"<a>" + b" " * (600 * 1024 * 1024) + b"</a>"
        return _zip(parts)
    if kind == "xxe":
        xml = (
            b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&x; Anna Svensson</w:t></w:r></w:p></w:body></w:document>"
        )
        return samples.with_part(base, "word/document.xml", xml)
    if kind == "billion-laughs":
        ents = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        xml = (
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "ha">{ents}]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
        ).encode()
        return samples.with_part(base, "word/document.xml", xml)
    if kind == "not-word":
        return _zip({"hello.txt": b"just a zip"})
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind", ["not-a-zip", "truncated", "encrypted", "zip-bomb", "xxe", "billion-laughs", "not-word"]
)
def test_hostile_packages_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    src = tmp_path / "bad.docx"
    src.write_bytes(_hostile(kind))
    started = time.monotonic()
    code, _, err = run(capsys, "redact", str(src), "-o", str(tmp_path / "o.docx"), "--accept-all")
    assert code == EXIT_BAD_INPUT, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "root:" not in err  # no entity was ever resolved into the message
    assert time.monotonic() - started < 30
    assert not (tmp_path / "o.docx").exists()
