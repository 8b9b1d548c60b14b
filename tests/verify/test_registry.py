"""The verifier's independence and its extension point for new formats."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

import app.verify
from app.verify import registry, verify_bytes
from app.verify.surfaces import Item, ReadContext, SurfaceReader, TextSurface
from tests.verify.builders import NAME, NAME_NEEDLE, assert_flagged, new_doc, to_bytes


def test_verifier_never_imports_extraction_code() -> None:
    root = Path(app.verify.__file__).parent
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not name.startswith(("app.formats", "app.analysis")), f"{path.name} imports {name}"


def test_every_reader_fulfils_the_protocol() -> None:
    for reader in registry.READERS:
        assert isinstance(reader, SurfaceReader)
    pdf = to_bytes(new_doc(1))
    assert registry.reader_for(pdf).name == "pdf"
    assert registry.reader_for(b"plain text") is None


class _LinesReader:
    """A toy format: magic "LINES1", one surface per line, standing in for a future DOCX/e-mail reader."""

    name: ClassVar[str] = "lines"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"LINES1\n")

    def read(self, data: bytes, ctx: ReadContext) -> Iterator[Item]:
        for number, line in enumerate(data.decode().splitlines()[1:]):
            yield TextSurface("line", (line,), detail=f"line {number + 1}")


def test_a_new_reader_plugs_in_without_touching_the_pdf_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    data = f"LINES1\nhej\nTill {NAME}\n".encode()
    assert any("unrecognised" in leak.detail for leak in verify_bytes(data, [NAME_NEEDLE]).leaks)
    monkeypatch.setattr(registry, "READERS", (*registry.READERS, _LinesReader()))
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "line", None, NAME)
    assert [leak.detail.split(";")[0] for leak in report.leaks] == ["line 2"]


def test_embedded_file_of_a_new_format_uses_the_new_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "READERS", (*registry.READERS, _LinesReader()))
    doc = new_doc()
    doc.embfile_add("data.lines", f"LINES1\nTill {NAME}\n".encode())
    report = verify_bytes(to_bytes(doc), [NAME_NEEDLE])
    assert any("line" in leak.detail for leak in report.leaks if leak.surface == "embedded-file")
