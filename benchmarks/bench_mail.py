"""Batch benchmark: redact a generated mbox with ``skymma batch --accept-all`` and measure it.

Generates an archive (``generate_mail.py``: every 5th message with a Word attachment, every 10th
with a PDF), runs the real command in a subprocess and samples, twice a second, the number of items
done (lines in the resume state) and the memory of the whole process tree: the sum of each
process's PSS (proportional set size: pages shared copy-on-write between the workers are split
between them, so the sum is the tree's real footprint) and the largest single RSS. It also totals
the CPU time of every process, which gives the rate the work allows on idle cores when other jobs
share the machine. Prints a Markdown table for docs/benchmarks.md, including memory when a quarter
and all of the archive are done, to show memory does not grow with the archive.

    .venv/bin/python benchmarks/bench_mail.py [--messages 10000] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_mail import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SKYMMA = ROOT / ".venv" / "bin" / "skymma"


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    pids, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            pids.append(child)
            frontier.append(child)
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """(sum of PSS, largest RSS) in bytes over the process tree of ``pid``."""
    pss_total, rss_max = 0, 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss_total += int(line.split()[1]) * 1024
                elif line.startswith("Rss:"):
                    rss_max = max(rss_max, int(line.split()[1]) * 1024)
        except OSError:
            continue
    return pss_total, rss_max


def _own_cpu(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` itself (not its children), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _done(outdir: Path) -> int:
    state = outdir / ".skymma-batch" / "state.jsonl"
    try:
        with state.open("rb") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return 0


def run(archive: Path, outdir: Path, messages: int) -> dict:
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(SKYMMA), "batch", str(archive), "-o", str(outdir), "--accept-all"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    samples: list[tuple[float, int, int, int]] = []  # seconds, items done, pss sum, max rss
    first_item = None
    parent_cpu = parent_cpu_at_first = 0.0
    while proc.poll() is None:
        parent_cpu = _own_cpu(proc.pid) or parent_cpu
        done = _done(outdir)
        if done and first_item is None:
            first_item = time.monotonic() - started
            parent_cpu_at_first = parent_cpu
        samples.append((time.monotonic() - started, done, *_memory(proc.pid)))
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    out, err = proc.communicate()
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and every worker it reaped
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}): {err.decode()[-500:]}")

    def memory_at(count: int) -> tuple[int, int]:
        rows = [s for s in samples if s[1] <= count]
        return (max(r[2] for r in rows), max(r[3] for r in rows)) if rows else (0, 0)

    steady = [s for s in samples if s[1] > 0]
    items_time = (steady[-1][0] - steady[0][0]) if len(steady) > 1 else elapsed
    items_done = (steady[-1][1] - steady[0][1]) if len(steady) > 1 else messages
    return {
        "elapsed": elapsed,
        "startup": first_item or 0.0,
        "rate_total": messages / elapsed,
        "rate_steady": items_done / items_time if items_time else 0.0,
        "quarter": memory_at(messages // 4),
        "all": memory_at(messages),
        "summary": out.decode().strip(),
        "cpu": cpu,
        "parent_cpu": parent_cpu - parent_cpu_at_first,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="skymma-bench-mail-"))
    workdir.mkdir(parents=True, exist_ok=True)
    archive = workdir / "archive.mbox"
    started = time.monotonic()
    generate(archive, args.messages)
    generated = time.monotonic() - started
    outdir = workdir / "out"
    shutil.rmtree(outdir, ignore_errors=True)
    result = run(archive, outdir, args.messages)
    mib = 1024 * 1024
    load = os.getloadavg()
    print(
        f"archive: {args.messages} messages, {archive.stat().st_size / mib:.1f} MiB, "
        f"generated in {generated:.0f} s; {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average at the end {load[0]:.1f}"
    )
    print(result["summary"])
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| wall time, whole command (model loading included) | {result['elapsed']:.0f} s |")
    print(f"| start-up until the first item is done | {result['startup']:.1f} s |")
    print(f"| messages/s, whole command | {result['rate_total']:.1f} |")
    print(f"| messages/s, steady state | {result['rate_steady']:.1f} |")
    cores = os.cpu_count() or 1
    per_message = result["cpu"] / args.messages
    print(f"| CPU time (user + system, all processes) per message | {per_message * 1000:.1f} ms |")
    print(
        "| of which the main process after start-up (reading, hand-off, state, assembling) "
        f"| {result['parent_cpu'] / args.messages * 1000:.1f} ms |"
    )
    print(f"| messages/s the CPU time allows on {cores} otherwise idle cores | {cores / per_message:.0f} |")
    for label, key in (
        (f"{args.messages // 4:,} messages done", "quarter"),
        (f"{args.messages:,} done", "all"),
    ):
        pss, rss = result[key]
        print(
            f"| memory at {label}: PSS of all processes / largest RSS "
            f"| {pss / mib:.0f} MiB / {rss / mib:.0f} MiB |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
