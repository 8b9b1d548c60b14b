"""Generate a text PDF of Swedish case notes with about ten personal data per page (deterministic).

Personnummer are Skatteverket test numbers; names are common Swedish names; everything else is made
up. Used by bench_pdf.py; run alone to write a sample: python benchmarks/generate_pdf.py 20 out.pdf
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pymupdf

TEST_PNR = [  # from Skatteverket's Testpersonnummer (Källa: Skatteverket)
    "19060727-9809", "19070930-9801", "19770919-2384", "19810428-2382", "19861023-2392",
    "19930602-2386", "19981009-2396", "20090822-2383", "20141024-2398", "20190530-2384",
]  # fmt: skip
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Mohammed"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson"]
STREETS = ["Storgatan", "Kyrkvägen", "Skolgränd", "Björkallén", "Ängsstigen"]
FILLER = (
    "Nämnden har tagit del av utredningen och bedömer att sökanden uppfyller villkoren för bistånd "
    "enligt socialtjänstlagen. Beslutet kan överklagas hos förvaltningsrätten inom tre veckor från "
    "den dag då klaganden fick del av beslutet. Handlingarna i ärendet har kommunicerats med parterna "
    "och inga invändningar har inkommit under remisstiden."
).split()


def page_lines(rng: random.Random) -> list[str]:
    """About 45 lines; ten of them carry a personal datum."""

    def name() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    data = [
        f"Sökande: {name()}, personnummer {rng.choice(TEST_PNR)}.",
        f"Adress: {rng.choice(STREETS)} {rng.randint(1, 90)}, 645 34 Strängnäs.",
        f"Telefon 070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)} efter kl. 16.",
        f"E-post: {rng.choice(FIRST).lower()}.{rng.choice(LAST).lower()}@exempel.se",
        f"Handläggare {name()} har talat med {name()}.",
        f"Medsökande {name()}, personnummer {rng.choice(TEST_PNR)}.",
        f"Bankgiro {rng.randint(100, 999)}-{rng.randint(1000, 9999)} för utbetalning.",
    ]
    lines: list[str] = []
    for i in range(45):
        if i % 4 == 2 and data:
            lines.append(data.pop(0))
        else:
            lines.append(" ".join(rng.choice(FILLER) for _ in range(12)))
    return lines


def generate(pages: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    doc = pymupdf.open()
    font = pymupdf.Font("tiro")
    for _ in range(pages):
        page = doc.new_page()
        writer = pymupdf.TextWriter(page.rect)
        for n, line in enumerate(page_lines(rng)):
            writer.append((50, 60 + n * 16), line, font=font, fontsize=10)
        writer.write_text(page)
    return doc.tobytes(garbage=3, deflate=True)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("generated.pdf")
    out.write_bytes(generate(count))
    print(f"wrote {count} pages to {out}")
