"""Rebuild the PER annotation of the Lomma protocol from the hand-made list of names in it.

The list below was written by reading the whole protocol (Lomma kommun, KF 2024-03-14). Every
occurrence of each name is annotated, also across line breaks and in the genitive (-s). The output
(``assets/lomma-kf-2024-03-14.persons.jsonl``, one ``{"start", "end", "text"}`` per line) was then
checked by hand against the text; re-run this script only to regenerate the same file.

Convention: the span is the name only (no party tag, no role), genitive -s included.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

NAMES = """
Nina Jägroth; Jonna Tingberg; Per Bengtsson; Maria Zingmark; Lena Wahlgren; Marie Nilsson;
Rune Netterlid; Robert Wenglén; Susanne Borgelius; Fredrik Karström; Oscar Magnusson;
Eva Banheden Lindblad; Aron Regnéll; Charlott Enocson; Charlott Enocsson; Jerry Ahlström;
Jens Thystrup; Ann Haluzova; Stefan Wojnicki Högberg; Bert Larsson; Richard Jerneborg; Jesper Wiman;
Pia Johnson; Thomas Eneström; Lennart Nilsson; Eva Netterlid; Sandra Pilemalm; Ida Alm; Gun Larsson;
Martha Henriksson Witt; Lars-Göran Svensson; Martin Uncyk; Ingrid Ascard; Viveka Berger Pålsson;
Oscar Sedira; Jeanette Larson; Jeanette Larsson; Natalia Engstedt; Natalia Engstet; Jonas Olsson;
Tony Ljungström; Kristina Thored; Jenny Morau; Ulf Richeberg; Delphine Raimbault; Emma Köster;
Carl Hammarström; Caroline Lindberg; Martin Holtz; Anders Olin; Jeanette Schönknecht;
Ingrid Strömgren; Sven Gunnarsson; Karl-Gustav Nilsson; Marie Sand; Paul Andersson;
Andreas Svensson; Fredrik Sverkersten; Henri Gossé; Bo Polsten; Lena Svensson; Christer Philipsson;
Micael Carlnil; Bo Nors; Christian Almström; Hanna Tingberg; Arne Ekstrand; Krister Wiman;
Tomas Vinnersten; Rune Setthammar; Max Kristensson; Victor Ollén; Sofia Forsgren Böhmer;
Elin Helmander; Miriam Svensson; Mikael Pankko; Lennart Månsson; Patrik Westerberg
"""


def name_pattern(name: str) -> str:
    """Words separated by any whitespace (line breaks included), optional genitive -s."""
    words = [re.escape(w) for w in name.split()]
    genitive = "" if name.endswith(("s", "x", "z")) else "s?"
    return r"(?<!\w)" + r"\s+".join(words) + genitive + r"(?!\w)"


def annotate(text: str) -> list[dict]:
    names = sorted({n.strip() for n in NAMES.split(";") if n.strip()}, key=len, reverse=True)
    taken: list[tuple[int, int]] = []
    for name in names:
        for match in re.finditer(name_pattern(name), text):
            if not any(match.start() < e and s < match.end() for s, e in taken):
                taken.append((match.start(), match.end()))
    return [{"start": s, "end": e, "text": text[s:e]} for s, e in sorted(taken)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--text", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    spans = annotate(args.text.read_text(encoding="utf-8"))
    args.out.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in spans), encoding="utf-8")
    print(f"wrote {args.out}: {len(spans)} person mentions")


if __name__ == "__main__":
    main()
