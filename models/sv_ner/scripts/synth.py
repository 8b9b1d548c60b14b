"""Render synthetic in-genre documents with character-offset entity annotations.

``generate(pools, templates, n, seed)`` returns ``[(text, [(start, end, label), ...]), ...]``.
Names come from ``names.load_pools`` (train or held-out pool), templates from ``templates``.
Variation covered: hyphenated first names, double surnames, middle names, initials, genitive -s,
"Surname, First" lists, ALL CAPS names and documents, lower-cased documents, tables and signature
blocks laid out with tabs and runs of spaces.
"""

from __future__ import annotations

import json
import random
import re
from itertools import accumulate
from pathlib import Path

from names import NamePools

SLOT = re.compile(r"\{([A-Z]+)\}")
PARTIES = ["S", "M", "L", "C", "V", "KD", "SD", "MP"]
ROLES = ["handläggare", "socialsekreterare", "enhetschef", "nämndsekreterare", "biståndshandläggare",
         "utredare", "rektor", "kommunjurist", "registrator", "avdelningschef", "ordförande"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]
STREET_HEADS = ["Stor", "Kyrk", "Skol", "Ström", "Björk", "Ek", "Tall", "Hamn", "Kvarn", "Linné", "Sjö"]
RECIPIENTS = ["Sökanden", "Den valde", "De valda", "Nämndsekreteraren", "Kommunsekreteraren", "HR",
              "Ekonomiavdelningen", "Personalenheten", "Förvaltningschefen", "Revisorerna", "Kansliet",
              "IT-avdelningen", "Lönekontoret", "Diariet", "Akten", "Klaganden", "Ombudet", "Registrator",
              "Berörda nämnder", "Förvaltningschefer", "Kommunstyrelsens ordförande", "Frågeställaren",
              "Valnämnden", "Länsstyrelsen", "Skolverket", "Rektor", "Vårdnadshavarna"]
COMPANY_TAILS = ["AB", "Utveckling AB", "Fastigheter AB", "Energi AB", "Bostäder AB", "Vatten AB",
                 "Aktiebolag", "Handelsbolag", "& Söner AB", "Konsult AB"]
WRAP_RATE = 0.35  # share of documents hard-wrapped like text extracted from a PDF


