"""PERSON as Skymma proposes it: the shipped model behind the whole analyzer, against the model alone.

The model card's figures measure the spaCy pipeline by itself. A registrar sees the analyzer's
proposals: the model's spans trimmed to name-shaped runs (app/analysis/person_shape.py), plus the
gazetteer recognizer, context words and propagation. This script scores both on the same sets,
PERSON only: Klintan test (cased and forced lower case), token retention on its entity-free
sentences, and the Lomma protocol. Each Klintan sentence is one document (no cross-sentence
propagation); the Lomma protocol is one document.

Usage (from the repository root): .venv/bin/python models/sv_ner/scripts/evaluate_analyzer.py \
    --data ../shared/data --out models/sv_ner/metrics/analyzer.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))

import corpora  # noqa: E402
from evaluate import LOMMA_GOLD, LOMMA_TEXT  # noqa: E402
from metrics import Tally, token_retention  # noqa: E402

from app.analysis.engine import Analyzer  # noqa: E402
from app.domain.model import EntityType  # noqa: E402
from app.settings import Settings  # noqa: E402


def klintan(data: Path) -> list[tuple[str, list]]:
    stats = corpora.ReadStats()
    path = data / "ner/swedish-ner-corpus/test_corpus.txt"
    labels = ("PER", "LOC", "ORG", "MISC")
    return [(ex.text, ex.spans) for ex in corpora.read_klintan(path, stats, labels=labels)]


def analyzer_persons(analyzer: Analyzer, text: str) -> list[tuple[int, int, str]]:
    findings = analyzer.analyze_text(text)
    return [(f.span.start, f.span.end, "PER") for f in findings if f.entity is EntityType.PERSON]


def model_persons(analyzer: Analyzer, text: str) -> list[tuple[int, int, str]]:
    nlp = analyzer.nlp_engine.nlp[analyzer.language]
    return [(e.start_char, e.end_char, "PER") for e in nlp(text).ents if e.label_ == "PER"]


def score(examples, predict, lower: bool = False) -> dict:
    tally = Tally()
    for text, gold in examples:
        text = text.lower() if lower else text
        tally.add(text, [s for s in gold if s[2] == "PER"], predict(text))
    return tally.report().get("PER", {})


def retention(examples, predict) -> float:
    counts = []
    for text, gold in examples:
        if gold:
            continue
        words = text.split()
        spans = predict(text)
        position, masked = 0, 0
        for word in words:
            start = text.index(word, position)
            position = start + len(word)
            masked += any(s < position and start < e for s, e, _ in spans)
        counts.append((len(words), masked))
    return token_retention(counts)


def lomma(data: Path, predict) -> dict | None:
    path = data / LOMMA_TEXT
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    gold = [(g["start"], g["end"], "PER") for g in map(json.loads, LOMMA_GOLD.read_text().splitlines())]
    tally = Tally()
    tally.add(text, gold, predict(text))
    return tally.report()["PER"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N Klintan sentences")
    args = parser.parse_args()
    analyzer = Analyzer.from_settings(Settings(workers=1))
    examples = klintan(args.data)
    if args.limit:
        examples = examples[: args.limit]
    results = {}
    for name, predict in (("model", lambda t: model_persons(analyzer, t)),
                          ("analyzer", lambda t: analyzer_persons(analyzer, t))):  # fmt: skip
        results[name] = {
            "klintan_test": score(examples, predict),
            "klintan_test_lowercase": score(examples, predict, lower=True),
            "klintan_token_retention": retention(examples, predict),
            "lomma_protocol": lomma(args.data, predict),
        }
        print(name, json.dumps(results[name], indent=1), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
