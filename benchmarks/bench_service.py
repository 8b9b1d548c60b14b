"""The review service end to end: upload, analysis job, findings, page images, manual mask, burn job.

Runs the real app in-process (TestClient, SQLite in a temporary folder) on a generated document of
N pages (default 20) and prints one line per step with its wall-clock time. Numbers go into
docs/benchmarks.md. Usage: python benchmarks/bench_service.py [pages]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_pdf import generate  # noqa: E402

from app.api.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402

PASSWORD = "bench-lösenord-1"


def _wait(client: TestClient, job_id: str) -> dict:
    while True:
        job = client.get(f"/api/v1/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.02)


def main(pages: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="skymma-bench-"))
    settings = Settings(data_dir=folder, admin_password=SecretStr(PASSWORD))
    pdf = generate(pages)
    with TestClient(create_app(settings)) as client:
        csrf = client.post("/api/v1/auth/login", json={"username": "admin", "password": PASSWORD}).json()[
            "csrf_token"
        ]
        client.headers["X-CSRF-Token"] = csrf
        case = client.post("/api/v1/cases", json={"diarienummer": "BENCH 1"}).json()
        t0 = time.perf_counter()
        upload = client.post(
            f"/api/v1/cases/{case['id']}/documents", files=[("files", ("b.pdf", pdf, "application/pdf"))]
        )
        t_upload = time.perf_counter() - t0
        item = upload.json()[0]
        _wait(client, item["job"]["id"])
        t_analysis = time.perf_counter() - t0
        document = item["document"]["id"]
        t0 = time.perf_counter()
        findings = client.get(f"/api/v1/documents/{document}/findings").json()
        t_findings = time.perf_counter() - t0
        images = []
        for n in range(1, min(pages, 10) + 1):
            t0 = time.perf_counter()
            assert (
                client.get(
                    f"/api/v1/documents/{document}/pages/{n}/image", params={"variant": "preview"}
                ).status_code
                == 200
            )
            images.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        client.post(f"/api/v1/documents/{document}/masks", json={"text": "Strängnäs", "ground_id": 1})
        t_mask = time.perf_counter() - t0
        t0 = time.perf_counter()
        burn = client.post(f"/api/v1/documents/{document}/burn", json={"accept_remaining": True}).json()
        job = _wait(client, burn["id"])
        t_burn = time.perf_counter() - t0
        assert job["state"] == "done", job
    print(f"pages: {pages}, findings: {len(findings)}")
    print(f"upload answered (202):        {t_upload * 1000:8.0f} ms")
    print(f"upload to analysed:           {t_analysis * 1000:8.0f} ms")
    print(f"findings list:                {t_findings * 1000:8.0f} ms")
    print(f"page image (preview, median): {statistics.median(images) * 1000:8.0f} ms")
    print(f"manual mask, every occurrence:{t_mask * 1000:8.0f} ms")
    print(f"burn + verify job:            {t_burn * 1000:8.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
