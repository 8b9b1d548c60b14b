"""OCR benchmark: generated scans at 200 and 300 dpi through the whole pipeline on every core.

Each page is a letter of about 30 lines of Swedish text with personal data, rendered to a greyscale
picture at the given resolution (a clean scan) and wrapped as an image-only PDF. The pipeline reads
it by OCR, analyses it, burns every proposal and verifies the result, including the verifier's own
OCR re-check of every page. Word accuracy compares the OCR words of the extraction with the known
text (longest matching word sequence, ``difflib``).

    .venv/bin/python benchmarks/bench_ocr.py [--pages 8] [--workers 2] [--dpi 200 300]

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import pymupdf
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.analysis import Analyzer  # noqa: E402
from app.pipeline import accept_all, analyze_file, burn_and_verify  # noqa: E402
from app.settings import Settings  # noqa: E402

FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Nils"]
LAST = ["Svensson", "Johansson", "Lindqvist", "Bergström", "Holm", "Sjöberg", "Nyström", "Ek"]
SENTENCES = [
    "Sökanden {name} har ansökt om ekonomiskt bistånd för hyra och uppehälle.",
    "Personnummer {pnr} enligt folkbokföringen, telefon {phone}.",
    "Nämnden har prövat ansökan och funnit att sökanden har rätt till bistånd.",
    "Handläggaren {name} har gjort ett hembesök den 12 mars och samtalat med familjen.",
    "Beslutet kan överklagas till förvaltningsrätten inom tre veckor från delgivningen.",
    "Kontakta oss på {email} om du har frågor om ditt ärende.",
    "Utredningen visar att hushållets inkomster understiger riksnormen för försörjningsstöd.",
    "Yttrande har inhämtats från skolan och från hälso- och sjukvården.",
]


def letter(rng: random.Random, lines: int = 30) -> list[str]:
    out = []
    while len(out) < lines:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        out.append(
            rng.choice(SENTENCES).format(
                name=f"{first} {last}",
                pnr="19121212-1212",
                phone=f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                email=f"{first.lower()}.{last.lower().replace('ö', 'o')}@exempel.se",
            )
        )
    return out


def scan(lines: list[str], dpi: int) -> Image.Image:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for n, line in enumerate(lines):
        page.insert_text((56, 70 + n * 23), line, fontsize=11, fontname="tiro")
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    return Image.frombytes("L", (pix.width, pix.height), pix.samples)


def scanned_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    doc = pymupdf.open()
    for image in pages:
        page = doc.new_page(width=image.width * 72 / dpi, height=image.height * 72 / dpi)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        page.insert_image(page.rect, stream=buffer.getvalue())
    return doc.tobytes(garbage=3, deflate=True)


def cpu_seconds() -> float:
    """CPU time of this process, its forked workers and every Tesseract they ran (all reaped)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def word_accuracy(known: list[str], read: str) -> float:
    """Share of the known words found, in order, in the OCR reading."""
    truth = " ".join(known).split()
    matcher = difflib.SequenceMatcher(a=truth, b=read.split(), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(truth)


def run(dpi: int, pages: int, analyzer: Analyzer, settings: Settings, folder: Path) -> dict:
    rng = random.Random(dpi)
    texts = [letter(rng) for _ in range(pages)]
    src = folder / f"scan-{dpi}.pdf"
    src.write_bytes(scanned_pdf([scan(t, dpi) for t in texts], dpi))
    ctx = settings.handler_context()
    cpu_start = cpu_seconds()
    start = time.perf_counter()
    analysis = analyze_file(src, analyzer, ctx)
    analysed = time.perf_counter()
    cpu_analysed = cpu_seconds()
    masks, kept = accept_all(analysis, settings.default_ground)
    result = burn_and_verify(analysis, masks, kept, folder / f"out-{dpi}.pdf", ctx)
    done = time.perf_counter()
    cpu = cpu_seconds() - cpu_start
    assert result.report.clean
    page_texts = analysis.document.text.split("\f")
    accuracy = sum(word_accuracy(t, r) for t, r in zip(texts, page_texts, strict=True)) / pages
    return {
        "dpi": dpi,
        "pages": pages,
        "masks": len(masks),
        "extract": analysed - start,
        "burn_verify": done - analysed,
        "total": done - start,
        "cpu": cpu,
        "cpu_extract": cpu_analysed - cpu_start,
        "accuracy": accuracy,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dpi", type=int, nargs="+", default=[200, 300])
    args = parser.parse_args()
    settings = Settings(workers=args.workers, ocr_enabled=True)
    analyzer = Analyzer.from_settings(settings)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for dpi in args.dpi:
            rows.append(run(dpi, args.pages, analyzer, settings, Path(folder)))
    load = os.getloadavg()[0]
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, workers={args.workers}, "
        f"load average at end {load:.1f}"
    )
    print()
    print(
        "| dpi | pages | masks | OCR + analysis | burn + verify incl. OCR check | pages/s | CPU s/page "
        f"| pages/s on {args.workers} idle cores (CPU bound) | word accuracy |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        per_page = r["cpu"] / r["pages"]
        print(
            f"| {r['dpi']} | {r['pages']} | {r['masks']} | {r['extract']:.1f} s | {r['burn_verify']:.1f} s | "
            f"{r['pages'] / r['total']:.2f} | {per_page:.1f} | {args.workers / per_page:.2f} | "
            f"{100 * r['accuracy']:.1f} % |"
        )
    for r in rows:
        print(
            f"\n{r['dpi']} dpi CPU s/page: OCR + analysis {r['cpu_extract'] / r['pages']:.2f}, "
            f"burn + verify {(r['cpu'] - r['cpu_extract']) / r['pages']:.2f}"
        )


if __name__ == "__main__":
    main()
