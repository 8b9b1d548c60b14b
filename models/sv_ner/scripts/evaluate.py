"""Evaluate a trained pipeline on every test set the model card reports; write metrics JSON.

Sets: Klintan test (cased and forced lower case), UNER Talbanken test, held-out synthetic set
(plus its names unknown to the gazetteer), the Lomma protocol (PER only, our annotation), token
retention on entity-free Klintan test sentences, speed on one core and model size.

Usage: python scripts/evaluate.py --model training/run1/model-best --corpus corpus \
           --data ../../../shared/data --out metrics/metrics.json
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # speed is measured on one core
os.environ.setdefault("BLIS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import corpora  # noqa: E402
import spacy  # noqa: E402
from metrics import Tally, token_retention  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

LOMMA_TEXT = "public-docs/lomma-kommun/KF-2024-03-14.txt"
LOMMA_GOLD = Path(__file__).resolve().parent.parent / "assets" / "lomma-kf-2024-03-14.persons.jsonl"


def gold_examples(path: Path, nlp) -> list[tuple[str, list]]:
    docs = DocBin().from_disk(path).get_docs(nlp.vocab)
    return [(d.text, [(e.start_char, e.end_char, e.label_) for e in d.ents]) for d in docs]


def score(nlp, examples, lower: bool = False, only: set[str] | None = None) -> dict:
    """Metrics over ``examples``; ``lower`` lower-cases the input text (gold offsets are kept)."""
    tally = Tally()
    texts = [t.lower() if lower else t for t, _ in examples]
    for (text, gold), doc in zip(examples, nlp.pipe(texts, batch_size=64), strict=True):
        pred = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        if only:
            gold, pred = [s for s in gold if s[2] in only], [s for s in pred if s[2] in only]
        tally.add(text, gold, pred)
    return tally.report()


def retention(nlp, data: Path) -> dict:
    """Tokens left unmasked in Klintan test sentences without any entity (MISC included)."""
    stats = corpora.ReadStats()
    path = data / "ner/swedish-ner-corpus/test_corpus.txt"
    free = [ex.text for ex in corpora.read_klintan(path, stats, labels=("PER", "LOC", "ORG", "MISC"))
            if not ex.spans]
    counts_all, counts_per = [], []
    for doc in nlp.pipe(free, batch_size=64):
        words = [t for t in doc if not t.is_space]
        counts_all.append((len(words), sum(1 for t in words if t.ent_type_)))
        counts_per.append((len(words), sum(1 for t in words if t.ent_type_ == "PER")))
    return {"sentences": len(free), "tokens": sum(c for c, _ in counts_all),
            "retention_any_label": token_retention(counts_all), "retention_per": token_retention(counts_per)}


def lomma(nlp, data: Path) -> dict | None:
    """PER precision/recall on the Lomma protocol, against our annotation file."""
    text_path = data / LOMMA_TEXT
    if not text_path.exists():
        return None
    text = text_path.read_text(encoding="utf-8")
    gold = [(g["start"], g["end"], "PER") for g in map(json.loads, LOMMA_GOLD.read_text().splitlines())]
    for start, end, _ in gold:
        assert text[start:end].strip(), f"annotation {start}-{end} is blank"
    return score(nlp, [(text, gold)], only={"PER"})


def heldout_unknown_names(nlp, corpus: Path, gazetteer_vocab) -> dict:
    """Held-out synthetic PER spans none of whose words the gazetteer lists."""
    examples = gold_examples(corpus / "synthetic-heldout.spacy", nlp)
    vectors = gazetteer_vocab.vectors

    def unknown(text: str) -> bool:
        return all(vectors.find(key=gazetteer_vocab.strings.add(w.lower())) < 0
                   for w in text.replace("-", " ").replace(",", " ").split() if w.isalpha())

    filtered = [(t, [s for s in g if s[2] == "PER" and unknown(t[s[0]:s[1]])]) for t, g in examples]
    tally = Tally()
    for (text, gold), doc in zip(filtered, nlp.pipe([t for t, _ in filtered]), strict=True):
        pred = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ == "PER"]
        pred = [p for p in pred if any(p[0] < e and s < p[1] for s, e, _ in gold)]  # recall only
        tally.add(text, gold, pred)
    report = tally.report().get("PER", {})
    return {"recall": report.get("recall"), "masked_recall": report.get("masked_recall"),
            "gold": report.get("gold")}


def speed(nlp, examples) -> dict:
    """Words per second on one core with nlp.pipe, over documents of about 400 words."""
    texts, chunk = [], []
    for text, _ in examples:
        chunk.append(text)
        if sum(len(t.split()) for t in chunk) > 400:
            texts.append(" ".join(chunk))
            chunk = []
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:20]))  # warm-up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return {"words": words, "words_per_second": round(words / (time.perf_counter() - start))}


def confidence(nlp, examples, beam_width: int = 16) -> dict:
    """Beam confidence of predicted PER spans (the model card's recipe): calibration and cost."""
    ner = nlp.get_pipe("ner")
    right, wrong, words = [], [], 0
    start = time.perf_counter()
    for (_, gold), doc in zip(examples, nlp.pipe([t for t, _ in examples], batch_size=64), strict=True):
        (scores,) = ner.scored_ents(ner.beam_parse([doc], beam_width=beam_width))
        words += len(doc)
        gold_set = {(s, e) for s, e, label in gold if label == "PER"}
        for ent in (e for e in doc.ents if e.label_ == "PER"):
            value = min(1.0, scores.get((ent.start, ent.end, "PER"), 0.0))
            (right if (ent.start_char, ent.end_char) in gold_set else wrong).append(value)
    elapsed = time.perf_counter() - start

    def share_below(values: list[float], cut: float) -> float | None:
        return round(sum(v < cut for v in values) / len(values), 3) if values else None

    return {"beam_width": beam_width, "words_per_second_with_confidence": round(words / elapsed),
            "correct_per": len(right), "wrong_per": len(wrong),
            "correct_mean": round(sum(right) / max(len(right), 1), 3),
            "wrong_mean": round(sum(wrong) / max(len(wrong), 1), 3),
            "correct_below_0.5": share_below(right, 0.5), "wrong_below_0.5": share_below(wrong, 0.5)}


def size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    klintan = gold_examples(args.corpus / "klintan-test.spacy", nlp)
    results = {
        "model": str(args.model), "spacy": spacy.__version__,
        "klintan_test": score(nlp, klintan),
        "klintan_test_lowercase": score(nlp, klintan, lower=True),
        "uner_talbanken_test": score(nlp, gold_examples(args.corpus / "uner-talbanken-test.spacy", nlp)),
        "synthetic_heldout": score(nlp, gold_examples(args.corpus / "synthetic-heldout.spacy", nlp)),
        "synthetic_heldout_unknown_names": heldout_unknown_names(nlp, args.corpus, nlp.vocab),
        "klintan_token_retention": retention(nlp, args.data),
        "lomma_protocol": lomma(nlp, args.data),
        "speed_one_core": speed(nlp, klintan),
        "per_confidence_klintan_test": confidence(nlp, klintan),
        "size_mb": size_mb(args.model),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: results[k] for k in ("speed_one_core", "size_mb")}))


if __name__ == "__main__":
    main()
