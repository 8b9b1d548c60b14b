"""End-to-end PDF benchmark: analyze + redact + verify against a bare PyMuPDF floor, in one run.

The floor is what any PyMuPDF redaction script must do at least: extract the words of every page,
add the same redaction boxes Skymma burns, apply them and save. Skymma adds analysis, exact boxes,
the two-pass burn, cleaning, a full rewrite and independent verification on top.

    .venv/bin/python benchmarks/bench_pdf.py [--pages 200] [--big-pages 1000] [--workers N]

Prints a Markdown table for docs/benchmarks.md. Peak memory is the maximum resident set size of the
child process that ran the job (workers included, as each is measured separately by the kernel).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.analysis import Analyzer  # noqa: E402
from app.isolation import run_isolated  # noqa: E402
from app.pipeline import accept_all, analyze_file, burn_and_verify  # noqa: E402
from app.settings import Settings  # noqa: E402
from benchmarks.generate_pdf import generate  # noqa: E402


def floor(src: Path, boxes_by_page: dict[int, list[tuple[float, float, float, float]]], dst: Path) -> float:
    """Seconds for bare PyMuPDF: words of every page, the same boxes redacted, saved."""
    start = time.perf_counter()
    doc = pymupdf.open(src)
    for page in doc:
        page.get_text("words")
        for rect in boxes_by_page.get(page.number, ()):
            page.add_redact_annot(rect, fill=(0, 0, 0))
        page.apply_redactions()
    doc.save(dst, garbage=1, deflate=True)
    doc.close()
    return time.perf_counter() - start


def skymma(src: Path, dst: Path, analyzer: Analyzer, settings: Settings) -> tuple[float, dict]:
    """Seconds for the whole pipeline, and what it did."""
    ctx = settings.handler_context()
    start = time.perf_counter()
    analysis = analyze_file(src, analyzer, ctx)
    masks, kept = accept_all(analysis, settings.default_ground)
    result = burn_and_verify(analysis, masks, kept, dst, ctx)
    elapsed = time.perf_counter() - start
    boxes: dict[int, list] = {}
    for mask in masks:
        for box in mask.finding.boxes:
            boxes.setdefault(box.page, []).append((box.x0, box.y0, box.x1, box.y1))
    return elapsed, {"findings": len(analysis.findings), "clean": result.report.clean, "boxes": boxes}


def peak_rss_mb(fn) -> float:
    """Run ``fn`` in an isolated child and return the largest RSS any child reached, in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run_isolated(fn, timeout=3600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--big-pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    settings = Settings(workers=args.workers)
    analyzer = Analyzer.from_settings(settings)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = folder / "bench.pdf"
        src.write_bytes(generate(args.pages))
        words = sum(len(p.get_text("words")) for p in pymupdf.open(src))
        ours, floors = [], []
        info: dict = {}
        for _ in range(args.repeat):
            seconds, info = skymma(src, folder / "out.pdf", analyzer, settings)
            ours.append(seconds)
            floors.append(floor(src, info["boxes"], folder / "floor.pdf"))
        best, best_floor = min(ours), min(floors)

        big = folder / "big.pdf"
        big.write_bytes(generate(args.big_pages, seed=11))
        mem = peak_rss_mb(lambda: skymma(big, folder / "big-out.pdf", analyzer, settings)[1]["clean"])

    per_page = info["findings"] / args.pages
    model = "yes" if analyzer.nlp_engine.has_ner else "no"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PyMuPDF {pymupdf.VersionBind}; workers={args.workers}; NER model: {model}"
    )
    print(
        f"document: {args.pages} pages, {words} words, {info['findings']} findings ({per_page:.1f}/page); "
        f"verified clean: {info['clean']}"
    )
    print()
    print("| measure | value |")
    print("|---|---|")
    rate, floor_rate = args.pages / best, args.pages / best_floor
    print(f"| Skymma analyze+redact+verify, best of {args.repeat} | {best:.2f} s = {rate:.0f} pages/s |")
    print(f"| bare PyMuPDF floor (words, same boxes, save) | {best_floor:.2f} s = {floor_rate:.0f} pages/s |")
    print(f"| ratio Skymma / floor | {best / best_floor:.2f}x |")
    print(f"| peak RSS, {args.big_pages}-page PDF end to end | {mem:.0f} MB |")


if __name__ == "__main__":
    main()
