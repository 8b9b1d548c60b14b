"""Word lists shipped in recognizers/data/, loaded once per process (see data/SOURCES.md).

Every lookup key is case-folded, so "ANNA", "Anna" and "anna" find the same entry.
Regenerate the lists with ``recognizers/data/build_gazetteers.py``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Surname endings typical of Swedish family names (patronymics and 19th-century "nature" names).
SURNAME_ENDINGS = (
    "sson", "son", "berg", "ström", "qvist", "quist", "kvist", "gren", "lund", "dahl", "holm",
    "blad", "stedt", "lind", "bäck", "gård", "fors", "vall", "ander", "ius", "én", "sjö", "crona",
    "sköld", "hjelm", "feldt", "stam", "hammar", "mark",
)  # fmt: skip


# Endings of street names ("Storgatan", "Tallstigen"): such a word is a place, never part of a name.
STREET_ENDINGS = (
    "gatan", "vägen", "gränd", "gränden", "stigen", "backen", "allén", "torget", "gången", "slingan",
    "kajen", "promenaden", "esplanaden", "leden", "platsen", "stråket", "svängen",
)  # fmt: skip


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def first_names() -> dict[str, int]:
    """Case-folded first name -> number of people in Sweden who go by it (SCB 2020)."""
    names: dict[str, int] = {}
    for line in _lines("fornamn.tsv"):
        name, count = line.split("\t")
        names[name.casefold()] = int(count)
    return names


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Case-folded surnames (Faker sv_SE and CC BY corpora)."""
    return frozenset(line.casefold() for line in _lines("efternamn.txt"))


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Names that are also ordinary words ("per", "bo", "stig", "maj"): weak evidence alone.

    English function words count too ("This", "See", "To", "May" are in SCB's list of first names,
    and Swedish documents quote English text).
    """
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy comes with Presidio

    swedish = {line.casefold() for line in _lines("namn_som_ord.txt")}
    return frozenset(swedish | {word.casefold() for word in STOP_WORDS})


@lru_cache(maxsize=1)
def towns() -> dict[str, str]:
    """Case-folded postal town or municipality -> its spelling in the register."""
    return {line.casefold(): line for line in _lines("postorter.txt")}


@lru_cache(maxsize=1)
def postcode_prefixes() -> frozenset[str]:
    """The three-digit postcode prefixes in use."""
    return frozenset(_lines("postnummer_prefix.txt"))


def has_street_ending(word: str) -> bool:
    """True for a word that ends like a Swedish street name."""
    folded = word.casefold()
    return len(folded) > 6 and folded.endswith(STREET_ENDINGS)


def has_surname_ending(word: str) -> bool:
    """True for a word of at least five letters ending like a Swedish surname."""
    folded = word.casefold()
    return len(folded) >= 5 and folded.endswith(SURNAME_ENDINGS)
