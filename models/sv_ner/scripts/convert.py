"""Convert corpora and synthetic documents into spaCy DocBin files for training and evaluation.

Entity spans are aligned to the tokens of the blank Swedish tokenizer (the one the shipped model
uses) with ``alignment_mode="strict"``. A sentence whose span does not line up with token
boundaries is dropped as a whole (never kept with the name unannotated), counted, and reported;
when more than ``--max-misaligned`` of a source's spans misalign, conversion fails.

Usage: python scripts/convert.py --data ../../../shared/data --out corpus
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import corpora
import functions
import names
import spacy
import synth
import templates
from spacy.tokens import Doc, DocBin

LOWERCASE_COPY_RATE = 0.3  # share of corpus sentences that also appear lower-cased in train
UPPERCASE_COPY_RATE = 0.03
SYNTH_TRAIN_DOCS = 9000
PARAGRAPH_SHARE = 0.4  # share of corpus sentences merged into multi-line paragraphs
KLINTAN_OVERSAMPLE = 2  # news text like the Klintan test split; each copy gets its own recasing draw
SYNTH_DEV_DOCS = 400
SYNTH_HELDOUT_DOCS = 800


class MisalignmentError(RuntimeError):
    """Too many annotated spans do not line up with the tokenizer's token boundaries."""


class Aligner:
    """Turns examples into Docs, counting spans that do not align with tokens."""

    def __init__(self, nlp: spacy.Language, source: str, max_ratio: float, expand: bool) -> None:
        self.nlp, self.source, self.max_ratio, self.expand = nlp, source, max_ratio, expand
        self.spans = self.misaligned = self.dropped_sentences = 0
        self.samples: list[str] = []

    def doc(self, text: str, spans: list[tuple[int, int, str]]) -> Doc | None:
        doc = self.nlp.make_doc(text)
        ents = []
        for start, end, label in spans:
            self.spans += 1
            span = doc.char_span(start, end, label=label, alignment_mode="strict")
            if span is None:
                self.misaligned += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{text[start:end]!r} in {text[max(0, start - 30):end + 30]!r}")
                if not self.expand:
                    self.dropped_sentences += 1
                    return None
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
            ents.append(span)
        doc.ents = ents
        return doc

    def check(self) -> dict:
        ratio = self.misaligned / max(self.spans, 1)
        report = {"source": self.source, "spans": self.spans, "misaligned": self.misaligned,
                  "dropped_sentences": self.dropped_sentences, "ratio": round(ratio, 5)}
        print(json.dumps(report, ensure_ascii=False), file=sys.stderr)
        for sample in self.samples:
            print(f"  misaligned: {sample}", file=sys.stderr)
        if ratio > self.max_ratio:
            raise MisalignmentError(
                f"{self.source}: {self.misaligned} of {self.spans} spans misaligned ({ratio:.2%} > "
                f"{self.max_ratio:.2%}); examples: {self.samples}")
        return report


def to_docs(nlp, examples, source: str, max_ratio: float, recase_rng: random.Random | None = None,
            expand: bool = False):
    """Docs for ``examples``; with ``recase_rng``, lower/upper-cased copies are added as well.

    Training sets (``recase_rng`` given or ``expand=False``) drop a sentence with a misaligned span;
    evaluation sets (``expand=True``) keep it, with the span widened to whole tokens, so that a
    name the tokenizer cannot isolate still counts in recall.
    """
    aligner = Aligner(nlp, source, max_ratio, expand)
    docs = []
    for ex in examples:
        variants = [ex.text]
        if recase_rng is not None:
            r = recase_rng.random()
            if r < LOWERCASE_COPY_RATE:
                variants.append(ex.text.lower())
            elif r < LOWERCASE_COPY_RATE + UPPERCASE_COPY_RATE:
                variants.append(ex.text.upper())
        for text in variants:
            if len(text) == len(ex.text) and (doc := aligner.doc(text, ex.spans)) is not None:
                docs.append(doc)
    return docs, aligner.check()


