"""Render metrics/metrics.json as Markdown tables between the METRICS markers of the model card.

Usage: python scripts/card.py --metrics metrics/metrics.json --card ../../docs/model-card.md
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

START, END = "<!-- METRICS:START -->", "<!-- METRICS:END -->"
SETS = [
    ("klintan_test", "Klintan test (cased)"),
    ("klintan_test_lowercase", "Klintan test (forced lower case)"),
    ("uner_talbanken_test", "UNER Talbanken test (out of domain)"),
    ("synthetic_heldout", "Synthetic held-out (templates and names unseen)"),
    ("lomma_protocol", "Lomma KF protocol 2024-03-14 (PER only, our annotation)"),
]


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def table(name: str, report: dict) -> list[str]:
    lines = [f"**{name}**", "",
             "| label | gold | precision | recall | F1 | masked-at-all recall | leak rate |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for label in ("PER", "LOC", "ORG", "ALL"):
        if label in report and report[label]["gold"]:
            r = report[label]
            lines.append(f"| {label} | {r['gold']} | {pct(r['precision'])} | {pct(r['recall'])} | "
                         f"{pct(r['f1'])} | {pct(r['masked_recall'])} | {pct(r['leak_rate'])} |")
    return [*lines, ""]


def render(metrics: dict) -> str:
    lines = [START, "", f"Measured on `{metrics['model']}` with spaCy {metrics['spacy']}. "
             "Figures in percent; span metrics are exact-match.", ""]
    for key, name in SETS:
        if metrics.get(key):
            lines += table(name, metrics[key])
    unknown = metrics["synthetic_heldout_unknown_names"]
    retention = metrics["klintan_token_retention"]
    speed = metrics["speed_one_core"]
    lines += [
        "**Other figures**", "",
        "| figure | value |", "|---|---:|",
        f"| held-out PER names unknown to the gazetteer: recall (n={unknown['gold']}) | "
        f"{pct(unknown['recall'])} |",
        f"| ... masked-at-all recall | {pct(unknown['masked_recall'])} |",
        f"| token retention, entity-free Klintan test sentences, any label ({retention['tokens']} tokens) | "
        f"{100 * retention['retention_any_label']:.2f} |",
        f"| token retention, same sentences, PER only (what Skymma masks by default) | "
        f"{100 * retention['retention_per']:.2f} |",
        f"| speed, one core, `nlp.pipe` (words/s) | {speed['words_per_second']:,} |",
        f"| model size on disk (MB) | {metrics['size_mb']} |",
        "", "**PER confidence (beam recipe, Klintan test)**", "",
        "| figure | value |", "|---|---:|",
        *[f"| {key} | {value} |" for key, value in metrics["per_confidence_klintan_test"].items()],
        "", END]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--metrics", type=Path, required=True)
    parser.add_argument("--card", type=Path, required=True)
    args = parser.parse_args()
    card = args.card.read_text(encoding="utf-8")
    before, _, rest = card.partition(START)
    _, _, after = rest.partition(END)
    metrics = json.loads(args.metrics.read_text(encoding="utf-8"))
    args.card.write_text(before + render(metrics) + after, encoding="utf-8")
    print(f"updated {args.card}")


if __name__ == "__main__":
    main()
