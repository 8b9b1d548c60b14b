"""The batch report: one row per item (status, counts per entity type, error) as JSON and CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.domain.model import EntityType

COLUMNS = ("item", "status", "format", "findings", "masks", "error", "output", "seconds")


def write_reports(outdir: Path, results: Mapping[str, dict[str, Any]]) -> tuple[Path, Path]:
    rows = [results[key] for key in sorted(results)]
    json_path = outdir / "report.json"
    json_path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    csv_path = outdir / "report.csv"
    entity_columns = [e.value for e in EntityType]
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([*COLUMNS, *entity_columns])
        for row in rows:
            counts = row.get("entities", {})
            writer.writerow([row.get(c, "") for c in COLUMNS] + [counts.get(e, 0) for e in entity_columns])
    return json_path, csv_path