def paragraphs(examples: list[corpora.Example], rng: random.Random, share: float) -> list:
    """Join runs of 2-6 sentences into one multi-line text (some hard-wrapped), as in extracted PDFs.

    Teaches the model that a capitalised word at the start of a line is usually not a name.
    """
    out: list[corpora.Example] = []
    i = 0
    while i < len(examples):
        if rng.random() >= share:
            out.append(examples[i])
            i += 1
            continue
        group = examples[i:i + rng.randint(2, 6)]
        i += len(group)
        text, spans = "", []
        for ex in group:
            if text:
                text += rng.choice(["\n", "\n", "\n\n", " "])
            spans += [(s + len(text), e + len(text), label) for s, e, label in ex.spans]
            text += ex.text
        if rng.random() < 0.5:
            text, spans = synth.wrap(text, spans, rng)
        out.append(corpora.Example(text, spans))
    return out


def save(docs: list[Doc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    print(f"wrote {path} ({len(docs)} docs)", file=sys.stderr)


def split(examples: list, dev_share: float, seed: int) -> tuple[list, list]:
    shuffled = examples[:]
    random.Random(seed).shuffle(shuffled)
    cut = int(len(shuffled) * dev_share)
    return shuffled[cut:], shuffled[:cut]


def synthetic(data: Path, heldout: bool, n: int, seed: int) -> list[corpora.Example]:
    pools = names.load_pools(data, heldout=heldout)
    pnr = synth.read_personnummer(data / "personnummer" / "skatteverket-testpersonnummer.json")
    pool = templates.HELDOUT if heldout else templates.TRAIN
    return [corpora.Example(t, s) for t, s in synth.generate(pools, pool, pnr, n, seed)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="shared/data directory")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--max-misaligned", type=float, default=0.01)
    args = parser.parse_args()
    nlp = functions.customize_tokenizer(spacy.blank("sv"))
    ner, stats = args.data / "ner", {}
    reports = []

    def read(reader, path):
        stats[path.name] = corpora.ReadStats()
        return list(reader(path, stats[path.name]))

    klintan = read(corpora.read_klintan, ner / "swedish-ner-corpus/train_corpus.txt")
    klintan_train, klintan_dev = split(klintan, 0.1, 1)
    suc_train, suc_dev = split(read(corpora.read_suc, ner / "suc3-kblab-dev/dev.jsonl"), 0.1, 2)
    rng = random.Random(3)
    klintan_train = paragraphs(klintan_train * KLINTAN_OVERSAMPLE, random.Random(8), PARAGRAPH_SHARE)
    suc_train = paragraphs(suc_train, random.Random(9), PARAGRAPH_SHARE)
    train, dev = [], []
    for name, exs, target, recase in [
        ("klintan-train", klintan_train, train, rng),
        ("suc-train", suc_train, train, rng),
        ("synthetic-train", synthetic(args.data, False, SYNTH_TRAIN_DOCS, 4), train, None),
        ("klintan-dev", klintan_dev, dev, None), ("suc-dev", suc_dev, dev, None),
        ("synthetic-dev", synthetic(args.data, False, SYNTH_DEV_DOCS, 5), dev, None),
    ]:
        docs, report = to_docs(nlp, exs, name, args.max_misaligned, recase)
        target.extend(docs)
        reports.append(report)
    random.Random(6).shuffle(train)
    save(train, args.out / "train.spacy")
    save(dev, args.out / "dev.spacy")
    evaluation = {
        "klintan-test": read(corpora.read_klintan, ner / "swedish-ner-corpus/test_corpus.txt"),
        "uner-talbanken-test": read(corpora.read_iob2,
                                    ner / "uner-sv-talbanken/sv_talbanken-ud-test.iob2"),
        "synthetic-heldout": synthetic(args.data, True, SYNTH_HELDOUT_DOCS, 7),
    }
    for name, exs in evaluation.items():
        docs, report = to_docs(nlp, exs, name, args.max_misaligned, expand=True)
        reports.append(report)
        save(docs, args.out / f"{name}.spacy")
    (args.out / "conversion-report.json").write_text(json.dumps(
        {"alignment": reports, "read": {k: vars(v) for k, v in stats.items()}}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
