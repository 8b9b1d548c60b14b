"""The review page in headless Chromium on a large document: how long until it is usable, and how long
each interaction takes (decision by key, page change, filter, jump to a row on another page).

Starts the real service (uvicorn subprocess, SQLite in a temporary folder), uploads a generated
document of N pages (benchmarks/generate_pdf.py, about ten personal data per page) over the API,
then drives Debian's chromium with Playwright. Times are wall clock, measured in the test process
until the page shows the result (polled every animation frame). Numbers go into docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_web.py [pages ...]      (default: 20 100)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_pdf import generate  # noqa: E402
from tests.web.live_service import live_service  # noqa: E402

PASSWORD = "bench-webb-lösen-1"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _analysed_document(url: str, pages: int) -> tuple[str, int]:
    http = httpx.Client(base_url=url, timeout=600)
    me = http.post("/api/v1/auth/login", json={"username": "admin", "password": PASSWORD}).json()
    http.headers["X-CSRF-Token"] = me["csrf_token"]
    case = http.post("/api/v1/cases", json={"diarienummer": f"BENCH {pages}"}).json()
    files = [("files", ("bench.pdf", generate(pages), "application/pdf"))]
    item = http.post(f"/api/v1/cases/{case['id']}/documents", files=files).json()[0]
    while http.get(f"/api/v1/jobs/{item['job']['id']}").json()["state"] not in ("done", "failed"):
        time.sleep(0.1)
    document = item["document"]["id"]
    return document, len(http.get(f"/api/v1/documents/{document}/findings").json())


def _timed(page, action, condition: str, arg: object = None) -> float:  # noqa: ANN001
    print(f"  waiting for {condition[:60]} ({arg})", file=sys.stderr, flush=True)
    start = time.perf_counter()
    action()
    page.wait_for_function(
        condition, arg=arg, polling="raf", timeout=float(os.environ.get("BENCH_STEP_TIMEOUT_MS", "600000"))
    )
    return time.perf_counter() - start


ROWS = "n => document.querySelectorAll('#fynd tr[data-finding-id]').length === n"
IMAGE = ("n => { const i = document.getElementById('sidbild'); "
         "return i.src.includes(`/pages/${n}/image`) && i.complete && i.naturalWidth > 0; }")  # fmt: skip
SELECTED_STATUS = "s => document.querySelector('#fynd tr.selected .decision')?.textContent === s"


def measure(url: str, pages: int) -> dict[str, float | int]:
    document, findings = _analysed_document(url, pages)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context(viewport={"width": 1440, "height": 1000}, bypass_csp=True).new_page()
        page.goto(f"{url}/ui/inloggning")
        page.fill("#anvandarnamn", "admin")
        page.fill("#losenord", PASSWORD)
        page.click("#inloggning button[type=submit]")
        page.wait_for_url("**/ui/arenden")
        ready = _timed(page, lambda: page.goto(f"{url}/ui/dokument/{document}/granskning"), ROWS, findings)
        page.wait_for_function(IMAGE, arg=1, polling="raf")
        decisions = []
        page.locator("#fynd tr[data-finding-id]").first.locator("td.finding-text").click()
        for _ in range(10):
            page.keyboard.press("j")
            decisions.append(_timed(page, lambda: page.keyboard.press("a"), SELECTED_STATUS, "Godkänd"))
        turns = [_timed(page, lambda: page.click("#nasta"), IMAGE, n) for n in range(2, min(pages, 6) + 1)]
        filtering = _timed(
            page,
            lambda: page.fill("#filter-text", "Anna"),
            "n => document.querySelectorAll('#fynd tr[data-finding-id]').length < n",
            findings,
        )
        page.fill("#filter-text", "")
        last = page.locator("#fynd tr[data-finding-id]").last.locator("td.finding-text")
        jump = _timed(page, last.click, IMAGE, pages)
        browser.close()
    return {
        "findings": findings,
        "ready": ready,
        "decision": statistics.median(decisions),
        "turn": statistics.median(turns),
        "filter": filtering,
        "jump": jump,
    }


def main(sizes: list[int]) -> None:
    rows = {}
    for pages in sizes:
        with live_service(Path(tempfile.mkdtemp(prefix="skymma-bench-web-")), PASSWORD) as service:
            rows[pages] = measure(service.url, pages)
    print("| step | " + " | ".join(f"{p} pages ({r['findings']} findings)" for p, r in rows.items()) + " |")
    print("|---|" + "---|" * len(rows))
    labels = {
        "ready": "review page opened until every row is in the table",
        "decision": "accept by key until the row says Godkänd (median of 10)",
        "turn": "next page until its image is shown (median)",
        "filter": "text filter typed until the table is filtered",
        "jump": "click a row on the last page until that page is shown",
    }
    for key, label in labels.items():
        print(f"| {label} | " + " | ".join(f"{r[key] * 1000:.0f} ms" for r in rows.values()) + " |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20, 100])
