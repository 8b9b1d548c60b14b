"""Throughput of the shipped name model on one core: words per second with ``nlp.pipe``.

Target (issue 3): at least 10,000 words/s per core. The text is the committed synthetic gold set
(tests/model/data), joined into documents of about 400 words and repeated to ``--words`` words, so
the benchmark runs without shared/data. Two figures in one run: the pipeline as ``spacy.load``
gives it (BLIS products, every component), and as Skymma's analyzer runs it
(``SwedishNlpEngine``: OpenBLAS products, no sentencizer, its own lemma lookup, Presidio's
artifacts built).

Usage: .venv/bin/python benchmarks/bench_ner.py [--words 100000] [--confidence]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("BLIS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402

from app.analysis.nlp_engine import SwedishNlpEngine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "sv_ner" / "model"
GOLD = ROOT / "tests" / "model" / "data" / "gold_synthetic_heldout.jsonl"


def documents(total_words: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in GOLD.read_text(encoding="utf-8").splitlines()]
    docs, chunk, words = [], [], 0
    while words < total_words:
        for text in texts:
            chunk.append(text)
            if sum(len(t.split()) for t in chunk) >= 400:
                docs.append("\n\n".join(chunk))
                words += sum(len(t.split()) for t in chunk)
                chunk = []
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--confidence", action="store_true", help="also run the beam confidence recipe")
    args = parser.parse_args()
    nlp = spacy.load(MODEL)
    docs = documents(args.words)
    words = sum(len(d.split()) for d in docs)
    list(nlp.pipe(docs[:5]))  # warm-up
    start = time.perf_counter()
    ner = nlp.get_pipe("ner")
    for doc in nlp.pipe(docs, batch_size=32):
        if args.confidence:
            ner.scored_ents(ner.beam_parse([doc], beam_width=16))
    elapsed = time.perf_counter() - start
    engine = SwedishNlpEngine(MODEL)
    engine.load()
    list(engine.process_batch_docs(docs[:5]))  # warm-up
    start = time.perf_counter()
    list(engine.process_batch_docs(docs, batch_size=32))
    analyzer_elapsed = time.perf_counter() - start
    print(json.dumps({"model": str(MODEL.relative_to(ROOT)), "documents": len(docs), "words": words,
                      "seconds": round(elapsed, 2), "words_per_second": round(words / elapsed),
                      "confidence": args.confidence,
                      "analyzer_seconds": round(analyzer_elapsed, 2),
                      "analyzer_words_per_second": round(words / analyzer_elapsed)}))


if __name__ == "__main__":
    main()
