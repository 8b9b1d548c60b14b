"""Time the verifier on a generated 200-page text PDF with about 2,000 needles.

Usage: .venv/bin/python benchmarks/bench_verify.py [--pages 200] [--needles 2000] [--repeat 3]

Prints the file size, the best wall time of verify_bytes, pages/s, the share spent in reading
surfaces versus searching, and peak memory (tracemalloc, Python allocations only).
The needles are absent from the clean file, so every surface is searched in full.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc

import pymupdf

from app.domain.model import EntityType
from app.verify import Needle, verify_bytes
from app.verify.needles import build_keys
from app.verify.normalize import haystack_variants
from app.verify.registry import read_any, root_context
from app.verify.search import Matcher
from app.verify.surfaces import TextSurface

FIRST = ["Anna", "Bertil", "Cecilia", "David", "Elsa", "Fredrik", "Greta", "Henrik", "Ingrid", "Johan"]
LAST = ["Lindqvist", "Sjöberg", "Nyström", "Ekström", "Holm", "Berglund", "Åkesson", "Lundgren"]
WORDS = ["beslut", "ärendet", "nämnden", "ansökan", "bygglov", "prövat", "fattat", "enligt", "plan", "och"]


def build_pdf(pages: int, rng: random.Random) -> bytes:
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page()
        lines = [" ".join(rng.choices(WORDS, k=12)) for _ in range(45)]
        page.insert_text((50, 60), "\n".join(lines), fontname="helv", fontsize=9)
    return doc.tobytes(garbage=3, deflate=True)


def build_needles(count: int, rng: random.Random) -> list[Needle]:
    needles = []
    for i in range(count):
        if i % 2:
            needles.append(Needle(f"{rng.choice(FIRST)}{i} {rng.choice(LAST)}", EntityType.PERSON))
        else:
            needles.append(
                Needle(
                    f"{rng.randint(19000101, 20201231)}-{rng.randint(0, 9999):04d}", EntityType.PERSONNUMMER
                )
            )
    return needles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--needles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    data, needles = build_pdf(args.pages, rng), build_needles(args.needles, rng)

    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        report = verify_bytes(data, needles)
        best = min(best, time.perf_counter() - start)
    assert report.clean, report.summary()

    start = time.perf_counter()
    surfaces = [item for item in read_any(data, root_context()) if isinstance(item, TextSurface)]
    read_s = time.perf_counter() - start
    matcher = Matcher(build_keys(needles, []))
    start = time.perf_counter()
    for surface in surfaces:
        for text in surface.texts:
            for variant in haystack_variants(text):
                matcher.hits(variant)
    search_s = time.perf_counter() - start

    tracemalloc.start()
    verify_bytes(data, needles)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    size = len(data) / 1e6
    print(f"file: {args.pages} pages, {size:.2f} MB; needles: {len(needles)}; surfaces: {len(surfaces)}")
    print(f"verify_bytes best of {args.repeat}: {best:.3f} s ({args.pages / best:.0f} pages/s)")
    print(f"  reading surfaces: {read_s:.3f} s; normalising + searching (uncached): {search_s:.3f} s")
    print(f"  peak Python memory: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
