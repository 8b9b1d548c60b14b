"""The ``skymma`` command line.

Exit codes: 0 done, 1 internal error, 2 bad input or usage, 3 leak detected (no output written).
Every error is one line on stderr; never a traceback (set SKYMMA_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.domain.errors import BadInput, LeakDetected, RedactionError
from app.domain.model import LabelMode
from app.findings_file import findings_document, read_decisions
from app.formats.registry import handler_for
from app.isolation import run_isolated
from app.pipeline import Analysis, Redaction, accept_all, analyze_file, apply_decisions, burn_and_verify
from app.settings import Settings, get_settings

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_LEAK = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="skymma", description="Find and burn personal data out of Swedish public documents."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    analyze = sub.add_parser("analyze", help="list proposed masks for a file")
    analyze.add_argument("src", type=Path, help="the document to analyse")
    analyze.add_argument(
        "--json", action="store_true", help="print a decisions file (JSON) instead of a table"
    )

    redact = sub.add_parser("redact", help="burn masks into a copy of a file and verify it")
    redact.add_argument("src", type=Path, help="the document to redact")
    redact.add_argument("-o", "--output", type=Path, required=True, help="where to write the redacted file")
    which = redact.add_mutually_exclusive_group()
    which.add_argument("--accept-all", action="store_true", help="burn every proposal")
    which.add_argument("--decisions", type=Path, help="burn what this decisions file accepts")
    redact.add_argument(
        "--label",
        choices=[m.value for m in LabelMode],
        help="text on each mask: nothing, the entity type, or the legal ground (default: settings)",
    )
    redact.add_argument("--ground", help="legal ground for masks without one, e.g. 'OSL 26 kap. 1 §'")

    batch = sub.add_parser("batch", help="redact every item of an mbox, a Maildir or a folder (resumable)")
    batch.add_argument("src", type=Path, help="an mbox file, a Maildir, or a folder of documents")
    batch.add_argument("-o", "--output", type=Path, required=True, help="output folder (mirrors the input)")
    batch.add_argument(
        "--accept-all", action="store_true", help="burn every proposal (else: write proposals to review)"
    )
    batch.add_argument("--label", choices=[m.value for m in LabelMode], help="text on each mask")
    batch.add_argument("--ground", help="legal ground for the masks, e.g. 'OSL 26 kap. 1 §'")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if os.environ.get("SKYMMA_DEBUG") else logging.ERROR)
    settings = get_settings()
    commands: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
        "analyze": _analyze,
        "redact": _redact,
        "batch": _batch,
    }
    try:
        return commands[args.command](args, settings)
    except LeakDetected as exc:
        _error(f"{exc}; the output was not written")
        return EXIT_LEAK
    except BadInput as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    except RedactionError as exc:
        _error(str(exc))
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except Exception as exc:
        if os.environ.get("SKYMMA_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc}")
        return EXIT_INTERNAL


def _error(message: str) -> None:
    print(f"skymma: {message}", file=sys.stderr)


def _load_analyzer(settings: Settings) -> Any:
    from app.analysis.engine import Analyzer

    return Analyzer.from_settings(settings)


def _isolated(settings: Settings, fn: Callable[..., Any], *args: Any) -> Any:
    return run_isolated(
        fn, *args, timeout=settings.max_seconds, memory_bytes=settings.max_memory_mb * 1024 * 1024
    )


def _analyze(args: argparse.Namespace, settings: Settings) -> int:
    handler_for(args.src)  # refuse unsupported input before loading models
    analyzer = _load_analyzer(settings)
    ctx = settings.handler_context()

    def job() -> dict[str, Any]:
        analysis = analyze_file(args.src, analyzer, ctx)
        grounds = {e: settings.default_ground for e in settings.entities}
        return findings_document(
            source=args.src,
            sha256=analysis.sha256,
            doc=analysis.document,
            findings=list(analysis.findings),
            grounds=grounds,
            notes=analysis.notes,
        )

    report = _isolated(settings, job)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_table(report)
    return EXIT_OK


def _print_table(report: dict[str, Any]) -> None:
    for note in report["notes"]:
        print(f"note: {note}")
    rows = report["findings"]
    print(f"{len(rows)} proposals in {report['source']} ({report['pages']} pages)")
    for row in rows:
        where = f"p. {row['page']}" if row["page"] else row["where"]
        text = row["text"].replace("\n", " ")
        print(f"{where:>8}  {row['entity']:<20} {row['score']:.2f}  {text}  [{row['recognizer']}]")


def _redact(args: argparse.Namespace, settings: Settings) -> int:
    if not args.accept_all and args.decisions is None:
        raise BadInput(
            "a person must confirm the masks: pass --accept-all to burn every proposal, or "
            "--decisions FILE (from 'skymma analyze --json') to burn the accepted ones"
        )
    handler_for(args.src)
    decisions = read_decisions(args.decisions) if args.decisions else None
    if not args.output.parent.is_dir():
        raise BadInput(f"the output folder {args.output.parent} does not exist")
    analyzer = _load_analyzer(settings)
    label = LabelMode(args.label) if args.label else None
    ctx = settings.handler_context(label)
    ground = args.ground or settings.default_ground

    def job() -> Redaction:
        analysis: Analysis = analyze_file(args.src, analyzer, ctx)
        if decisions is None:
            masks, kept = accept_all(analysis, ground)
        else:
            masks, kept = apply_decisions(analysis, decisions, ground)
        return burn_and_verify(analysis, masks, kept, args.output, ctx)

    result: Redaction = _isolated(settings, job)
    for note in result.notes:
        print(f"note: {note}")
    print(
        f"burned {len(result.masks)} masks on {len(result.pages_touched)} pages into {result.output}; "
        f"verified: {result.report.summary()}"
    )
    return EXIT_OK


def _batch(args: argparse.Namespace, settings: Settings) -> int:
    from app.batch.cached_analyzer import CachingAnalyzer
    from app.batch.item import WorkerConfig
    from app.batch.progress import progress_callback
    from app.batch.runner import run_batch
    from app.batch.sources import classify

    classify(args.src)  # refuse a missing source before loading models
    analyzer = CachingAnalyzer.from_settings(settings)
    analyzer.workers = 1  # the batch spreads items over the cores, not the segments of one item
    label = LabelMode(args.label) if args.label else None
    ctx = replace(settings.handler_context(label), workers=1, durable=False)
    config = WorkerConfig(analyzer, settings, ctx, args.accept_all, args.ground or settings.default_ground,
                          args.output)
    update, close = progress_callback(args.src)
    try:
        summary = run_batch(args.src, args.output, config, settings.workers, update)
    finally:
        close()
    counts = ", ".join(f"{n} {status}" for status, n in sorted(summary.statuses.items())) or "nothing new"
    print(f"{summary.processed} items processed ({counts}), {summary.skipped} already done; "
          f"report: {args.output / 'report.csv'}")
    if summary.statuses.get("leak"):
        return EXIT_LEAK
    return EXIT_BAD_INPUT if summary.statuses.get("failed") else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
