"""Benchmark: analysis speed on generated Swedish pages (blank pipeline, or the NER model if present).

Usage: .venv/bin/python benchmarks/bench_analysis.py [--pages 200] [--words 300] [--model PATH]

Generates pages of Swedish case-note prose with about ten personal data items each (names,
personnummer, phones, addresses, e-mail), analyses them as one document (one segment per page) and
prints words/s and ms/page. The numbers go to the developer's report and docs, never into tests.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from app.analysis import Analyzer
from app.domain.document import ExtractedDocument, Segment
from app.settings import Settings
from recognizers.checksums import luhn_check_digit

FILLER = [
    "kommunen",
    "beslutar",
    "att",
    "ärendet",
    "ska",
    "utredas",
    "vidare",
    "enligt",
    "socialtjänstlagen",
    "och",
    "att",
    "nämnden",
    "tar",
    "del",
    "av",
    "handläggarens",
    "bedömning",
    "samt",
    "att",
    "beslutet",
    "kan",
    "överklagas",
    "till",
    "förvaltningsrätten",
    "inom",
    "tre",
    "veckor",
    "från",
    "den",
    "dag",
    "då",
    "klaganden",
    "fick",
    "del",
    "av",
    "beslutet",
    "i",
    "ärendet",
    "om",
    "bistånd",
]
FIRST = ["Anna", "Lars", "Maria", "Johan", "Fatima", "Mohammed", "Karin", "Erik", "Anna-Karin", "Per"]
LAST = ["Svensson", "Lindqvist", "Andersson", "Ali", "Nilsson", "Berglund", "Hassan", "Sjöberg"]
STREETS = ["Storgatan", "Kvarngränd", "Skolvägen", "Björkallén", "Tallstigen"]


def personnummer(rng: random.Random) -> str:
    date6 = f"{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    serial = f"{rng.randint(1, 999):03d}"
    return f"{date6}-{serial}{luhn_check_digit(date6 + serial)}"


def datum(rng: random.Random) -> tuple[str, str, str]:
    """(words before the datum, the datum, its entity type)."""
    kind = rng.randrange(5)
    if kind == 0:
        return "", f"{rng.choice(FIRST)} {rng.choice(LAST)}", "PERSON"
    if kind == 1:
        return "personnummer ", personnummer(rng), "PERSONNUMMER"
    if kind == 2:
        number = f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        return "telefon ", number, "PHONE"
    if kind == 3:
        return "", f"{rng.choice(STREETS)} {rng.randint(1, 99)}", "STREET_ADDRESS"
    return "", f"{rng.choice(FIRST).lower()}.{rng.choice(LAST).lower()}@lomma.se", "EMAIL"


PLANTED: list[tuple[str, str]] = []  # (datum, entity) in the order they were generated


def page(rng: random.Random, words: int, items: int) -> str:
    tokens = [rng.choice(FILLER) for _ in range(words - items * 3)]
    for _ in range(items):
        before, value, entity = datum(rng)
        PLANTED.append((value, entity))
        tokens.insert(rng.randrange(len(tokens)), before + value)
    lines, line = [], []
    for token in tokens:
        line.append(token)
        if len(line) == 12:
            sentence = " ".join(line)
            lines.append(sentence[0].upper() + sentence[1:] + ".")
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines)


def recall(doc: ExtractedDocument, findings: list) -> dict[str, tuple[int, int]]:
    """Per entity: (planted occurrences covered by a finding of that type, planted occurrences)."""
    covered_by = {}
    for finding in findings:
        for offset in range(finding.span.start, finding.span.end):
            covered_by.setdefault(offset, set()).add(finding.entity.value)
    counts: dict[str, list[int]] = {}
    for value, entity in set(PLANTED):
        start = doc.text.find(value)
        while start >= 0:
            hit = all(entity in covered_by.get(i, ()) for i in range(start, start + len(value)))
            total = counts.setdefault(entity, [0, 0])
            total[0] += hit
            total[1] += 1
            start = doc.text.find(value, start + 1)
    return {entity: (found, total) for entity, (found, total) in sorted(counts.items())}


def unplanted(doc: ExtractedDocument, findings: list) -> list[str]:
    """Texts of findings that overlap no planted datum (false positives on this data)."""
    planted = set()
    for value, _entity in set(PLANTED):
        start = doc.text.find(value)
        while start >= 0:
            planted.update(range(start, start + len(value)))
            start = doc.text.find(value, start + 1)
    return [f.text for f in findings if not any(i in planted for i in range(f.span.start, f.span.end))]


def document(pages: list[str]) -> ExtractedDocument:
    text, segments, offset = "", [], 0
    for number, body in enumerate(pages):
        segments.append(Segment(offset, offset + len(body), f"page {number + 1}", number))
        text += body + "\f"
        offset = len(text)
    return ExtractedDocument(format="pdf", text=text, segments=tuple(segments), page_count=len(pages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--model", type=Path, default=None, help="NER pipeline (default: none, blank sv)")
    args = parser.parse_args()

    rng = random.Random(42)
    doc = document([page(rng, args.words, args.items) for _ in range(args.pages)])
    planted_in_doc = list(PLANTED)
    words = len(doc.text.split())
    started = time.perf_counter()
    analyzer = Analyzer.from_settings(Settings(ner_model_path=args.model or Path("/nonexistent")))
    load_seconds = time.perf_counter() - started
    analyzer.analyze(document([page(rng, args.words, args.items)]))  # warm caches and word lists
    PLANTED[:] = planted_in_doc

    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        findings = analyzer.analyze(doc)
        best = min(best, time.perf_counter() - started)
    pipeline = "NER model " + str(args.model) if analyzer.nlp_engine.has_ner else "blank sv pipeline"
    print(f"pipeline:        {pipeline}")
    print(f"load:            {load_seconds * 1000:.0f} ms")
    print(f"pages:           {args.pages} x ~{args.words} words ({words} words, {len(findings)} findings)")
    print(f"analysis:        {best:.3f} s (best of 3)")
    print(f"ms/page:         {best * 1000 / args.pages:.2f}")
    print(f"pages/s:         {args.pages / best:.0f}")
    print(f"words/s:         {words / best:,.0f}")
    for entity, (found, total) in recall(doc, findings).items():
        print(f"recall {entity:15s} {found}/{total} planted occurrences fully covered")
    stray = unplanted(doc, findings)
    print(f"findings on no planted datum: {len(stray)} {sorted(set(stray))[:10]}")


if __name__ == "__main__":
    main()
