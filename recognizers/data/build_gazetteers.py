"""Regenerate the word lists under recognizers/data/ from the project's shared data.

Usage (from the repository root, with the dev extras installed, which bring Faker):

    .venv/bin/python recognizers/data/build_gazetteers.py [--shared ../shared/data]

Writes (see recognizers/data/SOURCES.md for the licences and attribution):
- ``fornamn.tsv``: first names and how many people in Sweden go by them (SCB, 2020).
- ``efternamn.txt``: surnames from Faker's sv_SE list plus the last words of person names in the
  CC BY 4.0 NER corpora (Klintberg's Swedish NER corpus, SUC 3.0 via KBLab).
- ``namn_som_ord.txt``: names that are also ordinary Swedish words ("Per", "Bo", "Stig", "Maj"),
  found by how often the corpora write them in lower case, plus spaCy's Swedish stop words.
- ``postorter.txt`` and ``postnummer_prefix.txt``: postal towns and the three-digit postcode
  prefixes in use (sjbrg/swedish-geodata, CC0).
The output is deterministic (sorted), so a rerun on the same input gives no diff.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent.parent / "shared" / "data"

MIN_BEARERS_TILLTALSNAMN = 5  # names people go by, both sexes
MIN_BEARERS_FORNAMN = 20  # any given name (second names included)
MIN_LOWERCASE_SHARE = 0.15  # a name written in lower case this often is also a common word
MIN_LOWERCASE_COUNT = 3

# Common words that are also names but too rare in the corpora to be caught by frequency.
EXTRA_NAME_WORDS = (
    "maj",
    "juni",
    "juli",
    "april",
    "augusti",
    "mars",
    "sol",
    "bo",
    "per",
    "hans",
    "stig",
    "sten",
    "björn",
    "dag",
    "mark",
    "max",
    "ek",
    "alla",
    "vi",
    "ja",
    "den",
    "ros",
    "rut",
    "liv",
    "tor",
    "ung",
    "lo",
    "nova",
    "ask",
    "bror",
    "by",
    "dal",
    "eken",
    "falk",
    "glad",
    "gull",
    "hav",
    "linne",
    "love",
    "saga",
    "siv",
    "star",
    "storm",
    "svea",
    "vilja",
    "ärlig",
    "kommun",
    "beslut",
    "protokoll",
    "paragraf",
    "bilaga",
    "ordförande",
    "sekreterare",
    "ledamot",
    "ersättare",
    "justering",
    "datum",
    "måndag",
    "tisdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lördag",
    "söndag",
    "sida",
)


def read_scb_first_names(shared: Path) -> dict[str, int]:
    """First names -> how many people go by them (tilltalsnamn, both sexes).

    A name that is only in the förnamn lists (a second given name for most bearers) gets a tenth
    of its förnamn count, so "Del" (a common word, 16 people go by it) does not look frequent.
    """
    go_by: dict[str, int] = {}
    given: dict[str, int] = {}
    sources = [
        ("tilltalsnamn-kvinnor.csv", MIN_BEARERS_TILLTALSNAMN, go_by),
        ("tilltalsnamn-man.csv", MIN_BEARERS_TILLTALSNAMN, go_by),
        ("fornamn-kvinnor.csv", MIN_BEARERS_FORNAMN, given),
        ("fornamn-man.csv", MIN_BEARERS_FORNAMN, given),
    ]
    for filename, minimum, target in sources:
        with open(shared / "names" / "scb-2020" / filename, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name, count = row["name"].strip(), int(row["persons"])
                if count < minimum or not name.isalpha() or len(name) < 2:
                    continue
                key = name[0].upper() + name[1:]
                target[key] = max(target.get(key, 0), count)
    bearers = {name: max(count // 10, 1) for name, count in given.items()}
    bearers.update(go_by)
    return bearers


def read_corpus_sentences(shared: Path) -> list[list[tuple[str, str]]]:
    """(token, label) sentences from the CC BY 4.0 corpora only (never the CC BY-SA ones)."""
    sentences: list[list[tuple[str, str]]] = []
    for name in ("train_corpus.txt", "test_corpus.txt"):
        current: list[tuple[str, str]] = []
        with open(shared / "ner" / "swedish-ner-corpus" / name, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 2:
                    if current:
                        sentences.append(current)
                    current = []
                    continue
                current.append((parts[0].replace("\u00ad", ""), "O" if parts[1] == "0" else parts[1]))
        if current:
            sentences.append(current)
    with open(shared / "ner" / "suc3-kblab-dev" / "dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            sentences.append(list(zip(record["tokens"], record["ner_tags"], strict=True)))
    return sentences


def person_last_words(sentences: list[list[tuple[str, str]]]) -> Counter[str]:
    """Last words of multi-word person names (IO tags: a run of PER tokens is one name)."""
    found: Counter[str] = Counter()
    for sentence in sentences:
        run: list[str] = []
        for token, label in [*sentence, ("", "O")]:
            if label.endswith("PER") and label in ("PER", "B-PER", "I-PER"):
                run.append(token)
                continue
            if len(run) >= 2 and run[-1][:1].isupper() and run[-1].isalpha() and len(run[-1]) > 2:
                found[run[-1]] += 1
            run = []
    return found


def lowercase_words(sentences: list[list[tuple[str, str]]]) -> tuple[Counter[str], Counter[str]]:
    """How often each word occurs in lower case, and capitalised inside a sentence."""
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for sentence in sentences:
        for index, (token, _label) in enumerate(sentence):
            if token.islower():
                lower[token] += 1
            elif index > 0 and token[:1].isupper():
                capitalised[token.lower()] += 1
    return lower, capitalised


def name_words(names: set[str], lower: Counter[str], capitalised: Counter[str]) -> set[str]:
    """Names that the corpora also use as ordinary lower-case words."""
    from spacy.lang.sv.stop_words import STOP_WORDS

    words = {w for w in EXTRA_NAME_WORDS} | {w for w in STOP_WORDS if w[:1].upper() + w[1:] in names}
    for name in names:
        key = name.lower()
        low, cap = lower.get(key, 0), capitalised.get(key, 0)
        if low >= MIN_LOWERCASE_COUNT and low >= MIN_LOWERCASE_SHARE * (low + cap):
            words.add(key)
    return words


def faker_surnames() -> set[str]:
    try:
        from faker.providers.person.sv_SE import Provider
    except ImportError as e:  # pragma: no cover - a developer tool
        raise SystemExit("Faker is needed to regenerate the surname list: pip install faker") from e
    return set(Provider.last_names)


def read_geo(shared: Path) -> tuple[set[str], set[str]]:
    towns: set[str] = set()
    prefixes: set[str] = set()
    with open(shared / "geo" / "postal_to_municipality.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            towns.add(row["locality"].strip())
            prefixes.add(row["postal_code"].strip()[:3])
    with open(shared / "geo" / "municipalities.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            towns.add(row["municipality_name_short"].strip())
    return towns, prefixes


def write_lines(path: Path, lines: list[str], header: str) -> None:
    path.write_text(f"# {header}\n" + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="path to shared/data")
    args = parser.parse_args()
    shared: Path = args.shared

    first = read_scb_first_names(shared)
    sentences = read_corpus_sentences(shared)
    lower, capitalised = lowercase_words(sentences)
    towns, prefixes = read_geo(shared)
    town_keys = {t.lower() for t in towns}
    corpus_surnames = {w for w in person_last_words(sentences) if w.lower() not in town_keys}
    lowercase_too = {w for w in corpus_surnames if lower.get(w.lower())}
    surnames = sorted((faker_surnames() | corpus_surnames) - lowercase_too)
    words = name_words(set(first) | set(surnames), lower, capitalised)

    write_lines(
        HERE / "fornamn.tsv",
        [f"{name}\t{count}" for name, count in sorted(first.items())],
        "first name<TAB>people who go by it; Källa: SCB namnstatistik 2020-12-31 (CC0)",
    )
    write_lines(
        HERE / "efternamn.txt",
        surnames,
        "surnames: Faker sv_SE (MIT), Swedish NER corpus (Klintberg) and SUC 3.0 (both CC BY 4.0)",
    )
    write_lines(HERE / "namn_som_ord.txt", sorted(words), "names that are also common words")
    write_lines(HERE / "postorter.txt", sorted(towns), "postal towns and municipalities (CC0)")
    write_lines(HERE / "postnummer_prefix.txt", sorted(prefixes), "postcode prefixes in use (CC0)")
    print(f"{len(first)} first names, {len(surnames)} surnames, {len(words)} name-words, {len(towns)} towns")


if __name__ == "__main__":
    main()
