"""Write gazetteer features as a word2vec-format text file of tiny "vectors", keyed by lower case.

Each row is a hand-made feature vector for one lower-cased word (``spacy init vectors --attr LOWER``
turns it into a static-vectors table the tok2vec layer reads next to its hash embeddings):

    0 known given name (SCB, every registered given name)
    1 log10 of the number of people going by the name (tilltalsnamn) / 5
    2 surname (Faker's Swedish list and the hand-written foreign lists)
    3 place (municipality, county, postort)
    4 also an ordinary Swedish word (key or lemma of the sv lookup lemmatizer table)
    5 bias: 1 for every gazetteer row, so "in some list" is visible to the model

Words outside the lists get a zero vector. Faker's non-Swedish locales and the constructed
compound surnames are deliberately *not* listed, so the held-out evaluation can report recall on
names the gazetteer does not know.

Usage: python scripts/gazetteer.py --data ../../../shared/data --out corpus/gazetteer.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from pathlib import Path

import names

DIMS = 6


def swedish_words() -> set[str]:
    """Lower-cased keys and lemmas of spacy-lookups-data's Swedish lemma table."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "sv_lemma_lookup.json.gz"
    with gzip.open(path) as handle:
        table = json.loads(handle.read())
    return {w.lower() for pair in table.items() for w in pair}


def surname_list() -> set[str]:
    from faker.providers.person.sv_SE import Provider

    return set(Provider.last_names) | set(names.FOREIGN_SURNAMES.split())


def build(data: Path) -> dict[str, list[float]]:
    """Feature vector per lower-cased gazetteer word."""
    scb_dir = data / "names" / "scb-2020"
    counts = {k.lower(): v for k, v in names.read_scb_first_names(scb_dir).items()}
    given = {n.lower() for n in names.read_scb_all_first_names(scb_dir)}
    given |= {n.lower() for n in names.FOREIGN_FIRST.split()}
    surnames = {n.lower() for n in surname_list()}
    places = {p.lower() for p in names.read_places(data / "geo")}
    words = swedish_words()
    table: dict[str, list[float]] = {}
    for entry in given | surnames | places:
        for token in entry.replace("-", " ").split():
            if token.isalpha() or "'" in token:
                table.setdefault(token, [0.0] * DIMS)
    for token, vector in table.items():
        vector[0] = float(token in given)
        vector[1] = round(math.log10(counts[token] + 1) / 5, 3) if token in counts else 0.0
        vector[2] = float(token in surnames)
        vector[4] = float(token in words)
        vector[5] = 1.0
    _mark_place_parts(table, places)
    return table


def _mark_place_parts(table: dict[str, list[float]], places: set[str]) -> None:
    """Feature 3 for every word of a place name ("upplands", "väsby")."""
    for place in places:
        for token in place.replace("-", " ").split():
            if token in table:
                table[token][3] = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    table = build(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(f"{len(table)} {DIMS}\n")
        for token in sorted(table):
            handle.write(token + " " + " ".join(f"{x:g}" for x in table[token]) + "\n")
    print(f"wrote {args.out}: {len(table)} words x {DIMS} features")


if __name__ == "__main__":
    main()
