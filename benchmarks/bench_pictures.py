"""Pictures benchmark: photos of letters attached to an e-mail and pasted into a Word file.

Each picture is an A4 letter of 30 lines with personal data (``bench_ocr.letter``) rendered at 300
dpi (2480 x 3508 pixels). The whole pipeline runs: OCR of every picture, analysis with the rest of
the file, burning every proposal into the pixels (re-encoded in the picture's own format) and
verification including the verifier's own OCR of every output picture. Word accuracy compares the
extraction's OCR text of each picture with the known text.

    .venv/bin/python benchmarks/bench_pictures.py [--pictures 4] [--workers 2]

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import sys
import tempfile
import time
from email import policy
from email.message import EmailMessage
from pathlib import Path

import docx
from docx.shared import Cm
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ocr import cpu_seconds, letter, scan, word_accuracy  # noqa: E402

from app.analysis import Analyzer  # noqa: E402
from app.pipeline import accept_all, analyze_file, burn_and_verify  # noqa: E402
from app.settings import Settings  # noqa: E402

DPI = 300


def encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, dpi=(DPI, DPI), **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


def email_with(pictures: list[bytes], fmt: str) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "registrator@kommun.se", "nämnden@kommun.se", "Foton av beslut"
    m.set_content("Här kommer bilder av besluten.")
    for n, data in enumerate(pictures):
        m.add_attachment(data, maintype="image", subtype=fmt.lower(), filename=f"beslut-{n}.{fmt.lower()}")
    return m.as_bytes(policy=policy.default)


def word_with(pictures: list[bytes]) -> bytes:
    d = docx.Document()
    for data in pictures:
        d.add_paragraph("Bilaga: foto av beslutet.")
        d.add_picture(io.BytesIO(data), width=Cm(16))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def run(kind: str, fmt: str, count: int, analyzer: Analyzer, settings: Settings, folder: Path) -> dict:
    rng = random.Random(f"{kind}{fmt}")
    texts = [letter(rng) for _ in range(count)]
    pictures = [encode(scan(t, DPI), fmt) for t in texts]
    suffix = ".eml" if kind == "e-mail" else ".docx"
    src = folder / f"{kind}-{fmt}{suffix}"
    src.write_bytes(email_with(pictures, fmt) if kind == "e-mail" else word_with(pictures))
    ctx = settings.handler_context()
    cpu_start, start = cpu_seconds(), time.perf_counter()
    analysis = analyze_file(src, analyzer, ctx)
    analysed = time.perf_counter()
    masks, kept = accept_all(analysis, settings.default_ground)
    result = burn_and_verify(analysis, masks, kept, folder / f"out-{kind}-{fmt}{suffix}", ctx)
    done = time.perf_counter()
    assert result.report.clean, result.report.summary()
    doc = analysis.document
    readings = [doc.text[s.start : s.end] for s in doc.segments if "(OCR)" in s.where]
    assert len(readings) == count
    accuracy = sum(word_accuracy(t, r) for t, r in zip(texts, readings, strict=True)) / count
    return {
        "kind": f"{kind}, {fmt}",
        "pictures": count,
        "masks": len(masks),
        "extract": analysed - start,
        "burn_verify": done - analysed,
        "total": done - start,
        "cpu": cpu_seconds() - cpu_start,
        "accuracy": accuracy,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=4)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    settings = Settings(workers=args.workers, ocr_enabled=True)
    analyzer = Analyzer.from_settings(settings)
    with tempfile.TemporaryDirectory() as folder:
        rows = [
            run(kind, fmt, args.pictures, analyzer, settings, Path(folder))
            for kind, fmt in (("e-mail", "PNG"), ("e-mail", "JPEG"), ("Word", "PNG"))
        ]
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, workers={args.workers}, "
        f"load average at end {os.getloadavg()[0]:.1f}"
    )
    print()
    print(
        "| file | pictures | masks | OCR + analysis | burn + verify incl. OCR check | pictures/s "
        "| CPU s/picture | word accuracy |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        rate, cpu = r["pictures"] / r["total"], r["cpu"] / r["pictures"]
        print(
            f"| {r['kind']} | {r['pictures']} | {r['masks']} | {r['extract']:.1f} s "
            f"| {r['burn_verify']:.1f} s | {rate:.2f} | {cpu:.1f} | {100 * r['accuracy']:.1f} % |"
        )


if __name__ == "__main__":
    main()