class Builder:
    """Accumulates text and entity spans; offsets are tracked as pieces are appended."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[tuple[int, int, str]] = []

    def add(self, text: str, label: str | None = None) -> None:
        if label and text:
            self.spans.append((self.length, self.length + len(text), label))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    """Samples names and fillers from one pool with one seeded random source."""

    def __init__(self, pools: NamePools, personnummer: list[str], seed: int) -> None:
        self.pools = pools
        self.rng = random.Random(seed)
        self.cum_common = list(accumulate(pools.first_weights))
        self.cum_flat = list(accumulate(w**0.5 + 3.0 for w in pools.first_weights))
        self.personnummer = personnummer

    # names -------------------------------------------------------------------------------------
    def first(self) -> str:
        """Half the draws follow real frequencies, half favour rare names (square-root weights)."""
        cum = self.cum_common if self.rng.random() < 0.5 else self.cum_flat
        return self.rng.choices(self.pools.first, cum_weights=cum, k=1)[0]

    def surname(self) -> str:
        return self.rng.choice(self.pools.surnames)

    def full_name(self) -> str:
        r = self.rng.random()
        if r < 0.08:
            name = f"{self.first()} {self.first()} {self.surname()}"
        elif r < 0.16:
            name = f"{self.first()}-{self.first()} {self.surname()}"
        elif r < 0.24:
            name = f"{self.first()} {self.surname()} {self.surname()}"
        elif r < 0.28:
            name = f"{self.first()} {self.surname()}-{self.surname()}"
        else:
            name = f"{self.first()} {self.surname()}"
        return name.upper() if self.rng.random() < 0.04 else name

    def genitive(self, name: str) -> str:
        if name[-1].lower() in "sxz":
            return name + ("'" if self.rng.random() < 0.5 else "")
        return name + ("S" if name.isupper() else "s")

    def person(self, b: Builder, slot: str) -> None:
        if slot == "P":
            b.add(self.full_name(), "PER")
        elif slot == "PF":
            b.add(self.first(), "PER")
        elif slot == "PL":
            b.add(self.surname(), "PER")
        elif slot == "PG":
            b.add(self.genitive(self.full_name()), "PER")
        elif slot == "PFG":
            b.add(self.genitive(self.first()), "PER")
        elif slot == "PLG":
            b.add(self.genitive(self.surname()), "PER")
        elif slot == "PC":
            last = self.surname()
            b.add(f"{last.upper() if self.rng.random() < 0.3 else last}, {self.first()}", "PER")
        elif slot == "PI":
            b.add(f"{self.first()[0]}. {self.surname()}", "PER")
        elif slot in ("PLIST", "PGLIST"):
            count = self.rng.randint(2, 4)
            for i in range(count):
                name = self.full_name()
                b.add(self.genitive(name) if slot == "PGLIST" else name, "PER")
                if self.rng.random() < 0.3:
                    b.add(f" ({self.rng.choice(PARTIES)})")
                b.add(", " if i < count - 2 else (" och " if i == count - 2 else ""))

    # fillers -----------------------------------------------------------------------------------
    def filler(self, slot: str) -> str:
        rng = self.rng
        year = rng.randint(2015, 2026)
        if slot == "DATE":
            if rng.random() < 0.6:
                return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"
        if slot == "DNR":
            return rng.choice([f"SN {year}/{rng.randint(1, 999)}", f"KS {year}:{rng.randint(1, 99)}",
                               f"BUN-{year}-{rng.randint(100, 999)}"])
        if slot == "PNR":
            pnr = rng.choice(self.personnummer)
            return f"{pnr[2:8]}-{pnr[8:]}" if rng.random() < 0.7 else pnr
        if slot == "TEL":
            return rng.choice(["040-", "08-", "070-", "073-", "031-"]) + (
                f"{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}")
        if slot == "EMAIL":
            return f"{ascii_local(self.first())}.{ascii_local(self.surname())}@{ascii_local(self.place())}.se"
        if slot == "ADDR":
            suffix = rng.choice(["gatan", "vägen", "stigen"])
            return f"{rng.choice(STREET_HEADS)}{suffix} {rng.randint(1, 60)}"
        if slot == "POSTCODE":
            return f"{rng.randint(100, 989)} {rng.randint(10, 99)}"
        if slot == "AMOUNT":
            return f"{rng.randint(1, 99)} {rng.randint(100, 999)}"
        if slot == "ROLE":
            return rng.choice(ROLES)
        if slot == "PARTY":
            return rng.choice(PARTIES)
        if slot == "NUM":
            return str(rng.randint(1, 200))
        raise KeyError(slot)

    def place(self) -> str:
        return self.rng.choice(self.pools.places)

    # blocks ------------------------------------------------------------------------------------
    def attendance(self, b: Builder) -> None:
        pad = self.rng.random() < 0.5
        for i in range(self.rng.randint(4, 14)):
            b.add(self.full_name(), "PER")
            b.add(f" ({self.rng.choice(PARTIES)})")
            if self.rng.random() < 0.2:
                b.add(self.rng.choice([" ordförande", ", §§ 18-33", " 1:e vice ordförande", ", ersättare"]))
            if pad and i == 0:
                b.add(" " * self.rng.randint(8, 30) + "Sammanträdesdatum")
            b.add("\n")

    def signature(self, b: Builder) -> None:
        b.add(self.full_name(), "PER")
        b.add(f"\n{self.filler('ROLE').capitalize()}\n")
        b.add(self.rng.choice(self.pools.organisations), "ORG")
        b.add(f"\nTelefon: {self.filler('TEL')}\nE-post: {self.filler('EMAIL')}")

    def table(self, b: Builder) -> None:
        sep = "\t" if self.rng.random() < 0.5 else " " * self.rng.randint(3, 12)
        for _ in range(self.rng.randint(3, 8)):
            self.person(b, self.rng.choice(["P", "P", "PC"]))
            b.add(sep + self.filler(self.rng.choice(["PNR", "AMOUNT", "DATE"])) + sep)
            b.add(self.place(), "LOC")
            b.add("\n")

    # documents ---------------------------------------------------------------------------------
    def render(self, template: str) -> tuple[str, list[tuple[int, int, str]]]:
        b = Builder()
        pos = 0
        for match in SLOT.finditer(template):
            b.add(template[pos:match.start()])
            self.fill(b, match.group(1))
            pos = match.end()
        b.add(template[pos:])
        text, spans = b.text(), merge_adjacent(b.text(), b.spans)
        if self.rng.random() < WRAP_RATE:
            text, spans = wrap(text, spans, self.rng)
        return self.recase(text, spans)

    def fill(self, b: Builder, slot: str) -> None:
        if slot.startswith("P") and slot not in {"PNR", "PARTY", "POSTCODE"}:
            self.person(b, slot)
        elif slot == "L":
            b.add(self.place(), "LOC")
        elif slot == "O":
            b.add(self.rng.choice(self.pools.organisations), "ORG")
        elif slot == "COMPANY":
            head = self.rng.choice([self.surname(), self.place(), self.place() + "s"])
            b.add(f"{head} {self.rng.choice(COMPANY_TAILS)}", "ORG")
        elif slot == "RECIPIENTS":
            for name in self.rng.sample(RECIPIENTS, self.rng.randint(2, 6)):
                b.add(name + "\n")
        elif slot == "ATTENDANCE":
            self.attendance(b)
        elif slot == "SIGNATURE":
            self.signature(b)
        elif slot == "TABLE":
            self.table(b)
        else:
            b.add(self.filler(slot))

    def recase(self, text: str, spans: list) -> tuple[str, list]:
        r = self.rng.random()
        recased = text.lower() if r < 0.12 else text.upper() if r < 0.15 else text
        return (recased, spans) if len(recased) == len(text) else (text, spans)


def wrap(text: str, spans: list, rng: random.Random) -> tuple[str, list]:
    """Hard-wrap lines at a random width, as PDF extraction does; names may break across lines."""
    width = rng.randint(40, 90)
    indent = "" if rng.random() < 0.5 else " " * rng.randint(4, 10)
    out: list[str] = []
    new_index = [0]
    column = 0
    for ch in text:
        if ch == " " and column > width:
            piece, column = "\n" + indent, len(indent)
        else:
            piece, column = ch, (0 if ch == "\n" else column + 1)
        out.append(piece)
        new_index.append(new_index[-1] + len(piece))
    return "".join(out), [(new_index[s], new_index[e], label) for s, e, label in spans]


def merge_adjacent(text: str, spans: list) -> list:
    """One PER span for "{PF} {PL}": two names separated by a single space are one person."""
    merged: list = []
    for span in spans:
        if merged and merged[-1][2] == span[2] == "PER" and text[merged[-1][1]:span[0]] == " ":
            merged[-1] = (merged[-1][0], span[1], "PER")
        else:
            merged.append(span)
    return merged


def ascii_local(name: str) -> str:
    table = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")
    return re.sub(r"[^a-z]", "", name.translate(table).lower()) or "x"


def read_personnummer(path: Path) -> list[str]:
    """Skatteverket's test personnummer (never real people), as 12-digit strings."""
    return [str(n) for n in json.loads(path.read_text(encoding="utf-8"))]


def generate(pools: NamePools, templates: dict[str, list[str]], personnummer: list[str],
             n: int, seed: int) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """``n`` documents, genres drawn uniformly, templates uniformly within a genre."""
    gen = Generator(pools, personnummer, seed)
    genres = sorted(templates)
    return [gen.render(gen.rng.choice(templates[gen.rng.choice(genres)])) for _ in range(n)]
