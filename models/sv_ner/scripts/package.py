"""Copy the best trained pipeline to ``model/`` (the committed one) and write its meta.json.

The meta carries the licence and the attribution of every data source that shaped the weights,
plus the measured figures from ``metrics/metrics.json`` when they exist.

Usage: python scripts/package.py --trained training/model-best --out model [--metrics metrics/metrics.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

NAME = "skymma_ner"
VERSION = "1.0.0"
SOURCES = [
    {"name": "Swedish NER corpus (Klintberg), train split",
     "url": "https://github.com/klintan/swedish-ner-corpus", "license": "CC BY 4.0",
     "author": "Andreas Klintberg and contributors; text from Språkbanken Webbnyheter 2012"},
    {"name": "SUC 3.0 NER (KBLab conversion), dev split", "url": "https://github.com/kb-labb/sucx3_ner",
     "license": "CC BY 4.0", "author": "Språkbanken Text, University of Gothenburg; NER conversion by KBLab"},
    {"name": "SCB namnstatistik 2020-12-31 (first names)",
     "url": "https://github.com/peterdalle/svensktext", "license": "CC0 1.0",
     "author": "Källa: SCB; CSV conversion by Peter M. Dahlgren"},
    {"name": "swedish-geodata (municipalities, counties, postorter)",
     "url": "https://github.com/sjbrg/swedish-geodata", "license": "CC0 1.0",
     "author": "sjbrg; codes from SCB"},
    {"name": "Skatteverket test personnummer (fillers in synthetic text)",
     "url": "https://github.com/personnummer/meta", "license": "open data / facts",
     "author": "Källa: Skatteverket, Testpersonnummer"},
    {"name": "Faker person providers (synthetic names)", "url": "https://github.com/joke2k/faker",
     "license": "MIT", "author": "Daniele Faraglia and contributors"},
    {"name": "spacy-lookups-data, Swedish lemma table (pruned)",
     "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT", "author": "Explosion"},
]
EVALUATION_ONLY = [
    {"name": "Universal NER Swedish-Talbanken, test split", "license": "CC BY-SA 4.0",
     "author": "Mayhew et al. 2024; UD Swedish-Talbanken (Nivre, Smith et al.)", "use": "evaluation only"},
    {"name": "Lomma kommun, kommunfullmäktiges protokoll 2024-03-14", "license": "public document (9 § URL)",
     "author": "Källa: Lomma kommun", "use": "evaluation only"},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trained", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--metrics", type=Path)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.trained, args.out)
    meta_path = args.out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update({
        "name": NAME, "version": VERSION, "license": "CC BY 4.0",
        "description": "Swedish NER (PER, LOC, ORG) for Skymma: CNN tok2vec with hash embeddings and "
                       "gazetteer features, transition-based NER, rule sentencizer, lookup lemmatizer. "
                       "CPU only. See docs/model-card.md.",
        "author": "Skymma project", "url": "docs/model-card.md",
        "sources": SOURCES, "evaluation_data": EVALUATION_ONLY,
    })
    if args.metrics and args.metrics.exists():
        meta["skymma_metrics"] = json.loads(args.metrics.read_text(encoding="utf-8"))
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"packaged {args.trained} -> {args.out}")


if __name__ == "__main__":
    main()
