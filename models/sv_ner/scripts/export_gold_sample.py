"""Export a sample of the held-out synthetic set as JSON lines for the committed regression test.

Usage: python scripts/export_gold_sample.py --corpus corpus \
           --out ../../tests/model/data/gold_synthetic_heldout.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--every", type=int, default=4)
    args = parser.parse_args()
    vocab = spacy.blank("sv").vocab
    docs = list(DocBin().from_disk(args.corpus / "synthetic-heldout.spacy").get_docs(vocab))[:: args.every]
    with open(args.out, "w", encoding="utf-8") as handle:
        for doc in docs:
            spans = [[e.start_char, e.end_char, e.label_] for e in doc.ents]
            handle.write(json.dumps({"text": doc.text, "spans": spans}, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}: {len(docs)} documents")


if __name__ == "__main__":
    main()
